"""Sheet `Văn bản`: one row per document, recognised by the labels the registered kinds answer to."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime

from ..domain.deadlines import parse_day_month_year
from ..domain.plan import DocumentInfo, IssueDate, Signer
from ..domain.signer import authority_problems, collective_name, is_collective
from . import format as F
from ..documents import REGISTRY
from ..documents.registry import RowLabel
from ..domain.period import name_key
from ..vietnamese import ascii_slug, closest, roman
from .reform import warn_district
from .sheets import Reader, Row


_LABEL_YEAR = re.compile(r"(?:\bnăm\s+|/)\s*(\d{4})\s*$", re.IGNORECASE)
"""A year written after a `Văn bản` row's kind: `Báo cáo năm 2019`, `Báo cáo quý II/2024`."""


def _parse_issue_date(value, year: int) -> IssueDate:
    """Ngày ban hành: an Excel date, `5/3/2024`, a month only `3/2024` (or as printed, `tháng 3/2024`,
    `tháng 3 năm 2024`), or blank. Raises ValueError."""
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
    m = re.fullmatch(r"(?:tháng\s*)?(\d{1,2})\s*(?:/|\s+năm)\s*(\d{4})", unicodedata.normalize("NFC", text),
                     re.IGNORECASE)
    if m and 1 <= int(m.group(1)) <= 12:
        return IssueDate(int(m.group(2)), int(m.group(1)))
    raise ValueError(text)


def read_documents(reader: Reader, ws, grid, year: int, issuer: str = "",
                   warnings_by_period: dict | None = None, of_plan: bool = True,
                   problems_by_period: dict | None = None) -> dict[str, DocumentInfo]:
    """The rows by their standard label; a label no registered kind answers to is an error.

    `warnings_by_period`, when given, gets the warnings about each report period's row (a report of
    another period need not repeat them: `Plan.warnings_for`); `problems_by_period`, when given, the
    problems of each report period's row, taken out of the reader's (they stop that period's report
    only: `Plan.problems_of_row`). `of_plan`: False for the province's information workbook, whose
    year is not a plan's."""
    documents: dict[str, DocumentInfo] = {}
    if ws is None:
        return documents
    labels = _labels_by_key(year, tuple(REGISTRY))
    seen: dict[str, str] = {}
    for row in reader.table(ws, F.SHEET_DOCUMENTS, F.DOCUMENT_COLUMNS, grid):
        before, problems_before = len(reader.warnings), len(reader.problems)
        period = _read_row(reader, row, year, issuer, labels, seen, documents, of_plan)
        if warnings_by_period is not None and period is not None and len(reader.warnings) > before:
            warnings_by_period.setdefault(period, []).extend(reader.warnings[before:])
        if problems_by_period is not None and period is not None and len(reader.problems) > problems_before:
            problems_by_period.setdefault(period, []).extend(reader.problems[problems_before:])
            del reader.problems[problems_before:]
    return documents


def _other_year(issued: int, year: int, of_plan: bool) -> tuple[str, str]:
    """The warning and its fix for a row issued in another year than the workbook's: a plan's, or the
    province's information workbook (which has no plan: its year is the roll-ups')."""
    if of_plan:
        return (f"năm ban hành {issued} khác năm kế hoạch {year}",
                f"sửa Ngày ban hành thành một ngày của năm {year}, hoặc sửa mục “Năm” ở trang Thông tin "
                f"thành {issued} nếu đây là kế hoạch năm {issued}")
    return (f"năm ban hành {issued} khác năm {year} của sổ thông tin tổng hợp",
            f"sửa Ngày ban hành thành một ngày của năm {year}, hoặc sửa mục “Năm” ở trang Thông tin "
            f"thành {issued} nếu sổ dùng cho các báo cáo tổng hợp năm {issued}")


