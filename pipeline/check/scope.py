"""Scope: is this a văn bản hành chính (ND 30/2020, Điều 7) at all?

A Party document (its own format, Hướng dẫn 36-HD/VPTW), an internal form (Phiếu trình) or a
meeting programme follows other rules; judging it against ND 30 gives dozens of false errors.
Such a file gets one notice instead of rule findings.
"""

from __future__ import annotations

import re

from .document import DocumentParts, HEADER_REACH, is_blank
from .package import WordFile
from .vntext import upper_key

PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"
INTERNAL_FORMS = re.compile(r"^PHIẾU (TRÌNH|XỬ LÝ|GIẢI QUYẾT|ĐỀ XUẤT|LẤY Ý KIẾN)\b")
# patterns are compared with upper_key text, whose tone marks sit on the first vowel of oa/uy
YOUTH_UNION = re.compile("^" + upper_key("ĐOÀN") + r" (TNCS|THANH NIÊN CỘNG SẢN) HỒ CHÍ MINH\b")
PROGRAMME = re.compile(r"^CHƯƠNG TRÌNH (HỘI NGHỊ|LÀM VIỆC|HỌP|CÔNG TÁC|KỲ HỌP|ĐẠI HỘI)\b")


def out_of_scope_reason(word: WordFile, parts: DocumentParts) -> str | None:
    """Why the document is not a văn bản hành chính, in Vietnamese; None when it is one."""
    if parts.appendix_only:
        return None
    opening = [upper_key(p.text) for p in word.paragraphs if not is_blank(p)][:HEADER_REACH]
    title = upper_key(parts.title.text) if parts.title is not None else None
    form = next((t for t in ([title] if title else []) + opening if INTERNAL_FORMS.match(t)), None)
    if form is not None:   # an internal form, with or without a Quốc hiệu
        return (f"mẫu nội bộ «{form[:40]}»: không phải văn bản hành chính "
                "(Điều 7, Nghị định 30/2020/NĐ-CP)")
    if parts.header is not None:
        return None   # a Quốc hiệu makes it a state document, whatever else is wrong
    if any(PARTY_HEADER in text for text in opening):
        return ("văn bản của Đảng (phần đầu «ĐẢNG CỘNG SẢN VIỆT NAM»): thể thức theo hướng dẫn "
                "của Văn phòng Trung ương Đảng, không theo Nghị định 30/2020/NĐ-CP")
    if any(YOUTH_UNION.search(text) for text in opening[:3]):
        return ("văn bản của Đoàn Thanh niên (phần đầu «ĐOÀN TNCS HỒ CHÍ MINH»): thể thức theo "
                "hướng dẫn của Đoàn, không theo Nghị định 30/2020/NĐ-CP")
    pairs = [f"{a} {b}" for a, b in zip(opening, opening[1:])]   # «CHƯƠNG TRÌNH» / «Hội nghị …»
    programme = next((t for t in opening + pairs if PROGRAMME.match(t)), None)
    if programme is not None and parts.signature is None:
        return (f"chương trình họp, hội nghị «{programme[:40]}» (không có Quốc hiệu, không có nơi "
                "nhận): không phải văn bản hành chính (Điều 7, Nghị định 30/2020/NĐ-CP)")
    return None
