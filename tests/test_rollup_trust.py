"""A roll-up the province can trust: only units that reported, none twice, named for what they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import build_workbook, set_info
from docx_reading import find, open_docx, texts
from pipeline.workbook import format as F
from pipeline.cli import main
from year import year_sheets

PROVINCE = ["--co-quan", "SỞ NỘI VỤ TỈNH ĐỒNG NAI", "--ten-goi-tat", "Sở Nội vụ", "--co-quan-chu-quan",
            "UBND TỈNH ĐỒNG NAI", "--ky-hieu", "SNV", "--dia-danh", "Đồng Nai", "--nguoi-ky", "Lê Văn Tâm",
            "--quyen-han", "KT. GIÁM ĐỐC", "--chuc-vu", "PHÓ GIÁM ĐỐC", "--so", "120", "--ngay", "25/6/2026"]


def unit(folder: Path, file: str, issuer: str, upto: int = 2, number=True, extra_done: tuple = ()) -> Path:
    sheets = year_sheets(upto)
    set_info(sheets, F.INFO_ISSUER, issuer)
    if not number:
        for row in sheets[F.SHEET_DOCUMENTS][1:]:
            row[1] = None
    for task in extra_done:
        sheets[F.SHEET_RESULTS].append([task, upto, "Hoàn thành", "Xong", "Biên bản", None])
    return build_workbook(folder / file, sheets)


@pytest.fixture
def province(tmp_path) -> Path:
    """Units worked out by hand for quý II 2026 (each as tests/year.py: done 6, in progress 6,
    not started 3, overdue 0 at 14/6, unless said otherwise):
    - tan-phu.xlsx: Xã Tân Phú, report 48/BC-UBND of 17/6/2026; quý I done 2.
    - tan-phu (1).xlsx: the same file saved twice: counted once.
    - long-hung.xlsx: Xã Long Hưng, task 10 also done: done 7, not started 2.
    - tran-bien.xlsx: Phường Trấn Biên, its report row has no number.
    - an-loc.xlsx: Xã An Lộc, results for quý I only: not reported.
    - binh-son.xlsx, binh-son (2).xlsx: Xã Bình Sơn twice, with different contents: counted neither.
    """
    folder = tmp_path / "cac-don-vi"
    folder.mkdir()
    tan_phu = unit(folder, "tan-phu.xlsx", "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ")
    shutil.copy(tan_phu, folder / "tan-phu (1).xlsx")
    unit(folder, "long-hung.xlsx", "ỦY BAN NHÂN DÂN XÃ LONG HƯNG", extra_done=(10,))
    unit(folder, "tran-bien.xlsx", "ỦY BAN NHÂN DÂN PHƯỜNG TRẤN BIÊN", number=False)
    unit(folder, "an-loc.xlsx", "ỦY BAN NHÂN DÂN XÃ AN LỘC", upto=1)
    unit(folder, "binh-son.xlsx", "ỦY BAN NHÂN DÂN XÃ BÌNH SƠN")
    unit(folder, "binh-son (2).xlsx", "ỦY BAN NHÂN DÂN XÃ BÌNH SƠN", extra_done=(13,))
    return folder


def roll_up(folder, out, *args):
    return CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), *PROVINCE, "--out", str(out), *args])


@pytest.fixture
def quarter_two(province, tmp_path):
    result = roll_up(province, tmp_path / "out", "--ky", "quy-2")
    folder = tmp_path / "out" / "2026-Q2" / "tong-hop"
    return result, open_docx(folder / "so-noi-vu-tinh-dong-nai_tong-hop-quy-2-2026.docx"), \
        load_workbook(folder / "so-noi-vu-tinh-dong-nai_tong-hop-quy-2-2026.xlsx")


def test_only_units_that_reported_are_counted_and_none_twice(quarter_two):
    result, doc, wb = quarter_two
    assert result.exit_code == 1, result.output  # two workbooks could not be rolled up: the clerk must act
    rows = [list(r) for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)]
    assert [r[1] for r in rows] == ["Xã Long Hưng", "Phường Trấn Biên", "Xã Tân Phú", "Tổng cộng"]
    assert [r[4:9] for r in rows] == [[15, 7, 6, 2, 0], [15, 6, 6, 3, 0], [15, 6, 6, 3, 0], [45, 19, 18, 8, 0]]
    assert round(rows[-1][9], 4) == round(19 / 45, 4)
    assert [r[10] for r in rows] == [2, 2, 2, 6]  # done at quý I, for the change since then


def test_the_report_says_who_the_units_are_and_uses_the_short_name(quarter_two):
    _, doc, _ = quarter_two
    assert find(doc, "Trên cơ sở báo cáo của").text == (
        "Trên cơ sở báo cáo của 2 xã, 1 phường, Sở Nội vụ tổng hợp kết quả thực hiện Kế hoạch cải cách hành chính "
        "năm 2026 trong quý II như sau:")
    assert find(doc, "Tổng hợp kết quả thực hiện").text == (
        "Tổng hợp kết quả thực hiện Kế hoạch cải cách hành chính năm 2026\ncủa các đơn vị trong quý II")
    assert find(doc, "Tổng số nhiệm vụ").text.startswith("Tổng số nhiệm vụ trong kế hoạch của 2 xã, 1 phường: 45")
    # each unit is tests/year.py's ward, whose TT 7 was finished late
    assert find(doc, "- Hoàn thành:").text == "- Hoàn thành: 19 nhiệm vụ (đúng hạn 16, quá hạn 3), đạt 42,22%, tăng 13 nhiệm vụ so với quý I năm 2026 của 2 xã, 1 phường này;"
    assert find(doc, "II. KẾT QUẢ CỦA TỪNG ĐƠN VỊ")
    table = doc.tables[1]
    assert [c.text for c in table.rows[0].cells][:3] == ["TT", "Đơn vị", "Số, ngày báo cáo"]
    assert [[c.text for c in row.cells][1:3] for row in table.rows[1:4]] == [  # number and date a line each
        ["Xã Long Hưng", "48/BC-UBND\n17/6/2026"],
        ["Phường Trấn Biên", "chưa có số\n17/6/2026"],
        ["Xã Tân Phú", "48/BC-UBND\n17/6/2026"],
    ]
    assert "Sở Nội Vụ" not in "\n".join(texts(doc))


def test_units_not_reported_and_workbooks_left_out_are_named(quarter_two):
    result, doc, wb = quarter_two
    lines = texts(doc)
    start = lines.index("IV. ĐƠN VỊ CHƯA BÁO CÁO")
    assert lines[start + 1] == "- Xã An Lộc: báo cáo gần nhất là quý I năm 2026."
    assert lines[start + 2] == "V. SỔ CHƯA TỔNG HỢP ĐƯỢC"
    # As many workbooks listed as the intro counts (2), none of them counted; a copy counted once is not listed.
    assert find(doc, "(Chưa tổng hợp:").text == (
        "(Chưa tổng hợp: 1 đơn vị chưa báo cáo, 2 sổ không tổng hợp được; chi tiết ở cuối báo cáo)")
    assert lines[start + 3] == "- Xã Bình Sơn: 2 sổ khác nhau của cùng đơn vị, chưa rõ sổ nào đúng."
    assert lines[start + 4].startswith("Trên đây là báo cáo")
    assert not [line for line in lines if ".xlsx" in line]  # file names are for the clerk, not the province
    assert [list(r) for r in wb["Chưa báo cáo"].iter_rows(min_row=2, values_only=True)] == [
        ["Xã An Lộc", "an-loc.xlsx", "quý I năm 2026"]]
    refused = [list(r) for r in wb["Sổ không tổng hợp"].iter_rows(min_row=2, values_only=True)]
    assert refused[0][0] == "binh-son.xlsx, binh-son (2).xlsx" and refused[0][2].startswith("giữ lại một sổ")
    assert refused[1][0] == "tan-phu (1).xlsx"
    assert ("Tổng hợp quý II năm 2026: 3/7 sổ được tính; 1 đơn vị chưa báo cáo, 1 sổ trùng, "
            "2 sổ không tổng hợp được.") in result.stdout
    assert "Chưa báo cáo: " in result.stdout and "an-loc.xlsx: Xã An Lộc chưa có kết quả quý II năm 2026" in result.stdout


def test_a_period_nobody_reported_writes_nothing(province, tmp_path):
    result = roll_up(province, tmp_path / "out", "--ky", "quy-3")
    assert result.exit_code == 1
    assert "chưa đơn vị nào có kết quả quý III năm 2026 nên không lập báo cáo tổng hợp" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.*"))


def test_by_default_the_latest_reported_quarter_is_rolled_up(province, tmp_path):
    result = roll_up(province, tmp_path / "out")
    assert (tmp_path / "out" / "2026-Q2" / "tong-hop").is_dir(), result.output


def test_a_six_month_roll_up(province, tmp_path):
    roll_up(province, tmp_path / "out", "--ky", "6-thang")
    doc = open_docx(next((tmp_path / "out" / "2026-6T" / "tong-hop").glob("*.docx")))
    # the plan names its year: the period does not say it again
    assert find(doc, "Tổng hợp kết quả thực hiện").text == (
        "Tổng hợp kết quả thực hiện Kế hoạch cải cách hành chính năm 2026\ncủa các đơn vị trong 6 tháng đầu năm")
    assert find(doc, "(Thời gian lấy số liệu").text == "(Thời gian lấy số liệu: từ ngày 15/12/2025 đến ngày 14/6/2026)"
    assert find(doc, "So với quý I năm 2026, số nhiệm vụ hoàn thành thay đổi ở 3 đơn vị:")
    assert find(doc, "- Xã Long Hưng: từ 2 lên 7 nhiệm vụ;")


def test_overdue_tasks_by_unit_are_judged_at_the_cut_off(province, tmp_path):
    roll_up(province, tmp_path / "out", "--ky", "quy-1")
    wb = load_workbook(next((tmp_path / "out" / "2026-Q1" / "tong-hop").glob("*.xlsx")))
    overdue = [(r[0], r[1]) for r in wb["Nhiệm vụ quá hạn"].iter_rows(min_row=2, values_only=True)]
    # Task 7 (due 10/3) is overdue at 14/3; task 6 (Quý I, due 31/3) is not.
    assert sorted(overdue) == [("Phường Trấn Biên", 7), ("Xã An Lộc", 7), ("Xã Long Hưng", 7), ("Xã Tân Phú", 7)]


def test_a_copy_counted_once_and_a_unit_not_reported_leave_the_exit_code_at_0(province, tmp_path):
    """Only a workbook that could not be rolled up makes the exit code 1 (README): without Bình Sơn's
    two different workbooks, the copy of Tân Phú and An Lộc's missing quarter are no failure."""
    for name in ("binh-son.xlsx", "binh-son (2).xlsx"):
        (province / name).unlink()
    result = roll_up(province, tmp_path / "out", "--ky", "quy-2")
    assert result.exit_code == 0, result.output
    assert "Trùng: " in result.output and "Chưa báo cáo: " in result.output
