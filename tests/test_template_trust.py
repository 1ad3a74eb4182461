"""Only the templates we ship render as ours (fast, unbounded); trust goes by content, not folder.

The README invites opening `templates/ke-hoach.docx` in Word, and a district's template may be
copied over it. Trusted by folder, such a file rendered without the sandbox's bounds and without
its output being read back: `{{ '<w:instrText>INCLUDETEXT…'|safe }}` went into every document.
"""

import hashlib
import shutil

import pytest

from hostile import with_paragraph
from pipeline.errors import TemplateProblem
from pipeline.render import CompileCache, CompiledTemplate, default_templates_dir
from pipeline.render import template as template_module
from pipeline.render.bundled import BUNDLED

FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDETEXT '
         '"C:\\\\Windows\\\\win.ini" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_the_shipped_templates_are_known_by_content():
    shipped = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in default_templates_dir().glob("*.docx")}
    assert shipped == BUNDLED, "a template changed: run python tools/build_templates.py"


@pytest.fixture
def bundled_folder(tmp_path, monkeypatch):
    """A copy of our templates standing where ours stand (the folder make-report uses without --templates)."""
    folder = tmp_path / "templates"
    shutil.copytree(default_templates_dir(), folder)
    monkeypatch.setattr(template_module, "default_templates_dir", lambda: folder)
    return folder


def test_a_shipped_template_in_its_folder_renders_as_ours(bundled_folder):
    assert not CompiledTemplate(bundled_folder / "ke-hoach.docx", CompileCache(None)).check_output


def test_a_shipped_template_edited_in_place_is_a_users_template(bundled_folder, sample_workbook):
    from pipeline.generate import generate

    with_paragraph(bundled_folder / "ke-hoach.docx", "{{ '" + FIELD + "'|safe }}")
    assert CompiledTemplate(bundled_folder / "ke-hoach.docx", CompileCache(None)).check_output
    with pytest.raises(TemplateProblem, match="mẫu tạo ra trong văn bản trường INCLUDETEXT"):
        generate(sample_workbook, sample_workbook.parent / "out", templates=bundled_folder)
