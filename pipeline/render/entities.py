"""Character references in a template part read as docxtpl reads them (after its lxml round trip)."""

from __future__ import annotations

import re

_TEXT_NODE = re.compile(r">([^<]*&[^<]*)<")
_CHARACTER_REFERENCE = re.compile(r"&(?:#(\d+)|#x([0-9a-fA-F]+)|(quot|apos));")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_lxml_writes_text(xml: str) -> str:
    """Character references in text written as the characters, as lxml re-serialises them.

    docxtpl patches the part after a round trip through lxml, so a tag whose quotes a tool saved
    as `&quot;` or `&#8220;` (`{% if x == &#8220;y&#8221; %}`) reaches Jinja as `“y”`, which
    docxtpl's own tag cleaning then makes `"y"`. `&amp;`, `&lt;`, `&gt;` stay, as lxml keeps them.
    """

    def character(m: re.Match) -> str:
        if m.group(3):
            return '"' if m.group(3) == "quot" else "'"
        code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
        if code in (0x9, 0xA, 0xD) or not 0x20 <= code <= 0x10FFFF:
            return m.group(0)
        return _escape(chr(code))

    return _TEXT_NODE.sub(lambda m: ">" + _CHARACTER_REFERENCE.sub(character, m.group(1)) + "<", xml)
