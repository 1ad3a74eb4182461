"""S1, C1 (người ký) and R1, R2 (nơi nhận)."""

import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from check_docs import check, findings, good_plan, set_text, write


def test_an_authority_line_without_a_prefix_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.authority, "ỦY BAN NHÂN DÂN")
    [finding] = findings(check(plan, tmp_path), "S1", "error")
    assert finding.location == "bảng 2, ô (1,2) «ỦY BAN NHÂN DÂN»"
    assert finding.found == "dòng thẩm quyền không có tiền tố"


@pytest.mark.parametrize("line", ["T.M. ỦY BAN NHÂN DÂN", "TM ỦY BAN NHÂN DÂN", "KT: CHỦ TỊCH"])
def test_a_malformed_prefix_is_an_error(tmp_path, line):
    plan = good_plan()
    set_text(plan.authority, line)
    assert any("tiền tố thẩm quyền sai dạng" in f.found
               for f in findings(check(plan, tmp_path), "S1", "error"))


@pytest.mark.parametrize("authority, position", [
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("Q. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
    ("TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")])
def test_every_valid_prefix_passes(tmp_path, authority, position):
    plan = good_plan()
    set_text(plan.authority, authority)
    set_text(plan.position, position)
    assert findings(check(plan, tmp_path), "S1", "error") == []


def test_an_abbreviated_body_in_the_authority_line_is_an_error_with_the_fix(tmp_path):
    plan = good_plan()
    set_text(plan.authority, "TM. UBND")
    [finding] = findings(check(plan, tmp_path), "S1", "error")
    assert finding.expected == "viết đầy đủ, in hoa: «TM. ỦY BAN NHÂN DÂN»"


def test_a_head_signing_under_kt_is_an_error(tmp_path):
    # KT. CHỦ TỊCH means a deputy signs for the head: the title under it cannot be CHỦ TỊCH
    plan = good_plan()
    set_text(plan.authority, "TM. ỦY BAN NHÂN DÂN")
    set_text(plan.position, "KT. CHỦ TỊCH")
    first_blank = plan.signature_table.cell(0, 1).paragraphs[2]
    write(first_blank.insert_paragraph_before(), "CHỦ TỊCH", 14, bold=True)
    [finding] = findings(check(plan, tmp_path), "S1", "error")
    assert finding.found == "«KT. CHỦ TỊCH» mà chức vụ người ký là «CHỦ TỊCH»"


def test_kt_without_tm_for_a_peoples_committee_is_only_a_notice(tmp_path):
    # issue 19 §5: a chairman's own decision, a licence, most công văn are signed so
    plan = good_plan()
    set_text(plan.authority, "KT. CHỦ TỊCH")
    set_text(plan.position, "PHÓ CHỦ TỊCH")
    report = check(plan, tmp_path)
    assert findings(report, "S1", "error") == [] and findings(report, "S1", "warning") == []
    assert report.warnings == [] and report.ok
    [finding] = findings(report, "S1", "notice")
    assert "TM. …" in finding.found


def test_a_prefix_without_its_space_is_a_warning(tmp_path):
    plan = good_plan()
    set_text(plan.authority, "TL.CHỦ TỊCH")
    set_text(plan.position, "CHÁNH VĂN PHÒNG")
    report = check(plan, tmp_path)
    assert findings(report, "S1", "error") == []
    [finding] = findings(report, "S1", "warning")
    assert finding.expected == "«TL. CHỦ TỊCH»"


def test_a_deputy_signing_for_the_collective_uses_three_lines(tmp_path):
    plan = good_plan()
    set_text(plan.position, "KT. CHỦ TỊCH")
    first_blank = plan.signature_table.cell(0, 1).paragraphs[2]
    write(first_blank.insert_paragraph_before(), "PHÓ CHỦ TỊCH", 14, bold=True)
    assert findings(check(plan, tmp_path), "S1") == []


def test_the_head_signing_alone_needs_no_prefix(tmp_path):
    plan = good_plan()
    plan.authority._p.getparent().remove(plan.authority._p)
    assert findings(check(plan, tmp_path), "S1") == []


def test_a_position_line_in_lower_case_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.position, "Chủ tịch")
    [finding] = findings(check(plan, tmp_path), "S1", "error")
    assert finding.found == "quyền hạn, chức vụ: chữ thường"


def test_authority_size_is_13_to_14(tmp_path):
    plan = good_plan()
    plan.authority.runs[0].font.size = Pt(12)
    [finding] = findings(check(plan, tmp_path), "S1", "error")
    assert finding.found == "quyền hạn, chức vụ: cỡ chữ 12 pt"


def test_signer_not_bold_is_an_error(tmp_path):
    plan = good_plan()
    plan.signer.runs[0].font.bold = False
    [finding] = findings(check(plan, tmp_path), "S1", "error")
    assert finding.location == "bảng 2, ô (1,2) «Lê Ngọc Trình»"
    assert finding.found == "họ tên người ký: không in đậm"


