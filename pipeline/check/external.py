"""L1: nothing in the document reaches outside its file.

L1  no external relationship (linked picture, UNC or web hyperlink, attachedTemplate), no
    altChunk, no OLE object or ActiveX control, no INCLUDEPICTURE/INCLUDETEXT/LINK/DDE field   error
    a ``javascript:`` hyperlink loads nothing: a dead link to remove                      warning

A document sent to other offices must be whole in itself: a linked picture is a tracking URL or a
file on the sender's machine, a UNC path makes Windows send the reader's credentials, embedded
programs and imported chunks run or load outside Word's control. The same list refuses such a
template for `make-report --templates` (pipeline/safety/reader.py).
"""

from __future__ import annotations

import re

from .document import DocumentParts
from .findings import Finding, error, warning
from .package import WordFile
from .safety import UnsafeContent, outside_content


DEAD_LINK = re.compile(r"(?i)^\s*javascript:")


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    return findings(outside_content(word.path))


def findings(found: list[UnsafeContent]) -> list[Finding]:
    """One finding for each thing that reaches outside the file (`pipeline.check.safety.outside_content`)."""
    return [_dead_link(item) if DEAD_LINK.match(item.target or "") else
            error("L1", f"phần {item.part}", item.what + (f": {item.target}" if item.target else ""),
                  "văn bản không được liên kết hay nhúng nội dung ngoài tệp; xóa liên kết, hình liên kết, "
                  "đối tượng nhúng hoặc trường đó rồi lưu lại")
            for item in found]


def _dead_link(item: UnsafeContent) -> Finding:
    """``javascript:;`` copied from a web page with its text: Word runs no script and loads
    nothing, so the link is dead, not a way out of the file."""
    return warning("L1", f"phần {item.part}", f"liên kết chết «{item.target}» (chép từ trang web)",
                   "xóa liên kết: chuột phải vào chữ có liên kết > Remove Hyperlink")
