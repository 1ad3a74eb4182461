"""What a user's template writes is read as the template itself is (issue 20 §1, the writer).

The scan reads a template's XML, but `{{ '<w:r>…'|safe }}` or `{% autoescape false %}` make
Jinja write XML that is only text in the template: a field reading a local file went into every
document (exit 0), and with `|safe` a value typed in the workbook could do the same. Each
rendered part of a user's template is read by the same reader before anything is written.
"""

import zipfile

import pytest

from builders import build_workbook, sample
from hostile import with_paragraph
from pipeline.workbook import format as F
from refusals import assert_refused, run_with_templates

FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDETEXT '
         '"C:\\\\Windows\\\\win.ini" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
ALT_CHUNK = '</w:t></w:r></w:p><w:altChunk r:id="rId1"/><w:p><w:r><w:t>'

RAW_XML = {
    "a field marked safe": ("{{ '" + FIELD + "'|safe }}", "INCLUDETEXT"),
    "a field with autoescape off": ("{% autoescape false %}{{ '" + FIELD + "' }}{% endautoescape %}", "INCLUDETEXT"),
    "an altChunk built by ~ and marked safe": ("{{ ('</w:t></w:r></w:p><w:alt' ~ 'Chunk r:id=\"rId1\"/>"
                                               "<w:p><w:r><w:t>')|safe }}", "altChunk"),
}


@pytest.mark.parametrize("case", list(RAW_XML))
def test_a_template_writing_raw_xml_that_reaches_outside_is_refused(case, sample_workbook, user_templates, tmp_path):
    tag, what = RAW_XML[case]
    with_paragraph(user_templates / "ke-hoach.docx", tag)
    out = tmp_path / "out"
    assert_refused(run_with_templates(sample_workbook, user_templates, out), out,
                   "ke-hoach.docx", "mẫu tạo ra trong văn bản", what, "|safe")


def test_a_workbook_value_written_raw_by_a_template_is_refused(user_templates, tmp_path):
    sheets = sample()
    solution = [c.name for c in F.TASK_COLUMNS].index(F.TASK_SOLUTION)   # rows without their header
    sheets[F.SHEET_TASKS][0][solution] = FIELD
    workbook = build_workbook(tmp_path / "so.xlsx", sheets)
    with_paragraph(user_templates / "ke-hoach.docx", "{{ rows[0].solution|safe }}")
    out = tmp_path / "out"
    assert_refused(run_with_templates(workbook, user_templates, out), out, "ke-hoach.docx", "INCLUDETEXT")


def test_safe_text_that_reaches_nothing_still_renders(sample_workbook, user_templates, tmp_path):
    with_paragraph(user_templates / "ke-hoach.docx", "{{ '<w:br/>'|safe }}{{ 'Số:'|safe }}")
    out = tmp_path / "out"
    assert run_with_templates(sample_workbook, user_templates, out).exit_code == 0
    with zipfile.ZipFile(next(out.rglob("*_ke-hoach-*.docx"))) as zf:
        assert "<w:br/>Số:" in zf.read("word/document.xml").decode()
