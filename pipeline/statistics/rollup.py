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

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..errors import Problem
from .catalog import Catalog, Indicator, Kind, Level, Relation, RollupClass
from .forms import Figure, Form, build_forms, computed_figures
from .values import format_figure, ratio

AVERAGED = "Bình quân các đơn vị"
AVERAGE_OF = {"7.3.2.2": "7.3.2"}
"""Class C rows that average the units' ratio of another row instead of counting their flags."""


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """One reporting unit's figures for the period (ratios computed at its level)."""

    name: str
    figures: Mapping[str, Figure]
    gave: bool = True
    """Whether the unit typed any figure of the period (its plan's counts are always there)."""


class CompactFigures(Mapping[str, Figure]):
    """A unit's figures as a tuple in the order codes first came, each equal figure one object for all units.

    The roll-up keeps every reporting unit's figures until its workbook is written (a column per
    unit): held as a dict of its own, a unit's hundred figures cost it 3 KB; so, the tuple's slots.
    """

    __slots__ = ("_index", "_values")

    def __init__(self, index: Mapping[str, int], values: tuple[Figure | None, ...]):
        self._index, self._values = index, values

    @classmethod
    def maker(cls) -> Callable[[Mapping[str, Figure]], CompactFigures]:
        """`make(figures)`: the figures compacted, sharing one index of codes and each equal figure with
        the others made by the same maker. The index grows as codes first appear: a tuple shorter than
        it has none of the codes added after it."""
        index: dict[str, int] = {}
        shared: dict[tuple, Figure] = {}

        def one(figure: Figure) -> Figure:
            # Decimal("1.0") == Decimal("1"), yet they print differently: told apart by their digits.
            value = figure.value.as_tuple() if figure.value is not None else None
            return shared.setdefault((value, figure.decimals, figure.note), figure)

        def make(figures: Mapping[str, Figure]) -> CompactFigures:
            for code in figures:
                index.setdefault(code, len(index))
            values: list[Figure | None] = [None] * len(index)
            for code, figure in figures.items():
                values[index[code]] = one(figure)
            return cls(index, tuple(values))

        return make

    def __getitem__(self, code: str) -> Figure:
        figure = self.get(code)
        if figure is None:
            raise KeyError(code)
        return figure

    def get(self, code, default=None):
        position = self._index.get(code, len(self._values))
        figure = self._values[position] if position < len(self._values) else None
        return default if figure is None else figure

    def __contains__(self, code) -> bool:
        return self.get(code) is not None

    def __iter__(self):
        return (code for code, position in list(self._index.items())[:len(self._values)]
                if self._values[position] is not None)

    def __len__(self) -> int:
        return sum(figure is not None for figure in self._values)


@dataclass(frozen=True)
class ProvinceForms:
    """The province's forms and what the XLSX shows beside them: its own column and each unit's."""

    forms: tuple[Form, ...]
    figures: Mapping[str, Figure]
    """The province's rolled-up figure of every row, ratios included."""
    own: Mapping[str, Figure]
    units: tuple[UnitFigures, ...]
    total_units: int
    """Units in the roll-up, reported or not (M of `N/M đơn vị`)."""
    differing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Class L rows: the units whose value differs from the province's list."""
    contradictions: tuple[Problem, ...] = ()
    """Rolled-up totals that break the catalog's relations to their parts (warnings)."""

    @property
    def giving(self) -> int:
        """How many of `units` typed any figure of the period."""
        return sum(u.gave for u in self.units)


def roll_up_forms(catalog: Catalog, own: Mapping[str, Figure], units: Sequence[UnitFigures],
                  total_units: int) -> ProvinceForms:
    """The province's forms from its own `Số liệu` figures and the reporting units' figures."""
    compact = CompactFigures.maker()
    units = tuple(UnitFigures(u.name, compact(computed_figures(catalog, Level.COMMUNE, u.figures)), u.gave)
                  for u in units)
    figures: dict[str, Figure] = {}
    differing: dict[str, tuple[str, ...]] = {}
    for indicator in catalog.indicators:
        mine = own.get(indicator.code, Figure())
        given = [(u.name, value) for u in units if indicator.code in u.figures
                 if (value := u.figures[indicator.code].value) is not None]
        rolled = _by_class(indicator, mine, given, units, total_units)
        if indicator.rollup is RollupClass.LIST and rolled.value is not None:
            names = tuple(name for name, value in given if value != rolled.value)
            if names:
                differing[indicator.code] = names
        figures[indicator.code] = rolled
    figures = computed_figures(catalog, Level.PROVINCE, figures)
    return ProvinceForms(build_forms(catalog, Level.PROVINCE, figures), figures, dict(own), units, total_units,
                         differing, contradictions(catalog, figures, own))


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


