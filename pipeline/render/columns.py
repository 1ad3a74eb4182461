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
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

_CAPTION = re.compile(rb'<w:tblCaption\s+w:val="([^"]*)"\s*/>')
_TABLE_TAGS = re.compile(rb"<(/?)w:(tbl|tr|tc|gridBefore)(?=[\s/>])[^>]*>")
_GRID = re.compile(rb"<w:tblGrid>(.*?)</w:tblGrid>", re.DOTALL)
_GRID_COL = re.compile(rb"<w:gridCol\b[^>]*/>")
_TABLE_WIDTH = re.compile(rb"<w:tblW\b[^>]*/>")
_CELL_WIDTH = re.compile(rb"<w:tcW\b[^>]*/>")
_LAYOUT = re.compile(rb"<w:tblLayout\b[^>]*/>")
_AFTER_LAYOUT = re.compile(rb"<w:(?:tblCellMar|tblLook|tblCaption|tblDescription|tblPrChange)[\s/>]|</w:tblPr>")
_VAL = re.compile(rb'w:val="(\d+)"')
MARK = re.compile(rb"<\?([A-Z][A-Z])\?>")
"""A cell width marked by cells.py: `<?`, its table's letter, its slot's letter, `?>`. The part holds no
other `<?` past its declaration (marking checks the template; a value's `<` is escaped)."""


def fit_tables(xml: bytes, widths: Mapping[str, Sequence[int]], rows: Mapping[str, Sequence[bool]]) -> bytes:
    """The document part with each captioned table sized (`widths`) and its rows flagged True let
    break across pages (`rows`); the same bytes when no table is concerned.

    One pass over each table's tags serves both: the same bytes as `allow_row_breaks` applied to
    `apply_column_widths`' result (their edits never touch each other's elements), at a quarter of
    the work, as each used to find the table's end and walk its tags on its own.
    """
    rows = {caption: flags for caption, flags in rows.items() if any(flags)}
    if not (widths or rows):
        return xml
    edits: list[tuple[int, int, bytes]] = []
    for caption in _captions(xml):
        name = html.unescape(caption.group(1).decode("utf-8"))
        wanted, flags = widths.get(name), rows.get(name)
        if wanted or flags:
            table = _Table.scan(xml, _table_start(xml, caption.start()))
            if wanted:
                edits += _sized(xml, table, wanted)
            if flags:
                edits += _row_breaks(xml, table.rows, flags)
    if not edits:
        return xml
    pieces, position = [], 0
    for begin, end, replacement in sorted(edits):
        pieces += [xml[position:begin], replacement]
        position = end
    pieces.append(xml[position:])
    return b"".join(pieces)


def _captions(xml: bytes) -> Iterator[re.Match[bytes]]:
    """`_CAPTION.finditer(xml)`, tried only where `<w:tblCaption` stands: found by bytes.find, which
    skips through a part of 250 KB faster than the regex engine's scan for it."""
    position = xml.find(b"<w:tblCaption")
    while position >= 0:
        caption = _CAPTION.match(xml, position)
        if caption is not None:
            yield caption
        position = xml.find(b"<w:tblCaption", caption.end() if caption is not None else position + 1)


def apply_column_widths(xml: bytes, widths: Mapping[str, Sequence[int]]) -> bytes:
    """The document part with each captioned table sized; the same bytes when none is there."""
    return fit_tables(xml, widths, {})


def allow_row_breaks(xml: bytes, rows: Mapping[str, Sequence[bool]]) -> bytes:
    """The document part with `w:cantSplit` taken off the captioned tables' rows flagged True (the
    header row not counted); a table whose row count is not the flags' is left as rendered."""
    return fit_tables(xml, {}, rows)


def _table_start(text: bytes, caption: int) -> int:
    """The `<w:tbl>` whose properties hold the caption: the last table opened before it."""
    position = caption
    while (position := text.rfind(b"<w:tbl", 0, position)) >= 0:
        if text[position + 6] in b" \t\n\r\f\v>":   # `<w:tbl[\s>]`, not `<w:tblPr>`
            return position
    raise ValueError(f"a table caption outside any table, at byte {caption}")


