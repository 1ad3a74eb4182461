"""The README and the workbook guide, for a clerk on Windows after the 2025 reform; they drift with the code."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.documents import REGISTRY
from pipeline.workbook import format as F
from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "docs" / "workbook-format.md").read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start: end if end != -1 else None]


def links(text: str) -> list[str]:
    return re.findall(r"\]\(([^)]+)\)", text)


def test_the_windows_section_takes_a_clerk_from_nothing_to_the_first_document():
    windows = section(README, "## Trên Windows")
    steps = ["python.org", "Add python.exe to PATH", "Download ZIP", "Extract All", "gõ `cmd`",
             "py -m pip install -e .", "make-report\n", "outputs\\2024-Q1", "make-report init ke-hoach-2026.xlsx"]
    positions = [windows.index(step) for step in steps]
    assert positions == sorted(positions)  # in the order a clerk meets them
    assert "editable" in windows and "chuyển hay đổi tên thư mục" in windows
    assert '".[test]"' in windows and "người phát triển" in windows


def test_the_first_run_stays_one_command_and_new_workbooks_go_beside_not_into_inputs():
    quick = section(README, "## Bắt đầu nhanh")
    assert "pip install -e .\nmake-report\n" in quick
    assert not re.search(r"init inputs[/\\]", README)


def test_examples_are_after_the_2025_reform():
    assert "tinh.xlsx" in README and "huyen.xlsx" not in README
    assert "huyện" not in GUIDE.lower()
    assert [line for line in README.splitlines() if "huyện" in line.lower()] == [
        line for line in README.splitlines()  # only the seed's history, and the rule that there are none since
        if "khi xã còn thuộc huyện" in line or "01/7/2025" in line]
    usage = section(README, "## Cách dùng")
    assert "UBND tỉnh … (b/c)" in usage
    for command in ([], ["tao"], ["init"], ["check"], ["tong-hop"]):
        help_text = CliRunner().invoke(main, [*command, "--help"]).output
        assert "huyện" not in help_text.lower(), command
        assert not re.search(r"\b(TEXT|DIRECTORY|FILE|INTEGER|default|required|Usage|Options)\b", help_text), command
    assert "tinh.xlsx" in CliRunner().invoke(main, ["tong-hop", "--help"]).output


@pytest.mark.parametrize("text", [README, GUIDE], ids=["README", "workbook-format"])
def test_links_stay_inside_the_repository(text):
    for target in links(text):
        if target.startswith(("http://", "https://", "#")):
            continue
        base = ROOT if text is README else ROOT / "docs"
        resolved = (base / target.split("#")[0]).resolve()
        assert resolved.is_relative_to(ROOT) and resolved.exists(), target
    assert "shared/spec" not in text and "seed/" not in text


def test_the_workbook_guide_names_every_sheet_column_and_label_of_the_format():
    names = [*F.ALL_SHEETS, *F.INFO_LABELS, *(c.name for columns in F.TABLE_SHEETS.values() for c in columns),
             F.SHEET_REPORT_TEXT, *(c.name for c in F.REPORT_TEXT_COLUMNS),
             *REGISTRY.labels(), *F.STATUSES, *F.RECIPIENT_KINDS,
             "Nhóm theo lĩnh vực", "Lĩnh vực", "Mã", "Tên"]
    missing = [name for name in names if f"`{name}`" not in GUIDE]
    assert missing == []


def test_the_workbook_guide_is_in_vietnamese_with_every_rule_of_format_1_1():
    for english in ("required", "example", "column", "The ", "must"):
        assert english not in GUIDE, english
    for form in ("Thường xuyên", "6 tháng cuối năm", "9 tháng đầu năm", "Cuối năm", "Trong năm", "Năm 2026",
                 "Tháng 6 năm 2026", "30-6-2026", "30.6.2026", "Trước 30/6/2026", "Quý 2"):
        assert form in GUIDE, form
    for field in ("Cải cách thể chế", "Cải cách tài chính công", "Nhiệm vụ khác"):
        assert field in GUIDE
    assert "Kết quả và hồ sơ kiểm chứng không bao giờ mất" in GUIDE
    assert "ngày chốt số liệu" in GUIDE and "14/3" in GUIDE
    assert "Nhiệm vụ đã `Hoàn thành` không cần thêm dòng" in GUIDE
