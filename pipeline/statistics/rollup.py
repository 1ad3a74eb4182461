"""The province's seven forms from its units' and its own figures, row by row as the catalog's class says.

- S sum: own + Σ units, Ghi chú `cấp tỉnh: X; cấp xã: Y` (and `Tổng hợp từ N/M đơn vị` when units are missing).
- O own: the province's figure only; units' figures never enter the cell.
- L one list: the province's figure, else the value most units report; never summed. Units that differ
  are named (the XLSX marks them).
- C from units: flags counted ÷ units that gave figures × 100 (4.1.2, 7.3.1.2); 7.3.2.2 the units' 7.3.2
  averaged.
- R ratio: recomputed from its rows (forms.build_forms does it after the rows' own classes).
- F flag, choice: the province's value; Ghi chú `N/M đơn vị có …` (per choice for 1.5.2), M the units that
  gave figures (`Tổng hợp từ M/K đơn vị` when some did not).
- G group: as typed.

Classes sum a total and its parts independently (2.1 is S, its part 2.1.1 is O), so a province that types a
part without its own total gets a total that is not the sum of its parts. The spec names those sums as
warnings (Consistency checks): the rolled-up figures are checked against the catalog's `Quan hệ` and each
failed one is a warning naming the codes and both figures (`contradictions`).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..errors import Problem
from ..shelf import Number, NumberColumns, ranks
from .catalog import Catalog, Indicator, Kind, Level, Relation, RollupClass
from .forms import Figure, Form, build_forms, computed_figures
from .values import format_figure, ratio

AVERAGED = "Bình quân các đơn vị"
AVERAGE_OF = {"7.3.2.2": "7.3.2"}
"""Class C rows that average the units' ratio of another row instead of counting their flags."""
AVERAGED_ROWS = frozenset(AVERAGE_OF.values())


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """One reporting unit's figures for the period (ratios computed at its level)."""

    name: str
    figures: Mapping[str, Figure]
    gave: bool = True
    """Whether the unit typed any figure of the period (its plan's counts are always there)."""


@dataclass(frozen=True)
class ProvinceForms:
    """The province's forms and what the XLSX shows beside them: its own column and each unit's."""

    forms: tuple[Form, ...]
    figures: Mapping[str, Figure]
    """The province's rolled-up figure of every row, ratios included."""
    own: Mapping[str, Figure]
    unit_names: Sequence[str]
    """The reporting units, in the roll-up's order: the XLSX's columns."""
    giving: int
    """How many of them typed any figure of the period."""
    total_units: int
    """Units in the roll-up, reported or not (M of `N/M đơn vị`)."""
    columns: NumberColumns
    """Each reporting unit's figures as Excel holds them (`excel_number`), a column per unit in the
    order `unit_order` gives."""
    unit_order: Sequence[int] = ()
    """The column of each unit in the roll-up's order; empty when the columns are in that order."""
    differing: Mapping[str, Sequence[int]] = field(default_factory=dict)
    """Class L rows: the units whose value differs from the province's list, by their place in the
    roll-up's order (`differing_names`)."""
    contradictions: tuple[Problem, ...] = ()
    """Rolled-up totals that break the catalog's relations to their parts (warnings)."""

    def differing_names(self, code: str) -> tuple[str, ...]:
        """The units whose value of a class L row differs from the province's list, in order."""
        return tuple(self.unit_names[place] for place in self.differing.get(code, ()))

    def unit_numbers(self, code: str) -> list[Number]:
        """Each reporting unit's figure of a row, in the roll-up's order (None where it gave none)."""
        numbers = self.columns.row(code)
        return [numbers[column] for column in self.unit_order] if self.unit_order else numbers


def excel_number(figure: Figure | None) -> Number:
    """A figure as Excel holds it: a whole number stays whole."""
    if figure is None or figure.value is None:
        return None
    value: Decimal = figure.value
    return int(value) if value == value.to_integral_value() else float(value)


def roll_up_forms(catalog: Catalog, own: Mapping[str, Figure], units: Sequence[UnitFigures],
                  total_units: int) -> ProvinceForms:
    """The province's forms from its own `Số liệu` figures and the reporting units' figures, in order."""
    tally = FormsTally(catalog)
    for unit in units:
        tally.add(unit)
    return tally.forms(own, total_units, tuple(u.name for u in units))


