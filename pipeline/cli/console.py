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


def make_streams_safe(byte_order_mark: bool = True) -> None:
    """Write stdout and stderr so that every message can be read.

    Redirected to a file (`make-report … > nhat-ky.txt 2>&1`), the output is a log to open in
    Notepad: UTF-8 with a byte-order mark, which Windows editors read as Unicode whatever the code
    page. On a console or a pipe (a `.bat` reading it), the console's encoding, each letter it
    cannot hold written as close as it allows instead of failing. `byte_order_mark=False` for
    output read by programs (`check --json`: JSON has no byte-order mark).
    """
    for stream in (sys.stdout, sys.stderr):
        if holds_unicode(stream) or not hasattr(stream, "reconfigure"):
            continue
        try:
            if _is_regular_file(stream):
                stream.reconfigure(encoding="utf-8")
                if byte_order_mark and _at_start(stream):
                    stream.write("\ufeff")
            else:
                stream.reconfigure(errors=_handler_for(stream.encoding))
        except (ValueError, OSError, LookupError):  # a stream that cannot change any more keeps its own
            pass


def _is_regular_file(stream) -> bool:
    import os
    import stat

    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def _at_start(stream) -> bool:
    """Nothing written to the file yet (stderr after stdout's mark, or `>>`, finds it moved on)."""
    import os

    stream.flush()
    return os.lseek(stream.fileno(), 0, os.SEEK_CUR) == 0
