"""Column widths from what the columns hold: Word's AutoFit, aimed at the fewest lines.

Each column has a minimum (its longest word: narrower breaks a word, or a date like `31/12/2026`,
in two) and a maximum (its longest line unbroken), as Word and browsers measure them. The table's
width is fixed. When the maxima fit, every column gets its maximum and the rest is shared by the
maxima; when the minima do not, the minima are scaled down. Otherwise every column starts at its
minimum and the room left goes, a slice at a time, where it takes the most lines off the table:
a row is as tall as its fullest cell, so a slice that shortens no row goes to the column whose
cells wrap the most. Word and browsers share that room by the maxima, where one long cell takes
the room a column of many long cells needs, and a row of short cells is as tall as its longest.
All in integer twips: the same text gives the same widths.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .layout import CELL_PADDING, WORD_SLACK, shares, text_width
from .memo import Memo

WIDEN_INTERFACE = 1
"""The `INTERFACE` of pipeline/_widen.c this module calls: a module built from other source (an editable
install updated by `git pull`, not reinstalled) is left unused."""


def _usable(module) -> Callable | None:
    return module.widen if getattr(module, "INTERFACE", None) == WIDEN_INTERFACE else None


compiled_widen: Callable | None = None
try:  # the widening loop compiled (setup.py): the same widths, a fit in a sixth of the time
    from . import _widen
    compiled_widen = _usable(_widen)
except ImportError:  # built without a C compiler or Python's headers: the Python below
    pass

SLICES = 64
"""The room above the minima is given out in about this many slices."""
SLICE_COUNTS = (1, 2, 4, 8, 16)
"""How many slices at once a column is offered."""
MEASURED_ROWS = 120
"""A long table is measured on this many rows spread over it: its widths, not its every row."""


@dataclass(frozen=True)
class Cell:
    """A cell's paragraphs as the widths of their words, in twips (slack included)."""

    paragraphs: tuple[tuple[int, ...], ...]
    space: int
    longest_word: int = field(init=False, compare=False)
    """Its widest word, margins included: narrower, the word breaks."""
    longest_line: int = field(init=False, compare=False)
    """Its widest paragraph on one line, margins included."""
    _ends: tuple[tuple[int, ...], ...] = field(init=False, compare=False, repr=False)
    """For each paragraph, where each word ends on one unbroken line (a space after each)."""
    _hash: int = field(init=False, compare=False, repr=False)
    _known: _Spans = field(init=False, compare=False, repr=False)
    """The widths measured so far, as spans of widths that break every line alike."""

    def __post_init__(self) -> None:
        # Worked out once: a cell is measured at many widths, and is a key of dicts.
        every_word = [word for words in self.paragraphs for word in words]
        unbroken = [sum(words) + self.space * (len(words) - 1) for words in self.paragraphs if words]
        ends = tuple(tuple(itertools.accumulate(word + self.space for word in words)) for words in self.paragraphs)
        for name, value in (("_ends", ends),
                            ("longest_word", max(every_word, default=0) + CELL_PADDING),
                            ("longest_line", max(unbroken, default=0) + CELL_PADDING),
                            ("_hash", hash((self.paragraphs, self.space))), ("_known", _Spans())):
            object.__setattr__(self, name, value)  # frozen: set as dataclasses do

    def __hash__(self) -> int:
        return self._hash

    def lines(self, width: int) -> int:
        """How many lines the cell wraps to in a column `width` wide (its margins included).

        A line takes words while they fit, and always its first (the fewest lines for this width);
        where a line ends is found by bisection over where its words end. Every width from the
        widest line set to just below the narrowest line plus its next word breaks the lines the
        same way: that span is kept, and a width inside a kept span is not measured again (a
        fit asks a column's cells at many widths, and a batch asks the same cells again).
        """
        known = self._known.lines(width)
        if known is not None:
            return known
        total, narrowest, widest = self._broken(width - CELL_PADDING + self.space)
        offset = CELL_PADDING - self.space
        self._known.add(narrowest + offset, widest + offset, total)
        return total

    def narrowest(self, lines: int) -> int:
        """The narrowest width at which the cell takes at most `lines` lines (its lines fall as
        its width grows)."""
        low, high = self.longest_word, max(self.longest_line, self.longest_word)
        while low < high:
            middle = (low + high) // 2
            if self.lines(middle) <= lines:
                high = middle
            else:
                low = middle + 1
        return low

    def _broken(self, room: int) -> tuple[int, int, int]:
        """Lines at `room` (a line's last word is followed by no space, so it has a space more),
        and the span of rooms that break them alike."""
        total, narrowest, widest = 0, 0, _UNBOUNDED
        for ends in self._ends:
            if not ends:
                total += 1
                continue
            if ends[-1] <= room:  # most cells: the paragraph fits on one line
                total += 1
                narrowest = max(narrowest, ends[-1])
                continue
            start, last = 0, len(ends)
            while start < last:
                before = ends[start - 1] if start else 0
                end = bisect.bisect_right(ends, before + room, start)
                if end > start:
                    narrowest = max(narrowest, ends[end - 1] - before)
                    if end < last:
                        widest = min(widest, ends[end] - before - 1)
                    start = end
                else:  # a word wider than the line: it has a line of its own while it does not fit
                    widest = min(widest, ends[start] - before - 1)
                    start += 1
                total += 1
        return total, narrowest, widest


