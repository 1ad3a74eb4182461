"""Templates and documents read as Word reads them (issue 20 §1): ordinary XML spellings hide nothing.

Round three got these past a scan that read XML with regular expressions: character references in
`TargetMode` and `Type`, a `>` inside an attribute, a hyphen in a prefix, a field code spelt with a
character reference or joined to the field before it, fields on no list, `altChunk` under another
prefix, a part too big to be scanned; and, found since, a header part named `header9.bin` and typed
as no XML, which the scan skipped and LibreOffice reads and prints all the same. Each is refused in
a template (exit 1, the template and part named, nothing written) and reported by `make-report
check` (rule L1).
"""

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from hostile import TIME_LIMIT, add_part, replace_part, run_limited
from pipeline.check import check_docx
from pipeline.cli import main
from pipeline.render import default_templates_dir
from pipeline.safety.reader import unsafe_content
from refusals import assert_refused, run_with_templates

RELS = "word/_rels/document.xml.rels"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def with_relationship(package: Path, relationship: str, part: str = RELS) -> Path:
    return replace_part(package, part, lambda xml: xml.replace(b"</Relationships>",
                                                               relationship.encode() + b"</Relationships>"))


def in_body(package: Path, xml: str) -> Path:
    return replace_part(package, "word/document.xml",
                        lambda doc: doc.replace(b"<w:body>", b"<w:body>" + xml.encode(), 1))


def field(*instructions: str) -> str:
    """Complex fields one after the other in one paragraph, each begin / instruction / end."""
    runs = "".join('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                   f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="end"/></w:r>' for code in instructions)
    return f"<w:p>{runs}</w:p>"


def with_header_part(package: Path, name: str, body: str) -> Path:
    """A header part named `name` (typed by no XML content type), shown by the first section."""
    with zipfile.ZipFile(package, "a") as zf:
        zf.writestr(name, f'<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{W}">{body}</w:hdr>')
    with_relationship(package, f'<Relationship Id="rIdHdr" Type="{TYPES}header" Target="{name.split("/", 1)[1]}"/>')
    return replace_part(package, "word/document.xml", lambda doc: re.sub(
        rb"(<w:sectPr[^>]*>)", rb'\1<w:headerReference w:type="default" r:id="rIdHdr"/>', doc, count=1))


def with_svg_picture(package: Path, svg: str) -> Path:
    """An SVG picture in word/media, drawn by a VML shape at the top of the body (LibreOffice draws it)."""
    with zipfile.ZipFile(package, "a") as zf:
        zf.writestr("word/media/hinh.svg", svg)
    replace_part(package, "[Content_Types].xml", lambda xml: xml.replace(
        b"</Types>", b'<Default Extension="svg" ContentType="image/svg+xml"/></Types>'))
    with_relationship(package, f'<Relationship Id="rIdSvg" Type="{TYPES}image" Target="media/hinh.svg"/>')
    return in_body(package, '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:150pt;'
                            'height:75pt"><v:imagedata r:id="rIdSvg"/></v:shape></w:pict></w:r></w:p>')


SVG = ('<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" '
       'xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">{}</svg>')

