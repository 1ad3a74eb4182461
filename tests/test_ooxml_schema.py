"""Word opens every document without repair: 0 OOXML schema violations (issue 8 §1).

conftest.py validates every document any test writes into its tmp_path; this file makes sure every
kind is among them (plan, appendix, each quarter's report, roll-up, with and without --templates),
checks the templates themselves, and shows that the check sees a real violation.
"""

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import build_workbook, sample
from ooxml_validation import HAVE_VALIDATOR, assert_valid_ooxml, generated_documents, ooxml_errors
from pipeline.workbook import format as F
from pipeline.cli import main
from pipeline.render import default_templates_dir

pytestmark = pytest.mark.skipif(not HAVE_VALIDATOR, reason="openxml-audit not installed (pip install -e \".[test]\")")
TEMPLATES = sorted(default_templates_dir().glob("*.docx"))
ROLLUP_OPTIONS = ["--co-quan", "ỦY BAN NHÂN DÂN HUYỆN HẢI LĂNG", "--dia-danh", "Hải Lăng",
                  "--nguoi-ky", "Nguyễn Văn An", "--so", "12", "--ngay", "10/4/2024"]


def a_year_of_reports():
    """The sample with a `Văn bản` row and a result for every quarter."""
    sheets = sample()
    for quarter, month in (("II", 6), ("III", 9), ("IV", 12)):
        sheets[F.SHEET_DOCUMENTS].append([f"Báo cáo quý {quarter}", None, f"{month}/2024", None,
                                          "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Ngọc Trình"])
        sheets[F.SHEET_RESULTS].append([4, quarter, "Đang thực hiện", f"Kết quả quý {quarter}", None, None])
    return sheets


def run(*args) -> None:
    result = CliRunner().invoke(main, [*map(str, args)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_each_template_is_valid(template):
    assert_valid_ooxml(template)


@pytest.mark.parametrize("own_templates", [False, True], ids=["built-in", "--templates"])
def test_every_document_kind_is_valid(tmp_path, own_templates):
    workbook = build_workbook(tmp_path / "so.xlsx", a_year_of_reports())
    options = []
    if own_templates:
        shutil.copytree(default_templates_dir(), tmp_path / "mau")
        options = ["--templates", tmp_path / "mau"]
    for quarter in (1, 2, 3, 4):
        run(workbook, "--out", tmp_path / "out", "--quarter", quarter, *options)
    communes = tmp_path / "cac-xa"
    communes.mkdir()
    shutil.copy(workbook, communes / "a.xlsx")
    run("tong-hop", "--input-dir", communes, *ROLLUP_OPTIONS, "--out", tmp_path / "out", *options)

    documents = generated_documents(tmp_path / "out")
    names = [re.sub(r"\d{4}", "", p.stem) for p in documents]
    assert sorted(set(names)) == sorted({"xa-hai-dinh_ke-hoach-", "xa-hai-dinh_phu-luc-ke-hoach-",
                                         *(f"xa-hai-dinh_bao-cao-quy-{q}-" for q in (1, 2, 3, 4)),
                                         "huyen-hai-lang_tong-hop-quy-4-"}), names
    for document in documents:
        assert_valid_ooxml(document)


def misordered(document: Path, target: Path) -> Path:
    """A copy whose first w:tblPr has w:tblBorders after w:tblLook, as the old templates had it."""
    with zipfile.ZipFile(document) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    borders = re.search(r"<w:tblBorders>.*?</w:tblBorders>", xml).group(0)
    xml = xml.replace(borders, "", 1)
    xml = re.sub(r"(<w:tblLook [^>]*/>)", lambda m: m.group(1) + borders, xml, count=1)
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return target


def test_the_check_sees_a_misordered_table_property(tmp_path):
    run(build_workbook(tmp_path / "so.xlsx", sample()), "--out", tmp_path / "out")
    plan = next(p for p in generated_documents(tmp_path / "out") if "_ke-hoach-" in p.name)
    assert ooxml_errors(plan) == []
    broken = misordered(plan, tmp_path / "sai.docx")
    errors = ooxml_errors(broken)
    assert any("tblPr" in e and "tblBorders" in e for e in errors), errors
    with pytest.raises(AssertionError, match="tblBorders"):
        assert_valid_ooxml(broken.read_bytes())
    broken.unlink()  # conftest would (rightly) fail this test on it