def test_signer_name_in_capitals_is_a_capitalisation_warning(tmp_path):
    plan = good_plan()
    set_text(plan.signer, "LÊ NGỌC TRÌNH")
    report = check(plan, tmp_path)
    [finding] = findings(report, "C1", "warning")
    assert finding.found == "họ tên «LÊ NGỌC TRÌNH»"
    assert report.ok


def test_the_signature_lines_may_be_stacked_with_line_breaks(tmp_path):
    plan = good_plan()
    run = plan.authority.runs[0]
    run.add_break()
    run.add_text("CHỦ TỊCH")
    plan.position._p.getparent().remove(plan.position._p)
    assert check(plan, tmp_path).findings == []


def test_a_missing_signature_table_is_an_error(tmp_path):
    plan = good_plan()
    table = plan.signature_table._tbl
    table.getparent().remove(table)
    report = check(plan, tmp_path)
    assert findings(report, "S1", "error") and findings(report, "R1", "error")


def test_a_recipient_without_a_semicolon_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.recipients[1], "- Phòng Nội vụ huyện (b/c)")
    [finding] = findings(check(plan, tmp_path), "R1", "error")
    assert finding.location == "bảng 2, ô (1,1) «- Phòng Nội vụ huyện (b/c)»"
    assert finding.found == "dòng nơi nhận không kết thúc bằng «;»"


def test_a_recipient_without_a_dash_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.recipients[0], "UBND huyện (b/c);")
    [finding] = findings(check(plan, tmp_path), "R1", "error")
    assert finding.found == "dòng nơi nhận không bắt đầu bằng «- »"


@pytest.mark.parametrize("last", ["- Lưu VT.", "- Lưu: Văn thư.", "- Các thôn;"])
def test_the_last_recipient_must_be_the_archive_copy(tmp_path, last):
    plan = good_plan()
    set_text(plan.recipients[-1], last)
    [finding] = findings(check(plan, tmp_path), "R1", "error")
    assert finding.found == f"dòng cuối «{last}»"


@pytest.mark.parametrize("last", ["- Lưu: VT", "- Lưu: VT, NC.Châu", "- Lưu:VT, VP."])
def test_an_archive_line_missing_only_its_final_dot_or_a_space_is_a_warning(tmp_path, last):
    plan = good_plan()
    set_text(plan.recipients[-1], last)
    report = check(plan, tmp_path)
    assert findings(report, "R1", "error") == []
    [finding] = findings(report, "R1", "warning")
    assert last in finding.found


def test_a_recipient_wrapped_onto_a_second_line_is_one_entry(tmp_path):
    plan = good_plan()
    set_text(plan.recipients[1], "- Phòng Nội vụ huyện và các phòng,")
    plan.recipients[1].runs[0].add_break()
    plan.recipients[1].runs[0].add_text("  ban chuyên môn thuộc huyện (b/c);")
    assert findings(check(plan, tmp_path), "R1") == []


def test_a_second_line_after_a_finished_entry_still_needs_its_dash(tmp_path):
    plan = good_plan()
    plan.recipients[1].runs[0].add_break()
    plan.recipients[1].runs[0].add_text("Phòng Tư pháp huyện;")
    [finding] = findings(check(plan, tmp_path), "R1", "error")
    assert finding.found == "dòng nơi nhận không bắt đầu bằng «- »"


@pytest.mark.parametrize("last", ["- Lưu: VT, VP.", "- Lưu: VT, TCCB.", "- Lưu: VT, VP. PL.(5)."])
def test_archive_lines_with_a_drafting_unit_pass(tmp_path, last):
    plan = good_plan()
    set_text(plan.recipients[-1], last)
    assert findings(check(plan, tmp_path), "R1") == []


def test_recipients_label_is_12_bold_italic(tmp_path):
    plan = good_plan()
    plan.recipients_label.runs[0].font.italic = False
    [finding] = findings(check(plan, tmp_path), "R1", "error")
    assert finding.found == "«Nơi nhận:»: chữ đứng"


def test_recipients_are_11_points_upright(tmp_path):
    plan = good_plan()
    plan.recipients[0].runs[0].font.size = Pt(12)
    plan.recipients[0].runs[0].font.italic = True
    [finding] = findings(check(plan, tmp_path), "R1", "error")
    assert finding.found == "nơi nhận: cỡ chữ 12 pt, in nghiêng"


def test_recipients_in_one_paragraph_with_line_breaks_are_read_as_lines(tmp_path):
    plan = good_plan()
    first = plan.recipients[0].runs[0]
    for paragraph in plan.recipients[1:]:
        first.add_break()
        first.add_text(paragraph.text)
        paragraph._p.getparent().remove(paragraph._p)
    assert check(plan, tmp_path).findings == []
    first.text = first.text.replace("(b/c);", "(b/c)", 1)
    assert findings(check(plan, tmp_path), "R1", "error")


