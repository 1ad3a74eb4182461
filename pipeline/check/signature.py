"""S1 (and C1 for the name): quyền hạn, chức vụ và họ tên người ký (spec §6)."""

from __future__ import annotations

import re

from .document import AUTHORITY_PREFIX, DocumentParts
from .findings import Finding, error, warning
from .package import WordFile
from .paragraphs import Line
from .presentation import Presentation, look_findings

TITLE_LINE = Presentation(sizes=(13, 14), bold=True, italic=False, caps=True)
NAME = Presentation(sizes=(13, 14), bold=True, italic=False)
# something meant as a prefix but malformed: "TM ỦY BAN", "T.M. ỦY BAN", "KT: CHỦ TỊCH"
MALFORMED_PREFIX = re.compile(r"^(T\.?\s?M|K\.?\s?T|T\.?\s?L|T\.?\s?U\.?\s?Q|Q)(\.|:|,|\s)")
PREFIXES = "TM., KT., Q., TL., TUQ."


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    if parts.appendix_only:
        return []
    if parts.signature is None:
        return [error("S1", "cuối văn bản", "không có khối chữ ký",
                      "bảng không viền cuối văn bản: Nơi nhận bên trái, quyền hạn, chức vụ, "
                      "họ tên người ký bên phải")]
    lines = [line for line in parts.signature.signer
             if not line.text.strip().startswith("(")]   # "(Đã ký)", "(ký, đóng dấu)"
    if len(lines) < 2:
        where = lines[0].location if lines else f"bảng {parts.signature.table}"
        return [error("S1", where, "khối chữ ký thiếu chức vụ hoặc họ tên người ký",
                      "quyền hạn, chức vụ người ký rồi họ tên người ký")]
    *titles, name = lines
    findings: list[Finding] = []
    for line in titles:
        findings += look_findings("S1", line.location, "quyền hạn, chức vụ", TITLE_LINE,
                                  line.segments)
        text = line.text.strip()
        if MALFORMED_PREFIX.match(text) and not AUTHORITY_PREFIX.match(text):
            findings.append(error("S1", line.location,
                                  f"tiền tố thẩm quyền sai dạng «{text.split()[0]}»",
                                  f"một trong {PREFIXES} (chữ in hoa, dấu chấm, rồi dấu cách)"))
    if len(titles) >= 2 and not AUTHORITY_PREFIX.match(titles[0].text.strip()):
        findings.append(error("S1", titles[0].location, "dòng thẩm quyền không có tiền tố",
                              f"ký thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền: {PREFIXES}"))
    findings += look_findings("S1", name.location, "họ tên người ký", NAME, name.segments)
    findings += _name_capitals(name)
    return findings


def _name_capitals(name: Line) -> list[Finding]:
    words = name.text.split()
    if all(w[:1].isupper() and w[1:] == w[1:].lower() for w in words if w[:1].isalpha()):
        return []
    return [warning("C1", name.location, f"họ tên «{' '.join(words)}»",
                    "họ tên viết hoa chữ cái đầu mỗi âm tiết, còn lại chữ thường (Nguyễn Văn A)")]
