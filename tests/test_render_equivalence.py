"""pipeline/render/ re-implements docxtpl's render path for speed: it must give docxtpl's output.

For every template and every context the tests' workbooks produce, every part of our package
(document, headers, footers, styles, relationships, content types…) equals what plain
`DocxTemplate(path).render(context, jinja_env=<our env>)` saves, with the same part names.
Normalisations, each deliberate:
- XML parts are compared as canonical XML (C14N): docxtpl re-serialises every part through lxml
  and python-docx, which moves namespace declarations and rewrites the XML declaration; those are
  spellings of the same XML, not different documents. Other parts are compared byte for byte.
- docProps/core.xml is left out: we write fixed properties from the document's own date and
  title (the same input gives the same bytes), where docxtpl keeps the template's and renders tags.
One deliberate difference in behaviour, tested on its own below: docxtpl turns its escapes for
literal braces (`{_{` → `{{`) everywhere in the rendered XML, values included; we turn them only in
the template's own text, so a value prints exactly as the clerk typed it.
"""

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree

from builders import build_workbook, sample, set_document, set_info
from cchc_year import ward_sheets
from pipeline import render
from pipeline.workbook import format as F
from pipeline.cli import main
from pipeline.generate import generate
from pipeline.render import CompiledTemplate, TemplateSet, default_templates_dir
from pipeline.render.columns import allow_row_breaks, apply_column_widths

ROLLUP_OPTIONS = ["--co-quan", "ỦY BAN NHÂN DÂN HUYỆN HẢI LĂNG", "--dia-danh", "Hải Lăng",
                  "--nguoi-ky", "Nguyễn Văn An", "--so", "12", "--ngay", "10/4/2024"]


def variations() -> dict[str, dict]:
    """Workbooks that reach every branch of the templates (the cases of test_variations); the
    committed sample in inputs/ is rendered too."""
    plain = sample()
    deputy = sample()
    set_document(deputy, "Kế hoạch", F.DOC_AUTHORITY, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")
    set_document(deputy, "Kế hoạch", F.DOC_TITLE, "PHÓ CHỦ TỊCH")
    set_document(deputy, "Báo cáo quý I", F.DOC_ADDRESSEES, "UBND huyện Hải Lăng\nPhòng Nội vụ huyện Hải Lăng")
    bare = sample()
    set_info(bare, F.INFO_MANAGING_BODY, None)
    set_document(bare, "Kế hoạch", F.DOC_NUMBER, None)
    set_document(bare, "Báo cáo quý I", F.DOC_ADDRESSEES, None)
    for column in (F.DOC_SHORTCOMINGS, F.DOC_CAUSES, F.DOC_PROPOSALS):
        set_document(bare, "Báo cáo quý I", column, None)
    text = sample()
    text[F.SHEET_TASKS][0][2] = 'Kiểm tra "A & B" <ngay> \'C\'\nDòng hai\nDòng ba'
    text[F.SHEET_BODY][0][1] = "Thực hiện <Công văn> & \"Quyết định\" {{ 7*7 }} {% if %}"
    set_info(text, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ\nHẢI ĐỊNH")
    later = sample()
    later[F.SHEET_DOCUMENTS].append(["Báo cáo quý II", None, "6/2024", None, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                     "Lê Ngọc Trình"])
    later[F.SHEET_RESULTS].append([4, "II", "Hoàn thành", "Đã sửa đổi Quy chế", "Quyết định số 50/QĐ-UBND", None])
    return {"plain": plain, "deputy": deputy, "bare": bare, "text": text, "later": later}


@pytest.fixture(scope="module")
def rendered_jobs(tmp_path_factory, monkeypatch_module):
    """(template path, job, our rendered document) for every document the variations make."""
    seen = []
    original = TemplateSet.render

    def recording(self, job):
        doc = original(self, job)
        seen.append((self.directory / job.template, job, doc))
        return doc

    monkeypatch_module.setattr(TemplateSet, "render", recording)
    tmp = tmp_path_factory.mktemp("equivalence")
    for name, sheets in variations().items():
        generate(build_workbook(tmp / f"{name}.xlsx", sheets), tmp / name)
    generate(Path(__file__).resolve().parents[1] / "inputs" / "ke-hoach-cchc-2024.xlsx", tmp / "inputs")
    generate(build_workbook(tmp / "ward.xlsx", ward_sheets(4)), tmp / "ward", period="nam")  # the CCHC report
    communes = tmp / "communes"
    communes.mkdir()
    for issuer in ("ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH", "ỦY BAN NHÂN DÂN XÃ HẢI SƠN"):
        sheets = sample()
        set_info(sheets, F.INFO_ISSUER, issuer)
        build_workbook(communes / f"{len(list(communes.iterdir()))}.xlsx", sheets)
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(communes), *ROLLUP_OPTIONS,
                                       "--out", str(tmp / "rollup")])
    assert result.exit_code == 0, result.output
    return seen


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def comparable(name: str, data: bytes) -> bytes:
    return canonical(data) if name.endswith((".xml", ".rels")) else data


