"""Templates mailed around (`--templates`): nothing reaches outside the file, nothing exhausts the machine.

Render-time faults run in a subprocess limited to 500 MB of address space and 20 s: each ends in one
"lỗi mẫu … ở đoạn …" message, exit 1, nothing written.
"""

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from hostile import TIME_LIMIT, add_part, replace_part, run_limited, with_paragraph
from pipeline.check import check_docx
from pipeline.cli import main
from pipeline.render import default_templates_dir
from refusals import assert_refused, run_with_templates


# ------------------------------------------------------------------------------ render-time faults

NESTED_LOOPS = "".join(f"{{% for a{i} in range(10) %}}" for i in range(25)) + "x" + "{% endfor %}" * 25
NESTED_19 = "".join(f"{{% for a{i} in range(10) %}}" for i in range(19)) + "{% endfor %}" * 19

RENDER_FAULTS = {
    "division by zero": ("{{ 1/0 }}", "chia cho 0"),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "đệ quy"),
    "25 nested loops": (NESTED_LOOPS, "lồng nhau quá sâu"),
    "19 nested empty loops": (NESTED_19, "vòng lặp"),
    "2,000 nested parentheses": ("{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}", "lồng nhau quá sâu"),
    "a 3 GB string": ("{{ 'A' * 3000000000 }}", "quá lớn"),
    "range(10**9)": ("{% for i in range(10**9) %}x{% endfor %}", "vòng lặp"),
    "nested ranges of 10^10 steps": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                                     "{% endfor %}", "vòng lặp"),
    "lipsum(1000000)": ("{{ lipsum(1000000) }}", "lipsum"),
    "a huge power": ("{{ 10 ** 100000000 }}", "lũy thừa"),
    "a huge width": ("{{ 'a'|center(3000000000) }}{{ '%3000000000s' % 1 }}", "độ rộng"),
    "an empty loop over a long string": ("{% set s = 'A' * 1000000 %}{% for a in s %}{% for b in s %}{% endfor %}"
                                         "{% endfor %}", "vòng lặp"),
}


@pytest.mark.parametrize("case", list(RENDER_FAULTS))
def test_a_template_that_fails_while_rendering_gives_one_message(case, sample_workbook, user_templates, tmp_path):
    tag, reason = RENDER_FAULTS[case]
    with_paragraph(user_templates / "ke-hoach.docx", tag)
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out),
                         env={"MAKE_REPORT_NO_CACHE": "1"})
    assert result.returncode == 1, result.stderr
    assert "Lỗi mẫu: " in result.stderr and "ke-hoach.docx" in result.stderr
    assert "ở đoạn «" in result.stderr or "Đoạn văn có lỗi: «" in result.stderr, result.stderr
    assert reason in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()
    assert result.cpu_seconds < TIME_LIMIT


# ------------------------------------------------------------------------------ reaching outside the file


