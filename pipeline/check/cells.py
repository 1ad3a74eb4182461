"""The width a table cell gives its text (twips), from its own w:tcW or the table grid."""

from __future__ import annotations

from .ooxml import attr, child, int_attr, qn

DEFAULT_CELL_MARGIN_TWIPS = 108   # Word's default left and right cell margins


def cell_text_width(p) -> int | None:
    """Width inside the cell holding paragraph ``p``, less the cell margins; None if unknown."""
    cell = next(p.iterancestors(qn("w:tc")), None)
    if cell is None:
        return None
    width = child(child(cell, "w:tcPr"), "w:tcW")
    twips = int_attr(width, "w:w") if attr(width, "w:type") in (None, "dxa") else None
    if not twips:
        twips = _grid_width(cell)
    if not twips:
        return None
    table = next(cell.iterancestors(qn("w:tbl")), None)
    table_margins = child(child(table, "w:tblPr"), "w:tblCellMar")
    cell_margins = child(child(cell, "w:tcPr"), "w:tcMar")
    for side in ("left", "right"):
        margin = _margin(cell_margins, side)
        if margin is None:
            margin = _margin(table_margins, side)
        twips -= DEFAULT_CELL_MARGIN_TWIPS if margin is None else margin
    return twips


def side_indents(p) -> int:
    """Left plus right paragraph indent set on the paragraph itself (twips)."""
    ind = child(child(p, "w:pPr"), "w:ind")
    return sum(max(0, int_attr(ind, side) or 0) for side in ("w:left", "w:start", "w:right", "w:end"))


def _margin(margins, side: str) -> int | None:
    edge = child(margins, f"w:{side}")
    if edge is None:
        edge = child(margins, "w:start" if side == "left" else "w:end")
    return int_attr(edge, "w:w") if edge is not None else None


def _grid_width(cell) -> int | None:
    row = cell.getparent()
    table = row.getparent() if row is not None else None
    grid = child(table, "w:tblGrid")
    if grid is None:
        return None
    columns = [int_attr(col, "w:w") or 0 for col in grid.findall(qn("w:gridCol"))]
    index = 0
    for other in row.findall(qn("w:tc")):
        span = int_attr(child(child(other, "w:tcPr"), "w:gridSpan"), "w:val") or 1
        if other is cell:
            return sum(columns[index:index + span]) or None
        index += span
    return None
