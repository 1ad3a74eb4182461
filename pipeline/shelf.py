"""What a roll-up holds per unit, kept in a temporary file instead of memory.

A province rolls up to 3,300 units. Held in memory, each unit's summary cost the roll-up's process
3 KB, and its memory grew with the country (45 MB at 200 units, 59 MB at 3,300). On a shelf a unit
costs the 8 bytes of its place in the file; what is read back is let go once used.

- `Shelf`: a sequence of objects, one pickle each, read back one at a time.
- `NumberColumns`: a table of numbers (a row per statistics indicator, a column per unit) filled a
  column at a time and read back a row at a time, as the roll-up workbook's form sheets write them.
- `Reordered`, `ranks`: a shelf's items in the roll-up's order, and where each one went.

The file is an anonymous temporary file: it goes when the shelf is let go or the process ends.
"""

from __future__ import annotations

import math
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class Shelf(Sequence[T], Generic[T]):
    """Objects appended one at a time, each pickled to a temporary file; indexing unpickles one."""

    def __init__(self, items: Iterable[T] = ()):
        self._file = tempfile.TemporaryFile(prefix="make-report-")
        self._ends = array("q", [0])
        for item in items:
            self.append(item)

    def append(self, item: T) -> None:
        self.append_pickled(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))

    def append_pickled(self, data: bytes) -> None:
        """An object already pickled (by the worker that made it: the parent never unpickles it to keep it)."""
        self._file.seek(self._ends[-1])
        self._file.write(data)
        self._ends.append(self._ends[-1] + len(data))

    def __len__(self) -> int:
        return len(self._ends) - 1

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("shelf index out of range")
        start = self._ends[index]
        self._file.seek(start)
        return pickle.loads(self._file.read(self._ends[index + 1] - start))

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self)))


Number = int | float | None


class NumberColumns:
    """A table of numbers on disk: `add_column` a column at a time, `row` reads one row across them all.

    Columns are held in memory a block at a time and written row by row, so a row is a few reads of a
    block's stretch each. A number is a double (NaN for none); an int a double cannot hold exactly
    (beyond 2**53) is kept aside in memory, as are its (rare) like.
    """

    BLOCK = 256
    """Columns held before they are written: 123 rows of 256 doubles, 250 KB."""

    def __init__(self, rows: Sequence[str]):
        self._row_of = {name: index for index, name in enumerate(rows)}
        self._rows = len(rows)
        self._file = tempfile.TemporaryFile(prefix="make-report-")
        self._columns = 0
        self._block = self._empty_block()
        self._aside: dict[tuple[int, int], int] = {}

    def _empty_block(self) -> array:
        return array("d", [math.nan]) * (self._rows * self.BLOCK)

    def add_column(self, numbers: Mapping[str, Number]) -> None:
        """One column's numbers by row name; rows not named stay empty."""
        slot = self._columns % self.BLOCK
        for name, number in numbers.items():
            if number is None:
                continue
            row = self._row_of[name]
            if isinstance(number, int) and not -2**53 <= number <= 2**53:
                self._aside[row, self._columns] = number
                continue
            self._block[row * self.BLOCK + slot] = number
        self._columns += 1
        if slot == self.BLOCK - 1:
            self._write_block()

    def _write_block(self) -> None:
        self._file.seek(0, 2)
        self._block.tofile(self._file)
        self._block = self._empty_block()

    def __len__(self) -> int:
        """Columns added."""
        return self._columns

    def row(self, name: str) -> list[Number]:
        """Every column's number in the named row, in the order the columns were added."""
        row = self._row_of[name]
        numbers: list[Number] = []
        full_blocks = self._columns // self.BLOCK
        for block in range(full_blocks):
            self._file.seek((block * self._rows + row) * self.BLOCK * 8)
            stretch = array("d")
            stretch.frombytes(self._file.read(self.BLOCK * 8))
            numbers += map(_as_number, stretch)
        tail = self._columns - full_blocks * self.BLOCK
        numbers += map(_as_number, self._block[row * self.BLOCK: row * self.BLOCK + tail])
        for (aside_row, column), number in self._aside.items():
            if aside_row == row:
                numbers[column] = number
        return numbers


def _as_number(value: float) -> Number:
    """A stored double as it was added: NaN none, a whole number an int (a float added is never whole:
    the roll-up adds whole figures as ints)."""
    if math.isnan(value):
        return None
    return int(value) if value.is_integer() else value


class Reordered(Sequence[T], Generic[T]):
    """A sequence's items in another order: item i is `items[order[i]]` (read when asked)."""

    def __init__(self, items: Sequence[T], order: Sequence[int]):
        self.items, self.order = items, order

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.items[i] for i in self.order[index]]
        return self.items[self.order[index]]

    def __iter__(self) -> Iterator[T]:
        return (self.items[i] for i in self.order)


def ranks(order: Sequence[int]) -> array:
    """The inverse of an order: `ranks(order)[order[i]] == i` (where each item went)."""
    rank = array("q", bytes(8 * len(order)))
    for index, place in enumerate(order):
        rank[place] = index
    return rank
