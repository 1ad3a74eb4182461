"""Sequences of a document's rows and paragraphs, each made when the template reaches it.

A roll-up's tables and lists grow with its units (thousands): made as lists they would be held
whole, beside each other, while the document renders.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any


class RowsAsWritten(Sequence):
    """A table's rows, each made when the template reaches it and let go once written: a roll-up's
    thousands of units (and their overdue tasks) never have their rows' texts all held at once.

    A sequence like a list of the rows, for a user's template that counts them or walks them twice.
    """

    def __init__(self, items: Sequence, row: Callable[[int, Any], dict]):
        self._items, self._row = items, row
        """`row(number, item)`: the row of the `number`th item, counted from 1."""

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(i + 1, self._items[i]) for i in range(len(self._items))[index]]
        number = range(1, len(self._items) + 1)[index]   # IndexError as a list gives it
        return self._row(number, self._items[number - 1])

    def __iter__(self) -> Iterator[dict]:
        return (self._row(number, item) for number, item in enumerate(self._items, 1))


class Chained(Sequence):
    """Sequences one after the other as one (a list of a document's paragraphs, some of them
    `RowsAsWritten`): each item made when reached, as its own sequence makes it."""

    def __init__(self, *parts: Sequence):
        self._parts = parts

    def __len__(self) -> int:
        return sum(len(part) for part in self._parts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        index = range(len(self))[index]  # IndexError as a list gives it
        for part in self._parts:
            if index < len(part):
                return part[index]
            index -= len(part)

    def __iter__(self) -> Iterator:
        return itertools.chain.from_iterable(self._parts)
