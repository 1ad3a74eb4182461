"""Issue 19: findings a clerk can trust. Each family seen on real documents, built small.

Every test states the verdict a correct checker gives; the calibration over the real documents
is tests/test_check_real_docs.py.
"""

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from check_docs import body_format, check, findings, good_plan, set_text, write


def _rendered_break(paragraph, at_start: bool) -> None:
    """Word's mark of where a page broke when it last laid the file out."""
    run = paragraph.runs[0]._r if at_start else paragraph.add_run()._r
    run.insert(1 if run.find(qn("w:rPr")) is not None else 0, OxmlElement("w:lastRenderedPageBreak"))


def _without_keeping(plan) -> None:
    row = plan.signature_table.rows[0]._tr
    row.trPr.remove(row.trPr.find(qn("w:cantSplit")))
    plan.last_body.paragraph_format.keep_with_next = None


# §1 S2 ------------------------------------------------------------------------------------

def test_a_signature_block_word_laid_out_across_a_page_end_is_a_warning(tmp_path):
    plan = good_plan()
    _without_keeping(plan)
    _rendered_break(plan.signer, at_start=True)   # the name starts the next page
    [finding] = findings(check(plan, tmp_path), "S2", "warning")
    assert finding.found == "khối chữ ký bị tách sang hai trang"
    assert "cantSplit" not in finding.found and "Allow row to break" in finding.expected


def test_a_signature_block_word_put_on_a_page_of_its_own_is_a_warning(tmp_path):
    plan = good_plan()
    _without_keeping(plan)
    _rendered_break(plan.authority, at_start=True)
    [finding] = findings(check(plan, tmp_path), "S2", "warning")
    assert finding.found == "khối chữ ký sang trang mới, tách khỏi phần nội dung"


def test_a_signature_block_word_kept_on_one_page_passes_without_cant_split(tmp_path):
    plan = good_plan()
    _without_keeping(plan)
    _rendered_break(plan.first_body, at_start=False)   # the page broke elsewhere
    assert findings(check(plan, tmp_path), "S2") == []


def _long_body(plan, paragraphs: int) -> None:
    anchor = plan.last_body
    for n in range(paragraphs):
        paragraph = write(anchor.insert_paragraph_before(), f"{n + 1}. Nội dung triển khai số {n + 1} "
                          "của kế hoạch cải cách hành chính trên địa bàn xã.", 14,
                          align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        body_format(paragraph)


def test_a_signature_block_estimated_across_the_first_page_end_is_a_warning(tmp_path):
    plan = good_plan()
    _without_keeping(plan)
    _long_body(plan, 4)   # the block starts near the foot of page 1 (LibreOffice splits it too)
    [finding] = findings(check(plan, tmp_path), "S2", "warning")
    assert finding.found == "khối chữ ký bị tách sang hai trang"


def test_the_same_block_kept_by_cant_split_and_keep_next_passes(tmp_path):
    plan = good_plan()
    _long_body(plan, 4)
    assert findings(check(plan, tmp_path), "S2") == []


# §4 P3 ------------------------------------------------------------------------------------

def test_an_even_page_header_is_not_judged_when_even_headers_are_off(tmp_path):
    plan = good_plan()
    section = plan.document.sections[0]
    even = section.even_page_header
    even.is_linked_to_previous = False
    run = even.paragraphs[0].add_run("Bản nháp")
    run.font.name = "Arial"
    assert findings(check(plan, tmp_path), "P3") == []
    settings = plan.document.settings.element
    settings.append(OxmlElement("w:evenAndOddHeaders"))
    [finding] = findings(check(plan, tmp_path), "P3", "error")
    assert "Arial" in finding.found


def test_the_page_number_of_a_one_page_document_is_not_judged(tmp_path):
    plan = good_plan()
    body = plan.document.element.body
    appendix_start = list(body).index(plan.appendix_heading._p)
    for element in list(body)[appendix_start:]:
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    for paragraph in plan.document.paragraphs:
        sect_pr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect_pr is not None:
            sect_pr.getparent().remove(sect_pr)
    section = plan.document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = section.page_height, section.page_width
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    for run in header.runs:
        run.font.name = "Arial"   # the page number: never printed on a one-page document
    report = check(plan, tmp_path)
    assert findings(report, "P3") == [] and findings(report, "P4") == []


# §7 structure -----------------------------------------------------------------------------

def test_an_attached_note_under_the_title_is_not_the_summary(tmp_path):
    plan = good_plan()
    set_text(plan.title, "QUY CHẾ")
    note = write(plan.summary.insert_paragraph_before(), "", 14)
    note._p.addnext(plan.summary._p)   # summary first, then the note
    plan.summary._p.addnext(note._p)
    write(note, "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2024 của Ủy ban nhân dân xã)",
          14, italic=True)
    report = check(plan, tmp_path)
    assert [f for f in findings(report, "T1") if "nghiêng" in f.found] == []


# §8, §13 trích yếu -------------------------------------------------------------------------

def test_a_summary_in_capitals_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.summary, plan.summary.text.upper())
    [finding] = findings(check(plan, tmp_path), "T1", "error")
    assert "chữ in hoa" in finding.found and "chữ thường" in finding.expected


