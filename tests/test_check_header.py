"""H1–H6, D1: Quốc hiệu, Tiêu ngữ, tên cơ quan, số và ký hiệu, địa danh và ngày tháng."""

import pytest
from docx.shared import Pt

from check_docs import check, findings, good_plan, rule_ids, set_text, write


def test_national_name_with_hoa_tone_on_the_a_passes(tmp_path):
    plan = good_plan()
    set_text(plan.national_name, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    report = check(plan, tmp_path)
    assert report.ok
    assert findings(report, "H1") == []
    # "HOÀ" beside "ỦY" elsewhere: different words, no inconsistency (issue 19 §2)
    assert report.warnings == []


def test_issuer_with_uy_tone_on_the_y_passes(tmp_path):
    plan = good_plan()
    set_text(plan.issuer, "UỶ BAN NHÂN DÂN")
    assert findings(check(plan, tmp_path), "H3") == []


def test_an_abridged_national_name_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.national_name, "CỘNG HÒA XHCN VIỆT NAM")
    [finding] = findings(check(plan, tmp_path), "H1", "error")
    assert finding.found == "Quốc hiệu «CỘNG HÒA XHCN VIỆT NAM»"


@pytest.mark.parametrize("change, found", [
    (lambda run: setattr(run.font, "bold", False), "Quốc hiệu: không in đậm"),
    (lambda run: setattr(run.font, "size", Pt(14)), "Quốc hiệu: cỡ chữ 14 pt"),
])
def test_national_name_look(tmp_path, change, found):
    plan = good_plan()
    change(plan.national_name.runs[0])
    [finding] = findings(check(plan, tmp_path), "H1", "error")
    assert finding.found == found


def test_national_name_in_lower_case_letters_shown_as_capitals_passes(tmp_path):
    plan = good_plan()
    set_text(plan.national_name, "Cộng hòa xã hội chủ nghĩa Việt Nam")
    plan.national_name.runs[0].font.all_caps = True
    assert findings(check(plan, tmp_path), "H1") == []


def test_national_name_in_lower_case_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.national_name, "Cộng hòa xã hội chủ nghĩa Việt Nam")
    found = {f.found for f in findings(check(plan, tmp_path), "H1", "error")}
    assert "Quốc hiệu: chữ thường" in found


