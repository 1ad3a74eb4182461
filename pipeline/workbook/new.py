"""Write workbooks in format v1, made for Excel users: frozen headers, widths that fit, wrapped text,
dropdown lists for the fields with fixed values. Used by `make-report init` and for the sample.

Every save is atomic: the workbook is written to a temporary file beside the target and renamed over
it, so a full disk or a crash leaves the old file as it was.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path

from ..documents import REGISTRY
from ..domain.plan import Level, ReportForm
from ..tempfiles import make_temp, remove_abandoned
from ..xlsx_output import conformed_bytes
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


def _build(sheets: dict[str, list[list]], names: tuple[str, ...] = F.ALL_SHEETS):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    columns_of = {F.SHEET_INFO: F.INFO_COLUMNS, **F.TABLE_SHEETS, **F.OPTIONAL_TABLE_SHEETS}
    for name in (*names, *(name for name in F.OPTIONAL_TABLE_SHEETS if name in sheets)):
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
    """Only the values listed (a tuple, or a range of cells holding them)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1=values if isinstance(values, str) else '"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error="Chọn một giá trị trong danh sách" + ("" if isinstance(values, str) else ": " + ", ".join(values)),
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


def _add_report_dropdowns(wb, section_codes: str) -> None:
    """v1.2: the report form and level in `Thông tin`; the report and section of `Nội dung báo cáo`.

    `section_codes` is the range of the guide's cells listing the outline's codes (too many for a list
    typed in the validation itself).
    """
    info = wb[F.SHEET_INFO]
    _choice_for_label(info, F.INFO_REPORT_FORM, (ReportForm.CCHC.value, ReportForm.PLAN_RESULT.value))
    _choice_for_label(info, F.INFO_LEVEL, (Level.COMMUNE.value, Level.PROVINCE.value))
    texts = wb[F.SHEET_REPORT_TEXT]
    _strict_list(texts, _column_letter(F.REPORT_TEXT_COLUMNS, F.REPORT_TEXT_DOC),
                 tuple(label for label in REGISTRY.labels() if label.startswith("Báo cáo")))
    _strict_list(texts, _column_letter(F.REPORT_TEXT_COLUMNS, F.REPORT_TEXT_SECTION), section_codes)


def _name_the_indicators(ws, rows: list[tuple[str, str]] | None = None) -> None:
    """Each `Mã` cell says its indicator in a note (Excel shows it on hover): the sheet itself holds
    only the four columns the reader takes. `rows`: (code, indicator), a commune's by default."""
    from openpyxl.comments import Comment

    names = dict(rows if rows is not None else commune_statistics_rows())
    for (cell,) in ws.iter_rows(min_row=2, max_col=1):
        cell.number_format = "@"  # a code retyped stays text: Excel keeps `1.1` typed in General as a number
        if cell.value in names:
            cell.comment = Comment(names[cell.value], "make-report", width=320, height=80)


def _choice_for_label(ws, label: str, values: tuple[str, ...]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for row in ws.iter_rows(min_row=2, max_col=2):
        if row[0].value == label:
            dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                                error="Chọn một giá trị trong danh sách: " + ", ".join(values))
            dv.add(row[1].coordinate)
            ws.add_data_validation(dv)


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
    field_names, section_codes = add_guide_sheet(wb, year)
    _add_clerk_dropdowns(wb, year, field_names)
    _add_report_dropdowns(wb, section_codes)
    _name_the_indicators(wb[F.SHEET_STATISTICS])
    return save_atomically(wb, Path(path))


ISSUER_SHEETS = (F.SHEET_INFO, F.SHEET_DOCUMENTS, F.SHEET_RECIPIENTS)
"""What `tong-hop --thong-tin` reads (with `Số liệu`): a province's workbook has no plan."""


def blank_issuer_workbook(path: str | Path, year: int) -> Path:
    """A province's information workbook for `tong-hop --thong-tin`: who issues the roll-up, a row
    for each report of the CCHC cycle, where it goes, and the province's own figures, with examples
    to overwrite (a workbook still holding one is refused by the portal, with the cell)."""
    figures = province_statistics_rows()
    sheets: dict[str, list] = {
        F.SHEET_INFO: [
            (F.INFO_MANAGING_BODY, F.EXAMPLE_PROVINCE_BODY),
            (F.INFO_ISSUER, F.EXAMPLE_PROVINCE_ISSUER),
            (F.INFO_SHORT_NAME, "Sở Nội vụ"),
            (F.INFO_SYMBOL, "SNV"),
            (F.INFO_PLACE, F.EXAMPLE_PLACE),
            (F.INFO_YEAR, year),
        ],
        F.SHEET_DOCUMENTS: [(label, None, None, None, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", F.EXAMPLE_SIGNER,
                             F.EXAMPLE_PROVINCE_ADDRESSEE) for label in rollup_report_labels(year)],
        # Not UBND tỉnh: it is the Kính gửi, which `Như trên` stands for.
        F.SHEET_RECIPIENTS: [("Báo cáo", "Bộ Nội vụ (b/c)"), ("Báo cáo", "Giám đốc, các Phó Giám đốc Sở")],
        F.SHEET_STATISTICS: [(code, "Quý I", None, None) for code, _ in figures],
    }
    wb = _build(sheets, ISSUER_SHEETS)
    _mark_examples(wb)
    _name_the_indicators(wb[F.SHEET_STATISTICS], figures)
    return save_atomically(wb, Path(path))


