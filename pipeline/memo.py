"""A memo of values worked out from their keys, bounded: what a batch's processes keep between workbooks.

The communes of a batch repeat their texts, their workbooks' small parts and their tables' cells;
each process keeps what it worked out for the next workbook. Kept without bound, a country's
thousands of communes would grow every worker; so each memo holds at most `limit` values and is
emptied when full, after which its values are simply worked out again.
"""

from __future__ import annotations

from collections.abc import Callable


class Memo(dict):
    """`memo[key]` is `work_out(key)`, worked out when first asked for and kept; emptied when it
    holds `limit` values. A `work_out` that raises keeps nothing."""

    def __init__(self, work_out: Callable, limit: int):
        super().__init__()
        self.work_out, self.limit = work_out, limit

    def __missing__(self, key):
        value = self.work_out(key)
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
