"""Without `--ky`, the report at the latest quarter with results is the one the workbook has a row for.

`init` writes the CCHC cycle's rows: quý I, 6 tháng, quý III, năm. After quý II's results a clerk runs
`make-report` and expects the 6 months' report, not only the plan and a warning to add a `Báo cáo
quý II` row the province never asks for.
"""

from __future__ import annotations

from click.testing import CliRunner

from builders import build_workbook
from cchc_year import ward_sheets
from pipeline.cli import main
from pipeline.workbook import format as F

CYCLE = ("Kế hoạch", "Báo cáo quý I", "Báo cáo 6 tháng", "Báo cáo quý III", "Báo cáo năm")


def cycle_workbook(path, upto: int, rows=CYCLE):
    sheets = ward_sheets(upto)
    sheets[F.SHEET_DOCUMENTS] = [row for row in sheets[F.SHEET_DOCUMENTS] if row[0] in rows]
    return build_workbook(path, sheets)


def renamed(sheets, name: str):
    sheets[F.SHEET_INFO] = [[label, value.replace("AN KHÁNH", name.upper()).replace("An Khánh", name)
                             if isinstance(value, str) else value] for label, value in sheets[F.SHEET_INFO]]
    return sheets


def batch(folder, out):
    """A batch over `folder`: its result, and the reports it made."""
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(out)])
    return result, reports_made(out)


def reports_made(out) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*_bao-cao-*.docx"))