def rollup_report_labels(year: int) -> list[str]:
    """Every period a province may roll up, in the year's order (quý I, quý II, 6 tháng, …, năm): a
    roll-up asks for its period's row, and `tong-hop` with no --ky takes the latest quarter reported."""
    from ..domain.period import all_periods

    kind = REGISTRY.of_many_plans()
    return [kind.row_label(period) for period in all_periods(year)]


def province_statistics_rows() -> list[tuple[str, str]]:
    """(code, indicator) of every figure a province types into its own `Số liệu`: its part of a sum,
    its own rows, the common lists and its yes/no rows (not the group headings, nor what is computed
    from its units)."""
    from ..statistics.catalog import Kind, RollupClass, load_catalog

    level = Level.PROVINCE
    typed = (RollupClass.SUM, RollupClass.OWN, RollupClass.LIST, RollupClass.FLAG)
    return [(i.code, i.indicator(level)) for i in load_catalog().indicators
            if i.rollup in typed and i.kind(level) not in (Kind.GROUP, Kind.FORM) and not i.is_computed_ratio(level)]


EXAMPLE_COLOR = "808080"
"""Example values are grey and italic: what to replace is told apart from what to keep (the labels)."""


def _mark_examples(wb) -> None:
    """Every value of the example rows (not the headers, not the labels of `Thông tin`) in grey italics."""
    from openpyxl.styles import Font

    example = Font(italic=True, color=EXAMPLE_COLOR)
    # Not `Số liệu` and the like: their rows name the indicators, which stay.
    for name in (F.SHEET_INFO, F.SHEET_DOCUMENTS, F.SHEET_BODY, F.SHEET_TASKS, F.SHEET_RESULTS, F.SHEET_RECIPIENTS):
        if name not in wb.sheetnames:
            continue
        first_column = 2 if name == F.SHEET_INFO else 1
        for row in wb[name].iter_rows(min_row=2, min_col=first_column):
            for cell in row:
                if cell.value not in (None, ""):
                    cell.font = example


def blank_sheets(year: int) -> dict[str, list]:
    """Format v1.2 for the periodic CCHC report: the four reports of the CCHC cycle, and a first row
    of `Nội dung báo cáo` to show the way."""
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
            (F.INFO_REPORT_FORM, ReportForm.CCHC.value),
            (F.INFO_LEGAL_BASIS, F.EXAMPLE_LEGAL_BASIS),
            (F.INFO_LEVEL, Level.COMMUNE.value),
        ],
        F.SHEET_DOCUMENTS: [
            ("Kế hoạch", None, None, F.EXAMPLE_SUMMARY, *signature),
            *((label, None, None, None, *signature, F.EXAMPLE_DEPARTMENT) for label in F.CCHC_REPORTS),
        ],
        F.SHEET_BODY: [("I.", "MỤC ĐÍCH, YÊU CẦU")],
        F.SHEET_TASKS: [(1, F.EXAMPLE_CRITERION, F.EXAMPLE_SOLUTION, "Văn phòng - Thống kê", "", "Thường xuyên", "")],
        F.SHEET_RESULTS: [(1, "I", "Đang thực hiện", F.EXAMPLE_OUTCOME, F.EXAMPLE_EVIDENCE, "")],
        F.SHEET_RECIPIENTS: [
            ("Kế hoạch", F.EXAMPLE_PROVINCE_RECIPIENT),
            ("Kế hoạch", F.EXAMPLE_DEPARTMENT_RECIPIENT),
            ("Báo cáo", F.EXAMPLE_PROVINCE_RECIPIENT),
        ],
        F.SHEET_STATISTICS: [(code, "Quý I", None, None) for code, _ in commune_statistics_rows()],
        F.SHEET_REPORT_TEXT: [("Báo cáo quý I", "I.1", F.EXAMPLE_REPORT_TEXT)],
    }


def commune_statistics_rows() -> list[tuple[str, str]]:
    """(code, indicator) of every figure a commune types into `Số liệu`: the rows its forms print,
    less the group headings, the ratios computed from their rows and the counts taken from the plan."""
    from ..statistics.catalog import Kind, load_catalog

    level = Level.COMMUNE
    return [(i.code, i.indicator(level)) for i in load_catalog().indicators
            if i.printed_at(level) and i.kind(level) not in (Kind.GROUP, Kind.FORM)
            and not i.is_computed_ratio(level) and not i.from_plan]


def save_atomically(wb, path: Path) -> Path:
    """Save beside `path`, then rename over it: the old file survives any failure of the save.

    The workbook is made in memory first: openpyxl's zip, left open by a failed write, would try
    again when collected and print a traceback after our message. Temporary files are this
    process's own (`tempfiles`): runs at once on the same name never remove each other's, and only
    those of killed runs are cleared.
    """
    data = _workbook_bytes(wb)
    remove_abandoned(path.parent)
    fd, tmp = make_temp(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _workbook_bytes(wb) -> bytes:
    try:
        from lxml.etree import SerialisationError   # openpyxl writes each sheet to a temporary file
    except ImportError:   # pragma: no cover - lxml comes with python-docx
        SerialisationError = OSError   # noqa: N806
    buffer = io.BytesIO()
    try:
        wb.save(buffer)
    except SerialisationError as exc:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from exc
    return conformed_bytes(buffer.getvalue())


def _mode_for(target: Path) -> int:
    """A replaced file keeps its mode; a new one gets the user's default (mkstemp's is owner-only)."""
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