_UNBOUNDED = 1 << 62


class _Spans:
    """Spans of widths, none overlapping, each with the lines a cell has across it."""

    __slots__ = ("starts", "ends", "lines_in")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.lines_in: list[int] = []

    def lines(self, width: int) -> int | None:
        i = bisect.bisect_right(self.starts, width) - 1
        return self.lines_in[i] if i >= 0 and width <= self.ends[i] else None

    def add(self, start: int, end: int, lines: int) -> None:
        # Two widths break lines alike or not at all: spans of different breaks never overlap.
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        self.lines_in.insert(i, lines)


def cell(texts: Sequence[str], size_pt: float, bold: bool = False) -> Cell:
    """A cell printing `texts`, a paragraph each (a text's `\\n` starts another).

    Only spaces break a line here: a date or a code with a hyphen (`30-9-2026`, `KH-UBND`) counts as
    one word, so its column is wide enough never to break it.
    """
    return _cell(tuple(texts), size_pt, bold)


@functools.lru_cache(maxsize=4096)
def _cell(texts: tuple[str, ...], size_pt: float, bold: bool) -> Cell:
    """Kept: a plan's table and its report's repeat their texts (and their cells' wrapping with them)."""
    paragraphs = tuple(tuple(_width(word, size_pt, bold) for word in line.split())
                       for text in texts for line in text.split("\n"))
    return _SHAPES[paragraphs, _width(" ", size_pt, bold)]


_SHAPES = Memo(lambda shape: Cell(*shape), limit=8192)
"""One Cell for every text of the same word widths (`Báo cáo số 12/BC-UBND` and `… số 47/…`), so
that the widths measured for one are known for all: the communes of a batch repeat them."""


@functools.lru_cache(maxsize=65536)
def _width(text: str, size_pt: float, bold: bool) -> int:
    return round(text_width(text, size_pt, bold) * WORD_SLACK)


def fit(rows: Sequence[Sequence[Cell]], total: int, floors: Sequence[int] = ()) -> list[int]:
    """Column widths adding up to `total` for a table of `rows` (the header row among them), each
    column at least its `floors` width (when given) and its longest word."""
    columns = range(len(rows[0])) if rows else range(0)
    cap = total // 3  # a pasted web address is not given a third of the table: it breaks
    floors = floors or [0] * len(columns)
    minima = [min(max(floors[c], *(row[c].longest_word for row in rows)), cap) for c in columns]
    maxima = [max(max(row[c].longest_line for row in rows), minima[c]) for c in columns]
    if sum(minima) >= total:
        return shares(minima, total)
    if sum(maxima) <= total:
        return shares(maxima, total)
    fitting = _Fitting(_spread(rows), minima, maxima)
    return fitting.widen(total) if compiled_widen is None else fitting.widen_compiled(total)


