"""Effective paragraph formatting: alignment, first-line indent, spacing, line spacing.

Resolved like run formatting, minus the character level::

    direct w:pPr > paragraph style (w:basedOn chain) > table style > w:pPrDefault

``w:ind`` carries the first-line indent as ``w:firstLine`` or, negated, ``w:hanging``;
``w:spacing`` carries ``w:before``/``w:after`` (twips) and ``w:line`` with ``w:lineRule``
(``auto``: 240ths of a line; ``exact``/``atLeast``: twips).
"""

from __future__ import annotations

from dataclasses import dataclass

from .ooxml import TWIPS_PER_PT, attr, child, int_attr, on_off, twips_to_cm
from .styles import StyleSheet

AUTO_SPACING_PT = 14.0  # what Word shows for "Auto" space before/after

ALIGNMENT_NAMES = {"left": "căn trái", "right": "căn phải", "center": "căn giữa",
                   "justify": "căn đều hai lề"}

_JUSTIFIED = {"both", "distribute", "lowKashida", "mediumKashida", "highKashida", "thaiDistribute"}
_ALIGNMENT = {"start": "left", "end": "right"}


@dataclass(frozen=True)
class ParagraphFormat:
    """Định dạng đoạn văn."""

    alignment: str          # "left", "center", "right" or "justify"
    first_line_cm: float    # negative for a hanging indent
    before_pt: float
    after_pt: float
    line_rule: str          # "auto" (multiple of single spacing), "exact" or "atLeast" (points)
    line: float
    contextual_spacing: bool  # space between paragraphs of the same style suppressed


def resolve_paragraph_format(paragraph, table, sheet: StyleSheet) -> ParagraphFormat:
    styles = [child(s, "w:pPr") for s in sheet.paragraph_styles(paragraph)]
    direct = child(paragraph, "w:pPr")
    list_level = _list_level(sheet, [direct, *styles])
    levels = [direct, list_level, *styles,
              *[child(s, "w:pPr") for s in sheet.table_styles(table)],
              sheet.default_ppr]
    levels = [ppr for ppr in levels if ppr is not None]

    def first(read, default):
        for ppr in levels:
            value = read(ppr)
            if value is not None:
                return value
        return default

    jc = first(lambda ppr: attr(child(ppr, "w:jc"), "w:val"), "left")
    alignment = "justify" if jc in _JUSTIFIED else _ALIGNMENT.get(jc, jc)
    first_line = first(_first_line_twips, 0)
    if list_level is not None:
        # an automatic number prints at the left indent plus the first-line indent
        first_line += first(lambda ppr: int_attr(child(ppr, "w:ind"), "w:left")
                            if int_attr(child(ppr, "w:ind"), "w:left") is not None
                            else int_attr(child(ppr, "w:ind"), "w:start"), 0)
    before = first(lambda ppr: _space(ppr, "before"), 0.0)
    after = first(lambda ppr: _space(ppr, "after"), 0.0)
    line_spacing = first(_line_spacing, ("auto", 1.0))
    contextual = first(lambda ppr: on_off(child(ppr, "w:contextualSpacing")), False)
    return ParagraphFormat(alignment, twips_to_cm(first_line), before, after,
                           line_spacing[0], line_spacing[1], contextual)


def _list_level(sheet: StyleSheet, levels: list):
    """The w:pPr of the numbering level a paragraph uses (w:numPr, direct or from its style)."""
    for ppr in levels:
        num_pr = child(ppr, "w:numPr")
        num_id = attr(child(num_pr, "w:numId"), "w:val")
        if num_id is not None:
            if num_id == "0":
                return None   # numbering switched off
            level = attr(child(num_pr, "w:ilvl"), "w:val") or "0"
            return sheet.numbering.get((num_id, level))
    return None


def _first_line_twips(ppr) -> int | None:
    ind = child(ppr, "w:ind")
    hanging = int_attr(ind, "w:hanging")
    if hanging is not None:
        return -hanging
    return int_attr(ind, "w:firstLine")


def _space(ppr, side: str) -> float | None:
    spacing = child(ppr, "w:spacing")
    if attr(spacing, f"w:{side}Autospacing") in ("1", "true", "on"):
        return AUTO_SPACING_PT
    value = int_attr(spacing, f"w:{side}")
    return value / TWIPS_PER_PT if value is not None else None


def _line_spacing(ppr) -> tuple[str, float] | None:
    spacing = child(ppr, "w:spacing")
    value = int_attr(spacing, "w:line")
    if value is None:
        return None
    rule = attr(spacing, "w:lineRule") or "auto"
    return rule, value / (240 if rule == "auto" else TWIPS_PER_PT)
