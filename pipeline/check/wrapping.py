"""Lines as they print: a stored line wrapped in the width of its table cell or page column.

A line padded with spaces (``TM. ỦY BAN NHÂN DÂN            CHỦ TỊCH``) is one line of text but
two on paper, and a header line too long for its cell breaks wherever the width runs out
(``ỦY BAN NHÂN DÂN THÀNH`` / ``PHỐ HỒ CHÍ MINH``). Rules that judge lines judge the printed ones.

Word's breaking, closely enough: words are placed one after another with the spaces typed
between them; a word that does not fit starts the next line and the spaces before it vanish.
Widths are Times New Roman's (a Vietnamese mark adds no width), at each run's size and weight.
"""

from __future__ import annotations

import re

from ..layout import text_width
from .ooxml import TWIPS_PER_PT
from .paragraphs import Line, Paragraph, Segment
from .sections import Section

_WORD = re.compile(r"[^ \t]+")   # a no-break space (U+00A0) joins, as in Word


def printed_lines(line: Line, width_pt: float | None) -> list[Line]:
    """``line`` cut where the width runs out; itself when the width is unknown or it fits."""
    if width_pt is None or width_pt <= 0:
        return [line]
    text = line.text
    starts = _segment_starts(line.segments)
    pieces: list[tuple[int, int]] = []
    start = None           # character offset where the current printed line starts
    position = 0.0         # points used on the current printed line
    last = 0               # end of the last word placed
    for word in _WORD.finditer(text):
        gap = _width(line.segments, starts, last, word.start()) if start is not None else 0.0
        size = _width(line.segments, starts, word.start(), word.end())
        if start is not None and position + gap + size > width_pt:
            pieces.append((start, last))
            start, position = None, 0.0
            gap = 0.0
        if start is None:
            start = word.start()
        position += gap + size
        last = word.end()
    if start is not None:
        pieces.append((start, last))
    if len(pieces) <= 1:
        return [line]
    return [Line(line.paragraph, _slice(line.segments, starts, a, b)) for a, b in pieces]


def available_width_pt(paragraph: Paragraph, section: Section | None) -> float | None:
    """The width a paragraph's lines print in: its cell's, else the page column's, less indents."""
    column = section.text_width if section is not None else None
    twips = paragraph.facts.cell_width_twips if paragraph.in_table else column
    if twips is None:
        return None
    return (twips - paragraph.facts.side_indents_twips) / TWIPS_PER_PT


def _segment_starts(segments: list[Segment]) -> list[int]:
    starts, offset = [], 0
    for segment in segments:
        starts.append(offset)
        offset += len(segment.text)
    return starts


def _width(segments: list[Segment], starts: list[int], a: int, b: int) -> float:
    """Points taken by characters a..b of the line, each at its own run's size and weight."""
    total = 0.0
    for segment, start in zip(segments, starts):
        low, high = max(a, start), min(b, start + len(segment.text))
        if low < high:
            text = segment.text[low - start:high - start].replace("\t", "    ").replace("\xa0", " ")
            if segment.format.caps:
                text = text.upper()
            total += text_width(text, segment.format.size, segment.format.bold) / TWIPS_PER_PT
    return total


def _slice(segments: list[Segment], starts: list[int], a: int, b: int) -> list[Segment]:
    pieces = []
    for segment, start in zip(segments, starts):
        low, high = max(a, start), min(b, start + len(segment.text))
        if low < high:
            pieces.append(Segment(segment.text[low - start:high - start], segment.format))
    return pieces
