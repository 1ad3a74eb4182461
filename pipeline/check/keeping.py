"""S2: the signature block stays on one page with the end of the text (warning).

ND 30 has no such rule, and a real document's signature table rarely carries ``w:cantSplit``:
a missing setting is no finding by itself. What an office sends back is the printed result — the
signer's name alone at the top of a page, or the whole block on a page of its own. So S2 speaks
only where that happens:

- a file Word saved carries ``w:lastRenderedPageBreak`` where its pages broke when last laid
  out: a break inside the block means it split, a break at its very start means it left the
  text above it;
- a file with no such marks (generated, or saved by another program) is laid out by the rough
  estimate of :mod:`pages`, trusted only on the first two pages and only when the page end
  falls clearly inside the block.
"""

from __future__ import annotations

from .document import DocumentParts
from .findings import Finding, warning
from .package import WordFile
from .pages import block_on_page
from .paragraphs import Line, Paragraph

TRUSTED_PAGES = 2      # the estimate drifts with every page: beyond the second it says nothing
CLEAR_MARGIN_PT = 40   # about two lines either side of the page end


def kept_together(word: WordFile, parts: DocumentParts, lines: list[Line]) -> list[Finding]:
    block = list(dict.fromkeys(line.paragraph for line in lines))
    signature = parts.signature
    if not block or signature is None:
        return []
    body = [p for p in parts.body if p.text.strip()]
    kept_with_text = bool(body) and _keeps_with_next(word, body[-1])
    cannot_split = _cannot_split(word, signature.table, block)
    if _rendered(word):
        splits, alone = _rendered_breaks(block)
    else:
        splits, alone = _estimated_breaks(word, signature.table)
        splits = splits and not cannot_split
        alone = alone and cannot_split and not kept_with_text
    if splits:
        return [warning("S2", signature.where,
                        "khối chữ ký bị tách sang hai trang",
                        "chức vụ, họ tên người ký nằm trên cùng một trang: bật «Không cho phép ngắt "
                        "hàng» cho hàng bảng chữ ký (Table Properties > Row > Allow row to break "
                        "across pages: bỏ chọn)")]
    if alone:
        return [warning("S2", signature.where,
                        "khối chữ ký sang trang mới, tách khỏi phần nội dung",
                        "khối chữ ký nằm cùng trang với vài dòng cuối của nội dung: bật «Giữ với "
                        "đoạn tiếp theo» cho đoạn cuối nội dung (Paragraph > Line and Page Breaks "
                        "> Keep with next)")]
    return []


def _rendered(word: WordFile) -> bool:
    return any(p.facts.rendered_breaks for p in word.paragraphs)


def _rendered_breaks(block: list[Paragraph]) -> tuple[bool, bool]:
    """(split inside the block, block starts a page) from Word's last layout."""
    marks = [(index, before) for index, paragraph in enumerate(block)
             for before, _ in _breaks(paragraph)]
    alone = any(index == 0 and not before for index, before in marks)
    splits = any(index > 0 or before for index, before in marks)
    return splits and not alone, alone


def _breaks(paragraph: Paragraph):
    """(text before it in the paragraph, None) for each rendered page break."""
    return [(before, None) for before in paragraph.facts.rendered_breaks]


def _estimated_breaks(word: WordFile, table: int | None) -> tuple[bool, bool]:
    """(split inside the block, block starts a page) by the estimate, for the signature ``table``."""
    if table is None:
        return False, False
    place = block_on_page(word, table)
    if place is None:
        return False, False
    page, top, height, page_height = place
    if page >= TRUSTED_PAGES or top + height <= page_height + CLEAR_MARGIN_PT:
        return False, False
    return top < page_height - CLEAR_MARGIN_PT, True


def _cannot_split(word: WordFile, table: int | None, block: list[Paragraph]) -> bool:
    if table is None:
        return all(_keeps_with_next(word, p) for p in block[:-1])
    return all(p.facts.row_cant_split for p in block)


def _keeps_with_next(word: WordFile, paragraph: Paragraph) -> bool:
    return paragraph.facts.keep_next
