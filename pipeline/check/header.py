"""H1–H6 and D1: Quốc hiệu, Tiêu ngữ, tên cơ quan, số và ký hiệu, địa danh và ngày (spec §2, §16)."""

from __future__ import annotations

import re

from . import header_wrap
from .doctypes import ALL_CODES, LEGAL_CODES, TYPE_CODES, type_code
from .document import DocumentParts, HeaderBlock
from .findings import Finding, error, warning
from .ooxml import number
from .package import WordFile
from .paragraphs import Line
from .presentation import Presentation, look_findings
from .reference import read_date_line, read_number_line
from .vntext import canonical, same_text

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

NATIONAL_NAME_LOOK = Presentation(sizes=(12, 13), bold=True, italic=False, caps=True)
MOTTO_LOOK = Presentation(sizes=(13, 14), bold=True, italic=False, caps=False)
ISSUER_LOOK = Presentation(sizes=(12, 13), bold=True, italic=False, caps=True)
MANAGING_BODY_LOOK = Presentation(sizes=(12, 13), bold=False, italic=False, caps=True)
NUMBER_LOOK = Presentation(sizes=(13, 13), italic=False)
DATE_LOOK = Presentation(sizes=(13, 14), italic=True)
SUBJECT_LOOK = Presentation(sizes=(12, 13), bold=False, italic=False)
START = "đầu văn bản"
GLUED = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")   # «4năm», «ngày05»
GLUED_WORDS = re.compile(r"\w*(?:\d[^\W\d_]|[^\W\d_]\d)\w*")


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    if parts.appendix_only:
        return []
    header = parts.header
    if header is None:
        return [error("H1", START, "không có Quốc hiệu",
                      f"phần đầu văn bản có Quốc hiệu «{NATIONAL_NAME}» và Tiêu ngữ")]
    return (_national_name(header) + _motto(header) + _bodies(header)
            + _number(header, parts) + _date(header, parts) + _subject(header, parts)
            + header_wrap.check(word, header))


def look(rule: str, line: Line, what: str, expected: Presentation) -> list[Finding]:
    return look_findings(rule, line.location, what, expected, line.segments)


def _national_name(header: HeaderBlock) -> list[Finding]:
    line = header.national_name
    text = line.text
    if all(s.format.caps for s in line.visible):
        text = text.upper()
    findings = []
    if not same_text(text, NATIONAL_NAME):
        findings.append(error("H1", line.location, f"Quốc hiệu «{canonical(line.text)}»",
                              f"Quốc hiệu đúng nguyên văn «{NATIONAL_NAME}»"))
    return findings + look("H1", line, "Quốc hiệu", NATIONAL_NAME_LOOK)


def _motto(header: HeaderBlock) -> list[Finding]:
    line = header.motto
    if line is None:
        return [error("H2", header.national_name.location, "không có Tiêu ngữ dưới Quốc hiệu",
                      f"Tiêu ngữ «{MOTTO}» ngay dưới Quốc hiệu")]
    findings = []
    hyphenated = re.sub(r"\s+[–—]\s+", " - ", line.text)
    if same_text(hyphenated, MOTTO) and not same_text(line.text, MOTTO):
        # an en dash between the spaced phrases prints almost alike: cosmetic
        findings.append(warning("H2", line.location, f"Tiêu ngữ «{canonical(line.text)}»",
                                f"Tiêu ngữ «{MOTTO}»: gạch nối (-) có cách chữ"))
    elif not same_text(line.text, MOTTO):
        findings.append(error("H2", line.location, f"Tiêu ngữ «{canonical(line.text)}»",
                              f"Tiêu ngữ đúng nguyên văn «{MOTTO}» (gạch nối có cách chữ)"))
    return findings + look("H2", line, "Tiêu ngữ", MOTTO_LOOK)


def _bodies(header: HeaderBlock) -> list[Finding]:
    if not header.issuing_body:
        return [error("H3", header.national_name.location,
                      "không có tên cơ quan ban hành",
                      "tên cơ quan ban hành ở cột trái phần đầu, chữ in hoa, in đậm, cỡ 12–13")]
    findings = []
    for line in header.managing_body:
        findings += look("H3", line, "tên cơ quan chủ quản", MANAGING_BODY_LOOK)
    for line in header.issuing_body:
        findings += look("H3", line, "tên cơ quan ban hành", ISSUER_LOOK)
    return findings


