"""Output that survives any console encoding.

On Windows, output redirected to a file (`make-report > nhat-ky.txt`) or read by a `.bat` is encoded
in the ANSI code page: cp1258 on a Vietnamese system, cp1252 on many others. Neither holds every
precomposed Vietnamese letter, and Python's default is to raise UnicodeEncodeError mid-run.

Each letter the encoding lacks is written as close as the encoding allows: cp1258 is built for
Vietnamese with combining tone marks (`ệ` = `ê` + dot below), so the text stays whole; in cp1252 a
letter loses only the marks it cannot hold (`ệ` -> `ê`, `ạ` -> `a`); anything else becomes `?`.
"""

from __future__ import annotations

import codecs
import itertools
import sys
import unicodedata

_WITHOUT_STROKE = {"Đ": "D", "đ": "d"}
"""Đ has no decomposition: where it cannot be written, D is what a reader expects."""


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def nearest_text(char: str, encoding: str) -> str:
    """`char` in `encoding`: composed as far as it goes, its other marks combining, or dropped."""
    base, *marks = list(unicodedata.normalize("NFD", char))
    for size in range(len(marks), -1, -1):
        for composed in itertools.combinations(marks, size):
            head = unicodedata.normalize("NFC", base + "".join(composed))
            rest = "".join(m for m in marks if m not in composed)
            if _encodable(head + rest, encoding):
                return head + rest
    for size in range(len(marks), -1, -1):
        for composed in itertools.combinations(marks, size):
            head = unicodedata.normalize("NFC", base + "".join(composed))
            if _encodable(head, encoding):
                return head
    plain = _WITHOUT_STROKE.get(base, "?")
    return plain if _encodable(plain, encoding) else "?"


def _handler_for(encoding: str) -> str:
    """The name of an error handler for `encoding` (charmap codecs report their encoding as "charmap")."""
    name = f"make-report-nearest-{encoding}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        def nearest(error: UnicodeError) -> tuple[str, int]:
            assert isinstance(error, UnicodeEncodeError)  # registered for encoding only
            text = "".join(nearest_text(c, encoding) for c in error.object[error.start:error.end])
            return text, error.end

        codecs.register_error(name, nearest)
    return name


def holds_unicode(stream) -> bool:
    """Whether `stream` writes every character as it is (UTF-8 and friends)."""
    encoding = getattr(stream, "encoding", None)
    return not encoding or codecs.lookup(encoding).name.startswith("utf")


def make_streams_safe() -> None:
    """Write stdout and stderr in their encoding, replacing what it cannot hold instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        if holds_unicode(stream) or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.reconfigure(errors=_handler_for(stream.encoding))
        except (ValueError, OSError, LookupError):  # a stream that cannot change any more keeps its own
            pass
