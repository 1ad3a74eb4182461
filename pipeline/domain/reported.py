"""Đã báo cáo: whether a unit reported a period. The one rule the single run, the batch, `tong-hop`,
the portal's matrix and its roll-up all follow.

A unit reported a period when its workbook shows any of:

1. a `Kết quả` row in the period's last quarter (quý IV for the year, quý II for 6 months), other than
   the example row `init` writes (`Kết quả …`);
2. a figure typed in `Số liệu` for the period itself (`Kỳ` = `Năm` for the year) — `init` leaves every
   figure blank, so an untouched workbook does not count;
3. nothing left to report: every task of the plan was `Hoàn thành` or `Dừng thực hiện` in an earlier
   quarter, since finished tasks need no rows in later quarters (README, trang Kết quả).

The period's `Văn bản` row is not evidence: clerks number and date every report row of the year at
once, long before the quarter has results.

The period a run makes when none is asked for is the latest quarter with rows or figures of its own
(1 or 2): a unit that finished everything in quý II does not jump ahead to quý IV in July.
"""

from __future__ import annotations

from .period import ReportPeriod, quarter
from .plan import Plan
from .result import Status

FINISHED = (Status.DONE, Status.STOPPED)


def has_reported(plan: Plan, period: ReportPeriod) -> bool:
    """Đã báo cáo kỳ: the rule of this module's docstring."""
    if period.year != plan.year:
        return False
    return (gave_something(plan, period)
            or nothing_left_to_report(plan, period.last_quarter))


def gave_something(plan: Plan, period: ReportPeriod) -> bool:
    """A result row in the period's last quarter, or a figure typed for the period."""
    return (any(r.quarter == period.last_quarter and not r.is_example for r in plan.results)
            or any(e.period == period and e.value is not None for e in plan.statistics))


def nothing_left_to_report(plan: Plan, last_quarter: int) -> bool:
    """Every task finished or stopped by a quarter before `last_quarter`."""
    latest: dict[int, Status] = {}
    for row in sorted(plan.results, key=lambda r: r.quarter):
        if row.quarter < last_quarter and not row.is_example:
            latest[row.task_number] = row.status
    return bool(plan.tasks) and all(latest.get(t.number) in FINISHED for t in plan.tasks)


def reported_quarters(plan: Plan) -> tuple[int, ...]:
    """The quarters of the year the unit reported, by the rule."""
    return tuple(q for q in range(1, 5) if has_reported(plan, quarter(plan.year, q)))


def latest_own_quarter(plan: Plan) -> int | None:
    """The latest quarter with a result row or a figure of its own: the period a run makes by default.

    Here the example row of `init` counts: a new workbook shows the clerk its first report (with a
    warning that it reported nothing yet).
    """
    own = [q for q in range(1, 5)
           if any(r.quarter == q for r in plan.results) or gave_something(plan, quarter(plan.year, q))]
    return own[-1] if own else None
