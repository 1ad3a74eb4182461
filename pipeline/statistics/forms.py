"""The seven forms as printed: one `Form` per Biểu mẫu, one `FormRow` per indicator the level prints.

`build_forms` turns figures (a commune's own, or the province's rolled up) into printed rows: counts
with Vietnamese separators, ratios computed from their rows (2 decimals at most, no trailing zeros),
blank as `-`, `Không phát sinh` when a denominator is 0. `unit_forms` is a commune's forms for a period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from .catalog import Catalog, Indicator, Kind, Level, load_catalog
from .values import Entry, format_figure, ratio

if TYPE_CHECKING:
    from ..domain.plan import Plan
    from ..domain.period import ReportPeriod
    from ..domain.task_states import TaskState

NOTHING_TO_COMPUTE = "Không phát sinh"


@dataclass(frozen=True)
class FormRow:
    stt: str
    """`1`, `2.1`, `3.3.1`: restarts in each form, without the form number."""
    indicator: str
    """Chỉ tiêu thống kê, in the level's wording."""
    unit: str
    """Đơn vị tính: `Văn bản`, `%`, `Có = 1; Không = 0`."""
    value: str
    """Số liệu as printed: `9.458`, `95,5`, `-` when blank."""
    note: str
    """Ghi chú (empty when none)."""
    is_group: bool
    depth: int
    """1 for `1.1`, 2 for `1.3.1`, 3 for `1.3.3.1`."""

    @property
    def is_top(self) -> bool:
        """Numbered without a dot (`1`, `3`): the rows the forms print in bold. A group below the top
        (7.3.1 of a province's form) prints plain, as in the real forms."""
        return self.depth == 1


