"""Time in the reporting cycle: deadlines, quarter ends, ND 09/2019 data periods, overdue tasks."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .models import Deadline, DeadlineKind, QuarterResult, Status, Task
from .vietnamese import match_key

ACCEPTED_DEADLINES = (
    "Thường xuyên; Quý I … Quý IV (có thể thêm “năm 2024”); 6 tháng đầu năm; "
    "Tháng 6 hoặc Tháng 6/2024; một ngày (30/6/2024); Trước ngày 30/6/2024"
)

_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def quarter_end(year: int, quarter: int) -> date:
    month = 3 * quarter
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class DataPeriod:
    """Thời gian chốt số liệu: the days a quarterly report covers (ND 09/2019, Điều 12)."""

    start: date
    end: date


def data_period(year: int, quarter: int) -> DataPeriod:
    """Quý I runs from 15/12 of the year before to 14/3; each later quarter follows on."""
    last_month = 3 * quarter
    start = date(year - 1, 12, 15) if quarter == 1 else date(year, last_month - 3, 15)
    return DataPeriod(start, date(year, last_month, 14))


def parse_quarter(value) -> int | None:
    """`I`, `1`, `Quý I`, `quý 1` -> 1; anything else -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 1 <= int(value) <= 4:
        return int(value)
    key = match_key(str(value))
    key = re.sub(r"^quý\s*", "", key)
    if key in _ROMAN_VALUES:
        return _ROMAN_VALUES[key]
    if key in {"1", "2", "3", "4"}:
        return int(key)
    return None


def parse_day_month_year(text: str) -> date | None:
    """`5/3/2024` or `05/03/2024` -> date; None when it is not of that shape.

    Raises ValueError for a date of that shape that does not exist (`31/02/2024`).
    """
    m = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", text.strip())
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    return date(year, month, day)


def parse_deadline(value, plan_year: int) -> Deadline:
    """Read `Thời gian hoàn thành` in any accepted form. Raises ValueError with the reason."""
    if isinstance(value, date):
        d = value if type(value) is date else value.date()
        return Deadline(format_plain_date(d), DeadlineKind.DATE, d)
    text = " ".join(str(value).split())
    key = match_key(text)
    if key == "thường xuyên":
        return Deadline(text, DeadlineKind.ONGOING, None)
    if key in {"6 tháng đầu năm", f"6 tháng đầu năm {plan_year}"}:
        return Deadline(text, DeadlineKind.FIRST_HALF, date(plan_year, 6, 30))
    m = re.fullmatch(r"quý\s+(i|ii|iii|iv|[1-4])(?:\s*(?:năm\s+|/)(\d{4}))?", key)
    if m:
        year = int(m.group(2) or plan_year)
        return Deadline(text, DeadlineKind.QUARTER, quarter_end(year, parse_quarter(m.group(1))))
    m = re.fullmatch(r"tháng\s+(\d{1,2})(?:\s*(?:/|năm\s+)(\d{4}))?", key)
    if m:
        month, year = int(m.group(1)), int(m.group(2) or plan_year)
        if not 1 <= month <= 12:
            raise ValueError(f"không có tháng {month}")
        return Deadline(text, DeadlineKind.MONTH, date(year, month, calendar.monthrange(year, month)[1]))
    m = re.fullmatch(r"trước ngày\s+(.+)", key)
    before = m is not None
    try:
        d = parse_day_month_year(m.group(1) if m else key)
    except ValueError:
        raise ValueError("ngày không có thật") from None
    if d is None:
        raise ValueError("")
    return Deadline(text, DeadlineKind.BEFORE_DATE if before else DeadlineKind.DATE, d)


def format_plain_date(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


@dataclass(frozen=True)
class TaskState:
    """A task as it stands at the end of one quarter."""

    task: Task
    result: QuarterResult | None
    """The result reported for this quarter, or the last one carried forward."""
    status: Status
    carried_forward: bool
    is_overdue: bool
    """Quá hạn: due on or before the quarter's end and not done."""


def is_overdue(task: Task, status: Status, year: int, quarter: int) -> bool:
    due = task.deadline.due_date
    return due is not None and due <= quarter_end(year, quarter) and status is not Status.DONE


def task_states(tasks, results, year: int, quarter: int) -> list[TaskState]:
    """Every task of the plan at the end of `quarter`, in TT order.

    A task with no row for the quarter keeps its last reported state (or `Chưa thực hiện`).
    """
    latest: dict[int, QuarterResult] = {}
    for r in sorted(results, key=lambda r: r.quarter):
        if r.quarter <= quarter:
            latest[r.task_number] = r
    states = []
    for task in sorted(tasks, key=lambda t: t.number):
        result = latest.get(task.number)
        status = result.status if result else Status.NOT_STARTED
        carried = result is None or result.quarter != quarter
        states.append(
            TaskState(task, result, status, carried, is_overdue(task, status, year, quarter))
        )
    return states


@dataclass(frozen=True)
class QuarterFigures:
    """How the plan's tasks stand at the end of a quarter: the report's summary figures."""

    total: int
    done: int
    in_progress: int
    not_started: int
    overdue: int

    @classmethod
    def of(cls, states: list[TaskState]) -> QuarterFigures:
        def count(status: Status) -> int:
            return sum(1 for s in states if s.status is status)

        return cls(
            total=len(states),
            done=count(Status.DONE),
            in_progress=count(Status.IN_PROGRESS),
            not_started=count(Status.NOT_STARTED),
            overdue=sum(1 for s in states if s.is_overdue),
        )

    def __add__(self, other: QuarterFigures) -> QuarterFigures:
        return QuarterFigures(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple())))

    def as_tuple(self) -> tuple[int, int, int, int, int]:
        return (self.total, self.done, self.in_progress, self.not_started, self.overdue)

    @property
    def completion(self) -> float:
        """Tỷ lệ hoàn thành: the share of tasks done, 0 to 1."""
        return self.done / self.total if self.total else 0.0