def _number(header: HeaderBlock, parts: DocumentParts) -> list[Finding]:
    line = header.number_line
    form = "Số: NN/XX-YY, số có ít nhất 2 chữ số (ví dụ «Số: 05/KH-UBND»; dự thảo: «Số:      /KH-UBND»)"
    if line is None:
        return [error("H4", header.national_name.location, "không có dòng «Số: …»", form)]
    findings = look("H4", line, "dòng số, ký hiệu", NUMBER_LOOK)
    text = line.text.strip()
    issued_number, reason = read_number_line(text)
    if issued_number is None:
        return findings + [error("H4", line.location, f"«{text}» {reason}", form)]
    if issued_number.number is not None and len(issued_number.number) < 2:
        findings.append(error("H4", line.location, f"số «{issued_number.number}» chỉ có một chữ số",
                              "số dưới 10 ghi thêm số 0 phía trước (05)"))
    groups = issued_number.groups
    if any(not group for group in groups) or len(groups) < 2:
        findings.append(error("H4", line.location, f"ký hiệu «{issued_number.symbol}»",
                              "ký hiệu gồm các nhóm chữ nối bằng gạch nối, ví dụ KH-UBND, UBND-VP"))
        return findings
    code, issuer = groups[0], groups[1:]
    title = parts.title.text.strip() if parts.title is not None else None
    if title is not None:
        expected = type_code(title)
        if expected is not None and code != expected:
            findings.append(error("H4", line.location,
                                  f"chữ viết tắt tên loại «{code}» với tên loại «{canonical(title)}»",
                                  f"chữ viết tắt «{expected}» cho {canonical(title).upper()} "
                                  "(bảng viết tắt, Phụ lục III)"))
        elif expected is None and code not in ALL_CODES and not (
                issued_number.year and code in LEGAL_CODES):
            findings.append(error("H4", line.location, f"chữ viết tắt tên loại «{code}»",
                                  "một chữ viết tắt trong bảng Phụ lục III: "
                                  + ", ".join(sorted(set(TYPE_CODES.values())))))
    elif parts.is_official_letter and code in ALL_CODES:
        findings.append(error("H4", line.location,
                              f"công văn có chữ viết tắt tên loại «{code}»",
                              "ký hiệu công văn: tên cơ quan - đơn vị soạn thảo, ví dụ UBND-VP"))
    for group in issuer:
        if group != group.upper():
            findings.append(error("H4", line.location, f"nhóm ký hiệu «{group}» có chữ thường",
                                  "chữ viết tắt tên cơ quan, đơn vị viết in hoa"))
    return findings


def _date(header: HeaderBlock, parts: DocumentParts) -> list[Finding]:
    line = header.date_line
    if line is None and parts.title is not None and type_code(parts.title.text.strip()) == "BB":
        return []   # a biên bản dates itself in its first sentence (Mẫu 1.9): no date line
    form = ("«Địa danh, ngày DD tháng M năm YYYY»: ngày dưới 10 và tháng 1, 2 có số 0 phía trước, "
            "ví dụ «Hải Định, ngày 05 tháng 3 năm 2024»")
    if line is None:
        return [error("H5", header.national_name.location, "không có dòng địa danh, ngày tháng", form)]
    findings = look("H5", line, "dòng địa danh, ngày tháng", DATE_LOOK)
    text = line.text.strip()
    read = read_date_line(text)
    if read is None:
        spaced = GLUED.sub(" ", text)
        if read_date_line(spaced) is not None:   # whitespace only: cosmetic
            glued = ", ".join(f"«{m[0]}»" for m in GLUED_WORDS.finditer(text))
            return findings + [warning("H5", line.location, f"thiếu dấu cách giữa số và chữ: {glued}",
                                       f"«{canonical(spaced)}»")]
        return findings + [error("H5", line.location, f"«{canonical(text)}»", form)]
    place, issued = read
    if not place[0].isupper():
        findings.append(error("H5", line.location, f"địa danh «{place}» không viết hoa",
                              "địa danh viết hoa chữ cái đầu (Phụ lục II)"))
    if not issued.is_real:
        findings.append(error("H5", line.location, f"ngày không có thật: {issued}",
                              "một ngày có thật trong lịch"))
    return findings


def _subject(header: HeaderBlock, parts: DocumentParts) -> list[Finding]:
    line = header.subject_line
    if line is None or parts.title is not None:
        return []
    findings = look("H6", line, "trích yếu công văn", SUBJECT_LOOK)
    number_line = header.number_line
    if number_line is not None and number_line.paragraph is not line.paragraph:
        gap = max(line.paragraph.format.before_pt, number_line.paragraph.format.after_pt)
        if gap < 6 - 0.05:   # cosmetic: the V/v line is there, only closer
            findings.append(warning("H6", line.location,
                                  f"cách dòng số, ký hiệu {number(gap)} pt",
                                  "cách dòng số, ký hiệu 6 pt"))
    return findings
