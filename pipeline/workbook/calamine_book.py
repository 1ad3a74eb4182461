"""calamine opened on the parts the safety scan has already unpacked, so it parses each sheet once.

python-calamine reads a sheet's merged ranges whenever it reads its values (`get_sheet_by_name`),
and calamine finds them by parsing the whole sheet a second time, up to the `<mergeCells>` Excel
writes after the cells: a third of calamine's time. The reader takes merged ranges from the XML
itself (cells.merged_ranges), so calamine is given each worksheet with an empty `<mergeCells>`
before its `<sheetData>`: calamine's cell reader skips everything before `<sheetData>`, and its
merge reader stops at the first `</mergeCells>`. The values are those of the file as it is.

The parts go into a zip stored, not deflated: they are unpacked already, and deflating them again
would cost more than calamine's unpacking saves.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import TYPE_CHECKING

from ..package import stored, zip_bytes

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

MAX_PACKAGE_BYTES = 16 * 1024 * 1024
"""A package whose parts add up to more is left for calamine to read from the file (bounded memory)."""

_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData[\s>/]")
_NO_MERGES = b"<mergeCells></mergeCells>"  # a start tag, not `<mergeCells/>`: the merge reader waits for one
_STAMP = datetime(1980, 1, 1)


def fits(parts: dict[str, bytes]) -> bool:
    return sum(map(len, parts.values())) <= MAX_PACKAGE_BYTES


def open_parts(parts: dict[str, bytes], worksheet_prefix: str = "xl/worksheets/") -> CalamineWorkbook:
    """calamine on `parts` (every XML part of the package, in its order), each worksheet's merged
    ranges hidden from it."""
    from python_calamine import CalamineWorkbook

    entries = [stored(name, _without_merges(data) if name.startswith(worksheet_prefix) else data)
               for name, data in parts.items()]
    return CalamineWorkbook.from_filelike(io.BytesIO(zip_bytes(entries, _STAMP)))


def _without_merges(xml: bytes) -> bytes:
    sheet_data = _SHEET_DATA.search(xml)
    if sheet_data is None:
        return xml
    at, view = sheet_data.start(), memoryview(xml)
    return b"".join((view[:at], _NO_MERGES, view[at:]))
