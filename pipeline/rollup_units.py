"""One unit as a roll-up counts it: its result at a period, its summary, and the summaries on disk.

A reading worker turns a unit's plan into a `UnitSummary` (`summarize_unit`): its standing at each
period the roll-up may count, and what tells its workbook from another. Only that travels to the
roll-up's process, which keeps it on a `UnitShelf`: a thousand units' plans never meet in one
process, and their summaries wait on disk.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .domain.counts import TaskCounts
from .domain.period import ReportPeriod, quarter
from .domain.plan import DocumentInfo, Plan
from .domain.reported import has_reported, latest_own_quarter, reported_quarters
from .domain.task_states import task_states
from .domain.units import WorkbookProfile, last_modified
from .shelf import Shelf
from .statistics.catalog import load_catalog
from .statistics.forms import Figure, figures_of, gave_any, unit_figures
from .vietnamese import COMMUNE_WORDS, agency_in_sentence, format_number_symbol, format_short_date, unit_word_of, upper_first

@dataclass(frozen=True, slots=True)
class OverdueTask:
    number: int
    criterion: str
    solution: str
    lead: str
    deadline: str
    status: str


@dataclass(frozen=True, slots=True)
class UnitResult:
    """One unit's standing at the period's cut-off."""

    name: str
    """The unit's issuing body as a sentence writes it (`Ủy ban nhân dân phường Trấn Biên`)."""
    short_name: str
    """The unit itself (`Phường Trấn Biên`): what the roll-up's tables show."""
    unit_word: str
    """`xã`, `phường`, `đặc khu` (empty when the name says none)."""
    workbook: Path
    figures: TaskCounts
    previous: TaskCounts | None
    """The figures at the previous report, when the unit reported that period too."""
    overdue: tuple[OverdueTask, ...]
    report_number: str
    """`12/BC-UBND`, or empty when the unit's report row has no number."""
    report_date: str
    """`10/6/2026`, `tháng 6/2026` for a month-only date, or empty when the report row has none."""
    report_issued: date | None = None
    """The report's full date, for the roll-up workbook's date cells."""
    plan_summary: str = ""
    """The unit's plan's summary (`Cải cách hành chính năm 2026`): which plan the roll-up is about."""
    report_period: str = ""
    """`quý II` when the report cited is of another period at the same cut-off (a unit in the CCHC cycle
    sends `quý II` where the province rolls up `6 tháng`), so the cited number is not taken for a 6 tháng
    report; empty when it is the period's own."""

    @property
    def other_report(self) -> str:
        """` (báo cáo quý II)` after the cited report when it is of another period, as the DOCX and the
        XLSX both print it; empty otherwise."""
        return f" (báo cáo {self.report_period})" if self.report_period else ""


def unit_word(agency_name: str) -> str:
    """`ỦY BAN NHÂN DÂN PHƯỜNG TRẤN BIÊN` -> `phường`; "" for a unit that is no commune, ward or zone."""
    word = unit_word_of(agency_name)
    return word if word in COMMUNE_WORDS else ""


def unit_short_name(agency_name: str) -> str:
    """`Ủy ban nhân dân xã Hải Định` -> `Xã Hải Định`."""
    name = agency_in_sentence(agency_name)
    for prefix in ("Ủy ban nhân dân ", "Hội đồng nhân dân "):
        if name.startswith(prefix):
            rest = name[len(prefix):]
            return upper_first(rest)
    return name


def report_reference(plan: Plan, info: DocumentInfo | None) -> tuple[str, str]:
    """(number, date) of the unit's report for the period, as the province cites them."""
    if info is None:
        return "", ""
    number = format_number_symbol(info.number, "BC", plan.agency.symbol) if info.number else ""
    d, issued = info.issue_date.as_date(), info.issue_date
    if d is not None:
        return number, format_short_date(d)
    return number, f"tháng {issued.month}/{issued.year}" if issued.month is not None else ""


def unit_result(plan: Plan, period: ReportPeriod) -> UnitResult:
    states = task_states(plan.tasks, plan.results, period)
    previous = None
    if period.previous is not None and has_reported(plan, period.previous):
        previous = TaskCounts.of(task_states(plan.tasks, plan.results, period.previous))
    report = plan.report_at_cutoff(period)
    number, issued = report_reference(plan, report)
    return UnitResult(
        name=agency_in_sentence(plan.agency.name),
        short_name=unit_short_name(plan.agency.name),
        unit_word=unit_word(plan.agency.name),
        workbook=source(plan),
        figures=TaskCounts.of(states),
        previous=previous,
        overdue=tuple(
            OverdueTask(s.task.number, s.task.criterion, s.task.solution, s.task.lead, s.deadline.label,
                        s.status.value)
            for s in states if s.is_overdue
        ),
        report_number=number,
        report_date=issued,
        report_issued=report.issue_date.as_date() if report else None,
        plan_summary=plan.plan_document.summary or "",
        report_period=report.period.short_name if report is not None and report.period not in (None, period) else "",
    )


