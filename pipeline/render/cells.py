"""Our own templates' captioned tables with each cell's width element marked, for `columns.fit_marked`.

Sizing a rendered table (`columns.fit_tables`) walks every tag of it to learn which column each
cell stands in: a quarter of a document's render. In our own templates that is known before
rendering: the rows of a captioned table are repeated or left out whole by `{% for %}` and
`{% if %}` between rows, and the tags inside a row only fill its cells' text. So each cell's
`<w:tcW …/>` is replaced in the template by a mark naming its column, span and own width; after
rendering, each mark becomes the width the document gives that column, or the template's own.
The bytes are those `fit_tables` gives the unmarked render (tests/test_marked_cells.py).

A table is marked only when all of that can be read off the template: rendered once (outside any
block), no nested table, no tag in its properties, grid, row properties or cell properties, and
blocks inside a cell closed in that cell. Otherwise nothing in the part is marked and the rendered
part takes `fit_tables`, as a user's template always does.
"""

from __future__ import annotations

import html
import re

from . import columns
from .tables import _balanced, _depth, _SCOPED


def _as_text(pattern: re.Pattern[bytes]) -> re.Pattern[str]:
    """What `columns` finds in a rendered part (bytes), found in a template's text: one spelling of
    each table element for the marking and the sizing, which must agree."""
    return re.compile(pattern.pattern.decode(), pattern.flags)


_LETTERS = 26
_CAPTION = _as_text(columns._CAPTION)
_TABLE_OPEN = re.compile(r"<w:tbl[\s>]")
_ROW = re.compile(r"<w:tr(?=[\s/>])[^>]*>")
_CELL = re.compile(r"<w:tc(?=[\s/>])[^>]*>")
_GRID = _as_text(columns._GRID)
_GRID_COL = _as_text(columns._GRID_COL)
_GRID_BEFORE = re.compile(r"<w:gridBefore(?=[\s/>])[^>]*>")
_CELL_WIDTH = _as_text(columns._CELL_WIDTH)
_VAL = _as_text(columns._VAL)
_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)
_TABLE_STRUCTURE = re.compile(r"<w:(?:tc|tr|tbl)(?=[\s/>])|</w:(?:tr|tbl)>")
_STRUCTURE = re.compile(_TABLE_STRUCTURE.pattern + r"|<w:gridBefore")

MarkedTable = tuple[str, str, int, tuple[tuple[int, int, str], ...]]
"""(caption element, caption name, grid columns, (column, span, template's width element) of each mark)."""


class _NotMarkable(Exception):
    """The template says too little to know a cell's column before rendering."""


def mark_cells(source: str) -> tuple[str, tuple[MarkedTable, ...]]:
    """The source with the cell widths of its captioned tables marked, and the tables; or the source
    unchanged and no table, when any captioned table cannot be marked."""
    captions = list(_CAPTION.finditer(source))
    if not captions or len(captions) > _LETTERS or source.find("<?", 1) >= 0 or _SCOPED.search(source):
        return source, ()
    edits: list[tuple[int, int, str]] = []
    tables: list[MarkedTable] = []
    try:
        for index, caption in enumerate(captions):
            table, table_edits = _mark_table(source, caption, chr(ord("A") + index))
            tables.append(table)
            edits += table_edits
    except _NotMarkable:
        return source, ()
    pieces, position = [], 0
    for begin, end, text in sorted(edits):
        pieces += [source[position:begin], text]
        position = end
    pieces.append(source[position:])
    return "".join(pieces), tuple(tables)


def _mark_table(source: str, caption: re.Match, letter: str) -> tuple[MarkedTable, list[tuple[int, int, str]]]:
    start = max((m.start() for m in _TABLE_OPEN.finditer(source, 0, caption.start())), default=-1)
    end = source.find("</w:tbl>", caption.end())
    if start < 0 or end < 0 or _TABLE_OPEN.search(source, start + 1, end) or _depth(source[:start]) != 0:
        raise _NotMarkable   # nested, or inside a block: rendered other than once
    end += len("</w:tbl>")
    grid = _GRID.search(source, caption.end(), end)
    if grid is None or "{" in source[start:grid.end()] or "</w:tblPr>" in source[start:caption.start()]:
        raise _NotMarkable
    columns = grid.group(1).count("<w:gridCol")
    if columns != len(_GRID_COL.findall(grid.group(1))):
        raise _NotMarkable
    slots: dict[tuple[int, int, str], int] = {}
    edits = []
    position = grid.end()
    while (row := _ROW.search(source, position, end)) is not None:
        _only_tags(source[position:row.start()])
        position = source.find("</w:tr>", row.end(), end)
        if position < 0 or row.group(0).endswith("/>"):
            raise _NotMarkable
        position += len("</w:tr>")
        edits += _mark_row(source, row, position, slots, letter)
    _only_tags(source[position:end - len("</w:tbl>")])
    if len(slots) > _LETTERS:
        raise _NotMarkable
    name = html.unescape(caption.group(1))
    return (caption.group(0), name, columns, tuple(slots)), edits


def _mark_row(source: str, row: re.Match, end: int, slots: dict, letter: str) -> list[tuple[int, int, str]]:
    """The marks of one template row's cells, each column counted as `fit_tables` counts it."""
    first_cell = _CELL.search(source, row.end(), end)
    properties = source[row.end():first_cell.start() if first_cell else end - len("</w:tr>")]
    if "{" in properties or _TABLE_STRUCTURE.search(properties):
        raise _NotMarkable
    befores = _GRID_BEFORE.findall(properties)
    column = _number(befores[-1], 0) if befores else 0
    edits = []
    position = row.end() + len(properties)
    while position < end - len("</w:tr>"):
        cell = _CELL.match(source, position)
        close = source.find("</w:tc>", position, end)
        if cell is None or close < 0 or cell.group(0).endswith("/>"):
            raise _NotMarkable
        head_end = cell.end()
        span = 1
        if source.startswith(("<w:tcPr>", "<w:tcPr "), cell.end()):
            head_end = source.find("</w:tcPr>", cell.end(), close)
            if head_end < 0:
                raise _NotMarkable
            head_end += len("</w:tcPr>")
            if (at := source.find("<w:gridSpan", cell.end(), head_end)) >= 0:
                span = _number(source[at:source.find(">", at) + 1], 1)
            width = _CELL_WIDTH.search(source, cell.end(), head_end)
            if width is not None:
                slot = slots.setdefault((column, span, width.group(0)), len(slots))
                edits.append((width.start(), width.end(), f"<?{letter}{chr(ord('A') + slot % _LETTERS)}?>"))
        content = source[head_end:close]
        if "{" in source[position:head_end] or _STRUCTURE.search(content) or not _balanced(content):
            raise _NotMarkable
        column += span
        position = close + len("</w:tc>")
    return edits


def _only_tags(text: str) -> None:
    """Between rows there may be `{% for %}`, `{% if %}` and nothing else."""
    if _TAG.sub("", text):
        raise _NotMarkable


def _number(element: str, default: int) -> int:
    m = _VAL.search(element)
    return int(m.group(1)) if m else default
