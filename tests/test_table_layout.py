"""Tables as a person reads them: headers never break inside a word."""

import pytest
from docx import Document
from docx.oxml.ns import qn

from pipeline.layout import CELL_PADDING, SIZES, text_width
from pipeline.render import default_templates_dir

SLACK = 1.1  # LibreOffice's metric-compatible substitute and Word's rounding take a little more


@pytest.mark.parametrize("template", sorted(p.name for p in default_templates_dir().glob("*.docx")))
def test_every_header_word_fits_its_column(template):
    doc = Document(str(default_templates_dir() / template))
    checked = 0
    for table in doc.tables:
        if not table._tbl.xpath("./w:tblPr/w:tblBorders"):
            continue  # the borderless layout tables (header block, signature)
        for cell in table.rows[0].cells:
            width = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w")))
            for word in cell.text.split():
                needed = round(text_width(word, SIZES["table"], bold=True) * SLACK) + CELL_PADDING
                assert needed <= width, f"{template}: “{word}” of “{cell.text}” needs {needed} twips, has {width}"
                checked += 1
    assert checked
