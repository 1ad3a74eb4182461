"""The periodic CCHC report (issue 16 §2): workbook v1.2 fields, `Nội dung báo cáo`, the outline."""

import pytest

from builders import build_workbook, raw_workbook, set_document, with_headers
from cchc_year import LEGAL_BASIS, NO_CONTENT, ward_sheets
from pipeline.documents import cchc_report, document_jobs
from pipeline.domain.cchc_outline import Level, ReportForm, section_code
from pipeline.domain.period import PeriodKind, ReportPeriod, all_periods, quarter
from pipeline.errors import InvalidWorkbook
from pipeline.workbook import format as F
from pipeline.workbook.reader import read_workbook
from year import year_sheets

KIND = cchc_report.PeriodicCchcReport()
Q1 = quarter(2026, 1)
YEAR = ReportPeriod(PeriodKind.YEAR, 2026, 4)


def ward(tmp_path, sheets=None):
    return read_workbook(build_workbook(tmp_path / "phuong.xlsx", sheets or ward_sheets(4)))


def body_texts(plan, period) -> list[str]:
    job, _ = KIND.build(plan, period)
    return [p.get("lead", "") + p["text"] for p in job.context["body"]]


def headings(plan, period) -> list[str]:
    job, _ = KIND.build(plan, period)
    return [p.get("lead", p["text"]) for p in job.context["body"] if p["kind"] in ("section", "clause", "point", "run_in", "point_run_in")]


# ------------------------------------------------------------------------------------------
# Workbook v1.2


def test_section_codes_are_read_loosely_and_only_from_the_outline():
    assert section_code("II.2.c") == "II.2.c"
    assert section_code(" ii.2.C) ") == "II.2.c"
    assert section_code("I.1.") == "I.1"
    assert section_code("II.6.đ") == "II.6.đ"
    assert section_code("IV") == "IV"
    assert section_code("II.7") is None
    assert section_code("I") is None  # a part heading holds no text of its own
    assert section_code("II.1.f") is None


def test_a_v11_workbook_keeps_the_plan_result_report(tmp_path):
    plan = read_workbook(build_workbook(tmp_path / "xa.xlsx", year_sheets(1)))
    assert plan.report_form is ReportForm.PLAN_RESULT and plan.level is Level.COMMUNE
    names = [job.name for job in document_jobs(plan, Q1)[0]]
    assert any(name.endswith("_bao-cao-quy-1-2026") for name in names)
    assert not any("bao-cao-cchc" in name for name in names)


def test_the_cchc_form_replaces_the_plan_result_report(tmp_path):
    plan = ward(tmp_path)
    assert plan.report_form is ReportForm.CCHC and plan.legal_basis == LEGAL_BASIS
    names = [job.name for job in document_jobs(plan, Q1)[0]]
    assert "phuong-an-khanh_bao-cao-cchc-quy-1-2026" in names
    assert not any(name.endswith("_bao-cao-quy-1-2026") for name in names)


def test_a_statistics_sheet_makes_the_cchc_form_the_default(tmp_path):
    sheets = with_headers(ward_sheets(1))
    sheets[F.SHEET_INFO] = [row for row in sheets[F.SHEET_INFO] if row[0] != F.INFO_REPORT_FORM]
    statistics = sheets.pop(F.SHEET_STATISTICS)
    without = read_workbook(raw_workbook(tmp_path / "a.xlsx", sheets))
    sheets[F.SHEET_STATISTICS] = statistics
    with_statistics = read_workbook(raw_workbook(tmp_path / "b.xlsx", sheets))
    assert without.report_form is ReportForm.PLAN_RESULT
    assert with_statistics.report_form is ReportForm.CCHC


