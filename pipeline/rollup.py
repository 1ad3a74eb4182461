"""Tổng hợp: one report period across many units (xã, phường, đặc khu), for the province.

Pure: takes plans already read, counts each unit's tasks as its own report does (same
`TaskCounts`, overdue judged at the period's cut-off), and sorts units by completion. A unit
is counted only when it reported the period, and never twice: the same workbook saved twice counts
once; two different workbooks of one unit count neither. What is kept of each unit is in
rollup_units.py; reading workbooks and writing the roll-up workbook live elsewhere (generate.py,
rollup_xlsx.py).
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from copy import copy
from functools import cached_property
from itertools import accumulate
from pathlib import Path

from .domain.counts import TaskCounts
from .domain.period import ReportPeriod, quarter
from .domain.units import WorkbookProfile, sort_out
from .errors import MakeReportError, NothingToDo
from .rollup_units import OverdueTask, PeriodStanding, UnitResult, UnitSummary
from .shelf import Reordered, Shelf, ranks
from .statistics.catalog import load_catalog
from .statistics.forms import figures_of, gave_any
from .statistics.rollup import FormsTally, ProvinceForms, UnitFigures
from .vietnamese import COMMUNE_WORDS, lower_first, vietnamese_order


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
    """The period across units: units sorted by completion, best first.

    `units` may be kept on disk (`build_rollup` shelves them): what is worked out of them all is worked
    out once.
    """

    period: ReportPeriod
    units: Sequence[UnitResult]
    not_reported: list[NotReported] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)
    """(the copy left out, the workbook counted) for the same workbook saved twice."""
    refused: list[Refused] = field(default_factory=list)
    forms: ProvinceForms | None = None
    """The province's seven statistics forms, when it or a reporting unit gave figures (`Số liệu`)."""

    @property
    def year(self) -> int:
        return self.period.year

    @cached_property
    def facts(self) -> UnitFacts:
        """What is said of the units together, gathered in one pass (`build_rollup` gathers it as it counts)."""
        return UnitFacts.of(self.units)

    @property
    def totals(self) -> TaskCounts:
        return self.facts.totals

    @property
    def previous_totals(self) -> TaskCounts | None:
        """Totals at the previous report, when every counted unit reported it."""
        return self.facts.previous_totals

    def unit_phrase(self) -> str:
        """`3 xã`, `2 xã, 1 phường, 1 đặc khu`: the units counted, by what they are, in the usual order."""
        counts: Counter[str] = Counter()
        for word, count in self.facts.words.items():
            counts[word or "đơn vị"] += count
        order = [*COMMUNE_WORDS, "đơn vị"]
        return ", ".join(f"{counts[word]} {word}" for word in sorted(counts, key=order.index))

    @property
    def plan_phrase(self) -> str:
        """`Kế hoạch cải cách hành chính năm 2026` when every unit reports on that one plan; when their plans
        differ and each is of CCHC, `kế hoạch cải cách hành chính năm 2026`; else `kế hoạch`. (The most
        units' plan named a roll-up that summed another plan's tasks under it, a reviewer found.)"""
        facts = self.facts
        if facts.first_plan is None:
            return "kế hoạch"
        if facts.one_plan and facts.first_plan:
            return f"Kế hoạch {facts.first_plan}"
        return f"kế hoạch cải cách hành chính năm {self.year}" if facts.plans_of_cchc else "kế hoạch"

    @cached_property
    def overdue_tasks(self) -> OverdueTasks:
        """Each counted unit's overdue tasks, as (unit, task), units in the roll-up's order."""
        return OverdueTasks(self.units, self.facts.overdue)

    @property
    def changed_units(self) -> Sequence[int]:
        """The places (in `units`) of the units whose finished count differs from the previous report's."""
        return self.facts.changed

    @property
    def unit_word(self) -> str:
        """`xã` when every unit is a xã (likewise phường…), else `đơn vị`."""
        words = set(self.facts.words)
        return words.pop() if len(words) == 1 and "" not in words else "đơn vị"


class UnitFacts:
    """What the roll-up's documents say of all its units together, gathered a unit at a time: totals and
    previous totals, what the units are (xã, phường…), which plan they report on, whose finished count
    changed, how many overdue tasks each has. The last two by the unit's place (`reordered`)."""

    def __init__(self) -> None:
        self.totals = TaskCounts.zero()
        self._previous: TaskCounts | None = TaskCounts.zero()
        self.words: Counter[str] = Counter()
        self.first_plan: str | None = None
        self.one_plan, self.plans_of_cchc = True, True
        self.changed = array("q")
        self.overdue = array("q")

    @classmethod
    def of(cls, units: Iterable[UnitResult]) -> UnitFacts:
        facts = cls()
        for unit in units:
            facts.add(unit)
        return facts

    def add(self, unit: UnitResult) -> None:
        place = len(self.overdue)
        self.totals += unit.figures
        if unit.previous is None:
            self._previous = None
        elif self._previous is not None:
            self._previous += unit.previous
        self.words[unit.unit_word] += 1
        plan = lower_first(" ".join(unit.plan_summary.split()))
        if self.first_plan is None:
            self.first_plan = plan
        self.one_plan = self.one_plan and plan == self.first_plan
        self.plans_of_cchc = self.plans_of_cchc and "cải cách hành chính" in plan.casefold()
        if unit.previous is not None and unit.previous.finished != unit.figures.finished:
            self.changed.append(place)
        self.overdue.append(len(unit.overdue))

    @property
    def previous_totals(self) -> TaskCounts | None:
        return self._previous if self.overdue else None

    def reordered(self, order: Sequence[int]) -> UnitFacts:
        """The same facts with the units in `order` (unit i is the one added `order[i]`th)."""
        facts = copy(self)
        rank = ranks(order)
        facts.changed = array("q", sorted(rank[place] for place in self.changed))
        facts.overdue = array("q", (self.overdue[place] for place in order))
        return facts


