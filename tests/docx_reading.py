"""Read generated documents back as a person would check them: texts and effective formatting."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt


def open_docx(path):
    return Document(str(path))


def all_paragraphs(doc):
    """Every paragraph in document order, including those inside tables (one level deep)."""
    body = doc.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, doc)
        elif child.tag == qn("w:tbl"):
            table = Table(child, doc)
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


def texts(doc) -> list[str]:
    return [p.text for p in all_paragraphs(doc)]


def find(doc, startswith: str):
    for p in all_paragraphs(doc):
        if p.text.startswith(startswith):
            return p
    raise AssertionError(f"no paragraph starts with {startswith!r}; have {texts(doc)[:40]}")


def _style_chain(paragraph):
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def effective(paragraph, run, attr: str):
    """A run's effective font attribute (`size`, `bold`, `italic`, `name`): run, then paragraph style chain."""
    value = getattr(run.font, attr)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.font, attr)
        if value is not None:
            return value
    if attr == "size":
        return _default_size(paragraph)
    return False if attr in {"bold", "italic"} else None


def _default_size(paragraph):
    styles = paragraph.part.package.main_document_part.document.styles.element
    sz = styles.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    return Pt(int(sz.get(qn("w:val"))) / 2) if sz is not None else Pt(10)


def paragraph_format(paragraph, attr: str):
    value = getattr(paragraph.paragraph_format, attr)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.paragraph_format, attr)
        if value is not None:
            return value
    return None


@dataclass
class Look:
    size: float
    bold: bool
    italic: bool


def look(paragraph) -> Look:
    """The formatting shared by every run with text in the paragraph (fails if runs differ)."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    assert runs, f"paragraph has no text runs: {paragraph.text!r}"
    looks = {(effective(paragraph, r, "size").pt, bool(effective(paragraph, r, "bold")),
              bool(effective(paragraph, r, "italic"))) for r in runs}
    assert len(looks) == 1, f"runs differ in {paragraph.text!r}: {looks}"
    size, bold, italic = looks.pop()
    return Look(size, bold, italic)


def run_fonts(paragraph, run) -> dict[str, str | None]:
    """The four rFonts slots as they apply to the run: direct, else style chain, else defaults."""
    slots = {}
    sources = [run._r.rPr] + [s.element.rPr for s in _style_chain(paragraph)]
    styles = paragraph.part.package.main_document_part.document.styles.element
    sources.append(styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        for rpr in sources:
            fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
            if fonts is not None and fonts.get(qn(f"w:{slot}")):
                slots[slot] = fonts.get(qn(f"w:{slot}"))
                break
            if fonts is not None and fonts.get(qn(f"w:{slot}Theme")):
                slots[slot] = "theme:" + fonts.get(qn(f"w:{slot}Theme"))
                break
        else:
            slots[slot] = None
    return slots


def form_rows(doc) -> dict[int, list]:
    """The rows of each statistics form (`Biểu mẫu N`) below its two-row header, by form number. A form
    whose table breaks across pages (as in the real report, one table per page) goes on in the next table."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    forms: dict[int, list] = {}
    number = None
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p") and re.fullmatch(r"Biểu mẫu \d+", Paragraph(child, doc).text.strip()):
            number = int(Paragraph(child, doc).text.split()[-1])
        elif child.tag == qn("w:tbl") and number is not None:
            table = Table(child, doc)
            if table.rows[0].cells[0].text.strip() == "STT":
                forms.setdefault(number, []).extend(table.rows[2:])
    return forms


def is_bold(cell) -> bool:
    """Every run with text in the cell prints bold."""
    runs = [(p, r) for p in cell.paragraphs for r in p.runs if r.text.strip()]
    return bool(runs) and all(effective(p, r, "bold") for p, r in runs)
