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

from jinja2.utils import Namespace

MATERIALISED = frozenset({"join", "sum"})
"""Filters whose input may be a generator: made a list first so that it can be measured."""


TEXT_LIMIT = 1_000_000
"""How far `text_size` counts: the sandbox's MAX_VALUE_CHARS."""


def text_size(value: Any, limit: int = TEXT_LIMIT) -> int:
    """About how long `str(value)` is, without making it; counts no further than just past `limit`.

    `str([s] * 999)` writes every item out: a list of 999 references to one string of 900,000
    characters is small in memory and 900 MB as text. Objects other than strings, numbers and
    containers count as short (their text is their class's, not the template's).
    """
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (bytes, bytearray)):
        return 4 * len(value)
    if isinstance(value, int):
        return value.bit_length() * 30103 // 100000 + 2   # decimal digits
    if isinstance(value, dict):
        items: Any = (*value.keys(), *value.values()) if len(value) <= limit else value.keys()
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    elif isinstance(value, Namespace):
        items = object.__getattribute__(value, "_Namespace__attrs").values()
    else:
        return 24
    total = 2
    for item in items:
        total += text_size(item, limit - total) + 2
        if total > limit:
            break
    return total


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (list, tuple)) else text_size(value)


def _text(value: Any) -> str:
    """`str(value)`, refused (as too long to estimate from) when that text would be too long."""
    size = text_size(value)
    if size > TEXT_LIMIT:
        raise _TooLong(size)
    return str(value)


class _TooLong(Exception):
    def __init__(self, size: int):
        self.size = size


def _largest(values) -> int:
    return max((text_size(v) for v in values), default=0)


def _formatted(fields: int, template: str, args: tuple, kwargs: dict) -> int:
    """A format string's result: its text plus each field filled with the longest argument."""
    values = [*args, *kwargs.values()]
    for value in list(values):
        if isinstance(value, dict):
            values += value.values()
    return len(template) + fields * _largest(values)


def _brace_formatted(s, *args, **kwargs):
    return _formatted(str(s).count("{"), str(s), args, kwargs)


def percent_formatted(template: str, values: Any) -> int:
    """`template % values`: a dict's or a tuple's values fill the `%` fields."""
    items = values if isinstance(values, tuple) else (values,)
    return _formatted(template.count("%"), template, items, {})


def _format_filter(value, *args, **kwargs):
    return percent_formatted(_text(value), args if not kwargs else (kwargs,))


def _translated(s, table=None, *_):
    longest = _largest(table.values()) if isinstance(table, dict) else 1
    return len(s) * max(longest, 1)


def _replaced(s, old="", new="", count=None, *_):
    s, old, new = _text(s), _text(old), _text(new)
    times = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and 0 <= count < times:
        times = count
    return len(s) + times * max(len(new) - len(old), 0)


def _widened(s, width=80, *_, **__):
    return max(text_size(s), width if isinstance(width, int) else 0)


def _indented(s, width=4, *_, **__):
    text = _text(s)
    per_line = width if isinstance(width, int) else text_size(width)
    return len(text) + (text.count("\n") + 1) * per_line


def _wrapped(s, width=79, break_long_words=True, wrapstring=None, *_, **__):
    text = _text(s)
    lines = len(text) // max(width if isinstance(width, int) else 1, 1) + text.count("\n") + 1
    return len(text) + lines * text_size(wrapstring if wrapstring is not None else "\n")


def _joined(value, d="", *_, **__):
    items = list(value) if isinstance(value, (list, tuple)) else []
    return sum(text_size(item) for item in items) + text_size(d) * max(len(items) - 1, 0)


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
    "format": _format_filter,
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
    "format": _brace_formatted,
    "format_map": _brace_formatted,
    "translate": _translated,
}
"""`str` method name → its result's length from the string and the arguments."""


STRINGIFYING = frozenset({"string", "e", "escape", "forceescape", "safe", "tojson", "pprint", "upper", "lower",
                          "title", "capitalize", "trim", "striptags", "truncate", "wordcount", "urlencode",
                          "xmlattr", "reverse", "list"})
"""Filters that write their input out as text (`[s] * 999|string`): measured by `text_size` first."""


def filter_bound(name: str, args: tuple, kwargs: dict) -> int:
    if not args:
        return 0
    if name in STRINGIFYING:
        return text_size(args[0])
    estimate = FILTERS.get(name)
    return 0 if estimate is None else _estimated(estimate, args, kwargs)


def method_bound(method, args: tuple, kwargs: dict) -> int:
    # Jinja hands `str.format` over wrapped in its own formatter; the string is the wrapped method's.
    owner = getattr(getattr(method, "__wrapped__", method), "__self__", None)
    estimate = STR_METHODS.get(getattr(method, "__name__", ""))
    if not isinstance(owner, str) or estimate is None:
        return 0
    return _estimated(estimate, (owner, *args), kwargs)


def _estimated(estimate, args: tuple, kwargs: dict) -> int:
    try:
        return estimate(*args, **kwargs)
    except _TooLong as exc:
        return exc.size
    except (TypeError, ValueError, AttributeError):
        return 0   # the filter or method itself will refuse these arguments