class OverdueTasks(Sequence[tuple[UnitResult, OverdueTask]]):
    """The counted units' overdue tasks as one sequence of (unit, task), each unit read when its tasks
    are reached: a table of them all needs its length and its rows in turn, never every unit at once."""

    def __init__(self, units: Sequence[UnitResult], counts: Iterable[int] | None = None):
        """`counts`: each unit's number of overdue tasks, when known (else read from the units)."""
        self.units = units
        self.ends = array("q", accumulate(counts if counts is not None else (len(u.overdue) for u in units)))
        """After unit i, how many tasks in all."""

    @property
    def units_with_tasks(self) -> int:
        return sum(1 for before, after in zip((0, *self.ends), self.ends) if after > before)

    def __len__(self) -> int:
        return self.ends[-1] if self.ends else 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        index = range(len(self))[index]  # IndexError as a list gives it
        at = bisect_right(self.ends, index)
        unit = self.units[at]
        return unit, unit.overdue[index - (self.ends[at - 1] if at else 0)]

    def __iter__(self) -> Iterator[tuple[UnitResult, OverdueTask]]:
        """Only the units with overdue tasks are read."""
        before = 0
        for at, end in enumerate(self.ends):
            if end > before:
                unit = self.units[at]
                yield from ((unit, task) for task in unit.overdue)
            before = end


def last_reported(unit: UnitSummary, period: ReportPeriod) -> str:
    """The latest quarter before `period` the unit reported (`domain.reported`), as a sentence names it."""
    quarters = [q for q in unit.quarters if q < period.last_quarter]
    return quarter(unit.year, quarters[-1]).name if quarters else ""


def latest_period(units: Iterable[UnitSummary]) -> ReportPeriod | None:
    """The latest quarter any unit gave results or figures for (`domain.reported.latest_own_quarter`)."""
    quarters = [(u.year, u.own_latest) for u in units if u.own_latest is not None]
    if not quarters:
        return None
    return quarter(*max(quarters))


def without_duplicates(units: Sequence[UnitSummary], content_of: Callable[[WorkbookProfile], str] | None = None
                       ) -> tuple[list[int], list[tuple[Path, Path]], list[Refused]]:
    """One workbook per unit and year, by the rule the batch follows too (domain.units): identical
    copies count once; differing workbooks of one unit count neither. The units kept, by their index."""
    first: dict[tuple[str, int], int] = {}
    others: dict[tuple[str, int], list[int]] = {}
    for index, unit in enumerate(units):
        if first.setdefault(unit.profile.key, index) != index:
            others.setdefault(unit.profile.key, []).append(index)
    kept: list[int] = []
    duplicates: list[tuple[Path, Path]] = []
    refused: list[Refused] = []
    for key, index in first.items():
        if key not in others:
            kept.append(index)
            continue
        profiles = [units[i].profile for i in (index, *others[key])]
        place = {p.path: i for p, i in zip(profiles, (index, *others[key]))}  # sort_out gives back profiles with digests
        settled = sort_out(profiles, content_of)
        kept += [place[p.path] for p in settled.kept]
        duplicates += [(duplicate.path, original.path) for duplicate, original in settled.copies]
        refused += [Refused(tuple(p.path for p in c.profiles), c.message, c.hint, c.profiles[0].unit)
                    for c in settled.conflicts]
    return kept, duplicates, refused


