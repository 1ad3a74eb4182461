"""The appendix as a district reads it: a title line, and columns wide enough for what they hold."""

import pytest
from docx.oxml.ns import qn

from docx_reading import open_docx, texts
from pipeline.documents.common import PLAN_APPENDIX_TITLE

TWO_CM = 1134
CELL_PADDING = 216


def column_widths(table) -> dict[str, int]:
    head = table.rows[0].cells
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    return {cell.text: width for cell, width in zip(head, grid)}


def appendix_table(doc):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")


@pytest.mark.parametrize("kind", ["_ke-hoach-", "_phu-luc-"])
def test_the_plans_appendix_has_its_title_line(sample_outputs, kind):
    lines = texts(open_docx(sample_outputs[kind]))
    start = lines.index("PHỤ LỤC")
    assert lines[start + 1] == PLAN_APPENDIX_TITLE
    assert lines[start + 2].startswith("(Kèm theo Kế hoạch số 25/KH-UBND")


@pytest.mark.parametrize("kind", ["_ke-hoach-", "_phu-luc-", "_bao-cao-"])
def test_the_note_column_holds_a_few_words_a_line(sample_outputs, kind):
    widths = column_widths(appendix_table(open_docx(sample_outputs[kind])))
    assert widths["Ghi chú"] - CELL_PADDING >= TWO_CM
    assert sum(widths.values()) == 14003  # the landscape text width, no more


def test_the_report_appendix_gives_evidence_the_most_room_after_the_task(sample_outputs):
    widths = column_widths(appendix_table(open_docx(sample_outputs["_bao-cao-"])))
    assert widths["Hồ sơ kiểm chứng"] == max(widths.values())
    assert widths["Ghi chú"] >= widths["TT"] * 2