def test_bad_v12_values_are_all_reported_with_their_cells(tmp_path):
    sheets = ward_sheets(1)
    sheets[F.SHEET_INFO] += [[F.INFO_LEVEL, "huyện"]]
    sheets[F.SHEET_INFO] = [[label, "Báo cáo tháng" if label == F.INFO_REPORT_FORM else value]
                            for label, value in sheets[F.SHEET_INFO]]
    sheets[F.SHEET_REPORT_TEXT] += [["Báo cáo quý I", "II.7", "Lĩnh vực không có"],
                                    ["Báo cáo tháng 3", "I.1", "Kỳ không có"]]
    with pytest.raises(InvalidWorkbook) as caught:
        read_workbook(build_workbook(tmp_path / "bad.xlsx", sheets))
    problems = {(p.sheet, p.message): p for p in caught.value.problems}
    form = next(p for (sheet, m), p in problems.items() if "mẫu báo cáo" in m)
    assert form.sheet == F.SHEET_INFO and "Báo cáo CCHC định kỳ" in form.hint
    assert any(sheet == F.SHEET_INFO and "cấp “huyện”" in m for sheet, m in problems)
    code = next(p for (sheet, m), p in problems.items() if "mục “II.7”" in m)
    rows = len(ward_sheets(1)[F.SHEET_REPORT_TEXT])
    assert code.sheet == F.SHEET_REPORT_TEXT and code.cell == f"B{rows + 2}"
    assert "I.1" in code.hint and "II.6.h" in code.hint and "V" in code.hint
    assert any("“Báo cáo tháng 3” không phải một báo cáo" in m for _, m in problems)


def test_text_for_a_report_the_workbook_does_not_describe_is_a_warning(tmp_path):
    sheets = ward_sheets(1)
    sheets[F.SHEET_REPORT_TEXT].append(["Báo cáo quý II", "I.1", "Viết trước cho quý II"])
    plan = ward(tmp_path, sheets)
    assert any("Báo cáo quý II" in w.message and w.sheet == F.SHEET_REPORT_TEXT for w in plan.warnings)


# ------------------------------------------------------------------------------------------
# Title, opening, closing


@pytest.mark.parametrize(("key", "expected"), [
    ("quy-1", "quý I năm 2026 và phương hướng, nhiệm vụ quý II năm 2026"),
    ("6-thang", "6 tháng đầu năm 2026 và phương hướng, nhiệm vụ 6 tháng cuối năm 2026"),
    ("quy-3", "quý III năm 2026 và phương hướng, nhiệm vụ quý IV năm 2026"),
    ("9-thang", "9 tháng năm 2026 và phương hướng, nhiệm vụ quý IV năm 2026"),
    ("nam", "năm 2026 và phương hướng, nhiệm vụ năm 2027"),
])
def test_titles_follow_the_guidance(key, expected):
    period = next(p for p in all_periods(2026) if p.key == key)
    assert cchc_report.title(period) == "Công tác cải cách hành chính " + expected


def test_opening_data_period_and_closing(tmp_path):
    texts = body_texts(ward(tmp_path), Q1)
    assert texts[0] == (f"Thực hiện {LEGAL_BASIS}, UBND phường báo cáo kết quả thực hiện công tác cải cách hành "
                        "chính (CCHC) quý I năm 2026 và phương hướng, nhiệm vụ quý II năm 2026 trên địa bàn phường, "
                        "như sau:")
    assert texts[1] == "(Thời gian lấy số liệu: từ ngày 15/12/2025 đến ngày 14/3/2026)"
    assert texts[-1] == ("Trên đây là báo cáo công tác cải cách hành chính quý I năm 2026 và phương hướng, nhiệm vụ "
                         "quý II năm 2026 của UBND phường, kính gửi Ủy ban nhân dân tỉnh Đồng Nai để tổng hợp./.")


def test_without_a_legal_basis_the_opening_starts_with_the_reporter(tmp_path):
    sheets = ward_sheets(1)
    sheets[F.SHEET_INFO] = [row for row in sheets[F.SHEET_INFO] if row[0] != F.INFO_LEGAL_BASIS]
    assert body_texts(ward(tmp_path, sheets), Q1)[0].startswith("UBND phường báo cáo kết quả thực hiện công tác")


# ------------------------------------------------------------------------------------------
# The outline


def test_fixed_headings_level_wording_and_run_in_items(tmp_path):
    found = headings(ward(tmp_path), Q1)
    assert found[:2] == ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC",
                         "1. Đánh giá về các hoạt động chỉ đạo, điều hành nổi bật của lãnh đạo Đảng ủy, Ủy ban "
                         "nhân dân phường đối với công tác CCHC"]
    assert ("5. Về tổng hợp, cập nhật tiến độ, kết quả thực hiện các nhiệm vụ Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban "
            "nhân dân tỉnh giao: ") in found
    assert any(h.startswith("c) Tình hình chấp hành kỷ luật, kỷ cương hành chính") and h.endswith(": ") for h in found)
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC QUÝ II NĂM 2026" in found
    assert "III. ĐÁNH GIÁ CHUNG" in found and "2. Những tồn tại, hạn chế, nguyên nhân" in found


