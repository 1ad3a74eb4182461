"""The counts a report states of a plan at a period's cut-off: one function every report form calls.

"Hoàn thành 12 nhiệm vụ (đúng hạn 7, quá hạn 5)": the plan-result report's body, its appendix, the
roll-up, and the CCHC report's I.2 and form rows 1.2.x all say the same figures, from `count_tasks`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from .period import ReportPeriod
from .result import QuarterResult, Status
from .task import Task
from .task_states import TaskState, task_states


@dataclass(frozen=True, slots=True)
class TaskCounts:
    """How a plan's tasks stand at a cut-off. A task dropped by decision (`Dừng thực hiện`) is in
    `stopped` only: it leaves every other count and the completion rate."""

    total: int
    """Tasks in the count: every task of the plan but those stopped."""
    finished: int
    on_time: int
    late: int
    """Hoàn thành nhưng quá hạn."""
    in_progress: int
    """Đang thực hiện, a rescheduled task (`Điều chỉnh`) not yet finished included."""
    not_started: int
    overdue_unfinished: int
    """Quá hạn: due by the cut-off and not finished."""
    stopped: int

    @classmethod
    def of(cls, states: Iterable[TaskState]) -> TaskCounts:
        states = list(states)
        counted = [s for s in states if not s.is_stopped]

        def count(*statuses: Status) -> int:
            return sum(1 for s in counted if s.status in statuses)

        return cls(
            total=len(counted),
            finished=count(Status.DONE),
            on_time=sum(1 for s in counted if s.finished_on_time),
            late=sum(1 for s in counted if s.is_done and s.finished_late),
            in_progress=count(Status.IN_PROGRESS, Status.ADJUSTED),
            not_started=count(Status.NOT_STARTED),
            overdue_unfinished=sum(1 for s in counted if s.is_overdue),
            stopped=len(states) - len(counted),
        )

    @classmethod
    def zero(cls) -> TaskCounts:
        return cls(*(0 for _ in fields(cls)))

    def __add__(self, other: TaskCounts) -> TaskCounts:
        # Not astuple: it deep-copies every field, and a roll-up adds two counts a unit.
        return TaskCounts(*(getattr(self, name) + getattr(other, name) for name in self.__slots__))

    @property
    def completion(self) -> float:
        """Tỷ lệ hoàn thành: the share of the counted tasks finished, 0 to 1."""
        return self.finished / self.total if self.total else 0.0


def count_tasks(tasks: Iterable[Task], results: Iterable[QuarterResult], period: ReportPeriod) -> TaskCounts:
    """The plan's counts at `period`'s cut-off (a `Plan` gives `plan.tasks`, `plan.results`)."""
    return TaskCounts.of(task_states(tasks, results, period))
