"""The DOCX container: a zip of package parts, written deterministically from deflated entries.

Most parts of a document (styles, theme, numbering, settings, fonts) are the template's own and
never change; they are deflated once when the template is loaded and copied into every
document. Only the rendered parts are deflated per document. Python's zipfile has no way to add
an already-deflated member, hence this small writer (PKWARE APPNOTE 4.3: local headers, central
directory, end record; no zip64, as a DOCX is far below 4 GB).
"""

from __future__ import annotations

import struct
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_STORED, _DEFLATED = 0, 8
_VERSION = 20  # 2.0: deflate


@dataclass(frozen=True)
class Entry:
    """One part, deflated (or stored): what goes into the zip as is."""

    name: str
    crc: int
    size: int
    deflated: bytes | Spilled
    method: int = _DEFLATED

    def data(self) -> bytes:
        """The part itself, inflated."""
        deflated = b"".join(self.deflated.chunks()) if isinstance(self.deflated, Spilled) else self.deflated
        return zlib.decompress(deflated, -15) if self.method == _DEFLATED else deflated


SPILL_AFTER = 1 << 16
"""Deflated bytes of a part as large as what it gathers (a roll-up's sheet or body) held before the rest
waits in a temporary file (`Deflater(spill_after=…)`)."""


class Spilled:
    """Deflated bytes kept in a temporary file (a roll-up's sheet, as large as its units)."""

    CHUNK = 1 << 16

    def __init__(self, file: BinaryIO, length: int):
        self.file, self.length = file, length

    def __len__(self) -> int:
        return self.length

    def chunks(self) -> Iterator[bytes]:
        self.file.seek(0)
        while chunk := self.file.read(self.CHUNK):
            yield chunk


def deflate(name: str, data: bytes, level: int = 6) -> Entry:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Entry(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


class Deflater:
    """A part deflated as it is made, piece by piece: the entry `deflate` gives for the pieces joined.

    zlib's output does not depend on how its input is cut when nothing is flushed in between, so
    the bytes are the same; only the whole part is never held.
    """

    def __init__(self, name: str, level: int = 6, spill_after: int | None = None):
        """`spill_after`: bytes of deflated output held before the rest goes to a temporary file
        (`Spilled`); None, all held."""
        self.name = name
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._crc, self._size, self._deflated = 0, 0, bytearray()
        self._spill_after, self._length = spill_after, 0
        self._spilled: BinaryIO | None = None

    def write(self, data: bytes) -> None:
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)
        self._keep(self._compressor.compress(data))

    def _keep(self, deflated: bytes) -> None:
        self._length += len(deflated)
        self._deflated += deflated
        if self._spill_after is not None and len(self._deflated) > self._spill_after:
            if self._spilled is None:
                self._spilled = tempfile.TemporaryFile(prefix="make-report-")
            self._spilled.write(self._deflated)
            self._deflated.clear()

    def entry(self) -> Entry:
        self._keep(self._compressor.flush())
        if self._spilled is None:
            return Entry(self.name, self._crc, self._size, bytes(self._deflated))
        self._spilled.write(self._deflated)
        return Entry(self.name, self._crc, self._size, Spilled(self._spilled, self._length))


def whole_runs(pieces: Iterable[bytes], end: bytes, at_least: int = 0) -> Iterator[bytes]:
    """`pieces` joined and cut again just after an `end` (`</row>`, `</w:p>`): each run holds whole
    elements, at least `at_least` bytes where it can; the last run is whatever is left."""
    pending = bytearray()
    for piece in pieces:
        pending += piece
        if len(pending) >= at_least and (cut := pending.rfind(end)) >= 0:
            cut += len(end)
            yield bytes(pending[:cut])
            del pending[:cut]
    yield bytes(pending)


def stored(name: str, data: bytes) -> Entry:
    """A part kept as it is, for a zip that is read at once and never kept (no time spent deflating)."""
    return Entry(name, zlib.crc32(data), len(data), data, _STORED)


def _dos_time(stamp: datetime) -> tuple[int, int]:
    year = min(max(stamp.year, 1980), 2107)
    return (stamp.hour << 11) | (stamp.minute << 5) | (stamp.second // 2), ((year - 1980) << 9) | (stamp.month << 5) | stamp.day


def zip_bytes(entries: list[Entry], stamp: datetime) -> bytes:
    """The zip of `entries` in their order, every member dated `stamp`: same input, same bytes."""
    return b"".join(zip_pieces(entries, stamp))  # joined once at the end: each member's bytes are copied once


def write_zip(entries: list[Entry], stamp: datetime, out: BinaryIO) -> None:
    """`zip_bytes`, written to `out` as made: a spilled member is copied a chunk at a time."""
    for piece in zip_pieces(entries, stamp):
        out.write(piece)


def zip_pieces(entries: list[Entry], stamp: datetime) -> Iterator[bytes]:
    """The zip's bytes in order, as pieces."""
    time, date = _dos_time(stamp)
    directory: list[bytes] = []
    offset = 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = 0x800 if not name.isascii() else 0  # UTF-8 names
        yield _LOCAL.pack(0x04034B50, _VERSION, flags, entry.method, time, date, entry.crc,
                          len(entry.deflated), entry.size, len(name), 0)
        yield name
        if isinstance(entry.deflated, Spilled):
            yield from entry.deflated.chunks()
        else:
            yield entry.deflated
        directory += (_CENTRAL.pack(0x02014B50, _VERSION, _VERSION, flags, entry.method, time, date, entry.crc,
                                    len(entry.deflated), entry.size, len(name), 0, 0, 0, 0, 0o644 << 16, offset),
                      name)
        offset += _LOCAL.size + len(name) + len(entry.deflated)
    directory_size = sum(map(len, directory))
    yield from directory
    yield _END.pack(0x06054B50, 0, 0, len(entries), len(entries), directory_size, offset, 0)