class FormsTally:
    """The reporting units' figures, added one unit at a time: what each row's class needs of them.

    The roll-up adds its units as their summaries are read back from disk, in any order: `forms`
    takes the roll-up's order then (the first unit's value wins a tie of class L; differing units are
    named in that order). A unit's figures are kept only as numbers on disk (`columns`).
    """

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.classes = {i.code: i.rollup for i in catalog.indicators}
        self.columns = NumberColumns([i.code for i in catalog.indicators])
        self.giving = 0
        self.sums: dict[str, Decimal] = {}
        self.counts: Counter[str] = Counter()
        """Units with a value of the row."""
        self.lists: dict[str, dict[Decimal, array]] = {}
        """Class L: each value and the units (by when they were added) that gave it."""
        self.flags: dict[str, Counter[int]] = {}
        """Class F: how many units gave each whole value."""
        self.giving_counts: Counter[str] = Counter()
        """Of the units that gave figures, those with a value of the row: class C rows and the rows they
        average (AVERAGE_OF), whose values are summed; the others' values of 1 are counted."""
        self.giving_sums: dict[str, Decimal] = {}
        self.giving_ones: Counter[str] = Counter()

    def add(self, unit: UnitFigures) -> None:
        figures = computed_figures(self.catalog, Level.COMMUNE, unit.figures)
        position = len(self.columns)
        self.columns.add_column({code: excel_number(f) for code, f in figures.items() if code in self.classes})
        self.giving += unit.gave
        for code, figure in figures.items():
            value = figure.value
            cls = self.classes.get(code)
            if value is None or cls is None:
                continue
            self.counts[code] += 1
            if cls is RollupClass.SUM:
                self.sums[code] = self.sums.get(code, Decimal(0)) + value
            elif cls is RollupClass.LIST:
                self.lists.setdefault(code, {}).setdefault(value, array("q")).append(position)
            elif cls is RollupClass.FLAG and value == value.to_integral_value():
                self.flags.setdefault(code, Counter())[int(value)] += 1
            if unit.gave and (cls is RollupClass.FROM_UNITS or code in AVERAGED_ROWS):
                self.giving_counts[code] += 1
                if code in AVERAGED_ROWS:
                    self.giving_sums[code] = self.giving_sums.get(code, Decimal(0)) + value
                if cls is RollupClass.FROM_UNITS:
                    self.giving_ones[code] += value == 1

    def forms(self, own: Mapping[str, Figure], total_units: int, names: Sequence[str],
              order: Sequence[int] = ()) -> ProvinceForms:
        """The province's forms; `names` the units in the roll-up's order, `order` the position each was
        added at (empty: added in that order)."""
        rank = ranks(order) if order else None
        figures: dict[str, Figure] = {}
        differing: dict[str, array] = {}
        for indicator in self.catalog.indicators:
            code = indicator.code
            rolled = self._rolled(indicator, own.get(code, Figure()), total_units, rank)
            if indicator.rollup is RollupClass.LIST and rolled.value is not None:
                places = sorted((position if rank is None else rank[position])
                                for value, given in self.lists.get(code, {}).items() if value != rolled.value
                                for position in given)
                if places:
                    differing[code] = array("q", places)
            figures[code] = rolled
        figures = computed_figures(self.catalog, Level.PROVINCE, figures)
        return ProvinceForms(build_forms(self.catalog, Level.PROVINCE, figures), figures, dict(own), names,
                             self.giving, total_units, self.columns, order, differing,
                             contradictions(self.catalog, figures, own))

    def _rolled(self, indicator: Indicator, mine: Figure, total: int, rank: Sequence[int] | None) -> Figure:
        code, cls = indicator.code, indicator.rollup
        if cls is RollupClass.SUM:
            return _sum(mine, self.sums[code], self.counts[code], total) if self.counts[code] else mine
        if cls is RollupClass.LIST:
            if mine.value is not None or not self.counts[code]:
                return mine
            return Figure(_most_reported(self.lists[code], rank), 0, mine.note)
        # A yes/no is counted over the units that gave figures (a blank among them is `Không`); a unit that
        # typed none is not one that answered `Không` to everything (a trial's 2/7 beside `Tổng hợp từ 6/7`).
        if cls is RollupClass.FROM_UNITS:
            return self._from_units(indicator, mine, total)
        if cls is RollupClass.FLAG:
            return _flag_note(indicator, mine, self.flags.get(code, Counter()), self.counts[code], self.giving, total)
        return mine  # O, G, and R before its recomputation

    def _from_units(self, indicator: Indicator, mine: Figure, total: int) -> Figure:
        source = AVERAGE_OF.get(indicator.code)
        if source is not None:
            if not self.giving_counts[source]:
                return mine
            average = (self.giving_sums[source] / self.giving_counts[source]).quantize(Decimal("0.01"),
                                                                                      rounding=ROUND_HALF_UP)
            return Figure(average, 2, _joined(mine.note, AVERAGED))
        if not self.giving_counts[indicator.code]:
            return mine
        done = self.giving_ones[indicator.code]
        value = ratio(Decimal(done), Decimal(self.giving))
        label = indicator.choices(Level.COMMUNE).get(1, "có").lower()
        return Figure(value, 2, _joined(mine.note, f"{done}/{self.giving} đơn vị {label}",
                                        _from_some(self.giving, total)))


