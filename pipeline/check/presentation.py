"""Cách trình bày: the size, weight, slant and case ND 30 asks of a line, and the comparison."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, error
from .ooxml import number, number_range
from .paragraphs import Segment
from .vntext import is_caps

SIZE_TOLERANCE_PT = 0.01


@dataclass(frozen=True)
class Presentation:
    """Expected look of a line; None leaves an aspect free."""

    sizes: tuple[float, float] | None = None   # points, inclusive
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None

    def differences(self, segments: list[Segment]) -> tuple[str, str] | None:
        """``(found, expected)`` in Vietnamese for the aspects that differ, or None."""
        visible = [s for s in segments if s.text.strip()]
        if not visible:
            return None
        found: list[str] = []
        expected: list[str] = []
        if self.sizes is not None:
            low, high = self.sizes
            sizes = sorted({s.format.size for s in visible})
            if any(not low - SIZE_TOLERANCE_PT <= size <= high + SIZE_TOLERANCE_PT for size in sizes):
                found.append("cỡ chữ " + ", ".join(f"{number(size)} pt" for size in sizes))
                expected.append(f"cỡ chữ {number_range(low, high)} pt")
        for aspect, yes, no in (("bold", "in đậm", "không in đậm"), ("italic", "in nghiêng", "chữ đứng")):
            wanted = getattr(self, aspect)
            if wanted is None:
                continue
            values = {getattr(s.format, aspect) for s in visible}
            if values != {wanted}:
                found.append((yes + " một phần") if len(values) > 1 else (no if wanted else yes))
                expected.append(yes if wanted else no)
        if self.caps is not None:
            text = "".join(s.text for s in visible)
            caps = is_caps(text) or all(s.format.caps for s in visible)
            if caps != self.caps:
                found.append("chữ thường" if self.caps else "chữ in hoa")
                expected.append("chữ in hoa" if self.caps else "chữ thường")
        if not found:
            return None
        return ", ".join(found), ", ".join(expected)


def look_findings(rule: str, where: str, what: str, expected: Presentation,
                  segments: list[Segment]) -> list[Finding]:
    """One error naming every aspect of ``what`` that does not look as ``expected``."""
    difference = expected.differences(segments)
    if difference is None:
        return []
    prefix = f"{what}: " if what else ""
    return [error(rule, where, prefix + difference[0], prefix + difference[1])]
