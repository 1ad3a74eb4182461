"""What the clerk typed is printed as the province expects it (issue: documents a district accepts).

Numbers as Excel shows them, the summary without a final full stop, result notes, deadlines in one
official form, and signature authority lines checked against ND 30's forms.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from builders import build_workbook, sample, set_document
from docx_reading import find, open_docx, texts
from pipeline.workbook import format as F
from pipeline.errors import InvalidWorkbook
from pipeline.generate import generate
from pipeline.layout import SIZES, text_width
from pipeline.vietnamese import format_excel_number, format_general_number
from pipeline.workbook.reader import read_workbook


def make(tmp_path, sheets, path=None):
    workbook = path or build_workbook(tmp_path / "so.xlsx", sheets)
    result = generate(workbook, tmp_path / "out")
    return {kind: open_docx(p) for p in result.written
            for kind in ("_ke-hoach-", "_phu-luc-", "_bao-cao-") if kind in p.name}, result


@pytest.mark.parametrize("value, number_format, shown", [
    (0.96, "0%", "96%"), (0.5, "0.0%", "50,0%"), (1250000, "#,##0", "1.250.000"), (1234.5, "#,##0.00", "1.234,50"),
    (0.123, "0.00%", "12,30%"), (3, "0", "3"), (2.5, "0.00", "2,50"), (45000.0, "dd/mm/yyyy", "45000"),
    (-1500, "#,##0;[Red]-#,##0", "-1.500"),
])
def test_a_number_is_printed_as_excel_shows_it(value, number_format, shown):
    assert format_excel_number(value, number_format) == shown


def test_a_plain_number_uses_the_vietnamese_decimal_comma():
    assert [format_general_number(v) for v in (0.5, 12, 12.0, 1250000, 0.125)] == ["0,5", "12", "12", "1250000", "0,125"]


def test_numbers_in_cells_reach_the_documents_as_excel_shows_them(tmp_path):
    sheets = sample()
    sheets[F.SHEET_RESULTS][4][3] = 0.96  # task 5's outcome: a percentage typed as a number
    sheets[F.SHEET_RESULTS][6][3] = 1250000  # task 7's outcome
    sheets[F.SHEET_RESULTS][1][3] = 0.5  # task 2's outcome, General format
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    wb = load_workbook(path)
    ws = wb[F.SHEET_RESULTS]
    ws["D6"].number_format = "0%"
    ws["D8"].number_format = "#,##0"
    wb.save(path)
    docs, _ = make(tmp_path, None, path)
    rows = {row.cells[0].text: row.cells[6].text for row in docs["_bao-cao-"].tables[-1].rows[1:]}
    assert (rows["5"], rows["7"], rows["2"]) == ("96%", "1.250.000", "0,5")
    assert read_workbook(path).results[4].outcome == "96%"


def test_a_summary_typed_with_a_final_full_stop_loses_it_everywhere_with_a_warning(tmp_path):
    sheets = sample()
    set_document(sheets, "Kế hoạch", F.DOC_SUMMARY, "Khắc phục các tiêu chí CCHC năm 2023.")
    set_document(sheets, "Kế hoạch", F.DOC_NUMBER, None)  # the report then cites the plan by its summary
    docs, result = make(tmp_path, sheets)
    assert find(docs["_ke-hoach-"], "Khắc phục các tiêu chí").text == "Khắc phục các tiêu chí CCHC năm 2023"
    report_text = "\n".join(texts(docs["_bao-cao-"]))
    assert "năm 2023. của" not in report_text and "năm 2023 của UBND xã" in report_text
    assert any("trích yếu kết thúc bằng “.”" in str(w) and "Văn bản!D2" in str(w) for w in result.warnings)


def test_a_results_note_is_printed_after_the_tasks_own_note(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][3][6] = "Nhiệm vụ trọng tâm"  # task 4's own note
    docs, _ = make(tmp_path, sheets)  # task 4's quý I row notes "Chuyển sang quý II"
    rows = {row.cells[0].text: row.cells[8].text for row in docs["_bao-cao-"].tables[-1].rows[1:]}
    assert rows["4"] == "Nhiệm vụ trọng tâm\nChuyển sang quý II"
    assert rows["1"] == ""


def test_a_date_deadline_fits_its_column_on_one_line(tmp_path):
    """`15/12/2026` never wraps: the column is wider than the date at the table's size plus padding."""
    sheets = sample()
    sheets[F.SHEET_TASKS][0][5] = "15/12/2024"
    docs, _ = make(tmp_path, sheets)
    for kind, column in (("_phu-luc-", 5), ("_bao-cao-", 4)):
        table = docs[kind].tables[-1]
        width = int(table._tbl.tblGrid.findall(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")[column].get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
        assert text_width("15/12/2024", SIZES["table"]) + 2 * 108 < width
        assert table.rows[1].cells[column].text == "15/12/2024"


def test_a_deadline_in_another_year_is_a_warning(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][1][5] = "Quý II năm 2025"
    _, result = make(tmp_path, sheets)
    assert "Nhiệm vụ!F3: thời gian hoàn thành “Quý II năm 2025” không thuộc năm kế hoạch 2024 — kiểm tra lại năm" \
        in "\n".join(str(w) for w in result.warnings)
    assert docs_deadline(result) == "Quý II năm 2025"  # the year is printed when it is not the plan's


def docs_deadline(result):
    appendix = open_docx(next(p for p in result.written if "_phu-luc-" in p.name))
    return appendix.tables[-1].rows[2].cells[5].text


def test_a_bad_deadline_lists_the_accepted_forms_in_the_plans_year(tmp_path):
    sheets = sample()
    for row in sheets[F.SHEET_INFO]:
        if row[0] == F.INFO_YEAR:
            row[1] = 2026
    sheets[F.SHEET_TASKS][1][5] = "sớm"
    with pytest.raises(InvalidWorkbook) as info:
        read_workbook(build_workbook(tmp_path / "so.xlsx", sheets))
    message = next(str(p) for p in info.value.problems if p.cell == "F3")
    assert "Tháng 6/2026" in message and "30/6/2026" in message and "2024" not in message


# ------------------------------------------------------------------------------------------ signing


def signer_problems(tmp_path, authority, title="CHỦ TỊCH"):
    sheets = sample()
    set_document(sheets, "Kế hoạch", F.DOC_AUTHORITY, authority)
    set_document(sheets, "Kế hoạch", F.DOC_TITLE, title)
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    try:
        plan = read_workbook(path)
    except InvalidWorkbook as exc:
        return [str(p) for p in exc.problems], [], None
    return [], [str(w) for w in plan.warnings], plan


def test_an_abbreviated_body_in_the_authority_is_an_error_with_the_fix(tmp_path):
    errors, _, _ = signer_problems(tmp_path, "TM. UBND")
    assert errors == ["Văn bản!E2: quyền hạn ký “TM. UBND” viết tắt tên cơ quan, chức danh — "
                      "viết đầy đủ: “TM. ỦY BAN NHÂN DÂN”"]


def test_two_authority_lines_typed_on_one_line_are_split(tmp_path):
    errors, warnings, plan = signer_problems(tmp_path, "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert errors == [] and warnings == []
    assert plan.plan_document.signer.authority == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")


def test_a_deputy_line_for_the_head_himself_is_an_error(tmp_path):
    errors, _, _ = signer_problems(tmp_path, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "CHỦ TỊCH")
    assert len(errors) == 1 and "người ký thay phải là cấp phó" in errors[0]
    assert "PHÓ CHỦ TỊCH" in errors[0]


def test_kt_without_tm_for_a_peoples_committee_is_a_warning(tmp_path):
    errors, warnings, _ = signer_problems(tmp_path, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert errors == []
    assert any("thiếu dòng “TM. ỦY BAN NHÂN DÂN”" in w for w in warnings)


def test_a_prefix_without_its_space_is_normalised(tmp_path):
    errors, _, plan = signer_problems(tmp_path, "tm.ỦY BAN NHÂN DÂN")
    assert errors == [] and plan.plan_document.signer.authority == ("TM. ỦY BAN NHÂN DÂN",)


def test_an_office_signing_on_order_is_not_told_to_add_tm(tmp_path):
    """`TL. CHỦ TỊCH` over `KT. CHÁNH VĂN PHÒNG`: the office signs on the chairman's order."""
    errors, warnings, plan = signer_problems(tmp_path, "TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")
    assert errors == [] and not any("TM." in w for w in warnings)
    assert plan.plan_document.signer.authority == ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG")


@pytest.mark.parametrize("typed", ["6/2026", "tháng 6/2026", "Tháng 06 năm 2026"])
def test_a_month_only_issue_date_is_read_as_the_document_prints_it(tmp_path, typed):
    # issue 18 §6: «tháng 6/2026» is how the report prints a month-only date; typed so, it is the same date
    sheets = sample()
    set_document(sheets, "Báo cáo quý I", F.DOC_DATE, typed.replace("2026", "2024"))
    docs, _ = make(tmp_path, sheets)
    date_line = docs["_bao-cao-"].tables[0].rows[1].cells[1].text
    assert date_line.replace("\xa0", " ").split() == ["Hải", "Định,", "ngày", "tháng", "6", "năm", "2024"]