@dataclass(frozen=True)
class Form:
    """Biểu mẫu N: its title and rows."""

    number: int
    title: str
    rows: tuple[FormRow, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """One indicator's figure before printing: the number, the decimals typed, the note.

    Slotted: a roll-up holds a hundred of them for each of thousands of units."""

    value: Decimal | None = None
    decimals: int = 0
    note: str = ""


def figures_of(entries: Iterable[Entry], period: ReportPeriod) -> dict[str, Figure]:
    """The period's figures by code (the first row of a code counts: a second one is an error anyway)."""
    figures: dict[str, Figure] = {}
    last, same = None, False
    for entry in entries:
        if entry.period is not last:   # the reader shares one object per period: compared once per run of rows
            last, same = entry.period, entry.period == period
        if same and entry.code not in figures:
            figures[entry.code] = Figure(entry.value, entry.decimals, entry.note)
    return figures


def gave_any(figures: Mapping[str, Figure]) -> bool:
    """Whether any figure holds a number or a note: a `Số liệu` left as `init` wrote it (a row per
    indicator, nothing typed) gives none, and makes no forms of a roll-up."""
    return any(f.value is not None or f.note for f in figures.values())


def computed_figures(catalog: Catalog, level: Level, figures: Mapping[str, Figure]) -> dict[str, Figure]:
    """The figures with every computed ratio worked out from its rows, and the notes the rows call for."""
    result = dict(figures)
    for indicator, is_ratio in _layout(catalog, level).computed:
        if is_ratio:
            result[indicator.code] = _computed_ratio(indicator, result)
        else:
            result[indicator.code] = _with_remainder_note(indicator, result)
    return result


def _computed_ratio(indicator: Indicator, figures: Mapping[str, Figure]) -> Figure:
    own = figures.get(indicator.code, Figure())
    part = figures.get(indicator.numerator or "", Figure()).value
    whole = figures.get(indicator.denominator or "", Figure()).value
    if part is None or whole is None:
        return own
    computed = ratio(part, whole)
    if computed is None:
        return replace(own, note=_joined(own.note, NOTHING_TO_COMPUTE))
    return replace(own, value=computed, decimals=2)


def _with_remainder_note(indicator: Indicator, figures: Mapping[str, Figure]) -> Figure:
    """1.4.1: the tasks neither finished nor overdue are still within their time: `Có 2/10 nhiệm vụ …`."""
    own = figures.get(indicator.code, Figure())
    parts = [figures[t].value for r in indicator.relations for t in r.terms if t in figures]
    if own.value is None or not any(p is not None for p in parts):
        return own
    remainder = own.value - sum((p for p in parts if p is not None), Decimal(0))
    if remainder <= 0:
        return own
    note = indicator.remainder_note.format(con_lai=format_figure(remainder), tong=format_figure(own.value))
    return replace(own, note=_joined(own.note, note))


def _joined(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def build_forms(catalog: Catalog, level: Level, figures: Mapping[str, Figure]) -> tuple[Form, ...]:
    """The seven forms of `level` filled with `figures` (ratios computed here): all seven, even blank."""
    figures = computed_figures(catalog, level, figures)
    forms = []
    for number, title, printed in _layout(catalog, level).forms:
        rows = tuple(blank if (figure := figures.get(code)) is None or (figure.value is None and not figure.note)
                     else _filled(blank, is_ratio, figure) for code, blank, is_ratio in printed)
        forms.append(Form(number, title, rows))
    return tuple(forms)


def _row(indicator: Indicator, level: Level, figure: Figure) -> FormRow:
    kind = indicator.kind(level)
    return _filled(FormRow(indicator.stt, indicator.indicator(level), indicator.unit(level), "", "",
                           kind is Kind.GROUP, indicator.depth), kind is Kind.RATIO, figure)


def _filled(blank: FormRow, is_ratio: bool, figure: Figure) -> FormRow:
    """An indicator's row (its blank one: what the level prints of it) with its figure."""
    value = "" if blank.is_group and figure.value is None else format_figure(figure.value, is_ratio=is_ratio)
    return FormRow(blank.stt, blank.indicator, blank.unit, value, figure.note, blank.is_group, blank.depth)


@dataclass(frozen=True)
class _Layout:
    """What of a catalog a level prints and computes, the same for every unit: worked out once."""

    forms: tuple[tuple[int, str, tuple[tuple[str, FormRow, bool], ...]], ...]
    """Each form's number, title, and the indicators it prints: each one's code, its row when blank
    and whether its figure is a ratio (worded once: a row is then only its figure printed)."""
    computed: tuple[tuple[Indicator, bool], ...]
    """The indicators whose figure is computed, in catalog order: (indicator, a ratio, else a remainder note)."""


_LAYOUTS: dict[tuple[int, Level], tuple[Catalog, _Layout]] = {}


def _layout(catalog: Catalog, level: Level) -> _Layout:
    # Keyed by identity (a catalog holds a dict: it has no hash); the catalog is kept with its layout.
    known = _LAYOUTS.get((id(catalog), level))
    if known is not None and known[0] is catalog:
        return known[1]
    layout = _Layout(
        forms=tuple((number, title, tuple((indicator.code, _row(indicator, level, Figure()),
                                           indicator.kind(level) is Kind.RATIO)
                                          for indicator in catalog.of_form(number) if indicator.printed_at(level)))
                    for number, title in sorted(catalog.titles.items())),
        computed=tuple((indicator, indicator.is_computed_ratio(level)) for indicator in catalog.indicators
                       if indicator.is_computed_ratio(level) or indicator.remainder_note),
    )
    if len(_LAYOUTS) >= 8:
        _LAYOUTS.clear()
    _LAYOUTS[id(catalog), level] = (catalog, layout)
    return layout


def plan_figures(plan: Plan, period: ReportPeriod, states: Sequence[TaskState] | None = None) -> dict[str, Figure]:
    """1.2.1 and 1.2.2 counted from the plan's tasks at the period's cut-off, as report I.2 says them
    (`states`: the tasks' states at that cut-off, when the caller has them already)."""
    from ..domain.counts import TaskCounts, count_tasks

    counts = count_tasks(plan.tasks, plan.results, period) if states is None else TaskCounts.of(states)
    return {"1.2.1": Figure(Decimal(counts.total)), "1.2.2": Figure(Decimal(counts.finished))}


def unit_figures(plan: Plan, period: ReportPeriod, catalog: Catalog,
                 states: Sequence[TaskState] | None = None) -> dict[str, Figure]:
    """A unit's figures for `period`: its `Số liệu` of the period, and the rows counted from its plan."""
    figures = figures_of(plan.statistics, period)
    from_plan = plan_figures(plan, period, states)
    for indicator in catalog.indicators:
        if indicator.from_plan and indicator.code in from_plan:
            note = figures.get(indicator.code, Figure()).note
            figures[indicator.code] = replace(from_plan[indicator.code], note=note)
    return figures


def unit_forms(plan: Plan, period: ReportPeriod, catalog: Catalog | None = None,
               states: Sequence[TaskState] | None = None) -> tuple[Form, ...]:
    """The seven forms a unit prints for `period`: its `Số liệu` of the period and its plan's task counts."""
    catalog = catalog or load_catalog()
    return build_forms(catalog, plan.level, unit_figures(plan, period, catalog, states))
