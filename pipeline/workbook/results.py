"""Sheet `Kết quả`: what was done on each task, quarter by quarter."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from datetime import date, datetime


from ..domain.deadlines import accepted_deadlines, parse_day_month_year, parse_deadline, respelled
from ..domain.period import parse_quarter, quarter_end
from ..domain.result import QuarterResult, Status
from ..domain.task import Deadline
from ..vietnamese import ascii_slug, clean_text, closest, match_key, roman
from . import format as F
from .sheets import Reader, Records, Row, plain_text
from .tasks import whole_number


def read_results(reader: Reader, ws, grid, task_numbers: set[int], year: int,
                 repeated: dict[int, list[str]] | None = None) -> list[QuarterResult]:
    """The sheet's results; `repeated`: the Nhiệm vụ cells whose TT is typed twice (`read_tasks`), which a
    result of a TT no task has most likely lost its number to."""
    if ws is None:
        return []
    statuses = {match_key(s.value): s for s in Status}
    typed_statuses: dict[str, Status | None] = {}  # the sheet repeats a few texts: each looked up once
    quarters: dict[tuple[type, object], int | None] = {}
    results = []
    seen: dict[tuple[int, int], int] = {}  # each (task, quarter)'s row number: cells are named when a message needs them
    table = reader.records(ws, F.SHEET_RESULTS, F.RESULT_COLUMNS, grid)
    for row_number, values, result in _plain_results(table, task_numbers, quarters, typed_statuses, seen):
        if result is not None:
            seen[(result.task_number, result.quarter)] = row_number
            results.append(result)
            continue
        row = table.row(row_number, values)
        number = whole_number(reader, row, F.RESULT_TASK)
        if number is not None and task_numbers and number not in task_numbers:
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_TASK), f"TT {number} không có trong trang Nhiệm vụ",
                           _lost_number_hint(number, task_numbers, repeated or {}))
            number = None
        raw_quarter = row.values.get(F.RESULT_QUARTER)
        quarter = _quarter(raw_quarter, quarters) if raw_quarter is not None else None
        if quarter is None:
            shown = clean_text(raw_quarter) if raw_quarter is not None else ""
            meant = parse_quarter(respelled(shown)) if shown else None
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_QUARTER),
                           f"quý “{shown}” không hợp lệ" if shown else "chưa nhập quý",
                           f"có phải “Quý {roman(meant)}”?" if meant else "chọn I, II, III hoặc IV")
        status_text = reader.text(row, F.RESULT_STATUS)
        if status_text not in typed_statuses:
            typed_statuses[status_text] = statuses.get(match_key(status_text))
        status = typed_statuses[status_text]
        if status is None:
            guess = status_meant(status_text) if status_text else None
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_STATUS),
                           f"tình trạng “{status_text}” không hợp lệ" if status_text else "chưa nhập tình trạng",
                           f"có phải “{guess}”?" if guess else "chọn: " + ", ".join(F.STATUSES))
        finished_on = _finished_on(reader, row, status, year)
        new_deadline = _new_deadline(reader, row, status, year)
        _needs_a_note(reader, row, status, year)
        if finished_on is not None and quarter is not None:
            _warn_finished_after_its_quarter(reader, row, quarter, finished_on, year)
        if number is None or quarter is None or status is None:
            continue
        if (number, quarter) in seen:
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_TASK),
                           f"nhiệm vụ {number} quý {roman(quarter)} đã có kết quả ở "
                           f"{table.cell(F.RESULT_TASK, seen[(number, quarter)])}", "gộp hai dòng thành một")
            continue
        seen[(number, quarter)] = row.number
        outcome = reader.text(row, F.RESULT_OUTCOME)
        results.append(
            QuarterResult(
                task_number=number,
                quarter=quarter,
                status=status,
                outcome=outcome,
                evidence=evidence_lines(reader.text(row, F.RESULT_EVIDENCE)),
                note=reader.text(row, F.RESULT_NOTE),
                finished_on=finished_on,
                new_deadline=new_deadline,
                is_example=outcome == F.EXAMPLE_OUTCOME,
            )
        )
    _warn_done_then_undone(reader, table, seen, results)
    return results


_ORDINARY_STATUSES = frozenset((Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED))
"""No decision to cite, no new deadline."""
_RESULT_FIELDS = (F.RESULT_TASK, F.RESULT_QUARTER, F.RESULT_STATUS, F.RESULT_OUTCOME, F.RESULT_EVIDENCE,
                  F.RESULT_NOTE, F.RESULT_FINISHED_ON, F.RESULT_NEW_DEADLINE)


def _plain_results(table: Records, task_numbers: set[int], quarters: dict, typed_statuses: dict[str, Status | None],
                   seen: dict[tuple[int, int], int]) -> Iterator[tuple[int, list, QuarterResult | None]]:
    """Each row with its result if the row is plain, else None (read_results reads it with care and
    says what is wrong). Plain, as most rows are: a TT of the plan, a quarter and an ordinary status
    read before (the dicts fill as the careful reading reads them), no dates, texts reading has
    nothing to say about, a task and quarter not seen before."""
    if not all(column in table.positions for column in _RESULT_FIELDS):
        for row_number, values in table.rows:
            yield row_number, values, None
        return
    take = operator.itemgetter(*(table.positions[column] for column in _RESULT_FIELDS))
    for row_number, values in table.rows:
        number, raw_quarter, raw_status, outcome, evidence, note, finished_on, new_deadline = take(values)
        quarter = quarters.get((raw_quarter.__class__, raw_quarter))
        status = typed_statuses.get(plain_text(raw_status) or "")
        if number.__class__ is int and number > 0 and (not task_numbers or number in task_numbers) \
                and quarter is not None and status in _ORDINARY_STATUSES and finished_on is None \
                and new_deadline is None and (number, quarter) not in seen:
            outcome = "" if outcome is None else plain_text(outcome)
            evidence = "" if evidence is None else plain_text(evidence)
            note = "" if note is None else plain_text(note)
            if outcome is not None and evidence is not None and note is not None:
                yield row_number, values, QuarterResult(number, quarter, status, outcome=outcome,
                                                        evidence=evidence_lines(evidence), note=note,
                                                        is_example=outcome == F.EXAMPLE_OUTCOME)
                continue
        yield row_number, values, None


_DONE, _DOING, _NOT_STARTED = F.STATUSES[:3]
STATUS_SHORTHANDS = {ascii_slug(typed): meant for meant, typed_forms in (
    (_DONE, ("Đã thực hiện", "Đã thực hiện xong", "Đã hoàn thành", "Hoàn tất", "Đã xong", "Xong", "HT", "Đã HT",
             "Đạt")),
    (_DOING, ("Đang làm", "Đang triển khai", "Đang TH", "ĐTH", "Đang tiến hành")),
    (_NOT_STARTED, ("Chưa", "Chưa làm", "Chưa triển khai", "Chưa TH", "CTH")),
) for typed in typed_forms}
"""What clerks write for a status in their own words, and the status it means: suggested, never taken
for it (`Đã thực hiện` is nearest `Đang thực hiện` by spelling, which would turn a finished task into one
in progress)."""


def status_meant(typed: str) -> str | None:
    """The status `typed` most likely means, for the hint: `có phải “Hoàn thành”?`; None (the hint then
    lists every status) when the closest by spelling says the opposite: `Chưa hoàn thành` is not
    `Hoàn thành`, `Không thực hiện` is not `Đang thực hiện`."""
    key = ascii_slug(typed.strip().rstrip("."))
    if key in STATUS_SHORTHANDS:
        return STATUS_SHORTHANDS[key]
    guess = closest(typed, list(F.STATUSES))
    if guess is None or _negated(key) != _negated(ascii_slug(guess)) or ("xong" in key.split("-") and guess != _DONE):
        return None
    return guess


def _negated(key: str) -> bool:
    return bool({"chua", "khong", "ko", "k", "kh", "khg", "chx"} & set(key.split("-")))


def _quarter(value: object, known: dict[tuple[type, object], int | None]) -> int | None:
    """Quý: the sheet repeats four values on every row, each parsed once (keyed by type: 1 == 1.0 == True)."""
    key = (value.__class__, value)
    if key not in known:
        known[key] = parse_quarter(value)
    return known[key]


def _lost_number_hint(number: int, task_numbers: set[int], repeated: dict[int, list[str]]) -> str:
    """How to fix a result of a TT no task has. When the tasks' numbering lacks exactly as many numbers as
    it has typed twice, and this is one of them, the task most likely lost it to a slip: name the cells of
    the TT typed twice (which of them is the slip, only the clerk knows)."""
    # Counted, not listed: a TT typed as 1000000000 (a held-down key) must not build a billion numbers.
    top = max(task_numbers, default=0)
    gaps = top - sum(1 for n in task_numbers if n >= 1)
    if repeated and 1 <= number <= top and number not in task_numbers and gaps == len(repeated):
        cells = "; ".join(f"TT {typed} ở {', '.join(f'{F.SHEET_TASKS}!{cell}' for cell in where)}"
                          for typed, where in repeated.items())
        return (f"có thể nhiệm vụ {number} ở trang {F.SHEET_TASKS} bị gõ nhầm TT ({cells}): sửa TT của nhiệm vụ đó "
                f"thành {number}")
    return "sửa TT cho khớp với một nhiệm vụ, hoặc thêm nhiệm vụ đó"


def _warn_done_then_undone(reader: Reader, table: Records, rows_of: dict[tuple[int, int], int],
                           results: list[QuarterResult]) -> None:
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
            reader.warn(F.SHEET_RESULTS, table.cell(F.RESULT_STATUS, rows_of[(number, later.quarter)]),
                        f"nhiệm vụ {number} đã “{Status.DONE.value}” ở quý {roman(done.quarter)} "
                        f"({F.SHEET_RESULTS}!{table.cell(F.RESULT_STATUS, rows_of[(number, done.quarter)])}) nhưng quý "
                        f"{roman(later.quarter)} "
                        f"ghi “{later.status.value}”",
                        f"sửa một trong hai dòng: nhiệm vụ đã xong thì không cần dòng quý {roman(later.quarter)}; "
                        f"chưa xong thì sửa tình trạng quý {roman(done.quarter)}")


def _where(row: Row, column: str) -> str:
    """The cell of `column`, or the status cell when the sheet has no such column (a v1.1 workbook)."""
    return row.cell(column) if column in row.columns else row.cell(F.RESULT_STATUS)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _ignored(reader: Reader, row: Row, column: str, status: Status, what: str, hint: str) -> None:
    """A value in `column` that the row's status has no use for: said, then left out."""
    reader.warn(F.SHEET_RESULTS, row.cell(column),
                f"có {column} nhưng tình trạng là “{status.value}” nên {what} này bị bỏ qua", hint)


