"""A rough page count, to know a one-page document (which needs no page number, spec §1).

Word's own count (``docProps/app.xml``) is stale in generated files (python-docx's default
says 1 page whatever the content), so the height of the text is estimated instead: lines of
average-width characters in the column, at the line spacing, plus paragraph spacing; table rows
as tall as their tallest cell. It errs towards "more than one page": a document is called a
one-pager only with room to spare, or when Word's saved count agrees with the estimate.
"""

from __future__ import annotations

import math

from .ooxml import TWIPS_PER_PT, qn
from .package import WordFile
from .paragraphs import Paragraph
from .sections import Section, story_reference

AVERAGE_CHARACTER_EM = 0.45    # Times New Roman, Vietnamese text with spaces (calibrated on
                               # tests/data/real-docs against Word's own page counts)
SINGLE_LINE = 1.15             # single line spacing, in font sizes
ROOM_TO_SPARE = 0.9            # a one-pager fills at most this share of the page …
WORD_SAYS_ONE_PAGE = 1.25      # … or this much when Word's own count (app.xml) says 1 page
EMPTY_LINE_PT = 12.0           # an empty paragraph's mark: rarely sized, 12 pt is typical
_PAGE_BREAK = qn("w:br")


def is_one_page(word: WordFile) -> bool:
    if any(s.start != "continuous" for s in word.sections[1:]) or _has_page_break(word):
        return False   # a section starting on a new page (or a page break) makes two pages
    area = _text_area_pt(word.sections[0])
    if area is None:
        return False
    width_pt, height_pt = area
    limit = WORD_SAYS_ONE_PAGE if word.saved_page_count == 1 else ROOM_TO_SPARE
    return _text_height(word.paragraphs, width_pt) <= limit * height_pt


def _text_area_pt(section: Section | None) -> tuple[float, float] | None:
    """(width, height) of a page's text area in points; None when its page setup is incomplete."""
    if section is None or section.text_width is None or section.text_height is None:
        return None
    return section.text_width / TWIPS_PER_PT, section.text_height / TWIPS_PER_PT


def printed_paragraphs(word: WordFile, one_page: bool | None = None) -> list[Paragraph]:
    """The main story and the headers and footers that print: on a one-page document only
    page 1's (the ``first`` ones when «Different First Page» is on)."""
    if one_page is None:
        one_page = is_one_page(word)
    if not one_page:
        return word.all_paragraphs
    kind = "first" if word.sections[0].title_page else "default"
    refs = {story_reference(word.sections, s.index, story, kind)
            for s in word.sections for story in ("header", "footer")}
    return word.paragraphs + [p for ref in refs if ref is not None for p in word.stories.get(ref, [])]


def _has_page_break(word: WordFile) -> bool:
    return any(paragraph.facts.starts_page for paragraph in word.paragraphs)


def _text_height(paragraphs: list[Paragraph], width_pt: float) -> float:
    total = 0.0
    rows: dict[tuple[int, int], dict[tuple, float]] = {}   # (table, row) -> cell -> height
    columns: dict[tuple[int, int], int] = {}
    for paragraph in paragraphs:
        if paragraph.place.story != "body":
            continue
        table, cell = paragraph.place.table, paragraph.place.cell
        if table is None or cell is None:
            total += _paragraph_height(paragraph, width_pt)
            continue
        row = (table, cell[0])
        columns[row] = max(columns.get(row, 1), cell[1])
        cells = rows.setdefault(row, {})
        cells[cell] = cells.get(cell, 0.0) + _paragraph_height(
            paragraph, width_pt / 2)   # cells are narrower than the column: assume two columns
    return total + sum(max(cells.values()) for cells in rows.values())


def _paragraph_height(paragraph: Paragraph, width_pt: float) -> float:
    size = max((s.format.size for s in paragraph.visible), default=EMPTY_LINE_PT)
    fmt = paragraph.format
    if fmt.line_rule == "auto":
        line_height = size * SINGLE_LINE * fmt.line
    elif fmt.line_rule == "exact":
        line_height = fmt.line
    else:
        line_height = max(fmt.line, size * SINGLE_LINE)
    per_line = max(1, int(width_pt / (size * AVERAGE_CHARACTER_EM)))
    lines = sum(max(1, math.ceil(len(text) / per_line)) for text in paragraph.text.split("\n"))
    return lines * line_height + fmt.before_pt + fmt.after_pt


def block_on_page(word: WordFile, table: int) -> tuple[int, float, float, float] | None:
    """Where the estimate puts top-level table ``table``: ``(page, top, height, page height)``,
    the page 0-based, the rest in points, ``top`` from the top of the text area of that page.

    Body paragraphs and earlier tables are stacked as in :func:`_text_height`; a section that
    starts on a new page or a page break starts a new page. None when the page is unknown.
    """
    sections = {s.index: s for s in word.sections}
    offset = 0.0
    rows: dict[tuple[int, int], dict[tuple, float]] = {}
    current_table = None
    page_height = width = None
    page = 0

    def close_table() -> float:
        height = sum(max(cells.values()) for cells in rows.values())
        rows.clear()
        return height

    for paragraph in word.paragraphs:
        if paragraph.place.story != "body":
            continue
        area = _text_area_pt(sections.get(paragraph.section))
        if area is None:
            return None
        width, page_height = area
        if paragraph.place.table != current_table:
            if current_table == table:
                break
            offset += close_table()
            current_table = paragraph.place.table
            if current_table == table:
                page, offset = int(offset // page_height), offset % page_height
        cell = paragraph.place.cell
        if paragraph.place.table is None or cell is None:
            if _starts_a_page(paragraph):
                offset = math.ceil(offset / page_height) * page_height if offset else 0.0
            offset += _paragraph_height(paragraph, width)
            if paragraph.has_section_break and sections.get(paragraph.section + 1) is not None \
                    and sections[paragraph.section + 1].start != "continuous":
                offset = math.ceil(offset / page_height) * page_height
            continue
        cells = rows.setdefault((paragraph.place.table, cell[0]), {})
        cells[cell] = cells.get(cell, 0.0) + _paragraph_height(paragraph, width / 2)
    if current_table != table or page_height is None:
        return None
    return page, offset, close_table(), page_height


def _starts_a_page(paragraph: Paragraph) -> bool:
    return paragraph.facts.starts_page
