"""Read and validate a workbook (format v1) into a `Plan`.

Every problem is collected with its cell and a hint, then raised once as `InvalidWorkbook`.
The file is only ever opened for reading; hostile files are refused before openpyxl parses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from . import format as F
from ..errors import InvalidWorkbook
from ..domain.plan import (
    Agency,
    BodyParagraph,
    DocumentInfo,
    DocumentKind,
    IssueDate,
    Level,
    Plan,
    QuarterResult,
    Recipients,
    Signer,
    Status,
    Task,
)
from ..domain.periods import (
    ReportPeriod,
    accepted_deadlines,
    parse_day_month_year,
    parse_deadline,
    parse_quarter,
    period_from_row_label,
    respelled,
)
from .sheets import Reader, Row, closest, open_workbook
from .statistics import read_statistics
from ..domain.signer import authority_problems
from ..vietnamese import clean_text, match_key, roman, unit_word_of

_CRITERION_CODE = re.compile(r"^\s*tiêu chí(?: thành phần)?\s+(\d+(?:\.\d+)*)", re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# The workbook, sheet by sheet


def read_workbook(path: str | Path) -> Plan:
    """Read a workbook into a validated `Plan`. Raises `InvalidWorkbook` listing every problem."""
    path = Path(path)
    wb, reader, grid = open_workbook(path)
    sheets = reader.find_sheets(wb, optional=(F.SHEET_FIELDS, F.SHEET_STATISTICS))

    agency, year, group_by_field = _read_info(reader, sheets.get(F.SHEET_INFO), grid)
    plan_doc, reports = _read_documents(reader, sheets.get(F.SHEET_DOCUMENTS), grid, year, agency.name if agency else "")
    body = _read_body(reader, sheets.get(F.SHEET_BODY), grid)
    tasks, task_numbers = _read_tasks(reader, sheets.get(F.SHEET_TASKS), grid, year)
    results = _read_results(reader, sheets.get(F.SHEET_RESULTS), grid, task_numbers)
    plan_recipients, report_recipients = _read_recipients(reader, sheets.get(F.SHEET_RECIPIENTS), grid)
    field_names = _read_fields(reader, sheets.get(F.SHEET_FIELDS), grid)
    level = Level.COMMUNE
    statistics = read_statistics(reader, sheets.get(F.SHEET_STATISTICS), grid, year, level, has_plan=True)
    wb.close()

    if plan_doc is None and F.SHEET_DOCUMENTS in sheets:
        reader.problem(F.SHEET_DOCUMENTS, "A2", "thiếu dòng “Kế hoạch”", "thêm một dòng có cột Văn bản là “Kế hoạch”")
    if not task_numbers and F.SHEET_TASKS in sheets:
        reader.problem(F.SHEET_TASKS, "A2", "chưa có nhiệm vụ nào", "nhập ít nhất một nhiệm vụ")
    if reader.problems:
        raise InvalidWorkbook(path, reader.problems)
    assert agency is not None and plan_doc is not None  # else a problem was reported above
    return Plan(
        agency=agency,
        year=year,
        plan_document=plan_doc,
        reports=reports,
        body=tuple(body),
        tasks=tuple(tasks),
        results=tuple(results),
        plan_recipients=plan_recipients,
        report_recipients=report_recipients,
        source=path,
        group_by_field=group_by_field,
        field_names=field_names,
        warnings=tuple(reader.warnings),
        statistics=statistics,
        level=level,
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


def read_issuer_workbook(path: str | Path) -> Issuer:
    """Read only `Thông tin`, `Văn bản` (its `Báo cáo quý …` rows) and, if present, `Nơi nhận` and `Số liệu`."""
    path = Path(path)
    wb, reader, grid = open_workbook(path)
    sheets = reader.find_sheets(wb, (F.SHEET_INFO, F.SHEET_DOCUMENTS), (F.SHEET_RECIPIENTS, F.SHEET_STATISTICS))
    agency, year, _ = _read_info(reader, sheets.get(F.SHEET_INFO), grid)
    _, reports = _read_documents(reader, sheets.get(F.SHEET_DOCUMENTS), grid, year, agency.name if agency else "")
    _, recipients = _read_recipients(reader, sheets.get(F.SHEET_RECIPIENTS), grid)
    statistics = read_statistics(reader, sheets.get(F.SHEET_STATISTICS), grid, year, Level.PROVINCE,
                                 has_plan=False)
    wb.close()
    if reader.problems:
        raise InvalidWorkbook(path, reader.problems)
    assert agency is not None  # else a problem was reported above
    return Issuer(agency, year, reports, recipients, tuple(reader.warnings), path, statistics)


def _read_info(reader: Reader, ws, grid) -> tuple[Agency | None, int, bool]:
    """The issuing body, the plan's year, and whether to group tasks by CCHC field."""
    if ws is None:
        return None, date.today().year, True
    rows = reader.table(ws, F.SHEET_INFO, F.INFO_COLUMNS, grid)
    labels = {match_key(label): label for label in F.INFO_LABELS}
    values: dict[str, tuple[str, str]] = {}
    for row in rows:
        label = reader.text(row, F.INFO_LABEL)
        key = labels.get(match_key(label))
        if key is None:
            guess = closest(label, list(F.INFO_LABELS))
            hint = f"sửa thành “{guess}”" if guess else "xóa dòng này nếu không cần"
            reader.warn(F.SHEET_INFO, row.cell(F.INFO_LABEL), f"mục “{label}” không thuộc mẫu nên bị bỏ qua", hint)
            continue
        values[key] = (reader.text(row, F.INFO_VALUE), row.cell(F.INFO_VALUE))
    for label, required in F.INFO_LABELS.items():
        if required and not values.get(label, ("",))[0]:
            cell = values[label][1] if label in values else "B"
            reader.problem(F.SHEET_INFO, cell, f"chưa nhập “{label}”", f"nhập giá trị cho mục “{label}” ở cột Giá trị")
    year_text, year_cell = values.get(F.INFO_YEAR, ("", "B"))
    year = date.today().year
    if year_text:
        if re.fullmatch(r"\d{4}", year_text) and 2000 <= int(year_text) <= 2100:
            year = int(year_text)
        else:
            reader.problem(F.SHEET_INFO, year_cell, f"năm “{year_text}” không hợp lệ", f"nhập năm bốn chữ số, ví dụ {date.today().year}")

    def get(label: str) -> str:
        return values.get(label, ("",))[0]

    agency = Agency(
        name=get(F.INFO_ISSUER),
        short_name=get(F.INFO_SHORT_NAME),
        symbol=get(F.INFO_SYMBOL),
        place=get(F.INFO_PLACE),
        managing_body=get(F.INFO_MANAGING_BODY) or None,
        monitoring_unit=get(F.INFO_MONITORING_UNIT) or None,
    )
    _warn_short_name_of_another_unit(reader, agency, values[F.INFO_SHORT_NAME][1] if F.INFO_SHORT_NAME in values else "",
                                     values[F.INFO_ISSUER][1] if F.INFO_ISSUER in values else "")
    if agency.symbol and not re.fullmatch(r"[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)*", agency.symbol):
        reader.problem(F.SHEET_INFO, values[F.INFO_SYMBOL][1], f"ký hiệu cơ quan “{agency.symbol}” không hợp lệ",
                       "chỉ dùng chữ và số, ví dụ UBND")
    return agency, year, _yes_or_no(reader, *values.get(F.INFO_GROUP_BY_FIELD, ("", "B")), default=True)