def add_relationship(template: Path, rels_part: str, rel_type: str, target: str, external: bool = True) -> Path:
    mode = b' TargetMode="External"' if external else b""
    rel = (b'<Relationship Id="rIdEvil" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           + rel_type.encode() + b'" Target="' + target.encode() + b'"' + mode + b"/>")
    with zipfile.ZipFile(template) as zf:
        has_part = rels_part in zf.namelist()
    if not has_part:
        empty = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                 b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
        add_part(template, rels_part, [empty])
    return replace_part(template, rels_part, lambda xml: xml.replace(b"</Relationships>", rel + b"</Relationships>"))


def add_to_body(template: Path, xml: bytes) -> Path:
    return replace_part(template, "word/document.xml", lambda doc: doc.replace(b"<w:body>", b"<w:body>" + xml, 1))


def with_alt_chunk(template: Path) -> Path:
    """An HTML chunk with a script, imported by Word when the document opens."""
    add_part(template, "word/chunk.html", [b"<html><body><script>alert(1)</script></body></html>"])
    replace_part(template, "[Content_Types].xml", lambda xml: xml.replace(
        b"<Default ", b'<Default Extension="html" ContentType="text/html"/><Default ', 1))
    add_to_body(template, b'<w:altChunk r:id="rIdEvil"/>')
    return add_relationship(template, "word/_rels/document.xml.rels", "aFChunk", "chunk.html", False)


def on_a_share(package: Path, rels_part: str, target: str) -> Path:
    """An internal relationship (no TargetMode) retargeted to a UNC path: Word opens the share."""
    def retarget(xml: bytes) -> bytes:
        old = b'Target="' + target.encode() + b'"'
        assert old in xml, (rels_part, target)
        return xml.replace(old, rb'Target="\\server\share\x.xml"', 1)

    return replace_part(package, rels_part, retarget)


FIELD = (b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDE'
         b'</w:instrText></w:r><w:r><w:instrText xml:space="preserve">PICTURE "http://evil.example/p.png" \\d '
         b'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')

OUTSIDE = {
    "an external image": (lambda t: add_relationship(t, "word/_rels/document.xml.rels", "image",
                                                     "http://track.example/pixel.png"),
                          "liên kết ra ngoài tệp", "word/_rels/document.xml.rels"),
    "a UNC hyperlink": (lambda t: add_relationship(t, "word/_rels/document.xml.rels", "hyperlink",
                                                   r"\\server\share\x.docx"),
                        "liên kết ra ngoài tệp", r"\\server\share"),
    "the main document on a share": (lambda t: on_a_share(t, "_rels/.rels", "word/document.xml"),
                                     "liên kết ra ngoài tệp", r"_rels/.rels"),
    "the styles on a share": (lambda t: on_a_share(t, "word/_rels/document.xml.rels", "styles.xml"),
                              "liên kết ra ngoài tệp", r"\\server\share\x.xml"),
    "an attachedTemplate": (lambda t: add_relationship(t, "word/_rels/settings.xml.rels", "attachedTemplate",
                                                       r"file:///\\server\share\Normal.dotm"),
                            "attachedTemplate", "word/_rels/settings.xml.rels"),
    "an altChunk": (lambda t: with_alt_chunk(t), "altChunk", "word/"),
    "an OLE object": (lambda t: add_part(t, "word/embeddings/oleObject1.bin", [b"\xd0\xcf\x11\xe0"]),
                      "OLE", "word/embeddings/oleObject1.bin"),
    "an ActiveX control": (lambda t: add_part(t, "word/activeX/activeX1.xml", [b"<ax:ocx/>"]),
                           "ActiveX", "word/activeX/activeX1.xml"),
    "an INCLUDEPICTURE field split over runs": (lambda t: add_to_body(t, FIELD), "INCLUDEPICTURE",
                                                "word/document.xml"),
}


@pytest.mark.parametrize("case", list(OUTSIDE))
def test_a_template_reaching_outside_its_file_is_refused_naming_the_part(case, sample_workbook, user_templates,
                                                                         tmp_path):
    build, what, where = OUTSIDE[case]
    build(user_templates / "phu-luc.docx")
    out = tmp_path / "out"
    assert_refused(run_with_templates(sample_workbook, user_templates, out), out, "phu-luc.docx", what, where)


@pytest.mark.broken_documents
@pytest.mark.parametrize("case", list(OUTSIDE))
def test_check_reports_what_reaches_outside_any_docx(case, sample_outputs, tmp_path):
    build, what, where = OUTSIDE[case]
    document = tmp_path / "vb.docx"
    shutil.copy(sample_outputs["_phu-luc-"], document)
    build(document)
    report = check_docx(document)
    found = [f for f in report.findings if f.rule == "L1"]
    assert found and not report.ok
    assert any(what in f.found and where in f.location + f.found for f in found), found


@pytest.mark.broken_documents
def test_check_on_a_document_whose_main_part_is_on_a_share_says_l1_not_a_broken_file(sample_outputs, tmp_path):
    """Nothing but the share to read: the user is told of the link (L1) and that the rest did not run (K0),
    not that the file is no Word document."""
    document = on_a_share(shutil.copy(sample_outputs["_phu-luc-"], tmp_path / "vb.docx"), "_rels/.rels",
                          "word/document.xml")
    result = CliRunner().invoke(main, ["check", str(document)])
    assert result.exit_code == 1, result.output
    assert r"[E] L1 phần _rels/.rels: tìm thấy liên kết ra ngoài tệp: \\server\share\x.xml" in result.output
    assert "[E] K0 toàn văn bản: tìm thấy các quy tắc thể thức khác không chạy được" in result.output
    assert "Không mở được" not in result.output and "Traceback" not in result.output
    assert "Không đạt: 2 lỗi, 0 cảnh báo" in result.output


def test_check_finds_nothing_outside_the_generated_documents(sample_outputs):
    for path in sample_outputs.values():
        assert [f for f in check_docx(path).findings if f.rule == "L1"] == []


def test_a_hyperlink_field_to_a_web_page_is_allowed_but_not_to_a_share(user_templates, sample_workbook, tmp_path):
    web = (b'<w:p><w:r><w:instrText> HYPERLINK "https://dichvucong.gov.vn/link" </w:instrText></w:r></w:p>')
    add_to_body(user_templates / "ke-hoach.docx", web)
    assert run_with_templates(sample_workbook, user_templates, tmp_path / "ok").exit_code == 0
    share = web.replace(b"https://dichvucong.gov.vn/link", rb"\\\\server\\share")
    add_to_body(user_templates / "ke-hoach.docx", share)
    assert_refused(run_with_templates(sample_workbook, user_templates, tmp_path / "out"), tmp_path / "out", "HYPERLINK")


# ------------------------------------------------------------------------------ package bombs


def test_a_billion_laughs_in_the_templates_styles_is_refused(sample_workbook, user_templates, tmp_path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                       for i in range(1, 10))
            + b"]>")
    replace_part(user_templates / "ke-hoach.docx", "word/styles.xml",
                 lambda xml: bomb + xml[xml.index(b"<w:styles"):])
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out))
    assert result.returncode == 1 and "khai báo XML không được phép (word/styles.xml)" in result.stderr
    assert "ke-hoach.docx" in result.stderr and not out.exists() and result.cpu_seconds < TIME_LIMIT


