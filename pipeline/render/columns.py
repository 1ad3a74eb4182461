"""Column widths decided per document, written into the rendered tables they belong to.

A template cannot hold them: Word refuses a file whose integer attributes (`w:gridCol/@w:w`) hold
a tag. So the table carries a caption (`w:tblCaption`, Word's Alt Text title) naming it, and after
rendering, the table with that caption gets the job's widths: its grid, its cells (a merged cell
the sum of the columns it spans), its total width, and a fixed layout so that Word keeps them. A
table whose column count is not the widths' (a user added or removed a column), or that has no
such caption, is left as its template made it. The same caption names the rows a document lets
continue on the next page (its tall task rows lose `w:cantSplit`, its short ones keep it).

The part is edited as bytes, touching only those attributes: the rest of it stays byte for byte as
rendered, and a run does not load an XML library for it (tests/test_imports.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

_CAPTION = re.compile(rb'<w:tblCaption\s+w:val="([^"]*)"\s*/>')
_TABLE_START = re.compile(rb"<w:tbl[\s>]")
_TABLE_TAGS = re.compile(rb"<(/?)w:(tbl|tr|tc|gridBefore)(?=[\s/>])[^>]*>")
_GRID = re.compile(rb"<w:tblGrid>(.*?)</w:tblGrid>", re.DOTALL)
_GRID_COL = re.compile(rb"<w:gridCol\b[^>]*/>")
_TABLE_WIDTH = re.compile(rb"<w:tblW\b[^>]*/>")
_CELL_WIDTH = re.compile(rb"<w:tcW\b[^>]*/>")
_LAYOUT = re.compile(rb"<w:tblLayout\b[^>]*/>")
_AFTER_LAYOUT = re.compile(rb"<w:(?:tblCellMar|tblLook|tblCaption|tblDescription|tblPrChange)[\s/>]|</w:tblPr>")
_VAL = re.compile(rb'w:val="(\d+)"')


def apply_column_widths(xml: bytes, widths: Mapping[str, Sequence[int]]) -> bytes:
    """The document part with each captioned table sized; the same bytes when none is there."""
    if not widths or b"<w:tblCaption" not in xml:
        return xml
    text = xml  # edited as UTF-8 bytes: every tag and attribute it touches is ASCII
    edits: list[tuple[int, int, str]] = []
    for caption in _CAPTION.finditer(text):
        wanted = widths.get(html.unescape(caption.group(1).decode("utf-8")))
        if wanted:
            start = _table_start(text, caption.start())
            edits += _sized(text, start, _table_end(text, start), wanted)
    pieces, position = [], 0
    for begin, end, replacement in sorted(edits):
        pieces += [text[position:begin], replacement.encode("ascii")]
        position = end
    pieces.append(text[position:])
    return b"".join(pieces)


def _table_start(text: bytes, caption: int) -> int:
    """The `<w:tbl>` whose properties hold the caption: the last table opened before it."""
    return max(m.start() for m in _TABLE_START.finditer(text, 0, caption))


def _table_end(text: bytes, start: int) -> int:
    depth = 0
    for m in _TABLE_TAGS.finditer(text, start):
        if m.group(2) == b"tbl":
            depth += -1 if m.group(1) else 1
            if depth == 0:
                return m.end()
    return len(text)


def _sized(text: bytes, start: int, end: int, widths: Sequence[int]) -> list[tuple[int, int, str]]:
    """The edits (span of text, new text) that give the table at `start` these column widths."""
    properties_end = text.index(b"</w:tblPr>", start, end)
    grid = _GRID.search(text, properties_end, end)
    if grid is None or grid.group(1).count(b"<w:gridCol") != len(widths) \
            or len(_GRID_COL.findall(grid.group(1))) != len(widths):
        return []  # not the columns the widths are for
    edits = [(grid.start(1), grid.end(1), "".join(f'<w:gridCol w:w="{w}"/>' for w in widths))]
    edits += _table_properties(text, start, properties_end, sum(widths))
    edits += _cells(text, grid.end(), end, widths)
    return edits


def _table_properties(text: bytes, start: int, end: int, total: int) -> list[tuple[int, int, str]]:
    edits = []
    width = _TABLE_WIDTH.search(text, start, end)
    if width is not None:
        edits.append((width.start(), width.end(), f'<w:tblW w:w="{total}" w:type="dxa"/>'))
    layout = _LAYOUT.search(text, start, end)
    if layout is not None:
        edits.append((layout.start(), layout.end(), '<w:tblLayout w:type="fixed"/>'))
    else:  # where the schema's sequence puts it, so that Word does not re-fit the columns on opening
        after = _AFTER_LAYOUT.search(text, start, end + len(b"</w:tblPr>"))
        position = after.start() if after is not None else end
        edits.append((position, position, '<w:tblLayout w:type="fixed"/>'))
    return edits


def _cells(text: bytes, start: int, end: int, widths: Sequence[int]) -> list[tuple[int, int, str]]:
    """Each cell of the table's own rows (not of a table nested in a cell) its columns' width."""
    edits = []
    depth, column = 1, 0
    for m in _TABLE_TAGS.finditer(text, start, end):
        closing, name = m.group(1), m.group(2)
        if name == b"tbl":
            depth += -1 if closing else 1
        elif depth != 1 or closing:
            continue
        elif name == b"tr":
            column = 0
        elif name == b"gridBefore":
            column = _number(m.group(0), 0)
        elif name == b"tc":
            properties_end = text.find(b"</w:tcPr>", m.end(), end)
            opening = text.startswith((b"<w:tcPr>", b"<w:tcPr "), m.end())
            span = 1
            if opening and properties_end >= 0:
                span = _number(_first(text, b"<w:gridSpan", m.end(), properties_end), 1)
                width = _CELL_WIDTH.search(text, m.end(), properties_end)
                if width is not None:
                    twips = sum(widths[column:column + span])
                    edits.append((width.start(), width.end(), f'<w:tcW w:w="{twips}" w:type="dxa"/>'))
            column += span
    return edits


def _first(text: bytes, tag: bytes, start: int, end: int) -> bytes:
    at = text.find(tag, start, end)
    return text[at:text.find(b">", at) + 1] if at >= 0 else b""


def _number(element: bytes, default: int) -> int:
    m = _VAL.search(element)
    return int(m.group(1)) if m else default


_CANT_SPLIT = re.compile(rb"<w:cantSplit\b[^>]*/>")


def allow_row_breaks(xml: bytes, rows: Mapping[str, Sequence[bool]]) -> bytes:
    """The document part with `w:cantSplit` taken off the captioned tables' rows flagged True (the
    header row not counted); a table whose row count is not the flags' is left as rendered."""
    if not any(any(flags) for flags in rows.values()) or b"<w:tblCaption" not in xml:
        return xml
    text = xml
    edits: list[tuple[int, int]] = []
    for caption in _CAPTION.finditer(text):
        flags = rows.get(html.unescape(caption.group(1).decode("utf-8")))
        if flags and any(flags):
            start = _table_start(text, caption.start())
            spans = _row_spans(text, start, _table_end(text, start))[1:]
            if len(spans) == len(flags):
                edits += [(m.start(), m.end()) for (begin, end), breaks in zip(spans, flags) if breaks
                          for m in _CANT_SPLIT.finditer(text, begin, _row_properties_end(text, begin, end))]
    pieces, position = [], 0
    for begin, end in sorted(edits):
        pieces.append(text[position:begin])
        position = end
    pieces.append(text[position:])
    return b"".join(pieces)


def _row_spans(text: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """The table's own rows (not those of a table nested in a cell), as spans of the text."""
    spans, depth, row_start = [], 0, 0
    for m in _TABLE_TAGS.finditer(text, start, end):
        closing, name = m.group(1), m.group(2)
        if name == b"tbl":
            depth += -1 if closing else 1
        elif name == b"tr" and depth == 1:
            if closing:
                spans.append((row_start, m.end()))
            else:
                row_start = m.start()
    return spans


def _row_properties_end(text: bytes, begin: int, end: int) -> int:
    """Where the row's own properties end (its cells begin): a nested table's rows are not searched."""
    cell = text.find(b"<w:tc", begin, end)
    return cell if cell >= 0 else end
