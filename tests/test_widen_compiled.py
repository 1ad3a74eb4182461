"""The column fit's compiled loop (pipeline/_widen.c) must choose exactly the widths the Python
loop chooses (pipeline/autofit.py, `_Fitting.widen`): a clerk's Windows install without a compiler
runs the Python, a province's server the C, and both must print the same appendix."""

from __future__ import annotations

import os
import random

import pytest

from pipeline import autofit
from pipeline.autofit import Cell, cell

if autofit.compiled_widen is None and os.environ.get("CI"):
    raise RuntimeError("pipeline._widen was not built: `pip install -e .` needs a C compiler here")
pytestmark = pytest.mark.skipif(autofit.compiled_widen is None, reason="pipeline._widen not built (no C compiler)")


def random_cell(rng: random.Random) -> Cell:
    """Paragraphs of words of a few widths (ties between cells and columns), now and then an empty
    paragraph or a word wider than any column."""
    widths = (150, 180, 240, 300, 420, 560, 900, 2400)
    paragraphs = tuple(tuple(rng.choice(widths) for _ in range(rng.choice((0, 1, 2, 5, 12, 30))))
                       for _ in range(rng.choice((1, 1, 1, 2, 3))))
    return Cell(paragraphs, rng.choice((50, 60, 75)))


