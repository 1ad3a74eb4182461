"""Workbooks built in code: the sample (the seed plan) and variations of it."""

from __future__ import annotations

import copy
from pathlib import Path

import make_sample_workbook as seed
from pipeline.workbook import format as F
from pipeline.workbook.new import write_workbook


def sample() -> dict[str, list[list]]:
    """The sample workbook's rows by sheet, as lists that a test may change."""
    return {name: [list(row) for row in rows] for name, rows in copy.deepcopy(seed.sample_sheets()).items()}


def build_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    return write_workbook(path, sheets)


def set_info(sheets, label: str, value) -> None:
    for row in sheets[F.SHEET_INFO]:
        if row[0] == label:
            row[1] = value
            return
    sheets[F.SHEET_INFO].append([label, value])


def document_row(sheets, kind: str) -> list:
    """The `Văn bản` row for `kind`, padded to every column, to change in place."""
    for row in sheets[F.SHEET_DOCUMENTS]:
        if row[0] == kind:
            row.extend([None] * (len(F.DOCUMENT_COLUMNS) - len(row)))
            return row
    raise KeyError(kind)


def set_document(sheets, kind: str, column: str, value) -> None:
    names = [c.name for c in F.DOCUMENT_COLUMNS]
    document_row(sheets, kind)[names.index(column)] = value


def raw_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook written as given, headers included: for inputs the format does not allow."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


def with_headers(sheets: dict[str, list[list]]) -> dict[str, list[list]]:
    """The sheets with their format v1 header rows, for raw_workbook."""
    columns = {F.SHEET_INFO: F.INFO_COLUMNS, **F.TABLE_SHEETS, **F.OPTIONAL_TABLE_SHEETS}
    return {name: [[c.name for c in columns[name]], *rows] for name, rows in sheets.items()}