def test_province_wording(tmp_path):
    sheets = ward_sheets(1)
    sheets[F.SHEET_INFO].append([F.INFO_LEVEL, "tỉnh"])
    found = headings(ward(tmp_path, sheets), Q1)
    assert any("lãnh đạo Tỉnh ủy, Ủy ban nhân dân tỉnh đối với" in h for h in found)
    assert any("nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao: " in h for h in found)


def test_sub_items_print_only_with_content_with_the_outlines_letters(tmp_path):
    found = headings(ward(tmp_path), Q1)
    first_field = found[found.index("1. Cải cách thể chế") + 1: found.index("2. Cải cách thủ tục hành chính")]
    # II.1.a is empty: b), c), d) keep the outline's letters, the items a province files them under.
    assert first_field == ["b) Kết quả tổ chức thi hành pháp luật và theo dõi, thi hành pháp luật",
                           "c) Kết quả thực hiện tuyên truyền, phổ biến giáo dục pháp luật",
                           "d) Kết quả kiểm tra, rà soát và hệ thống hóa văn bản QPPL"]
    assert not any("đô thị thông minh" in h for h in found)  # II.6.g, never written
    assert not any(h.startswith("V.") for h in found)  # V only with content


def test_proposals_open_part_five(tmp_path):
    found = headings(ward(tmp_path), YEAR)
    assert found[-1] == "V. ĐỀ XUẤT, KIẾN NGHỊ"
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM 2027" in found


def test_v11_text_columns_feed_parts_three_four_and_five(tmp_path):
    sheets = year_sheets(1)
    sheets[F.SHEET_INFO].append([F.INFO_REPORT_FORM, "Báo cáo CCHC định kỳ"])
    for column, text in ((F.DOC_SHORTCOMINGS, "Hạn chế A."), (F.DOC_CAUSES, "Nguyên nhân B."),
                         (F.DOC_NEXT_TASKS, "Nhiệm vụ C."), (F.DOC_PROPOSALS, "Kiến nghị D.")):
        set_document(sheets, "Báo cáo quý I", column, text)
    texts = body_texts(ward(tmp_path, sheets), Q1)
    at = texts.index
    assert at("2. Những tồn tại, hạn chế, nguyên nhân") < at("Hạn chế A.") < at("Nguyên nhân B.") \
        < at("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC QUÝ II NĂM 2026") < at("Nhiệm vụ C.") \
        < at("V. ĐỀ XUẤT, KIẾN NGHỊ") < at("Kiến nghị D.")


def test_an_empty_main_heading_is_named_in_a_warning_and_nothing_is_invented(tmp_path):
    sheets = ward_sheets(1)
    sheets[F.SHEET_REPORT_TEXT] = [row for row in sheets[F.SHEET_REPORT_TEXT] if row[1] not in ("I.3", "III.1")]
    job, warnings = KIND.build(ward(tmp_path, sheets), Q1)
    (warning,) = warnings
    assert "I.3, III.1" in warning.message and warning.sheet == F.SHEET_REPORT_TEXT
    texts = [p["text"] for p in job.context["body"]]
    kept = texts.index("3. Về công tác kiểm tra CCHC")
    assert texts[kept + 1] == "4. Về công tác thông tin, tuyên truyền CCHC"


def test_the_ward_has_no_empty_heading(tmp_path):
    plan = ward(tmp_path)
    for period in plan.reports:
        assert [w for w in KIND.build(plan, period)[1] if w.sheet == F.SHEET_REPORT_TEXT] == [], period


