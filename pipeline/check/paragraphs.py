"""Paragraphs in document order, with their text, formatting, section and place.

A paragraph is read as segments (text + effective run formatting) and split into lines at
``w:br``/``w:cr``, since generators often stack a block (``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH``)
in one paragraph with line breaks. Runs are those whose nearest ``w:p`` is the paragraph,
including runs in hyperlinks, fields, content controls and insertions; text boxes are
paragraphs of their own; ``mc:Fallback`` copies are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from .fonts import RunFormat, resolve_run_format, style_rprs
from .ooxml import child, qn
from .paragraph_format import ParagraphFormat, resolve_paragraph_format
from .styles import StyleSheet
from .theme import Theme

EXCERPT_LENGTH = 30

_P, _R, _TBL, _TC, _TR = qn("w:p"), qn("w:r"), qn("w:tbl"), qn("w:tc"), qn("w:tr")
_FALLBACK = qn("mc:Fallback")
_BREAK_TAGS = {qn("w:br"), qn("w:cr")}
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:noBreakHyphen"): "-"}


@dataclass(frozen=True)
class Place:
    """Where a paragraph sits, for messages: a body paragraph, a table cell, a header."""

    story: str = "body"                  # "body", "header", "footer", "textbox"
    number: int | None = None            # paragraph number outside tables (1-based)
    table: int | None = None             # top-level table number (1-based)
    cell: tuple[int, int] | None = None  # (row, column), 1-based
    section: int = 0                     # 0-based
    inner: tuple[int, int] | None = None  # (row, column) in a table nested in that cell

    def describe(self) -> str:
        if self.story in ("header", "footer"):
            name = "đầu trang" if self.story == "header" else "chân trang"
            return f"{name} của mục {self.section + 1} (section)"
        if self.table is not None:
            return f"bảng {self.table}, ô ({self.cell[0]},{self.cell[1]})"
        if self.story == "textbox":
            return f"khung văn bản sau đoạn {self.number}"
        return f"đoạn {self.number}"


@dataclass(frozen=True)
class Segment:
    text: str
    format: RunFormat


@dataclass(eq=False)
class Line:
    """Một dòng: the text of a paragraph between two line breaks."""

    paragraph: Paragraph
    segments: list[Segment]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    @property
    def visible(self) -> list[Segment]:
        """Segments that show ink: the ones whose format matters."""
        return [s for s in self.segments if s.text.strip()]

    @property
    def location(self) -> str:
        return locate(self.paragraph.place, self.text)


@dataclass(eq=False)
class Paragraph:
    element: object
    table: object | None        # the nearest w:tbl, for table-style resolution
    place: Place
    format: ParagraphFormat
    segments: list[Segment] = field(default_factory=list)   # "\n" segments are line breaks
    has_section_break: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    @property
    def section(self) -> int:
        return self.place.section

    @property
    def in_table(self) -> bool:
        return self.table is not None

    @cached_property
    def lines(self) -> list[Line]:
        lines = [Line(self, [])]
        for segment in self.segments:
            if segment.text == "\n":
                lines.append(Line(self, []))
            else:
                lines[-1].segments.append(segment)
        return lines

    @cached_property
    def text_lines(self) -> list[Line]:
        return [line for line in self.lines if line.text.strip()]

    @property
    def visible(self) -> list[Segment]:
        return [s for s in self.segments if s.text.strip()]

    @property
    def location(self) -> str:
        return locate(self.place, self.text)


def locate(place: Place, text: str) -> str:
    excerpt = " ".join(text.split())
    if not excerpt:
        return place.describe()
    if len(excerpt) > EXCERPT_LENGTH:
        excerpt = excerpt[:EXCERPT_LENGTH].rstrip() + "…"
    return f"{place.describe()} «{excerpt}»"


@dataclass
class ParagraphReader:
    """Turns ``w:p`` elements into :class:`Paragraph` objects with resolved formatting."""

    sheet: StyleSheet
    theme: Theme

    def read_body(self, body) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        counters = {"paragraph": 0, "table": 0, "section": 0}
        self._read_blocks(body, paragraphs, counters)
        return paragraphs

    def read_story(self, root, story: str, section: int) -> list[Paragraph]:
        """Every paragraph of a header or footer part."""
        return [self.read(p, _nearest(p, _TBL), Place(story, section=section))
                for p in root.iter(_P) if not _in_fallback(p, root)]

    def read(self, p, table, place: Place) -> Paragraph:
        paragraph = Paragraph(p, table, place, resolve_paragraph_format(p, table, self.sheet))
        paragraph.has_section_break = child(child(p, "w:pPr"), "w:sectPr") is not None
        paragraph_level = style_rprs(self.sheet.paragraph_styles(p))
        table_level = style_rprs(self.sheet.table_styles(table))
        formats: dict[bytes, RunFormat] = {}   # runs formatted alike (most of them) resolve once

        def run_format_of(run) -> RunFormat:
            rpr = child(run, "w:rPr")
            key = etree.tostring(rpr) if rpr is not None else b""
            if key not in formats:
                formats[key] = resolve_run_format(run, p, table, self.sheet, self.theme,
                                                  paragraph_level, table_level)
            return formats[key]

        for run in p.iter(_R):
            if _nearest(run, _P) is not p or _in_fallback(run, p):
                continue
            run_format = None
            for piece in run:
                if piece.tag in _BREAK_TAGS:
                    text = "\n"
                elif piece.tag in _TEXT_TAGS:
                    text = _TEXT_TAGS[piece.tag] or piece.text or ""
                else:
                    continue
                if run_format is None:
                    run_format = run_format_of(run)
                if not run_format.prints:
                    break   # hidden or white text is not on the printed page: not judged
                paragraph.segments.append(Segment(text, run_format))
        return paragraph

    def _read_blocks(self, container, paragraphs, counters) -> None:
        for block in container:
            if block.tag == _P:
                counters["paragraph"] += 1
                place = Place(number=counters["paragraph"], section=counters["section"])
                paragraph = self.read(block, None, place)
                paragraphs.append(paragraph)
                for p in block.iter(_P):
                    if p is not block and not _in_fallback(p, block):
                        paragraphs.append(self.read(p, _nearest(p, _TBL),
                                                    Place("textbox", number=place.number,
                                                          section=place.section)))
                if paragraph.has_section_break:
                    counters["section"] += 1
            elif block.tag == _TBL:
                counters["table"] += 1
                self._read_table(block, paragraphs, counters)
            elif block.tag != qn("w:sectPr"):
                # w:sdt/w:sdtContent, w:customXml and the like wrap block-level content
                content = child(block, "w:sdtContent") if block.tag == qn("w:sdt") else block
                if content is not None:
                    self._read_blocks(content, paragraphs, counters)

    def _read_table(self, table, paragraphs, counters) -> None:
        rows = [tr for tr in table.iter(_TR) if _nearest(tr, _TBL) is table]
        for r, row in enumerate(rows, start=1):
            cells = [tc for tc in row.iter(_TC) if _nearest(tc, _TR) is row]
            for c, cell in enumerate(cells, start=1):
                place = Place(table=counters["table"], cell=(r, c), section=counters["section"])
                for p in cell.iter(_P):
                    if not _in_fallback(p, cell):
                        nearest = _nearest(p, _TBL)
                        inner = None if nearest is table else _cell_in(nearest, p)
                        paragraphs.append(self.read(p, nearest, Place(
                            place.story, None, place.table, place.cell, place.section, inner)))


def _cell_in(table, p) -> tuple[int, int] | None:
    """(row, column) of the cell of the nested ``table`` that holds ``p``: its own grid."""
    cell = _nearest(p, _TC)
    row = cell.getparent() if cell is not None else None
    if row is None or row.getparent() is not table:
        return None
    rows = [tr for tr in table if tr.tag == _TR]
    cells = [tc for tc in row if tc.tag == _TC]
    return rows.index(row) + 1, cells.index(cell) + 1


def _nearest(element, tag):
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _in_fallback(element, root) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not root:
        if parent.tag == _FALLBACK:
            return True
        parent = parent.getparent()
    return False
