"""A sheet as the cells it holds, never as its nominal dimension.

Excel writes ranges such as a merge `C1:XFD1048576` or a formatted cell at `XFD1048576` after
whole-row or whole-column formatting. openpyxl materialises every cell of a merged range (17
billion for that merge) and `iter_rows` walks the nominal dimension: either never ends. Here
merges are clipped to the cells the sheet really holds, and a sheet's grid is built from its
existing cells, up to the last one with a value.
"""

from __future__ import annotations

import contextlib
import functools

MAX_GRID_ROWS = 50_000
MAX_GRID_COLUMNS = 1_000
"""No table of the format has more than a dozen columns; a value beyond these is a stray cell."""


@contextlib.contextmanager
def bounded_merges():
    """While open, openpyxl clips each merged range to the extent of the cells that exist.

    Only our own reading is affected: openpyxl is restored afterwards for any other caller.
    """
    from openpyxl.reader import excel

    original = excel.WorksheetReader
    excel.WorksheetReader = _bounded_merges_reader()
    try:
        yield
    finally:
        excel.WorksheetReader = original


@functools.lru_cache(maxsize=1)
def _bounded_merges_reader():
    from openpyxl.worksheet._reader import WorksheetReader

    class BoundedMergesReader(WorksheetReader):
        def bind_merged_cells(self):
            from openpyxl.utils.cell import get_column_letter, range_boundaries
            from openpyxl.worksheet.cell_range import MultiCellRange
            from openpyxl.worksheet.merge import MergedCellRange

            if not self.parser.merged_cells:
                return
            max_row = max((r for r, _ in self.ws._cells), default=1)
            max_col = max((c for _, c in self.ws._cells), default=1)
            ranges = []
            for cr in self.parser.merged_cells.mergeCell:
                min_col, min_row, last_col, last_row = range_boundaries(cr.ref)
                if None in (min_col, min_row, last_col, last_row) or min_row > max_row or min_col > max_col:
                    continue
                clipped = (f"{get_column_letter(min_col)}{min_row}:"
                           f"{get_column_letter(min(last_col, max_col))}{min(last_row, max_row)}")
                mcr = MergedCellRange(self.ws, clipped)
                self.ws._clean_merge_range(mcr)
                ranges.append(mcr)
            self.ws.merged_cells = MultiCellRange(ranges)

    return BoundedMergesReader


def existing_cells(ws):
    """The sheet's cells that exist in the file (openpyxl keeps them by (row, column))."""
    return ws._cells.values()


def value_grid(ws) -> tuple[list[list], list[str]]:
    """The sheet's values as rows of lists up to the last value, and the stray cells left out.

    A value beyond MAX_GRID_ROWS or MAX_GRID_COLUMNS is not read: it is returned by coordinate so
    the reader can say which cell to delete.
    """
    values: dict[tuple[int, int], object] = {}
    stray: list[str] = []
    for cell in existing_cells(ws):
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