def build_rollup(units: Sequence[UnitSummary], period: ReportPeriod | None = None,
                 failed: Sequence[tuple[Path, MakeReportError]] = (), own_statistics: tuple = (),
                 absent: Sequence[tuple[str, str]] = (),
                 content_of: Callable[[WorkbookProfile], str] | None = None) -> Rollup:
    """Count `period` (default: the latest quarter any unit reported) across the units.

    Each summary must stand at `period` when its unit reported it (`summarize_unit`).
    `own_statistics`: the province's own `Số liệu` entries, for its statistics forms.
    `absent`: (name, last period reported) of units that sent no workbook: not reported either.
    `content_of`: the digest of a summary made without one, asked only for a unit with several workbooks.
    The counted units' results are shelved (`shelf.Shelf`): `units` may be a `UnitShelf` of the whole
    country, read a unit at a time. Raises NothingToDo when no unit reported the period.
    """
    kept, duplicates, refused = without_duplicates(units, content_of)
    refused += [Refused((path, ), exc.summary(), exc.summary_hint()) for path, exc in failed]
    period = period or latest_period(units[i] for i in kept)
    if period is None:
        raise NothingToDo("không sổ nào có kết quả để tổng hợp",
                          "các đơn vị cần nhập kết quả ở trang Kết quả của sổ trước khi tổng hợp")
    counted = CountedUnits(period)
    not_reported: list[NotReported] = []
    other_years: list[int] = []
    for index in kept:
        unit = units[index]
        if unit.year != period.year:
            other_years.append(unit.year)
            refused.append(Refused((unit.profile.path,), f"sổ là kế hoạch năm {unit.year}, không phải năm {period.year}",
                                   "chỉ tổng hợp các sổ cùng năm", unit.short_name))
        elif period in unit.standings:
            counted.add(unit.standings[period])
        else:
            not_reported.append(NotReported(unit.short_name, unit.profile.path, last_reported(unit, period)))
    if not counted.results and len(other_years) == len(kept):  # every workbook is of another year: say so
        years = ", ".join(str(y) for y in sorted(set(other_years)))
        raise NothingToDo(f"các sổ là kế hoạch năm {years}, còn kỳ tổng hợp là {period.name}: không sổ nào "
                          "cùng năm", f"tổng hợp đúng năm của các sổ (sổ thông tin tổng hợp ghi mục “Năm” là "
                          f"{years.split(', ')[-1]}), hoặc dùng các sổ của năm {period.year}")
    if not counted.results:
        raise NothingToDo(f"chưa đơn vị nào có kết quả {period.name} nên không lập báo cáo tổng hợp",
                          "chờ các đơn vị nhập kết quả kỳ này, hoặc chọn kỳ khác bằng --ky")
    not_reported += [NotReported(name, None, last) for name, last in absent]
    ranked = counted.ranked()
    forms = counted.forms(own_statistics, ranked, len(counted.results) + len(not_reported))
    rollup = Rollup(period, ranked, sorted(not_reported, key=lambda n: vietnamese_order(n.short_name)),
                    duplicates, refused, forms)
    rollup.facts = counted.facts.reordered(ranked.order)  # gathered while counting: no pass over the shelf
    return rollup


class CountedUnits:
    """The units counted at a period, as they come: their results shelved, their figures tallied."""

    def __init__(self, period: ReportPeriod):
        self.period = period
        self.results: Shelf[UnitResult] = Shelf()
        self.names: Shelf[str] = Shelf()
        """The units' names again, each cheaper to read back alone than its whole result."""
        self.tally = FormsTally(load_catalog())
        self.gave_figures = False
        self.facts = UnitFacts()
        self._completion, self._overdue = array("d"), array("q")
        self._sorted_blocks: list[array] = []
        """Runs of units sorted by their place in the roll-up's order (`_order_key`), SORTED_BLOCK a run:
        merged at the end, so only one run's keys (names' keys are 700 bytes) are ever held."""

    SORTED_BLOCK = 512

    def add(self, standing: PeriodStanding) -> None:
        result = standing.result
        self.results.append(result)
        self.names.append(result.short_name)
        self.facts.add(result)
        self.tally.add(UnitFigures(result.short_name, standing.figures, standing.gave_figures))
        self.gave_figures |= standing.gave_figures
        self._completion.append(result.figures.completion)
        self._overdue.append(result.figures.overdue_unfinished)
        if len(self._completion) % self.SORTED_BLOCK == 0:
            self._sort_last_block()

    def _order_key(self, position: int) -> tuple:
        """Completion (best first), overdue tasks (fewest first), name (`vietnamese_order`), then as counted."""
        return (-self._completion[position], self._overdue[position], vietnamese_order(self.names[position]),
                position)

    def _sort_last_block(self) -> None:
        start = len(self._sorted_blocks) * self.SORTED_BLOCK
        self._sorted_blocks.append(array("q", sorted(range(start, len(self._completion)), key=self._order_key)))

    def ranked(self) -> Reordered[UnitResult]:
        """The results by completion, best first (as counted when tied)."""
        if len(self._completion) % self.SORTED_BLOCK:
            self._sort_last_block()
        order = array("q", heapq.merge(*self._sorted_blocks, key=self._order_key))
        self._sorted_blocks = []
        return Reordered(self.results, order)

    def forms(self, own_statistics: tuple, ranked: Reordered[UnitResult], total_units: int) -> ProvinceForms | None:
        """The province's forms from the reporting units' and its own figures; None when nobody gave any."""
        own = figures_of(own_statistics, self.period)
        if not gave_any(own) and not self.gave_figures:
            return None
        return self.tally.forms(own, total_units, Reordered(self.names, ranked.order), ranked.order)
