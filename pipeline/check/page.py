"""P1–P4: paper, margins, font and colour of every run, page numbers (spec §1)."""

from __future__ import annotations

import re

from .document import DocumentParts
from .fields import fields
from .findings import Finding, error, warning
from .fonts import resolve_run_format
from .ooxml import child, number, qn, twips_to_mm
from .pages import is_one_page, printed_paragraphs
from .package import WordFile
from .paragraph_format import ALIGNMENT_NAMES
from .paragraphs import Paragraph, Segment
from .presentation import Presentation, look_findings
from .sections import A4_TWIPS, Section, story_reference

FONT = "Times New Roman"
TOLERANCE_MM = 0.5
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
MARGIN_NAMES = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}
PAGE_NUMBER = Presentation(sizes=(13, 14), bold=False, italic=False)


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    findings: list[Finding] = []
    # every section from the first appendix on belongs to the appendices (a Biểu mẫu of the
    # Phụ lục may start a section of its own, with its own unnumbered first page)
    first_appendix = min((a.heading.section for a in parts.appendices), default=None)
    one_page = is_one_page(word)   # a one-page document needs no page number (spec §1)
    numbered = not one_page and _numbered_anywhere(word)
    for section in word.sections:
        findings += _paper(word, section)
        findings += _margins(word, section)
        if numbered:
            appendix = first_appendix is not None and section.index >= first_appendix
            findings += _page_numbers(word, section, appendix or parts.appendix_only)
    if not one_page and not numbered:   # one finding, not one per section and one for page 1
        findings.append(error("P4", "toàn văn bản", "văn bản nhiều trang không có số trang "
                              "(không có trường PAGE ở đầu trang)",
                              "số trang ở đầu trang (phần lề trên), căn giữa, không hiện ở trang 1: "
                              "Insert > Page Number > Top of Page, bật «Different First Page»"))
    shown = dict.fromkeys(story_reference(word.sections, s.index, "header", "default")
                          for s in word.sections)
    for ref in shown if numbered else ():
        if ref is not None:
            findings += _page_number_look(word, word.stories.get(ref, []))
    for paragraph in printed_paragraphs(word, one_page):
        findings += _fonts_and_colour(paragraph)
    return findings


def _numbered_anywhere(word: WordFile) -> bool:
    return any(f.is_page_number for story in word.stories.values() for p in story
               for f in fields(p.element))


def _paper(word: WordFile, section: Section) -> list[Finding]:
    if section.width is None or section.height is None:
        return [error("P1", section.location, "không khai báo khổ giấy",
                      "khổ A4 (210 × 297 mm)")]
    short, long = sorted((section.width, section.height))
    tolerance = TOLERANCE_MM * 1440 / 25.4
    findings = []
    if abs(short - A4_TWIPS[0]) > tolerance or abs(long - A4_TWIPS[1]) > tolerance:
        findings.append(error(
            "P1", section.location,
            f"khổ giấy {number(twips_to_mm(section.width), 1)} × "
            f"{number(twips_to_mm(section.height), 1)} mm",
            "khổ A4 (210 × 297 mm)"))
    if section.orientation == "landscape" and not _reason_to_turn(
            [p for p in word.paragraphs if p.section == section.index]):
        findings.append(error(
            "P1", section.location, "trang nằm ngang chỉ có lời văn (không có bảng, hình hay biểu mẫu)",
            "trang đứng; chỉ trình bày trang nằm ngang cho phần có bảng, biểu"))
    return findings


FILL_IN = re.compile(r"(\.{5,}|…{3,})")   # the dotted lines of a form to fill in


def _reason_to_turn(paragraphs: list[Paragraph]) -> bool:
    """A table, a chart or drawing, a framed or boxed block, a form of dotted lines: what a page
    is turned for (spec §1; the decree's own appendix turns a page for a layout diagram)."""
    if any(p.in_table or p.place.story == "textbox" or _holds_a_drawing(p) for p in paragraphs):
        return True
    if any(p.facts.boxed for p in paragraphs):
        return True
    return sum(1 for p in paragraphs if FILL_IN.search(p.text)) >= 3


