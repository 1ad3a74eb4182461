"""Tình trạng: how each task of a plan stands at a report period's cut-off: done on time or late,
overdue, rescheduled or dropped."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from .period import ReportPeriod, quarter
from .result import QuarterResult, Status
from .task import Deadline, Task

UNFINISHED = (Status.IN_PROGRESS, Status.NOT_STARTED, Status.ADJUSTED)


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
    """Quá hạn: due on or before the cut-off date and not done (nor dropped)."""
    is_due_soon: bool = False
    """Due after the cut-off but by the end of the period, and not done."""
    previous_status: Status | None = None
    """The status in the previous report (None for the first report of the year)."""
    all_evidence: tuple[str, ...] = ()
    """Every document given as evidence up to the period, in order, once each."""
    new_deadline: Deadline | None = None
    """Thời hạn mới: the deadline an `Điều chỉnh` row set, which the task is judged against."""
    finished_late: bool = False
    """Hoàn thành nhưng quá hạn: done, but overdue at an earlier report's cut-off or finished
    (`Ngày hoàn thành`) after its due date."""
    outcome_quarter: int | None = None
    evidence_quarter: int | None = None
    """The quarters whose rows gave the outcome and the evidence shown: an earlier one than the result's
    own when its row left them blank (a new result beside quý I's evidence says so)."""

    @property
    def status_changed(self) -> bool:
        return self.previous_status is not None and self.previous_status is not self.status

    @property
    def deadline(self) -> Deadline:
        """The deadline in force: the plan's, or the one a decision set."""
        return self.new_deadline or self.task.deadline

    @property
    def is_done(self) -> bool:
        return self.status is Status.DONE

    @property
    def is_stopped(self) -> bool:
        """Dừng thực hiện: out of the count and the rate, listed apart."""
        return self.status is Status.STOPPED

    @property
    def finished_on_time(self) -> bool:
        return self.is_done and not self.finished_late


def is_overdue(deadline: Deadline, status: Status, cutoff: date) -> bool:
    due = deadline.due_date
    return due is not None and due <= cutoff and status in UNFINISHED


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
    cutoff, end = period.cutoff, period.end   # computed properties: once, not per task
    states = []
    for task in sorted(tasks, key=lambda t: t.number):
        history = rows.get(task.number, [])
        result = _merged(history) if history else None
        status = result.status if result else Status.NOT_STARTED
        carried = result is None or result.quarter != period.last_quarter
        new_deadline = next((r.new_deadline for r in reversed(history) if r.new_deadline), None)
        deadline = new_deadline or task.deadline
        due = deadline.due_date
        states.append(TaskState(
            task=task,
            result=result,
            status=status,
            carried_forward=carried,
            is_overdue=is_overdue(deadline, status, cutoff),
            is_due_soon=status in UNFINISHED and due is not None and cutoff < due <= end,
            previous_status=_status_at(history, previous.last_quarter) if previous else None,
            all_evidence=tuple(dict.fromkeys(e for r in history for e in r.evidence)),
            new_deadline=new_deadline,
            finished_late=status is Status.DONE and _finished_late(history, deadline, period.year),
            outcome_quarter=next((r.quarter for r in reversed(history) if r.outcome), None),
            evidence_quarter=next((r.quarter for r in reversed(history) if r.evidence), None),
        ))
    return states


def _finished_late(history: list[QuarterResult], deadline: Deadline, year: int) -> bool:
    """Late when overdue at the cut-off of a report before the one that first said `Hoàn thành`
    (against the deadline in force, so a rescheduled task finished by its new date is on time),
    or when its `Ngày hoàn thành` is after that deadline."""
    due = deadline.due_date
    if due is None:
        return False
    done_since = history[-1]
    for row in reversed(history):
        if row.status is not Status.DONE:
            break
        done_since = row
    finished_on = next((r.finished_on for r in reversed(history) if r.finished_on), None)
    if finished_on is not None and finished_on > due:
        return True
    return any(due <= cutoff for cutoff in _quarter_cutoffs(year)[:max(done_since.quarter - 1, 0)])


@functools.lru_cache(maxsize=16)
def _quarter_cutoffs(year: int) -> tuple[date, ...]:
    """The cut-off dates of the year's four quarters (asked for every finished task of every report)."""
    return tuple(quarter(year, number).cutoff for number in range(1, 5))


def _merged(history: list[QuarterResult]) -> QuarterResult:
    """The latest row, with the last non-blank outcome and evidence of the rows before it."""
    latest = history[-1]
    outcome = next((r.outcome for r in reversed(history) if r.outcome), "")
    evidence = next((r.evidence for r in reversed(history) if r.evidence), ())
    return QuarterResult(latest.task_number, latest.quarter, latest.status, outcome, evidence, latest.note,
                         latest.finished_on, latest.new_deadline)


def _status_at(history: list[QuarterResult], last_quarter: int) -> Status:
    rows = [r for r in history if r.quarter <= last_quarter]
    return rows[-1].status if rows else Status.NOT_STARTED
