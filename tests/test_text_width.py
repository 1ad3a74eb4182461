"""layout.text_width: each character's width looked up once, the same sums as measuring every character."""

from __future__ import annotations

import random
import unicodedata

from pipeline import text_widths
from pipeline.layout import text_width


def _measured(text: str, size_pt: float, bold: bool) -> int:
    """The definition: printable ASCII from the font's table, combining marks and controls nothing, the rest 500."""
    table = text_widths.BOLD if bold else text_widths.REGULAR
    base = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D").replace("\u00a0", " "))
    units = sum(table[ord(ch) - 32] if 32 <= ord(ch) < 127 else 0 for ch in base)
    units += 500 * sum(1 for ch in base if ord(ch) >= 127 and not unicodedata.combining(ch))
    return round(units * size_pt * 20 / 1000)


def test_widths_are_the_fonts_whatever_the_characters():
    rng = random.Random(21)
    alphabet = [chr(c) for c in range(0, 0x2100)] + list("ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH đ\u00a0\u0301\u0323")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for bold in (False, True):
            assert text_width(text, 13, bold) == _measured(text, 13, bold), text


def test_known_widths():
    assert text_width("ỦY BAN NHÂN DÂN", 13, bold=True) == _measured("ỦY BAN NHÂN DÂN", 13, True) > 0
    assert text_width("", 13) == 0
    assert text_width("\u0301\u0323", 13) == 0   # marks alone add no width
