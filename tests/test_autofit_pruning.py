"""The column fit leaves unscored the slices whose bound is below the best score: it must choose
exactly what weighing every slice would choose, on tables of every shape."""

from __future__ import annotations

import math
import operator
import random

import pytest

from pipeline import autofit
from pipeline.autofit import Cell, SLICE_COUNTS


class EverySliceWeighed(autofit._Fitting):
    """The fit as first written: every slice of every open column scored, in order."""

    def best_slice(self, current, powers, open_columns, step, room):
        base = sum(math.sqrt(math.sqrt(p)) for p in powers)
        best, best_score = None, 0.0
        for c in open_columns:
            old_lines, old_fourths, _ = current[c]
            for slices in SLICE_COUNTS:
                width = min(self.widths[c] + min(step * slices, room), self.maxima[c])
                new_lines, new_fourths, _ = self.lines(c, width)
                if new_lines != old_lines:
                    others = list(map(operator.sub, powers, old_fourths))
                    height = sum(math.sqrt(math.sqrt(o + n)) for o, n in zip(others, new_fourths))
                    score = (base - height) / (width - self.widths[c])
                    if score > best_score + 1e-12:
                        best, best_score = (c, width), score
                if width == self.maxima[c] or step * slices >= room:
                    break
        if best is None:
            column = max(open_columns, key=lambda c: (sum(current[c][0]), -c))
            return column, min(self.widths[column] + min(step, room), self.maxima[column])
        return best


def random_cell(rng: random.Random) -> Cell:
    paragraphs = tuple(tuple(rng.choice((180, 240, 300, 420, 560, 900)) for _ in range(rng.choice((1, 2, 5, 12, 30))))
                       for _ in range(rng.choice((1, 1, 1, 2, 3))))
    return Cell(paragraphs, 60)


def fitted(fitting_class, rows, total):
    columns = range(len(rows[0]))
    minima = [max(row[c].longest_word for row in rows) for c in columns]
    maxima = [max(max(row[c].longest_line for row in rows), minima[c]) for c in columns]
    return fitting_class(list(rows), minima, maxima).widen(total)


@pytest.mark.parametrize("seed", range(60))
def test_pruned_fit_chooses_as_weighing_every_slice(seed):
    rng = random.Random(seed)
    n_columns = rng.choice((3, 7, 9))
    # Repeated cells make ties between columns and rows: where a careless pruning would pick another slice.
    pool = [random_cell(rng) for _ in range(rng.choice((3, 8, 40)))]
    rows = [[rng.choice(pool) for _ in range(n_columns)] for _ in range(rng.choice((2, 12, 40)))]
    minima = sum(max(row[c].longest_word for row in rows) for c in range(n_columns))
    total = minima + rng.choice((300, 3000, 12000))
    assert fitted(autofit._Fitting, rows, total) == fitted(EverySliceWeighed, rows, total)


def test_identical_columns_tie_to_the_leftmost():
    wrapped = Cell(((300,) * 20,), 60)
    rows = [[wrapped, wrapped, wrapped] for _ in range(5)]
    widths = fitted(autofit._Fitting, rows, 3 * wrapped.longest_word + 700)
    assert widths == fitted(EverySliceWeighed, rows, 3 * wrapped.longest_word + 700)
    assert widths[0] >= widths[1] >= widths[2]
