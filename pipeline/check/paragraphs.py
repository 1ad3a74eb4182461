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

from .facts import ParagraphFacts, read_facts
from .fonts import RunFormat, resolve_run_format, style_rprs
from .ooxml import attr, child, qn
from .paragraph_format import ParagraphFormat, resolve_paragraph_format
from .sections import Section
from .styles import StyleSheet
from .theme import Theme

EXCERPT_LENGTH = 30

_P, _R, _TBL, _TC, _TR = qn("w:p"), qn("w:r"), qn("w:tbl"), qn("w:tc"), qn("w:tr")
_FALLBACK = qn("mc:Fallback")
_BODY, _SECT_PR = qn("w:body"), qn("w:sectPr")
_BLOCKS = {_P, _TBL, qn("w:sdt"), qn("w:customXml")}
_BLOCK_TAGS = (*_BLOCKS, _SECT_PR)
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
        if self.cell is not None:   # a top-level table's paragraph: table and cell go together
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
    element: object | None      # the w:p of a header or footer; None in the (streamed) main story
    table: object | None        # the nearest w:tbl (a header's) or its number (main story)
    place: Place
    format: ParagraphFormat
    segments: list[Segment] = field(default_factory=list)   # "\n" segments are line breaks
    has_section_break: bool = False
    facts: ParagraphFacts = field(default_factory=ParagraphFacts)
    block: int = 0              # which body-level block it is (or is in): adjacency of paragraphs

    @cached_property  # the rules ask for it some 25 times; segments are complete once read
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
    _run_formats: dict = field(default_factory=dict, repr=False)
    _paragraph_formats: dict = field(default_factory=dict, repr=False)

    def read_stream(self, stream) -> tuple[list[Paragraph], list[Section]]:
        """The main story and its sections, one body-level block in memory at a time."""
        paragraphs: list[Paragraph] = []
        sections: list[Section] = []
        counters = {"paragraph": 0, "table": 0, "section": 0, "block": 0}
        body = None
        # only block ends raise an event: nested ones are read with their body-level block
        for _, element in etree.iterparse(stream, events=("end",), tag=_BLOCK_TAGS,
                                          resolve_entities=False, no_network=True):
            parent = element.getparent()
            if parent is None or parent.tag != _BODY:
                continue
            body = parent
            if element.tag == _SECT_PR:
                sections.append(Section.from_element(len(sections), element))
            else:
                self._read_blocks([element], paragraphs, counters, sections)
            element.clear()
            while element.getprevious() is not None:
                del body[0]
        if body is None:
            raise ValueError("no w:body")
        return paragraphs, sections

    def read_story(self, root, story: str, section: int) -> list[Paragraph]:
        """Every paragraph of a header or footer part (kept whole: fields are read later)."""
        return [self.read(p, _nearest(p, _TBL), Place(story, section=section), keep=True)
                for p in root.iter(_P) if not _in_fallback(p, root)]

    def read(self, p, table, place: Place, keep: bool = False, table_key=None) -> Paragraph:
        table_style = attr(child(child(table, "w:tblPr"), "w:tblStyle"), "w:val") if table is not None else None
        ppr = child(p, "w:pPr")
        key = (etree.tostring(ppr) if ppr is not None else b"", table is not None, table_style)
        if key not in self._paragraph_formats:
            self._paragraph_formats[key] = resolve_paragraph_format(p, table, self.sheet)
        paragraph = Paragraph(p if keep else None, table if keep else table_key, place,
                              self._paragraph_formats[key])
        paragraph.has_section_break = child(ppr, "w:sectPr") is not None
        paragraph.facts = read_facts(p, self.sheet)
        style = attr(child(ppr, "w:pStyle"), "w:val")
        levels: list | None = None

        def run_format_of(run) -> RunFormat:
            nonlocal levels
            rpr = child(run, "w:rPr")
            run_key = (style, table is not None, table_style, etree.tostring(rpr) if rpr is not None else b"")
            if run_key not in self._run_formats:
                if levels is None:
                    levels = [style_rprs(self.sheet.paragraph_styles(p)),
                              style_rprs(self.sheet.table_styles(table))]
                self._run_formats[run_key] = resolve_run_format(run, p, table, self.sheet, self.theme,
                                                                levels[0], levels[1])
            return self._run_formats[run_key]

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

    def _read_blocks(self, container, paragraphs, counters, sections) -> None:
        for block in container:
            if block.tag in _BLOCKS:
                counters["block"] += 1
            if block.tag == _P:
                counters["paragraph"] += 1
                place = Place(number=counters["paragraph"], section=counters["section"])
                paragraph = self.read(block, None, place)
                paragraph.block = counters["block"]
                paragraphs.append(paragraph)
                for p in block.iter(_P):
                    if p is not block and not _in_fallback(p, block):
                        frame = _nearest(p, _TBL)   # a table inside a text box, rarely
                        inner = self.read(p, frame, Place("textbox", number=place.number,
                                                          section=place.section),
                                          table_key=None if frame is None else ("textbox", counters["block"]))
                        inner.block = counters["block"]
                        paragraphs.append(inner)
                if paragraph.has_section_break:
                    sections.append(Section.from_element(
                        len(sections), child(child(block, "w:pPr"), "w:sectPr")))
                    counters["section"] += 1
            elif block.tag == _TBL:
                counters["table"] += 1
                self._read_table(block, paragraphs, counters)
            elif block.tag != _SECT_PR:
                # w:sdt/w:sdtContent, w:customXml and the like wrap block-level content
                content = child(block, "w:sdtContent") if block.tag == qn("w:sdt") else block
                if content is not None:
                    self._read_blocks(content, paragraphs, counters, sections)

    def _read_table(self, table, paragraphs, counters) -> None:
        rows = [tr for tr in table.iter(_TR) if _nearest(tr, _TBL) is table]
        tables = {table: (counters["table"], 0)}   # nested tables numbered within this one
        for r, row in enumerate(rows, start=1):
            cells = [tc for tc in row.iter(_TC) if _nearest(tc, _TR) is row]
            for c, cell in enumerate(cells, start=1):
                place = Place(table=counters["table"], cell=(r, c), section=counters["section"])
                for p in cell.iter(_P):
                    if not _in_fallback(p, cell):
                        nearest = _nearest(p, _TBL)
                        inner = None if nearest is table else _cell_in(nearest, p)
                        key = tables.setdefault(nearest, (counters["table"], len(tables)))
                        paragraph = self.read(p, nearest, Place(
                            place.story, None, place.table, place.cell, place.section, inner),
                            table_key=key)
                        paragraph.block = counters["block"]
                        paragraphs.append(paragraph)


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
