"""Write workbooks in format v1, made for Excel users: frozen headers, widths that fit, wrapped text,
dropdown lists for the fields with fixed values. Used by `make-report init` and for the sample.

Every save is atomic: the workbook is written to a temporary file beside the target and renamed over
it, so a full disk or a crash leaves the old file as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from glob import escape as glob_escape
from pathlib import Path

from ..documents import REGISTRY
from . import format as F

ROWS_WITH_DROPDOWNS = 1000
MAX_PROMPT_CHARS = 255
"""Excel refuses a data validation whose prompt is longer."""


def write_workbook(path: str | Path, sheets: dict[str, list[list]]) -> Path:
    """Write `sheets` (sheet name -> data rows, without the header) as a format v1 workbook.

    Sheets are written in the format's order with its headers; the Thông tin sheet's rows are
    (label, value) pairs.
    """
    return save_atomically(_build(sheets), Path(path))


def _build(sheets: dict[str, list[list]]):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    columns_of = {F.SHEET_INFO: F.INFO_COLUMNS, **F.TABLE_SHEETS}
    for name in F.ALL_SHEETS:
        ws = wb.create_sheet(name)
        columns = columns_of[name]
        ws.append([c.name for c in columns])
        for cell in ws[1]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in sheets.get(name, []):
            ws.append(list(row))
        for i, column in enumerate(columns, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = column.width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        ws.freeze_panes = "A2"
        _add_dropdowns(ws, name, columns)
    return wb


def _add_dropdowns(ws, name: str, columns) -> None:
    choices = {
        (F.SHEET_DOCUMENTS, F.DOC_KIND): REGISTRY.labels(),
        (F.SHEET_RESULTS, F.RESULT_QUARTER): F.QUARTERS,
        (F.SHEET_RESULTS, F.RESULT_STATUS): F.STATUSES,
        (F.SHEET_RECIPIENTS, F.RECIPIENT_DOC): F.RECIPIENT_KINDS,
    }
    for i, column in enumerate(columns, start=1):
        values = choices.get((name, column.name))
        if values:
            _strict_list(ws, ws.cell(1, i).column_letter, values)


def _strict_list(ws, letter: str, values) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error="Chọn một giá trị trong danh sách: " + ", ".join(values),
    )
    dv.add(f"{letter}2:{letter}{ROWS_WITH_DROPDOWNS}")
    ws.add_data_validation(dv)


def _suggestion_list(ws, letter: str, values, prompt: str) -> None:
    """A dropdown of common values that still takes anything typed (no error alert).

    `values` is a tuple of values, or a range of cells holding them (for values with commas).
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1=values if isinstance(values, str) else '"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=False,
        showInputMessage=True,
        promptTitle="Chọn hoặc gõ",
        prompt=prompt[:MAX_PROMPT_CHARS],
    )
    dv.add(f"{letter}2:{letter}{ROWS_WITH_DROPDOWNS}")
    ws.add_data_validation(dv)


