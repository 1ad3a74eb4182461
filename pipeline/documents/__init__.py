"""The documents a workbook gives, one module per kind, and the registry the rest of the program loops over.

A kind is a module with `TEMPLATE` (the Word template it fills) and `build(plan, period)`, which
returns the `DocumentJob` (or None when the workbook does not ask for that document) and any
warnings. Adding a kind touches this registry, its module and its template.
"""

from __future__ import annotations

from types import ModuleType

from ..errors import NothingToDo, Problem
from ..domain.plan import Plan
from ..domain.periods import ReportPeriod, period_from_key, quarter
from . import appendix, plan, report, rollup
from .common import DocumentJob, DocumentProperties, agency_slug

COMMUNE_DOCUMENTS: tuple[ModuleType, ...] = (plan, appendix, report)
"""What one commune's run makes, in this order: the plan, its appendix alone, the period's report."""

ALL_DOCUMENTS: tuple[ModuleType, ...] = (*COMMUNE_DOCUMENTS, rollup)
"""Every kind, the roll-up included (it is built from many plans: documents.rollup.build_rollup_job)."""
TEMPLATES: tuple[str, ...] = tuple(kind.TEMPLATE for kind in ALL_DOCUMENTS)

__all__ = ["ALL_DOCUMENTS", "COMMUNE_DOCUMENTS", "DocumentJob", "DocumentProperties", "TEMPLATES",
           "agency_slug", "choose_period", "document_jobs"]


def document_jobs(plan_: Plan, period: ReportPeriod | str | int | None) -> tuple[list[DocumentJob], list[Problem]]:
    """Every document of one plan for one period (the report only when the workbook has its row).

    `period` may also be a `--ky` key (`6-thang`) or a quarter number.
    """
    if period is not None:
        period = as_period(period, plan_.year)
    jobs: list[DocumentJob] = []
    warnings: list[Problem] = []
    for kind in COMMUNE_DOCUMENTS:
        job, more = kind.build(plan_, period)
        if job is not None:
            jobs.append(job)
        warnings.extend(more)
    return jobs, warnings


def choose_period(plan_: Plan, requested: ReportPeriod | str | int | None) -> ReportPeriod | None:
    """The period to report on: the one asked for (a period, a `--ky` key or a quarter number),
    else the latest quarter with results (None when there are none)."""
    if requested is None:
        quarters = plan_.quarters_with_results()
        return quarter(plan_.year, quarters[-1]) if quarters else None
    period = as_period(requested, plan_.year)
    if period not in plan_.reports:
        raise NothingToDo(
            f"sổ không có dòng “{period.row_label}” ở trang Văn bản",
            f"thêm dòng “{period.row_label}” (người ký, nơi nhận…) rồi chạy lại",
        )
    return period


def as_period(requested: ReportPeriod | str | int, year: int) -> ReportPeriod:
    if isinstance(requested, ReportPeriod):
        return ReportPeriod(requested.kind, year, requested.last_quarter)
    if isinstance(requested, int):
        return quarter(year, requested)
    return period_from_key(requested, year)