def test_after_quy_ii_the_cycles_six_month_report_is_made(tmp_path):
    workbook = cycle_workbook(tmp_path / "phuong.xlsx", 2)
    result = CliRunner().invoke(main, [str(workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert reports_made(tmp_path / "out") == ["2026-6T/phuong-an-khanh_bao-cao-cchc-6-thang-2026.docx"]
    assert "không có dòng “Báo cáo quý II” nên chưa lập" not in result.output


def test_after_quy_iv_the_year_report_is_made(tmp_path):
    workbook = cycle_workbook(tmp_path / "phuong.xlsx", 4)
    result = CliRunner().invoke(main, [str(workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert reports_made(tmp_path / "out") == ["2026-N/phuong-an-khanh_bao-cao-cchc-nam-2026.docx"]


def test_the_quarters_own_row_comes_first_when_the_workbook_has_both(tmp_path):
    workbook = cycle_workbook(tmp_path / "phuong.xlsx", 2, rows=(*CYCLE, "Báo cáo quý II"))
    result = CliRunner().invoke(main, [str(workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert reports_made(tmp_path / "out") == ["2026-Q2/phuong-an-khanh_bao-cao-cchc-quy-2-2026.docx"]


def test_asking_for_a_period_without_its_row_names_the_row_the_workbook_has(tmp_path):
    workbook = cycle_workbook(tmp_path / "phuong.xlsx", 2)
    result = CliRunner().invoke(main, [str(workbook), "--ky", "quy-2", "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "không có dòng “Báo cáo quý II”" in result.output
    assert "--ky 6-thang" in result.output


def test_a_batch_keeps_each_workbooks_report_at_the_same_cutoff(tmp_path):
    """One ward reports in the cycle (6 tháng), another has a quý II row: both are reported, each in its own."""
    folder = tmp_path / "cac-phuong"
    folder.mkdir()
    cycle_workbook(folder / "a.xlsx", 2)
    other = renamed(ward_sheets(2), "An Bình")
    other[F.SHEET_DOCUMENTS] = [row for row in other[F.SHEET_DOCUMENTS] if row[0] != "Báo cáo 6 tháng"]
    build_workbook(folder / "b.xlsx", other)
    result, made = batch(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert made == [
        "2026-6T/phuong-an-khanh/phuong-an-khanh_bao-cao-cchc-6-thang-2026.docx",
        "2026-Q2/phuong-an-binh/phuong-an-binh_bao-cao-cchc-quy-2-2026.docx",
    ]
    assert "Tổng kết báo cáo đến hết quý II năm 2026 (quý II, 6 tháng): 2/2 sổ tạo xong" in result.output


PROVINCE = ["--co-quan", "SỞ NỘI VỤ TỈNH ĐỒNG NAI", "--dia-danh", "Đồng Nai", "--nguoi-ky", "Nguyễn Văn An"]


def test_a_nine_month_roll_up_cites_the_quarter_iii_report_of_a_unit_in_the_cycle(tmp_path):
    """The unit's report at the 9 months' cut-off is its `Báo cáo quý III` (số 70, 16/9/2026): the roll-up
    cites it rather than `chưa có số`."""
    from openpyxl import load_workbook

    folder = tmp_path / "cac-phuong"
    folder.mkdir()
    cycle_workbook(folder / "a.xlsx", 3)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--ky", "9-thang", *PROVINCE,
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(next(out.rglob("*.xlsx")))["Tổng hợp"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    # A reviewer took it for a 9 tháng report: it says which report it is, in both files.
    assert row[header.index("Số báo cáo")] == "70/BC-UBND (báo cáo quý III)"
    assert row[header.index("Ngày báo cáo")].date().isoformat() == "2026-09-16"
    from docx_reading import open_docx

    table = open_docx(next(out.rglob("*.docx"))).tables[1]
    cells = next(row.cells for row in table.rows if row.cells[1].text == "Phường An Khánh")
    assert cells[2].text == "70/BC-UBND\n16/9/2026 (báo cáo quý III)"


def test_the_year_report_of_a_unit_in_the_cycle_names_its_quarter_iii_report_as_the_one_before(tmp_path):
    """The cycle has no 9 tháng report: a task's earlier status is `(Quý III: …)`, the report the unit made
    (a clerk's trial read `(9 tháng: đang thực hiện)` of a report never written)."""
    from docx_reading import open_docx

    workbook = cycle_workbook(tmp_path / "phuong.xlsx", 4)
    result = CliRunner().invoke(main, [str(workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    table = open_docx(next((tmp_path / "out").rglob("*_bao-cao-cchc-nam-2026.docx"))).tables[-1]
    cells = " ".join(cell.text for row in table.rows for cell in row.cells)
    assert "(Quý III: " in cells and "(9 tháng: " not in cells


def test_a_batch_renders_an_early_finisher_at_the_cutoff_in_the_report_its_rows_ask_for(tmp_path):
    """Phường An Bình finished every task in quý I and keeps the cycle's rows; Phường An Khánh reports
    quý II with a `Báo cáo quý II` row. The batch reports both at quý II's cut-off: An Bình in its
    `6 tháng`, not refused for lacking a quý II row."""
    folder = tmp_path / "cac-phuong"
    folder.mkdir()
    build_workbook(folder / "a.xlsx", ward_sheets(2))
    early = renamed(ward_sheets(1), "An Bình")
    early[F.SHEET_DOCUMENTS] = [row for row in early[F.SHEET_DOCUMENTS] if row[0] in CYCLE]
    early[F.SHEET_DOCUMENTS].append(["Báo cáo 6 tháng", 49, None, None, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                     "Nguyễn Văn Hùng", "Ủy ban nhân dân tỉnh Đồng Nai"])
    early[F.SHEET_RESULTS] = [[task[0], 1, "Hoàn thành", "Đã xong", "Biên bản", None] for task in early[F.SHEET_TASKS]]
    build_workbook(folder / "b.xlsx", early)
    result, made = batch(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert made == [
        "2026-6T/phuong-an-binh/phuong-an-binh_bao-cao-cchc-6-thang-2026.docx",
        "2026-Q2/phuong-an-khanh/phuong-an-khanh_bao-cao-cchc-quy-2-2026.docx",
    ]


def test_a_workbook_behind_the_batchs_cutoff_is_told_the_quarter_to_enter(tmp_path):
    """With a `6 tháng` and a `quý II` run in the batch, the one still at quý I is told of quý II, the
    quarter it enters results for, whichever of the two the batch met first."""
    folder = tmp_path / "cac-phuong"
    folder.mkdir()
    cycle_workbook(folder / "a.xlsx", 2)
    build_workbook(folder / "b.xlsx", renamed(ward_sheets(2), "An Bình"))
    behind = renamed(ward_sheets(1), "An Hòa")
    behind[F.SHEET_DOCUMENTS] = [row for row in behind[F.SHEET_DOCUMENTS] if row[0] in CYCLE]
    build_workbook(folder / "c.xlsx", behind)
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert ("c.xlsx: chưa có kết quả quý II năm 2026; kết quả mới nhất là quý I năm 2026 nên chưa tạo văn bản"
            in result.output)
    assert "nhập kết quả quý II ở trang Kết quả" in result.output


def test_a_result_typed_under_a_later_quarter_says_what_moved_the_run_and_how_to_make_the_earlier_report(tmp_path):
    """A trial typed one result under `II` in a quý I workbook: the run made plan and appendix in
    2024-Q2, warned only to add `Báo cáo quý II`, and said nothing of the quý I report."""
    from builders import sample

    sheets = sample()
    sheets[F.SHEET_RESULTS][1][1] = "II"
    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert ("không có dòng “Báo cáo quý II” nên chưa lập báo cáo quý II (trang Kết quả có kết quả quý II của 1 "
            "nhiệm vụ)") in result.stderr
    assert "nếu là gõ nhầm quý, sửa cột Quý ở trang Kết quả; báo cáo quý I vẫn tạo được bằng --ky quy-1" in result.stderr