@pytest.mark.parametrize("motto", ["Độc lập-Tự do-Hạnh phúc", "Độc lập–Tự do–Hạnh phúc",
                                   "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "Độc lập - Tự do - Hạnh Phúc"])
def test_a_broken_motto_is_an_error(tmp_path, motto):
    plan = good_plan()
    set_text(plan.motto, motto)
    found = findings(check(plan, tmp_path), "H2", "error")
    assert found
    assert {f.location for f in found} == {f"bảng 1, ô (1,2) «{motto}»"}


def test_en_dashes_between_spaced_phrases_are_a_warning(tmp_path):
    plan = good_plan()
    set_text(plan.motto, "Độc lập – Tự do – Hạnh phúc")
    report = check(plan, tmp_path)
    assert findings(report, "H2", "error") == []
    [finding] = findings(report, "H2", "warning")
    assert "gạch nối (-)" in finding.expected


def test_motto_size_is_13_to_14(tmp_path):
    plan = good_plan()
    plan.motto.runs[0].font.size = Pt(12)
    [finding] = findings(check(plan, tmp_path), "H2", "error")
    assert finding.found == "Tiêu ngữ: cỡ chữ 12 pt"


def test_a_missing_motto_is_an_error(tmp_path):
    plan = good_plan()
    plan.motto._p.getparent().remove(plan.motto._p)
    [finding] = findings(check(plan, tmp_path), "H2", "error")
    assert finding.found == "không có Tiêu ngữ dưới Quốc hiệu"


def test_issuer_not_bold_is_an_error(tmp_path):
    plan = good_plan()
    plan.commune.runs[0].font.bold = False
    plan.issuer.runs[0].font.bold = False
    found = findings(check(plan, tmp_path), "H3", "error")
    assert found and all("không in đậm" in f.found for f in found)


def test_issuer_in_lower_case_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.commune, "Xã Hải Định")
    [finding] = findings(check(plan, tmp_path), "H3", "error")
    assert finding.found == "tên cơ quan ban hành: chữ thường"


def _add_managing_body(plan, size=13, bold=False):
    paragraph = plan.issuer.insert_paragraph_before()
    write(paragraph, "UBND HUYỆN HẢI LĂNG", size, bold=bold)
    return paragraph


def test_a_managing_body_line_not_bold_above_the_issuer_passes(tmp_path):
    plan = good_plan()
    _add_managing_body(plan)
    assert check(plan, tmp_path).findings == []


def test_managing_body_size_is_12_to_13(tmp_path):
    plan = good_plan()
    _add_managing_body(plan, size=14)
    [finding] = findings(check(plan, tmp_path), "H3", "error")
    assert finding.found == "tên cơ quan chủ quản: cỡ chữ 14 pt"


@pytest.mark.parametrize("line", ["Số: 5/KH-UBND", "Số 25/KH-UBND", "Số: 25/KH UBND",
                                  "Số: 25/QĐ-UBND", "Số: 25/KH-Ubnd", "Số: 25/KH", "Số:/KH-UBND"])
def test_a_malformed_number_line_is_an_error(tmp_path, line):
    plan = good_plan()
    set_text(plan.number_line, line)
    appendix_reference = plan.appendix_reference
    set_text(appendix_reference, appendix_reference.text.replace("25/KH-UBND", line[4:].strip()))
    assert findings(check(plan, tmp_path), "H4", "error")


def test_a_type_code_that_does_not_match_the_title_says_which_code(tmp_path):
    plan = good_plan()
    set_text(plan.number_line, "Số: 25/QĐ-UBND")
    [finding] = findings(check(plan, tmp_path), "H4", "error")
    assert "«QĐ»" in finding.found and "«KH»" in finding.expected


def test_a_blank_number_in_a_draft_passes(tmp_path):
    plan = good_plan()
    set_text(plan.number_line, "Số:      /KH-UBND")
    set_text(plan.date_line, "Hải Định, ngày      tháng 3 năm 2024")
    set_text(plan.appendix_reference, "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng 3 năm "
                                      "2024 của Ủy ban nhân dân xã Hải Định)")
    assert check(plan, tmp_path).findings == []


@pytest.mark.parametrize("line", ["Số: …/KH-UBND", "Số: ......../KH-UBND"])
def test_a_number_left_as_dots_in_a_draft_passes(tmp_path, line):
    plan = good_plan()
    set_text(plan.number_line, line)
    set_text(plan.appendix_reference, plan.appendix_reference.text.replace("25/KH-UBND", "/KH-UBND"))
    assert findings(check(plan, tmp_path), "H4") == []


def test_mixed_case_type_codes_are_taken_exactly(tmp_path):
    plan = good_plan()
    set_text(plan.title, "TỜ TRÌNH")
    set_text(plan.number_line, "Số: 25/TTr-UBND")
    set_text(plan.appendix_reference,
             plan.appendix_reference.text.replace("Kế hoạch số 25/KH-UBND", "Tờ trình số 25/TTr-UBND"))
    assert check(plan, tmp_path).findings == []
    set_text(plan.number_line, "Số: 25/TTR-UBND")
    set_text(plan.appendix_reference, plan.appendix_reference.text.replace("TTr", "TTR"))
    assert findings(check(plan, tmp_path), "H4", "error")


def test_number_line_size_is_13(tmp_path):
    plan = good_plan()
    plan.number_line.runs[0].font.size = Pt(14)
    [finding] = findings(check(plan, tmp_path), "H4", "error")
    assert finding.found == "dòng số, ký hiệu: cỡ chữ 14 pt"


@pytest.mark.parametrize("line", ["Hải Định, ngày 5 tháng 3 năm 2024", "Hải Định, ngày 05 tháng 03 năm 2024",
                                  "Hải Định, ngày 05 tháng 2 năm 2024", "Hải Định ngày 05 tháng 3 năm 2024",
                                  "Hải Định, ngày 05/3/2024", "hải Định, ngày 05 tháng 3 năm 2024",
                                  "Hải Định, ngày 30 tháng 02 năm 2024"])
def test_a_malformed_date_line_is_an_error(tmp_path, line):
    plan = good_plan()
    set_text(plan.date_line, line)
    assert findings(check(plan, tmp_path), "H5", "error")


def test_the_brief_example_ngay_5_thang_03_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.date_line, "Hải Định, ngày 5 tháng 03 năm 2024")
    [finding] = findings(check(plan, tmp_path), "H5", "error")
    assert finding.location == "bảng 1, ô (2,2) «Hải Định, ngày 5 tháng 03 năm…»"
    assert finding.found == "«Hải Định, ngày 5 tháng 03 năm 2024»"


@pytest.mark.parametrize("line", ["Hải Định, ngày      tháng 3 năm 2024",
                                  "Hải Định, ngày      tháng      năm 2024",
                                  "Hải Định, ngày      tháng  3  năm 2024",
                                  "Hải Định, ngày ..... tháng … năm 2024",
                                  "Hải Định, ngày 05 tháng 01 năm 2024",
                                  "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"])
def test_official_and_draft_date_lines_pass(tmp_path, line):
    plan = good_plan()
    set_text(plan.date_line, line)
    # the long place name may wrap in this narrow cell (a warning of its own): no error
    assert findings(check(plan, tmp_path), "H5", "error") == []


def test_a_date_line_not_in_italics_is_an_error(tmp_path):
    plan = good_plan()
    plan.date_line.runs[0].font.italic = False
    [finding] = findings(check(plan, tmp_path), "H5", "error")
    assert finding.found == "dòng địa danh, ngày tháng: chữ đứng"