# §9 P1 ------------------------------------------------------------------------------------

def _appendix_without_table(plan):
    table = plan.appendix_table._tbl
    table.getparent().remove(table)
    return plan


def test_a_landscape_section_with_only_text_is_an_error(tmp_path):
    [finding] = findings(check(_appendix_without_table(good_plan()), tmp_path), "P1", "error")
    assert "chỉ có lời văn" in finding.found


def test_a_landscape_section_holding_a_drawing_passes(tmp_path):
    plan = _appendix_without_table(good_plan())
    run = plan.appendix_reference.add_run()
    run._r.append(OxmlElement("w:drawing"))
    assert findings(check(plan, tmp_path), "P1") == []


def test_a_landscape_section_holding_a_form_passes(tmp_path):
    plan = _appendix_without_table(good_plan())
    for label in ("Họ và tên", "Chức vụ", "Đơn vị công tác", "Nội dung đề nghị"):
        write(plan.document.add_paragraph(), f"{label}: ……………………………………", 14,
              align=WD_ALIGN_PARAGRAPH.LEFT)
    assert findings(check(plan, tmp_path), "P1") == []


# §10 L1 -----------------------------------------------------------------------------------

def test_a_javascript_link_is_a_warning_to_remove_a_dead_link(tmp_path):
    plan = good_plan()
    r_id = plan.document.part.relate_to("javascript:;", RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.append(plan.first_body.runs[0]._r)
    plan.first_body._p.append(link)
    report = check(plan, tmp_path)
    assert findings(report, "L1", "error") == []
    [finding] = findings(report, "L1", "warning")
    assert "javascript:;" in finding.found and "Remove Hyperlink" in finding.expected
    assert report.ok


# §11 scope ---------------------------------------------------------------------------------

def test_a_sector_licence_gets_the_outside_nd_30_notice(tmp_path):
    plan = good_plan()
    set_text(plan.title, "GIẤY PHÉP SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP")
    set_text(plan.number_line, "Số: 12/GP-SCT")
    report = check(plan, tmp_path)
    assert not report.in_scope
    assert [(f.rule, f.severity) for f in report.findings] == [("V0", "notice")]
    assert "GIẤY PHÉP" in report.notice and "29 loại" in report.notice


def test_a_known_kind_with_a_known_symbol_stays_in_scope(tmp_path):
    plan = good_plan()
    set_text(plan.title, "GIẤY MỜI")
    set_text(plan.number_line, "Số: 12/GM-UBND")
    assert check(plan, tmp_path).in_scope


# §14 messages -------------------------------------------------------------------------------

def test_a_missing_space_in_the_date_line_is_named(tmp_path):
    plan = good_plan()
    set_text(plan.date_line, "Hải Định, ngày 05 tháng 4năm 2024")
    report = check(plan, tmp_path)
    [finding] = findings(report, "H5")
    assert finding.severity == "warning"
    assert finding.found == "thiếu dấu cách giữa số và chữ: «4năm»"
    assert "tháng 4 năm 2024" in finding.expected


def test_a_title_line_under_the_signers_name_is_reported_as_such(tmp_path):
    plan = good_plan()
    write(plan.signature_table.cell(0, 1).add_paragraph(), "CHỦ TỊCH", 14, bold=True)
    report = check(plan, tmp_path)
    [finding] = findings(report, "S1", "error")
    assert finding.found == "chức vụ «CHỦ TỊCH» đặt dưới họ tên người ký"
    assert findings(report, "T1") == [] and findings(report, "C1") == []


def _minutes_in_paragraphs(signers_in_a_table: bool):
    """A biên bản typed as plain paragraphs: no header table, THƯ KÝ and CHỦ TỌA signing."""
    import docx

    from check_docs import _document_defaults, _page_setup, borderless_table
    document = docx.Document()
    _document_defaults(document)
    _page_setup(document.sections[0])
    for text, size in [("ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH", 13), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12),
                       ("Độc lập - Tự do - Hạnh phúc", 13)]:
        write(document.add_paragraph(), text, size, bold=True)
    write(document.add_paragraph(), "Số: 05/BB-UBND", 13)
    write(document.add_paragraph(), "BIÊN BẢN", 14, bold=True)
    write(document.add_paragraph(), "Họp xét đề nghị khen thưởng năm 2024", 14, bold=True)
    for text in ["Hôm nay, vào lúc 08 giờ 00, ngày 05 tháng 3 năm 2024, tại hội trường Ủy ban nhân "
                 "dân xã Hải Định, Hội đồng Thi đua - Khen thưởng xã họp xét đề nghị khen thưởng.",
                 "Cuộc họp kết thúc lúc 10 giờ 30 cùng ngày./."]:
        body_format(write(document.add_paragraph(), text, 14, align=WD_ALIGN_PARAGRAPH.JUSTIFY))
    if signers_in_a_table:
        table = borderless_table(document, rows=1, cols=2)
        for cell, title, name in [(table.cell(0, 0), "THƯ KÝ", "Nguyễn Văn An"),
                                  (table.cell(0, 1), "CHỦ TỌA", "Trần Văn Bình")]:
            write(cell.paragraphs[0], title, 14, bold=True)
            write(cell.add_paragraph(), name, 14, bold=True)
    else:
        write(document.add_paragraph(), "THƯ KÝ\t\t\t\tCHỦ TỌA", 14, bold=True)
        write(document.add_paragraph(), "Nguyễn Văn An\t\t\tTrần Văn Bình", 14, bold=True)
    document.add_paragraph()
    write(document.add_paragraph(), "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for entry in ("- Các thành viên Hội đồng;", "- Lưu: VT, Hồ sơ."):
        write(document.add_paragraph(), entry, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    return document


def test_a_biên_bản_in_paragraphs_has_its_motto_title_and_signers_read(tmp_path):
    for in_table in (False, True):
        path = tmp_path / f"bien-ban-{in_table}.docx"
        _minutes_in_paragraphs(in_table).save(str(path))
        from pipeline.check import check_docx
        report = check_docx(path)
        said = " | ".join(f.found for f in report.findings)
        assert "không có Tiêu ngữ" not in said, said
        assert "không có tên loại" not in said and "không có trích yếu" not in said, said
        assert "không có khối chữ ký" not in said and "thiếu chức vụ" not in said, said
        assert findings(report, "S1") == [] and findings(report, "T1") == [], said
        assert report.errors == [] and report.warnings == [], said


def test_automatically_numbered_items_are_not_read_as_clause_zero(tmp_path):
    # the number of an auto-numbered item is not in its text: «2.» typed after it is not
    # «khoản 2 sau khoản số 0»
    plan = good_plan()
    anchor = plan.last_body
    item = anchor.insert_paragraph_before("Rà soát, sửa đổi quy chế làm việc.", style="List Number")
    body_format(item)
    typed = write(anchor.insert_paragraph_before(), "2. Tuyên truyền cải cách hành chính.", 14,
                  align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    body_format(typed)
    report = check(plan, tmp_path)
    assert findings(report, "B2") == []
    assert not any("số 0" in f.found for f in report.findings)