def docxtpl_parts(template: Path, context: dict) -> dict[str, bytes]:
    """The package's parts as plain docxtpl renders and saves it, with our sandboxed environment."""
    tpl = DocxTemplate(template)
    tpl.render(context, jinja_env=render._jinja_env())
    buffer = io.BytesIO()
    tpl.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        return {name: zf.read(name) for name in zf.namelist() if name != render.CORE_PROPERTIES}


def assert_same_as_docxtpl(template: Path, context: dict, ours, column_widths=None, row_breaks=None) -> None:
    """Our parts are docxtpl's, after the steps docxtpl has not: the document's column widths and
    the rows it lets break across pages, written into its captioned tables (pipeline/render/columns.py)."""
    theirs = docxtpl_parts(template, context)
    body = "word/document.xml"
    theirs[body] = allow_row_breaks(apply_column_widths(theirs[body], column_widths or {}), row_breaks or {})
    assert {e.name for e in ours.parts} - {render.CORE_PROPERTIES} == set(theirs)
    for name, data in theirs.items():
        assert comparable(name, ours.part(name)) == comparable(name, data), f"{template.name} {name} differs from docxtpl"


def test_every_template_and_context_renders_as_docxtpl_does(rendered_jobs):
    templates = {path.name for path, _, _ in rendered_jobs}
    assert templates == {p.name for p in default_templates_dir().glob("*.docx")}  # every template is covered
    assert len(rendered_jobs) == (len(variations()) + 2) * 3 + 1  # plan, appendix, report each; one roll-up
    for template, job, ours in rendered_jobs:
        assert_same_as_docxtpl(template, job.context, ours, job.column_widths, job.rows_that_may_break)


# ------------------------------------------------------------------------------------------
# A user's template with docxtpl's cell, row and run tags


def user_template(path: Path) -> Path:
    """A plan template a user might write: a column per recipient ({%tc %}), a row per body
    paragraph ({%tr %}) and the signer's name as a run of its own ({{r }})."""
    doc = Document()
    doc.add_paragraph("{{ summary }}")
    doc.add_paragraph("Thẻ in nguyên văn: {_{ summary }_} {_% if %_}")
    columns = doc.add_table(rows=1, cols=3)
    for cell, text in zip(columns.rows[0].cells, ("{%tc for line in recipients %}", "{{ line }}", "{%tc endfor %}")):
        cell.text = text
    rows = doc.add_table(rows=3, cols=2)
    rows.rows[0].cells[0].text = "{%tr for p in body %}"
    rows.rows[1].cells[0].text = "{{ p.kind }}"
    rows.rows[1].cells[1].text = "{{ p.text }}"
    rows.rows[2].cells[0].text = "{%tr endfor %}"
    paragraph = doc.add_paragraph("Người ký: ")
    paragraph.add_run("{{r signer.name }}")
    doc.save(path)
    return path


