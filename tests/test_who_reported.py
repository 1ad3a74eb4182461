"""Who reported a period: one rule (pipeline.domain.reported) for the single run, the batch and `tong-hop`.

Three units of one province in December: Tân Phú entered every quarter; Long Hải finished every task
by quý III, so it has no quý IV rows (finished tasks need none); Hải Khê stopped after quý II.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from builders import build_workbook, set_info
from cchc_year import ward_sheets
from pipeline.cli import main
from pipeline.domain.period import all_periods, period_from_key
from pipeline.domain.reported import has_reported
from pipeline.workbook import format as F
from pipeline.workbook.reader import read_workbook
from year import TASKS, year_sheets

PROVINCE = ["--co-quan", "SỞ NỘI VỤ TỈNH LÂM ĐỒNG", "--ky-hieu", "SNV", "--dia-danh", "Lâm Đồng",
            "--quyen-han", "KT. GIÁM ĐỐC", "--chuc-vu", "PHÓ GIÁM ĐỐC", "--nguoi-ky", "Nguyễn Văn A"]


def unit(sheets: dict, name: str) -> dict:
    set_info(sheets, F.INFO_ISSUER, f"ỦY BAN NHÂN DÂN XÃ {name}")
    return sheets


def finished_by_quarter_three() -> dict:
    """Quarters I–III as the clerk entered them, but every task still open finished in quý III."""
    sheets = year_sheets(4)
    rows = [row for row in sheets[F.SHEET_RESULTS] if row[1] <= 3]
    for row in rows:
        if row[1] == 3:
            row[2] = "Hoàn thành"
    done = {row[0] for row in rows if row[2] == "Hoàn thành"}
    rows += [[n, 3, "Hoàn thành", "Đã hoàn thành", None, None] for n, *_ in TASKS if n not in done]
    sheets[F.SHEET_RESULTS] = rows
    return unit(sheets, "LONG HẢI")


def stopped_after_quarter_two() -> dict:
    sheets = year_sheets(4)
    sheets[F.SHEET_RESULTS] = [row for row in sheets[F.SHEET_RESULTS] if row[1] <= 2]
    return unit(sheets, "HẢI KHÊ")


@pytest.fixture
def province(tmp_path) -> Path:
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    build_workbook(folder / "tan-phu.xlsx", unit(year_sheets(4), "TÂN PHÚ"))
    build_workbook(folder / "long-hai.xlsx", finished_by_quarter_three())
    build_workbook(folder / "hai-khe.xlsx", stopped_after_quarter_two())
    return folder


def test_a_unit_that_finished_everything_early_reported_the_later_periods(province):
    plan = read_workbook(province / "long-hai.xlsx")
    assert not any(r.quarter == 4 for r in plan.results)
    assert all(has_reported(plan, period) for period in all_periods(2026))


def test_a_unit_with_unfinished_tasks_and_no_rows_did_not_report(province):
    plan = read_workbook(province / "hai-khe.xlsx")
    reported = [p.key for p in all_periods(2026) if has_reported(plan, p)]
    assert reported == ["quy-1", "quy-2", "6-thang"]


def test_an_untouched_workbook_reported_nothing(tmp_path):
    """`init` pre-fills `Số liệu` codes with blank figures and the report rows of `Văn bản`: neither counts."""
    assert CliRunner().invoke(main, ["init", str(tmp_path / "moi.xlsx")]).exit_code == 0
    plan = read_workbook(tmp_path / "moi.xlsx")
    assert plan.statistics or plan.reports  # there is something pre-filled to be fooled by
    assert not any(has_reported(plan, period) for period in all_periods(plan.year))


def test_numbered_report_rows_are_not_a_report(province):
    """Hải Khê numbered and dated all seven report rows in January, as clerks do."""
    plan = read_workbook(province / "hai-khe.xlsx")
    year = period_from_key("nam", 2026)
    assert plan.reports[year].number
    assert not has_reported(plan, year)


def test_figures_typed_for_the_period_are_a_report(tmp_path):
    sheets = ward_sheets(4)
    sheets[F.SHEET_RESULTS] = [row for row in sheets[F.SHEET_RESULTS] if row[1] <= 3]
    build_workbook(tmp_path / "an-khanh.xlsx", sheets)
    plan = read_workbook(tmp_path / "an-khanh.xlsx")
    assert has_reported(plan, period_from_key("nam", 2026))      # `Năm` figures typed
    assert not has_reported(plan, period_from_key("quy-4", 2026))  # none for quý IV, no rows, tasks open


def test_the_batch_makes_quarter_four_for_a_unit_that_finished_early(province, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["--input-dir", str(province), "-o", str(out)])
    assert "xa-long-hai_bao-cao-quy-4-2026.docx" in {p.name for p in (out / "2026-Q4").rglob("*.docx")}
    assert "long-hai.xlsx: chưa có kết quả" not in result.output
    assert "hai-khe.xlsx: chưa có kết quả quý IV năm 2026" in result.output


def test_tong_hop_counts_the_unit_that_finished_early_and_not_the_one_that_stopped(province, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["tong-hop", "-i", str(province), "--ky", "nam", "-o", str(out), *PROVINCE])
    assert result.exit_code == 0, result.output
    assert "2/3 sổ được tính; 1 đơn vị chưa báo cáo" in result.output
    book = openpyxl.load_workbook(next((out / "2026-N" / "tong-hop").glob("*.xlsx")))
    not_reported = [row[0] for row in book["Chưa báo cáo"].iter_rows(min_row=2, values_only=True)]
    assert not_reported == ["Xã Hải Khê"]


def test_tong_hop_without_a_period_counts_the_latest_quarter_and_the_finished_unit(province, tmp_path):
    result = CliRunner().invoke(main, ["tong-hop", "-i", str(province), "-o", str(tmp_path / "out"), *PROVINCE])
    assert result.exit_code == 0, result.output
    assert "Tổng hợp quý IV năm 2026: 2/3 sổ được tính" in result.output


def test_a_period_the_unit_has_not_reported_is_warned_about(province, tmp_path):
    result = CliRunner().invoke(main, [str(province / "hai-khe.xlsx"), "--ky", "9-thang", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "chưa có kết quả 9 tháng đầu năm 2026 (kết quả mới nhất là quý II)" in result.output


def test_a_reported_period_has_no_such_warning(province, tmp_path):
    result = CliRunner().invoke(main, [str(province / "long-hai.xlsx"), "--ky", "nam", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "chưa có kết quả năm" not in result.output
    assert "chưa có kết quả quý IV" not in result.output


def test_the_cchc_form_names_the_tasks_with_no_result(tmp_path):
    """Quý II: the clerk forgot the row of task 3 (Thường xuyên, in progress); the CCHC form says so."""
    sheets = ward_sheets(4)
    sheets[F.SHEET_RESULTS] = [row for row in sheets[F.SHEET_RESULTS] if row[:2] != [3, 2]]
    build_workbook(tmp_path / "an-khanh.xlsx", sheets)
    result = CliRunner().invoke(main, [str(tmp_path / "an-khanh.xlsx"), "--ky", "quy-2", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "bao-cao-cchc-quy-2-2026.docx" in result.output
    assert "1 nhiệm vụ chưa có kết quả quý II: 3" in result.output


def test_the_cchc_form_warns_of_a_period_with_no_results(tmp_path):
    sheets = ward_sheets(4)
    sheets[F.SHEET_RESULTS] = [row for row in sheets[F.SHEET_RESULTS] if row[1] <= 2]
    sheets[F.SHEET_STATISTICS] = [row for row in sheets[F.SHEET_STATISTICS] if row[1] in ("Quý I", "Quý II")]
    build_workbook(tmp_path / "an-khanh.xlsx", sheets)
    result = CliRunner().invoke(main, [str(tmp_path / "an-khanh.xlsx"), "--ky", "9-thang", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "bao-cao-cchc-9-thang-2026.docx" in result.output
    assert "chưa có kết quả 9 tháng đầu năm 2026 (kết quả mới nhất là quý II)" in result.output