def test_a_period_without_figures_is_warned_the_forms_print_dashes(tmp_path):
    plan = ward(tmp_path)  # Số liệu has quý I and năm only
    assert not [w for w in KIND.build(plan, Q1)[1] if w.sheet == F.SHEET_STATISTICS]
    (warning,) = [w for w in KIND.build(plan, ReportPeriod(PeriodKind.SIX_MONTHS, 2026, 2))[1]
                  if w.sheet == F.SHEET_STATISTICS]
    assert "không có dòng nào của kỳ “6 tháng” (chỉ có: Quý I, Năm)" in warning.message
    assert "cột Kỳ: “6 tháng”" in warning.hint and "Kết quả thực hiện kế hoạch" in warning.hint


def test_rows_without_figures_are_no_figures_of_their_period(tmp_path):
    # As `init` writes them: a code and `Quý I`, the value left for the clerk.
    sheets = ward_sheets(1)
    sheets[F.SHEET_STATISTICS] = [["1.1", "Quý I", None, None], ["3.3.2.1", "Quý I", None, None]]
    (warning,) = [w for w in KIND.build(ward(tmp_path, sheets), Q1)[1] if w.sheet == F.SHEET_STATISTICS]
    assert "trang Số liệu chưa có số liệu nào (cột Số liệu còn trống)" in warning.message
    assert "chỉ có" not in warning.message and "cột Kỳ: “Quý I”" in warning.hint
    sheets[F.SHEET_STATISTICS].append(["1.1", "Năm", 15, None])
    (warning,) = [w for w in KIND.build(ward(tmp_path, sheets), Q1)[1] if w.sheet == F.SHEET_STATISTICS]
    assert "không có dòng nào của kỳ “Quý I” (chỉ có: Năm)" in warning.message


def test_a_cchc_workbook_without_its_statistics_sheet_is_warned(tmp_path):
    sheets = with_headers(ward_sheets(1))
    del sheets[F.SHEET_STATISTICS]
    plan = read_workbook(raw_workbook(tmp_path / "xa.xlsx", sheets))
    assert plan.report_form is ReportForm.CCHC  # Mẫu báo cáo says so
    (warning,) = [w for w in document_jobs(plan, Q1)[1] if w.sheet == F.SHEET_STATISTICS]
    assert "sổ không có trang Số liệu" in warning.message and "in dấu “-”" in warning.message
    assert "make-report init" in warning.hint


# ------------------------------------------------------------------------------------------
# From the plan


def test_progress_of_the_plan_under_i2(tmp_path):
    texts = body_texts(ward(tmp_path), Q1)
    progress = texts[texts.index("2. Đánh giá, cập nhật tiến độ thực hiện Kế hoạch CCHC") + 1]
    # year.py, worked by hand at 14/3: done 1 and 6 of 15, in progress 8, not started 5, overdue 1 (task 7).
    assert progress == ("Kế hoạch số 05/KH-UBND ngày 15/01/2026 của UBND phường đề ra 15 nhiệm vụ; tính đến ngày "
                        "14/3/2026 đã hoàn thành 2/15 nhiệm vụ kế hoạch đề ra (đạt 13,33%), trong đó đúng hạn 2, "
                        "quá hạn 0; đang thực hiện 8 nhiệm vụ; chưa thực hiện 5 nhiệm vụ; quá hạn chưa hoàn thành 1 "
                        "nhiệm vụ (chi tiết từng nhiệm vụ tại Phụ lục II kèm theo báo cáo).")


def test_i2_counts_late_tasks_and_lists_dropped_ones_apart(tmp_path):
    sheets = ward_sheets(4)
    # Task 15 (no field code: under I.2) dropped by decision in quý IV; task 7 (due 10/3) was finished late.
    sheets[F.SHEET_RESULTS] = [row for row in sheets[F.SHEET_RESULTS] if not (row[0] == 15 and row[1] == 4)]
    sheets[F.SHEET_RESULTS].append([15, 4, "Dừng thực hiện", None, None, "Quyết định số 99/QĐ-UBND ngày 01/12/2026"])
    plan = ward(tmp_path, sheets)
    texts = body_texts(plan, YEAR)
    form_1 = KIND.build(plan, YEAR)[0].context["forms"][0]
    assert [row["value"] for row in form_1["rows"] if row["stt"] in ("2", "2.1", "2.2")] == ["92,86", "14", "13"]
    progress = texts[texts.index("2. Đánh giá, cập nhật tiến độ thực hiện Kế hoạch CCHC") + 1]
    # year.py by hand at 14/12: 13 done (TT 7 late), 10 in progress, 15 dropped: 13/14.
    assert progress.endswith("đề ra 14 nhiệm vụ (không tính 1 nhiệm vụ dừng thực hiện); tính đến ngày 14/12/2026 "
                             "đã hoàn thành 13/14 nhiệm vụ kế hoạch đề ra (đạt 92,86%), trong đó đúng hạn 12, quá "
                             "hạn 1; đang thực hiện 1 nhiệm vụ; không còn nhiệm vụ quá hạn chưa hoàn thành (chi tiết "
                             "từng nhiệm vụ tại Phụ lục II kèm theo báo cáo).")
    at = texts.index("Nhiệm vụ dừng thực hiện theo quyết định (không tính vào tổng số):")
    assert texts[at + 1] == ("- Nhiệm vụ 15 (Tổ chức Hội nghị tổng kết năm): Tổ chức Hội nghị tổng kết CCHC năm "
                             "2026 (Quyết định số 99/QĐ-UBND ngày 01/12/2026).")


