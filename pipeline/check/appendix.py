"""A1–A3: Phụ lục — heading, title, the ``(Kèm theo …)`` line and page numbering (spec §10).

A3 (ours) checks that the ``(Kèm theo …)`` line cites the parent document as the same file
numbers and dates it: ``(Kèm theo Kế hoạch số 25/KH-UBND ngày 05 tháng 3 năm 2024 của …)``,
blank where the parent's number or day is still blank.
"""

from __future__ import annotations

import re

from .document import Appendix, DocumentParts, is_blank
from .doctypes import type_name
from .fields import fields
from .findings import Finding, error
from ..vietnamese import roman as to_roman
from ..vietnamese import roman_value
from .package import WordFile
from .paragraphs import Paragraph
from .presentation import Presentation, look_findings
from .reference import cited_date, cited_number, read_date_line, read_number_line
from .vntext import canonical, upper_key

HEADING = Presentation(sizes=(13, 14), bold=True, italic=False)
TITLE = Presentation(sizes=(13, 14), bold=True, italic=False, caps=True)
REFERENCE = Presentation(sizes=(13, 14), italic=True)
REFERENCE_LINE = re.compile(r"^\(\s*(ban\s+hành\s+)?kèm\s+theo\b", re.IGNORECASE)
CITED_TYPE = re.compile(r"^\(\s*(ban\s+hành\s+)?kèm\s+theo\s+(?P<type>.+?)\s+số\b", re.IGNORECASE)
LOOKAHEAD = 5   # the (Kèm theo …) line comes within this many lines (after a 3-line title)
CONTINUATION = 2   # a long (Kèm theo …) line may be split over this many more paragraphs


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    findings: list[Finding] = []
    several = len(parts.appendices) > 1
    for appendix in parts.appendices:
        findings += _heading(appendix, several)
        reference, problems = _reference_line(appendix)
        findings += problems
        if reference is not None:
            findings += _citation(reference, parts)
        findings += _numbering(word, appendix)
    return findings


def _heading(appendix: Appendix, several: bool) -> list[Finding]:
    heading = appendix.heading
    findings = look_findings("A1", heading.location, "tiêu đề phụ lục", HEADING, heading.segments)
    words = canonical(heading.text).split()[2:]
    numeral = words[-1] if words else None
    if several and (numeral is None or roman_value(numeral) != appendix.number):
        findings.append(error("A1", heading.location,
                              f"phụ lục thứ {appendix.number} đánh số «{numeral or ''}»",
                              f"nhiều phụ lục thì đánh số La Mã: «Phụ lục {to_roman(appendix.number)}»"))
    return findings


def _reference_line(appendix: Appendix) -> tuple[tuple[list[Paragraph], str] | None, list[Finding]]:
    """The ``(Kèm theo …)`` line, with what is wrong with it and the title lines above it."""
    following = [p for p in appendix.paragraphs if not p.in_table and not is_blank(p)][:LOOKAHEAD]
    reference = next((p for p in following if REFERENCE_LINE.match(p.text.strip())), None)
    if reference is None:
        return None, [error("A1", appendix.heading.location, "không có dòng «(Kèm theo …)»",
                            "dưới tiêu đề phụ lục: «(Kèm theo <tên loại> số … ngày … của …)», "
                            "in nghiêng")]
    findings = []
    for title in following[:following.index(reference)]:
        findings += look_findings("A1", title.location, "tên phụ lục", TITLE, title.segments)
    pieces = _reference_pieces(appendix, reference)
    for piece in pieces:
        findings += look_findings("A1", piece.location, "dòng «(Kèm theo …)»", REFERENCE,
                                  piece.segments)
    text = " ".join(piece.text.strip() for piece in pieces)
    if not text.endswith(")"):
        findings.append(error("A1", reference.location, "dòng «(Kèm theo …)» thiếu dấu «)»",
                              "dòng «(Kèm theo …)» đặt trong ngoặc đơn"))
    return (pieces, text), findings