@dataclass(frozen=True)
class PeriodStanding:
    """A unit at one period's cut-off: its task counts and its statistics figures."""

    result: UnitResult
    figures: Mapping[str, Figure]
    """Its `Số liệu` of the period with the rows counted from its plan (statistics.forms.unit_figures)."""
    gave_figures: bool
    """Whether the unit typed any figure for the period itself."""


@dataclass(frozen=True)
class UnitSummary:
    """What a roll-up needs of one unit's workbook, made where the workbook is read.

    Only this travels from a reading worker to the roll-up: a thousand units' plans never meet in
    one process, so the roll-up's memory does not grow with them.
    """

    profile: WorkbookProfile
    year: int
    short_name: str
    quarters: tuple[int, ...]
    """The quarters the unit reported (`domain.reported`)."""
    standings: Mapping[ReportPeriod, PeriodStanding]
    """At each period the roll-up may count that the unit reported."""
    own_latest: int | None = None
    """The latest quarter it gave results or figures for: what a roll-up with no period asked for counts."""


class ShelvedStandings(Mapping[ReportPeriod, PeriodStanding]):
    """A shelved unit's standings: which periods it stands at, known at once; the standings themselves
    read from the shelf when one is asked for."""

    def __init__(self, periods: tuple[ReportPeriod, ...], shelf: Shelf, index: int):
        self.periods, self.shelf, self.index = periods, shelf, index

    def __getitem__(self, period: ReportPeriod) -> PeriodStanding:
        if period not in self.periods:
            raise KeyError(period)
        return self.shelf[self.index][period]

    def __contains__(self, period) -> bool:
        return period in self.periods

    def __iter__(self) -> Iterator[ReportPeriod]:
        return iter(self.periods)

    def __len__(self) -> int:
        return len(self.periods)


class UnitShelf(Sequence[UnitSummary]):
    """The units' summaries on disk (`shelf.Shelf`), as a roll-up of the whole country keeps them.

    A summary is kept in two pickles made by the worker that read the workbook: its heading (whose
    unit, which periods) and its standings. Sorting workbooks out and choosing the period read
    headings only; a unit's standings are read once, when it is counted.
    """

    def __init__(self) -> None:
        self._headings: Shelf[UnitSummary] = Shelf()
        self._standings: Shelf[dict[ReportPeriod, PeriodStanding]] = Shelf()

    @staticmethod
    def pickled(unit: UnitSummary) -> tuple[bytes, bytes]:
        """(heading, standings): what `append_pickled` takes."""
        # The periods alone stand for the standings in the heading; UnitShelf puts the mapping back.
        heading = replace(unit, standings=tuple(unit.standings))  # type: ignore[arg-type]
        return pickle.dumps(heading, pickle.HIGHEST_PROTOCOL), pickle.dumps(dict(unit.standings), pickle.HIGHEST_PROTOCOL)

    def append_pickled(self, heading: bytes, standings: bytes) -> None:
        self._headings.append_pickled(heading)
        self._standings.append_pickled(standings)

    def __len__(self) -> int:
        return len(self._headings)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        heading = self._headings[index]
        return replace(heading, standings=ShelvedStandings(heading.standings, self._standings, index % len(self)))


def summarize_unit(plan: Plan, periods: Sequence[ReportPeriod], digest: bool = True) -> UnitSummary:
    """A unit's summary, standing at each of `periods` it reported.

    Without a period asked for, the roll-up counts the latest quarter any unit reported, and a unit
    that reported it reported no later one: its own latest quarter is the only standing it needs.
    `digest=False`: without its content's digest, which `build_rollup` then asks `content_of` for.
    """
    short_name = unit_short_name(plan.agency.name)
    catalog = load_catalog()
    standings = {period: PeriodStanding(unit_result(plan, period), unit_figures(plan, period, catalog),
                                        gave_any(figures_of(plan.statistics, period)))
                 for period in periods if has_reported(plan, period)}
    return UnitSummary(WorkbookProfile.of(plan, short_name, last_modified(source(plan)), digest), plan.year, short_name,
                       reported_quarters(plan), standings, latest_own_quarter(plan))


def own_latest_quarter(plan: Plan) -> list[ReportPeriod]:
    """The quarters a roll-up with no period asked for may count the unit at: its own latest, and the
    later ones it reported by having nothing left to report (the roll-up may pick one another unit reached)."""
    latest = latest_own_quarter(plan)
    if latest is None:
        return []
    return [quarter(plan.year, q) for q in reported_quarters(plan) if q >= latest]


def source(plan: Plan) -> Path:
    """The workbook a plan was read from (every plan of a roll-up was read from one)."""
    assert plan.source is not None
    return plan.source