def _finished_on(reader: Reader, row: Row, status: Status | None, year: int) -> date | None:
    """Ngày hoàn thành: an Excel date or `15/3/2024`; only a finished task has one."""
    value = row.values.get(F.RESULT_FINISHED_ON)
    if _blank(value):
        return None
    day: date | None = None
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
    else:
        try:
            day = parse_day_month_year(reader.text(row, F.RESULT_FINISHED_ON))
        except ValueError:
            day = None
    if day is None:
        reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_FINISHED_ON),
                       f"ngày hoàn thành “{reader.text(row, F.RESULT_FINISHED_ON)}” không hợp lệ",
                       f"nhập ngày có thật dạng ngày/tháng/năm, ví dụ 15/3/{year}, hoặc để trống")
        return None
    if status is not None and status is not Status.DONE:
        _ignored(reader, row, F.RESULT_FINISHED_ON, status, "ngày",
                 f"sửa Tình trạng thành “{Status.DONE.value}” nếu nhiệm vụ đã xong, hoặc xóa Ngày hoàn thành")
        return None
    return day


def _warn_finished_after_its_quarter(reader: Reader, row: Row, number: int, finished_on: date, year: int) -> None:
    """A task finished after its row's quarter has ended is still counted finished in that quarter's
    report: a date typed wrong (a year typed 2027), or a result entered under the quarter before. (A
    date between the cut-off, the 14th, and the quarter's end is the usual late entry: not warned.)"""
    end = quarter_end(year, number)
    start = date(year - 1, 12, 15)  # quý I's data start at 15/12 of the year before (ND 09)
    if finished_on < start:
        shown = f"{finished_on.day}/{finished_on.month}/{finished_on.year}"
        reader.warn(F.SHEET_RESULTS, row.cell(F.RESULT_FINISHED_ON),
                    f"ngày hoàn thành {shown} trước khi kế hoạch năm {year} bắt đầu tính số liệu (15/12/{year - 1})",
                    "sửa năm nếu gõ nhầm")
        return
    if finished_on <= end:
        return
    later = next((q for q in range(number + 1, 5) if finished_on <= quarter_end(year, q)), None)
    shown = f"{finished_on.day}/{finished_on.month}/{finished_on.year}"
    reader.warn(F.SHEET_RESULTS, row.cell(F.RESULT_FINISHED_ON),
                f"ngày hoàn thành {shown} sau khi hết quý {roman(number)} ({end.day}/{end.month}/{end.year}) "
                f"nhưng báo cáo quý {roman(number)} vẫn tính là đã hoàn thành",
                f"sửa ngày nếu gõ nhầm, hoặc ghi kết quả này ở dòng quý {roman(later)}" if later
                else f"sửa ngày hoàn thành (sổ là kế hoạch năm {year})")


