"""What a clerk types that is nearly right: understood when it can only mean one thing, else a
message that names the right spelling."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import build_workbook, raw_workbook, sample, with_headers
from pipeline.cli import main
from pipeline.documents import choose_period, document_jobs
from pipeline.domain.deadlines import respelled
from pipeline.domain.period import period_key
from pipeline.errors import InvalidWorkbook
from pipeline.workbook import format as F
from pipeline.workbook.reader import read_workbook


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InvalidWorkbook) as caught:
        read_workbook(path)
    return [str(p) for p in caught.value.problems]


# ------------------------------------------------------------------------------------------ --ky


@pytest.mark.parametrize("typed, key", [
    ("6-tháng", "6-thang"), ("6 tháng", "6-thang"), ("6T", "6-thang"), ("9-THÁNG", "9-thang"),
    ("năm", "nam"), ("cả năm", "nam"), ("II", "quy-2"), ("quy2", "quy-2"), ("Quý II", "quy-2"),
    ("q3", "quy-3"), ("4", "quy-4"), ("quy-1", "quy-1"),
])
def test_a_period_is_understood_as_typed(typed, key):
    assert period_key(typed) == key


@pytest.mark.parametrize("typed", ["5", "quy5", "7-thang", "", "tháng 6"])
def test_what_names_no_period_is_none(typed):
    assert period_key(typed) is None


def test_the_command_line_takes_the_clerks_spelling(tmp_path):
    sheets = sample()
    sheets[F.SHEET_DOCUMENTS].append(["Báo cáo 6 tháng", None, None, None, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                      "Lê Ngọc Trình"])
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    result = CliRunner().invoke(main, [str(path), "--ky", "6-tháng", "--out", str(tmp_path / "kq")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kq" / "2024-6T" / "xa-hai-dinh_bao-cao-6-thang-2024.docx").exists()
    result = CliRunner().invoke(main, [str(path), "--ky", "I", "--out", str(tmp_path / "kq")])
    assert result.exit_code == 0 and (tmp_path / "kq" / "2024-Q1").is_dir()
    result = CliRunner().invoke(main, [str(path), "--ky", "7-thang"])
    assert result.exit_code == 2
    assert "“7-thang” không phải một kỳ báo cáo; chọn quy-1, quy-2, quy-3, quy-4, 6-thang, 9-thang, nam" \
        in result.stderr


@pytest.mark.parametrize("typed, command", [("tonghop", "tong-hop"), ("tong_hop", "tong-hop"), ("chek", "check")])
def test_a_mistyped_command_is_named(tmp_path, typed, command):
    result = CliRunner().invoke(main, [typed])
    assert result.exit_code == 2
    assert f"không có lệnh “{typed}”, có phải “{command}”?" in result.stderr


def test_a_missing_file_that_looks_like_no_command_is_still_a_missing_file(tmp_path):
    result = CliRunner().invoke(main, [str(tmp_path / "so-cua-xa.xlsx")])
    assert result.exit_code == 1 and "không tìm thấy tệp Excel" in result.stderr


# ------------------------------------------------------------------------------------------ tone marks


def test_the_formats_words_are_respelled_for_a_suggestion():
    assert respelled("Qúy III") == "Quý III"
    assert respelled("thang 6 nam 2026") == "tháng 6 năm 2026"
    assert respelled("Hoàn thành") == "Hoàn thành"


def test_a_misplaced_tone_mark_gets_the_right_spelling_as_its_hint(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][0][5] = "Qúy III"
    sheets[F.SHEET_RESULTS][0][1] = "Qúy I"
    problems = problems_of(build_workbook(tmp_path / "so.xlsx", sheets))
    assert "Nhiệm vụ!F2: thời gian hoàn thành “Qúy III” không hợp lệ — có phải “Quý III”?" in problems
    assert "Kết quả!B2: quý “Qúy I” không hợp lệ — có phải “Quý I”?" in problems


# ------------------------------------------------------------------------------------------ sheets and rows


def test_an_unnamed_sheet_is_suggested_for_the_missing_one(tmp_path):
    sheets = with_headers(sample())
    sheets["Sheet1"] = sheets.pop(F.SHEET_TASKS)
    problems = problems_of(raw_workbook(tmp_path / "so.xlsx", sheets))
    assert problems == ["Nhiệm vụ: thiếu trang “Nhiệm vụ” — đổi tên trang “Sheet1” thành “Nhiệm vụ”"]


def test_field_heading_rows_copied_from_a_real_plan_are_explained_once_each(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS].insert(0, ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"])
    sheets[F.SHEET_TASKS].insert(3, [None, *["II. CẢI CÁCH THỂ CHẾ"] * 6])  # merged across the row but TT
    sheets[F.SHEET_TASKS].insert(5, ["III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"] * 7)  # merged across the whole row
    problems = problems_of(build_workbook(tmp_path / "so.xlsx", sheets))
    assert problems == [
        "Nhiệm vụ!A2: dòng 2 là dòng tiêu đề lĩnh vực “I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH”, "
        "không phải một nhiệm vụ — xóa dòng tiêu đề lĩnh vực: chương trình tự nhóm nhiệm vụ theo lĩnh vực "
        "(mục “Nhóm theo lĩnh vực” ở trang Thông tin)",
        "Nhiệm vụ!A5: dòng 5 là dòng tiêu đề lĩnh vực “II. CẢI CÁCH THỂ CHẾ”, "
        "không phải một nhiệm vụ — xóa dòng tiêu đề lĩnh vực: chương trình tự nhóm nhiệm vụ theo lĩnh vực "
        "(mục “Nhóm theo lĩnh vực” ở trang Thông tin)",
        "Nhiệm vụ!A7: dòng 7 là dòng tiêu đề lĩnh vực “III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH”, "
        "không phải một nhiệm vụ — xóa dòng tiêu đề lĩnh vực: chương trình tự nhóm nhiệm vụ theo lĩnh vực "
        "(mục “Nhóm theo lĩnh vực” ở trang Thông tin)",
    ]


# ------------------------------------------------------------------------------------------ quý I warning


def first_quarter_warnings(tmp_path, deadlines: dict[int, str]) -> list[str]:
    sheets = sample()
    for row in sheets[F.SHEET_TASKS]:
        if row[0] in deadlines:
            row[5] = deadlines[row[0]]
    sheets[F.SHEET_RESULTS] = [r for r in sheets[F.SHEET_RESULTS] if r[0] not in (2, 3)]
    plan = read_workbook(build_workbook(tmp_path / "so.xlsx", sheets))
    _, warnings = document_jobs(plan, choose_period(plan, None))
    return [str(w) for w in warnings]


def test_tasks_not_yet_due_need_no_quarter_one_result(tmp_path):
    assert first_quarter_warnings(tmp_path, {2: "Quý III", 3: "30/11/2024"}) == []


def test_a_due_task_without_a_result_is_warned_and_told_it_counts_as_not_started(tmp_path):
    assert first_quarter_warnings(tmp_path, {2: "Quý III", 3: "Quý I"}) == [
        "Kết quả: 1 nhiệm vụ chưa có kết quả quý I: 3 — thêm dòng cho các nhiệm vụ này (cột Quý: I) ở trang "
        "Kết quả; chưa thêm thì báo cáo ghi là “Chưa thực hiện”"]


def test_a_plan_only_workbook_writes_to_the_years_folder_as_the_readme_says(tmp_path):
    sheets = sample()
    sheets[F.SHEET_RESULTS] = []
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    result = CliRunner().invoke(main, [str(path), "--out", str(tmp_path / "outputs")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "outputs" / "2024").iterdir()) == [
        "xa-hai-dinh_ke-hoach-2024.docx", "xa-hai-dinh_phu-luc-ke-hoach-2024.docx"]
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "mới có kế hoạch), văn bản nằm trong `outputs\\2026\\`" in readme
    for key in ("6-thang", "9-thang", "nam"):
        assert f"make-report ke-hoach-2026.xlsx --ky {key}" in readme
