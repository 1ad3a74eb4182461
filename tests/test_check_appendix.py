"""A1–A3: Phụ lục — heading, (Kèm theo …) line, its citation, page numbering."""

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from check_docs import REFERENCE, appendix_only, check, findings, good_plan, rule_ids, set_text, write


def test_appendix_heading_not_bold_is_an_error(tmp_path):
    plan = good_plan()
    plan.appendix_heading.runs[0].font.bold = False
    [finding] = findings(check(plan, tmp_path), "A1", "error")
    assert finding.location == "đoạn 16 «PHỤ LỤC»"
    assert finding.found == "tiêu đề phụ lục: không in đậm"


def test_a_lower_case_heading_phu_luc_passes(tmp_path):
    plan = good_plan()
    set_text(plan.appendix_heading, "Phụ lục")
    assert check(plan, tmp_path).findings == []


def test_a_missing_reference_line_is_an_error(tmp_path):
    plan = good_plan()
    plan.appendix_reference._p.getparent().remove(plan.appendix_reference._p)
    [finding] = findings(check(plan, tmp_path), "A1", "error")
    assert finding.found == "không có dòng «(Kèm theo …)»"


def test_a_reference_line_not_in_italics_is_an_error(tmp_path):
    plan = good_plan()
    plan.appendix_reference.runs[0].font.italic = False
    [finding] = findings(check(plan, tmp_path), "A1", "error")
    assert finding.found == "dòng «(Kèm theo …)»: chữ đứng"


def test_an_appendix_title_between_heading_and_reference_is_checked(tmp_path):
    plan = good_plan()
    title = plan.appendix_reference.insert_paragraph_before()
    write(title, "DANH MỤC NHIỆM VỤ", 14, bold=True)
    assert check(plan, tmp_path).findings == []
    title.runs[0].font.bold = False
    [finding] = findings(check(plan, tmp_path), "A1", "error")
    assert finding.found == "tên phụ lục: không in đậm"


def test_a_reference_citing_another_number_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.appendix_reference, plan.appendix_reference.text.replace("25/KH", "26/KH"))
    [finding] = findings(check(plan, tmp_path), "A3", "error")
    assert finding.found == "số, ký hiệu «26/KH-UBND»"
    assert finding.expected == "số, ký hiệu «25/KH-UBND» như ở phần đầu văn bản"


def test_a_reference_citing_another_date_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.appendix_reference, plan.appendix_reference.text.replace("ngày 05", "ngày 06"))
    [finding] = findings(check(plan, tmp_path), "A3", "error")
    assert finding.found == "ngày 06 tháng 3 năm 2024"


def test_a_reference_citing_another_document_type_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.appendix_reference, plan.appendix_reference.text.replace("Kế hoạch", "Quyết định"))
    [finding] = findings(check(plan, tmp_path), "A3", "error")
    assert finding.found == "kèm theo «Quyết định»"


def test_a_reference_in_the_short_date_form_passes(tmp_path):
    plan = good_plan()
    set_text(plan.appendix_reference,
             "(Kèm theo Kế hoạch số 25/KH-UBND ngày 05/3/2024 của Ủy ban nhân dân xã Hải Định)")
    assert check(plan, tmp_path).findings == []


def test_a_filled_reference_for_a_blank_draft_number_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.number_line, "Số:      /KH-UBND")
    [finding] = findings(check(plan, tmp_path), "A3", "error")
    assert finding.expected == "số, ký hiệu «…/KH-UBND» như ở phần đầu văn bản"


def test_the_seed_reference_with_blanks_matches_a_blank_draft(tmp_path):
    plan = good_plan()
    set_text(plan.number_line, "Số:      /KH-UBND")
    set_text(plan.date_line, "Hải Định, ngày      tháng 3 năm 2024")
    set_text(plan.appendix_reference, "(Kèm theo Kế hoạch số /KH-UBND ngày /3/2024 của UBND xã)")
    assert check(plan, tmp_path).findings == []


def test_appendix_pages_numbered_on_from_the_main_text_are_an_error(tmp_path):
    # tightened: ND 30 asks each appendix to be numbered on its own
    plan = good_plan()
    sect_pr = plan.document.sections[1]._sectPr
    sect_pr.remove(sect_pr.find(qn("w:pgNumType")))
    report = check(plan, tmp_path)
    [finding] = findings(report, "A2", "error")
    assert finding.found == "số trang của phụ lục đánh tiếp theo phần văn bản chính"
    assert not report.ok


