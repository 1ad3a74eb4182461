"""The generated documents, read back with python-docx: texts and ND 30/2020 formatting."""

import re

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from builders import sample
from docx_reading import all_paragraphs, find, look, open_docx, paragraph_format, run_fonts, texts
from pipeline.workbook import format as F

DOCS = ("_ke-hoach-", "_phu-luc-", "_bao-cao-")
DATE_LINE = re.compile(r"^\S.*, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")


@pytest.fixture(scope="module")
def plan(sample_outputs):
    return open_docx(sample_outputs["_ke-hoach-"])


@pytest.fixture(scope="module")
def appendix(sample_outputs):
    return open_docx(sample_outputs["_phu-luc-"])


@pytest.fixture(scope="module")
def report(sample_outputs):
    return open_docx(sample_outputs["_bao-cao-"])


# ------------------------------------------------------------------------------------------ page


@pytest.mark.parametrize("kind", DOCS)
def test_every_section_is_a4_with_margins_in_the_legal_ranges(sample_outputs, kind):
    doc = open_docx(sample_outputs[kind])
    for section in doc.sections:
        short, long = sorted((section.page_width.twips, section.page_height.twips))
        assert (short, long) == (11906, 16838)
        assert 1134 <= section.top_margin.twips <= 1417
        assert 1134 <= section.bottom_margin.twips <= 1417
        assert 1701 <= section.left_margin.twips <= 1984
        assert 850 <= section.right_margin.twips <= 1134


