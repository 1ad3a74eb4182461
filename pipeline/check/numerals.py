"""Roman numerals, as ND 30 numbers mục, phần, chương and appendices with them."""

from __future__ import annotations

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int | None:
    """``"XIV"`` -> 14; None when the text is not a well-formed Roman numeral."""
    if not numeral or any(ch not in _ROMAN_VALUES for ch in numeral):
        return None
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(numeral) and value < _ROMAN_VALUES[numeral[i + 1]]:
            total -= value
        else:
            total += value
    return total if to_roman(total) == numeral else None


def to_roman(value: int) -> str:
    result = ""
    for numeral, amount in (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100),
                            ("XC", 90), ("L", 50), ("XL", 40), ("X", 10), ("IX", 9),
                            ("V", 5), ("IV", 4), ("I", 1)):
        while value >= amount:
            result += numeral
            value -= amount
    return result