def contradictions(catalog: Catalog, figures: Mapping[str, Figure], own: Mapping[str, Figure]) -> tuple[Problem, ...]:
    """Each rolled-up count that breaks a `Quan hệ` of the catalog (`2.1 = 2.1.1 + 2.1.2`), as a warning."""
    found = []
    for indicator in catalog.indicators:
        total = figures.get(indicator.code, Figure()).value
        if total is None or indicator.kind(Level.PROVINCE) is not Kind.COUNT:
            continue
        for relation in indicator.relations:
            given = [v for t in relation.terms if (v := figures.get(t, Figure()).value) is not None]
            parts = sum(given, Decimal(0))
            if given and not relation.holds(total, parts):
                found.append(_contradiction(indicator.code, relation, total, parts, figures, own))
    return tuple(found)


def _contradiction(code: str, relation: Relation, total: Decimal, parts: Decimal, figures: Mapping[str, Figure],
                   own: Mapping[str, Figure]) -> Problem:
    terms = " + ".join(relation.terms)
    shown = " + ".join(format_figure(figures.get(t, Figure()).value) for t in relation.terms)
    want = {"=": "không bằng", "≥": "nhỏ hơn", "≤": "lớn hơn"}[relation.operator]
    form = code.split(".")[0]
    mine = own.get(code, Figure()).value
    source = f"cấp tỉnh: {format_figure(mine)}" if mine is not None else f"cấp tỉnh chưa nhập {code}"
    message = (f"chỉ tiêu {code} tổng hợp được {format_figure(total)} ({source}), {want} {terms} = "
               + (f"{shown} = {format_figure(parts)}" if len(relation.terms) > 1 else format_figure(parts)))
    hint = (f"nhập số liệu {code} của cấp tỉnh ở trang Số liệu của sổ --thong-tin sao cho khớp với {terms}, "
            "hoặc sửa số liệu của các dòng thành phần")
    return Problem(f"Biểu mẫu {form}", "", message, hint)


def _sum(mine: Figure, units_sum: Decimal, counted: int, total: int) -> Figure:
    value = units_sum + (mine.value or 0)
    note = f"cấp tỉnh: {format_figure(mine.value)}; cấp xã: {format_figure(units_sum)}"
    return Figure(value, 0, _joined(mine.note, note, _from_some(counted, total)))


def _from_some(counted: int, total: int) -> str:
    """`Tổng hợp từ 6/7 đơn vị` when some units' figures are missing from a row, else nothing."""
    return f"Tổng hợp từ {counted}/{total} đơn vị" if counted < total else ""


def _most_reported(given: Mapping[Decimal, array], rank: Sequence[int] | None) -> Decimal:
    """The value most units gave; of a tie, the one the first unit in the roll-up's order gave, so the
    result is stable."""
    def first(positions: array) -> int:
        return min(positions) if rank is None else min(rank[p] for p in positions)

    return min(given, key=lambda value: (-len(given[value]), first(given[value])))


def _flag_note(indicator: Indicator, mine: Figure, counts: Counter[int], given: int, reporting: int,
               total: int) -> Figure:
    if not given:
        return mine
    choices = indicator.choices(Level.COMMUNE)
    if indicator.kind(Level.COMMUNE) is Kind.FLAG:
        shown = {k: v for k, v in choices.items() if k == 1}
    else:
        shown = choices
    parts = [f"{counts.get(k, 0)}/{reporting} đơn vị {label.lower()}" for k, label in sorted(shown.items())]
    return Figure(mine.value, mine.decimals, _joined(mine.note, *parts, _from_some(reporting, total)))


def _joined(*notes: str) -> str:
    return "; ".join(n for n in notes if n)