def _warn_short_name_of_another_unit(reader: Reader, agency: Agency, short_cell: str, issuer_cell: str) -> None:
    """`Tên gọi tắt` = `UBND xã` (init's example) kept by a ward prints "của UBND xã" under a PHƯỜNG header."""
    issuer_word, short_word = unit_word_of(agency.name), unit_word_of(agency.short_name)
    if not issuer_word or not short_word or issuer_word == short_word:
        return
    fixed = re.sub(re.escape(short_word), issuer_word, agency.short_name, count=1, flags=re.IGNORECASE)
    reader.warn(F.SHEET_INFO, short_cell,
                f"tên gọi tắt “{agency.short_name}” là của {short_word}, còn cơ quan ban hành ({F.SHEET_INFO}!"
                f"{issuer_cell}) là {issuer_word}: văn bản sẽ in “của {agency.short_name}” dưới tên {issuer_word}",
                f"sửa thành “{fixed}”")


def _warn_dated_before_cutoff(reader: Reader, cell: str, period: ReportPeriod, issued: IssueDate) -> None:
    """A report dated 10/6 that says "Tính đến ngày 14/6/2026" contradicts itself."""
    cutoff = period.cutoff
    if issued.month is None or issued.year != cutoff.year:
        early = issued.year < cutoff.year
    elif issued.day is None:
        early = issued.month < cutoff.month
    else:
        early = (issued.month, issued.day) < (cutoff.month, cutoff.day)
    if early:
        reader.warn(F.SHEET_DOCUMENTS, cell,
                    f"“{period.row_label}” ghi ngày ban hành {issued_text(issued)}, trước ngày chốt số liệu "
                    f"{cutoff.day}/{cutoff.month}/{cutoff.year} mà báo cáo ghi “Tính đến ngày …”",
                    f"ghi ngày ban hành từ {cutoff.day}/{cutoff.month}/{cutoff.year} trở đi, hoặc để trống cho văn thư điền")