def _new_deadline(reader: Reader, row: Row, status: Status | None, year: int) -> Deadline | None:
    """Thời hạn mới: required with `Điều chỉnh`, in any form `Thời gian hoàn thành` accepts."""
    value = row.values.get(F.RESULT_NEW_DEADLINE)
    blank = _blank(value)
    if status is Status.ADJUSTED and blank:
        reader.problem(F.SHEET_RESULTS, _where(row, F.RESULT_NEW_DEADLINE),
                       f"tình trạng “{Status.ADJUSTED.value}” cần Thời hạn mới",
                       f"ghi thời hạn mới theo văn bản điều chỉnh ở cột {F.RESULT_NEW_DEADLINE} "
                       f"(ví dụ Quý IV, 30/11/{year}); các dạng được nhận: " + accepted_deadlines(year))
        return None
    if blank:
        return None
    if status is not None and status is not Status.ADJUSTED:
        _ignored(reader, row, F.RESULT_NEW_DEADLINE, status, "thời hạn",
                 f"chọn Tình trạng “{Status.ADJUSTED.value}” nếu thời hạn đã được điều chỉnh bằng văn bản")
        return None
    try:
        return parse_deadline(value if isinstance(value, date) else reader.text(row, F.RESULT_NEW_DEADLINE), year)
    except ValueError:
        reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_NEW_DEADLINE),
                       f"thời hạn mới “{reader.text(row, F.RESULT_NEW_DEADLINE)}” không hợp lệ",
                       "nhập một trong các dạng: " + accepted_deadlines(year))
        return None