def _holds_a_drawing(paragraph: Paragraph) -> bool:
    """A chart or diagram: like a table, a reason to turn the page (spec §1)."""
    return paragraph.facts.has_drawing


def _margins(word: WordFile, section: Section) -> list[Finding]:
    if section.orientation == "landscape" and _fits_rotated(section):
        return []   # the binding margin on the top edge of a turned page (spec §1)
    findings = []
    for side, (low, high) in MARGINS_MM.items():
        twips = section.margins.get(side)
        if twips is None:
            findings.append(error("P2", section.location, f"không khai báo {MARGIN_NAMES[side]}",
                                  f"{MARGIN_NAMES[side]} {low}–{high} mm"))
            continue
        mm = twips_to_mm(abs(twips))
        if not low - TOLERANCE_MM <= mm <= high + TOLERANCE_MM:
            findings.append(error("P2", section.location,
                                  f"{MARGIN_NAMES[side]} {number(mm, 1)} mm",
                                  f"{MARGIN_NAMES[side]} {low}–{high} mm"))
    return findings


_TURNS = (("left", "top", "right", "bottom"), ("right", "bottom", "left", "top"))


def _fits_rotated(section: Section) -> bool:
    """The margins of a landscape page, turned 90° either way, fit the portrait ranges."""
    if None in section.margins.values():
        return False
    mm = {side: twips_to_mm(abs(twips)) for side, twips in section.margins.items() if twips is not None}
    for turn in _TURNS:
        # turn[i] is the portrait side that the landscape top/right/bottom/left becomes
        if all(MARGINS_MM[portrait][0] - TOLERANCE_MM <= mm[side] <= MARGINS_MM[portrait][1] + TOLERANCE_MM
               for side, portrait in zip(("top", "right", "bottom", "left"), turn)):
            return True
    return False


def _page_numbers(word: WordFile, section: Section, appendix: bool) -> list[Finding]:
    where = section.location
    findings: list[Finding] = []
    if section.page_number_format not in (None, "decimal"):
        findings.append(error("P4", where, f"số trang kiểu «{section.page_number_format}»",
                              "số trang bằng chữ số Ả Rập"))
    if section.index == 0 and section.page_number_start not in (None, 1):
        findings.append(error("P4", where, f"số trang bắt đầu từ {section.page_number_start}",
                              "số trang bắt đầu từ 1"))

    if not _page_fields(word.header(section.index, "default")):
        in_footer = _page_fields(word.footer(section.index, "default"))
        findings.append(error("P4", where,
                              "số trang ở chân trang" if in_footer
                              else "đầu trang không có trường số trang (PAGE)",
                              "số trang ở đầu trang (phần lề trên), căn giữa"))

    if section.index == 0:
        if not section.title_page:
            findings.append(error("P4", where, "trang đầu vẫn hiện số trang (thiếu titlePg)",
                                  "không đánh số trang đầu: bật «Trang đầu khác» (w:titlePg)"))
        elif _page_fields(word.header(section.index, "first")):
            findings.append(error("P4", where, "đầu trang của trang đầu có số trang",
                                  "không đánh số trang đầu"))
    elif section.title_page and not appendix:
        findings.append(warning("P4", where, "trang đầu của mục này không có số trang (titlePg)",
                                "chỉ trang 1 của văn bản không đánh số"))
    return findings


def _page_fields(header: list[Paragraph] | None) -> list:
    return [(p, f) for p in header or [] for f in fields(p.element) if f.is_page_number]


def _page_number_look(word: WordFile, header: list[Paragraph]) -> list[Finding]:
    """Alignment, size and style of the page number, once per header part."""
    page_fields = _page_fields(header)
    if not page_fields:
        return []
    paragraph, page_field = page_fields[0]
    findings = []
    if paragraph.format.alignment != "center" and not _centred_with_a_tab(paragraph, word):
        alignment = ALIGNMENT_NAMES.get(paragraph.format.alignment, paragraph.format.alignment)
        findings.append(error("P4", paragraph.location, f"số trang {alignment}", "số trang căn giữa"))
    formats = [resolve_run_format(run, paragraph.element, paragraph.table, word.sheet, word.theme)
               for run in page_field.display_runs or [None]]
    return findings + look_findings("P4", paragraph.location, "số trang", PAGE_NUMBER,
                                    [Segment("1", f) for f in formats])