def both_ways(rows, total: int) -> tuple[list[int], list[int]]:
    """(Python's widths, the compiled loop's) from two fittings of the same table, its columns' minima
    capped as `autofit.fit` caps them (a word wider than a third of the table breaks)."""
    columns = range(len(rows[0]))
    minima = [min(max(row[c].longest_word for row in rows), total // 3) for c in columns]
    maxima = [max(max(row[c].longest_line for row in rows), minima[c]) for c in columns]
    python = autofit._Fitting(list(rows), list(minima), maxima).widen(total)
    compiled = autofit._Fitting(list(rows), list(minima), maxima).widen_compiled(total)
    return python, compiled


@pytest.mark.parametrize("seed", range(300))
def test_compiled_widening_chooses_as_python(seed):
    rng = random.Random(seed)
    n_columns = rng.choice((1, 2, 3, 7, 9))
    pool = [random_cell(rng) for _ in range(rng.choice((2, 5, 40)))]
    rows = [[rng.choice(pool) for _ in range(n_columns)] for _ in range(rng.choice((1, 2, 12, 40, 120)))]
    minima = sum(max(row[c].longest_word for row in rows) for c in range(n_columns))
    maxima = sum(max(row[c].longest_line for row in rows) for c in range(n_columns))
    # From words wider than their column (capped at a third of the table), through no room above the
    # minima, to more than every column's longest line (the room left is shared out).
    total = max(minima + rng.choice((-2000, 0, 1, 64, 300, 3000, 12000, max(maxima - minima, 0) + 500)), 900)
    python, compiled = both_ways(rows, total)
    assert compiled == python


def test_real_appendix_texts_fit_alike():
    """Vietnamese task texts as a plan's appendix prints them, at its landscape width."""
    from pipeline.layout import LANDSCAPE_TEXT_WIDTH, SIZES

    rng = random.Random(7)
    words = ("Rà soát, đôn đốc việc thực hiện quy định xin lỗi người dân khi để xảy ra trễ hẹn; bảo đảm "
             "đúng tiến độ, có hồ sơ kiểm chứng Công chức Văn phòng - Thống kê Tư pháp - Hộ tịch 30/9/2026 "
             "Báo cáo số 12/BC-UBND ngày 5/3/2026 https://dichvucong.gov.vn/p/home/dvc-tthc.html").split()
    size = SIZES["table"]
    for _ in range(40):
        rows = [[cell([" ".join(rng.choices(words, k=rng.choice((1, 3, 12, 40))))], size) for _ in range(7)]
                for _ in range(rng.choice((3, 20, 60)))]
        minima = sum(max(row[c].longest_word for row in rows) for c in range(7))
        python, compiled = both_ways(rows, max(LANDSCAPE_TEXT_WIDTH, minima + 100))
        assert compiled == python


def test_fit_runs_the_compiled_loop(monkeypatch):
    calls, compiled = [], autofit.compiled_widen

    def spy(*args):
        calls.append(args)
        return compiled(*args)

    monkeypatch.setattr(autofit, "compiled_widen", spy)
    long_text = cell(["một hai ba bốn năm sáu bảy tám chín mười " * 6], 12)
    short = cell(["x"], 12)
    widths = autofit.fit([[long_text, long_text], [short, long_text]], 6000)
    assert len(calls) == 1 and sum(widths) == 6000


@pytest.mark.parametrize("shape", ["lines", "columns"])
def test_tables_beyond_64_bits_fit_in_python(shape):
    """A cell of more lines than 64-bit fourth powers can sum, or a table of more columns than the
    compiled loop takes: the Python fits it (its integers have no bound), with the same result."""
    wide = Cell(((300,) * 30,), 60)
    if shape == "lines":
        rows = [[Cell(((300,) * 20_001,), 60), wide], [wide, wide]]
    else:
        rows = [[wide] * 51, [Cell(((300,) * 3,), 60)] * 51]
    minima = sum(max(row[c].longest_word for row in rows) for c in range(len(rows[0])))
    python, compiled = both_ways(rows, minima + 2000)
    assert compiled == python
    with pytest.raises(OverflowError):
        columns = [([(c.space, c._ends) for c in {row[i] for row in rows}], [0] * len(rows))
                   for i in range(len(rows[0]))]
        autofit.compiled_widen(columns, len(rows), [1] * len(columns), [10**6] * len(columns), 100, 1,
                                autofit.SLICE_COUNTS, 216, 1e-9, 1e-12)


def tied_tall_table(seed: int):
    """Two columns exactly tied (a two-word cell each, in rows i and j) beside a column of 60–140
    lines a row: `base` is about 1e4, where plain and compensated sums of the rows' roots differ by
    more than the tie margin, and Python 3.12's `sum()` compensates (a reviewer's case)."""
    import random as random_module

    rng = random_module.Random(seed)
    rows = rng.choice((60, 100, 120))
    heights = [rng.randint(60, 140) for _ in range(rows)]
    i, j = sorted(rng.sample(range(rows), 2))
    if rng.random() < .5:
        i, j = j, i
    two, one = Cell(((300, 300),), 60), Cell(((659,),), 60)
    table = [[two if r == i else one, two if r == j else one, Cell(tuple((659,) for _ in range(heights[r])), 60)]
             for r in range(rows)]
    return table, sum(max(row[c].longest_word for row in table) for c in range(3)) + 1


@pytest.mark.parametrize(("seed", "expected"), [(280, [875, 876, 875]), (346, [875, 876, 875])])
def test_tied_columns_of_a_tall_table_go_alike_on_every_python(seed, expected, monkeypatch):
    """Both fits add the roots left to right (`_float_sum`), as CPython 3.11's sum() did: the same
    widths on 3.10–3.13 and compiled."""
    table, total = tied_tall_table(seed)
    assert autofit.fit(table, total) == expected
    monkeypatch.setattr(autofit, "compiled_widen", None)
    assert autofit.fit(table, total) == expected


def call(columns, rows=1, widths=(1,), maxima=(10**6,), room=100, step=1, counts=(1, 2)):
    return autofit.compiled_widen(columns, rows, list(widths), list(maxima), room, step, counts, 216, 1e-9, 1e-12)


def test_arguments_that_would_run_python_code_while_read_are_refused():
    """An int that is not exactly an int (its __index__ could change a list being read) is refused
    before anything is read: no crash, whatever it does."""
    cells = []

    class Clears(int):
        def __index__(self):
            cells.clear()
            return 60

    cells.extend([(60, ((300,),)), (Clears(60), ((300,),)), (60, ((300,),))])
    with pytest.raises(TypeError):
        call([(cells, [0, 1, 2])], rows=3)
    with pytest.raises(TypeError):
        call([([(60, [(300,)])], [0])])  # ends per paragraph in a list, not a tuple
    with pytest.raises(ValueError):
        call([([(60, ((300,),))], [5])])  # a row's cell out of range
    with pytest.raises(OverflowError):
        call([([(60, ((300,),))], [0])], step=0)  # would never end


@pytest.mark.parametrize("scale", [2**50, 2**60, 2**70])
def test_widths_beyond_2_to_50_fit_in_python(scale):
    """Past 2**50 twips a sum could leave 64 bits: the compiled loop refuses, the Python fits alike."""
    wide = Cell(((scale // 3, scale // 4),), 60)
    rows = [[wide, Cell(((300,) * 8,), 60)], [Cell(((300,),), 60), wide]]
    minima = sum(max(row[c].longest_word for row in rows) for c in range(2))
    python, compiled = both_ways(rows, minima + scale // 5)
    assert compiled == python


def test_a_table_of_no_columns_fits_to_nothing():
    fitting = autofit._Fitting([[], []], [], [])
    assert fitting.widen_compiled(0) == fitting.widen(0) == []


def test_the_fit_adds_floats_left_to_right_without_compensation():
    """What the compiled loop does; Python 3.12's sum() would give 1.0 here."""
    assert autofit._float_sum([1e16, 1.0, -1e16]) == 0.0


def test_a_module_built_from_other_source_is_left_unused():
    """An editable install updated by `git pull` keeps its compiled module until reinstalled: one whose
    interface is not the one autofit calls (or that has none, built before it was declared) is not used."""
    import types

    assert autofit.compiled_widen is not None  # this build's module is the expected one
    current = types.SimpleNamespace(INTERFACE=autofit.WIDEN_INTERFACE, widen=autofit.compiled_widen)
    assert autofit._usable(current) is autofit.compiled_widen
    assert autofit._usable(types.SimpleNamespace(INTERFACE=autofit.WIDEN_INTERFACE - 1, widen=len)) is None
    assert autofit._usable(types.SimpleNamespace(widen=len)) is None
