"""The reader as it was before calamine: every sheet's grid through openpyxl, kept as the reference.

The fast reader (pipeline/workbook/xlsx.py) must give the same rows, the same values of the same
types, and the same problems and warnings. This is the old code path, reduced to what a grid is:
openpyxl's values (data_only), formatted numbers tagged with their format, merged ranges filled
from their top-left cell, hidden rows warned, formulas without a cached value and stray values
named, and (since the reader refuses them) error values such as `#REF!` taken out with a
problem. Merges are not clipped here: the test workbooks are small.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from pipeline.workbook.sheets import EXCEL_ERRORS

MAX_GRID_ROWS = 50_000
MAX_GRID_COLUMNS = 1_000


def reference_grids(path: Path) -> dict[str, tuple[list[list], list[tuple]]]:
    """Each worksheet's rows and the (kind, cell, message) notes the old reader made of it."""
    wb = load_workbook(path, data_only=True)
    formulas = load_workbook(path, data_only=False)
    grids = {}
    for ws in wb.worksheets:
        notes: list[tuple] = []
        rows, stray = _value_grid(ws)
        notes += [("problem", c, "stray") for c in stray[:3]]
        width = max(map(len, rows), default=0)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    number_format = ws.cell(r, c).number_format
                    if number_format and number_format != "General":
                        row[c - 1] = ("number", value, number_format)
        header = rows[0] if rows else []
        across = sorted((m.min_row, m.min_col, m.coord) for m in ws.merged_cells.ranges
                        if m.max_col > m.min_col and m.min_row > 1 and ws.title != "Thông tin"
                        and m.min_row <= len(rows) and m.min_col <= len(rows[m.min_row - 1])
                        and rows[m.min_row - 1][m.min_col - 1] is not None
                        and sum(1 for c in range(m.min_col, min(m.max_col, len(header)) + 1)
                                if header[c - 1] not in (None, "")) > 1)
        if across:
            r, c, coord = across[0]
            notes.append(("warning", f"{get_column_letter(c)}{r}", f"across {coord}"))
        for merged in ws.merged_cells.ranges:
            top_left = ws.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
                row = rows[r - 1]
                for c in range(merged.min_col, min(merged.max_col, width) + 1):
                    while len(row) < c:
                        row.append(None)
                    row[c - 1] = top_left
        refused = set()
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
                    refused.add(f"{get_column_letter(c)}{r}")
                    notes.append(("problem", f"{get_column_letter(c)}{r}", "error"))
                    row[c - 1] = None
        hidden = [r for r, dim in ws.row_dimensions.items() if dim.hidden and r <= len(rows)]
        if hidden:
            notes.append(("warning", f"A{hidden[0]}", f"{len(hidden)} hidden"))
        for cell in formulas[ws.title]._cells.values():
            if isinstance(cell.value, str) and cell.value.startswith("="):
                row = rows[cell.row - 1] if cell.row <= len(rows) else []
                if (cell.column > len(row) or row[cell.column - 1] is None) and cell.coordinate not in refused:
                    notes.append(("problem", cell.coordinate, "formula"))
        grids[ws.title] = (rows, notes, ws.sheet_state)
    return grids


def _value_grid(ws):
    values, stray = {}, []
    for cell in ws._cells.values():
        if cell.value is None:
            continue
        if cell.row > MAX_GRID_ROWS or cell.column > MAX_GRID_COLUMNS:
            stray.append(cell.coordinate)
            continue
        values[cell.row, cell.column] = cell.value
    height = max((r for r, _ in values), default=0)
    rows: list[list] = [[] for _ in range(height)]
    for (r, c), value in sorted(values.items()):
        row = rows[r - 1]
        row.extend([None] * (c - 1 - len(row)))
        row.append(value)
    return rows, sorted(stray)