def test_a_gibibyte_of_zeros_in_the_templates_media_is_refused(sample_workbook, user_templates, tmp_path):
    zeros = bytes(1024 * 1024)
    add_part(user_templates / "ke-hoach.docx", "word/media/image9.png", (zeros for _ in range(1024)))
    assert (user_templates / "ke-hoach.docx").stat().st_size < 5 * 1024 * 1024
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert "zip bomb" in result.stderr and "ke-hoach.docx" in result.stderr
    assert not out.exists() and result.cpu_seconds < TIME_LIMIT


def test_docxtpl_escapes_in_a_template_still_print_a_literal_tag(sample_workbook, user_templates, tmp_path):
    with_paragraph(user_templates / "ke-hoach.docx", "Gõ {_{ ten }_} hoặc {_% if %_} để điền")
    assert run_with_templates(sample_workbook, user_templates, tmp_path / "out").exit_code == 0
    with zipfile.ZipFile(next((tmp_path / "out").rglob("*_ke-hoach-*.docx"))) as zf:
        assert "Gõ {{ ten }} hoặc {% if %} để điền" in zf.read("word/document.xml").decode()


def test_the_limits_leave_room_for_a_big_real_plan(user_templates, tmp_path):
    from builders import build_workbook, sample
    from pipeline.workbook import format as F

    sheets = sample()
    base = sheets[F.SHEET_TASKS][0]
    sheets[F.SHEET_TASKS] = [[n, f"Tiêu chí {n}", f"Giải pháp số {n}", *base[3:]] for n in range(1, 2001)]
    sheets[F.SHEET_RESULTS] = [[n, "I", "Đang thực hiện", f"Kết quả {n}", None, None] for n in range(1, 2001)]
    workbook = build_workbook(tmp_path / "so.xlsx", sheets)
    result = run_with_templates(workbook, user_templates, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3


def test_a_clickable_web_link_is_not_reaching_outside(tmp_path):
    """Real documents cite portals (https://…): such a link fetches nothing until clicked, so neither
    a template nor `check` refuses it; the same link to a share still is."""
    import shutil

    from pipeline.safety.template import unsafe_content

    web = shutil.copy(default_templates_dir() / "ke-hoach.docx", tmp_path / "web.docx")
    add_relationship(Path(web), "word/_rels/document.xml.rels", "hyperlink", "https://dichvucong.gov.vn/")
    with zipfile.ZipFile(web) as zf:
        assert unsafe_content(zf) == []
    share = shutil.copy(default_templates_dir() / "ke-hoach.docx", tmp_path / "share.docx")
    add_relationship(Path(share), "word/_rels/document.xml.rels", "hyperlink", r"\\server\share\x.docx")
    with zipfile.ZipFile(share) as zf:
        assert [c.what for c in unsafe_content(zf)] == ["liên kết ra ngoài tệp"]
