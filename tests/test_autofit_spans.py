"""A cell keeps the spans of widths it was measured at (every width in a span breaks its lines
alike) and answers a width inside one without measuring: the answer must be what measuring gives,
for every width, in any order of asking; texts of the same word widths share what is known."""

from __future__ import annotations

import random

import pytest

from pipeline.autofit import Cell, cell
from pipeline.layout import CELL_PADDING


def greedy_lines(cell_: Cell, width: int) -> int:
    """Lines by the plain rule: a line takes words while they fit, and always its first."""
    room = width - CELL_PADDING
    total = 0
    for words in cell_.paragraphs:
        total += 1
        used = None
        for word in words:
            if used is None:
                used = word
            elif used + cell_.space + word <= room:
                used += cell_.space + word
            else:
                total, used = total + 1, word
    return total


def random_cell(rng: random.Random) -> Cell:
    paragraphs = tuple(tuple(rng.choice((150, 180, 240, 300, 420, 560, 900, 2400)) for _ in range(rng.randint(0, 30)))
                       for _ in range(rng.choice((1, 1, 2, 3))))
    return Cell(paragraphs, rng.choice((50, 60, 75)))


@pytest.mark.parametrize("seed", range(40))
def test_known_spans_answer_as_measuring_does(seed):
    rng = random.Random(seed)
    cells = [random_cell(rng) for _ in range(20)]
    widths = [rng.randint(100, 9000) for _ in range(300)] + list(range(300, 4000, 7))
    rng.shuffle(widths)
    for width in widths:
        for one in cells:
            assert one.lines(width) == greedy_lines(one, width), (one.paragraphs, one.space, width)


def test_a_width_inside_a_known_span_is_not_measured_again(monkeypatch):
    one = Cell(((300, 300, 300, 300, 300, 300),), 60)
    measured = []
    real = Cell._broken
    monkeypatch.setattr(Cell, "_broken", lambda self, room: measured.append(room) or real(self, room))
    lines = one.lines(1200)
    assert measured and one.lines(1201) == one.lines(1199) == lines
    assert len(measured) == 1  # the two lines stay as they are a twip either side
    one.lines(4000)
    assert len(measured) == 2


def test_texts_of_the_same_word_widths_share_one_cell():
    first, second = cell(["Báo cáo số 12/BC-UBND"], 12), cell(["Báo cáo số 47/BC-UBND"], 12)
    assert first is second
    assert cell(["Báo cáo số 1/BC-UBND"], 12) is not first  # a narrower number: another shape


def test_what_the_fit_keeps_is_bounded_and_worked_out_again_after_emptying():
    from pipeline.memo import Memo

    worked_out = []
    squares = Memo(lambda n: worked_out.append(n) or n * n, limit=8)
    for n in range(50):
        assert squares[n] == n * n and len(squares) <= 8
    assert squares[49] == 49 * 49 and worked_out.count(49) == 1  # kept while there is room
    assert squares[0] == 0 and worked_out.count(0) == 2  # emptied once full: worked out again