class _Table:
    """One pass over a table's own tags: where it ends, its rows, and the cells, rows and
    `w:gridBefore` that open at its own level (not in a table nested in a cell)."""

    __slots__ = ("start", "end", "rows", "openings", "nested")

    def __init__(self, start: int):
        self.start = start
        self.end = 0
        self.rows: list[tuple[int, int]] = []
        self.openings: list[tuple[bytes, int, int, int]] = []
        """(tag name, start, end, depth) of each `tr`, `tc` and `gridBefore` opened in the table."""
        self.nested: list[tuple[int, int]] = []
        """(position, depth after it) of each `tbl` tag inside the table."""

    @classmethod
    def scan(cls, text: bytes, start: int) -> _Table:
        table = cls(start)
        depth, row_start = 0, 0
        openings, rows, nested = table.openings, table.rows, table.nested
        for m in _TABLE_TAGS.finditer(text, start):
            closing, name = m.group(1, 2)
            if name == b"tbl":
                depth += -1 if closing else 1
                if depth == 0:
                    table.end = m.end()
                    return table
                nested.append((m.start(), depth))
            elif not closing:
                openings.append((name, m.start(), m.end(), depth))
                if name == b"tr" and depth == 1:
                    row_start = m.start()
            elif name == b"tr" and depth == 1:
                rows.append((row_start, m.end()))
        table.end = len(text)
        return table

    def depth_at(self, position: int) -> int:
        """The nesting depth (1: the table's own level) just before `position`."""
        depth = 1
        for at, after in self.nested:
            if at >= position:
                break
            depth = after
        return depth


def _sized(text: bytes, table: _Table, widths: Sequence[int]) -> list[tuple[int, int, bytes]]:
    """The edits (span of text, new text) that give the table these column widths."""
    start, end = table.start, table.end
    properties_end = text.index(b"</w:tblPr>", start, end)
    grid = _GRID.search(text, properties_end, end)
    if grid is None or grid.group(1).count(b"<w:gridCol") != len(widths) \
            or len(_GRID_COL.findall(grid.group(1))) != len(widths):
        return []  # not the columns the widths are for
    edits = [(grid.start(1), grid.end(1), "".join(f'<w:gridCol w:w="{w}"/>' for w in widths).encode())]
    edits += _table_properties(text, start, properties_end, sum(widths))
    edits += _cells(text, table, grid.end(), widths)
    return edits


def _table_properties(text: bytes, start: int, end: int, total: int) -> list[tuple[int, int, bytes]]:
    edits = []
    width = _TABLE_WIDTH.search(text, start, end)
    if width is not None:
        edits.append((width.start(), width.end(), f'<w:tblW w:w="{total}" w:type="dxa"/>'.encode()))
    layout = _LAYOUT.search(text, start, end)
    if layout is not None:
        edits.append((layout.start(), layout.end(), b'<w:tblLayout w:type="fixed"/>'))
    else:  # where the schema's sequence puts it, so that Word does not re-fit the columns on opening
        after = _AFTER_LAYOUT.search(text, start, end + len(b"</w:tblPr>"))
        position = after.start() if after is not None else end
        edits.append((position, position, b'<w:tblLayout w:type="fixed"/>'))
    return edits


def _cells(text: bytes, table: _Table, start: int, widths: Sequence[int]) -> list[tuple[int, int, bytes]]:
    """Each cell of the table's own rows (not of a table nested in a cell) its columns' width."""
    edits = []
    own_level = table.depth_at(start)   # the grid's level: the table's own, unless the grid is a nested one's
    end = table.end
    column = 0
    replacements: dict[tuple[int, int], bytes] = {}
    for name, tag_start, tag_end, depth in table.openings:
        if tag_start < start or depth != own_level:
            continue
        if name == b"tr":
            column = 0
        elif name == b"gridBefore":
            column = _number(text[tag_start:tag_end], 0)
        elif text.startswith((b"<w:tcPr>", b"<w:tcPr "), tag_end):
            properties_end = text.find(b"</w:tcPr>", tag_end, end)
            span = 1
            if properties_end >= 0:
                if (at := text.find(b"<w:gridSpan", tag_end, properties_end)) >= 0:
                    span = _number(text[at:text.find(b">", at) + 1], 1)
                width = _CELL_WIDTH.search(text, tag_end, properties_end)
                if width is not None:
                    replacement = replacements.get((column, span))
                    if replacement is None:
                        twips = sum(widths[column:column + span])
                        replacement = replacements[column, span] = f'<w:tcW w:w="{twips}" w:type="dxa"/>'.encode()
                    edits.append((width.start(), width.end(), replacement))
            column += span
        else:
            column += 1
    return edits


def _number(element: bytes, default: int) -> int:
    m = _VAL.search(element)
    return int(m.group(1)) if m else default


_CANT_SPLIT = re.compile(rb"<w:cantSplit\b[^>]*/>")


def _row_breaks(text: bytes, rows: Sequence[tuple[int, int]], flags: Sequence[bool]) -> list[tuple[int, int, bytes]]:
    """`w:cantSplit` taken off the rows flagged True (the header row not counted), when the table has as
    many rows as flags."""
    spans = rows[1:]
    if len(spans) != len(flags):
        return []
    return [(m.start(), m.end(), b"") for (begin, end), breaks in zip(spans, flags) if breaks
            for m in _CANT_SPLIT.finditer(text, begin, _row_properties_end(text, begin, end))]