def issued_text(issued: IssueDate) -> str:
    if issued.day is not None:
        return f"{issued.day}/{issued.month}/{issued.year}"
    return f"tháng {issued.month}/{issued.year}" if issued.month is not None else f"năm {issued.year}"


def _warn_done_then_undone(reader: Reader, status_cells: dict[tuple[int, int], str], results: list[QuarterResult]) -> None:
    """A task `Hoàn thành` in quý I and `Chưa thực hiện` in quý II: one of the two rows is wrong."""
    by_task: dict[int, list[QuarterResult]] = {}
    for result in results:
        by_task.setdefault(result.task_number, []).append(result)
    for number, rows in by_task.items():
        rows.sort(key=lambda r: r.quarter)
        done = next((r for r in rows if r.status is Status.DONE), None)
        if done is None:
            continue
        for later in (r for r in rows if r.quarter > done.quarter and r.status is not Status.DONE):
            reader.warn(F.SHEET_RESULTS, status_cells[(number, later.quarter)],
                        f"nhiệm vụ {number} đã “{Status.DONE.value}” ở quý {roman(done.quarter)} "
                        f"({F.SHEET_RESULTS}!{status_cells[(number, done.quarter)]}) nhưng quý {roman(later.quarter)} "
                        f"ghi “{later.status.value}”",
                        f"sửa một trong hai dòng: nhiệm vụ đã xong thì không cần dòng quý {roman(later.quarter)}; "
                        f"chưa xong thì sửa tình trạng quý {roman(done.quarter)}")


def _yes_or_no(reader: Reader, text: str, cell: str, default: bool) -> bool:
    key = match_key(text)
    if not key:
        return default
    if key in {"có", "co", "x", "yes", "1"}:
        return True
    if key in {"không", "khong", "no", "0"}:
        return False
    reader.problem(F.SHEET_INFO, cell, f"“{text}” không phải “{F.YES}” hay “{F.NO}”",
                   f"nhập “{F.YES}” để nhóm nhiệm vụ theo lĩnh vực, “{F.NO}” để không nhóm")
    return default


def _parse_document_kind(text: str, year: int):
    """(kind, period) of a `Văn bản` row: `Kế hoạch`, `Báo cáo quý II`, `Báo cáo 6 tháng`…"""
    if match_key(text) == "kế hoạch":
        return DocumentKind.PLAN, None
    period = period_from_row_label(text, year)
    return (DocumentKind.REPORT, period) if period else None


