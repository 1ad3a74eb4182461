"""What the rules need to know of a paragraph's XML, read once while the XML is in memory.

The main story is streamed (issue 20 §4): once a block is read its elements are freed, so the
few facts the rules ask of the XML itself — page breaks, drawings, keep-with-next, the row's
«cantSplit», Word's last page breaks, the cell's width — are kept on the paragraph instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cells import cell_text_width, side_indents
from .ooxml import attr, child, on_off, qn
from .styles import StyleSheet

_RENDERED_BREAK = qn("w:lastRenderedPageBreak")
_DRAWINGS = (qn("w:drawing"), qn("w:pict"), qn("w:object"))


@dataclass(frozen=True)
class ParagraphFacts:
    style_id: str | None = None
    keep_next: bool = False               # «Keep with next», direct or from the style
    starts_page: bool = False             # page break before it, or a page break inside it
    has_drawing: bool = False             # a picture, chart, shape or embedded object
    boxed: bool = False                   # paragraph borders or a frame: a form, a boxed block
    rendered_breaks: tuple[str, ...] = ()  # Word's last page breaks: the text before each
    row_cant_split: bool = False          # the top-level table row may not break across pages
    cell_width_twips: int | None = None   # the cell's text width, for lines as they print
    side_indents_twips: int = 0


def read_facts(p, sheet: StyleSheet) -> ParagraphFacts:
    ppr = child(p, "w:pPr")
    style_id = attr(child(ppr, "w:pStyle"), "w:val")
    breaks, text = [], ""
    page_break = drawing = False
    for element in p.iter(qn("w:t"), _RENDERED_BREAK, qn("w:br"), *_DRAWINGS):
        if element.tag == _RENDERED_BREAK:
            breaks.append(text.strip())
        elif element.tag == qn("w:t"):
            text += element.text or ""
        elif element.tag == qn("w:br"):
            page_break = page_break or attr(element, "w:type") == "page"
        else:
            drawing = True
    in_table = next(p.iterancestors(qn("w:tc")), None) is not None
    return ParagraphFacts(
        style_id=style_id,
        keep_next=_keeps_with_next(p, sheet),
        starts_page=page_break or child(ppr, "w:pageBreakBefore") is not None,
        has_drawing=drawing,
        boxed=child(ppr, "w:pBdr") is not None or child(ppr, "w:framePr") is not None,
        rendered_breaks=tuple(breaks),
        row_cant_split=_row_cant_split(p) if in_table else False,
        cell_width_twips=cell_text_width(p) if in_table else None,
        side_indents_twips=side_indents(p))


def _keeps_with_next(p, sheet: StyleSheet) -> bool:
    for level in [p] + sheet.paragraph_styles(p):
        value = on_off(level.find(f"{qn('w:pPr')}/{qn('w:keepNext')}"))
        if value is not None:
            return value
    return False


def _row_cant_split(p) -> bool:
    rows = list(p.iterancestors(qn("w:tr")))
    if not rows:
        return False
    return bool(on_off(child(child(rows[-1], "w:trPr"), "w:cantSplit")))   # the top-level row
