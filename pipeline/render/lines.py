"""Line breaks in a rendered part: the ones `_prepare` puts before paragraphs, and those of values.

A template part gets a line before each `<w:p` so that an error names its paragraph; the output
must not keep them. Our own templates are compiled without them in their text; anything else has
them taken out of its output. A value's own line breaks become `<w:br/>`, as docxtpl does.
"""

from __future__ import annotations

import re
from typing import overload

PARAGRAPH_LINE = re.compile(r"\n(?=<w:p[ >])")
"""The line break before a paragraph: one pass takes out what replacing `\n<w:p>` then `\n<w:p ` did."""
_PARAGRAPH_LINE_BYTES = re.compile(PARAGRAPH_LINE.pattern.encode())
_TEXT_WITH_NEWLINE = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*\n[^<]*)(</w:t>)")
_TEXT_WITH_NEWLINE_BYTES = re.compile(_TEXT_WITH_NEWLINE.pattern.encode())
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'


@overload
def without_paragraph_lines_in(xml: str) -> str: ...
@overload
def without_paragraph_lines_in(xml: bytes) -> bytes: ...
def without_paragraph_lines_in(xml: str | bytes) -> str | bytes:
    if isinstance(xml, bytes):
        return _PARAGRAPH_LINE_BYTES.sub(b"", xml)
    return PARAGRAPH_LINE.sub("", xml)


def has_paragraph_line(xml: str | bytes) -> bool:
    """`"\n<w:p" in xml`, found from each line break: a part has few, and searching for the pair
    itself stops at every `p` of a 300 KB part (a tenth of a millisecond)."""
    if isinstance(xml, bytes):
        return _has_line(xml, b"\n", b"<w:p")
    return _has_line(xml, "\n", "<w:p")


def _has_line(xml, newline, paragraph) -> bool:
    position = xml.find(newline)
    while position >= 0:
        if xml.startswith(paragraph, position + 1):
            return True
        position = xml.find(newline, position + 1)
    return False


def without_paragraph_lines(env, source: str):
    """The template parsed, with the line before each paragraph taken out of its text (never out of a tag).

    Every line taken out is one `PARAGRAPH_LINE` would take out of the output, so when the output
    holds none of them the two agree (`CompiledTemplate._finish` checks that). The tags keep their
    lines, so an error still names the paragraph it is in.
    """
    from jinja2 import nodes

    tree = env._parse(source, None, None)
    for text in tree.find_all(nodes.TemplateData):
        text.data = PARAGRAPH_LINE.sub("", text.data)
    return tree


@overload
def text_line_breaks(xml: str) -> str: ...
@overload
def text_line_breaks(xml: bytes) -> bytes: ...
def text_line_breaks(xml: str | bytes) -> str | bytes:
    """A `\n` in a text element becomes `<w:br/>`, as docxtpl's resolve_listing does for values that
    carry no tab, bell or form feed (clean_text leaves none). Text or UTF-8, the same edit."""
    if isinstance(xml, bytes):
        return _line_breaks_in(xml, b"<w:t", b"\n", _TEXT_WITH_NEWLINE_BYTES, _BREAK.encode())
    return _line_breaks_in(xml, "<w:t", "\n", _TEXT_WITH_NEWLINE, _BREAK)


def _line_breaks_in(xml, text, newline, pattern, line_break):
    first_text = xml.find(text)
    if first_text < 0 or xml.find(newline, first_text) < 0:
        return xml   # a value's line break comes after a text element's opening: none to rewrite
    return pattern.sub(lambda m: m.group(1) + m.group(2).replace(newline, line_break) + m.group(3), xml)
