"""Cách trình bày: the size, weight, slant and case ND 30 asks of a line, and the comparison."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .findings import Finding, error, warning
from .ooxml import number, number_range
from .paragraphs import Segment
from .vntext import is_caps

SIZE_TOLERANCE_PT = 0.01
SLIP_CHARACTERS = 5      # a size differing on at most this many characters …
SLIP_SHARE = 0.3         # … and under this share of the line is a slip: a warning


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

    def slip(self, segments: list[Segment]) -> int | None:
        """How many characters look wrong, when that is only a slip (a stray letter typed at
        another size or weight, the drafter's initials in small type); else None. 0 when the
        slip is punctuation only (the colon of «Nơi nhận:» at 14 pt): nothing a reader sees."""
        inked = [s for s in segments if s.text.strip()]
        per_run = Presentation(self.sizes, self.bold, self.italic)
        wrong = [per_run.differences([s]) is not None for s in inked]
        off_text = "".join("".join(s.text.split()) for s, bad in zip(inked, wrong) if bad)
        off = len(off_text)
        total = sum(len("".join(s.text.split())) for s in inked)
        if not 0 < off <= SLIP_CHARACTERS or off >= SLIP_SHARE * total:
            return None
        rest = [s for s, bad in zip(inked, wrong) if not bad]
        if not rest or self.differences(rest) is not None:
            return None
        return 0 if all(unicodedata.category(ch).startswith("P") for ch in off_text) else off


def look_findings(rule: str, where: str, what: str, expected: Presentation,
                  segments: list[Segment]) -> list[Finding]:
    """One error naming every aspect of ``what`` that does not look as ``expected``.

    A difference confined to a few characters (a slip, spec §14 severities) is a warning.
    """
    difference = expected.differences(segments)
    if difference is None:
        return []
    prefix = f"{what}: " if what else ""
    slip = expected.slip(segments)
    if slip == 0:
        return []
    if slip is not None:
        return [warning(rule, where, f"{prefix}{difference[0]} (chỉ ở {slip} ký tự)",
                        prefix + difference[1])]
    return [error(rule, where, prefix + difference[0], prefix + difference[1])]