SPELLINGS = {
    "TargetMode with a character reference": (
        lambda p: with_relationship(p, f'<Relationship Id="rIdX" Type="{TYPES}image" '
                                       'Target="http://track.example/p.png" TargetMode="&#69;xternal"/>'),
        "liên kết ra ngoài tệp"),
    "attachedTemplate spelt with a character reference": (
        lambda p: with_relationship(p, f'<Relationship Id="rIdX" Type="{TYPES}attached&#84;emplate" '
                                       r'Target="file:///\\server\share\Normal.dotm" TargetMode="External"/>'),
        "attachedTemplate"),
    "aFChunk spelt with a character reference": (
        lambda p: with_relationship(p, f'<Relationship Id="rIdX" Type="{TYPES}a&#70;Chunk" Target="styles.xml"/>'),
        "altChunk"),
    "a > inside a quoted attribute": (
        lambda p: with_relationship(p, f'<Relationship Id="rIdX" Target="http://t.example/a>b" '
                                       f'Type="{TYPES}image" TargetMode="External"/>'),
        "liên kết ra ngoài tệp"),
    "a prefix with a hyphen": (
        lambda p: with_relationship(p, f'<my-r:Relationship xmlns:my-r="{PACKAGE_RELS_NS}" Id="rIdX" '
                                       f'Type="{TYPES}image" Target="http://t.example/p.png" '
                                       'TargetMode="External"/>'),
        "liên kết ra ngoài tệp"),
    "INCLUDETEXT with a character reference": (
        lambda p: in_body(p, field('INCLUDE&#84;EXT "C:\\\\Windows\\\\win.ini"')), "INCLUDETEXT"),
    "INCLUDETEXT right after PAGE": (
        lambda p: in_body(p, field("PAGE", 'INCLUDETEXT "C:\\\\Windows\\\\win.ini"')), "INCLUDETEXT"),
    "a DATABASE field": (
        lambda p: in_body(p, field('DATABASE \\d "C:\\\\data.mdb" \\s "select * from t"')), "DATABASE"),
    "an RD field": (lambda p: in_body(p, field('RD "\\\\\\\\server\\\\share\\\\x.docx"')), "RD"),
    "a field named by another field": (
        lambda p: in_body(p, '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                             '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF ten_truong'
                             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
                             '<w:r><w:instrText> "C:\\\\x.txt"</w:instrText></w:r>'
                             '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'),
        "do một trường khác tạo ra"),
    "a simple field in lower case": (
        lambda p: in_body(p, '<w:p><w:fldSimple w:instr=" includePicture &quot;http://t.example/p.png&quot; \\d">'
                             '<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>'), "INCLUDEPICTURE"),
    "altChunk under another prefix": (
        lambda p: in_body(p, f'<x:altChunk xmlns:x="{W}" xmlns:rr="{TYPES[:-1]}" rr:id="rId1"/>'), "altChunk"),
    "a picture linked by VML": (
        lambda p: in_body(p, '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata '
                             'src="file:///C:/Windows/win.ini"/></v:shape></w:pict></w:r></w:p>'),
        "hình liên kết ngoài tệp"),
    "a header part not named or typed as XML": (
        lambda p: with_header_part(p, "word/header9.bin", field('INCLUDETEXT "C:\\\\Windows\\\\win.ini"')),
        "INCLUDETEXT"),
    "an Office add-in that opens with the document": (
        lambda p: with_relationship(p, '<Relationship Id="rIdWe" Type="http://schemas.microsoft.com/office/2011/'
                                       'relationships/webextensiontaskpanes" Target="word/webextensions/taskpanes.xml"/>',
                                    "_rels/.rels"),
        "add-in"),
    "an SVG picture drawing a local file": (
        lambda p: with_svg_picture(p, SVG.format('<image width="200" height="100" '
                                                 'xlink:href="file:///C:/Windows/win.ini"/>')),
        "hình SVG lấy nội dung từ ngoài tệp"),
    "an SVG picture styled from the web": (
        lambda p: with_svg_picture(p, SVG.format('<style>rect { fill: url( "http://t.example/p.png" ) }</style>'
                                                 '<rect width="9" height="9"/>')),
        "hình SVG lấy nội dung từ ngoài tệp"),
    "a mail merge data source": (
        lambda p: replace_part(p, "word/settings.xml", lambda xml: xml.replace(
            b"</w:settings>", b'<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:query '
                              b'w:val="SELECT * FROM `C:\\\\x.xlsx`"/></w:mailMerge></w:settings>')),
        "trộn thư"),
}


@pytest.mark.parametrize("case", list(SPELLINGS))
def test_a_template_spelling_a_construct_differently_is_still_refused(case, sample_workbook, user_templates,
                                                                      tmp_path):
    build, what = SPELLINGS[case]
    build(user_templates / "phu-luc.docx")
    out = tmp_path / "out"
    assert_refused(run_with_templates(sample_workbook, user_templates, out), out, "phu-luc.docx", what)


@pytest.mark.broken_documents
@pytest.mark.parametrize("case", list(SPELLINGS))
def test_check_sees_every_spelling(case, sample_outputs, tmp_path):
    build, what = SPELLINGS[case]
    document = Path(shutil.copy(sample_outputs["_phu-luc-"], tmp_path / "vb.docx"))
    build(document)
    found = [f for f in check_docx(document).findings if f.rule == "L1"]
    assert any(what in f.found for f in found), found


