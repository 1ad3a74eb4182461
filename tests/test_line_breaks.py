"""A line the clerk broke in a cell (Alt+Enter) prints as a line break, and the line before it keeps its
spaces: in a justified paragraph Word spreads such a line across the width unless the document says
`doNotExpandShiftReturn` (a trial's PDF showed `hành      chính      hiện      đại:`)."""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from builders import build_workbook, sample
from pipeline.generate import generate
from pipeline.workbook import format as F


def test_a_broken_line_is_a_break_in_a_justified_paragraph_that_keeps_its_spaces(tmp_path):
    sheets = sample()
    row = next(r for r in sheets[F.SHEET_BODY] if r[1] and len(r[1]) > 60)
    row[1] = "Xây dựng nền hành chính hiện đại:\nchuyên nghiệp, công khai, minh bạch."
    written = generate(build_workbook(tmp_path / "so.xlsx", sheets), tmp_path / "out").written
    plan = Document(next(p for p in written if "_ke-hoach-" in p.name))
    paragraph = next(p for p in plan.paragraphs if p.text.startswith("Xây dựng nền hành chính hiện đại:"))
    assert paragraph.text == "Xây dựng nền hành chính hiện đại:\nchuyên nghiệp, công khai, minh bạch."
    alignment = paragraph.paragraph_format.alignment or paragraph.style.paragraph_format.alignment
    assert alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    for path in written:
        compat = Document(path).settings.element.find(qn("w:compat"))
        assert compat is not None and compat.find(qn("w:doNotExpandShiftReturn")) is not None, path.name