def _by_class(indicator: Indicator, mine: Figure, given: list[tuple[str, Decimal]], units: Sequence[UnitFigures],
              total: int) -> Figure:
    cls = indicator.rollup
    if cls is RollupClass.SUM:
        return _sum(mine, [v for _, v in given], total)
    if cls is RollupClass.LIST:
        return mine if mine.value is not None else _most_reported(mine, [v for _, v in given])
    # A yes/no is counted over the units that gave figures (a blank among them is `Không`); a unit that
    # typed none is not one that answered `Không` to everything (a trial's 2/7 beside `Tổng hợp từ 6/7`).
    giving = [u for u in units if u.gave]
    if cls is RollupClass.FROM_UNITS:
        return _from_units(indicator, mine, giving, total)
    if cls is RollupClass.FLAG:
        return _flag_note(indicator, mine, [v for _, v in given], len(giving), total)
    return mine  # O, G, and R before its recomputation


def _sum(mine: Figure, values: list[Decimal], total: int) -> Figure:
    if not values:
        return mine
    units_sum = sum(values, Decimal(0))
    value = units_sum + (mine.value or 0)
    note = f"cấp tỉnh: {format_figure(mine.value)}; cấp xã: {format_figure(units_sum)}"
    return Figure(value, 0, _joined(mine.note, note, _from_some(len(values), total)))


def _from_some(counted: int, total: int) -> str:
    """`Tổng hợp từ 6/7 đơn vị` when some units' figures are missing from a row, else nothing."""
    return f"Tổng hợp từ {counted}/{total} đơn vị" if counted < total else ""


def _most_reported(mine: Figure, values: list[Decimal]) -> Figure:
    if not values:
        return mine
    counts = Counter(values)
    best = max(counts.values())
    value = next(v for v in values if counts[v] == best)  # ties: the first unit's, so the result is stable
    return Figure(value, 0, mine.note)


def _from_units(indicator: Indicator, mine: Figure, units: Sequence[UnitFigures], total: int) -> Figure:
    source = AVERAGE_OF.get(indicator.code)
    if source is not None:
        values = [v for u in units if source in u.figures if (v := u.figures[source].value) is not None]
        if not values:
            return mine
        average = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return Figure(average, 2, _joined(mine.note, AVERAGED))
    flags = [u.figures[indicator.code].value for u in units if indicator.code in u.figures]
    flags = [v for v in flags if v is not None]
    if not flags:
        return mine
    done = sum(1 for v in flags if v == 1)
    value = ratio(Decimal(done), Decimal(len(units)))
    label = indicator.choices(Level.COMMUNE).get(1, "có").lower()
    return Figure(value, 2, _joined(mine.note, f"{done}/{len(units)} đơn vị {label}", _from_some(len(units), total)))


def _flag_note(indicator: Indicator, mine: Figure, values: list[Decimal], reporting: int, total: int) -> Figure:
    if not values:
        return mine
    choices = indicator.choices(Level.COMMUNE)
    if indicator.kind(Level.COMMUNE) is Kind.FLAG:
        shown = {k: v for k, v in choices.items() if k == 1}
    else:
        shown = choices
    counts = Counter(int(v) for v in values if v == v.to_integral_value())
    parts = [f"{counts.get(k, 0)}/{reporting} đơn vị {label.lower()}" for k, label in sorted(shown.items())]
    return Figure(mine.value, mine.decimals, _joined(mine.note, *parts, _from_some(reporting, total)))


def _joined(*notes: str) -> str:
    return "; ".join(n for n in notes if n)
