"""S1 (and C1 for the name): quyền hạn, chức vụ và họ tên người ký (spec §6)."""

from __future__ import annotations

import re

from ..domain.signer import ABBREVIATIONS as ABBREVIATED_BODIES  # the workbook reader's tables too
from ..domain.signer import COLLECTIVE_BODIES
from .document import AUTHORITY_PREFIX, DocumentParts
from .keeping import kept_together
from .findings import Finding, error, notice, warning
from .package import WordFile
from .paragraphs import Line
from .presentation import Presentation, look_findings
from .vntext import is_caps, upper_key

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
    findings: list[Finding] = []
    for group in _signers(lines):
        findings += _one_signer(word, parts, group, parts.signature.where)
    findings += kept_together(word, parts, lines)
    return findings


def _signers(lines: list[Line]) -> list[list[Line]]:
    """One group per signer: a biên bản's THƯ KÝ and CHỦ TỌA sit side by side in two cells."""
    cells: dict[object, list[Line]] = {}
    for line in lines:
        place = line.paragraph.place
        cells.setdefault((place.cell, place.inner), []).append(line)
    groups = list(cells.values())
    signed = [g for g in groups if any(is_caps(l.text) for l in g) and not is_caps(g[-1].text)]
    return signed if len(signed) > 1 else [lines]


def _one_signer(word: WordFile, parts: DocumentParts, lines: list[Line], block: str) -> list[Finding]:
    """The findings on one signer's ``lines`` in the signature ``block`` (where it is)."""
    if len(lines) < 2:
        where = lines[0].location if lines else block
        return [error("S1", where, "khối chữ ký thiếu chức vụ hoặc họ tên người ký",
                      "quyền hạn, chức vụ người ký rồi họ tên người ký")]
    findings: list[Finding] = []
    named = [i for i, line in enumerate(lines) if not is_caps(line.text)]
    if named and 0 < named[-1] < len(lines) - 1:
        # a title line typed under the signer's name: say so, and judge the name as the name
        for below in lines[named[-1] + 1:]:
            findings.append(error("S1", below.location,
                                  f"chức vụ «{below.text.strip()}» đặt dưới họ tên người ký",
                                  "quyền hạn, chức vụ ở trên chữ ký; họ tên người ký ở dòng cuối"))
        lines = lines[:named[-1] + 1]
    *titles, name = lines
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


def _typed_line(printed: Line) -> str:
    """The stored line a printed piece comes from, in the checker's upper-case spelling."""
    piece = " ".join(upper_key(printed.text).split())
    for line in printed.paragraph.text_lines:
        typed = " ".join(upper_key(line.text).split())
        if piece in typed:
            return typed
    return piece


def authority_findings(titles: list[Line], parts: DocumentParts) -> list[Finding]:
    """TM./KT. lines against the title under them and the issuing body (issue 8 §4)."""
    findings: list[Finding] = []
    texts = [" ".join(upper_key(line.text).split()) for line in titles]
    for line, text in zip(titles, texts):
        prefix = PREFIX_ONLY.match(text)
        if not prefix:
            continue
        body = text[prefix.end():].strip()
        # judged on the printed line: padded with spaces, the second prefix prints below
        second = re.search(r"(?:^|\s)(KT|TL|TUQ|Q)\.(\s|$)", body)
        if second:
            typed = _typed_line(line)
            typed_body = typed[prefix.end():].strip()
            again = re.search(r"(?:^|\s)(KT|TL|TUQ|Q)\.(\s|$)", typed_body) or second
            first_line = f"{typed[:prefix.end()].strip()} {typed_body[:again.start()].strip()}"
            findings.append(error("S1", line.location,
                                  f"hai dòng thẩm quyền gõ trên một dòng «{typed}»",
                                  f"hai dòng: «{first_line}» rồi «{typed_body[again.start():].strip()}»"))
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
            # a chairman's own decision, a licence, most công văn: correct as it is; only the
            # authority (unknown to the checker) says whether the committee issues it
            findings.append(notice("S1", titles[index].location,
                                   f"«KT. {head}» không có dòng «TM. …» phía trên",
                                   "văn bản do tập thể Ủy ban nhân dân ban hành: «TM. ỦY BAN NHÂN "
                                   f"DÂN» rồi «KT. {head}»; văn bản thuộc thẩm quyền riêng của "
                                   f"{head.lower()} thì giữ nguyên"))
    return findings
