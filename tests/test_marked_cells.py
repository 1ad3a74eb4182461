"""Cell widths marked in our templates (render/cells.py) give the bytes of sizing the plain render
(render/columns.py `fit_tables`), on generated table templates with row loops, merged cells,
`w:gridBefore`, header rows and tags inside cells; templates that say too little are not marked."""

import random

import pytest
from lxml import etree

from pipeline.render import CompileCache, CompiledTemplate, _jinja_env, default_templates_dir
from pipeline.render.cells import mark_cells
from pipeline.render.columns import MarkedTable, fit_marked, fit_tables

HEAD = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/2010/wordml">'
        "<w:body>")
TAIL = "</w:body></w:document>"


def cell(rng: random.Random, span: int, value: str, in_loop: bool) -> str:
    properties = ""
    if rng.random() < 0.9:
        inner = [f'<w:tcW w:w="{rng.randint(1, 3000)}" w:type="dxa"/>'] if rng.random() < 0.9 else []
        if span > 1:
            inner.insert(rng.randint(0, len(inner)), f'<w:gridSpan w:val="{span}"/>')
        properties = "<w:tcPr>" + "".join(inner) + "</w:tcPr>"
    body = f"\n<w:p><w:r><w:t>{value}</w:t></w:r></w:p>"
    if in_loop and rng.random() < 0.3:
        body = "{% if r.flag %}" + body + "{% else %}\n<w:p/>{% endif %}"
    return rng.choice(["<w:tc>", '<w:tc w14:id="1">']) + properties + body + "</w:tc>"


def row(rng: random.Random, columns: int, value: str, whole: bool = False) -> str:
    properties = ["<w:cantSplit/>"] if rng.random() < 0.8 else []
    before = rng.randint(1, columns - 1) if columns > 1 and not whole and rng.random() < 0.15 else 0
    if before:
        properties.insert(0, f'<w:gridBefore w:val="{before}"/>')
    cells, column = [], before
    while column < columns:
        span = columns if whole else (rng.choice([1, 1, 1, 2]) if column + 1 < columns else 1)
        cells.append(cell(rng, span, value, "{{" in value))
        column += span
    return "<w:tr>" + ("<w:trPr>" + "".join(properties) + "</w:trPr>" if properties else "") + "".join(cells) + "</w:tr>"


def template(rng: random.Random, caption: str, columns: int) -> str:
    properties = (([f'<w:tblW w:w="{rng.randint(100, 9000)}" w:type="dxa"/>'] if rng.random() < 0.8 else [])
                  + (['<w:tblLayout w:type="autofit"/>'] if rng.random() < 0.5 else [])
                  + [f'<w:tblCaption w:val="{caption}"/>'])
    grid = "".join(f'<w:gridCol w:w="{rng.randint(100, 3000)}"/>' for _ in range(columns))
    rows = ("{% for r in rows %}{% if r.group %}" + row(rng, columns, "{{ r.group }}", whole=True)
            + "{% else %}" + row(rng, columns, "{{ r.x }}") + "{% endif %}{% endfor %}")
    return (f"<w:tbl><w:tblPr>{''.join(properties)}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
            + row(rng, columns, "Tiêu đề") + rows + "</w:tbl>")


def case(seed: int):
    rng = random.Random(seed)
    parts, widths, breaks, context = [], {}, {}, {}
    for index in range(rng.randint(1, 2)):
        name, columns = ["Bảng", "B &amp; C"][index], rng.randint(1, 5)
        parts.append("\n<w:p><w:r><w:t>{{ title }}</w:t></w:r></w:p>" + template(rng, name, columns))
        rows = [{"group": "Nhóm < 1", "flag": 1} if rng.random() < 0.2 else {"group": "", "x": f"ô {i} & đủ", "flag": i % 2}
                for i in range(rng.randint(0, 6))]
        context["rows"] = rows   # both tables read the same rows
        plain = name.replace("&amp;", "&")
        if rng.random() < 0.8:
            widths[plain] = tuple(rng.randint(100, 4000) for _ in range(columns + (rng.random() < 0.15)))
        if rng.random() < 0.8:
            breaks[plain] = tuple(rng.random() < 0.5 for _ in range(len(context["rows"]) + (rng.random() < 0.1)))
    context["title"] = "Bảng số liệu"
    return HEAD + "".join(parts) + TAIL, widths, breaks, context


