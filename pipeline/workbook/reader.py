"""Read and validate a workbook (format v1.1) into a `Plan`: one reader per sheet, in this package.

Every problem is collected with its cell and a hint, then raised once as `InvalidWorkbook`.
The file is only ever opened for reading; hostile files are refused before any parser sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..documents import REGISTRY
from ..domain.plan import Agency, Level, Plan, Recipients, reports_by_period, warnings_for
from ..errors import InvalidWorkbook
from . import format as F
from .documents import read_documents
from .info import read_info
from .plan_sheets import read_body, read_fields, read_recipients
from .report_text import read_report_settings, read_report_texts
from .results import read_results
from .grid import open_workbook
from .statistics import read_statistics
from .tasks import read_tasks
from ..vietnamese import COMMUNE_WORDS, unit_word_of


def read_workbook(path: str | Path) -> Plan:
    """Read a workbook into a validated `Plan`. Raises `InvalidWorkbook` listing every problem."""
    path = Path(path)
    wb, reader, grid = open_workbook(path)
    sheets = reader.find_sheets(wb, optional=(F.SHEET_FIELDS, F.SHEET_REPORT_TEXT, F.SHEET_STATISTICS))

    agency, year, group_by_field, info = read_info(reader, sheets.get(F.SHEET_INFO), grid)
    report_form, legal_basis, level = read_report_settings(reader, info, F.SHEET_STATISTICS in sheets)
    by_period: dict = {}
    row_problems: dict = {}
    documents = read_documents(reader, sheets.get(F.SHEET_DOCUMENTS), grid, year, agency.name if agency else "",
                               by_period, problems_by_period=row_problems)
    report_texts = read_report_texts(reader, sheets.get(F.SHEET_REPORT_TEXT), grid, year,
                                     reports_by_period(documents))
    body = read_body(reader, sheets.get(F.SHEET_BODY), grid)
    tasks, task_numbers, repeated = read_tasks(reader, sheets.get(F.SHEET_TASKS), grid, year)
    results = read_results(reader, sheets.get(F.SHEET_RESULTS), grid, task_numbers, year, repeated)
    plan_recipients, report_recipients = read_recipients(reader, sheets.get(F.SHEET_RECIPIENTS), grid, year)
    field_names = read_fields(reader, sheets.get(F.SHEET_FIELDS), grid)
    statistics = read_statistics(reader, sheets.get(F.SHEET_STATISTICS), grid, year, level, has_plan=True)
    wb.close()

    for label in REGISTRY.required_rows():
        if label not in documents and F.SHEET_DOCUMENTS in sheets:
            reader.problem(F.SHEET_DOCUMENTS, "A2", f"thiếu dòng “{label}”", f"thêm một dòng có cột Văn bản là “{label}”")
    if not task_numbers and F.SHEET_TASKS in sheets and not any(p.sheet == F.SHEET_TASKS for p in reader.problems):
        reader.problem(F.SHEET_TASKS, "A2", "chưa có nhiệm vụ nào", "nhập ít nhất một nhiệm vụ")
    if reader.problems:
        raise InvalidWorkbook(path, reader.problems)
    assert agency is not None  # else a problem was reported above
    return Plan(
        agency=agency,
        year=year,
        documents=documents,
        body=tuple(body),
        tasks=tuple(tasks),
        results=tuple(results),
        plan_recipients=plan_recipients,
        report_recipients=report_recipients,
        source=path,
        group_by_field=group_by_field,
        field_names=field_names,
        warnings=tuple(reader.warnings),
        warnings_by_period={period: tuple(found) for period, found in by_period.items()},
        row_problems={key: tuple(found) for key, found in row_problems.items()},
        statistics=statistics,
        level=level,
        report_form=report_form,
        legal_basis=legal_basis,
        report_texts=report_texts,
    )


@dataclass(frozen=True)
class Issuer:
    """Who issues a roll-up report: read from a small workbook with `Thông tin` and `Văn bản`."""

    agency: Agency
    year: int
    reports: dict
    recipients: Recipients
    warnings: tuple = ()
    source: Path | None = None
    """The workbook it was read from, if any: messages name it."""
    statistics: tuple = ()
    """Số liệu: the province's own figures for its forms (its plan, its inspections…), at level tỉnh."""
    warnings_by_period: dict = field(default_factory=dict)
    """Those of `warnings` about a report period's row of `Văn bản`, by period."""

    def warnings_for(self, period) -> tuple:
        """What a roll-up of `period` warns about: not the rows of other periods."""
        return warnings_for(self.warnings, self.warnings_by_period, period)


def read_issuer_workbook(path: str | Path) -> Issuer:
    """Read only `Thông tin`, `Văn bản` (its `Báo cáo quý …` rows) and, if present, `Nơi nhận` and `Số liệu`."""
    path = Path(path)
    wb, reader, grid = open_workbook(path)
    sheets = reader.find_sheets(wb, (F.SHEET_INFO, F.SHEET_DOCUMENTS), (F.SHEET_RECIPIENTS, F.SHEET_STATISTICS))
    agency, year, _, info = read_info(reader, sheets.get(F.SHEET_INFO), grid)
    if agency is not None and unit_word_of(agency.name) in COMMUNE_WORDS:
        reader.problem(F.SHEET_INFO, info.get(F.INFO_ISSUER, ("", "B"))[1],
                       f"đây là sổ của {agency.name}, không phải của cơ quan tổng hợp",
                       "dùng sổ của Sở Nội vụ hoặc UBND tỉnh (tạo sổ trống: make-report init tinh.xlsx --tinh)")
    by_period: dict = {}
    documents = read_documents(reader, sheets.get(F.SHEET_DOCUMENTS), grid, year, agency.name if agency else "",
                               by_period, of_plan=False)
    _, recipients = read_recipients(reader, sheets.get(F.SHEET_RECIPIENTS), grid, year)
    statistics = read_statistics(reader, sheets.get(F.SHEET_STATISTICS), grid, year, Level.PROVINCE,
                                 has_plan=False)
    wb.close()
    if reader.problems:
        raise InvalidWorkbook(path, reader.problems)
    assert agency is not None  # else a problem was reported above
    return Issuer(agency, year, reports_by_period(documents), recipients, tuple(reader.warnings), path, statistics,
                  {period: tuple(found) for period, found in by_period.items()})
