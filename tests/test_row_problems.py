"""A report row of `Văn bản` with something wrong stops that report only.

A clerk fills the year's rows in January and rarely knows then who will sign in December: a blank
`Người ký` in `Báo cáo năm` used to refuse every run of the year, quý I's included.
"""

from __future__ import annotations

from click.testing import CliRunner

from builders import build_workbook
from cchc_year import ward_sheets
from pipeline.cli import main
from pipeline.workbook import format as F

SIGNER, NUMBER = 6, 1  # columns of `Văn bản` as the builder writes them: Người ký (G), Số (B)


def workbook_with(path, upto: int, label: str, column: int, value):
    """The ward's workbook with `value` in `column` of the `label` row (added when missing), and the
    sheet row it is on (the header is row 1)."""
    sheets = ward_sheets(upto)
    rows = sheets[F.SHEET_DOCUMENTS]
    if not any(row[0] == label for row in rows):
        rows.append([label, 90, None, None, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hùng"])
    index = next(i for i, row in enumerate(rows) if row[0] == label)
    rows[index][column] = value
    return build_workbook(path, sheets), index + 2


def run(workbook, out, *args):
    return CliRunner().invoke(main, [str(workbook), "--out", str(out), *args])


def test_a_blank_signer_in_the_years_row_does_not_stop_quy_i(tmp_path):
    workbook, _ = workbook_with(tmp_path / "phuong.xlsx", 1, "Báo cáo năm", SIGNER, None)
    result = run(workbook, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").rglob("*_bao-cao-cchc-quy-1-2026.docx"))) == 1


def test_it_stops_the_years_report_and_says_where(tmp_path):
    workbook, row = workbook_with(tmp_path / "phuong.xlsx", 1, "Báo cáo năm", SIGNER, None)
    result = run(workbook, tmp_path / "out", "--ky", "nam")
    assert result.exit_code == 1
    assert f"Văn bản!G{row}: chưa nhập họ tên người ký" in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.docx"))


def test_a_wrong_number_in_the_periods_own_row_still_stops_it(tmp_path):
    workbook, row = workbook_with(tmp_path / "phuong.xlsx", 1, "Báo cáo quý I", NUMBER, "12a")
    result = run(workbook, tmp_path / "out")
    assert result.exit_code == 1
    assert f"Văn bản!B{row}: số văn bản “12a” không hợp lệ" in result.output


def test_the_plans_own_row_stops_every_run(tmp_path):
    workbook, row = workbook_with(tmp_path / "phuong.xlsx", 1, "Kế hoạch", SIGNER, None)
    result = run(workbook, tmp_path / "out")
    assert result.exit_code == 1
    assert f"Văn bản!G{row}: chưa nhập họ tên người ký" in result.output


def test_the_roll_up_leaves_out_a_unit_whose_cited_report_row_is_wrong(tmp_path):
    """The row a roll-up cites (number, date) is one the unit's own run would refuse: the unit is left
    out with the reason at its cell, as before such problems stopped only their own period's run."""
    folder = tmp_path / "cac-phuong"
    folder.mkdir()
    workbook, row = workbook_with(folder / "phuong.xlsx", 1, "Báo cáo quý I", NUMBER, "12a")
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--ky", "quy-1", "--co-quan",
                                       "SỞ NỘI VỤ TỈNH ĐỒNG NAI", "--dia-danh", "Đồng Nai", "--nguoi-ky", "Lê Văn Tâm",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"Văn bản!B{row}: số văn bản “12a” không hợp lệ" in result.output


def test_a_wrong_row_of_another_period_does_not_keep_a_unit_out_of_the_roll_up(tmp_path):
    folder = tmp_path / "cac-phuong"
    folder.mkdir()
    workbook_with(folder / "phuong.xlsx", 1, "Báo cáo năm", SIGNER, None)
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--ky", "quy-1", "--co-quan",
                                       "SỞ NỘI VỤ TỈNH ĐỒNG NAI", "--dia-danh", "Đồng Nai", "--nguoi-ky", "Lê Văn Tâm",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
