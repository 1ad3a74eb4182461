"""The documents a workbook gives, one module per kind, and the registry the rest of the program loops over.

Each kind is declared once, in its own module, with `@register` (see `registry.py`); importing it
below registers it. A new kind is its module, its template and one name in this import.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..domain.period import ReportPeriod, period_from_key, periods_at_cutoff, quarter
from ..domain.plan import Plan
from ..domain.reported import has_reported, latest_own_quarter, reported_quarters
from ..errors import InvalidWorkbook, NothingToDo, Problem
from ..vietnamese import roman, upper_first
from . import appendix, cchc_report, plan, report, rollup  # noqa: F401 - importing a kind registers it
from .common import DocumentJob, DocumentProperties, agency_slug
from .registry import REGISTRY, DocumentKind, Registry, RowLabel, register

__all__ = ["REGISTRY", "AtCutoff", "DocumentJob", "DocumentKind", "DocumentProperties", "Registry", "RowLabel", "agency_slug",
           "as_period", "choose_period", "document_jobs", "register", "templates"]


def templates() -> tuple[str, ...]:
    """The template of every registered kind, the roll-up's included."""
    return REGISTRY.templates()


def document_jobs(plan_: Plan, period: ReportPeriod | str | int | None) -> tuple[list[DocumentJob], list[Problem]]:
    """Every document of one plan for one period: each registered kind that applies to the plan.

    `period` may also be a `--ky` key (`6-thang`) or a quarter number.
    """
    if period is not None:
        period = as_period(period, plan_.year)
    if problems := plan_.problems_of_row(period):  # the period's own row: another period's does not stop it
        raise InvalidWorkbook(plan_.source or Path(), list(problems))
    jobs: list[DocumentJob] = []
    warnings: list[Problem] = []
    if period is not None and not has_reported(plan_, period):
        warnings.append(not_reported_warning(plan_, period))
    for kind in REGISTRY.unit_kinds(plan_):
        job, more = kind.build(plan_, period)
        if job is not None:
            jobs.append(job)
        warnings.extend(more)
    return jobs, warnings


def not_reported_warning(plan_: Plan, period: ReportPeriod) -> Problem:
    """The period asked for is one the unit has not reported (`domain.reported`): the documents
    carry the last reported state, and the province counts the unit as not reported."""
    earlier = [q for q in reported_quarters(plan_) if q < period.last_quarter]
    last = f"kết quả mới nhất là quý {roman(earlier[-1])}" if earlier else "sổ chưa có kết quả quý nào"
    own = any(r.quarter == period.last_quarter for r in plan_.results)  # only `init`'s example row
    return Problem(
        "Kết quả", "",
        f"chưa có kết quả {period.name} ({last}): "
        + (f"dòng quý {roman(period.last_quarter)} ở trang Kết quả còn là dòng ví dụ của sổ mẫu" if own
           else f"không có dòng quý {roman(period.last_quarter)} ở trang Kết quả")
        + f", cũng không có số liệu kỳ “{upper_first(period.short_name)}” ở trang Số liệu",
        f"văn bản lập theo tình trạng đã báo cáo gần nhất và tỉnh tính là chưa báo cáo kỳ này; nhập kết quả "
        f"quý {roman(period.last_quarter)} ở trang Kết quả rồi chạy lại",
    )


class AtCutoff(NamedTuple):
    """A request for the report at the end of a quarter, whichever row the workbook has for it
    (`default_period`): how a batch renders again a workbook that reported a later quarter than its own
    latest (every task finished early), where another workbook's `quý II` would be its `6 tháng`."""

    quarter: int


def choose_period(plan_: Plan, requested: ReportPeriod | AtCutoff | str | int | None) -> ReportPeriod | None:
    """The period to report on: the one asked for (a period, a `--ky` key or a quarter number),
    else the report at the latest quarter with results or figures of its own (`default_period`;
    None when there are none)."""
    if isinstance(requested, AtCutoff):
        return default_period(plan_, requested.quarter)
    if requested is None:
        latest = latest_own_quarter(plan_)
        return default_period(plan_, latest) if latest is not None else None
    period = as_period(requested, plan_.year)
    periodic = [k for k in REGISTRY.unit_kinds(plan_) if k.periodic]
    if periodic and not any(k.row(plan_, period) for k in periodic):
        label = periodic[0].row_label(period)
        instead = rows_at_same_cutoff(plan_, period)
        raise NothingToDo(
            f"sổ không có dòng “{label}” ở trang Văn bản",
            f"thêm dòng “{label}” (người ký, nơi nhận…) rồi chạy lại"
            + (f", hoặc chọn kỳ {instead[0].short_name} mà sổ có dòng bằng --ky {instead[0].key}" if instead else ""),
        )
    return period


def default_period(plan_: Plan, latest_quarter: int) -> ReportPeriod:
    """The report at the end of quarter `latest_quarter`: the quarter's own when the workbook has its
    `Văn bản` row, else the period ending with it whose row the workbook has (the CCHC cycle that
    `init` writes is quý I, 6 tháng, quý III, năm: after quý II's results its report is the 6 months'),
    else the quarter's (whose missing row is then warned about)."""
    at_cutoff = rows_at_same_cutoff(plan_, quarter(plan_.year, latest_quarter), include_itself=True)
    return at_cutoff[0] if at_cutoff else quarter(plan_.year, latest_quarter)


def rows_at_same_cutoff(plan_: Plan, period: ReportPeriod, include_itself: bool = False) -> list[ReportPeriod]:
    """The periods ending with `period`'s quarter whose report row the workbook has, the quarter first."""
    periodic = [k for k in REGISTRY.unit_kinds(plan_) if k.periodic]
    return [p for p in periods_at_cutoff(period)
            if (include_itself or p != period) and any(k.row(plan_, p) for k in periodic)]


def as_period(requested: ReportPeriod | str | int, year: int) -> ReportPeriod:
    if isinstance(requested, ReportPeriod):
        return ReportPeriod(requested.kind, year, requested.last_quarter)
    if isinstance(requested, int):
        return quarter(year, requested)
    return period_from_key(requested, year)
