"""Reading and validating the workbook: every problem at once, with its cell and a fix."""

import pytest

from builders import build_workbook, raw_workbook, sample, set_info, with_headers
from pipeline.workbook import format as F
from pipeline.errors import InvalidWorkbook
from pipeline.domain.result import Status
from pipeline.domain.task import DeadlineKind
from pipeline.workbook.reader import read_workbook


def problems_of(path) -> list[str]:
    with pytest.raises(InvalidWorkbook) as info:
        read_workbook(path)
    return [str(p) for p in info.value.problems]


def test_the_sample_reproduces_the_seed_plan(sample_workbook):
    plan = read_workbook(sample_workbook)
    assert plan.agency.name == "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH"
    assert plan.year == 2024
    assert [t.number for t in plan.tasks] == list(range(1, 10))
    assert plan.tasks[3].deadline.kind is DeadlineKind.QUARTER
    assert [t.criterion_code for t in plan.tasks] == ["1.3", "1.5.1", "1.5.4", "3.5", "3.12.1", "4.4", "6.3", "6.5", "7.1.4"]
    assert plan.plan_document.signer.name == "Lê Ngọc Trình"
    assert {r.task_number: r.status for r in plan.results}[4] is Status.NOT_STARTED
    assert plan.warnings == ()


def test_all_problems_are_reported_together_with_cell_and_fix(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][2][0] = 2  # duplicate TT in row 4
    sheets[F.SHEET_TASKS][4][5] = "sớm nhất có thể"  # deadline F6
    sheets[F.SHEET_RESULTS][0][2] = "Hoàn thàn"  # status C2
    sheets[F.SHEET_RESULTS][1][1] = "V"  # quarter B3
    sheets[F.SHEET_RESULTS].append([42, "I", "Hoàn thành", None, None, None])  # TT not in tasks, A11
    sheets[F.SHEET_RESULTS].append([3, "II", "Hoàn thành", None, None, None])  # task 3, whose TT became 2: A12
    sheets[F.SHEET_TASKS][0][3] = None  # lead C2 empty
    problems = problems_of(build_workbook(tmp_path / "x.xlsx", sheets))
    text = "\n".join(problems)
    assert "Nhiệm vụ!A4: TT 2 bị trùng với ô A3" in text
    assert "Nhiệm vụ!F6: thời gian hoàn thành “sớm nhất có thể” không hợp lệ — nhập một trong các dạng: Thường xuyên" in text
    assert "Kết quả!C2: tình trạng “Hoàn thàn” không hợp lệ — có phải “Hoàn thành”?" in text
    assert "Kết quả!B3: quý “V” không hợp lệ — chọn I, II, III hoặc IV" in text
    assert "Kết quả!A11: TT 42 không có trong trang Nhiệm vụ — sửa TT cho khớp với một nhiệm vụ" in text
    # Which of the two cells of TT 2 is the slip only the clerk knows: both are named.
    assert ("Kết quả!A12: TT 3 không có trong trang Nhiệm vụ — có thể nhiệm vụ 3 ở trang Nhiệm vụ bị gõ nhầm TT "
            "(TT 2 ở Nhiệm vụ!A3, Nhiệm vụ!A4): sửa TT của nhiệm vụ đó thành 3") in text
    assert "Nhiệm vụ!D2: chưa nhập đơn vị chủ trì" in text
    assert all(" — " in p for p in problems)


def test_a_huge_tt_typed_by_a_slip_costs_no_memory(tmp_path):
    """A trial's TT of 1000000000 (a held-down key) made the hint list every number below it: the run
    was killed for memory. It gets the ordinary message, in a few megabytes."""
    import tracemalloc

    sheets = sample()
    sheets[F.SHEET_TASKS][2][0] = 1_000_000_000  # task 3's TT, Nhiệm vụ!A4
    sheets[F.SHEET_TASKS][3][0] = 2  # and task 4's typed as 2: one TT typed twice, one number lost
    workbook = build_workbook(tmp_path / "x.xlsx", sheets)
    tracemalloc.start()
    try:
        problems = problems_of(workbook)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 2**20
    assert any(p.startswith("Kết quả!") and "TT 3 không có trong trang Nhiệm vụ" in p for p in problems)


