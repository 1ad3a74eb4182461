"""T1 (tên loại, trích yếu) and B1–B3 (nội dung)."""

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Pt

from check_docs import body_format, check, findings, good_plan, set_text, write


def test_title_not_bold_is_an_error(tmp_path):
    plan = good_plan()
    plan.title.runs[0].font.bold = False
    [finding] = findings(check(plan, tmp_path), "T1", "error")
    assert finding.location == "đoạn 2 «KẾ HOẠCH»"
    assert finding.found == "tên loại: không in đậm"


def test_title_in_lower_case_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.title, "Kế hoạch")
    [finding] = findings(check(plan, tmp_path), "T1", "error")
    assert finding.found == "tên loại: chữ thường"


def test_title_must_be_centred(tmp_path):
    plan = good_plan()
    plan.title.alignment = WD_ALIGN_PARAGRAPH.LEFT
    [finding] = findings(check(plan, tmp_path), "T1", "error")
    assert finding.found == "tên loại căn trái"


def test_summary_size_is_13_to_14(tmp_path):
    plan = good_plan()
    plan.summary.runs[0].font.size = Pt(12)
    [finding] = findings(check(plan, tmp_path), "T1", "error")
    assert finding.found == "trích yếu: cỡ chữ 12 pt"


def test_summary_not_bold_is_an_error(tmp_path):
    plan = good_plan()
    plan.summary.runs[0].font.bold = False
    [finding] = findings(check(plan, tmp_path), "T1", "error")
    assert finding.found == "trích yếu: không in đậm"


def test_a_missing_title_is_an_error(tmp_path):
    plan = good_plan()
    plan.title._p.getparent().remove(plan.title._p)
    report = check(plan, tmp_path)
    assert [f.found for f in findings(report, "T1")] == ["không có tên loại văn bản sau phần đầu"]
    assert findings(report, "H4") == []


def test_unjustified_body_text_is_an_error(tmp_path):
    plan = good_plan()
    plan.first_body.alignment = WD_ALIGN_PARAGRAPH.LEFT
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.location.startswith("đoạn 5 «Thực hiện Công văn")
    assert (finding.found, finding.expected) == ("căn trái", "căn đều hai lề")


def test_body_text_without_a_first_line_indent_is_an_error(tmp_path):
    plan = good_plan()
    plan.first_body.paragraph_format.first_line_indent = None
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.found == "thụt đầu dòng 0 cm"


@pytest.mark.parametrize("indent", [Cm(1.0), Cm(1.27), Cm(1.3)])
def test_indents_of_1_and_1_27_cm_pass(tmp_path, indent):
    plan = good_plan()
    plan.first_body.paragraph_format.first_line_indent = indent
    assert findings(check(plan, tmp_path), "B1") == []


def test_a_hanging_indent_is_an_error(tmp_path):
    plan = good_plan()
    plan.first_body.paragraph_format.first_line_indent = Cm(-1.27)
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.found == "thụt đầu dòng -1,27 cm"


def test_the_indent_may_come_from_the_paragraph_style(tmp_path):
    plan = good_plan()
    style = plan.document.styles.add_style("Noi dung", WD_STYLE_TYPE.PARAGRAPH)
    style.paragraph_format.first_line_indent = Cm(1.0)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for paragraph in plan.body:
        paragraph.style = style
        paragraph.paragraph_format.first_line_indent = None
        paragraph.paragraph_format.alignment = None
    assert findings(check(plan, tmp_path), "B1") == []
    style.paragraph_format.first_line_indent = Cm(2)
    assert findings(check(plan, tmp_path), "B1", "error")


def test_body_size_is_13_to_14(tmp_path):
    plan = good_plan()
    plan.first_body.runs[0].font.size = Pt(12)
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.found == "cỡ chữ 12 pt"


def test_space_between_paragraphs_is_at_least_6_points(tmp_path):
    plan = good_plan()
    plan.first_body.paragraph_format.space_after = Pt(3)
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.found == "khoảng cách đoạn 3 pt"


