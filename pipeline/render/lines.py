"""Line breaks in a rendered part: the ones `_prepare` puts before paragraphs, and those of values.

A template part gets a line before each `<w:p` so that an error names its paragraph; the output
must not keep them. Our own templates are compiled without them in their text; anything else has
them taken out of its output. A value's own line breaks become `<w:br/>`, as docxtpl does.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple, overload

PARAGRAPH_LINE = re.compile(r"\n(?=<w:p[ >])")
"""The line break before a paragraph: one pass takes out what replacing `\n<w:p>` then `\n<w:p ` did."""
_PARAGRAPH_LINE_BYTES = re.compile(PARAGRAPH_LINE.pattern.encode())
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
    carry no tab, bell or form feed (clean_text leaves none). Text or UTF-8, the same edit: each `\n`
    of the text between a `<w:t>` (or `<w:t …>`) and the `</w:t>` right after it, as the pattern
    `(<w:t(?: [^>]*)?>)([^<]*\n[^<]*)(</w:t>)` would find it (tests/test_paragraph_lines.py)."""
    if isinstance(xml, bytes):
        return _line_breaks_in(xml, _BYTES_MARKS)
    return _line_breaks_in(xml, _TEXT_MARKS)


class _Marks(NamedTuple):
    newline: Any
    text: Any
    """A text element's opening, without its end: `<w:t`, then `>` or a space and attributes."""
    ends: tuple
    """What may follow `text` in the opening (not `<w:tbl>`, `<w:tc>`)."""
    close: Any
    open_bracket: Any
    close_bracket: Any
    line_break: Any


_TEXT_MARKS = _Marks("\n", "<w:t", (" ", ">"), "</w:t>", "<", ">", _BREAK)
_BYTES_MARKS = _Marks(b"\n", b"<w:t", (b" ", b">"), b"</w:t>", b"<", b">", _BREAK.encode())


def _line_breaks_in(xml, marks: _Marks):
    """Found from each line break rather than by the pattern, which tries every `<` of a 250 KB
    report (two thirds of a millisecond) where a part holds a few breaks: a break is rewritten
    when the last tag before it opens a text element and the next one closes it."""
    first_text = xml.find(marks.text)
    position = xml.find(marks.newline, first_text) if first_text >= 0 else -1
    pieces: list = []
    done = 0
    while position >= 0:
        tag = xml.rfind(marks.open_bracket, 0, position)
        tag_end = xml.find(marks.close_bracket, tag) if tag >= 0 else -1
        after = xml.find(marks.open_bracket, position)
        if after < 0:
            break
        start = tag + len(marks.text)
        if (0 <= tag_end < position and xml.startswith(marks.text, tag) and xml[start:start + 1] in marks.ends
                and xml.startswith(marks.close, after)):
            pieces += (xml[done:tag_end + 1], xml[tag_end + 1:after].replace(marks.newline, marks.line_break))
            done = after
        # A break inside a tag (between attributes) says nothing of the text after the tag: look on
        # from the next character, not from the next tag, or that tag's text is skipped.
        position = xml.find(marks.newline, after if 0 <= tag_end < position else position + 1)
    if not pieces:
        return xml
    pieces.append(xml[done:])
    return xml[:0].join(pieces)