def _needs_a_note(reader: Reader, row: Row, status: Status | None, year: int) -> None:
    """A decision (`Điều chỉnh`, `Dừng thực hiện`) is named in `Ghi chú`: the report cites it."""
    if status in (Status.ADJUSTED, Status.STOPPED) and not reader.text(row, F.RESULT_NOTE):
        reader.problem(F.SHEET_RESULTS, _where(row, F.RESULT_NOTE),
                       f"tình trạng “{status.value}” cần Ghi chú nêu văn bản quyết định",
                       f"ghi số, ngày của văn bản cho phép (ví dụ Quyết định số 12/QĐ-UBND ngày 05/6/{year}) "
                       f"ở cột {F.RESULT_NOTE}")


_LIST_MARKS = "-+•*–"
_LIST_MARK = re.compile(rf"^[{_LIST_MARKS}]\s*")
_END_MARKS = ".;,:"
_END_PUNCTUATION = re.compile(r"(?:\s*(?:\./\.|[.;,:]))+$")


def evidence_lines(text: str) -> tuple[str, ...]:
    """`- Kế hoạch số 30/KH-UBND;` ⏎ `- Thông báo số 55/TB-UBND.` -> the two documents alone.

    A clerk types evidence as a list; the documents write their own list marks and punctuation
    (`…; …`), so each line's own mark and end punctuation go, or the report prints `;;` and `..`.
    """
    if not text:
        return ()
    first, last = text[0], text[-1]
    if "\n" not in text and first not in _LIST_MARKS and last not in _END_MARKS \
            and not first.isspace() and not last.isspace():
        return (text,)  # one document, neither marked nor punctuated nor padded: most cells
    lines = (_END_PUNCTUATION.sub("", _LIST_MARK.sub("", line.strip())) for line in text.split("\n"))
    return tuple(line for line in lines if line)