def _reference_pieces(appendix: Appendix, reference: Paragraph) -> list[Paragraph]:
    """The (Kèm theo …) paragraph and those it continues into, up to its closing «)»."""
    after = appendix.paragraphs[appendix.paragraphs.index(reference) + 1:]
    pieces = [reference]
    for paragraph in after[:CONTINUATION]:
        if pieces[-1].text.strip().endswith(")") or paragraph.in_table or is_blank(paragraph):
            break
        if REFERENCE_LINE.match(paragraph.text.strip()):
            break
        pieces.append(paragraph)
    return pieces if pieces[-1].text.strip().endswith(")") else [reference]


def _citation(reference: tuple[list[Paragraph], str], parts: DocumentParts) -> list[Finding]:
    header = parts.header
    if header is None or header.number_line is None or header.date_line is None:
        return []
    parent_number, _ = read_number_line(header.number_line.text.strip())
    place_and_date = read_date_line(header.date_line.text.strip())
    if parent_number is None or place_and_date is None:
        return []   # H4/H5 report the header itself
    parent_date = place_and_date[1]
    pieces, text = reference
    text = canonical(text)
    where = pieces[0].location
    findings = []
    title = type_name(parts.title.text.strip()) if parts.title is not None else None
    cited_type = CITED_TYPE.match(text)
    if title and cited_type and upper_key(cited_type["type"]) not in (upper_key(title), "VĂN BẢN"):
        findings.append(error("A3", where, f"kèm theo «{cited_type['type']}»",
                              f"kèm theo «{title.capitalize()}» như tên loại của văn bản"))
    number = cited_number(text)
    if number is None:
        findings.append(error("A3", where, "không ghi số, ký hiệu văn bản",
                              f"số, ký hiệu «{parent_number}» như ở phần đầu văn bản"))
    elif number != parent_number:
        findings.append(error("A3", where, f"số, ký hiệu «{number}»",
                              f"số, ký hiệu «{parent_number}» như ở phần đầu văn bản"))
    issued = cited_date(text)
    if issued is None:
        findings.append(error("A3", where, "không ghi ngày ban hành",
                              f"{parent_date} như ở phần đầu văn bản"))
    elif not _same_date(issued, parent_date):
        findings.append(error("A3", where, f"{issued}", f"{parent_date} như ở phần đầu văn bản"))
    return findings


def _same_date(cited, parent) -> bool:
    """A month the draft header leaves blank may already be filled in the citation: the
    văn thư fills both at issue; the citation may not leave blank what the header fills."""
    return (cited.year == parent.year
            and cited.day == parent.day
            and (parent.month is None or cited.month == parent.month))


def _numbering(word: WordFile, appendix: Appendix) -> list[Finding]:
    """A2: each appendix starts its own section with page numbers from 1."""
    heading = appendix.heading
    index = word.paragraphs.index(heading)
    if not any(not is_blank(p) for p in word.paragraphs[:index]):
        return []   # the file starts with this appendix: its pages start at 1 anyway
    if any(p.section == heading.section and not is_blank(p) for p in word.paragraphs[:index]):
        # typed on in the text's own section (most decisions with a one-table appendix): the
        # printed pages say nothing a clerk can act on without restructuring the file, and the
        # calibration set counts it as no departure; a section of its own that numbers on is
        return []
    sections = word.sections
    if heading.section >= len(sections) or sections[heading.section].page_number_start != 1:
        if not _page_numbers_shown(word, heading.section):
            return []
        return [error("A2", heading.location,
                      "số trang của phụ lục đánh tiếp theo phần văn bản chính",
                      "phụ lục đánh số trang riêng (Phụ lục I, mục III.1.đ: «đánh số riêng theo từng Phụ lục»): "
                      "số trang bắt đầu "
                      "lại từ 1 (Định dạng số trang > Bắt đầu tại 1, w:pgNumType w:start=\"1\")")]
    return []


def _page_numbers_shown(word: WordFile, section: int) -> bool:
    header = word.header(section, "default") or []
    return any(f.is_page_number for p in header for f in fields(p.element))
