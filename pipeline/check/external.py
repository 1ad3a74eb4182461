"""L1: nothing in the document reaches outside its file.

L1  no external relationship (linked picture, UNC or web hyperlink, attachedTemplate), no
    altChunk, no OLE object or ActiveX control, no INCLUDEPICTURE/INCLUDETEXT/LINK/DDE field   error

A document sent to other offices must be whole in itself: a linked picture is a tracking URL or a
file on the sender's machine, a UNC path makes Windows send the reader's credentials, embedded
programs and imported chunks run or load outside Word's control. The same list refuses such a
template for `make-report --templates` (pipeline/safety/reader.py).
"""

from __future__ import annotations

from .safety import outside_content
from .document import DocumentParts
from .findings import Finding, error
from .package import WordFile


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    found = outside_content(word.path)
    return [
        error("L1", f"phần {item.part}", item.what + (f": {item.target}" if item.target else ""),
              "văn bản không được liên kết hay nhúng nội dung ngoài tệp; xóa liên kết, hình liên kết, "
              "đối tượng nhúng hoặc trường đó rồi lưu lại")
        for item in found
    ]