def _parse_issue_date(value, year: int) -> IssueDate:
    """Ngày ban hành: an Excel date, `5/3/2024`, a month only `3/2024`, or blank. Raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return IssueDate(year)
    if isinstance(value, datetime):
        return IssueDate(value.year, value.month, value.day)
    if isinstance(value, date):
        return IssueDate(value.year, value.month, value.day)
    text = str(value).strip()
    try:
        d = parse_day_month_year(text)
    except ValueError:
        raise ValueError(text) from None
    if d is not None:
        return IssueDate(d.year, d.month, d.day)
    m = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", text)
    if m and 1 <= int(m.group(1)) <= 12:
        return IssueDate(int(m.group(2)), int(m.group(1)))
    raise ValueError(text)


def _read_documents(reader: Reader, ws, grid, year: int, issuer: str = ""):
    plan_doc: DocumentInfo | None = None
    reports: dict[ReportPeriod, DocumentInfo] = {}
    if ws is None:
        return plan_doc, reports
    seen: dict[tuple, str] = {}
    for row in reader.table(ws, F.SHEET_DOCUMENTS, F.DOCUMENT_COLUMNS, grid):
        kind_text = reader.text(row, F.DOC_KIND)
        parsed = _parse_document_kind(kind_text, year)
        if parsed is None:
            guess = closest(kind_text, list(F.DOCUMENT_KINDS))
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_KIND), f"loại văn bản “{kind_text}” không hợp lệ",
                           f"chọn “{guess}”" if guess else "chọn một trong: " + ", ".join(F.DOCUMENT_KINDS))
            continue
        kind, period = parsed
        if parsed in seen:
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_KIND), f"“{kind_text}” bị nhập hai lần (đã có ở {seen[parsed]})",
                           "xóa một trong hai dòng")
            continue
        seen[parsed] = row.cell(F.DOC_KIND)
        number = reader.text(row, F.DOC_NUMBER) or None
        if number and not re.fullmatch(r"\d{1,6}", number):
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_NUMBER), f"số văn bản “{number}” không hợp lệ",
                           "nhập số nguyên (ví dụ 25) hoặc để trống cho văn thư điền")
            number = None
        try:
            issue_date = _parse_issue_date(row.values.get(F.DOC_DATE), year)
        except ValueError as exc:
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_DATE), f"ngày ban hành “{exc}” không hợp lệ",
                           f"nhập ngày có thật dạng ngày/tháng/năm (05/03/{year}), chỉ tháng (3/{year}), hoặc để trống")
            issue_date = IssueDate(year)
        else:
            if period is not None:
                _warn_dated_before_cutoff(reader, row.cell(F.DOC_DATE), period, issue_date)
        summary = _summary(reader, row, required=kind is DocumentKind.PLAN)
        signer = _signer(reader, row, issuer)
        addressees = tuple(
            a.strip().lstrip("-").strip().rstrip(";.").strip()
            for a in reader.text(row, F.DOC_ADDRESSEES).split("\n")
            if a.strip().lstrip("-").strip()
        )
        info = DocumentInfo(
            kind=kind,
            period=period,
            number=number,
            issue_date=issue_date,
            summary=summary,
            signer=signer,
            addressees=addressees,
            shortcomings=reader.text(row, F.DOC_SHORTCOMINGS) or None,
            causes=reader.text(row, F.DOC_CAUSES) or None,
            next_tasks=reader.text(row, F.DOC_NEXT_TASKS) or None,
            proposals=reader.text(row, F.DOC_PROPOSALS) or None,
        )
        if issue_date.year != year and not (period and period.is_cumulative and issue_date.year == year + 1):
            reader.warn(F.SHEET_DOCUMENTS, row.cell(F.DOC_DATE), f"năm ban hành {issue_date.year} khác năm kế hoạch {year}",
                        f"sửa Ngày ban hành thành một ngày của năm {year}, hoặc sửa mục “Năm” ở trang Thông tin "
                        f"thành {issue_date.year} nếu đây là kế hoạch năm {issue_date.year}")
        if kind is DocumentKind.PLAN:
            plan_doc = info
        else:
            reports[period] = info
    return plan_doc, reports


def _summary(reader: Reader, row: Row, required: bool) -> str | None:
    """Trích yếu, without the final full stop a title must not have (it is reused inside sentences)."""
    summary = reader.text(row, F.DOC_SUMMARY, required=required, what="trích yếu")
    trimmed = summary.rstrip(" .;:,")
    if trimmed != summary and not summary.endswith("..."):
        reader.warn(F.SHEET_DOCUMENTS, row.cell(F.DOC_SUMMARY), f"trích yếu kết thúc bằng “{summary[len(trimmed):].strip()}” nên dấu này đã được bỏ",
                    "trích yếu là tên văn bản, không có dấu chấm ở cuối: xóa dấu ở cuối ô")
        summary = trimmed
        if required and not summary:
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_SUMMARY), "trích yếu chỉ có dấu câu",
                           "nhập trích yếu của văn bản (một câu ngắn nói văn bản về việc gì)")
    return summary or None


def _signer(reader: Reader, row: Row, issuer: str) -> Signer:
    """Người ký with its authority lines, checked against ND 30's forms (TM., KT., Q., TL., TUQ.)."""
    typed = reader.text(row, F.DOC_AUTHORITY, True, "quyền hạn ký")
    title = reader.text(row, F.DOC_TITLE, True, "chức vụ người ký")
    lines, problems, warnings = authority_problems(typed, title, issuer)
    for message, hint in problems:
        reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_AUTHORITY), message, hint)
    for message, hint in warnings:
        reader.warn(F.SHEET_DOCUMENTS, row.cell(F.DOC_AUTHORITY), message, hint)
    return Signer(authority=tuple(lines), title=title, name=reader.text(row, F.DOC_SIGNER, True, "họ tên người ký"))


