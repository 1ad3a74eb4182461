"""How far a sheet's grid reaches: a value beyond these limits is a stray cell, named, never read.

Excel writes ranges such as a merge `C1:XFD1048576` or a formatted cell at `XFD1048576` after
whole-row or whole-column formatting. A grid is built from the values a sheet holds, up to the
last one, and never from its nominal dimension; a value past these limits is reported by its cell
so the clerk can delete it.
"""

MAX_GRID_ROWS = 50_000
MAX_GRID_COLUMNS = 1_000
"""No table of the format has more than a dozen columns; a value beyond these is a stray cell."""
