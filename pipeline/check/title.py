"""T1: tên loại and trích yếu (spec §3)."""

from __future__ import annotations

from .document import DocumentParts
from .findings import Finding, error, warning
from .package import WordFile
from .paragraph_format import ALIGNMENT_NAMES
from .paragraphs import Paragraph
from .presentation import Presentation, look_findings

TITLE = Presentation(sizes=(13, 14), bold=True, italic=False, caps=True)
SUMMARY = Presentation(sizes=(13, 14), bold=True, italic=False, caps=False)   # «chữ in thường»


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    if parts.appendix_only or parts.is_official_letter:
        return []
    if parts.title is None:
        where = parts.header.national_name.location if parts.header else "đầu văn bản"
        return [error("T1", where, "không có tên loại văn bản sau phần đầu",
                      "tên loại (KẾ HOẠCH, BÁO CÁO, …) căn giữa, in hoa, in đậm, cỡ 13–14; "
                      "công văn thì có trích yếu «V/v …» dưới số, ký hiệu")]
    findings = _look(parts.title, "tên loại", TITLE)
    if not parts.summary:
        return findings + [error("T1", parts.title.location, "không có trích yếu dưới tên loại",
                                 "trích yếu ngay dưới tên loại, in đậm, cỡ 13–14")]
    for paragraph in parts.summary:
        findings += _look(paragraph, "trích yếu", SUMMARY)
    last = parts.summary[-1]
    ending = last.text.rstrip()
    if ending.endswith(".") and not ending.endswith(("..", "…")):
        # ND 30 states no such rule; a summary reads as a name, so a stray «.» is cosmetic
        findings.append(warning("T1", last.location, "trích yếu kết thúc bằng dấu «.»",
                                "trích yếu là tên gọi, không có dấu chấm cuối"))
    return findings


def _look(paragraph: Paragraph, what: str, expected: Presentation) -> list[Finding]:
    findings = look_findings("T1", paragraph.location, what, expected, paragraph.segments)
    if paragraph.format.alignment != "center":
        alignment = ALIGNMENT_NAMES.get(paragraph.format.alignment, paragraph.format.alignment)
        findings.append(error("T1", paragraph.location, f"{what} {alignment}", f"{what} căn giữa"))
    return findings