def _read_body(reader: Reader, ws, grid) -> list[BodyParagraph]:
    if ws is None:
        return []
    body = []
    for row in reader.table(ws, F.SHEET_BODY, F.BODY_COLUMNS, grid):
        marker = reader.text(row, F.BODY_MARKER)
        text = reader.text(row, F.BODY_TEXT)
        if not text:
            reader.problem(F.SHEET_BODY, row.cell(F.BODY_TEXT), "đề mục không có nội dung", "nhập nội dung hoặc xóa dòng")
            continue
        body.append(BodyParagraph(marker, text))
    return body


def _read_tasks(reader: Reader, ws, grid, year: int) -> tuple[list[Task], set[int]]:
    """The valid tasks, and every TT the sheet holds (a task with a bad cell still has its TT)."""
    if ws is None:
        return [], set()
    tasks: list[Task] = []
    seen: dict[int, str] = {}
    for row in reader.table(ws, F.SHEET_TASKS, F.TASK_COLUMNS, grid):
        heading = _field_heading(row)
        if heading:
            reader.problem(F.SHEET_TASKS, row.cell(F.TASK_NUMBER),
                           f"dòng {row.number} là dòng tiêu đề lĩnh vực “{heading[:60]}”, không phải một nhiệm vụ",
                           "xóa dòng tiêu đề lĩnh vực: chương trình tự nhóm nhiệm vụ theo lĩnh vực "
                           f"(mục “{F.INFO_GROUP_BY_FIELD}” ở trang {F.SHEET_INFO})")
            continue
        number = _whole_number(reader, row, F.TASK_NUMBER)
        if number is not None:
            if number in seen:
                reader.problem(F.SHEET_TASKS, row.cell(F.TASK_NUMBER), f"TT {number} bị trùng với ô {seen[number]}",
                               "mỗi nhiệm vụ một số TT khác nhau")
            seen[number] = row.cell(F.TASK_NUMBER)
        criterion = reader.text(row, F.TASK_CRITERION, True, "tiêu chí")
        raw_deadline = row.values.get(F.TASK_DEADLINE)
        deadline = None
        if raw_deadline is None or (isinstance(raw_deadline, str) and not raw_deadline.strip()):
            reader.problem(F.SHEET_TASKS, row.cell(F.TASK_DEADLINE), "chưa nhập thời gian hoàn thành",
                           "nhập một trong các dạng: " + accepted_deadlines(year))
        else:
            try:
                deadline = parse_deadline(raw_deadline if isinstance(raw_deadline, date) else clean_text(raw_deadline), year)
            except ValueError as exc:
                reason = f" ({_vietnamese_reason(exc)})" if str(exc) else ""
                reader.problem(F.SHEET_TASKS, row.cell(F.TASK_DEADLINE),
                               f"thời gian hoàn thành “{clean_text(raw_deadline)}” không hợp lệ{reason}",
                               _deadline_hint(clean_text(raw_deadline), year))
            if deadline is not None and deadline.due_date is not None and deadline.due_date.year != year:
                reader.warn(F.SHEET_TASKS, row.cell(F.TASK_DEADLINE),
                            f"thời gian hoàn thành “{deadline.label}” không thuộc năm kế hoạch {year}",
                            f"kiểm tra lại năm; nhiệm vụ của kế hoạch năm {year} thường hoàn thành trong năm {year}")
        code = _CRITERION_CODE.match(criterion)
        task = Task(
            number=number or 0,
            criterion=criterion,
            solution=reader.text(row, F.TASK_SOLUTION, True, "giải pháp/sản phẩm đầu ra"),
            lead=reader.text(row, F.TASK_LEAD, True, "đơn vị chủ trì"),
            partners=reader.text(row, F.TASK_PARTNERS),
            deadline=deadline,  # type: ignore[arg-type]  # None only with a problem reported: refused
            note=reader.text(row, F.TASK_NOTE),
            criterion_code=code.group(1).rstrip(".") if code else None,
            cchc_field=reader.text(row, F.TASK_FIELD) or None,
        )
        if number is not None and deadline is not None:
            tasks.append(task)
    return sorted(tasks, key=lambda t: t.number), set(seen)