def test_the_plan_is_portrait_and_its_appendix_a_landscape_section(plan):
    orientations = [s.orientation for s in plan.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert plan.sections[1].page_width.twips > plan.sections[1].page_height.twips


@pytest.mark.parametrize("kind", DOCS)
def test_every_run_is_times_new_roman_in_all_four_slots_and_black(sample_outputs, kind):
    doc = open_docx(sample_outputs[kind])
    paragraphs = list(all_paragraphs(doc))
    for section in doc.sections:
        paragraphs += section.header.paragraphs
    checked = 0
    for p in paragraphs:
        for run in p.runs:
            if not run.text.strip():
                continue
            assert set(run_fonts(p, run).values()) == {"Times New Roman"}, (p.text, run_fonts(p, run))
            color = run._r.rPr.find(qn("w:color")) if run._r.rPr is not None else None
            assert color is None or color.get(qn("w:val")) in ("auto", "000000")
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("kind", DOCS)
def test_no_theme_fonts_or_colours_anywhere(sample_outputs, kind):
    import zipfile

    with zipfile.ZipFile(sample_outputs[kind]) as zf:
        for name in ("word/document.xml", "word/styles.xml"):
            xml = zf.read(name).decode()
            assert "Theme=" not in xml.replace("w:themeColor", ""), name
            assert not re.search(r'w:color w:val="(?!000000|auto)', xml), name


@pytest.mark.parametrize("kind", DOCS)
def test_page_number_is_a_centred_field_in_the_header_not_on_the_first_page(sample_outputs, kind):
    doc = open_docx(sample_outputs[kind])
    for section in doc.sections:
        assert section.different_first_page_header_footer
    first = doc.sections[0]
    header_xml = first.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    number = first.header.paragraphs[0]
    assert paragraph_format(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    size = number.style.font.size
    assert Pt(13) <= size <= Pt(14)
    assert "PAGE" not in first.first_page_header._element.xml


def test_the_appendix_section_restarts_its_page_numbers(plan):
    pg = plan.sections[1]._sectPr.find(qn("w:pgNumType"))
    assert pg is not None and pg.get(qn("w:start")) == "1"


# ------------------------------------------------------------------------------------------ header


@pytest.mark.parametrize("kind", ("_ke-hoach-", "_bao-cao-"))
def test_the_header_follows_nd30(sample_outputs, kind):
    doc = open_docx(sample_outputs[kind])
    header = doc.tables[0]
    assert not header._tbl.xpath(".//w:tblBorders/*[@w:val!='nil']")
    left = [p for p in header.rows[0].cells[0].paragraphs if p.text]
    right = [p for p in header.rows[0].cells[1].paragraphs if p.text]
    managing, issuer1, issuer2 = left
    assert managing.text == "UBND HUYỆN HẢI LĂNG"
    assert (look(managing).bold, 12 <= look(managing).size <= 13) == (False, True)
    assert [issuer1.text, issuer2.text] == ["ỦY BAN NHÂN DÂN", "XÃ HẢI ĐỊNH"]
    for p in (issuer1, issuer2):
        assert look(p).bold and 12 <= look(p).size <= 13 and p.text == p.text.upper()
    national, motto = right
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert look(national).bold and 12 <= look(national).size <= 13
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert look(motto).bold and 13 <= look(motto).size <= 14
    number, date_line = (row_cell.paragraphs[0] for row_cell in header.rows[1].cells)
    code = "KH" if kind == "_ke-hoach-" else "BC"
    assert number.text == ("Số: 25/KH-UBND" if code == "KH" else "Số: 41/BC-UBND")
    assert look(number).size == 13 and not look(number).bold
    assert DATE_LINE.match(date_line.text)
    assert look(date_line).italic and 13 <= look(date_line).size <= 14


def _rule_after(paragraphs, text):
    """The bordered rule paragraph right after the paragraph with `text`, and its indent."""
    index = next(i for i, p in enumerate(paragraphs) if p.text == text)
    rule = paragraphs[index + 1]
    assert rule.text == "" and rule._p.xpath("./w:pPr/w:pBdr/w:bottom[@w:val='single']")
    return int(rule._p.pPr.find(qn("w:ind")).get(qn("w:left")))


def test_short_lines_sit_under_the_issuer_motto_and_summary(plan):
    from pipeline.layout import HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH, SIZES, text_width

    header = plan.tables[0]
    box = HEADER_LEFT_WIDTH - 216
    issuer_indent = _rule_after(header.rows[0].cells[0].paragraphs, "XÃ HẢI ĐỊNH")
    widest = text_width("ỦY BAN NHÂN DÂN", SIZES["issuer"], bold=True)
    assert widest / 3 <= box - 2 * issuer_indent <= widest / 2
    motto_indent = _rule_after(header.rows[0].cells[1].paragraphs, "Độc lập - Tự do - Hạnh phúc")
    motto = text_width("Độc lập - Tự do - Hạnh phúc", SIZES["motto"], bold=True)
    assert abs((HEADER_RIGHT_WIDTH - 216 - 2 * motto_indent) - motto) < 40
    _rule_after(plan.paragraphs, plan.paragraphs[1].text)


# ------------------------------------------------------------------------------------------ title and body


def test_title_and_summary_are_bold_centred(plan):
    title = find(plan, "KẾ HOẠCH")
    summary = find(plan, "Khắc phục các tiêu chí")
    for p in (title, summary):
        assert look(p).bold and 13 <= look(p).size <= 14
        assert paragraph_format(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert title.text == "KẾ HOẠCH"


def test_the_plan_body_reproduces_the_seed_in_order(plan):
    all_texts = texts(plan)
    expected = [
        "Thực hiện Công văn số 142/UBND-TH ngày 31/01/2024",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. NHIỆM VỤ CỤ THỂ",
        "(Chi tiết các nhiệm vụ tại Phụ lục của Kế hoạch)",
        "III. TỔ CHỨC THỰC HIỆN",
        "- Văn phòng – Thống kê xã",
        "Trên đây là Kế hoạch Khắc phục",
    ]
    positions = [next(i for i, t in enumerate(all_texts) if t.startswith(e)) for e in expected]
    assert positions == sorted(positions)
    assert find(plan, "Trên đây là Kế hoạch").text.endswith("thực hiện./.")


def _body_paragraphs(doc):
    return [p for p in doc.paragraphs if p.style.name.startswith("VB Nội dung") and p.text]


@pytest.mark.parametrize("kind", ("_ke-hoach-", "_bao-cao-"))
def test_body_paragraphs_are_justified_indented_and_spaced(sample_outputs, kind):
    doc = open_docx(sample_outputs[kind])
    body = _body_paragraphs(doc)
    assert len(body) >= 8
    for p in body:
        assert 13 <= look(p).size <= 14
        assert paragraph_format(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert paragraph_format(p, "first_line_indent").twips in (567, 720)
        assert paragraph_format(p, "space_after") >= Pt(6)
        assert 1.0 <= paragraph_format(p, "line_spacing") <= 1.5
    assert body[-1].text.endswith("./.")


def test_headings_are_bold_and_sections_in_capitals(plan):
    section = find(plan, "I. MỤC ĐÍCH")
    clause = find(plan, "1. Mục đích")
    assert look(section).bold and section.text == section.text.upper()
    assert look(clause).bold
    assert not look(find(plan, "Đẩy mạnh công tác")).bold
    assert look(find(plan, "(Chi tiết các nhiệm vụ")).italic


# ------------------------------------------------------------------------------------------ signature


@pytest.mark.parametrize("kind", ("_ke-hoach-", "_bao-cao-"))
def test_signature_block_and_recipients(sample_outputs, kind):
    doc = open_docx(sample_outputs[kind])
    table = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    assert not table._tbl.xpath(".//w:tblBorders/*[@w:val!='nil']")
    left, right = table.rows[0].cells
    label, *entries = [p for p in left.paragraphs if p.text]
    assert (look(label).size, look(label).bold, look(label).italic) == (12, True, True)
    for p in entries:
        assert look(p).size == 11 and not look(p).bold and not look(p).italic
    lines = [p.text for p in entries]
    assert all(line.startswith("- ") and line.endswith(";") for line in lines[:-1])
    assert lines[-1] == "- Lưu: VT."
    signature = [p for p in right.paragraphs if p.text]
    assert [p.text for p in signature] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Ngọc Trình"]
    for p in signature:
        assert look(p).bold and 13 <= look(p).size <= 14
    assert paragraph_format(signature[-1], "space_before") >= Pt(48)  # room to sign and seal


def test_plan_recipients_are_the_workbooks_in_order(plan):
    table = next(t for t in plan.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    lines = [p.text for p in table.rows[0].cells[0].paragraphs if p.text][1:]
    assert lines == ["- UBND huyện (b/c);", "- Phòng Nội vụ huyện (b/c);", "- Đảng ủy xã (b/c);",
                     "- Các ban, ngành, đoàn thể xã;", "- Lưu: VT."]


# ------------------------------------------------------------------------------------------ appendix


REFERENCE = "(Kèm theo Kế hoạch số 25/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân xã Hải Định)"


@pytest.mark.parametrize("kind", ("_ke-hoach-", "_phu-luc-"))
def test_appendix_heading_and_reference_line(sample_outputs, kind):
    doc = open_docx(sample_outputs[kind])
    heading = find(doc, "PHỤ LỤC")
    assert heading.text == "PHỤ LỤC" and look(heading).bold and look(heading).size == 14
    reference = find(doc, "(Kèm theo")
    assert reference.text == REFERENCE
    assert look(reference).italic and 13 <= look(reference).size <= 14


@pytest.mark.parametrize("kind", ("_ke-hoach-", "_phu-luc-"))
def test_appendix_rows_equal_the_workbook_rows_in_order(sample_outputs, kind):
    doc = open_docx(sample_outputs[kind])
    table = doc.tables[-1]
    header = table.rows[0]
    assert [c.text for c in header.cells] == [
        "TT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Giải pháp/Sản phẩm đầu ra",
        "Chủ trì", "Phối hợp", "Thời gian hoàn thành", "Ghi chú",
    ]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(look(c.paragraphs[0]).bold for c in header.cells)
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    expected = [[str(t[0])] + [v or "" for v in t[1:]] for t in sample()[F.SHEET_TASKS]]
    assert rows == expected


# ------------------------------------------------------------------------------------------ report


def test_report_opening_cites_the_plan_and_the_data_period(report):
    opening = find(report, "Thực hiện Kế hoạch")
    assert opening.text.startswith("Thực hiện Kế hoạch số 25/KH-UBND ngày 05/3/2024 của UBND xã về khắc phục")
    assert opening.text.endswith("báo cáo kết quả thực hiện quý I năm 2024 như sau:")
    assert find(report, "(Thời gian lấy số liệu").text == "(Thời gian lấy số liệu: từ ngày 15/12/2023 đến ngày 14/3/2024)"


def test_report_summary_figures_are_computed_from_the_results(report):
    # Sample: tasks 1, 6, 7, 8, 9 done; 2, 3, 5 in progress; 4 not started and due in quý I, which
    # is after the cut-off (14/3): due soon, not overdue.
    assert find(report, "Kế hoạch có").text == (
        "Kế hoạch có 9 nhiệm vụ. Tính đến ngày 14/3/2024 (kỳ báo cáo quý I năm 2024):")
    assert find(report, "- Hoàn thành:").text == "- Hoàn thành: 5 nhiệm vụ (đúng hạn 5, quá hạn 0), đạt 55,56%;"
    assert find(report, "- Đang thực hiện:").text == "- Đang thực hiện: 3 nhiệm vụ, chiếm 33,33%;"
    assert find(report, "- Chưa thực hiện:").text == "- Chưa thực hiện: 1 nhiệm vụ, chiếm 11,11%;"
    assert find(report, "- Không có nhiệm vụ quá hạn").text == "- Không có nhiệm vụ quá hạn."


def test_a_task_due_after_the_cut_off_is_listed_as_due_soon_not_overdue(report):
    assert find(report, "3. Nhiệm vụ đến hạn trong quý I")
    assert find(report, "- Nhiệm vụ 4 (tiêu chí 3.5)").text.endswith("thời hạn: Quý I; tình trạng: chưa thực hiện.")
    assert not [t for t in texts(report) if "Nhiệm vụ quá hạn" in t]
    status = {row.cells[0].text: row.cells[5].text for row in report.tables[-1].rows[1:]}
    assert status["4"] == "Chưa thực hiện"


def test_overdue_tasks_are_marked_in_the_body_and_the_table(tmp_path):
    from builders import build_workbook
    from pipeline.generate import generate

    sheets = sample()
    sheets[F.SHEET_TASKS][3][5] = "Trước ngày 10/3/2024"  # task 4, not started at the cut-off 14/3
    result = generate(build_workbook(tmp_path / "so.xlsx", sheets), tmp_path / "out")
    report = open_docx(next(p for p in result.written if "_bao-cao-" in p.name))
    assert find(report, "3. Nhiệm vụ quá hạn")
    assert find(report, "- Nhiệm vụ 4 (tiêu chí 3.5)").text.endswith(
        "thời hạn: Trước ngày 10/3/2024; tình trạng: chưa thực hiện.")
    assert find(report, "- Quá hạn").text.endswith("1 nhiệm vụ, chiếm 11,11%.")
    table = report.tables[-1]
    status = {row.cells[0].text: row.cells[5].text for row in table.rows[1:]}
    assert status["4"] == "Chưa thực hiện\n(Quá hạn)"
    assert status["2"] == "Đang thực hiện"
    flag = table.rows[4].cells[5].paragraphs[1]
    assert look(flag).bold


def test_report_table_has_every_task_with_its_result_and_evidence(report):
    table = report.tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "TT", "Tiêu chí", "Nhiệm vụ", "Chủ trì", "Thời gian hoàn thành", "Tình trạng",
        "Kết quả thực hiện", "Hồ sơ kiểm chứng", "Ghi chú",
    ]
    rows = {row.cells[0].text: row for row in table.rows[1:]}
    assert list(rows) == [str(n) for n in range(1, 10)]
    assert rows["7"].cells[7].text == (
        "Báo cáo số 12/BC-UBND ngày 25/01/2024 của UBND xã\nQuyết định số 15/QĐ-UBND ngày 10/01/2024 của UBND xã"
    )


def test_report_sections_come_from_the_van_ban_row(report):
    headings = [t for t in texts(report) if re.match(r"^[IVX]+\. ", t)]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                        "III. NHIỆM VỤ QUÝ II NĂM 2024", "IV. ĐỀ XUẤT, KIẾN NGHỊ"]


def test_report_with_kinh_gui_starts_its_recipients_with_nhu_tren(report):
    assert find(report, "Kính gửi:").text == "Kính gửi: Ủy ban nhân dân huyện Hải Lăng"
    table = next(t for t in report.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    lines = [p.text for p in table.rows[0].cells[0].paragraphs if p.text][1:]
    assert lines[0] == "- Như trên;" and lines[-1] == "- Lưu: VT."


def test_report_appendix_cites_the_report_itself(report):
    assert find(report, "(Kèm theo").text == (
        "(Kèm theo Báo cáo số 41/BC-UBND ngày 20 tháng 3 năm 2024 của Ủy ban nhân dân xã Hải Định)"
    )
    assert find(report, "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ QUÝ I NĂM 2024")


def test_the_period_after_a_plans_citation_always_takes_trong():
    """`… của UBND xã 6 tháng đầu năm 2024` ran the period into the issuer's name (a clerk's trial)."""
    from pipeline.documents.report import period_phrase
    from pipeline.domain.period import period_from_key

    assert [period_phrase(period_from_key(key, 2024)) for key in ("quy-2", "6-thang", "nam")] == [
        "trong quý II năm 2024", "trong 6 tháng đầu năm 2024", "trong năm 2024"]


def test_the_figure_lines_never_say_no_task_is_overdue_beside_one_finished_late():
    """A reviewer's find: `(đúng hạn 4, quá hạn 1)` then `- Không có nhiệm vụ quá hạn` in the same list."""
    from pipeline.documents.report import figure_lines
    from pipeline.domain.counts import TaskCounts

    late = figure_lines(TaskCounts(total=6, finished=5, on_time=4, late=1, in_progress=1, not_started=0,
                                   overdue_unfinished=0, stopped=0))
    assert late[0].startswith("- Hoàn thành: 5 nhiệm vụ (đúng hạn 4, quá hạn 1)")
    assert late[-1] == "- Không còn nhiệm vụ quá hạn chưa hoàn thành."
