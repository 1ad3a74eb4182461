"""Scope: documents that are not văn bản hành chính get one notice, not rule errors."""

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from check_docs import check, findings, good_plan, set_text, write
from pipeline.check import check_docx, format_report


def plain_document(tmp_path, lines: list[str]):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "van-ban.docx"
    document.save(str(path))
    return check_docx(path)


@pytest.mark.parametrize("lines, kind", [
    (["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 12-HD/TU", "HƯỚNG DẪN", "Nội dung."],
     "văn bản của Đảng"),
    (["VĂN PHÒNG UBND TỈNH", "PHIẾU TRÌNH", "Về việc ký văn bản", "Nội dung trình."], "mẫu nội bộ"),
    (["CHƯƠNG TRÌNH HỘI NGHỊ", "Tổng kết công tác năm 2025", "8 giờ 00: Khai mạc"],
     "chương trình họp"),
    (["CHƯƠNG TRÌNH", "Hội nghị sơ kết 6 tháng đầu năm 2025", "8 giờ 00: Khai mạc"],
     "chương trình họp"),
    (["ĐOÀN TNCS HỒ CHÍ MINH", "BCH ĐOÀN XÃ HẢI ĐỊNH", "KẾ HOẠCH", "Nội dung."], "Đoàn Thanh niên"),
])
def test_a_document_out_of_scope_gets_one_notice(tmp_path, lines, kind):
    report = plain_document(tmp_path, lines)
    assert not report.in_scope and kind in report.notice
    assert [(f.rule, f.severity) for f in report.findings] == [("V0", "notice")]
    assert report.errors == [] and report.warnings == [] and report.ok
    assert format_report(report).startswith("[i] V0 Ngoài phạm vi: ")


def test_a_state_document_missing_its_quoc_hieu_is_still_checked(tmp_path):
    # no Party header, no internal form: the missing Quốc hiệu is a real departure
    report = plain_document(tmp_path, ["ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH", "KẾ HOẠCH", "Nội dung."])
    assert report.in_scope
    assert "H1" in {f.rule for f in report.errors}


def test_a_page_number_centred_with_a_tab_passes(tmp_path):
    plan = good_plan()
    page_number = plan.page_number
    page_number.alignment = WD_ALIGN_PARAGRAPH.LEFT
    first = page_number.runs[0]._r
    tab_run = OxmlElement("w:r")
    tab_run.append(OxmlElement("w:tab"))
    first.addprevious(tab_run)
    tabs = OxmlElement("w:tabs")
    stop = OxmlElement("w:tab")
    stop.set(qn("w:val"), "center")
    stop.set(qn("w:pos"), "4535")
    tabs.append(stop)
    page_number._p.get_or_add_pPr().append(tabs)
    assert findings(check(plan, tmp_path), "P4") == []
    tab_run.getparent().remove(tab_run)   # left-aligned, no tab: not centred
    assert findings(check(plan, tmp_path), "P4", "error")


def test_a_landscape_page_holding_a_drawing_passes(tmp_path):
    plan = good_plan()
    table = plan.appendix_table._tbl
    drawing_run = OxmlElement("w:r")
    drawing_run.append(OxmlElement("w:drawing"))
    holder = write(plan.document.add_paragraph(), "", 14)
    holder._p.append(drawing_run)
    table.addprevious(holder._p)
    table.getparent().remove(table)
    assert findings(check(plan, tmp_path), "P1") == []


def test_a_phieu_trinh_under_a_quoc_hieu_is_still_an_internal_form(tmp_path):
    plan = good_plan()
    set_text(plan.title, "PHIẾU TRÌNH")
    report = check(plan, tmp_path)
    assert not report.in_scope and "mẫu nội bộ" in report.notice
    assert [f.rule for f in report.findings] == ["V0"]