def test_space_before_counts_as_well(tmp_path):
    plan = good_plan()
    plan.first_body.paragraph_format.space_after = Pt(0)
    plan.body[1].paragraph_format.space_before = Pt(6)
    assert findings(check(plan, tmp_path), "B1") == []


def test_the_gap_is_measured_between_two_paragraphs(tmp_path):
    # 3 pt after one and 3 pt before the next print as a 6 pt gap
    plan = good_plan()
    plan.first_body.paragraph_format.space_after = Pt(3)
    plan.body[1].paragraph_format.space_before = Pt(3)
    assert findings(check(plan, tmp_path), "B1") == []


def test_centred_heading_stacks_need_no_gap(tmp_path):
    plan = good_plan()
    chapter = plan.body[1]
    chapter.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    chapter.paragraph_format.space_after = Pt(0)
    assert findings(check(plan, tmp_path), "B1", "error") == []


def test_contextual_spacing_removing_the_gap_is_a_warning(tmp_path):
    plan = good_plan()
    for paragraph in plan.body:
        paragraph.paragraph_format._element.get_or_add_pPr().append(OxmlElement("w:contextualSpacing"))
    report = check(plan, tmp_path)
    assert findings(report, "B1", "error") == []
    assert any("contextualSpacing" in f.found for f in findings(report, "B1", "warning"))


def test_a_leading_tab_prints_as_a_1_27_cm_indent(tmp_path):
    plan = good_plan()
    plan.first_body.paragraph_format.first_line_indent = None
    plan.first_body.runs[0].text = "\t" + plan.first_body.runs[0].text
    assert findings(check(plan, tmp_path), "B1") == []


def test_an_indent_within_a_millimetre_passes_but_two_millimetres_off_does_not(tmp_path):
    plan = good_plan()
    plan.first_body.paragraph_format.first_line_indent = Cm(1.21)
    assert findings(check(plan, tmp_path), "B1") == []
    plan.first_body.paragraph_format.first_line_indent = Cm(1.5)
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.found == "thụt đầu dòng 1,5 cm"


@pytest.mark.parametrize("spacing, rule", [(2.0, None), (0.9, None), (Pt(30), WD_LINE_SPACING.EXACTLY),
                                           (Pt(10), WD_LINE_SPACING.EXACTLY)])
def test_line_spacing_outside_single_to_one_and_a_half_is_an_error(tmp_path, spacing, rule):
    plan = good_plan()
    plan.first_body.paragraph_format.line_spacing = spacing
    if rule is not None:
        plan.first_body.paragraph_format.line_spacing_rule = rule
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.found.startswith("giãn dòng")


@pytest.mark.parametrize("spacing, rule", [(1.5, None), (1.15, None), (Pt(18), WD_LINE_SPACING.EXACTLY),
                                           (Pt(24), WD_LINE_SPACING.EXACTLY)])
def test_line_spacing_from_single_to_one_and_a_half_passes(tmp_path, spacing, rule):
    plan = good_plan()
    plan.first_body.paragraph_format.line_spacing = spacing
    if rule is not None:
        plan.first_body.paragraph_format.line_spacing_rule = rule
    assert findings(check(plan, tmp_path), "B1") == []


def test_headings_are_not_held_to_indent_and_justification(tmp_path):
    plan = good_plan()
    for paragraph in plan.body:
        if paragraph.text.startswith(("I.", "II.", "1.")):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.first_line_indent = None
    assert findings(check(plan, tmp_path), "B1") == []


