"""P1–P4: paper, margins, font and colour, page numbers."""

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from check_docs import add_page_number, check, findings, good_plan, set_text


def test_letter_paper_is_an_error(tmp_path):
    plan = good_plan()
    section = plan.document.sections[0]
    section.page_width, section.page_height = Twips(12240), Twips(15840)
    report = check(plan, tmp_path)
    [finding] = findings(report, "P1", "error")
    assert finding.location == "mục 1 (section)"
    assert "215,9 × 279,4 mm" in finding.found


def test_landscape_without_a_table_is_an_error(tmp_path):
    plan = good_plan()
    table = plan.appendix_table._tbl
    table.getparent().remove(table)
    report = check(plan, tmp_path)
    [finding] = findings(report, "P1", "error")
    assert finding.location == "mục 2 (section)"


def test_landscape_dimensions_may_come_in_either_order(tmp_path):
    plan = good_plan()
    section = plan.document.sections[1]
    section.page_width, section.page_height = Twips(11906), Twips(16838)   # orient says landscape
    assert findings(check(plan, tmp_path), "P1") == []


@pytest.mark.parametrize("side, twips", [("left_margin", 1417), ("right_margin", 1417),
                                         ("top_margin", 1701), ("bottom_margin", 1000)])
def test_a_margin_out_of_range_is_an_error(tmp_path, side, twips):
    plan = good_plan()
    setattr(plan.document.sections[0], side, Twips(twips))
    [finding] = findings(check(plan, tmp_path), "P2", "error")
    assert finding.location == "mục 1 (section)"


def test_margins_are_checked_in_every_section(tmp_path):
    plan = good_plan()
    plan.document.sections[1].left_margin = Twips(1134)   # 20 mm on the landscape appendix
    [finding] = findings(check(plan, tmp_path), "P2", "error")
    assert finding.location == "mục 2 (section)"
    assert finding.found == "lề trái 20 mm"


def test_margins_within_half_a_millimetre_pass(tmp_path):
    plan = good_plan()
    plan.document.sections[0].left_margin = Twips(1701 - 25)   # 29.56 mm
    plan.document.sections[0].top_margin = Twips(1417 + 25)    # 25.44 mm
    assert findings(check(plan, tmp_path), "P2") == []


def test_a_run_in_another_font_is_an_error(tmp_path):
    plan = good_plan()
    plan.first_body.runs[0].font.name = "Arial"
    [finding] = findings(check(plan, tmp_path), "P3", "error")
    assert finding.location.startswith("đoạn 5 «Thực hiện Công văn")
    assert finding.found == "phông Arial (ascii, hAnsi)"


def test_an_east_asian_slot_is_not_judged_on_vietnamese_text(tmp_path):
    # spec §1: Vietnamese letters print with the hAnsi/ascii fonts, never the eastAsia one
    plan = good_plan()
    fonts = plan.signer.runs[0]._r.rPr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), "MS Mincho")
    assert findings(check(plan, tmp_path), "P3") == []


def test_an_east_asian_slot_set_to_another_font_is_an_error_where_text_uses_it(tmp_path):
    plan = good_plan()
    fonts = plan.signer.runs[0]._r.rPr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), "MS Mincho")
    plan.signer.runs[0].text += " 印"
    [finding] = findings(check(plan, tmp_path), "P3", "error")
    assert finding.found == "phông MS Mincho (eastAsia)"


def test_a_bold_face_name_is_times_new_roman(tmp_path):
    plan = good_plan()
    plan.first_body.runs[0].font.name = "Times New Roman Bold"
    assert findings(check(plan, tmp_path), "P3") == []


def test_hidden_and_white_text_is_not_judged(tmp_path):
    plan = good_plan()
    hidden = plan.first_body.add_run(" [ghi chú ẩn]")
    hidden.font.name, hidden.font.hidden = "Arial", True
    white = plan.first_body.add_run(" (Đã ký)")
    white.font.name, white.font.color.rgb = "Arial", RGBColor(0xFF, 0xFF, 0xFF)
    assert findings(check(plan, tmp_path), "P3") == []


def test_coloured_text_is_an_error(tmp_path):
    plan = good_plan()
    plan.title.runs[0].font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    [finding] = findings(check(plan, tmp_path), "P3", "error")
    assert finding.found == "màu chữ #FF0000"


def test_the_text_theme_colour_is_black(tmp_path):
    plan = good_plan()
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "000000")
    color.set(qn("w:themeColor"), "text1")
    plan.title.runs[0]._r.rPr.append(color)
    assert findings(check(plan, tmp_path), "P3") == []


def test_a_lighter_text_theme_colour_is_not_black(tmp_path):
    plan = good_plan()
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "7F7F7F")
    color.set(qn("w:themeColor"), "text1")
    color.set(qn("w:themeTint"), "80")
    plan.title.runs[0]._r.rPr.append(color)
    [finding] = findings(check(plan, tmp_path), "P3", "error")
    assert finding.found.startswith("màu chữ #")


def test_page_number_on_the_first_page_is_an_error(tmp_path):
    plan = good_plan()
    plan.document.sections[0].different_first_page_header_footer = False
    plan.document.sections[1].different_first_page_header_footer = False
    report = check(plan, tmp_path)
    [finding] = findings(report, "P4", "error")
    assert "titlePg" in finding.found