_ROMAN_HEADING = re.compile(r"^[IVX]{1,5}\.?$")


def _field_heading(row: Row) -> str:
    """The text of a field's heading row copied from a real plan (`I` | `CÔNG TÁC CHỈ ĐẠO…`, or one
    text merged across the row), else "": a row with a Roman TT, or no TT, and nothing else but one text."""
    number = clean_text(str(row.values.get(F.TASK_NUMBER) or ""))
    if number and not _ROMAN_HEADING.match(number.upper()):
        return ""
    texts = {clean_text(str(v)) for c, v in row.values.items() if c != F.TASK_NUMBER and v is not None and str(v).strip()}
    if len(texts) != 1:
        return ""
    text = texts.pop()
    if not number and not re.match(r"^[IVX]{1,5}[.)]\s", text):
        return ""
    return f"{number.rstrip('.')}. {text}" if number else text


def _deadline_hint(typed: str, year: int) -> str:
    """`có phải “Quý III”?` when only tone marks were off, else the accepted forms."""
    try:
        return f"có phải “{parse_deadline(respelled(typed), year).label}”?"
    except ValueError:
        return "nhập một trong các dạng: " + accepted_deadlines(year)


def _vietnamese_reason(exc: ValueError) -> str:
    """Our parsers give reasons in Vietnamese; Python's own (`year 0 is out of range`) are replaced."""
    reason = str(exc)
    return reason if not reason.isascii() else "ngày, tháng hoặc năm không có thật"


def _whole_number(reader: Reader, row: Row, column: str) -> int | None:
    value = row.values.get(column)
    if isinstance(value, bool):
        value = None
    if isinstance(value, (int, float)) and float(value).is_integer() and value > 0:
        return int(value)
    text = clean_text(value) if value is not None else ""
    if text.isascii() and text.isdigit() and len(text) <= 9 and int(text) > 0:  # not `²`, not 5,000 digits
        return int(text)
    if text:
        shown = text if len(text) <= 30 else text[:30] + "…"
        reader.problem(row.sheet, row.cell(column), f"TT “{shown}” không phải số nguyên dương", "nhập số thứ tự 1, 2, 3…")
    else:
        reader.problem(row.sheet, row.cell(column), "chưa nhập TT", "nhập số thứ tự của nhiệm vụ")
    return None


def _read_results(reader: Reader, ws, grid, task_numbers: set[int]) -> list[QuarterResult]:
    if ws is None:
        return []
    statuses = {match_key(s.value): s for s in Status}
    results = []
    status_cells: dict[tuple[int, int], str] = {}
    seen: dict[tuple[int, int], str] = {}
    for row in reader.table(ws, F.SHEET_RESULTS, F.RESULT_COLUMNS, grid):
        number = _whole_number(reader, row, F.RESULT_TASK)
        if number is not None and task_numbers and number not in task_numbers:
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_TASK), f"TT {number} không có trong trang Nhiệm vụ",
                           "sửa TT cho khớp với một nhiệm vụ, hoặc thêm nhiệm vụ đó")
            number = None
        raw_quarter = row.values.get(F.RESULT_QUARTER)
        quarter = parse_quarter(raw_quarter) if raw_quarter is not None else None
        if quarter is None:
            shown = clean_text(raw_quarter) if raw_quarter is not None else ""
            meant = parse_quarter(respelled(shown)) if shown else None
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_QUARTER),
                           f"quý “{shown}” không hợp lệ" if shown else "chưa nhập quý",
                           f"có phải “Quý {roman(meant)}”?" if meant else "chọn I, II, III hoặc IV")
        status_text = reader.text(row, F.RESULT_STATUS)
        status = statuses.get(match_key(status_text))
        if status is None:
            guess = closest(status_text, list(F.STATUSES)) if status_text else None
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_STATUS),
                           f"tình trạng “{status_text}” không hợp lệ" if status_text else "chưa nhập tình trạng",
                           f"có phải “{guess}”?" if guess else "chọn: " + ", ".join(F.STATUSES))
        if number is None or quarter is None or status is None:
            continue
        if (number, quarter) in seen:
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_TASK),
                           f"nhiệm vụ {number} quý {roman(quarter)} đã có kết quả ở {seen[(number, quarter)]}",
                           "gộp hai dòng thành một")
            continue
        seen[(number, quarter)] = row.cell(F.RESULT_TASK)
        status_cells[(number, quarter)] = row.cell(F.RESULT_STATUS)
        results.append(
            QuarterResult(
                task_number=number,
                quarter=quarter,
                status=status,
                outcome=reader.text(row, F.RESULT_OUTCOME),
                evidence=evidence_lines(reader.text(row, F.RESULT_EVIDENCE)),
                note=reader.text(row, F.RESULT_NOTE),
            )
        )
    _warn_done_then_undone(reader, status_cells, results)
    return results