def test_a_reference_line_split_over_two_paragraphs_is_read_whole(tmp_path):
    plan = good_plan()
    first, rest = REFERENCE.split(" của ")
    set_text(plan.appendix_reference, first)
    second = write(plan.document.add_paragraph(), "của " + rest, 14, italic=True)
    plan.appendix_reference._p.addnext(second._p)
    assert findings(check(plan, tmp_path), "A1") == []
    assert findings(check(plan, tmp_path), "A3") == []


def test_a_three_line_title_and_ban_hanh_kem_theo_pass(tmp_path):
    plan = good_plan()
    for line in reversed(["KẾT QUẢ THỰC HIỆN", "CÁC NHIỆM VỤ CẢI CÁCH", "HÀNH CHÍNH NĂM 2024"]):
        plan.appendix_heading._p.addnext(write(plan.document.add_paragraph(), line, 14, bold=True)._p)
    set_text(plan.appendix_reference, REFERENCE.replace("(Kèm theo", "(Ban hành kèm theo"))
    report = check(plan, tmp_path)
    assert findings(report, "A1") == [] and findings(report, "A3") == []


def test_a_month_filled_in_the_citation_while_the_draft_leaves_it_blank_passes(tmp_path):
    plan = good_plan()
    set_text(plan.number_line, "Số:      /KH-UBND")
    set_text(plan.date_line, "Hải Định, ngày      tháng      năm 2024")
    set_text(plan.appendix_reference, "(Kèm theo Kế hoạch số /KH-UBND ngày /3/2024 của UBND xã)")
    assert findings(check(plan, tmp_path), "A3") == []
    set_text(plan.appendix_reference, "(Kèm theo Kế hoạch số /KH-UBND ngày /3/2025 của UBND xã)")
    assert findings(check(plan, tmp_path), "A3", "error")


def test_an_appendix_typed_on_in_the_main_section_is_no_finding(tmp_path):
    # issue 19 §12: one severity for A2 — an error for a section of its own numbering on
    # (test above); typed on in the text's section, as the calibration decision does: nothing
    plan = good_plan()
    body = plan.document.element.body
    break_paragraph = next(p for p in body.iterchildren(qn("w:p"))
                           if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    body.remove(break_paragraph)
    assert findings(check(plan, tmp_path), "A2") == []


def _second_appendix(plan, heading="PHỤ LỤC"):
    plan.document.add_section(WD_SECTION.NEW_PAGE)
    second = write(plan.document.add_paragraph(), heading, 14, bold=True)
    write(plan.document.add_paragraph(), plan.appendix_reference.text, 14, italic=True)
    return second


def test_two_appendices_need_roman_numerals(tmp_path):
    plan = good_plan()
    _second_appendix(plan)
    found = findings(check(plan, tmp_path), "A1", "error")
    assert [f.expected for f in found] == ["nhiều phụ lục thì đánh số La Mã: «Phụ lục I»",
                                           "nhiều phụ lục thì đánh số La Mã: «Phụ lục II»"]


def test_two_appendices_numbered_i_and_ii_pass(tmp_path):
    plan = good_plan()
    set_text(plan.appendix_heading, "PHỤ LỤC I")
    _second_appendix(plan, "PHỤ LỤC II")
    report = check(plan, tmp_path)
    assert findings(report, "A1") == [] and findings(report, "A2") == []


def test_an_appendix_only_file_skips_header_title_signature_and_recipients(tmp_path):
    plan = appendix_only()
    report = check(plan, tmp_path, "phu-luc.docx")
    assert report.findings == []


def test_an_appendix_only_file_still_gets_page_font_and_text_rules(tmp_path):
    plan = appendix_only()
    plan.appendix_heading.runs[0].font.name = "Arial"
    set_text(plan.appendix_reference, "(Kèm theo Kế hoạch số {{ so }} của Ủy ban nhân dân xã)")
    plan.document.sections[0].left_margin = plan.document.sections[0].right_margin
    report = check(plan, tmp_path, "phu-luc.docx")
    assert {"P2", "P3", "X2"} <= rule_ids(report)
    assert not {"H1", "T1", "B1", "S1", "R1", "A3"} & rule_ids(report)
