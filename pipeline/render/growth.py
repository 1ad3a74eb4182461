"""How long a string operation's result will be, known before it runs.

`'ab'|replace('', b)` with a 30,000-character `b` asks Python for 1,2 GB in one call; checking the
result afterwards is too late. For the filters and `str` methods whose result can be many times
their input, these functions give the result's length from the arguments alone (an upper bound,
in characters or items); the sandbox refuses the call when it passes the limit. Every other
filter grows its input by a small factor at most and is checked on its result.
"""

from __future__ import annotations

from collections.abc import Sized
from typing import Any

MATERIALISED = frozenset({"join", "sum"})
"""Filters whose input may be a generator: made a list first so that it can be measured."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else len(str(value))


def _replaced(s, old="", new="", count=None, *_):
    s, old, new = str(s), str(old), str(new)
    times = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and 0 <= count < times:
        times = count
    return len(s) + times * max(len(new) - len(old), 0)


def _widened(s, width=80, *_, **__):
    return max(len(str(s)), width if isinstance(width, int) else 0)


def _indented(s, width=4, *_, **__):
    text = str(s)
    per_line = width if isinstance(width, int) else len(str(width))
    return len(text) + (text.count("\n") + 1) * per_line


def _wrapped(s, width=79, break_long_words=True, wrapstring=None, *_, **__):
    text = str(s)
    lines = len(text) // max(width if isinstance(width, int) else 1, 1) + text.count("\n") + 1
    return len(text) + lines * len(str(wrapstring if wrapstring is not None else "\n"))


def _joined(value, d="", *_, **__):
    items = list(value) if isinstance(value, (list, tuple)) else []
    return sum(_size(item) for item in items) + len(str(d)) * max(len(items) - 1, 0)


def _summed(value, attribute=None, start=0):
    items = list(value) if isinstance(value, (list, tuple)) else []
    return sum(len(item) for item in items if isinstance(item, Sized)) + (len(start) if isinstance(start, Sized) else 0)


def _counted(value, count=1, *_, **__):
    return count if isinstance(count, int) else 0


def _expanded(s, tabsize=8, *_):
    return len(s) * max(tabsize if isinstance(tabsize, int) else 8, 1)


FILTERS = {
    "replace": _replaced,
    "center": _widened,
    "indent": _indented,
    "wordwrap": _wrapped,
    "join": _joined,
    "sum": _summed,
    "batch": _counted,
    "slice": _counted,
}
"""Filter name → its result's length from its arguments (after Jinja's context argument)."""

STR_METHODS = {
    "replace": _replaced,
    "center": _widened,
    "ljust": _widened,
    "rjust": _widened,
    "zfill": _widened,
    "expandtabs": _expanded,
    "join": lambda sep, items=(), *_: _joined(items, sep),
}
"""`str` method name → its result's length from the string and the arguments."""


def filter_bound(name: str, args: tuple, kwargs: dict) -> int:
    estimate = FILTERS.get(name)
    if estimate is None or not args:
        return 0
    try:
        return estimate(*args, **kwargs)
    except (TypeError, ValueError):
        return 0   # the filter itself will refuse these arguments


def method_bound(method, args: tuple, kwargs: dict) -> int:
    owner = getattr(method, "__self__", None)
    estimate = STR_METHODS.get(getattr(method, "__name__", ""))
    if not isinstance(owner, str) or estimate is None:
        return 0
    try:
        return estimate(owner, *args, **kwargs)
    except (TypeError, ValueError):
        return 0
