"""Kết quả: what was reported on one task in one quarter."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from .task import Deadline


class Status(enum.Enum):
    """Tình trạng: how far a task has got, or what was decided about it."""

    DONE = "Hoàn thành"
    IN_PROGRESS = "Đang thực hiện"
    NOT_STARTED = "Chưa thực hiện"
    ADJUSTED = "Điều chỉnh"
    """Rescheduled by decision: the row's `Thời hạn mới` replaces the plan's deadline from then on."""
    STOPPED = "Dừng thực hiện"
    """Dropped by decision: the task leaves the count and the completion rate."""


@dataclass(frozen=True, init=False)
class QuarterResult:
    """Kết quả: what was done on one task in one quarter (quý)."""

    task_number: int
    quarter: int
    status: Status
    outcome: str = ""
    """Kết quả thực hiện."""
    evidence: tuple[str, ...] = ()
    """Hồ sơ kiểm chứng: the documents that prove it, one per line."""
    note: str = ""
    finished_on: date | None = None
    """Ngày hoàn thành: the day a finished task was finished, when the clerk gives it."""
    new_deadline: Deadline | None = None
    """Thời hạn mới: the deadline set by the decision an `Điều chỉnh` row records."""
    is_example: bool = False
    """The example row `make-report init` writes, still untouched: not a report (domain.reported)."""

    def __init__(self, task_number: int, quarter: int, status: Status, outcome: str = "",
                 evidence: tuple[str, ...] = (), note: str = "", finished_on: date | None = None,
                 new_deadline: Deadline | None = None, is_example: bool = False):
        # A frozen dataclass's own __init__ sets each field through object.__setattr__: three times
        # the time, for every result row of every workbook of a batch.
        self.__dict__.update(task_number=task_number, quarter=quarter, status=status, outcome=outcome,
                             evidence=evidence, note=note, finished_on=finished_on, new_deadline=new_deadline,
                             is_example=is_example)
