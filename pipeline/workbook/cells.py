"""A workbook's cells, read fast: values by calamine (Rust), the rest from the sheet's own XML.

The values are those openpyxl's `load_workbook(data_only=True)` gave, so documents stay
byte-identical: blank cells are None, whole numbers ints, dates datetimes. calamine does not
give what a cell's XML says beside its value, so one regular-expression pass over each sheet,
made while the package's safety scan holds its bytes anyway, picks up:

- numbers in formatted cells (`0%`, `#,##0`, dates), read from their stored text with the
  style's format, which calamine does not expose;
- error values (`#REF!`), which calamine reads as blank;
- hidden rows, and formulas (their cells) that may lack a cached value;
- values beyond any table (past MAX_GRID_ROWS or MAX_GRID_COLUMNS): named for the reader and
  taken out before calamine sees the sheet, because calamine holds a sheet as a dense grid
  (a value at XFD1048576 would be 17 billion cells).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from ..memo import Memo
from .excel_values import GENERAL, BUILTIN_FORMATS, MAC_EPOCH, WINDOWS_EPOCH, numeric_cell_value
from .extent import MAX_GRID_COLUMNS, MAX_GRID_ROWS

MAX_DENSE_CELLS = 2_000_000
"""A sheet whose values span more cells than this is read sparsely (calamine's grid is dense)."""

_P = rb"(?:[\w.-]+:)?"  # an element's namespace prefix, if any
_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_BODY = re.compile(rb"(.*?)</" + _P + rb"c\s*>", re.S)
_VALUE = re.compile(rb"<" + _P + rb"v(?:\s[^>]*)?>([^<]*)</")
_HAS_TEXT = re.compile(rb"<" + _P + rb"(?:v|is)[\s>]")
_FORMULA = re.compile(rb"<" + _P + rb"f\b([^>]*)")
_HIDDEN_ROW = re.compile(rb"<" + _P + rb"""row\s([^>]*?\bhidden\s*=\s*["'](?:1|true)["'][^>]*)>""")
_ERROR_CELL = re.compile(rb"<" + _P + rb"""c\s([^>]*?\bt\s*=\s*["']e["'][^>]*?)(/?)>""")
_ANY_CELL = re.compile(rb"<" + _P + rb"c\s([^>]*?)(/?)>")
_FORMULA_TAG = re.compile(rb"<" + _P + rb"f[\s>/]")
# A reference of two letters or four digits: past Z or row 999, where a grid grows large.
_FAR_CELL = re.compile(rb"<" + _P + rb"""c\s([^>]*?\br\s*=\s*["'](?:[A-Z]{2,}\d+|[A-Z]\d{4,})["'][^>]*?)(/?)>""")
_MERGE = re.compile(rb"<" + _P + rb"mergeCell\s([^>]*)>")
# What each pattern above needs to match anywhere, found in one fast scan that starts at a literal
# letter (the patterns above try every `<c`): when it is absent, so are the cells. The first of
# each pair is looser and faster still (its literal start is rarer, its tail shorter): only when
# it matches is the second, exact, one asked.
_MAYBE_ERROR = re.compile(rb"""t\s*=\s*["']e["']""")
_MAYBE_ERROR_LOOSE = re.compile(rb"""e["']""")
_MAYBE_FAR = re.compile(rb"""r\s*=\s*["'](?:[A-Z]{2,}\d+|[A-Z]\d{4,})["']""")
_MAYBE_FAR_LOOSE = re.compile(rb"""r\s*=\s*["'][A-Z](?:[A-Z]|\d{4})""")
_PLAIN_FORMULA_TAG = re.compile(rb"<f[\s>/]")
_MAYBE_PREFIXED_FORMULA_TAG = re.compile(rb":f[\s>/]")
_HIDDEN = re.compile(rb"hidden")
_REFERENCE = re.compile(r"^([A-Z]+)(\d+)$")


class UnreadableCells(Exception):
    """The package holds something calamine or this reader cannot read; the caller names the file."""


def attributes(tag: bytes) -> dict[str, str]:
    """An element's attributes by local name (`r:id` -> `id`), entities resolved."""
    found = {}
    for m in _ATTRIBUTE.finditer(tag):
        name = m.group(1).decode("ascii", "replace").rsplit(":", 1)[-1]
        raw = m.group(2) if m.group(2) is not None else m.group(3)
        found[name] = html.unescape(raw.decode("utf-8", "replace"))
    return found


def split_reference(reference: str) -> tuple[int, int]:
    """`F7` -> (7, 6): row and column, both from 1."""
    m = _REFERENCE.match(reference)
    if m is None:
        raise UnreadableCells(f"ô có địa chỉ không hợp lệ ({reference[:20]})")
    column = 0
    for letter in m.group(1):
        column = column * 26 + ord(letter) - 64
    return int(m.group(2)), column


# --------------------------------------------------------------------------------------------
# The workbook's own parts: which sheets, where, with which number formats


@dataclass(frozen=True)
class Worksheet:
    """A worksheet as the workbook lists it (chart sheets are not worksheets)."""

    title: str
    sheet_state: str
    """`visible`, `hidden` or `veryHidden`, as openpyxl names them."""
    part: str


@dataclass(frozen=True)
class Styles:
    """Each cell style's number format (its index is a cell's `s`), and the workbook's date system."""

    formats: list[str] = field(default_factory=list)
    epoch: datetime = WINDOWS_EPOCH

    def formatted(self) -> list[int]:
        """The styles whose numbers are shown other than as General."""
        return [i for i, f in enumerate(self.formats) if f != GENERAL]

    def number_format(self, style: int) -> str:
        return self.formats[style] if 0 <= style < len(self.formats) else GENERAL


WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
STYLES = "xl/styles.xml"


_KEPT_MAX_BYTES = 256 * 1024
_KEPT = Memo(lambda key: key[0](*key[1:]), limit=32)


def _made_once(make: Callable, *parts: bytes):
    """`make(*parts)`, kept by the parts' bytes: the workbooks of a batch come from one template and
    share their workbook.xml, its relationships and styles.xml, so each is read once per process.
    Small parts only, a few sets of them."""
    if sum(map(len, parts)) > _KEPT_MAX_BYTES:
        return make(*parts)
    key = (make, *parts)
    return _KEPT[key]


def worksheets(read: Callable[[str], bytes]) -> list[Worksheet]:
    """The worksheets in workbook order, each with its part's name (`read` gives a part's bytes, b"" if absent)."""
    return list(_made_once(_worksheets, read(WORKBOOK_RELS), read(WORKBOOK)))


def _worksheets(relationships: bytes, workbook: bytes) -> tuple[Worksheet, ...]:
    targets = {}
    for m in re.finditer(rb"<" + _P + rb"Relationship\s([^>]*)>", relationships):
        rel = attributes(m.group(1))
        if rel.get("Type", "").endswith("/worksheet"):
            target = rel.get("Target", "")
            targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    sheets = []
    for m in re.finditer(rb"<" + _P + rb"sheet\s([^>]*)>", workbook):
        sheet = attributes(m.group(1))
        if sheet.get("id") in targets:
            sheets.append(Worksheet(sheet.get("name", ""), sheet.get("state", "visible"), targets[sheet["id"]]))
    return tuple(sheets)


def styles(read: Callable[[str], bytes]) -> Styles:
    """Number formats by style, resolved as openpyxl resolves them (built-in ids, then custom)."""
    return _made_once(_styles, read(WORKBOOK), read(STYLES))


def _styles(workbook: bytes, xml: bytes) -> Styles:
    pr = re.search(rb"<" + _P + rb"workbookPr\s([^>]*)>", workbook)
    date1904 = pr is not None and attributes(pr.group(1)).get("date1904", "").lower() in ("1", "true")
    custom = {}
    for m in re.finditer(rb"<" + _P + rb"numFmt\s([^>]*)>", xml):
        fmt = attributes(m.group(1))
        if fmt.get("numFmtId", "").isdigit():
            custom[int(fmt["numFmtId"])] = fmt.get("formatCode", GENERAL)
    formats = []
    block = re.search(rb"<" + _P + rb"cellXfs\b[^>]*>(.*?)</" + _P + rb"cellXfs>", xml, re.S)
    for m in re.finditer(rb"<" + _P + rb"xf\b([^>]*)>", block.group(1) if block else b""):
        number_format_id = attributes(m.group(1)).get("numFmtId", "0")
        key = int(number_format_id) if number_format_id.isdigit() else 0
        formats.append(custom[key] if key in custom else BUILTIN_FORMATS.get(key, GENERAL))
    return Styles(formats or [GENERAL], MAC_EPOCH if date1904 else WINDOWS_EPOCH)


# --------------------------------------------------------------------------------------------
# What a sheet's XML says beside its values


@dataclass
class SheetNotes:
    """A sheet's cells and rows that calamine's values do not describe, by (row, column) from 1."""

    typed: dict[tuple[int, int], object] = field(default_factory=dict)
    """Numbers in formatted cells and error values: the value openpyxl gave."""
    number_formats: dict[tuple[int, int], str] = field(default_factory=dict)
    """The display format of each formatted number (dates excluded)."""
    hidden_rows: list[int] = field(default_factory=list)
    formulas: list[tuple[int, int, str]] = field(default_factory=list)
    """Cells holding a formula whose value Excel must have cached: (row, column, `F7`)."""
    stray: list[str] = field(default_factory=list)
    stray_spans: list[tuple[int, int]] = field(default_factory=list)
    """Where each stray value's cell element lies in the XML, to take it out before calamine reads."""
    far_extent: tuple[int, int] = (0, 0)


def sheet_notes(xml: bytes, styles: Styles) -> SheetNotes:
    notes = SheetNotes()
    formatted = styles.formatted()
    if formatted:
        ids = b"|".join(str(i).encode() for i in formatted)
        pattern = re.compile(rb"<" + _P + rb"c\s([^>]*?\bs\s*=\s*[\"'](?:" + ids + rb")[\"'][^>]*?)(/?)>")
        maybe = re.compile(rb"s\s*=\s*[\"'](?:" + ids + rb")[\"']")
        for _, cell, body in _cells(pattern, xml) if maybe.search(xml) else ():
            t = cell.get("t", "n")
            value = _VALUE.search(body)
            if t == "n" and value is not None and value.group(1).strip():
                number_format = styles.number_format(int(cell["s"]))
                where = split_reference(cell["r"])
                typed = numeric_cell_value(value.group(1).decode("ascii").strip(), number_format, styles.epoch)
                notes.typed[where] = typed
                if isinstance(typed, (int, float)):
                    notes.number_formats[where] = number_format
    for _, cell, body in _cells(_ERROR_CELL, xml) if _found(_MAYBE_ERROR_LOOSE, _MAYBE_ERROR, xml) else ():
        value = _VALUE.search(body)
        if value is not None:
            notes.typed[split_reference(cell["r"])] = html.unescape(value.group(1).decode("utf-8", "replace"))
    for m in _HIDDEN_ROW.finditer(xml) if _HIDDEN.search(xml) else ():
        row = attributes(m.group(1)).get("r", "")
        if row.isdigit():
            notes.hidden_rows.append(int(row))
    if _PLAIN_FORMULA_TAG.search(xml) or _found(_MAYBE_PREFIXED_FORMULA_TAG, _FORMULA_TAG, xml):
        notes.formulas = _formula_cells(xml)
    if _found(_MAYBE_FAR_LOOSE, _MAYBE_FAR, xml):
        _far_cells(xml, notes)
    return notes


def _found(loose: re.Pattern, exact: re.Pattern, xml: bytes) -> bool:
    return loose.search(xml) is not None and exact.search(xml) is not None


def _cells(pattern: re.Pattern, xml: bytes):
    """(match, attributes, body) of each cell the pattern finds; a cell without `r` is skipped."""
    for m in pattern.finditer(xml):
        cell = attributes(m.group(1))
        if "r" not in cell:
            continue
        body = b""
        if not m.group(2):
            closing = _CELL_BODY.match(xml, m.end())
            body = closing.group(1) if closing else b""
        yield m, cell, body


def _formula_cells(xml: bytes) -> list[tuple[int, int, str]]:
    """Cells with a formula openpyxl reads as text (`=…`): array and data-table formulas it does not."""
    found = []
    for _, cell, body in _cells(_ANY_CELL, xml):
        formula = _FORMULA.search(body)
        if formula is None:
            continue
        if attributes(formula.group(1)).get("t") in ("array", "dataTable"):
            continue
        row, column = split_reference(cell["r"])
        found.append((row, column, cell["r"]))
    return found


def _far_cells(xml: bytes, notes: SheetNotes) -> None:
    """Values past the grid's limits become stray; the others far out set how wide and long it is."""
    rows = columns = 0
    for m, cell, body in _cells(_FAR_CELL, xml):
        if not _HAS_TEXT.search(body):
            continue
        row, column = split_reference(cell["r"])
        if row > MAX_GRID_ROWS or column > MAX_GRID_COLUMNS:
            notes.stray.append(cell["r"])
            closing = None if m.group(2) else _CELL_BODY.match(xml, m.end())
            notes.stray_spans.append((m.start(), closing.end() if closing else m.end()))
        else:
            rows, columns = max(rows, row), max(columns, column)
    notes.stray.sort()
    notes.far_extent = (rows, columns)


def without_stray_cells(xml: bytes, notes: SheetNotes) -> bytes:
    kept, start = [], 0
    for begin, end in sorted(notes.stray_spans):
        kept.append(xml[start:begin])
        start = end
    kept.append(xml[start:])
    return b"".join(kept)


def is_dense_enough(notes: SheetNotes) -> bool:
    """Whether calamine's dense grid of this sheet stays small (cells before Z1000 are not far)."""
    rows, columns = notes.far_extent
    return max(rows, 999) * max(columns, 26) <= MAX_DENSE_CELLS


def merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """Each merged range as (first row, first column, last row, last column)."""
    ranges: list[tuple[int, int, int, int]] = []
    if b"mergeCell" not in xml:
        return ranges
    for m in _MERGE.finditer(xml):
        ref = attributes(m.group(1)).get("ref", "")
        first, _, last = ref.partition(":")
        if not first:
            continue
        (r1, c1), (r2, c2) = split_reference(first), split_reference(last or first)
        ranges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return ranges


def with_parts_replaced(zf: zipfile.ZipFile, parts: dict[str, bytes]) -> io.BytesIO:
    """The package again, in memory, with some parts' bytes replaced."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in zf.infolist():
            out.writestr(info.filename, parts.get(info.filename) or zf.read(info))
    buffer.seek(0)
    return buffer


# --------------------------------------------------------------------------------------------
# A sheet too sparse for a dense grid, read cell by cell


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Excel's `_x000D_` for characters XML cannot hold, read back as calamine reads them."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


_ESCAPED_SURROGATE = re.compile(r"_x(D[89A-Fa-f][0-9A-Fa-f]{2})_")


def unescape_surrogates(text: str) -> str:
    """What calamine leaves escaped: `_xD800_`, a lone surrogate (the text's cleaning drops it)."""
    return _ESCAPED_SURROGATE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text_of(element) -> str:
    """A string item's text: its own `t` and its runs' `t`, never the phonetic guide (`rPh`)."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts += [t.text or "" for t in child if _local(t.tag) == "t"]
    return unescape("".join(parts))


def shared_strings(xml: bytes) -> list[str]:
    import xml.etree.ElementTree as ET

    if not xml:
        return []
    return [_text_of(si) for si in ET.fromstring(xml) if _local(si.tag) == "si"]


def sparse_values(xml: bytes, strings: list[str]) -> dict[tuple[int, int], object]:
    """Every cell's value by (row, column), without building the sheet's whole grid."""
    import xml.etree.ElementTree as ET

    values: dict[tuple[int, int], object] = {}
    for _, element in ET.iterparse(io.BytesIO(xml)):
        if _local(element.tag) != "c":
            continue
        kind, reference = element.get("t", "n"), element.get("r")
        children = {_local(child.tag): child for child in element}
        text = children["v"].text if "v" in children else None
        value: object = None
        if kind == "inlineStr":
            value = _text_of(children["is"]) if "is" in children else None
        elif text is None:
            pass
        elif kind == "s":
            value = strings[int(text)]
        elif kind == "b":
            value = bool(int(text))
        elif kind in ("str", "e", "d"):
            value = unescape(text)
        else:
            value = float(text)
        if reference is not None and value is not None and value != "":
            values[split_reference(reference)] = value
        element.clear()
    return values