def test_paragraphs_in_body_tables_are_not_body_text(tmp_path):
    plan = good_plan()
    table = plan.document.add_table(rows=1, cols=1)
    write(table.cell(0, 0).paragraphs[0], "Bảng số liệu", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    plan.last_body._p.addnext(table._tbl)
    assert findings(check(plan, tmp_path), "B1") == []


def test_a_missing_closing_mark_is_a_warning(tmp_path):
    plan = good_plan()
    set_text(plan.last_body, "Trên đây là Kế hoạch của Ủy ban nhân dân xã.")
    report = check(plan, tmp_path)
    [finding] = findings(report, "B3", "warning")
    assert finding.location.startswith("đoạn 14 «Trên đây là Kế hoạch")
    assert report.ok


def _add_body(plan, text, bold=False):
    paragraph = plan.last_body.insert_paragraph_before()
    write(paragraph, text, 14, bold=bold)
    body_format(paragraph)
    return paragraph


@pytest.mark.parametrize("heading", ["V. KINH PHÍ THỰC HIỆN", "IV. Kinh phí thực hiện"])
def test_the_count_and_case_of_section_headings_are_not_judged(tmp_path, heading):
    # real documents skip a number (I, II, IV) or write «I. Đánh giá chung»: the calibration
    # set counts neither as a departure
    plan = good_plan()
    _add_body(plan, heading, bold=True)
    assert findings(check(plan, tmp_path), "B2") == []


def test_an_arabic_numbered_section_in_capitals_is_a_warning(tmp_path):
    plan = good_plan()
    _add_body(plan, "4. KINH PHÍ THỰC HIỆN", bold=True)
    [finding] = findings(check(plan, tmp_path), "B2", "warning")
    assert "mục đánh số Ả Rập" in finding.found


def test_points_follow_the_vietnamese_alphabet(tmp_path):
    plan = good_plan()
    for text in ["a) Rà soát quy chế;", "b) Tuyên truyền;", "c) Kiểm tra;", "d) Báo cáo;",
                 "đ) Đánh giá;", "e) Khen thưởng;", "g) Tổng kết."]:
        _add_body(plan, text)
    assert findings(check(plan, tmp_path), "B2") == []


def test_point_letters_out_of_order_are_not_judged(tmp_path):
    plan = good_plan()
    for text in ["a) Rà soát quy chế;", "b) Tuyên truyền;", "c) Kiểm tra;", "e) Báo cáo;",
                 "g) Đánh giá;", "f) Khen thưởng."]:
        _add_body(plan, text)
    assert findings(check(plan, tmp_path), "B2") == []


def test_a_summary_ending_with_a_full_stop_is_a_warning(tmp_path):
    plan = good_plan()
    set_text(plan.summary, plan.summary.text + ".")
    [finding] = findings(check(plan, tmp_path), "T1", "warning")
    assert finding.found == "trích yếu kết thúc bằng dấu «.»"


def test_an_empty_line_between_two_paragraphs_is_a_gap(tmp_path):
    plan = good_plan()
    plan.first_body.paragraph_format.space_after = Pt(0)
    blank = write(plan.document.add_paragraph(), "", 14)
    plan.first_body._p.addnext(blank._p)
    assert findings(check(plan, tmp_path), "B1", "error") == []


def test_an_indent_typed_with_spaces_is_a_near_miss_warning(tmp_path):
    plan = good_plan()
    plan.first_body.paragraph_format.first_line_indent = None
    plan.first_body.runs[0].text = " " * 9 + plan.first_body.runs[0].text   # ≈ 1,1 cm at 14 pt
    report = check(plan, tmp_path)
    assert findings(report, "B1", "error") == []
    [finding] = findings(report, "B1", "warning")
    assert finding.found == "thụt đầu dòng bằng dấu cách"
    plan.first_body.runs[0].text = "  " + plan.first_body.runs[0].text.lstrip()   # 2 spaces: 0,25 cm
    assert findings(check(plan, tmp_path), "B1", "error")


def test_an_automatically_numbered_paragraph_takes_its_indent_from_the_list_level(tmp_path):
    plan = good_plan()
    numbering = plan.document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), "0")
    ppr = OxmlElement("w:pPr")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:firstLine"), "720")   # the number at 1,27 cm
    ppr.append(ind)
    level.append(ppr)
    abstract.append(level)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    abstract_id = OxmlElement("w:abstractNumId")
    abstract_id.set(qn("w:val"), "90")
    num.append(abstract_id)
    numbering.append(num)
    paragraph = plan.first_body
    paragraph.paragraph_format.first_line_indent = None
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", "90")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        num_pr.append(element)
    paragraph._p.get_or_add_pPr().insert(0, num_pr)
    assert findings(check(plan, tmp_path), "B1") == []
    ind.set(qn("w:firstLine"), "0")   # the number at the margin: no indent
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.found == "thụt đầu dòng 0 cm"