def _official_letter(plan, subject_size=13):
    """Turn the plan into a công văn: no title, a V/v line under the number."""
    for paragraph in (plan.title, plan.summary):
        paragraph._p.getparent().remove(paragraph._p)
    set_text(plan.number_line, "Số: 25/UBND-VP")
    subject = write(plan.number_line._parent.add_paragraph(), "V/v khắc phục tiêu chí cải cách hành chính",
                    subject_size)
    subject.paragraph_format.space_before = Pt(6)
    set_text(plan.appendix_reference, plan.appendix_reference.text.replace(
        "Kế hoạch số 25/KH-UBND", "Công văn số 25/UBND-VP"))
    return subject


def test_an_official_letter_has_no_title_and_no_type_code(tmp_path):
    plan = good_plan()
    _official_letter(plan)
    assert check(plan, tmp_path).findings == []


def test_an_official_letter_with_a_type_code_is_an_error(tmp_path):
    plan = good_plan()
    _official_letter(plan)
    set_text(plan.number_line, "Số: 25/KH-UBND")
    set_text(plan.appendix_reference, plan.appendix_reference.text.replace("UBND-VP", "KH-UBND"))
    [finding] = findings(check(plan, tmp_path), "H4", "error")
    assert "công văn" in finding.found


def test_official_letter_subject_look(tmp_path):
    plan = good_plan()
    subject = _official_letter(plan, subject_size=14)
    subject.paragraph_format.space_before = Pt(0)
    report = check(plan, tmp_path)
    assert {f.found for f in findings(report, "H6", "error")} == {"trích yếu công văn: cỡ chữ 14 pt"}
    # the 6 pt under the Số line is cosmetic: the V/v line is there, only closer
    assert {f.found for f in findings(report, "H6", "warning")} == {"cách dòng số, ký hiệu 0 pt"}


def test_a_district_managing_body_after_the_reform_is_a_warning(tmp_path):
    plan = good_plan()
    _add_managing_body(plan)
    set_text(plan.date_line, "Hải Định, ngày 15 tháng 8 năm 2025")
    set_text(plan.appendix_reference, plan.appendix_reference.text.replace(
        "ngày 05 tháng 3 năm 2024", "ngày 15 tháng 8 năm 2025"))
    report = check(plan, tmp_path)
    [finding] = [f for f in findings(report, "D1", "warning") if f.found.startswith("cơ quan chủ quản")]
    assert "UBND HUYỆN HẢI LĂNG" in finding.found
    assert report.ok


def test_no_national_name_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.national_name, "")
    set_text(plan.motto, "")
    report = check(plan, tmp_path)
    assert [f.found for f in findings(report, "H1")] == ["không có Quốc hiệu"]
    assert not {"H2", "H3", "H4", "H5"} & rule_ids(report)


def test_header_lines_stacked_with_line_breaks_are_read_as_lines(tmp_path):
    plan = good_plan()
    set_text(plan.issuer, "ỦY BAN NHÂN DÂN")
    plan.issuer.runs[0].add_break()
    plan.issuer.runs[0].add_text("XÃ HẢI ĐỊNH")
    plan.commune._p.getparent().remove(plan.commune._p)
    assert check(plan, tmp_path).findings == []


def test_a_legal_document_number_with_its_year_passes(tmp_path):
    plan = good_plan()
    set_text(plan.title, "NGHỊ ĐỊNH")
    set_text(plan.number_line, "Số: 30/2020/NĐ-CP")
    assert findings(check(plan, tmp_path), "H4") == []
    set_text(plan.number_line, "Số: 30/2020/XX-CP")   # an unknown code is still caught
    assert findings(check(plan, tmp_path), "H4", "error")


def test_a_motto_in_the_next_row_of_a_three_by_two_header_is_found(tmp_path):
    plan = good_plan()
    header = plan.national_name._p.getparent().getparent().getparent()   # w:tbl
    from docx.table import Table
    table = Table(header, plan.document._body)
    row = table.add_row()
    table._tbl.remove(row._tr)
    table._tbl.insert(table._tbl.index(table.rows[1]._tr), row._tr)   # new row 2 of 3
    motto_cell = table.cell(1, 1)
    write(motto_cell.paragraphs[0], "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    plan.motto._p.getparent().remove(plan.motto._p)
    report = check(plan, tmp_path)
    assert findings(report, "H2") == []


def test_a_summary_boxed_in_a_one_cell_table_is_read(tmp_path):
    plan = good_plan()
    box = plan.document.add_table(rows=1, cols=1)
    write(box.cell(0, 0).paragraphs[0], plan.summary.text, 14, bold=True)
    plan.summary._p.addnext(box._tbl)
    plan.summary._p.getparent().remove(plan.summary._p)
    report = check(plan, tmp_path)
    assert findings(report, "T1") == []
