"""S1 (and C1 for the name): quyền hạn, chức vụ và họ tên người ký (spec §6)."""

from __future__ import annotations

import re

from ..domain.signer import ABBREVIATIONS as ABBREVIATED_BODIES  # the workbook reader's tables too
from ..domain.signer import COLLECTIVE_BODIES
from .document import AUTHORITY_PREFIX, DocumentParts
from .findings import Finding, error, warning
from .package import WordFile
from .paragraphs import Line
from .presentation import Presentation, look_findings
from .ooxml import on_off, qn
from .vntext import upper_key

TITLE_LINE = Presentation(sizes=(13, 14), bold=True, italic=False, caps=True)
NAME = Presentation(sizes=(13, 14), bold=True, italic=False)
# something meant as a prefix but malformed: "TM ỦY BAN", "T.M. ỦY BAN", "KT: CHỦ TỊCH"
MALFORMED_PREFIX = re.compile(r"^(T\.?\s?M|K\.?\s?T|T\.?\s?L|T\.?\s?U\.?\s?Q|Q)(\.|:|,|\s)")
PREFIXES = "TM., KT., Q., TL., TUQ."
PREFIX_ONLY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*")
NO_SPACE_PREFIX = re.compile(r"^(TM|KT|Q|TL|TUQ)\.(?=\S)")

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
        where = lines[0].location if lines else parts.signature.where
        return [error("S1", where, "khối chữ ký thiếu chức vụ hoặc họ tên người ký",
                      "quyền hạn, chức vụ người ký rồi họ tên người ký")]
    *titles, name = lines
    findings: list[Finding] = []
    for line in titles:
        findings += look_findings("S1", line.location, "quyền hạn, chức vụ", TITLE_LINE,
                                  line.segments)
        text = line.text.strip()
        if NO_SPACE_PREFIX.match(text):
            findings.append(warning("S1", line.location, f"«{text}» thiếu dấu cách sau dấu chấm",
                                    f"«{NO_SPACE_PREFIX.sub(lambda m: m[0] + ' ', text)}»"))
        elif MALFORMED_PREFIX.match(text) and not AUTHORITY_PREFIX.match(text):
            findings.append(error("S1", line.location,
                                  f"tiền tố thẩm quyền sai dạng «{text.split()[0]}»",
                                  f"một trong {PREFIXES} (chữ in hoa, dấu chấm, rồi dấu cách)"))
    if len(titles) >= 2 and not (AUTHORITY_PREFIX.match(titles[0].text.strip())
                                 or NO_SPACE_PREFIX.match(titles[0].text.strip())):
        findings.append(error("S1", titles[0].location, "dòng thẩm quyền không có tiền tố",
                              f"ký thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền: {PREFIXES}"))
    findings += authority_findings(titles, parts)
    findings += kept_together(word, parts, lines)
    findings += look_findings("S1", name.location, "họ tên người ký", NAME, name.segments)
    findings += _name_capitals(name)
    return findings


# armed forces ranks may precede the name (ND 30, Phụ lục I: ô 7b, lực lượng vũ trang)
RANK = re.compile(r"^(Đại|Thượng|Trung|Thiếu)\s+(tướng|tá|úy|uý)\s+")


def _name_capitals(name: Line) -> list[Finding]:
    words = RANK.sub("", name.text.strip()).split()
    if all(w[:1].isupper() and w[1:] == w[1:].lower() for w in words if w[:1].isalpha()):
        return []
    return [warning("C1", name.location, f"họ tên «{' '.join(words)}»",
                    "họ tên viết hoa chữ cái đầu mỗi âm tiết, còn lại chữ thường (Nguyễn Văn A)")]


