"""Tổng hợp: one report period across many units (xã, phường, đặc khu), for the province.

Pure: takes plans already read, counts each unit's tasks as its own report does (same
`TaskCounts`, overdue judged at the period's cut-off), and sorts units by completion. A unit
is counted only when it reported the period, and never twice: the same workbook saved twice counts
once; two different workbooks of one unit count neither. Reading workbooks and writing the roll-up
workbook live elsewhere (generate.py, rollup_xlsx.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .errors import MakeReportError, NothingToDo
from .domain.plan import DocumentInfo, Plan
from .domain.counts import TaskCounts
from .domain.period import ReportPeriod, quarter
from .domain.reported import has_reported, latest_own_quarter, reported_quarters
from .domain.task_states import task_states
from .domain.units import WorkbookProfile, last_modified, sort_out
from .statistics.catalog import load_catalog
from .statistics.forms import Figure, figures_of, gave_any, unit_figures
from .statistics.rollup import CompactFigures, ProvinceForms, UnitFigures, roll_up_forms
from .vietnamese import (COMMUNE_WORDS, agency_in_sentence, format_number_symbol, format_short_date, lower_first, unit_word_of,
                         upper_first, vietnamese_order)


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


@dataclass(frozen=True)
class NotReported:
    """A unit whose workbook has no result for the period: named, not counted."""

    short_name: str
    workbook: Path | None
    """None for a unit that sent no workbook at all (the portal's account with no upload)."""
    last_period: str
    """`quý I năm 2026`, or empty when it never reported."""


@dataclass(frozen=True)
class Refused:
    """Workbooks left out of the roll-up, with why and how to fix it."""

    workbooks: tuple[Path, ...]
    reason: str
    hint: str = ""
    unit: str = ""
    """The unit the workbooks belong to (`Xã Tân Phú`), empty when they could not be read."""


@dataclass
class Rollup:
    """The period across units: units sorted by completion, best first."""

    period: ReportPeriod
    units: list[UnitResult]
    not_reported: list[NotReported] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)
    """(the copy left out, the workbook counted) for the same workbook saved twice."""
    refused: list[Refused] = field(default_factory=list)
    forms: ProvinceForms | None = None
    """The province's seven statistics forms, when it or a reporting unit gave figures (`Số liệu`)."""

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def totals(self) -> TaskCounts:
        return sum((u.figures for u in self.units), TaskCounts.zero())

    @property
    def previous_totals(self) -> TaskCounts | None:
        """Totals at the previous report, when every counted unit reported it."""
        previous = [u.previous for u in self.units if u.previous is not None]
        if not self.units or len(previous) < len(self.units):
            return None
        return sum(previous, TaskCounts.zero())

    def unit_phrase(self) -> str:
        """`3 xã`, `2 xã, 1 phường, 1 đặc khu`: the units counted, by what they are, in the usual order."""
        counts: dict[str, int] = {}
        for unit in self.units:
            counts[unit.unit_word or "đơn vị"] = counts.get(unit.unit_word or "đơn vị", 0) + 1
        order = [*COMMUNE_WORDS, "đơn vị"]
        return ", ".join(f"{counts[word]} {word}" for word in sorted(counts, key=order.index))

    @property
    def plan_phrase(self) -> str:
        """`Kế hoạch cải cách hành chính năm 2026` when every unit reports on that one plan; when their plans
        differ and each is of CCHC, `kế hoạch cải cách hành chính năm 2026`; else `kế hoạch`. (The most
        units' plan named a roll-up that summed another plan's tasks under it, a reviewer found.)"""
        summaries = {lower_first(" ".join(u.plan_summary.split())) for u in self.units}
        if len(summaries) == 1 and "" not in summaries:
            return f"Kế hoạch {summaries.pop()}"
        if summaries and all("cải cách hành chính" in s.casefold() for s in summaries):
            return f"kế hoạch cải cách hành chính năm {self.year}"
        return "kế hoạch"

    def overdue_tasks(self) -> Iterator[tuple[UnitResult, OverdueTask]]:
        """Each counted unit's overdue tasks, as (unit, task), units in the roll-up's order."""
        return ((unit, task) for unit in self.units for task in unit.overdue)

    @property
    def unit_word(self) -> str:
        """`xã` when every unit is a xã (likewise phường…), else `đơn vị`."""
        words = {u.unit_word for u in self.units}
        return words.pop() if len(words) == 1 and "" not in words else "đơn vị"


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


def last_reported(unit: UnitSummary, period: ReportPeriod) -> str:
    """The latest quarter before `period` the unit reported (`domain.reported`), as a sentence names it."""
    quarters = [q for q in unit.quarters if q < period.last_quarter]
    return quarter(unit.year, quarters[-1]).name if quarters else ""


def _completion_order(unit: UnitResult):
    return -unit.figures.completion, unit.figures.overdue_unfinished, vietnamese_order(unit.short_name)


def latest_period(units: list[UnitSummary]) -> ReportPeriod | None:
    """The latest quarter any unit gave results or figures for (`domain.reported.latest_own_quarter`)."""
    quarters = [(u.year, u.own_latest) for u in units if u.own_latest is not None]
    if not quarters:
        return None
    return quarter(*max(quarters))


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
    standings: dict[ReportPeriod, PeriodStanding]
    """At each period the roll-up may count that the unit reported."""
    own_latest: int | None = None
    """The latest quarter it gave results or figures for: what a roll-up with no period asked for counts."""


