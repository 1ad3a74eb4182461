"""Effective run formatting: font per slot, size, bold, italic, caps, colour.

A run's font is four slots (``w:rFonts``): ``ascii`` (U+0000–U+007F), ``hAnsi`` (other Latin,
so most Vietnamese letters), ``eastAsia`` and ``cs`` (complex script). A slot is named
directly (``w:ascii="Times New Roman"``) or through the theme (``w:asciiTheme="minorHAnsi"``);
the theme name wins over the direct name on the same element (ECMA-376 17.3.2.26).

Non-toggle properties take the first definition, most specific level first (see styles.py).
Bold, italic and caps are toggle properties (ECMA-376 17.7.3): direct formatting sets them
absolutely; in styles, each level (table, paragraph, character style) that resolves to on
flips the value inherited from the document defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from .ooxml import attr, child, on_off
from .styles import StyleSheet
from .theme import Theme

DEFAULT_SIZE_PT = 10.0  # ECMA-376: w:sz absent everywhere -> 20 half-points

FONT_SLOTS = {"ascii": "w:asciiTheme", "hAnsi": "w:hAnsiTheme",
              "eastAsia": "w:eastAsiaTheme", "cs": "w:cstheme"}


@dataclass(frozen=True)
class RunFormat:
    """Định dạng ký tự: the formatting a run is displayed with."""

    fonts: tuple[tuple[str, str | None], ...]   # (("ascii", "Times New Roman"), ...)
    size: float                                # points
    bold: bool
    italic: bool
    caps: bool
    colour: str                                # "auto" or RRGGBB
    hidden: bool = False                       # w:vanish: never printed
    complex_script: bool = False               # w:cs or w:rtl: every character uses the cs slot
    hint: str | None = None                    # w:rFonts/@w:hint ("eastAsia" for shared punctuation)
    raised: bool = False                       # w:vertAlign sub/superscript: a note, not the line

    @property
    def is_black(self) -> bool:
        return self.colour in ("auto", "000000")

    @property
    def prints(self) -> bool:
        """Hidden text and white text on the (white) page never show ink."""
        return not self.hidden and self.colour != "FFFFFF"

    def font(self, slot: str) -> str | None:
        return dict(self.fonts).get(slot)

    def slot_for(self, character: str) -> str:
        """The rFonts slot Word takes ``character``'s font from (spec §1 table)."""
        if self.complex_script:
            return "cs"
        code = ord(character)
        if any(low <= code <= high for low, high in _EAST_ASIAN):
            return "eastAsia"
        if self.hint == "eastAsia" and any(low <= code <= high for low, high in _SHARED_PUNCTUATION):
            return "eastAsia"
        return "ascii" if code < 0x80 else "hAnsi"


_EAST_ASIAN = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x9FFF), (0xA960, 0xA97F),
               (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
               (0x20000, 0x2FFFF))
_SHARED_PUNCTUATION = ((0x2000, 0x206F), (0x00A1, 0x00BF))


def resolve_run_format(run, paragraph, table, sheet: StyleSheet, theme: Theme,
                       paragraph_level: list | None = None,
                       table_level: list | None = None) -> RunFormat:
    """The effective formatting of ``run`` inside ``paragraph`` (inside ``table`` or None).

    ``paragraph_level``/``table_level`` (the rPr of the paragraph's and table's style chains)
    may be passed in when resolving many runs of one paragraph.
    """
    direct = child(run, "w:rPr")
    character = [child(s, "w:rPr") for s in sheet.character_styles(run)]
    if paragraph_level is None:
        paragraph_level = style_rprs(sheet.paragraph_styles(paragraph))
    if table_level is None:
        table_level = style_rprs(sheet.table_styles(table))
    levels = [direct, *character, *paragraph_level, *table_level, sheet.default_rpr]
    levels = [rpr for rpr in levels if rpr is not None]

    fonts = tuple((slot, _font(levels, slot, theme)) for slot in FONT_SLOTS)
    half_points = _first(levels, lambda rpr: attr(child(rpr, "w:sz"), "w:val"))
    try:
        size = int(half_points) / 2 if half_points is not None else DEFAULT_SIZE_PT
    except ValueError:
        size = DEFAULT_SIZE_PT
    colour = _first(levels, lambda rpr: _colour(child(rpr, "w:color"), theme)) or "auto"

    def toggle(tag: str) -> bool:
        value = on_off(child(direct, tag))
        if value is not None:
            return value
        result = bool(on_off(child(sheet.default_rpr, tag)))
        for chain in (table_level, paragraph_level, character):
            if _first([rpr for rpr in chain if rpr is not None],
                      lambda rpr: on_off(child(rpr, tag))):
                result = not result
        return result

    hint = _first(levels, lambda rpr: attr(child(rpr, "w:rFonts"), "w:hint"))
    complex_script = bool(on_off(child(direct, "w:cs")) or on_off(child(direct, "w:rtl")))
    raised = _first(levels, lambda rpr: attr(child(rpr, "w:vertAlign"), "w:val")) in (
        "subscript", "superscript")
    return RunFormat(fonts, size, toggle("w:b"), toggle("w:i"), toggle("w:caps"), colour,
                     toggle("w:vanish"), complex_script, hint, raised)


def style_rprs(styles: list) -> list:
    return [child(s, "w:rPr") for s in styles]


def _first(levels, read):
    for rpr in levels:
        value = read(rpr)
        if value is not None:
            return value
    return None


def _font(levels, slot: str, theme: Theme) -> str | None:
    for rpr in levels:
        fonts = child(rpr, "w:rFonts")
        if fonts is None:
            continue
        theme_font = attr(fonts, FONT_SLOTS[slot])
        name = (theme.font(theme_font) if theme_font else None) or attr(fonts, f"w:{slot}")
        if name:
            return name
    return None


def _colour(color, theme: Theme) -> str | None:
    """``auto`` or RRGGBB; a theme colour is looked up and shaded or tinted as asked."""
    if color is None:
        return None
    value = (attr(color, "w:val") or "auto").upper()
    theme_colour = attr(color, "w:themeColor")
    base = theme.colour(theme_colour) if theme_colour else None
    if base is None:
        return "auto" if value == "AUTO" else value
    try:
        channels = [int(base[i:i + 2], 16) for i in (0, 2, 4)]
        shade = int(attr(color, "w:themeShade") or "FF", 16)
        tint = int(attr(color, "w:themeTint") or "FF", 16)
    except ValueError:
        return value
    # ECMA-376 17.3.2.6: a shade darkens towards black, a tint lightens towards white
    channels = [round(255 - (255 - c * shade / 255) * tint / 255) for c in channels]
    return "".join(f"{c:02X}" for c in channels)