@pytest.mark.parametrize("typed, meant", [("Đã thực hiện", "Hoàn thành"), ("HT", "Hoàn thành"),
                                           ("đang làm", "Đang thực hiện"), ("Chưa TH", "Chưa thực hiện"),
                                           ("Hoàn thàn", "Hoàn thành"), ("Đã thực hiện xong", "Hoàn thành")])
def test_a_status_in_the_clerks_own_words_gets_the_status_it_means(tmp_path, typed, meant):
    """`Đã thực hiện` was offered `Đang thực hiện` (closest by spelling): a finished task made one in progress."""
    sheets = sample()
    sheets[F.SHEET_RESULTS][0][2] = typed
    problems = problems_of(build_workbook(tmp_path / "x.xlsx", sheets))
    assert f"Kết quả!C2: tình trạng “{typed}” không hợp lệ — có phải “{meant}”?" in problems


@pytest.mark.parametrize("typed", ["Chưa hoàn thành", "Không thực hiện", "Ko thực hiện", "K thực hiện"])
def test_a_status_that_says_the_opposite_of_its_nearest_gets_every_status_not_a_guess(tmp_path, typed):
    """A reviewer's `Chưa hoàn thành` was offered `Hoàn thành`, `Không thực hiện` `Đang thực hiện`."""
    sheets = sample()
    sheets[F.SHEET_RESULTS][0][2] = typed
    problems = problems_of(build_workbook(tmp_path / "x.xlsx", sheets))
    assert (f"Kết quả!C2: tình trạng “{typed}” không hợp lệ — chọn: Hoàn thành, Đang thực hiện, Chưa thực hiện, "
            "Điều chỉnh, Dừng thực hiện") in problems


def test_columns_may_be_in_any_order_and_unknown_ones_are_warned(tmp_path):
    sheets = with_headers(sample())
    tasks = sheets[F.SHEET_TASKS]
    reordered = [[row[i] for i in (6, 5, 4, 3, 2, 1, 0)] + ["x"] for row in tasks]
    reordered[0][-1] = "Cột thêm"
    sheets[F.SHEET_TASKS] = reordered
    plan = read_workbook(raw_workbook(tmp_path / "x.xlsx", sheets))
    assert plan.tasks[0].criterion.startswith("Tiêu chí 1.3")
    assert any("Cột thêm" in str(w) for w in plan.warnings)


def test_a_misspelt_header_gets_the_closest_name(tmp_path):
    sheets = with_headers(sample())
    sheets[F.SHEET_TASKS][0][5] = "Thời gian hoàn thàn"  # (`hòan`, the old tone placement, is read as it is)
    problems = problems_of(raw_workbook(tmp_path / "x.xlsx", sheets))
    assert "Nhiệm vụ!F1: tiêu đề cột “Thời gian hoàn thàn” không đúng — sửa thành “Thời gian hoàn thành”" in problems


def test_a_title_row_above_the_header_is_one_problem_saying_which_rows_to_delete(tmp_path):
    """A trial's title row above the header gave six wrong errors at `Nhiệm vụ!B1` and `chưa có nhiệm vụ nào`."""
    sheets = with_headers(sample())
    sheets[F.SHEET_TASKS] = [["PHỤ LỤC NHIỆM VỤ"], [], *sheets[F.SHEET_TASKS]]
    problems = problems_of(raw_workbook(tmp_path / "x.xlsx", sheets))
    assert problems == ["Nhiệm vụ!A3: dòng tiêu đề cột đang ở dòng 3, phải là dòng 1 — xóa dòng 1 đến 2 (tiêu đề "
                        "trang, dòng trống) phía trên dòng tiêu đề cột rồi lưu lại"]


def test_headers_in_the_clerks_own_words_or_without_tone_marks_are_read(tmp_path):
    sheets = with_headers(sample())
    header = sheets[F.SHEET_TASKS][0]
    header[0], header[1], header[3], header[5] = "STT", "Tieu chi", "Đơn vị chủ trì", "Thời hạn"
    plan = read_workbook(raw_workbook(tmp_path / "x.xlsx", sheets))
    assert plan.tasks[0].criterion.startswith("Tiêu chí 1.3") and plan.tasks[0].lead
    assert not any("không thuộc mẫu" in str(w) for w in plan.warnings)


