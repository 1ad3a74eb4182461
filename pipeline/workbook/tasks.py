"""Sheet `Nhiệm vụ`: the plan's tasks with their deadlines."""

from __future__ import annotations

import re
from datetime import date

from ..domain.deadlines import accepted_deadlines, parse_deadline, respelled
from ..domain.task import Deadline, Task
from ..memo import Memo
from ..vietnamese import clean_text
from . import format as F
from .sheets import Reader, Row


_CRITERION_CODE = re.compile(r"^\s*tiêu chí(?: thành phần)?\s+(\d+(?:\.\d+)*)", re.IGNORECASE)


def read_tasks(reader: Reader, ws, grid, year: int) -> tuple[list[Task], set[int], dict[int, list[str]]]:
    """The valid tasks, every TT the sheet holds (a task with a bad cell still has its TT; none when a TT
    could not be read), and the cells of each TT typed twice (3 -> [`A4`, `A6`]): a result of the task that lost its TT names them."""
    if ws is None:
        return [], set(), {}
    tasks: list[Task] = []
    seen: dict[int, str] = {}
    repeated: dict[int, list[str]] = {}
    unread = False
    for row in reader.table(ws, F.SHEET_TASKS, F.TASK_COLUMNS, grid):
        heading = _field_heading(row)
        if heading:
            reader.problem(F.SHEET_TASKS, row.cell(F.TASK_NUMBER),
                           f"dòng {row.number} là dòng tiêu đề lĩnh vực “{heading[:60]}”, không phải một nhiệm vụ",
                           "xóa dòng tiêu đề lĩnh vực: chương trình tự nhóm nhiệm vụ theo lĩnh vực "
                           f"(mục “{F.INFO_GROUP_BY_FIELD}” ở trang {F.SHEET_INFO})")
            continue
        number = whole_number(reader, row, F.TASK_NUMBER)
        unread = unread or number is None
        if number is not None:
            if number in seen:
                reader.problem(F.SHEET_TASKS, row.cell(F.TASK_NUMBER), f"TT {number} bị trùng với ô {seen[number]}",
                               "mỗi nhiệm vụ một số TT khác nhau")
                repeated.setdefault(number, [seen[number]]).append(row.cell(F.TASK_NUMBER))
            seen[number] = row.cell(F.TASK_NUMBER)
        criterion = reader.text(row, F.TASK_CRITERION, True, "tiêu chí")
        raw_deadline = row.values.get(F.TASK_DEADLINE)
        deadline = None
        if raw_deadline is None or (isinstance(raw_deadline, str) and not raw_deadline.strip()):
            reader.problem(F.SHEET_TASKS, row.cell(F.TASK_DEADLINE), "chưa nhập thời gian hoàn thành",
                           "nhập một trong các dạng: " + accepted_deadlines(year))
        else:
            try:
                deadline = _deadline(raw_deadline, year)
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
    # A TT that could not be read (blank, a formula with no value) leaves the sheet's numbers unknown: no
    # result is then refused as `TT … không có trong trang Nhiệm vụ` (an empty set asks no such check).
    return sorted(tasks, key=lambda t: t.number), set() if unread else set(seen), repeated


_DEADLINES = Memo(lambda key: parse_deadline(clean_text(key[0]), key[1]), limit=4096)
"""Each distinct deadline text of a year (`Thường xuyên`, `Quý II`, `30/9/2024`), parsed once per process:
the workbooks of a batch share most."""


def _deadline(value, year: int) -> Deadline:
    """A task's deadline. Raises ValueError."""
    if value.__class__ is not str:
        return parse_deadline(value if isinstance(value, date) else clean_text(value), year)
    return _DEADLINES[(value, year)]


_ROMAN_HEADING = re.compile(r"^[IVX]{1,5}\.?$")


def _field_heading(row: Row) -> str:
    """The text of a field's heading row copied from a real plan (`I` | `CÔNG TÁC CHỈ ĐẠO…`, or one
    text merged across the row), else "": a row with a Roman TT, or no TT, and nothing else but one text."""
    number = clean_text(str(row.values.get(F.TASK_NUMBER) or ""))
    texts = {clean_text(str(v)) for c, v in row.values.items() if c != F.TASK_NUMBER and v is not None and str(v).strip()}
    if number and texts <= {number} and re.match(r"^[IVX]{1,5}[.)]\s", number):
        return number  # one text merged across the whole row, the TT column included
    if number and not _ROMAN_HEADING.match(number.upper()):
        return ""
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


def whole_number(reader: Reader, row: Row, column: str) -> int | None:
    value = row.values.get(column)
    if value.__class__ is int and value > 0:
        return value  # most TTs: a whole number in a General cell
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
