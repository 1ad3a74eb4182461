"""A template's zip is not copied as it is (issue 20 §3): only the parts a Word package holds, each once.

Two members of one name, names differing only in case (one part to Word, two files to a zip) and
`../` names refuse the template with a message naming it; a file no relationship reaches is left
out of the documents, as Word leaves it out when it saves.
"""

import shutil
import warnings
import zipfile
from pathlib import Path

import pytest

from pipeline.render import default_templates_dir
from refusals import assert_refused, run_with_templates


def with_member(template: Path, name: str, data: bytes) -> Path:
    with warnings.catch_warnings(), zipfile.ZipFile(template, "a") as zf:
        warnings.simplefilter("ignore")   # zipfile warns about a duplicate name: that is the point
        zf.writestr(zipfile.ZipInfo(name), data)
    return template


BAD_NAMES = {
    "a duplicate name": ("word/document.xml", "hai phần cùng tên"),
    "a case-only duplicate": ("Word/Document.xml", "chỉ khác chữ hoa, chữ thường"),
    "a parent-folder name": ("../../evil.txt", "tên không hợp lệ"),
    "an absolute name": ("/etc/evil.txt", "tên không hợp lệ"),
    "a backslash name": ("word\\..\\..\\evil.txt", "tên không hợp lệ"),
    "a percent-encoded parent folder": ("word/%2e%2E/evil.txt", "tên không hợp lệ"),
    "a name ending in a dot": ("word/document.xml.", "tên không hợp lệ"),
}


@pytest.mark.parametrize("case", list(BAD_NAMES))
def test_a_template_with_a_bad_member_name_is_refused_naming_it(case, sample_workbook, user_templates, tmp_path):
    name, reason = BAD_NAMES[case]
    with zipfile.ZipFile(user_templates / "ke-hoach.docx") as zf:
        body = zf.read("word/document.xml")
    with_member(user_templates / "ke-hoach.docx", name, body)
    out = tmp_path / "out"
    assert_refused(run_with_templates(sample_workbook, user_templates, out), out,
                   "ke-hoach.docx", "Lỗi mẫu", reason)


def test_the_documents_hold_only_parts_the_package_refers_to_each_once(sample_workbook, user_templates, tmp_path):
    template = user_templates / "ke-hoach.docx"
    with_member(template, "word/extra/run-me.sh", b"#!/bin/sh\nrm -rf ~\n")
    with_member(template, "word/media/", b"")
    assert run_with_templates(sample_workbook, user_templates, tmp_path / "out").exit_code == 0
    with zipfile.ZipFile(template) as zf:
        expected = {n for n in zf.namelist() if not n.startswith("word/extra/") and not n.endswith("/")}
    with zipfile.ZipFile(next((tmp_path / "out").rglob("*_ke-hoach-*.docx"))) as zf:
        names = zf.namelist()
    assert len(names) == len(set(n.lower() for n in names))
    assert set(names) == expected


def test_a_part_named_by_a_percent_encoded_target_is_kept(tmp_path):
    """Relationship targets are URIs (`image%201.png`); the zip may store the name decoded."""
    from hostile import replace_part
    from pipeline.safety.members import package_members

    template = Path(shutil.copy(default_templates_dir() / "ke-hoach.docx", tmp_path / "mau.docx"))
    with_member(template, "word/media/image 1.png", b"\x89PNG\r\n\x1a\n")
    replace_part(template, "word/_rels/document.xml.rels", lambda xml: xml.replace(
        b"</Relationships>", b'<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/officeDocument/'
                             b'2006/relationships/image" Target="media/image%201.png"/></Relationships>'))
    with_member(template, "word/media/unused.png", b"\x89PNG\r\n\x1a\n")
    with zipfile.ZipFile(template) as zf:
        kept = {info.filename for info in package_members(zf)}
    assert "word/media/image 1.png" in kept and "word/media/unused.png" not in kept