def test_a_page_number_in_the_first_page_header_is_an_error(tmp_path):
    plan = good_plan()
    add_page_number(plan.document.sections[0].first_page_header.paragraphs[0])
    assert findings(check(plan, tmp_path), "P4", "error")


def test_page_number_must_be_centred(tmp_path):
    plan = good_plan()
    plan.page_number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    [finding] = findings(check(plan, tmp_path), "P4", "error")
    assert finding.found == "số trang căn phải"


def test_page_number_must_be_13_to_14_points(tmp_path):
    plan = good_plan()
    for run in plan.page_number.runs:
        run.font.size = Pt(11)
    [finding] = findings(check(plan, tmp_path), "P4", "error")
    assert finding.found == "số trang: cỡ chữ 11 pt"


def test_a_header_without_a_page_field_is_an_error(tmp_path):
    plan = good_plan()
    paragraph = plan.page_number._p
    for run in list(paragraph.iter(qn("w:r"))):
        run.getparent().remove(run)
    plan.page_number.add_run("Trang").font.size = Pt(13)
    # issue 19 §3: one finding, not one per section plus one for page 1 (titlePg)
    [finding] = findings(check(plan, tmp_path), "P4")
    assert finding.severity == "error" and "không có số trang" in finding.found


def test_a_simple_page_field_counts(tmp_path):
    plan = good_plan()
    paragraph = plan.page_number._p
    for run in list(paragraph.iter(qn("w:r"))):
        run.getparent().remove(run)
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), "PAGE   \\* MERGEFORMAT")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "26")
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    simple.append(run)
    paragraph.append(simple)
    assert findings(check(plan, tmp_path), "P4") == []


def test_numbering_must_start_at_one(tmp_path):
    plan = good_plan()
    start = OxmlElement("w:pgNumType")
    start.set(qn("w:start"), "3")
    plan.document.sections[0]._sectPr.append(start)
    [finding] = findings(check(plan, tmp_path), "P4", "error")
    assert finding.found == "số trang bắt đầu từ 3"


def test_a_later_main_section_hiding_its_first_page_number_is_a_warning(tmp_path):
    plan = good_plan()
    # the appendix is no longer an appendix: its section is part of the main document
    set_text(plan.appendix_heading, "BẢNG TỔNG HỢP")
    report = check(plan, tmp_path)
    [finding] = findings(report, "P4", "warning")
    assert finding.location == "mục 2 (section)"


def test_a_page_number_in_the_footer_is_an_error(tmp_path):
    plan = good_plan()
    paragraph = plan.page_number._p
    for run in list(paragraph.iter(qn("w:r"))):
        run.getparent().remove(run)
    footer = plan.document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_number(footer)
    found = findings(check(plan, tmp_path), "P4", "error")
    assert {f.found for f in found} == {"số trang ở chân trang"}


def one_page_letter(tmp_path, page_number_in_footer: bool, continuous_break: bool = False):
    """A short công văn on one page, its page number (if any) in the footer."""
    plan = good_plan()
    document = plan.document
    body = document.element.body
    # drop the appendix section and most of the body: what is left fits one page
    for paragraph in plan.body[3:-1]:
        paragraph._p.getparent().remove(paragraph._p)
    appendix_start = plan.appendix_heading._p
    for element in list(body)[list(body).index(appendix_start):]:
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    for paragraph in document.paragraphs:
        sect_pr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect_pr is not None:
            sect_pr.getparent().remove(sect_pr)
    section = document.sections[0]
    section.different_first_page_header_footer = False
    for paragraph in section.header.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    if page_number_in_footer:
        add_page_number(section.footer.paragraphs[0])
    if continuous_break:   # a second section starting on the same page (say, for two columns)
        import copy
        first_part = copy.deepcopy(section._sectPr)
        plan.first_body._p.get_or_add_pPr().append(first_part)
        for old in section._sectPr.findall(qn("w:type")):
            section._sectPr.remove(old)
        start = OxmlElement("w:type")
        start.set(qn("w:val"), "continuous")
        section._sectPr.insert(0, start)
    return check(plan, tmp_path)


def test_a_one_page_document_needs_no_page_number(tmp_path):
    report = one_page_letter(tmp_path, page_number_in_footer=False)
    assert findings(report, "P4") == []


def test_a_continuous_section_break_keeps_a_one_page_document_on_one_page(tmp_path):
    report = one_page_letter(tmp_path, page_number_in_footer=False, continuous_break=True)
    assert findings(report, "P4") == []


def test_a_page_number_that_never_prints_is_not_judged(tmp_path):
    report = one_page_letter(tmp_path, page_number_in_footer=True)
    assert findings(report, "P4") == []


def test_a_landscape_section_whose_margins_fit_when_turned_passes(tmp_path):
    plan = good_plan()
    section = plan.document.sections[1]   # the appendix, landscape
    section.top_margin, section.right_margin = Twips(1843), Twips(1247)        # 32,5 / 22 mm
    section.bottom_margin, section.left_margin = Twips(1021), Twips(1247)      # 18 / 22 mm
    assert findings(check(plan, tmp_path), "P2") == []
    section.top_margin = Twips(1247)   # 22 mm: fits neither way now
    assert findings(check(plan, tmp_path), "P2", "error")
