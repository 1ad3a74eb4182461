"""Workbook v1.2: which report form, on what basis, at which level (`Thông tin`), and the clerk's
text of the CCHC report (sheet `Nội dung báo cáo`: `Văn bản`, `Mục`, `Nội dung`).

Every problem goes to the reader with its cell, like the rest of the workbook.
"""

from __future__ import annotations

from ..documents import REGISTRY
from ..domain.cchc_outline import TYPED_CODES, Level, ReportForm, section_code
from ..domain.period import ReportPeriod, name_key
from ..domain.plan import DocumentInfo, SectionText
from ..vietnamese import closest, match_key
from . import format as F
from .sheets import Reader

LEVELS = {match_key(level.value): level for level in Level}
FORMS = {match_key(form.value): form for form in ReportForm}


def read_report_settings(reader: Reader, values: dict[str, tuple[str, str]], has_statistics: bool) \
        -> tuple[ReportForm, str, Level]:
    """`Mẫu báo cáo` (default: the CCHC report when the workbook has a `Số liệu` sheet, else the
    plan-result report, so every v1.1 workbook keeps its output), `Căn cứ báo cáo`, `Cấp` (default xã)."""
    form_text, form_cell = values.get(F.INFO_REPORT_FORM, ("", "B"))
    form = ReportForm.CCHC if has_statistics else ReportForm.PLAN_RESULT
    if form_text:
        form = FORMS.get(match_key(form_text), form)
        if match_key(form_text) not in FORMS:
            reader.problem(F.SHEET_INFO, form_cell, f"mẫu báo cáo “{form_text}” không có",
                           "chọn “" + "” hoặc “".join(f.value for f in ReportForm) + "”")
    level_text, level_cell = values.get(F.INFO_LEVEL, ("", "B"))
    level = LEVELS.get(match_key(level_text), Level.COMMUNE)
    if level_text and match_key(level_text) not in LEVELS:
        reader.problem(F.SHEET_INFO, level_cell, f"cấp “{level_text}” không có",
                       "nhập “xã” (xã, phường, đặc khu) hoặc “tỉnh”")
    return form, values.get(F.INFO_LEGAL_BASIS, ("", ""))[0], level


def read_report_texts(reader: Reader, ws, grid, year: int, reports: dict[ReportPeriod, DocumentInfo]) \
        -> dict[ReportPeriod, tuple[SectionText, ...]]:
    """The paragraphs of each period's CCHC report, in sheet order.

    `Văn bản` names a report as the `Văn bản` sheet does (`Báo cáo quý I`, `Báo cáo 6 tháng`). A `Mục`
    that names no section of the outline is an error that lists the codes; a row for a report the
    `Văn bản` sheet does not describe is a warning (its text would go nowhere).
    """
    if ws is None:
        return {}
    known = {name_key(r.label): r for r in REGISTRY.row_labels(year) if r.period is not None}
    texts: dict[ReportPeriod, list[SectionText]] = {}
    missing_reports: dict[str, list[str]] = {}
    for row in reader.table(ws, F.SHEET_REPORT_TEXT, F.REPORT_TEXT_COLUMNS, grid):
        label = reader.text(row, F.REPORT_TEXT_DOC, True, "văn bản (ví dụ Báo cáo quý I)")
        typed_code = reader.text(row, F.REPORT_TEXT_SECTION, True, "mục (ví dụ II.2.c)")
        text = reader.text(row, F.REPORT_TEXT_TEXT, True, "nội dung")
        report = known.get(name_key(label)) if label else None
        if label and report is None:
            labels = list(dict.fromkeys(r.label for r in known.values()))
            guess = closest(label, labels)
            reader.problem(F.SHEET_REPORT_TEXT, row.cell(F.REPORT_TEXT_DOC), f"“{label}” không phải một báo cáo",
                           f"chọn “{guess}”" if guess else "chọn một trong: " + ", ".join(labels))
        code = section_code(typed_code) if typed_code else None
        if typed_code and code is None:
            reader.problem(F.SHEET_REPORT_TEXT, row.cell(F.REPORT_TEXT_SECTION), f"mục “{typed_code}” không có trong "
                           "đề cương báo cáo CCHC", "chọn một trong các mục: " + ", ".join(TYPED_CODES))
        if report is None or report.period is None or code is None or not text:
            continue
        if report.period not in reports:
            missing_reports.setdefault(report.label, []).append(row.cell(F.REPORT_TEXT_DOC))
            continue
        texts.setdefault(report.period, []).append(SectionText(code, text))
    for label, cells in missing_reports.items():
        reader.warn(F.SHEET_REPORT_TEXT, cells[0], f"có {len(cells)} dòng cho “{label}” nhưng trang Văn bản không có "
                    "dòng này nên nội dung không được dùng", f"thêm dòng “{label}” ở trang Văn bản, hoặc sửa cột Văn bản")
    return {period: tuple(rows) for period, rows in texts.items()}