def _spread(rows: Sequence[Sequence[Cell]]) -> list[Sequence[Cell]]:
    if len(rows) <= MEASURED_ROWS:
        return list(rows)
    return [rows[i * (len(rows) - 1) // (MEASURED_ROWS - 1)] for i in range(MEASURED_ROWS)]


class _Fitting:
    """The greedy widening: each slice to the column it takes the most lines off per twip."""

    def __init__(self, rows: list[Sequence[Cell]], minima: list[int], maxima: list[int]):
        self.maxima = maxima
        self.widths = list(minima)
        self._lines: list[dict[int, tuple[tuple[int, ...], tuple[int, ...], int]]] = [{} for _ in minima]
        self._candidates: list[tuple | None] = [None] * len(minima)
        # A column repeats its cells (the same lead, the same status): each is measured once.
        self._distinct: list[tuple[list[Cell], list[int]]] = [_distinct(row[c] for row in rows)
                                                              for c in range(len(minima))]

    def lines(self, column: int, width: int) -> tuple[tuple[int, ...], tuple[int, ...], int]:
        """Each row's lines in `column` at `width`, their fourth powers, and the column's lines in all."""
        known = self._lines[column].get(width)
        if known is None:
            cells, index = self._distinct[column]
            measured = []
            for cell in cells:  # Cell.lines written out: asked a million times a batch, mostly known
                spans = cell._known
                i = bisect.bisect_right(spans.starts, width) - 1
                measured.append(spans.lines_in[i] if i >= 0 and width <= spans.ends[i] else cell.lines(width))
            lines = tuple(map(measured.__getitem__, index))
            known = self._lines[column][width] = lines, tuple(map(_FOURTH.__getitem__, lines)), sum(lines)
        return known

    def widen(self, total: int) -> list[int]:
        room = total - sum(self.widths)
        step = max(room // SLICES, 1)
        current = [self.lines(c, w) for c, w in enumerate(self.widths)]
        powers = list(map(sum, zip(*(fourths for _, fourths, _ in current))))
        while room > 0:
            open_columns = [c for c in range(len(self.widths)) if self.widths[c] < self.maxima[c]]
            if not open_columns:
                return [w + extra for w, extra in zip(self.widths, shares(self.widths, room))]
            column, width = self.best_slice(current, powers, open_columns, step, room)
            room -= width - self.widths[column]
            self.widths[column] = width
            old, current[column] = current[column], self.lines(column, width)
            if current[column][0] != old[0]:  # integers: the sums stay exact
                powers = list(map(operator.add, map(operator.sub, powers, old[1]), current[column][1]))
        return self.widths

    def widen_compiled(self, total: int) -> list[int]:
        """`widen` by pipeline/_widen.c: the same steps in the same arithmetic. In Python when it refuses
        a table (OverflowError: fourth powers past 64 bits, widths past 2**50 twips) or has no columns."""
        room = total - sum(self.widths)
        columns = [([(cell.space, cell._ends) for cell in cells], index) for cells, index in self._distinct]
        if not columns or compiled_widen is None:
            return self.widen(total)
        try:
            widths, room = compiled_widen(columns, len(columns[0][1]), self.widths, self.maxima, room,
                                           max(room // SLICES, 1), SLICE_COUNTS, CELL_PADDING, BOUND_MARGIN,
                                           TIE_MARGIN)
        except OverflowError:
            return self.widen(total)
        if room > 0:  # every column at its maximum
            return [w + extra for w, extra in zip(widths, shares(widths, room))]
        return widths

    def candidates(self, current: list, open_columns: list[int], step: int, room: int) -> list[tuple]:
        """Every slice worth scoring, with the order they are weighed in: by column, then by width."""
        found = []
        room = min(room, step * SLICE_COUNTS[-1])
        for c in open_columns:
            found += self.column_candidates(c, current[c], step, room)
        return found

    def column_candidates(self, c: int, old: tuple, step: int, room: int) -> list[tuple]:
        """The slices of column `c` that change its rows' lines, each with a bound on its score.

        A row's soft maximum falls by at most the lines its cell in the column loses (the fourth
        root is concave), so a column that loses n lines over w twips scores at most n / w (kept
        negated, to sort the best first). Kept while the column's width stays: the other columns'
        slices move no bound.
        """
        key = (self.widths[c], room)
        known = self._candidates[c]
        if known is not None and known[0] == key:
            return known[1]
        found = []
        start, (old_lines, _, old_total), maximum = self.widths[c], old, self.maxima[c]
        for order, slices in enumerate(SLICE_COUNTS, start=c * len(SLICE_COUNTS)):
            offered = step * slices
            width = start + (offered if offered < room else room)
            if width > maximum:
                width = maximum
            new = self.lines(c, width)
            if new[0] != old_lines:  # else the rows keep their heights: no gain
                found.append(((new[2] - old_total) / (width - start), order, c, width, new[1]))
            if width == maximum or offered >= room:
                break
        self._candidates[c] = key, found
        return found

    def best_slice(self, current: list, powers: list[int], open_columns: list[int], step: int,
                   room: int) -> tuple[int, int]:
        """The column and new width that lower the rows' heights the most per twip.

        A row's height is its fullest cell's, which is flat while two cells are equally full; it is
        measured as a soft maximum (the 4-norm of its cells' lines), which falls with each line any
        of its fuller cells loses, so two columns that hold a row up together are widened in turn.
        `current` holds each column's lines at its width, `powers` each row's sum of fourth powers.

        Slices are scored best bound first, and those whose bound is below the best score found
        are left unscored: none of them could be chosen (see `_first_best`).
        """
        found = self.candidates(current, open_columns, step, room)
        found.sort()  # the best bound first
        root4, add, widths = _ROOT4.__getitem__, operator.add, self.widths
        base = _float_sum(map(root4, powers))
        scored, top = [], 0.0
        unscored_above = BOUND_MARGIN  # a bound, kept negated, above this is below the best score by the margin
        without: dict[int, list[int]] = {}
        for less_bound, order, c, width, new_fourths in found:
            if less_bound > unscored_above:
                break
            others = without.get(c)
            if others is None:  # each row's power without column c
                others = without[c] = list(map(operator.sub, powers, current[c][1]))
            score = (base - _float_sum(map(root4, map(add, others, new_fourths)))) / (width - widths[c])
            scored.append((order, c, width, score))
            if score > top:
                top, unscored_above = score, BOUND_MARGIN - score
        best = _first_best(sorted(scored))
        if best is None:  # no slice shortens anything yet: the most wrapped column
            column = max(open_columns, key=lambda c: (current[c][2], -c))
            return column, min(self.widths[column] + min(step, room), self.maxima[column])
        return best


def _float_sum(values) -> float:
    """Floats added left to right, each sum rounded: what pipeline/_widen.c does, on every Python. (From
    3.12 `sum()` compensates its rounding; in a tall table the rounding of two tied columns' scores
    decides between them, and the fit must choose alike on a clerk's 3.13 and a server's 3.11.)"""
    return functools.reduce(operator.add, values, 0.0)


BOUND_MARGIN = 1e-9
"""Far above a score's rounding error (about 1e-13 in a short table, 1e-11 in one of thousands of lines)
and the tie margin below."""
TIE_MARGIN = 1e-12
"""A slice wins over the one weighed before it only by more than this. Above a short table's rounding
error; in a tall one (the rows' roots summing to 1e4, each sum rounded by 2e-12) rounding can decide
between two tied columns: the same way in both fits, which add alike (`_float_sum`)."""


def _first_best(scored: list[tuple[int, int, int, float]]) -> tuple[int, int] | None:
    """The slice chosen by weighing the scored ones in order: one wins over the one before only
    by more than a rounding error, so a tie goes to the leftmost column and the narrower slice.
    A slice left unscored scores below the best by more than the margin: had it been weighed, a
    later, better one would have won over it, as over nothing."""
    best, best_score = None, 0.0
    for _, c, width, score in scored:
        if score > best_score + TIE_MARGIN:
            best, best_score = (c, width), score
    return best


def _distinct(cells) -> tuple[list[Cell], list[int]]:
    """The different cells of a column, and for each row the index of its cell among them."""
    seen: dict[Cell, int] = {}
    index = [seen.setdefault(cell, len(seen)) for cell in cells]
    return list(seen), index


_FOURTH = Memo(lambda lines: lines ** 4, limit=4096)
"""Fourth powers of line counts (a cell has a few dozen lines at most)."""


def _root4(value: int) -> float:
    """The fourth root by two square roots: IEEE 754 rounds sqrt exactly on every platform (pow may
    differ in the last bit), so the same text gives the same widths on Windows and Linux."""
    return math.sqrt(math.sqrt(value))


_ROOT4 = Memo(_root4, limit=16384)
"""Fourth roots of the rows' powers (whole numbers, few of them), each worked out once: a table has
a few thousand, a batch adds a few each commune."""
