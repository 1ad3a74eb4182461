"""Page geometry and type sizes shared by the templates and the context (twips, points).

ND 30/2020 Phụ lục I gives ranges; these are the values chosen inside them. The context uses the
sizes to measure text, so the short rules under the issuer, motto and summary fit the text above.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from . import text_widths
from .memo import Memo

A4_SHORT, A4_LONG = 11906, 16838
MARGIN_TOP = MARGIN_BOTTOM = 1134  # 20 mm
MARGIN_LEFT = 1701  # 30 mm
MARGIN_RIGHT = 1134  # 20 mm
TEXT_WIDTH = A4_SHORT - MARGIN_LEFT - MARGIN_RIGHT  # 9071 twips = 16 cm
LANDSCAPE_TEXT_WIDTH = A4_LONG - MARGIN_LEFT - MARGIN_RIGHT  # 14003 twips: an appendix's tables

# The left column holds `THÀNH PHỐ HỒ CHÍ MINH`, the longest name of the 34 provinces, in bold on one
# line; the right one its place/date line on one line at 13 pt, a draft's blanks included
# (`Thành phố Hồ Chí Minh, ngày      tháng      năm 2026`). Together they are wider than the text:
# the header table, centred, reaches 0,6 cm into each margin, as many offices' templates do.
HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH = 3700, 6100
SIGNATURE_LEFT_WIDTH, SIGNATURE_RIGHT_WIDTH = 4300, 4771
CELL_PADDING = 2 * 108  # Word's default left + right cell margins
WORD_SLACK = 1.1
"""Our widths are Times New Roman's; LibreOffice's substitute and Word's rounding take a little more."""

SIZES = {
    "managing_body": 13,
    "issuer": 13,
    "number": 13,
    "national_name": 12,
    "motto": 13,
    "date_line": 13,
    "doc_type": 14,
    "summary": 14,
    "body": 14,
    "recipients_label": 12,
    "recipient": 11,
    "authority": 14,
    "signer_name": 14,
    "appendix": 14,
    "appendix_ref": 14,
    "table": 12,
    "page_number": 14,
}

_ASCII_BASE = str.maketrans("đĐ\xa0", "dD ")  # a non-breaking space is as wide as a space


def text_width(text: str, size_pt: float, bold: bool = False) -> int:
    """Width of one line of Times New Roman text in twips (Vietnamese marks add no width)."""
    base = unicodedata.normalize("NFD", text.translate(_ASCII_BASE))
    units = sum(map((_BOLD_UNITS if bold else _REGULAR_UNITS).__getitem__, base))
    return round(units * size_pt * 20 / 1000)


def _units(table: tuple[int, ...]) -> Memo:
    """Each character's width in `table`'s units, worked out when first met: a printable ASCII
    character its table's width, a control character or a combining mark none, any other 500. A
    workbook of every letter of Unicode does not grow it past a few thousand."""
    def units(ch: str) -> int:
        code = ord(ch)
        return table[code - 32] if 32 <= code < 127 else 0 if code < 127 or unicodedata.combining(ch) else 500

    return Memo(units, limit=4096)


_BOLD_UNITS, _REGULAR_UNITS = _units(text_widths.BOLD), _units(text_widths.REGULAR)


@dataclass(frozen=True)
class Rule:
    """A short horizontal line centred in a box: ND 30's line under the issuer, motto and summary."""

    width: int
    box: int
    space_after: int = 0
    """Twips below the line, before what follows it."""

    @property
    def indent(self) -> int:
        return max((self.box - self.width) // 2, 0)


def shares(weights: Sequence[int], total: int) -> list[int]:
    """`total` split in proportion to `weights`, in whole twips (largest remainders, then leftmost)."""
    if not weights:
        return []
    weight = sum(weights)
    if weight <= 0:
        weights, weight = [1] * len(weights), len(weights)
    exact = [w * total for w in weights]
    parts = [e // weight for e in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] % weight), i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts
