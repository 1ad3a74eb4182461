"""A table shared by two documents of a run is rendered once.

The plan (ke-hoach) carries its appendix table, and the appendix (phu-luc) is that table alone:
the same template XML over the same `rows`, and the largest part of both renders. In our own
templates, each table element that holds template tags and stands outside any block is compiled
on its own; what it renders is remembered by the values it reads, so the second document takes
the first one's XML. The document is byte for byte what rendering it whole would give. A table
that eight renders in a row did not find remembered is no longer fingerprinted: only rendered.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import re
from collections import OrderedDict
from typing import Any

_TABLE_TAG = re.compile(r"<(/?)w:tbl>")
_BLOCK = re.compile(r"\{%-?\s*(end)?(for|if)\b")
# A table may not be split off where names are bound outside the context, or other files reached.
_SCOPED = re.compile(r"\{%-?\s*(?:set|macro|call|with|import|from|include|extends|block|filter)\b")

CALL = "shared_table"
_REMEMBERED: OrderedDict[tuple[str, bytes], str | bytes] = OrderedDict()
_REMEMBER_AT_MOST = 8
_MISSED: dict[str, int] = {}
"""Each table's renders in a row that found nothing remembered: past `_GIVE_UP_AFTER`, it is only rendered."""
_GIVE_UP_AFTER = 8


def split_shared_tables(source: str) -> tuple[str, list[tuple[str, str]]]:
    """The source with each table outside any block replaced by a call, and the tables by key."""
    if _SCOPED.search(source):
        return source, []
    pieces, tables, position = [], [], 0
    for start, end in _outer_tables(source):
        table = source[start:end]
        if "{" not in table or _depth(source[:start]) != 0 or not _balanced(table):
            continue
        key = hashlib.sha256(table.encode()).hexdigest()[:16]
        pieces += [source[position:start], "{{ " + f"{CALL}('{key}')" + " }}"]
        tables.append((key, table))
        position = end
    return "".join(pieces) + source[position:], tables


def _outer_tables(source: str) -> list[tuple[int, int]]:
    found, depth, start = [], 0, 0
    for m in _TABLE_TAG.finditer(source):
        if not m.group(1):
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                found.append((start, m.end()))
    return found


def _depth(source: str) -> int:
    depth = 0
    for m in _BLOCK.finditer(source):
        depth += -1 if m.group(1) else 1
    return depth


def _balanced(source: str) -> bool:
    depth = 0
    for m in _BLOCK.finditer(source):
        depth += -1 if m.group(1) else 1
        if depth < 0:
            return False
    return depth == 0


def compile_split(env, source: str, compile_source) -> tuple[Any, tuple]:
    """The split source's code, and (key, names read, code) of each table split off."""
    split, shared = split_shared_tables(source)
    compiled = tuple((key, free_names(env, table), compile_source(table)) for key, table in shared)
    return compile_source(split), compiled


def free_names(env, table: str) -> tuple[str, ...]:
    """The context names a table reads: its rendering is remembered by their values."""
    from jinja2 import meta

    return tuple(sorted(meta.find_undeclared_variables(env.parse(table))))


def shared_table_function(env, tables: dict[str, tuple[Any, tuple[str, ...]]]):
    """The `shared_table(key)` the split source calls: the table rendered, or remembered."""
    from jinja2 import pass_context

    @pass_context
    def shared_table(context, key: str):
        template, names = tables[key]
        # Fingerprinting a table's values costs about what rendering it does: a table never found
        # remembered (a report's own table, a header with a different number each time, one that
        # reads objects) stops paying for it. Whether remembered or not, it prints the same.
        missed = _MISSED.get(key, 0)
        values = _fingerprint([(name, context.get(name)) for name in names]) if missed < _GIVE_UP_AFTER else None
        remembered = None if values is None else _REMEMBERED.get((key, values))
        _MISSED[key] = 0 if remembered is not None else min(missed + 1, _GIVE_UP_AFTER)
        if remembered is None:
            remembered = template.render(context.get_all())
            if values is not None:
                _REMEMBERED[key, values] = remembered
                while len(_REMEMBERED) > _REMEMBER_AT_MOST:
                    _REMEMBERED.popitem(last=False)
        return RenderedTable(remembered)

    return shared_table


def forget_rendered() -> None:
    """Let go of the tables remembered for a next document (a run made its last one)."""
    _REMEMBERED.clear()


class RenderedTable:
    """A table's XML, handed to the template as markup (`__html__`), not as a string.

    The sandbox bounds each value a template computes (a million characters); this is our own
    template's table, as long as its rows make it (5 000 tasks: 11 million characters), which
    rendering the part whole never counted as one value.
    """

    __slots__ = ("xml",)

    def __init__(self, xml: str | bytes):
        self.xml = xml

    def __html__(self) -> str:
        return self.xml.decode() if isinstance(self.xml, bytes) else self.xml   # bytes: rendered by trusted.py


class _PlainData(pickle.Pickler):
    """Pickles data of Python's own types (strings, numbers, lists, dicts…), refuses any other object."""

    def reducer_override(self, obj):
        raise _NotPlain


class _NotPlain(Exception):
    pass


def _fingerprint(value) -> bytes | None:
    """`value` as bytes that only data of the same types and values gives, or None when it holds objects
    of other types (whose rendering their pickle may not say all of).

    A pickle tells 1, 1.0 and True, a string and a Markup, a list and a tuple apart, like the repr of
    data checked to be plain that it replaces, in a fifth of the time: the check was a walk in Python.
    """
    buffer = io.BytesIO()
    try:
        _PlainData(buffer, protocol=5).dump(value)
    except (_NotPlain, pickle.PicklingError, TypeError, ValueError, RecursionError):
        return None
    return buffer.getvalue()