def _read_row(reader: Reader, row: Row, year: int, issuer: str, labels: dict, seen: dict[str, str],
              documents: dict[str, DocumentInfo], of_plan: bool = True):
    """One row of `Văn bản` into `documents`; the report period it is of (None for the plan's row)."""
    kind_text = reader.text(row, F.DOC_KIND)
    written_year = _LABEL_YEAR.search(kind_text)
    if written_year and int(written_year.group(1)) != year:
        reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_KIND),
                       f"“{kind_text}” ghi năm {written_year.group(1)}, khác năm của kế hoạch ({year})",
                       f"sửa thành “{kind_text[:written_year.start(1)]}{year}” (mỗi sổ là kế hoạch của "
                       "một năm; năm khác thì dùng sổ của năm đó)")
        return None
    parsed = labels.get(name_key(kind_text))
    if parsed is None:
        reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_KIND), f"loại văn bản “{kind_text}” không hợp lệ",
                       _kind_hint(kind_text, REGISTRY.labels(year)))
        return None
    period = parsed.period
    if parsed.label in seen:
        reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_KIND),
                       f"“{kind_text}” bị nhập hai lần (đã có ở {seen[parsed.label]})", "xóa một trong hai dòng")
        return None
    seen[parsed.label] = row.cell(F.DOC_KIND)
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
    summary = _summary(reader, row, required=parsed.summary_required)
    signer = _signer(reader, row, issuer)
    addressees = tuple(
        a.strip().lstrip("-").strip().rstrip(";.").strip()
        for a in reader.text(row, F.DOC_ADDRESSEES).split("\n")
        if a.strip().lstrip("-").strip()
    )
    for addressee in addressees:
        warn_district(reader, F.SHEET_DOCUMENTS, row.cell(F.DOC_ADDRESSEES), addressee, year, "Kính gửi")
    info = DocumentInfo(
        kind=parsed.document_type,
        period=period,
        label=parsed.label,
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
        reader.warn(F.SHEET_DOCUMENTS, row.cell(F.DOC_DATE), *_other_year(issue_date.year, year, of_plan))
    elif period is not None:
        _warn_dated_before_cutoff(reader, row.cell(F.DOC_DATE), parsed.label, period.cutoff, issue_date)
    documents[parsed.label] = info
    return period


@functools.lru_cache(maxsize=16)
def _labels_by_key(year: int, kinds: tuple) -> dict[str, RowLabel]:
    """The labels of the registered kinds by how typed labels compare, made once per year and set of
    kinds (a kind registered later, as a test's trial does, gives another set)."""
    return {name_key(r.label): r for r in REGISTRY.row_labels(year)}


def _kind_hint(typed: str, known: tuple[str, ...]) -> str:
    """What to type instead: the label typed without accents (`Bao cao nam`); or, when the typed one
    differs from labels only by its number (`Báo cáo quý 5`), every label of that family (`quý I` …
    `quý IV`: picking one would be a guess); or the closest label; or them all."""
    same = next((label for label in known if _unaccented(label) == _unaccented(typed)), None)
    family = [label for label in known if _without_numbers(label) == _without_numbers(typed)]
    guess = same or (None if len(family) > 1 else closest(typed, list(known), key=_unaccented, cutoff=0.75))
    if guess:  # `Báo cáo đột xuất` is close to none
        return f"chọn “{guess}”"
    return "chọn một trong: " + ", ".join(f"“{label}”" for label in (family if len(family) > 1 else known))


def _unaccented(label: str) -> str:
    """`Bao cao quy 2` -> `bao-cao-quy-ii`: no accents, a quarter's number as the labels write it."""
    return re.sub(r"\bquy-([1-4])\b", lambda m: f"quy-{roman(int(m.group(1))).lower()}", ascii_slug(name_key(label)))


def _without_numbers(label: str) -> str:
    return " ".join(word for word in _unaccented(label).split("-") if not re.fullmatch(r"\d+|[ivxlc]+", word))


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
    """Người ký with its authority lines, checked against ND 30's forms (TM., KT., Q., TL., TUQ.).
    The head of a body that does not decide collectively (a Sở's Giám đốc) signs with no such line."""
    typed = reader.text(row, F.DOC_AUTHORITY, False, "quyền hạn ký")
    if not typed and is_collective(issuer) and F.DOC_AUTHORITY in row.values:
        reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_AUTHORITY), "chưa nhập quyền hạn ký",
                       f"nhập “TM. {collective_name(issuer)}”: cơ quan làm việc theo chế độ tập thể ký thay mặt tập thể")
    title = reader.text(row, F.DOC_TITLE, True, "chức vụ người ký")
    lines, problems, warnings = authority_problems(typed, title, issuer)
    for message, hint in problems:
        reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_AUTHORITY), message, hint)
    for message, hint in warnings:
        reader.warn(F.SHEET_DOCUMENTS, row.cell(F.DOC_AUTHORITY), message, hint)
    return Signer(authority=tuple(lines), title=title, name=reader.text(row, F.DOC_SIGNER, True, "họ tên người ký"))


def _warn_dated_before_cutoff(reader: Reader, cell: str, label: str, cutoff: date, issued: IssueDate) -> None:
    """A report dated 10/6 that says "Tính đến ngày 14/6/2026" contradicts itself."""
    if issued.year != cutoff.year or issued.month is None:
        return
    early = issued.month < cutoff.month if issued.day is None else (issued.month, issued.day) < (cutoff.month, cutoff.day)
    if early:
        when = f"{issued.day}/{issued.month}/{issued.year}" if issued.day else f"tháng {issued.month}/{issued.year}"
        cut = f"{cutoff.day}/{cutoff.month}/{cutoff.year}"
        reader.warn(F.SHEET_DOCUMENTS, cell,
                    f"“{label}” ghi ngày ban hành {when}, trước ngày chốt số liệu {cut} mà báo cáo ghi “Tính đến ngày …”",
                    f"ghi ngày ban hành từ {cut} trở đi, hoặc để trống cho văn thư điền")