def _column_letter(columns, name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([c.name for c in columns].index(name) + 1)


def _add_clerk_dropdowns(wb, year: int, field_names: str) -> None:
    """The dropdowns a new plan gets beyond the sample's: suggestions, free text allowed.

    `field_names` is the range of cells listing the CCHC fields (their names hold commas).
    """
    documents = wb[F.SHEET_DOCUMENTS]
    _suggestion_list(documents, _column_letter(F.DOCUMENT_COLUMNS, F.DOC_AUTHORITY), F.COMMON_AUTHORITIES,
                     "Chủ tịch ký: TM. ỦY BAN NHÂN DÂN. Phó Chủ tịch ký thay: gõ TM. ỦY BAN NHÂN DÂN, "
                     "nhấn Alt+Enter, gõ KT. CHỦ TỊCH.")
    _suggestion_list(documents, _column_letter(F.DOCUMENT_COLUMNS, F.DOC_TITLE), F.COMMON_TITLES,
                     "Chức vụ người ký, chữ in hoa, ví dụ CHỦ TỊCH hoặc PHÓ CHỦ TỊCH.")
    _yes_no_for_label(wb[F.SHEET_INFO], F.INFO_GROUP_BY_FIELD)
    _suggestion_list(wb[F.SHEET_TASKS], _column_letter(F.TASK_COLUMNS, F.TASK_DEADLINE), F.COMMON_DEADLINES,
                     f"Chọn trong danh sách hoặc gõ: Tháng 6/{year}, 30/6/{year}, Trước ngày 30/6/{year}, "
                     f"Năm {year}.")
    _suggestion_list(wb[F.SHEET_TASKS], _column_letter(F.TASK_COLUMNS, F.TASK_FIELD), field_names,
                     "Lĩnh vực cải cách hành chính của nhiệm vụ; để trống nếu mã tiêu chí đã cho biết.")


def _yes_no_for_label(ws, label: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for row in ws.iter_rows(min_row=2, max_col=2):
        if row[0].value == label:
            dv = DataValidation(type="list", formula1=f'"{F.YES},{F.NO}"', allow_blank=True, showErrorMessage=True,
                                errorTitle="Giá trị không hợp lệ", error=f"Chọn {F.YES} hoặc {F.NO}")
            dv.add(row[1].coordinate)
            ws.add_data_validation(dv)


def blank_workbook(path: str | Path, year: int) -> Path:
    """A new plan's workbook: one example row per sheet, to be overwritten by the clerk, and a guide.

    The examples are those of a commune after the 2025 reform: it reports to the province.
    """
    from .guide import add_guide_sheet

    wb = _build(blank_sheets(year))
    _mark_examples(wb)
    _add_clerk_dropdowns(wb, year, add_guide_sheet(wb, year))
    return save_atomically(wb, Path(path))


EXAMPLE_COLOR = "808080"
"""Example values are grey and italic: what to replace is told apart from what to keep (the labels)."""


def _mark_examples(wb) -> None:
    """Every value of the example rows (not the headers, not the labels of `Thông tin`) in grey italics."""
    from openpyxl.styles import Font

    example = Font(italic=True, color=EXAMPLE_COLOR)
    for name in F.ALL_SHEETS:
        first_column = 2 if name == F.SHEET_INFO else 1
        for row in wb[name].iter_rows(min_row=2, min_col=first_column):
            for cell in row:
                if cell.value not in (None, ""):
                    cell.font = example


def blank_sheets(year: int) -> dict[str, list]:
    signature = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", F.EXAMPLE_SIGNER)
    return {
        F.SHEET_INFO: [
            (F.INFO_MANAGING_BODY, ""),
            (F.INFO_ISSUER, F.EXAMPLE_ISSUER),
            (F.INFO_SHORT_NAME, "UBND xã"),
            (F.INFO_SYMBOL, "UBND"),
            (F.INFO_PLACE, F.EXAMPLE_PLACE),
            (F.INFO_YEAR, year),
            (F.INFO_MONITORING_UNIT, "Văn phòng - Thống kê"),
            (F.INFO_GROUP_BY_FIELD, F.YES),
        ],
        F.SHEET_DOCUMENTS: [
            ("Kế hoạch", None, None, F.EXAMPLE_SUMMARY, *signature),
            ("Báo cáo quý I", None, None, None, *signature, F.EXAMPLE_DEPARTMENT),
        ],
        F.SHEET_BODY: [("I.", "MỤC ĐÍCH, YÊU CẦU")],
        F.SHEET_TASKS: [(1, F.EXAMPLE_CRITERION, F.EXAMPLE_SOLUTION, "Văn phòng - Thống kê", "", "Thường xuyên", "")],
        F.SHEET_RESULTS: [(1, "I", "Đang thực hiện", F.EXAMPLE_OUTCOME, F.EXAMPLE_EVIDENCE, "")],
        F.SHEET_RECIPIENTS: [
            ("Kế hoạch", F.EXAMPLE_PROVINCE_RECIPIENT),
            ("Kế hoạch", F.EXAMPLE_DEPARTMENT_RECIPIENT),
            ("Báo cáo", F.EXAMPLE_PROVINCE_RECIPIENT),
        ],
    }


_TEMP_PREFIX = ".~"


def save_atomically(wb, path: Path) -> Path:
    """Save beside `path`, then rename over it: the old file survives any failure of the save.

    Temporary files of an earlier save that was killed (`kill -9`, a power cut) are removed first.
    """
    for stale in path.parent.glob(_TEMP_PREFIX + glob_escape(path.name) + "*.tmp"):
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX + path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, _mode_for(path))
        wb.save(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _mode_for(target: Path) -> int:
    """A replaced file keeps its mode; a new one gets the user's default (mkstemp's is owner-only)."""
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
