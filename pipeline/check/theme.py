"""The document theme (``word/theme/theme1.xml``): theme fonts and theme colours.

A run may name its font through the theme instead of directly::

    <w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>

``minor*`` points into ``a:fontScheme/a:minorFont``, ``major*`` into ``a:majorFont``;
``*HAnsi``/``*Ascii`` pick ``a:latin``, ``*EastAsia`` picks ``a:ea``, ``*Bidi`` picks ``a:cs``.
Colours work the same way: ``w:color w:themeColor="text1"`` names ``a:clrScheme/a:dk1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .ooxml import NS

_SCRIPT_ELEMENT = {"HAnsi": "latin", "Ascii": "latin", "EastAsia": "ea", "Bidi": "cs"}

# w:themeColor values -> a:clrScheme children (ECMA-376 17.18.97 ST_ThemeColor)
_COLOUR_SLOT = {
    "dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2",
    "text1": "dk1", "background1": "lt1", "text2": "dk2", "background2": "lt2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3",
    "accent4": "accent4", "accent5": "accent5", "accent6": "accent6",
    "hyperlink": "hlink", "followedHyperlink": "folHlink",
}


@dataclass
class Theme:
    """Font and colour scheme of a document; empty when the document has no theme part."""

    fonts: dict[str, str] = field(default_factory=dict)     # "minorHAnsi" -> "Cambria"
    colours: dict[str, str] = field(default_factory=dict)   # "dk1" -> "000000"

    @classmethod
    def from_xml(cls, blob: bytes | None) -> Theme:
        if not blob:
            return cls()
        try:
            root = etree.fromstring(blob)
        except etree.XMLSyntaxError:
            return cls()
        fonts: dict[str, str] = {}
        for kind in ("minor", "major"):
            scheme = root.find(f".//a:fontScheme/a:{kind}Font", NS)
            if scheme is None:
                continue
            for suffix, element_name in _SCRIPT_ELEMENT.items():
                element = scheme.find(f"a:{element_name}", NS)
                typeface = element.get("typeface") if element is not None else None
                if typeface:
                    fonts[kind + suffix] = typeface
        colours: dict[str, str] = {}
        scheme = root.find(".//a:clrScheme", NS)
        if scheme is not None:
            for slot in scheme:
                colour = slot.find("a:srgbClr", NS)
                if colour is not None:
                    colours[etree.QName(slot).localname] = colour.get("val", "").upper()
                    continue
                colour = slot.find("a:sysClr", NS)
                if colour is not None:
                    colours[etree.QName(slot).localname] = colour.get("lastClr", "").upper()
        return cls(fonts, colours)

    def font(self, theme_font: str) -> str | None:
        """``"minorHAnsi"`` -> the typeface it stands for, or None when the theme leaves it empty."""
        return self.fonts.get(theme_font)

    def colour(self, theme_colour: str) -> str | None:
        slot = _COLOUR_SLOT.get(theme_colour)
        return self.colours.get(slot) if slot else None