def _row_properties_end(text: bytes, begin: int, end: int) -> int:
    """Where the row's own properties end (its cells begin): a nested table's rows are not searched."""
    cell = text.find(b"<w:tc", begin, end)
    return cell if cell >= 0 else end


class MarkedTable(NamedTuple):
    """A captioned table of a template marked by `cells.mark_cells`, ready for `fit_marked`."""

    caption: bytes
    """Its `<w:tblCaption …/>` element, as the rendered part holds it."""
    name: str
    columns: int
    spans: tuple[tuple[int, int], ...]
    """(column, span) of each mark."""
    originals: tuple[bytes, ...]
    """The template's own width element of each mark."""

    @classmethod
    def of(cls, marked: tuple) -> MarkedTable:
        caption, name, columns, slots = marked
        return cls(caption.encode(), name, columns, tuple((c, s) for c, s, _ in slots),
                   tuple(original.encode() for _, _, original in slots))


def fit_marked(xml: bytes, tables: Sequence[MarkedTable], widths: Mapping[str, Sequence[int]],
               rows: Mapping[str, Sequence[bool]]) -> bytes:
    """`fit_tables` of a part rendered from a marked template, given that render: each table found by
    its caption and given its width and row edits, then every mark replaced in one split of the part."""
    edits: list[tuple[int, int, bytes]] = []
    marks: list[Sequence[bytes]] = []
    first_table = len(xml)
    for table in tables:
        at = xml.find(table.caption)
        if at < 0:   # not rendered: nor are its marks
            marks.append(table.originals)
            continue
        start = _table_start(xml, at)
        first_table = min(first_table, start)
        wanted, flags = widths.get(table.name), rows.get(table.name)
        if wanted and len(wanted) == table.columns:
            properties_end = xml.index(b"</w:tblPr>", start)
            grid = _GRID.search(xml, properties_end)
            assert grid is not None  # a table of ours always has its grid, right after its properties
            edits.append((grid.start(1), grid.end(1), "".join(f'<w:gridCol w:w="{w}"/>' for w in wanted).encode()))
            edits += _table_properties(xml, start, properties_end, sum(wanted))
            marks.append([f'<w:tcW w:w="{sum(wanted[c:c + s])}" w:type="dxa"/>'.encode() for c, s in table.spans])
        else:
            marks.append(table.originals)
        if flags and any(flags):
            edits += _row_breaks(xml, _marked_rows(xml, start, at), flags)
    if first_table == len(xml):
        return xml
    view = memoryview(xml)   # slices that are not copies: the part is copied once, by the last join
    out: list[bytes | memoryview] = [view[:first_table]]
    cursor = first_table
    for begin, stop, replacement in [*sorted(edits), (len(xml), len(xml), b"")]:
        text = MARK.split(view[cursor:begin])   # text, mark, text, mark, … text
        text[1::2] = [marks[key[0] - _A][key[1] - _A] for key in text[1::2]]
        out += text
        out.append(replacement)
        cursor = stop
    return b"".join(out)


_A = ord("A")
_TAG_NAME_END = b" \t\n\r\f\v/>"


def _marked_rows(xml: bytes, start: int, caption: int) -> list[tuple[int, int]]:
    """`_rows` of a marked table (no table nested in it) whose caption is at `caption`. Our templates
    render its rows one right after the other up to `</w:tbl>`: walked so, the table is read once,
    not also searched for its end first. Rows rendered any other way are found as `_rows` finds them."""
    rows, position = [], xml.find(b"<w:tr", caption)
    if position < 0 or xml.find(b"</w:tbl>", caption, position) >= 0:   # no row in this table
        return _rows(xml, start, xml.index(b"</w:tbl>", caption))
    while xml.startswith(b"<w:tr", position) and xml[position + 5] in _TAG_NAME_END:
        close = xml.index(b"</w:tr>", position) + len(b"</w:tr>")
        rows.append((position, close))
        position = close
    if xml.startswith(b"</w:tbl>", position):
        return rows
    return _rows(xml, start, xml.index(b"</w:tbl>", caption))


def _rows(xml: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """The rows of a table with no table nested in it: each `<w:tr>` to its `</w:tr>`."""
    rows, position = [], start
    while (position := xml.find(b"<w:tr", position, end)) >= 0:
        if xml[position + 5] in _TAG_NAME_END:
            close = xml.index(b"</w:tr>", position, end) + len(b"</w:tr>")
            rows.append((position, close))
            position = close
        else:
            position += 5
    return rows
