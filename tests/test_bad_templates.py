"""Templates from users (`--templates DIR`): every fault named with its file and the text around it."""

import zipfile
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from refusals import assert_refused, run_with_templates


def edit_template(path: Path, old: str, new: str) -> None:
    """Replace text in a template's document.xml, as a user editing it in Word might."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    assert old in xml
    parts["word/document.xml"] = xml.replace(old, new, 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_users_templates_are_used(sample_workbook, user_templates, tmp_path):
    edit_template(user_templates / "ke-hoach.docx", "KẾ HOẠCH", "KẾ HOẠCH (BẢN CỦA XÃ)")
    result = run_with_templates(sample_workbook, user_templates, tmp_path / "out")
    assert result.exit_code == 0, result.output
    from docx import Document

    plan = Document(next((tmp_path / "out").rglob("*_ke-hoach-*.docx")))
    assert any(p.text == "KẾ HOẠCH (BẢN CỦA XÃ)" for p in plan.paragraphs)


def test_a_missing_template_file(sample_workbook, user_templates, tmp_path):
    (user_templates / "bao-cao-quy.docx").unlink()
    assert_refused(run_with_templates(sample_workbook, user_templates, tmp_path / "out"), tmp_path / "out",
                   "bao-cao-quy.docx: không tìm thấy tệp mẫu")


def test_a_template_that_is_not_a_docx(sample_workbook, user_templates, tmp_path):
    (user_templates / "phu-luc.docx").write_text("không phải docx")
    assert_refused(run_with_templates(sample_workbook, user_templates, tmp_path / "out"), tmp_path / "out",
                   "phu-luc.docx: tệp mẫu không phải văn bản Word (.docx)")


def test_a_broken_tag_names_the_template_and_shows_the_text(sample_workbook, user_templates, tmp_path):
    edit_template(user_templates / "ke-hoach.docx", "{{ summary }}", "{{ ten_")
    assert_refused(run_with_templates(sample_workbook, user_templates, tmp_path / "out"), tmp_path / "out",
                   "ke-hoach.docx: thẻ “{{ ten_” chưa được đóng bằng “}}”", "Đoạn văn có lỗi: «{{ ten_»")


def test_a_tag_word_split_across_runs_still_works(sample_workbook, user_templates, tmp_path):
    edit_template(user_templates / "ke-hoach.docx", "{{ summary }}",
                  '{{ sum</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>mary }}')
    assert run_with_templates(sample_workbook, user_templates, tmp_path / "out").exit_code == 0


def test_an_unknown_variable_is_an_error_not_an_empty_field(sample_workbook, user_templates, tmp_path):
    edit_template(user_templates / "ke-hoach.docx", "{{ summary }}", "{{ trich_yeu }}")
    assert_refused(run_with_templates(sample_workbook, user_templates, tmp_path / "out"), tmp_path / "out",
                   "ke-hoach.docx: mẫu dùng biến “trich_yeu” không có trong dữ liệu", "{{ trich_yeu }}")


def test_a_jinja_syntax_error(sample_workbook, user_templates, tmp_path):
    edit_template(user_templates / "phu-luc.docx", "PHỤ LỤC", "PHỤ LỤC {% if %}")
    assert_refused(run_with_templates(sample_workbook, user_templates, tmp_path / "out"), tmp_path / "out",
                   "phu-luc.docx: thẻ mẫu sai cú pháp", "PHỤ LỤC")


def test_reaching_python_internals_is_refused(sample_workbook, user_templates, tmp_path):
    edit_template(user_templates / "ke-hoach.docx", "KẾ HOẠCH", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    assert_refused(run_with_templates(sample_workbook, user_templates, tmp_path / "out"), tmp_path / "out",
                   "ke-hoach.docx: mẫu tìm cách truy cập phần nội bộ")


def test_including_a_file_is_refused(sample_workbook, user_templates, tmp_path):
    edit_template(user_templates / "ke-hoach.docx", "KẾ HOẠCH", "{% include '/etc/passwd' %}")
    result = run_with_templates(sample_workbook, user_templates, tmp_path / "out")
    assert_refused(result, tmp_path / "out", "ke-hoach.docx: lỗi khi điền mẫu")
    assert "root:" not in result.output


def test_debug_shows_the_traceback(sample_workbook, user_templates, tmp_path):
    edit_template(user_templates / "ke-hoach.docx", "{{ summary }}", "{{ trich_yeu }}")
    result = CliRunner().invoke(main, [str(sample_workbook), "--templates", str(user_templates),
                                       "--out", str(tmp_path / "out"), "--debug"])
    assert result.exit_code == 1 and "Traceback" in result.stderr


def test_a_user_template_that_produces_broken_xml_is_an_error(sample_workbook, user_templates, tmp_path):
    # |safe turns autoescaping off for the value: "&" in the summary would break the XML.
    edit_template(user_templates / "ke-hoach.docx", "{{ summary }}", "{{ summary|safe }} &amp; {{ '&lt;x' | safe }}")
    assert_refused(run_with_templates(sample_workbook, user_templates, tmp_path / "out"), tmp_path / "out",
                   "ke-hoach.docx: mẫu tạo ra XML hỏng")