def test_an_alias_never_takes_the_place_of_the_templates_own_header(tmp_path):
    """A reviewer inserted `Thời gian thực hiện` (an alias of the deadline) before `Thời gian hoàn thành`:
    the alias came first and became the deadline, and the real column was called foreign."""
    sheets = with_headers(sample())
    for i, row in enumerate(sheets[F.SHEET_TASKS]):
        row.insert(5, "Thời gian thực hiện" if i == 0 else "Năm 2024")
    plan = read_workbook(raw_workbook(tmp_path / "x.xlsx", sheets))
    assert plan.tasks[3].deadline.label == "Quý I"
    assert any("cột “Thời gian thực hiện” không thuộc mẫu" in str(w) for w in plan.warnings)


def test_a_title_row_that_names_a_column_is_still_a_title_row(tmp_path):
    sheets = with_headers(sample())
    sheets[F.SHEET_RESULTS] = [["Kết quả thực hiện"], *sheets[F.SHEET_RESULTS]]
    problems = problems_of(raw_workbook(tmp_path / "x.xlsx", sheets))
    assert problems == ["Kết quả!A2: dòng tiêu đề cột đang ở dòng 2, phải là dòng 1 — xóa dòng 1 (tiêu đề trang, "
                        "dòng trống) phía trên dòng tiêu đề cột rồi lưu lại"]


def test_no_two_columns_of_a_table_are_read_from_one_header():
    from pipeline.vietnamese import ascii_slug

    for columns in (F.TASK_COLUMNS, F.RESULT_COLUMNS, F.DOCUMENT_COLUMNS, F.STATISTICS_COLUMNS):
        read_as: dict[str, set[str]] = {}
        for column in columns:
            for name in (column.name, *F.HEADER_ALIASES.get(column.name, ())):
                read_as.setdefault(ascii_slug(name), set()).add(column.name)
        assert all(len(names) == 1 for names in read_as.values()), read_as


def test_a_missing_sheet_is_named(tmp_path):
    sheets = with_headers(sample())
    sheets["Ket qua"] = sheets.pop(F.SHEET_RESULTS)
    problems = problems_of(raw_workbook(tmp_path / "x.xlsx", sheets))
    assert "Kết quả: thiếu trang “Kết quả” — đổi tên trang “Ket qua” thành “Kết quả”" in problems


def test_an_impossible_date_is_refused(tmp_path):
    sheets = sample()
    sheets[F.SHEET_DOCUMENTS][0][2] = "31/02/2024"
    problems = problems_of(build_workbook(tmp_path / "x.xlsx", sheets))
    assert any(p.startswith("Văn bản!C2: ngày ban hành “31/02/2024” không hợp lệ") for p in problems)


def test_required_info_labels_are_checked(tmp_path):
    sheets = sample()
    set_info(sheets, F.INFO_PLACE, None)
    problems = problems_of(build_workbook(tmp_path / "x.xlsx", sheets))
    assert "Thông tin!B6: chưa nhập “Địa danh” — nhập giá trị cho mục “Địa danh” ở cột Giá trị" in problems


def test_info_labels_typed_without_tone_marks_or_with_a_colon_are_read(tmp_path):
    """A trial's `Co quan ban hanh` and `Địa danh:` were ignored, then refused as missing at `Thông tin!B`."""
    sheets = sample()
    for row in sheets[F.SHEET_INFO]:
        row[0] = {F.INFO_ISSUER: "Co quan ban hanh", F.INFO_PLACE: "Địa danh:"}.get(row[0], row[0])
    plan = read_workbook(build_workbook(tmp_path / "x.xlsx", sheets))
    assert plan.agency.name == "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH" and plan.agency.place == "Hải Định"
    assert not any("không thuộc mẫu" in str(w) for w in plan.warnings)


def test_a_missing_info_row_is_named_with_how_to_add_it(tmp_path):
    sheets = sample()
    sheets[F.SHEET_INFO] = [row for row in sheets[F.SHEET_INFO] if row[0] != F.INFO_PLACE]
    problems = problems_of(build_workbook(tmp_path / "x.xlsx", sheets))
    assert ("Thông tin: chưa có mục “Địa danh” — thêm một dòng: cột Mục ghi “Địa danh”, cột Giá trị ghi giá trị"
            in problems)


