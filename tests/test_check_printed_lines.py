"""Lines judged as they print, wrapped in their cell (issue 19 §6, issue 18 §2 check side)."""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from check_docs import check, findings, good_plan, set_text

PADDING = " " * 30


def test_a_tm_line_padded_with_spaces_prints_as_two_lines(tmp_path):
    # «TM. ỦY BAN NHÂN DÂN <spaces> KT. CHỦ TỊCH» wraps in the cell: two lines on paper
    plan = good_plan()
    set_text(plan.authority, f"TM. ỦY BAN NHÂN DÂN{PADDING}KT. CHỦ TỊCH")
    set_text(plan.position, "PHÓ CHỦ TỊCH")
    report = check(plan, tmp_path)
    assert findings(report, "S1", "error") == [] and findings(report, "S1", "warning") == []


def test_two_authorities_that_print_on_one_line_are_still_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.authority, "TM. UBND KT. CHỦ TỊCH")   # short enough to print on one line
    set_text(plan.position, "PHÓ CHỦ TỊCH")
    assert any("hai dòng thẩm quyền" in f.found for f in findings(check(plan, tmp_path), "S1", "error"))


def _break_after(paragraph, words: str) -> None:
    """Split the paragraph's one run with a line break (Shift+Enter) after ``words``."""
    run = paragraph.runs[0]
    rest = run.text[len(words):].lstrip()
    run.text = words
    run._r.append(OxmlElement("w:br"))
    text = OxmlElement("w:t")
    text.text = rest
    run._r.append(text)


def test_an_issuer_name_that_wraps_inside_the_place_name_is_a_warning(tmp_path):
    plan = good_plan()
    set_text(plan.issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")
    [finding] = findings(check(plan, tmp_path), "H3", "warning")
    assert finding.found.startswith("tên cơ quan in ra ngắt giữa tên: «ỦY BAN NHÂN DÂN THÀNH")


def test_an_issuer_name_broken_between_the_kind_and_the_name_passes(tmp_path):
    plan = good_plan()
    set_text(plan.issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")
    _break_after(plan.issuer, "ỦY BAN NHÂN DÂN")
    assert findings(check(plan, tmp_path), "H3") == []


def test_a_date_line_that_wraps_in_its_cell_is_a_warning(tmp_path):
    plan = good_plan()
    set_text(plan.date_line, "Thành phố Hồ Chí Minh, ngày 25 tháng 6 năm 2026")
    [finding] = findings(check(plan, tmp_path), "H5", "warning")
    assert finding.found.startswith("dòng địa danh, ngày tháng in ra thành 2 dòng: «Thành phố Hồ Chí Minh")


def test_no_break_spaces_in_a_draft_date_do_not_wrap(tmp_path):
    plan = good_plan()
    set_text(plan.date_line, "Hải Định, ngày \u00a0\u00a0\u00a0\u00a0 tháng \u00a0\u00a0\u00a0 năm 2024")
    assert findings(check(plan, tmp_path), "H5") == []


def test_the_cell_width_comes_from_the_grid_when_the_cell_has_none(tmp_path):
    plan = good_plan()
    cell = plan.date_line._p.getparent()
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    width.getparent().remove(width)
    set_text(plan.date_line, "Thành phố Hồ Chí Minh, ngày 25 tháng 6 năm 2026")
    assert findings(check(plan, tmp_path), "H5", "warning") != []


def test_a_name_on_two_lines_split_inside_the_place_name_is_a_warning(tmp_path):
    plan = good_plan()
    set_text(plan.issuer, "SỞ NỘI VỤ TỈNH LÂM ĐỒNG")
    _break_after(plan.issuer, "SỞ NỘI VỤ TỈNH LÂM")
    [finding] = findings(check(plan, tmp_path), "H3", "warning")
    assert "«SỞ NỘI VỤ TỈNH LÂM» / «ĐỒNG»" in finding.found


def test_a_department_broken_before_its_place_passes(tmp_path):
    plan = good_plan()
    set_text(plan.issuer, "SỞ NỘI VỤ TỈNH LÂM ĐỒNG")
    _break_after(plan.issuer, "SỞ NỘI VỤ")
    assert findings(check(plan, tmp_path), "H3") == []
