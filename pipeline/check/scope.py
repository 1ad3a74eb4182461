"""Scope: is this a văn bản hành chính (ND 30/2020, Điều 7) at all?

A Party document (its own format, Hướng dẫn 36-HD/VPTW), an internal form (Phiếu trình) or a
meeting programme follows other rules; judging it against ND 30 gives dozens of false errors.
Such a file gets one notice instead of rule findings.
"""

from __future__ import annotations

import re

from .doctypes import ALL_CODES, LEGAL_CODES, TYPE_CODES
from .document import DocumentParts, HEADER_REACH, is_blank
from .package import WordFile
from .reference import read_number_line
from .vntext import canonical, upper_key

PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"
INTERNAL_FORMS = re.compile(r"^PHIẾU (TRÌNH|XỬ LÝ|GIẢI QUYẾT|ĐỀ XUẤT|LẤY Ý KIẾN)\b")
# patterns are compared with upper_key text, whose tone marks sit on the first vowel of oa/uy
YOUTH_UNION = re.compile("^" + upper_key("ĐOÀN") + r" (TNCS|THANH NIÊN CỘNG SẢN) HỒ CHÍ MINH\b")
PROGRAMME = re.compile(r"^CHƯƠNG TRÌNH (HỘI NGHỊ|LÀM VIỆC|HỌP|CÔNG TÁC|KỲ HỌP|ĐẠI HỘI)\b")


# văn bản quy phạm pháp luật follow the same thể thức (Luật Ban hành VBQPPL, ND 34/2016)
LEGAL_TITLES = ("LUẬT", "BỘ LUẬT", "PHÁP LỆNH", "LỆNH", "NGHỊ ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH",
                "NGHỊ QUYẾT LIÊN TỊCH")
KNOWN_TITLES = tuple(upper_key(t) for t in (*TYPE_CODES, *LEGAL_TITLES, "CÔNG VĂN", "THƯ CÔNG"))


def _sector_form(parts: DocumentParts) -> str | None:
    """A sector form (giấy phép, giấy chứng nhận, …) with its own prescribed layout: neither its
    title nor its number's symbol is one of ND 30's 29 kinds (Điều 7) or a legal document."""
    if parts.title is None:
        return None
    title = " ".join(upper_key(parts.title.text).split())
    if any(title == known or title.startswith(known + " ") for known in KNOWN_TITLES):
        return None
    code = _type_code(parts)
    if code is not None and (code in ALL_CODES or code in LEGAL_CODES):
        return None
    return (f"văn bản chuyên ngành «{canonical(parts.title.text)[:50]}» có mẫu trình bày riêng, "
            "không thuộc 29 loại văn bản hành chính (Điều 7, Nghị định 30/2020/NĐ-CP)")


def _type_code(parts: DocumentParts) -> str | None:
    line = parts.header.number_line if parts.header is not None else None
    if line is None:
        return None
    number, _ = read_number_line(line.text.strip())
    return number.groups[0] if number is not None and number.groups else None


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
    sector = _sector_form(parts)
    if sector is not None:
        return sector
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