def _read_recipients(reader: Reader, ws, grid) -> tuple[Recipients, Recipients]:
    names: dict[str, list[str]] = {"Kế hoạch": [], "Báo cáo": []}
    archive: dict[str, str] = {}
    if ws is not None:
        kinds = {match_key(k): k for k in F.RECIPIENT_KINDS}
        for row in reader.table(ws, F.SHEET_RECIPIENTS, F.RECIPIENT_COLUMNS, grid):
            kind_text = reader.text(row, F.RECIPIENT_DOC)
            kind = kinds.get(match_key(kind_text))
            if kind is None:
                kind = kinds.get(match_key(re.sub(r"(?i)\s+quý.*$", "", kind_text)))
            if kind is None:
                reader.problem(F.SHEET_RECIPIENTS, row.cell(F.RECIPIENT_DOC), f"loại văn bản “{kind_text}” không hợp lệ",
                               "chọn “Kế hoạch” hoặc “Báo cáo”")
                continue
            name = reader.text(row, F.RECIPIENT_NAME, True, "nơi nhận")
            name = " ".join(name.split()).lstrip("-").strip().rstrip(";.").strip()
            if not name:
                continue
            if match_key(name).startswith("lưu:") or match_key(name).startswith("lưu "):
                archive[kind] = "Lưu: " + name.split(":", 1)[-1].strip() if ":" in name else name
            else:
                names[kind].append(name)

    def recipients(kind: str) -> Recipients:
        return Recipients(tuple(names[kind]), archive.get(kind, "Lưu: VT"))

    return recipients("Kế hoạch"), recipients("Báo cáo")


def _read_fields(reader: Reader, ws, grid) -> dict[str, str] | None:
    """The optional `Lĩnh vực` sheet: a province's own codes and names of the CCHC fields."""
    if ws is None:
        return None
    names: dict[str, str] = {}
    for row in reader.table(ws, F.SHEET_FIELDS, F.FIELD_COLUMNS, grid):
        code = reader.text(row, F.FIELD_CODE, True, "mã lĩnh vực").rstrip(".")
        name = reader.text(row, F.FIELD_NAME, True, "tên lĩnh vực")
        if code in names:
            reader.problem(F.SHEET_FIELDS, row.cell(F.FIELD_CODE), f"mã lĩnh vực “{code}” bị trùng", "mỗi lĩnh vực một mã")
        elif code and name:
            names[code] = name
    return names or None


_LIST_MARK = re.compile(r"^[-+•*–]\s*")
_END_PUNCTUATION = re.compile(r"(?:\s*(?:\./\.|[.;,:]))+$")


def evidence_lines(text: str) -> tuple[str, ...]:
    """`- Kế hoạch số 30/KH-UBND;` ⏎ `- Thông báo số 55/TB-UBND.` -> the two documents alone.

    A clerk types evidence as a list; the documents write their own list marks and punctuation
    (`…; …`), so each line's own mark and end punctuation go, or the report prints `;;` and `..`.
    """
    lines = (_END_PUNCTUATION.sub("", _LIST_MARK.sub("", line.strip())) for line in text.split("\n"))
    return tuple(line for line in lines if line)