def rendered(source: str, context: dict) -> bytes:
    return _jinja_env().from_string(source).render(context).replace("\n<w:p", "<w:p").encode()


@pytest.mark.parametrize("seed", range(200))
def test_marked_render_fits_to_the_bytes_of_the_plain_one(seed):
    source, widths, breaks, context = case(seed)
    marked, tables = mark_cells(source)
    assert tables and marked != source
    plain = rendered(source, context)
    etree.fromstring(plain)
    expected = fit_tables(plain, widths, breaks)
    assert fit_marked(rendered(marked, context), [MarkedTable.of(t) for t in tables], widths, breaks) == expected


def test_the_generated_cases_are_sized_and_broken_at_all():
    changed = sum(fit_tables(rendered(s, c), w, b) != rendered(s, c) for s, w, b, c in map(case, range(60)))
    assert changed > 30


TABLE = ('<w:tbl><w:tblPr><w:tblCaption w:val="T"/></w:tblPr><w:tblGrid><w:gridCol w:w="1"/><w:gridCol w:w="2"/>'
         "</w:tblGrid>{% for r in rows %}<w:tr>CELLS</w:tr>{% endfor %}</w:tbl>")
CELL = '<w:tc><w:tcPr><w:tcW w:w="5" w:type="dxa"/></w:tcPr><w:p>{{ r.x }}</w:p></w:tc>'


@pytest.mark.parametrize("source", [
    TABLE.replace("CELLS", CELL + '<w:tc><w:tcPr><w:tcW w:w="{{ r.w }}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'),
    TABLE.replace("CELLS", CELL + "{% if r.y %}" + CELL + "{% endif %}"),
    TABLE.replace("CELLS", CELL.replace("<w:p>", "{% if r.y %}<w:p>") + CELL.replace("</w:p>", "</w:p>{% endif %}")),
    TABLE.replace("CELLS", "<w:trPr>{% if r.y %}<w:cantSplit/>{% endif %}</w:trPr>" + CELL + CELL),
    "{% for t in tables %}" + TABLE.replace("CELLS", CELL + CELL) + "{% endfor %}",
    TABLE.replace("CELLS", CELL + CELL.replace("<w:p>", "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p>")),
    "{% set x = 1 %}" + TABLE.replace("CELLS", CELL + CELL),
    TABLE.replace("CELLS", CELL + CELL).replace("{% endfor %}", "{{ r.extra }}{% endfor %}"),
], ids=["tag-in-cell-width", "cell-left-out", "block-across-cells", "tag-in-row-properties", "table-in-a-loop",
        "nested-table", "set", "text-between-rows"])
def test_a_table_whose_cells_a_tag_may_move_is_not_marked(source):
    assert mark_cells(source) == (source, ())
    assert mark_cells(TABLE.replace("CELLS", CELL + CELL))[1]   # while the plain loop is


@pytest.mark.parametrize("name", ["ke-hoach.docx", "phu-luc.docx", "bao-cao-cchc.docx", "bao-cao-quy.docx"])
def test_our_templates_tables_are_marked(name):
    template = CompiledTemplate(default_templates_dir() / name, cache=CompileCache(None))
    assert [table.name for table in template._marked] in (["Nhiệm vụ của kế hoạch"], ["Kết quả thực hiện nhiệm vụ"])


def test_a_marked_tables_rows_are_found_as_the_whole_search_finds_them():
    """Rows one after the other are walked; rows with anything between them take the whole search."""
    from pipeline.render.columns import _marked_rows, _rows

    caption = b'<w:tblCaption w:val="T"/>'
    row = b"<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:p/></w:tc></w:tr>"
    for rows in (row * 3, row, b"", row + b"\n" + row, row + b"<w:bookmarkEnd w:id=\"1\"/>" + row):
        xml = b"<w:body><w:tbl><w:tblPr>" + caption + b"</w:tblPr><w:tblGrid/>" + rows + b"</w:tbl>"
        later = b"<w:tbl><w:tblPr/>" + row + b"</w:tbl></w:body>"
        for part in (xml + b"</w:body>", xml + later):
            start, at = part.index(b"<w:tbl>"), part.index(caption)
            expected = _rows(part, start, part.index(b"</w:tbl>", at))
            assert _marked_rows(part, start, at) == expected and len(expected) == rows.count(b"<w:tr>")