def test_tasks_go_under_their_field(tmp_path):
    texts = body_texts(ward(tmp_path), Q1)

    def between(start: str, end: str) -> list[str]:
        return texts[texts.index(start): texts.index(end)]

    direction = between("2. Đánh giá, cập nhật tiến độ thực hiện Kế hoạch CCHC", "3. Về công tác kiểm tra CCHC")
    procedures = between("2. Cải cách thủ tục hành chính", "3. Cải cách tổ chức bộ máy")
    assert any(t.startswith("- Hoàn thành nhiệm vụ 1 (tiêu chí 1.1)") for t in direction)  # field 1 → I.2
    assert any(t.startswith("- Hoàn thành nhiệm vụ 6 (tiêu chí 3.1)") and "Hồ sơ kiểm chứng: Biên bản kiểm tra "
               "ngày 02/3/2026" in t for t in procedures)  # field 3 → II.2
    assert "Nhiệm vụ quá hạn, chưa hoàn thành:" in procedures
    assert any(t.startswith("- Nhiệm vụ 7 (tiêu chí 3.5)") for t in procedures)


def test_a_task_without_a_field_goes_under_i2(tmp_path):
    texts = body_texts(ward(tmp_path), YEAR)
    direction = texts[texts.index("2. Đánh giá, cập nhật tiến độ thực hiện Kế hoạch CCHC"):
                      texts.index("3. Về công tác kiểm tra CCHC")]
    assert not any("nhiệm vụ 15 " in t for t in direction)  # task 15 (no code) is not done by 14/12
    assert any("nhiệm vụ 3 (tiêu chí 1.5)" in t for t in direction)  # done in quý IV, field 1


def test_the_sub_items_the_ward_never_writes_are_never_printed(tmp_path):
    plan = ward(tmp_path)
    from pipeline.domain.cchc_outline import SECTIONS

    for period in plan.reports:
        found = headings(plan, period)
        for code in NO_CONTENT:
            assert not any(SECTIONS[code].heading(Level.COMMUNE, "phường") in h for h in found), (period, code)


# ------------------------------------------------------------------------------------------
# The documents


@pytest.fixture(scope="module")
def ward_documents(tmp_path_factory):
    """The ward's quý I and year CCHC reports, generated as a clerk would."""
    from pipeline.generate import generate

    tmp = tmp_path_factory.mktemp("ward")
    workbook = build_workbook(tmp / "phuong.xlsx", ward_sheets(4))
    return {key: next(p for p in generate(workbook, tmp / "out", period=key).written if "bao-cao-cchc" in p.name)
            for key in ("quy-1", "nam")}


@pytest.mark.parametrize("key", ["quy-1", "nam"])
def test_the_reports_pass_check_with_no_finding(ward_documents, key):
    from pipeline.check import check_docx

    report = check_docx(ward_documents[key])
    assert (report.errors, report.warnings) == ([], [])


