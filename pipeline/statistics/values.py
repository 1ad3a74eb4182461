"""Figures typed in `Số liệu`: one `Entry` per indicator per period, and the numbers as the forms print them.

Numbers are `Decimal`s, so `95,53` stays 95,53 and a sum of counts is exact; `decimals` remembers
how many decimals were typed, the precision a typed ratio is checked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.period import ReportPeriod

BLANK = "-"
RATIO_PLACES = 2


@dataclass(frozen=True, init=False)
class Entry:
    """One row of `Số liệu`: an indicator's figure (Số liệu) and note (Ghi chú) for one period (Kỳ)."""

    code: str
    period: ReportPeriod
    value: Decimal | None
    """None when only a note was typed (a group row, or `-`)."""
    decimals: int = 0
    """How many decimals were typed: `1,9` has 1."""
    note: str = ""
    value_cell: str = ""
    """Where the figure is, `C7`: messages name it."""
    code_cell: str = ""

    def __init__(self, code: str, period: ReportPeriod, value: Decimal | None, decimals: int = 0, note: str = "",
                 value_cell: str = "", code_cell: str = ""):
        # A frozen dataclass's own __init__ sets each field through object.__setattr__: twice the time,
        # for every figure of every workbook of a batch.
        self.__dict__.update(code=code, period=period, value=value, decimals=decimals, note=note,
                             value_cell=value_cell, code_cell=code_cell)


class NotANumber(ValueError):
    """The cell holds text that is not a number."""


def typed_number(value, number_format: str = "General") -> tuple[Decimal | None, int]:
    """(number, decimals typed) of a `Số liệu` cell: a number, `9.458`, `95,53`, `95,5%`, or blank / `-`.

    A cell formatted as a percentage holds the fraction (0,9553 shows as 95,53%): the figure is the
    percentage. Raises NotANumber for any other text.
    """
    if value is None or isinstance(value, bool):
        return None, 0
    if value.__class__ is int:  # most figures: a whole number has no decimals, even as a percentage
        return Decimal(value) * 100 if "%" in number_format else Decimal(value), 0
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in number_format:
            number *= 100
        return _normalised(number)
    text = " ".join(str(value).split())
    if text in {"", BLANK, "–", "—"}:
        return None, 0
    return _normalised(_parse_text(text))


def _parse_text(text: str) -> Decimal:
    body = text.rstrip("%").strip()
    sign = ""
    if body.startswith("-"):
        sign, body = "-", body[1:].strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", body):
        digits = body.replace(".", "").replace(",", ".")  # Vietnamese: `9.458`, `95,53`
    elif re.fullmatch(r"\d+\.\d+", body):
        digits = body  # `95.53` typed with a decimal point
    else:
        raise NotANumber(text)
    try:
        return Decimal(sign + digits)
    except InvalidOperation:
        raise NotANumber(text) from None


def _normalised(number: Decimal) -> tuple[Decimal, int]:
    if not number.is_finite():
        raise NotANumber(str(number))
    exponent = number.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return number, decimals


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator ÷ denominator × 100 to 2 decimals; None when the denominator is 0 (nothing to compute)."""
    if denominator == 0:
        return None
    return (numerator * 100 / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def agrees_at_precision(typed: Decimal, decimals: int, computed: Decimal) -> bool:
    """`1,9` agrees with 1,88: the difference is within half a unit of the last typed decimal (≥ 0,01)."""
    tolerance = max(Decimal(5) / Decimal(10) ** (decimals + 1), Decimal("0.01"))
    return abs(typed - computed) <= tolerance


def format_figure(value: Decimal | None, is_ratio: bool = False) -> str:
    """`9.458`, `95,53`, `100`; a ratio to 2 decimals at most; blank is `-`."""
    if value is None:
        return BLANK
    if is_ratio:
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value.is_finite() and value == value.to_integral_value():   # most figures are counts: a third of the time
        return f"{int(value):,}".replace(",", ".")
    value = value.normalize()
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    grouped = re.sub(r"(?<=\d)(?=(?:\d{3})+$)", ".", whole)
    return sign + grouped + ("," + fraction.rstrip("0") if fraction.rstrip("0") else "")
