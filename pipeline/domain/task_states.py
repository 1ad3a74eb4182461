"""Tình trạng: how each task of a plan stands at a report period's cut-off, and the counts a report states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .period import ReportPeriod
from .result import QuarterResult, Status
from .task import Task


@dataclass(frozen=True)
class TaskState:
    """A task as it stands at the cut-off of one report period."""

    task: Task
    result: QuarterResult | None
    """The period's own row, or the last one carried forward; outcome and evidence are the last
    non-blank ones given (evidence, once given, is never lost)."""
    status: Status
    carried_forward: bool
    """No row for the period's last quarter: the last reported state stands."""
    is_overdue: bool
    """Quá hạn: due on or before the cut-off date and not done."""
    is_due_soon: bool = False
    """Due after the cut-off but by the end of the period, and not done."""
    previous_status: Status | None = None
    """The status in the previous report (None for the first report of the year)."""
    all_evidence: tuple[str, ...] = ()
    """Every document given as evidence up to the period, in order, once each."""

    @property
    def status_changed(self) -> bool:
        return self.previous_status is not None and self.previous_status is not self.status


def is_overdue(task: Task, status: Status, cutoff: date) -> bool:
    due = task.deadline.due_date
    return due is not None and due <= cutoff and status is not Status.DONE


def task_states(tasks, results, period: ReportPeriod) -> list[TaskState]:
    """Every task of the plan at the cut-off of `period`, in TT order.

    A task with no row for the period keeps its last reported state (or `Chưa thực hiện`); a row
    that leaves the outcome or evidence blank keeps the last ones given.
    """
    rows: dict[int, list[QuarterResult]] = {}
    for r in sorted(results, key=lambda r: r.quarter):
        if r.quarter <= period.last_quarter:
            rows.setdefault(r.task_number, []).append(r)
    previous = period.previous
    states = []
    for task in sorted(tasks, key=lambda t: t.number):
        history = rows.get(task.number, [])
        result = _merged(history) if history else None
        status = result.status if result else Status.NOT_STARTED
        carried = result is None or result.quarter != period.last_quarter
        due = task.deadline.due_date
        states.append(TaskState(
            task=task,
            result=result,
            status=status,
            carried_forward=carried,
            is_overdue=is_overdue(task, status, period.cutoff),
            is_due_soon=status is not Status.DONE and due is not None and period.cutoff < due <= period.end,
            previous_status=_status_at(history, previous.last_quarter) if previous else None,
            all_evidence=tuple(dict.fromkeys(e for r in history for e in r.evidence)),
        ))
    return states


def _merged(history: list[QuarterResult]) -> QuarterResult:
    """The latest row, with the last non-blank outcome and evidence of the rows before it."""
    latest = history[-1]
    outcome = next((r.outcome for r in reversed(history) if r.outcome), "")
    evidence = next((r.evidence for r in reversed(history) if r.evidence), ())
    return QuarterResult(latest.task_number, latest.quarter, latest.status, outcome, evidence, latest.note)


def _status_at(history: list[QuarterResult], last_quarter: int) -> Status:
    rows = [r for r in history if r.quarter <= last_quarter]
    return rows[-1].status if rows else Status.NOT_STARTED


@dataclass(frozen=True)
class QuarterFigures:
    """How the plan's tasks stand at a period's cut-off: the report's summary figures."""

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