def test_the_report_reads_back_as_written(ward_documents):
    from docx_reading import find, look, open_docx, paragraph_format

    doc = open_docx(ward_documents["quy-1"])
    assert look(find(doc, "I. CÔNG TÁC CHỈ ĐẠO")).bold
    assert look(find(doc, "1. Cải cách thể chế")).bold
    point = find(doc, "b) Kết quả tổ chức thi hành pháp luật")
    assert not look(point).bold and paragraph_format(point, "keep_with_next")  # never last on a page
    run_in = find(doc, "5. Về tổng hợp, cập nhật tiến độ")
    assert [bool(r.bold) for r in run_in.runs if r.text.strip()] == [True, False]
    assert find(doc, "Công tác cải cách hành chính quý I năm 2026").text == (  # two even lines, a phrase each
        "Công tác cải cách hành chính quý I năm 2026\nvà phương hướng, nhiệm vụ quý II năm 2026")
    assert find(doc, "PHỤ LỤC")
    assert find(doc, "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH CCHC QUÝ I NĂM 2026")


def test_the_task_appendix_closes_with_on_time_and_late_as_the_body_says(ward_documents):
    from docx_reading import open_docx, texts

    found = texts(open_docx(ward_documents["nam"]))
    assert any("đã hoàn thành 13/15 nhiệm vụ kế hoạch đề ra (đạt 86,67%), trong đó đúng hạn 12, quá hạn 1" in t
               for t in found)  # I.2
    # Phụ lục II, after the task table; never "0 nhiệm vụ", nor "quá hạn 1; không có nhiệm vụ quá hạn"
    assert found[-1] == ("Tính đến ngày 14/12/2026: hoàn thành 13/15 nhiệm vụ (đúng hạn 12, quá hạn 1); "
                         "không còn nhiệm vụ quá hạn chưa hoàn thành.")


def test_the_closing_line_under_the_task_table_is_kept_with_its_last_row(ward_documents):
    """A clerk's year report left `Tính đến ngày …` alone atop its last page: the last task row keeps
    with it (Word keeps a row whose paragraphs keep with the next; the rows before it do not)."""
    from docx_reading import open_docx

    table = open_docx(ward_documents["nam"]).tables[-1]
    keeps = [[p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs] for row in table.rows]
    assert all(keeps[-1])
    assert not any(any(flags) for flags, row in zip(keeps[1:-1], table.rows[1:-1])
                   if row.cells[0].text != row.cells[-1].text)  # a CCHC field's heading row keeps with its tasks


@pytest.mark.parametrize("key", ["quy-1", "6-thang", "9-thang", "nam"])
def test_both_appendices_name_the_period_as_the_title_does(tmp_path, key):
    period = next(p for p in all_periods(2026) if p.key == key)
    context = KIND.build(ward(tmp_path), period)[0].context
    words = cchc_report.title(period).removeprefix("Công tác cải cách hành chính ").split(" và phương hướng")[0]
    assert context["forms_title"].endswith(" " + words.upper())  # `9 THÁNG NĂM 2026`, as the guidance says
    assert context["appendix_title"].endswith(" " + words.upper())


def test_a_heading_with_nothing_under_it_does_not_pull_the_next_one_with_it(tmp_path):
    """A heading keeps with its text (a page never ends on it); one with nothing under it keeps with
    nothing, so that a run of them flows as text does instead of moving to the next page as a block
    (a clerk's first quý I report, with little text yet, left a quarter of page 1 blank)."""
    from docx_reading import open_docx, paragraph_format
    from pipeline.generate import generate

    sheets = ward_sheets(1)
    sheets[F.SHEET_REPORT_TEXT] = sheets[F.SHEET_REPORT_TEXT][:2]  # the rest of the outline left empty
    workbook = build_workbook(tmp_path / "phuong.xlsx", sheets)
    report = next(p for p in generate(workbook, tmp_path / "out", period="quy-1").written if "bao-cao-cchc" in p.name)
    paragraphs = [p for p in open_docx(report).paragraphs if p.text.strip()]
    lone, kept = [], []
    for this, after in zip(paragraphs, paragraphs[1:]):
        if this.style.style_id == "VBClause":  # its sub-items are points: a clause then a heading (or the
            (lone if after.style.style_id in ("VBSection", "VBClause", "VBNote") else kept).append(this)  # forms' note) is empty
    assert len(lone) >= 5 and kept
    assert [p.text for p in lone if paragraph_format(p, "keep_with_next")] == []
    assert all(paragraph_format(p, "keep_with_next") for p in kept)