def test_fields_real_documents_use_are_allowed(user_templates, sample_workbook, tmp_path):
    allowed = [field("PAGE   \\* MERGEFORMAT"), field("NUMPAGES"), field("SECTIONPAGES"),
               field('DATE \\@ "dd/MM/yyyy"'), field('HYPERLINK "https://dichvucong.gov.vn/"'),
               field('HYPERLINK \\l "_Toc1"'), field('HYPERLINK "mailto:vanthu@haidinh.gov.vn"'),
               field("TOC \\o \"1-3\" \\h \\z \\u"), field("PAGEREF _Toc1 \\h"), field("= 2 + 3")]
    in_body(user_templates / "ke-hoach.docx", "".join(allowed))
    with zipfile.ZipFile(user_templates / "ke-hoach.docx") as zf:
        assert unsafe_content(zf) == []
    assert run_with_templates(sample_workbook, user_templates, tmp_path / "out").exit_code == 0


def test_a_hyperlink_field_to_a_share_or_a_file_is_refused(tmp_path):
    for target in ('"\\\\\\\\server\\\\share"', '"file:///C:/x.docx"', '"C:\\\\x.docx"', '""'):
        document = Path(shutil.copy(default_templates_dir() / "ke-hoach.docx", tmp_path / "vb.docx"))
        in_body(document, field(f"HYPERLINK {target}"))
        with zipfile.ZipFile(document) as zf:
            assert [c.what for c in unsafe_content(zf)] == ["trường HYPERLINK trỏ tới thư mục mạng hoặc tệp trên máy"]


def test_a_part_too_big_for_a_real_template_is_refused_or_scanned(sample_workbook, user_templates, tmp_path):
    """65 MB of relationships that do not compress, an external picture at the end."""
    import os

    template = user_templates / "phu-luc.docx"
    with zipfile.ZipFile(template) as zf:
        rels = zf.read(RELS)
    head, tail = rels.split(b"</Relationships>")

    def chunks():
        yield head
        for _ in range(65):
            yield b"<!-- " + os.urandom(512 * 1024).hex().encode() + b" -->"
        yield (f'<Relationship Id="rIdX" Type="{TYPES}image" Target="http://t.example/p.png" '
               'TargetMode="External"/></Relationships>').encode()

    copy = tmp_path / "copy.docx"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != RELS:
                dst.writestr(info.filename, src.read(info))
    add_part(copy, RELS, chunks())
    copy.replace(template)
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert "phu-luc.docx" in result.stderr and RELS in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
    assert result.cpu_seconds < TIME_LIMIT


def test_the_readme_lists_exactly_the_allowed_fields():
    import re

    from pipeline.safety.fields import ALLOWED_FIELDS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### Mẫu được chứa gì", 1)[1].split("\n- **Thẻ docxtpl**", 1)[0]
    listed = section.split("- **Trường (field)**:", 1)[1]
    assert set(re.findall(r"`([A-Z]+|=)`", listed)) == ALLOWED_FIELDS


def test_an_svg_picture_drawing_only_itself_is_allowed():
    from pipeline.safety.reader import unsafe_in_part

    own = SVG.format('<defs><linearGradient id="g"/></defs><rect style="fill:url(#g)" width="9" height="9"/>'
                     '<use href="#g"/><image xlink:href="data:image/png;base64,iVBORw0KGgo="/>'
                     '<style>.a { fill: url(#g) }</style><a href="https://dichvucong.gov.vn/"><rect/></a>')
    assert unsafe_in_part("word/media/hinh.svg", own.encode()) == []
    for reference in ('<image href="//server/share/p.png"/>', '<a xlink:href="file:///C:/x.docx"><rect/></a>',
                      '<image xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>',
                      '<style>@import "http://t.example/a.css";</style>', '<rect style="fill:url(file:x.png)"/>'):
        found = unsafe_in_part("word/media/hinh.svg", SVG.format(reference).encode())
        assert [c.what for c in found] == ["hình SVG lấy nội dung từ ngoài tệp"], reference


@pytest.mark.parametrize("case", ["an SVG picture drawing a local file", "a header part not named or typed as XML",
                                  "TargetMode with a character reference"])
def test_with_pdf_the_template_is_refused_before_libreoffice_reads_it(case, sample_workbook, user_templates,
                                                                      tmp_path):
    """LibreOffice draws what these name into the PDF (a local file, for the SVG): no PDF is made at all."""
    build, what = SPELLINGS[case]
    build(user_templates / "ke-hoach.docx")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [str(sample_workbook), "--templates", str(user_templates), "--out", str(out),
                                       "--pdf"])
    assert_refused(result, out, "ke-hoach.docx", what)
