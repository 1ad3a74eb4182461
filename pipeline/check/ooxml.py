"""WordprocessingML helpers: namespaces, attribute reading, units.

Units in ``document.xml`` (ECMA-376 Part 1):
- twips (twentieths of a point) for page size, margins, indents and spacing;
- half-points for font sizes (``w:sz w:val="28"`` is 14 pt);
- ``ST_OnOff`` for toggles: ``true``/``1``/``on`` or no ``w:val`` at all mean on.
"""

from __future__ import annotations

import functools

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

NS = {"w": W, "a": A, "r": R, "mc": MC}

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_CM = 1440 / 2.54
TWIPS_PER_PT = 20


_QUALIFIED: dict[str, str] = {}


def qn(tag: str) -> str:
    """``"w:sz"`` -> ``"{namespace}sz"`` (memoised: called for every element looked up)."""
    name = _QUALIFIED.get(tag)
    if name is None:
        prefix, local = tag.split(":")
        name = _QUALIFIED[tag] = f"{{{NS[prefix]}}}{local}"
    return name


def attr(element, name: str) -> str | None:
    """The value of a prefixed attribute such as ``"w:val"``, or None."""
    if element is None:
        return None
    return element.get(qn(name))


def int_attr(element, name: str) -> int | None:
    value = attr(element, name)
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def on_off(element) -> bool | None:
    """A toggle element (``w:b``, ``w:i``, ``w:caps``, ``w:titlePg``): None when absent."""
    if element is None:
        return None
    value = attr(element, "w:val")
    return value is None or value.lower() in ("1", "true", "on")


def child(element, tag: str):
    """The first child element with this prefixed tag, or None (for None)."""
    if element is None:
        return None
    # lxml's iterchildren is C; find() parses and walks an ElementPath: 3-4 times the CPU, and a
    # long document asks for a child some million times.
    return next(element.iterchildren(qn(tag)), None)


def twips_to_mm(twips: float) -> float:
    return twips / TWIPS_PER_MM


def twips_to_cm(twips: float) -> float:
    return twips / TWIPS_PER_CM


@functools.lru_cache(maxsize=4096)  # a finding repeated on many paragraphs repeats its numbers (babel is slow)
def number(value: float, digits: int = 2) -> str:
    """A number the Vietnamese way: decimal comma, no trailing zeros (``12,5``)."""
    from ..vietnamese import format_decimal

    return format_decimal(value, "0." + "#" * digits)


def number_range(low: float, high: float) -> str:
    return number(low) if low == high else f"{number(low)}–{number(high)}"
