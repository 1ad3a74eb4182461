"""Messages about cells: Excel error values and mistyped or deleted column headers, one line each."""

import pytest

from builders import build_workbook, raw_workbook, sample, with_headers
from refusals import run_bad
from pipeline.workbook import format as F
from pipeline.errors import InvalidWorkbook
from pipeline.workbook.reader import read_workbook


def problems_of(path) -> list[str]:
    with pytest.raises(InvalidWorkbook) as caught:
        read_workbook(path)
    return [f"{p.sheet}!{p.cell}: {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize("error", ["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?"])
def test_an_excel_error_value_is_an_error_at_its_cell_and_never_printed(tmp_path, error):
    sheets = sample()
    sheets[F.SHEET_TASKS][2][2] = error             # Nhiệm vụ!C4: Giải pháp
    sheets[F.SHEET_RESULTS][1][2] = error           # Kết quả!C3: Tình trạng
    sheets[F.SHEET_RESULTS][0][4] = error           # Kết quả!E2: Hồ sơ kiểm chứng (optional)
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    problems = problems_of(path)
    meaning = _meaning(error)
    assert sorted(p for p in problems if error in p) == sorted([
        f"Nhiệm vụ!C4: ô báo lỗi Excel {error} ({meaning})",
        f"Kết quả!C3: ô báo lỗi Excel {error} ({meaning})",
        f"Kết quả!E2: ô báo lỗi Excel {error} ({meaning})",
    ])
    # One line per cell: no second message (`chưa nhập`, `không hợp lệ`) about the same cells.
    assert not [p for p in problems if p.startswith(("Nhiệm vụ!C4", "Kết quả!C3", "Kết quả!E2")) and error not in p]
    result = run_bad(path, tmp_path / "out", f"Kết quả!C3: ô báo lỗi Excel {error}")
    assert result.stderr.count(error) == 3


def _meaning(error: str) -> str:
    from pipeline.workbook.sheets import EXCEL_ERRORS

    return EXCEL_ERRORS[error]


def test_an_error_value_in_the_info_sheet_is_refused_too(tmp_path):
    sheets = sample()
    sheets[F.SHEET_INFO][4] = (F.INFO_PLACE, "#REF!")
    problems = problems_of(build_workbook(tmp_path / "so.xlsx", sheets))
    assert any(p.startswith("Thông tin!B") and "#REF!" in p for p in problems), problems
    assert not any("chưa nhập “Địa danh”" in p for p in problems), problems


def test_a_mistyped_status_header_is_one_line_not_one_per_row(tmp_path):
    sheets = with_headers(sample())
    header = sheets[F.SHEET_RESULTS][0]
    header[header.index(F.RESULT_STATUS)] = "Tình trạn"  # (`Tinh trang`, without tone marks, is read)
    problems = problems_of(raw_workbook(tmp_path / "so.xlsx", sheets))
    assert problems == ["Kết quả!C1: tiêu đề cột “Tình trạn” không đúng"]


def test_a_deleted_column_names_where_to_add_it(tmp_path):
    sheets = with_headers(sample())
    results = sheets[F.SHEET_RESULTS]
    column = results[0].index(F.RESULT_STATUS)
    sheets[F.SHEET_RESULTS] = [row[:column] + row[column + 1:] for row in results]
    problems = problems_of(raw_workbook(tmp_path / "so.xlsx", sheets))
    assert problems == ["Kết quả!H1: thiếu cột “Tình trạng”"]  # after the last of the 7 columns left