class SharedValues:
    """One object for each equal value that many of a roll-up's units hold: figures (CompactFigures), texts that
    repeat (the unit word, the plan's summary, overdue tasks' criteria, leads, deadlines), task counts,
    and one Path for a unit's workbook.

    Summaries arrive from the reading workers each with its own copies; held once, they cost a unit
    the slots that point at them.
    """

    def __init__(self) -> None:
        self._figures = CompactFigures.maker()
        self._values: dict = {}

    def __call__(self, unit: UnitSummary, workbook: Path | None = None) -> UnitSummary:
        path = workbook if workbook is not None and workbook == unit.profile.path else unit.profile.path
        name = unit.short_name
        standings = {self._value(period): replace(standing, result=self._result(standing.result, path, name),
                                                  figures=self._figures(standing.figures))
                     for period, standing in unit.standings.items()}
        profile = replace(unit.profile, path=path, unit=name if unit.profile.unit == name else unit.profile.unit,
                          quarters=self._value(unit.profile.quarters))
        return replace(unit, profile=profile, quarters=self._value(unit.quarters), standings=standings)

    def _result(self, result: UnitResult, path: Path, short_name: str) -> UnitResult:
        value = self._value
        return replace(
            result, short_name=short_name if result.short_name == short_name else result.short_name,
            unit_word=value(result.unit_word), workbook=path if result.workbook == path else result.workbook,
            figures=value(result.figures), previous=value(result.previous),
            overdue=tuple(value(OverdueTask(t.number, value(t.criterion), value(t.solution), value(t.lead),
                                            value(t.deadline), value(t.status))) for t in result.overdue),
            report_date=value(result.report_date), report_issued=value(result.report_issued),
            plan_summary=value(result.plan_summary), report_period=value(result.report_period))

    def _value(self, value):
        return self._values.setdefault(value, value)


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


def without_duplicates(units: list[UnitSummary], content_of: Callable[[WorkbookProfile], str] | None = None
                       ) -> tuple[list[UnitSummary], list[tuple[Path, Path]], list[Refused]]:
    """One workbook per unit and year, by the rule the batch follows too (domain.units): identical
    copies count once; differing workbooks of one unit count neither."""
    by_path = {u.profile.path: u for u in units}
    settled = sort_out([u.profile for u in units], content_of)
    kept = [by_path[p.path] for p in settled.kept]
    duplicates = [(copy.path, original.path) for copy, original in settled.copies]
    refused = [Refused(tuple(p.path for p in c.profiles), c.message, c.hint, c.profiles[0].unit)
               for c in settled.conflicts]
    return kept, duplicates, refused


def source(plan: Plan) -> Path:
    """The workbook a plan was read from (every plan of a roll-up was read from one)."""
    assert plan.source is not None
    return plan.source


def build_rollup(units: list[UnitSummary], period: ReportPeriod | None = None,
                 failed: Sequence[tuple[Path, MakeReportError]] = (), own_statistics: tuple = (),
                 absent: Sequence[tuple[str, str]] = (),
                 content_of: Callable[[WorkbookProfile], str] | None = None) -> Rollup:
    """Count `period` (default: the latest quarter any unit reported) across the units.

    Each summary must stand at `period` when its unit reported it (`summarize_unit`).
    `own_statistics`: the province's own `Số liệu` entries, for its statistics forms.
    `absent`: (name, last period reported) of units that sent no workbook: not reported either.
    `content_of`: the digest of a summary made without one, asked only for a unit with several workbooks.
    Raises NothingToDo when no unit reported the period.
    """
    units, duplicates, refused = without_duplicates(units, content_of)
    refused += [Refused((path, ), exc.summary(), exc.summary_hint()) for path, exc in failed]
    period = period or latest_period(units)
    if period is None:
        raise NothingToDo("không sổ nào có kết quả để tổng hợp",
                          "các đơn vị cần nhập kết quả ở trang Kết quả của sổ trước khi tổng hợp")
    same_year = [u for u in units if u.year == period.year]
    refused += [Refused((u.profile.path,), f"sổ là kế hoạch năm {u.year}, không phải năm {period.year}",
                        "chỉ tổng hợp các sổ cùng năm", u.short_name) for u in units if u.year != period.year]
    standings = [u.standings[period] for u in same_year if period in u.standings]
    if not standings and not same_year:  # every workbook is of another year: say so, not `no results`
        years = ", ".join(str(y) for y in sorted({u.year for u in units}))
        raise NothingToDo(f"các sổ là kế hoạch năm {years}, còn kỳ tổng hợp là {period.name}: không sổ nào "
                          "cùng năm", f"tổng hợp đúng năm của các sổ (sổ thông tin tổng hợp ghi mục “Năm” là "
                          f"{years.split(', ')[-1]}), hoặc dùng các sổ của năm {period.year}")
    if not standings:
        raise NothingToDo(f"chưa đơn vị nào có kết quả {period.name} nên không lập báo cáo tổng hợp",
                          "chờ các đơn vị nhập kết quả kỳ này, hoặc chọn kỳ khác bằng --ky")
    not_reported = [NotReported(u.short_name, u.profile.path, last_reported(u, period))
                    for u in same_year if period not in u.standings]
    not_reported += [NotReported(name, None, last) for name, last in absent]
    standings = sorted(standings, key=lambda s: _completion_order(s.result))
    forms = province_forms(standings, period, own_statistics, len(standings) + len(not_reported))
    return Rollup(period, [s.result for s in standings], sorted(not_reported, key=lambda n: vietnamese_order(n.short_name)),
                  duplicates, refused, forms)


def province_forms(standings: list[PeriodStanding], period: ReportPeriod, own_statistics: tuple,
                   total_units: int) -> ProvinceForms | None:
    """The province's forms from the reporting units' and its own figures; None when nobody gave any."""
    own = figures_of(own_statistics, period)
    if not gave_any(own) and not any(s.gave_figures for s in standings):
        return None
    return roll_up_forms(load_catalog(), own,
                         [UnitFigures(s.result.short_name, s.figures, s.gave_figures) for s in standings], total_units)

