"""H3, H5 (warnings): a header name or the place/date line that breaks where it should not.

A long name may take several lines (Phụ lục I, 2.b), but only between the body's kind and its
name: ``ỦY BAN NHÂN DÂN`` / ``THÀNH PHỐ HỒ CHÍ MINH``, never ``ỦY BAN NHÂN DÂN THÀNH`` /
``PHỐ HỒ CHÍ MINH``. The place/date line is one line beside the number (Phụ lục I, 4.c): if it
wraps in its cell, the year or the place name lands on a line of its own (issue 18 §2).
"""

from __future__ import annotations

import re

from .document import HeaderBlock
from .findings import Finding, warning
from .package import WordFile
from .paragraphs import Line
from .vntext import nfc
from .wrapping import available_width_pt, printed_lines

BODY_KIND = re.compile(r"(ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN")
PLACE = re.compile(r"(?<!\w)(TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN|ĐẶC\s+KHU)\s+\S")


def check(word: WordFile, header: HeaderBlock) -> list[Finding]:
    findings = []
    for line in header.managing_body + header.issuing_body:
        pieces = _printed(word, line)
        text = nfc(line.text).upper()
        cut = next((offset for offset in _breaks(text, pieces) if _inside_a_name(text, offset)), None)
        if cut is not None:
            shown = " / ".join(f"«{p.text.strip()}»" for p in pieces)
            findings.append(warning("H3", line.location, f"tên cơ quan in ra ngắt giữa tên: {shown}",
                                    "chỉ xuống dòng giữa loại cơ quan và tên (ỦY BAN NHÂN DÂN / "
                                    "THÀNH PHỐ HỒ CHÍ MINH): gõ xuống dòng (Shift+Enter) ở đó "
                                    "hoặc mở rộng cột"))
    for block in (header.managing_body, header.issuing_body):
        findings += _broken_between_lines(block)
    if header.date_line is not None:
        pieces = _printed(word, header.date_line)
        if len(pieces) > 1:
            shown = " / ".join(f"«{p.text.strip()}»" for p in pieces)
            findings.append(warning("H5", header.date_line.location,
                                    f"dòng địa danh, ngày tháng in ra thành {len(pieces)} dòng: {shown}",
                                    "địa danh và ngày tháng trên một dòng: mở rộng cột phải của phần "
                                    "đầu hoặc giảm cỡ chữ (13–14)"))
    return findings


def _broken_between_lines(block: list[Line]) -> list[Finding]:
    """A name typed (or generated) on several lines, the break falling inside the place name:
    ``SỞ NỘI VỤ TỈNH LÂM`` / ``ĐỒNG``."""
    texts = [" ".join(nfc(line.text).upper().split()) for line in block]
    text, starts = "", []
    for piece in texts:
        if text:
            starts.append(len(text) + 1)
        text = f"{text} {piece}" if text else piece
    # A line that starts a place of its own (`XÃ HẢI ĐỊNH` under a city's name) is not a break inside one.
    cut = next((i for i, offset in enumerate(starts)
                if _inside_a_name(text, offset) and not PLACE.match(text, offset)), None)
    if cut is None:
        return []
    shown = " / ".join(f"«{piece}»" for piece in texts)
    return [warning("H3", block[cut + 1].location, f"tên cơ quan xuống dòng giữa tên riêng: {shown}",
                    "chỉ xuống dòng giữa loại cơ quan và tên (SỞ NỘI VỤ / TỈNH LÂM ĐỒNG, ỦY BAN NHÂN DÂN / "
                    "THÀNH PHỐ HỒ CHÍ MINH)")]


def _printed(word: WordFile, line: Line) -> list[Line]:
    paragraph = line.paragraph
    section = word.sections[paragraph.section] if paragraph.section < len(word.sections) else None
    return printed_lines(line, available_width_pt(paragraph, section))


def _breaks(text: str, pieces: list[Line]) -> list[int]:
    """Offsets in ``text`` where each printed line after the first starts."""
    offsets, cursor = [], 0
    for piece in pieces:
        start = text.find(nfc(piece.text).upper().strip(), cursor)
        if start < 0:
            return []
        offsets.append(start)
        cursor = start + len(piece.text.strip())
    return offsets[1:]


def _inside_a_name(text: str, offset: int) -> bool:
    spans = [m.span() for m in BODY_KIND.finditer(text)]
    place = PLACE.search(text)
    if place is not None:
        spans.append((place.start(), len(text)))
    return any(start < offset < end for start, end in spans)
