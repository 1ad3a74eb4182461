"""Column widths and row breaks in one pass over each table (`fit_tables`) give the bytes of the two
edits made one after the other, on tables with nested tables, merged cells, `w:gridBefore`, cells
without properties or widths, and captions that match nothing."""

import random

import pytest
from lxml import etree

from pipeline.render.columns import allow_row_breaks, apply_column_widths, fit_tables

def maybe(rng: random.Random, chance: float, xml: str) -> list[str]:
    return [xml] if rng.random() < chance else []


def cell(rng: random.Random, depth: int, span: int) -> str:
    properties = ""
    if rng.random() < 0.85:   # some cells have no properties, some no width
        inner = maybe(rng, 0.9, f'<w:tcW w:w="{rng.randint(1, 3000)}" w:type="dxa"/>')
        if span > 1:
            inner.insert(rng.randint(0, len(inner)), f'<w:gridSpan w:val="{span}"/>')
        inner += maybe(rng, 0.3, '<w:vAlign w:val="center"/>')
        properties = f"<w:tcPr{' ' if rng.random() < 0.1 else ''}>" + "".join(inner) + "</w:tcPr>"
    body = "<w:p><w:r><w:t>x &amp; y</w:t></w:r></w:p>"
    if depth < 2 and rng.random() < 0.1:
        body = table(rng, depth + 1) + body
    return rng.choice(["<w:tc>", "<w:tc>", '<w:tc w14:id="1">']) + properties + body + "</w:tc>"


def row(rng: random.Random, depth: int, columns: int) -> str:
    properties = maybe(rng, 0.7, "<w:cantSplit/>") + maybe(rng, 0.2, "<w:tblHeader/>")
    before = rng.randint(1, columns - 1) if columns > 1 and rng.random() < 0.1 else 0
    if before:
        properties.insert(0, f'<w:gridBefore w:val="{before}"/>')
    parts = ["<w:trPr>" + "".join(properties) + "</w:trPr>"] if properties else []
    column = before
    while column < columns:
        span = rng.choice([1, 1, 1, 2]) if column + 1 < columns else 1
        parts.append(cell(rng, depth, span))
        column += span
    return "<w:tr>" + "".join(parts) + "</w:tr>"


def table(rng: random.Random, depth: int = 0, caption: str | None = None, columns: int = 0, rows: int = 0) -> str:
    columns = columns or rng.randint(1, 4)
    properties = (maybe(rng, 0.8, f'<w:tblW w:w="{rng.randint(100, 9000)}" w:type="dxa"/>')
                  + maybe(rng, 0.5, '<w:tblLayout w:type="autofit"/>') + maybe(rng, 0.5, '<w:tblLook w:val="04A0"/>')
                  + ([f'<w:tblCaption w:val="{caption}"/>'] if caption is not None else []))
    grid = "".join(f'<w:gridCol w:w="{rng.randint(100, 3000)}"/>' for _ in range(columns))
    body = "".join(row(rng, depth, columns) for _ in range(rows or rng.randint(1, 5)))
    return f"<w:tbl><w:tblPr>{''.join(properties)}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def document(rng: random.Random) -> tuple[bytes, dict, dict]:
    """A body of a few tables, and widths and row flags for their captions (some of the wrong length)."""
    parts, widths, breaks = [], {}, {}
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(["Bảng", "B &amp; C", "Khác"])
        columns, rows = rng.randint(1, 4), rng.randint(1, 5)
        caption = name if rng.random() < 0.9 else None
        parts.append("<w:p><w:r><w:t>a</w:t></w:r></w:p>" + table(rng, 0, caption, columns, rows))
        plain = name.replace("&amp;", "&")
        if rng.random() < 0.8:
            widths[plain] = tuple(rng.randint(100, 4000) for _ in range(columns + (rng.random() < 0.1)))
        if rng.random() < 0.8:
            breaks[plain] = tuple(rng.random() < 0.5 for _ in range(rows - 1 + (rng.random() < 0.1)))
    xml = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:body>' + "".join(parts)
           + "</w:body></w:document>")
    return xml.encode(), widths, breaks


@pytest.mark.parametrize("seed", range(300))
def test_one_pass_gives_the_bytes_of_both_edits_in_turn(seed):
    xml, widths, breaks = document(random.Random(seed))
    etree.fromstring(xml)  # the generator makes well-formed parts, as the renderer's are
    assert fit_tables(xml, widths, breaks) == allow_row_breaks(apply_column_widths(xml, widths), breaks)


def test_the_generated_tables_are_edited_at_all():
    edited = [fit_tables(*document(random.Random(seed))) != document(random.Random(seed))[0] for seed in range(50)]
    assert sum(edited) > 30