def test_a_user_template_with_cell_row_and_run_tags_renders_as_docxtpl_does(rendered_jobs, tmp_path):
    job = next(job for path, job, _ in rendered_jobs if path.name == "ke-hoach.docx")
    folder = tmp_path / "mau"
    folder.mkdir()
    template = user_template(folder / "ke-hoach.docx")
    ours = CompiledTemplate(template).render(job)
    assert_same_as_docxtpl(template, job.context, ours)
    body = etree.fromstring(ours.part("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    column_table, row_table = body.iter(f"{w}tbl")
    recipients = job.context["recipients"]
    assert len(column_table.findall(f"{w}tr/{w}tc")) == len(recipients)
    assert len(column_table.findall(f"{w}tblGrid/{w}gridCol")) == len(recipients)  # docxtpl's fix_tables
    assert len(row_table.findall(f"{w}tr")) == len(job.context["body"])
    assert job.context["signer"]["name"] in "".join(body.itertext())
    assert "Thẻ in nguyên văn: {{ summary }} {% if %}" in "".join(body.itertext())


def test_a_value_holding_docxtpls_brace_escapes_is_printed_as_typed(rendered_jobs, tmp_path):
    path, job, _ = next(item for item in rendered_jobs if item[0].name == "ke-hoach.docx")
    context = {**job.context, "summary": "Kế hoạch {_{ a }_} {_% b %_}"}
    ours = CompiledTemplate(path).render(type(job)(job.template, job.name, context, job.properties))
    text = "".join(etree.fromstring(ours.part("word/document.xml")).itertext())
    assert "Kế hoạch {_{ a }_} {_% b %_}" in text
    theirs = docxtpl_parts(path, context)["word/document.xml"].decode("utf-8")
    assert "Kế hoạch {{ a }} {% b %}" in theirs  # what docxtpl itself would have printed


# ------------------------------------------------------------------------------------------
# A template edited in Word: entities and typographic quotes inside tags

WORD_TYPED_TAGS = {
    "{{ 3 &gt; 2 }}": "True",
    "{% if summary != &quot;&quot; %}có trích yếu{% endif %}": "có trích yếu",
    "{% if signer.title == “CHỦ TỊCH” %}chủ tịch ký{% endif %}": "chủ tịch ký",
    "{% if signer.title == &#8220;CHỦ TỊCH&#8221; %}ký thay{% endif %}": "ký thay",
    "{{ &#x2018;Phụ lục&#x2019; ~ &apos; số 1&apos; }}": "Phụ lục số 1",
    "{{ &#39;A&#39; if 1 &lt; 2 }} &#38; &#60;b&#62;": "A & <b>",
}


def word_edited_template(path: Path) -> Path:
    """A template whose tags carry what Word and other tools save: entities and curly quotes."""
    doc = Document()
    doc.add_paragraph("MARK")
    doc.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    paragraphs = "".join(f'<w:p><w:r><w:t xml:space="preserve">{tag}</w:t></w:r></w:p>' for tag in WORD_TYPED_TAGS)
    xml = parts["word/document.xml"].decode("utf-8")
    start, end = xml.index("<w:p>"), xml.index("</w:p>", xml.index("MARK")) + len("</w:p>")
    parts["word/document.xml"] = (xml[:start] + paragraphs + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_entities_and_word_quotes_inside_tags_render_as_docxtpl_does(rendered_jobs, tmp_path):
    job = next(job for path, job, _ in rendered_jobs if path.name == "ke-hoach.docx")
    folder = tmp_path / "mau"
    folder.mkdir()
    template = word_edited_template(folder / "ke-hoach.docx")
    ours = CompiledTemplate(template, cache=render.CompileCache(None)).render(job)
    assert_same_as_docxtpl(template, job.context, ours)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    printed = ["".join(p.itertext()) for p in etree.fromstring(ours.part("word/document.xml")).iter(f"{w}p")]
    assert printed == list(WORD_TYPED_TAGS.values())


@pytest.mark.parametrize("tag", ["{{ (not ([][0] and summary)) }}", "{{ (not (0.__class__ and summary)) }}"])
def test_a_tag_jinja_fails_on_while_compiling_is_a_template_problem(tmp_path, tag):
    from pipeline.errors import TemplateProblem

    doc = Document()
    doc.add_paragraph(tag)
    doc.save(tmp_path / "ke-hoach.docx")
    with pytest.raises(TemplateProblem, match="lỗi mẫu"):
        CompiledTemplate(tmp_path / "ke-hoach.docx", cache=render.CompileCache(None))