def authority_findings(titles: list[Line], parts: DocumentParts) -> list[Finding]:
    """TM./KT. lines against the title under them and the issuing body (issue 8 §4)."""
    findings: list[Finding] = []
    texts = [" ".join(upper_key(line.text).split()) for line in titles]
    for line, text in zip(titles, texts):
        prefix = PREFIX_ONLY.match(text)
        if not prefix:
            continue
        body = text[prefix.end():].strip()
        second = re.search(r"(?:^|\s)(KT|TL|TUQ|Q)\.\s", body)
        if second:
            first_line = f"{text[:prefix.end()].strip()} {body[:second.start()].strip()}"
            findings.append(error("S1", line.location,
                                  f"hai dòng thẩm quyền gõ trên một dòng «{text}»",
                                  f"hai dòng: «{first_line}» rồi «{body[second.start():].strip()}»"))
            body = body[:second.start()]
        words = body.replace(",", " ").split()
        short = [w for w in words if w in ABBREVIATED_BODIES]
        if short:
            fixed = " ".join(ABBREVIATED_BODIES.get(w, w) for w in words)
            findings.append(error("S1", line.location,
                                  f"tên cơ quan viết tắt trong dòng thẩm quyền «{text}»",
                                  f"viết đầy đủ, in hoa: «{text[:prefix.end()].strip()} {fixed}»"))
    for index, text in enumerate(texts):
        if not text.startswith("KT."):
            continue
        head = text[3:].strip()
        title = texts[index + 1] if index + 1 < len(texts) else None
        if title == head:
            findings.append(error("S1", titles[index + 1].location,
                                  f"«KT. {head}» mà chức vụ người ký là «{title}»",
                                  f"«KT. {head}» là cấp phó ký thay người đứng đầu: chức vụ dưới "
                                  f"dòng này là cấp phó (ví dụ «PHÓ {head}»); người đứng đầu tự ký "
                                  "thì bỏ «KT.»"))
        issuer = " ".join(upper_key(l.text) for l in parts.header.issuing_body) if parts.header else ""
        collective = any(body in issuer for body in COLLECTIVE_BODIES)
        # the deputy of the committee's head signing with no line above (TL. CHỦ TỊCH over
        # KT. CHÁNH VĂN PHÒNG is the office signing on order, not this case)
        if collective and head == "CHỦ TỊCH" and not any(PREFIX_ONLY.match(t) for t in texts[:index]):
            findings.append(warning("S1", titles[index].location,
                                    f"«KT. {head}» không có dòng «TM. …» phía trên",
                                    "văn bản do tập thể Ủy ban nhân dân ban hành: «TM. ỦY BAN NHÂN "
                                    f"DÂN» rồi «KT. {head}»; văn bản thuộc thẩm quyền riêng của "
                                    f"{head.lower()} thì giữ nguyên"))
    return findings


def kept_together(word: WordFile, parts: DocumentParts, lines: list[Line]) -> list[Finding]:
    """S2: the signature block cannot split over two pages nor leave the text above it.

    Without ``w:cantSplit`` on its table row Word may break the row, leaving the signer's name
    alone at the top of a page; without ``w:keepNext`` on the last paragraph of the text the
    whole block may go to a page of its own. Offices send such a page back.
    """
    missing = []
    if parts.signature.table is None:
        paragraphs = list(dict.fromkeys(line.paragraph for line in lines))
        if not all(_keeps_with_next(word, p) for p in paragraphs[:-1]):
            missing.append("các đoạn chức vụ, họ tên không có «Giữ với đoạn tiếp theo» (w:keepNext)")
    else:
        rows = {_outer_row(line.paragraph.element) for line in lines} - {None}
        if not rows or not all(_on(row, "w:trPr", "w:cantSplit") for row in rows):
            missing.append("hàng bảng chữ ký không có «Không cho phép ngắt hàng» (w:cantSplit)")
    body = [p for p in parts.body if p.text.strip()]
    if body and not _keeps_with_next(word, body[-1]):
        missing.append(f"đoạn cuối nội dung «{body[-1].text.strip()[:30]}» không có «Giữ với đoạn "
                       "tiếp theo» (w:keepNext)")
    if not missing:
        return []
    return [warning("S2", parts.signature.where,
                    "khối chữ ký có thể bị tách trang: " + "; ".join(missing),
                    "chức vụ, họ tên người ký và nơi nhận nằm trên một trang cùng vài dòng cuối của "
                    "nội dung (tránh trang chỉ có họ tên người ký)")]


def _outer_row(element):
    row = None
    for ancestor in element.iterancestors(qn("w:tr")):
        row = ancestor   # the last one met is the row of the top-level table
    return row


def _on(element, *path: str) -> bool:
    for tag in path:
        element = element.find(qn(tag)) if element is not None else None
    return bool(on_off(element))


def _keeps_with_next(word: WordFile, paragraph) -> bool:
    levels = [paragraph.element] + word.sheet.paragraph_styles(paragraph.element)
    for level in levels:
        value = on_off(level.find(f"{qn('w:pPr')}/{qn('w:keepNext')}"))
        if value is not None:
            return value
    return False