def _add_addressee(plan):
    paragraph = plan.first_body.insert_paragraph_before()
    write(paragraph, "Kính gửi: Ủy ban nhân dân huyện Hải Lăng", 14)
    return paragraph


def test_kinh_gui_without_nhu_tren_is_a_warning(tmp_path):
    plan = good_plan()
    _add_addressee(plan)
    report = check(plan, tmp_path)
    [finding] = findings(report, "R2", "warning")
    assert finding.location == "bảng 2, ô (1,1) «- UBND huyện (b/c);»"
    assert report.ok


def test_kinh_gui_with_nhu_tren_passes(tmp_path):
    plan = good_plan()
    _add_addressee(plan)
    set_text(plan.recipients[0], "- Như trên;")
    assert check(plan, tmp_path).findings == []


def test_a_signature_table_without_cant_split_that_fits_its_page_passes(tmp_path):
    # issue 19 §1: ND 30 has no cantSplit rule; a block that fits on its page cannot split
    plan = good_plan()
    row = plan.signature_table.rows[0]._tr
    row.trPr.remove(row.trPr.find(qn("w:cantSplit")))
    plan.last_body.paragraph_format.keep_with_next = None
    assert findings(check(plan, tmp_path), "S2") == []


def test_a_signature_block_kept_together_passes(tmp_path):
    plan = good_plan()   # cantSplit on the row, keepNext on the closing paragraph
    assert findings(check(plan, tmp_path), "S2") == []


def test_kt_under_a_tl_line_is_not_asked_for_tm(tmp_path):
    plan = good_plan()
    set_text(plan.authority, "TL. CHỦ TỊCH")
    set_text(plan.position, "KT. CHÁNH VĂN PHÒNG")
    first_blank = plan.signature_table.cell(0, 1).paragraphs[2]
    write(first_blank.insert_paragraph_before(), "PHÓ CHÁNH VĂN PHÒNG", 14, bold=True)
    assert findings(check(plan, tmp_path), "S1") == []


def test_two_authority_lines_typed_as_one_are_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.authority, "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH")
    set_text(plan.position, "PHÓ CHỦ TỊCH")
    [finding] = findings(check(plan, tmp_path), "S1", "error")
    assert finding.expected == "hai dòng: «TM. ỦY BAN NHÂN DÂN» rồi «KT. CHỦ TỊCH»"


def test_a_military_rank_before_the_name_is_allowed(tmp_path):
    plan = good_plan()
    set_text(plan.signer, "Thiếu tướng Trương Minh Đương")
    assert findings(check(plan, tmp_path), "C1") == []
    set_text(plan.signer, "Thiếu tướng Trương minh Đương")   # the name itself is still judged
    assert findings(check(plan, tmp_path), "C1", "warning")


def test_nhu_tren_with_a_note_in_brackets_passes_r2(tmp_path):
    plan = good_plan()
    kinh_gui = write(plan.document.add_paragraph(), "Kính gửi: Ủy ban nhân dân huyện Hải Lăng.", 14,
                     align=None)
    plan.summary._p.addnext(kinh_gui._p)
    set_text(plan.recipients[0], "- Như trên (báo cáo);")
    assert findings(check(plan, tmp_path), "R2") == []
    set_text(plan.recipients[0], "- UBND huyện (b/c);")
    assert findings(check(plan, tmp_path), "R2", "warning")


def test_a_signature_block_stacked_as_paragraphs_is_read(tmp_path):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    plan = good_plan()
    table = plan.signature_table._tbl
    anchor = plan.last_body._p
    stacked = [("TM. ỦY BAN NHÂN DÂN", 14, True, False), ("CHỦ TỊCH", 14, True, False),
               ("", 14, False, False), ("Lê Ngọc Trình", 14, True, False), ("", 14, False, False),
               ("Nơi nhận:", 12, True, True), *[(text, 11, False, False) for text in
                                                ["- UBND huyện (b/c);", "- Lưu: VT."]]]
    for text, size, bold, italic in stacked:
        paragraph = write(plan.document.add_paragraph(), text, size, bold=bold, italic=italic,
                          align=WD_ALIGN_PARAGRAPH.LEFT)
        anchor.addnext(paragraph._p)
        anchor = paragraph._p
    table.getparent().remove(table)
    report = check(plan, tmp_path)
    assert findings(report, "S1", "error") == [] and findings(report, "R1", "error") == []
    set_text(plan.document.paragraphs[[p.text for p in plan.document.paragraphs].index(
        "- UBND huyện (b/c);")], "UBND huyện (b/c);")
    [finding] = findings(check(plan, tmp_path), "R1", "error")
    assert finding.found == "dòng nơi nhận không bắt đầu bằng «- »"