def _centred_with_a_tab(paragraph: Paragraph, word: WordFile) -> bool:
    """``<tab>PAGE`` against a centre tab stop (Word's Header style has one at 8,25 cm)."""
    if not paragraph.text.startswith("\t") or paragraph.text.strip("\t ").count("\t"):
        return False
    levels = [child(paragraph.element, "w:pPr")] + [
        s.find(qn("w:pPr")) for s in word.sheet.paragraph_styles(paragraph.element)]
    return any(tab.get(qn("w:val")) == "center"
               for ppr in levels if ppr is not None for tab in ppr.iter(qn("w:tab")))


def _slots(segment: Segment) -> set[str]:
    """The rFonts slots a segment's characters use (spec §1)."""
    run = segment.format
    if not run.complex_script and run.hint is None and all(
            ch < "\u1100" or "\u1e00" <= ch <= "\u1eff" for ch in segment.text):
        # the common case, without asking character by character: Latin and Vietnamese
        inked = [ch for ch in segment.text if not ch.isspace()]
        return ({"ascii"} if any(ord(ch) < 0x80 for ch in inked) else set()) | (
            {"hAnsi"} if any(ord(ch) >= 0x80 for ch in inked) else set())
    return {run.slot_for(ch) for ch in segment.text if not ch.isspace()}


def _fonts_and_colour(paragraph: Paragraph) -> list[Finding]:
    wrong_fonts: dict[str, set[str]] = {}
    colours: set[str] = set()
    for segment in paragraph.visible:
        for slot in _slots(segment):
            name = segment.format.font(slot)
            if name is not None and not is_times_new_roman(name):
                # None: nothing set anywhere, Word's built-in default, Times New Roman
                wrong_fonts.setdefault(name, set()).add(slot)
        if not segment.format.is_black:
            colours.add(segment.format.colour)
    findings = []
    if wrong_fonts:
        found = "; ".join(f"phông {name} ({', '.join(sorted(slots))})"
                          for name, slots in sorted(wrong_fonts.items()))
        if _prints_the_same(paragraph, wrong_fonts):
            findings.append(warning("P3", paragraph.location, found + " cho chữ số",
                                    f"phông {FONT} (chữ số in giống nhau, nhưng nên thống nhất phông)"))
        else:
            findings.append(error("P3", paragraph.location, found, f"phông {FONT} cho mọi chữ"))
    if colours:
        findings.append(error("P3", paragraph.location,
                              "màu chữ " + ", ".join(f"#{c}" for c in sorted(colours)),
                              "chữ màu đen (auto hoặc #000000)"))
    return findings


FACE_SUFFIX = re.compile(r"(\s+(bold|italic|regular|oblique|bold\s+italic))+$", re.IGNORECASE)
LEGACY_VIETNAMESE_FONT = re.compile(r"^(\.vn|vni[- ]|vn[- ]?)", re.IGNORECASE)


def is_times_new_roman(name: str) -> bool:
    """``Times New Roman Bold`` is the bold face of Times New Roman, not another font."""
    return FACE_SUFFIX.sub("", name.strip()).lower() == FONT.lower()


def _prints_the_same(paragraph: Paragraph, wrong_fonts: dict[str, set[str]]) -> bool:
    """Digits and ASCII punctuation in a Vietnamese legacy font (VNI-Times, .VnTime) print
    exactly as in Times New Roman: a page number set in VNI-Times is cosmetic."""
    text = "".join(s.text for s in paragraph.visible)
    return (all(ch.isdigit() or (ch.isascii() and not ch.isalpha()) for ch in text)
            and all(LEGACY_VIETNAMESE_FONT.match(name) for name in wrong_fonts))