@pytest.mark.parametrize("number_format", ["#,##0", "#,##0.00", '_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-',
                                           "0.00"])
def test_a_year_in_a_cell_formatted_with_thousands_is_read(tmp_path, number_format):
    """Comma Style prints 2024 as `2.024` (or `2.024,00`, the ribbon's button), however often the clerk
    retypes it."""
    from openpyxl import load_workbook

    path = build_workbook(tmp_path / "x.xlsx", sample())
    book = load_workbook(path)
    sheet = book[F.SHEET_INFO]
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == F.INFO_YEAR)
    cell.value, cell.number_format = 2024, number_format
    book.save(path)
    assert read_workbook(path).year == 2024


def test_authority_lines_must_carry_a_valid_prefix(tmp_path):
    sheets = sample()
    sheets[F.SHEET_DOCUMENTS][0][4] = "ỦY BAN NHÂN DÂN"
    problems = problems_of(build_workbook(tmp_path / "x.xlsx", sheets))
    assert any(p.startswith("Văn bản!E2: quyền hạn ký “ỦY BAN NHÂN DÂN” không đúng thể thức") for p in problems)


def test_quarters_and_statuses_are_read_in_their_usual_forms(tmp_path):
    sheets = sample()
    sheets[F.SHEET_RESULTS][0][1] = 1
    sheets[F.SHEET_RESULTS][1][1] = "Quý I"
    sheets[F.SHEET_RESULTS][2][2] = "đang  thực hiện"
    plan = read_workbook(build_workbook(tmp_path / "x.xlsx", sheets))
    assert {r.quarter for r in plan.results} == {1}
    assert plan.results[2].status is Status.IN_PROGRESS


def test_recipient_punctuation_typed_by_the_user_is_not_doubled(tmp_path):
    sheets = sample()
    sheets[F.SHEET_RECIPIENTS][0][1] = "- UBND huyện (b/c);"
    plan = read_workbook(build_workbook(tmp_path / "x.xlsx", sheets))
    assert plan.plan_recipients.names[0] == "UBND huyện (b/c)"


def test_a_task_with_a_bad_cell_still_owns_its_results(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][3][5] = "cuối quý 2"  # task 4's deadline, F5
    problems = problems_of(build_workbook(tmp_path / "x.xlsx", sheets))
    assert problems == [problems[0]] and problems[0].startswith("Nhiệm vụ!F5: thời gian hoàn thành “cuối quý 2”")


def test_an_impossible_deadline_date_says_so(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][3][5] = "30/2/2024"
    problems = problems_of(build_workbook(tmp_path / "x.xlsx", sheets))
    assert problems[0].startswith("Nhiệm vụ!F5: thời gian hoàn thành “30/2/2024” không hợp lệ (ngày không có thật)")


@pytest.mark.parametrize("typed, hint", [
    ("Báo cáo quý 5", "chọn một trong: “Báo cáo quý I”, “Báo cáo quý II”, “Báo cáo quý III”, “Báo cáo quý IV”"),
    ("Bao cao quy 3", "chọn “Báo cáo quý III”"),
    ("Bao cao 6 thang", "chọn “Báo cáo 6 tháng”"),
    ("Báo cáo đột xuất", "chọn một trong: “Kế hoạch”, “Báo cáo quý I”"),
])
def test_a_wrong_document_kind_is_answered_with_what_to_type(tmp_path, typed, hint):
    """Never a guess among quý I … IV for `quý 5`; the label meant when typed without accents."""
    sheets = sample()
    sheets[F.SHEET_DOCUMENTS][1][0] = typed  # was `Báo cáo quý I`, row 3
    found = next(p for p in problems_of(build_workbook(tmp_path / "x.xlsx", sheets)) if "loại văn bản" in p)
    assert found.startswith(f"Văn bản!A3: loại văn bản “{typed}” không hợp lệ — {hint}"), found


def test_the_older_spelling_qui_names_a_quarter(tmp_path):
    sheets = sample()
    sheets[F.SHEET_DOCUMENTS][1][0] = "Báo cáo quí 1"
    plan = read_workbook(build_workbook(tmp_path / "x.xlsx", sheets))
    assert plan.documents["Báo cáo quý I"].number == "41"
