"""Workbooks built in code for the variations a commune meets, each generated and read back."""

import re
import unicodedata
import zipfile

import pytest

from builders import build_workbook, raw_workbook, sample, set_document, set_info, with_headers
from docx_reading import find, open_docx, texts
from pipeline.workbook import format as F
from pipeline.generate import generate
from pipeline.vietnamese import BLANK


def make(tmp_path, sheets, quarter=None):
    result = generate(build_workbook(tmp_path / "so.xlsx", sheets), tmp_path / "out", quarter=quarter)
    return {kind: open_docx(next(p for p in result.written if kind in p.name))
            for kind in ("_ke-hoach-", "_phu-luc-", "_bao-cao-") if any(kind in p.name for p in result.written)}


def header_left(doc):
    return [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text]


def signature(doc):
    table = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    return [p.text for p in table.rows[0].cells[1].paragraphs if p.text]


def recipients(doc):
    table = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    return [p.text for p in table.rows[0].cells[0].paragraphs if p.text][1:]


def test_without_a_managing_body_the_header_starts_with_the_issuer(tmp_path):
    sheets = sample()
    set_info(sheets, F.INFO_MANAGING_BODY, None)
    docs = make(tmp_path, sheets)
    assert header_left(docs["_ke-hoach-"]) == ["ỦY BAN NHÂN DÂN", "XÃ HẢI ĐỊNH"]


def test_a_line_break_typed_in_the_issuer_forces_the_break(tmp_path):
    sheets = sample()
    set_info(sheets, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ\nHẢI ĐỊNH")
    assert header_left(make(tmp_path, sheets)["_ke-hoach-"])[1:] == ["ỦY BAN NHÂN DÂN XÃ", "HẢI ĐỊNH"]


def test_a_deputy_signs_with_three_title_lines(tmp_path):
    sheets = sample()
    set_document(sheets, "Kế hoạch", F.DOC_AUTHORITY, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")
    set_document(sheets, "Kế hoạch", F.DOC_TITLE, "PHÓ CHỦ TỊCH")
    set_document(sheets, "Kế hoạch", F.DOC_SIGNER, "Nguyễn Văn An")
    assert signature(make(tmp_path, sheets)["_ke-hoach-"]) == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"
    ]


def test_nfd_sheet_names_headers_and_text_come_out_nfc(tmp_path):
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    sheets = {nfd(name): [[nfd(v) if isinstance(v, str) else v for v in row] for row in rows]
              for name, rows in with_headers(sample()).items()}
    assert nfd("Nhiệm vụ") != "Nhiệm vụ"
    result = generate(raw_workbook(tmp_path / "nfd.xlsx", sheets), tmp_path / "out")
    docs = {k: open_docx(next(p for p in result.written if k in p.name)) for k in ("_ke-hoach-", "_bao-cao-")}
    for doc in docs.values():
        for text in texts(doc):
            assert unicodedata.is_normalized("NFC", text), text
    assert header_left(docs["_ke-hoach-"])[1:] == ["ỦY BAN NHÂN DÂN", "XÃ HẢI ĐỊNH"]
    assert docs["_ke-hoach-"].tables[-1].rows[4].cells[1].text.startswith("Tiêu chí 3.5.")


def test_markup_characters_appear_literally(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][0][2] = 'Kiểm tra "A & B" <ngay> \'C\''
    sheets[F.SHEET_BODY][0][1] = "Thực hiện <Công văn> & \"Quyết định\""
    set_info(sheets, F.INFO_PLACE, "Hải Định & <Hải Lăng>")
    docs = make(tmp_path, sheets)
    plan = docs["_ke-hoach-"]
    assert plan.tables[-1].rows[1].cells[2].text == 'Kiểm tra "A & B" <ngay> \'C\''
    assert find(plan, "Thực hiện <Công văn>").text == "Thực hiện <Công văn> & \"Quyết định\""
    # A place this long keeps its words together (non-breaking spaces): the line wraps after its comma.
    date_line = plan.tables[0].rows[1].cells[1].paragraphs[0].text.replace("\xa0", " ")
    assert date_line.startswith("Hải Định & <Hải Lăng>, ngày")


def test_line_breaks_in_cells_become_line_breaks_in_the_document(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][0][2] = "Dòng một\nDòng hai\nDòng ba"
    docs = make(tmp_path, sheets)
    cell = docs["_phu-luc-"].tables[-1].rows[1].cells[2]
    assert cell.text == "Dòng một\nDòng hai\nDòng ba"
    assert len(cell._tc.xpath(".//w:br")) == 2


@pytest.mark.parametrize(
    "deadline, printed, overdue_in_q1",
    [("Thường xuyên", "Thường xuyên", False), ("Quý I", "Quý I", False), ("Quý 1", "Quý I", False),
     ("quý II/2024", "Quý II", False), ("Quý II năm 2024", "Quý II", False),
     ("6 tháng đầu năm", "6 tháng đầu năm", False), ("6 tháng cuối năm", "6 tháng cuối năm", False),
     ("9 tháng đầu năm", "9 tháng đầu năm", False), ("Năm 2024", "Năm 2024", False), ("Trong năm", "Trong năm", False),
     ("Cuối năm", "Cuối năm", False), ("Tháng 2/2024", "Tháng 2/2024", True), ("Tháng 6", "Tháng 6/2024", False),
     ("Tháng 6 năm 2024", "Tháng 6/2024", False), ("14/3/2024", "14/3/2024", True), ("15-3-2024", "15/3/2024", False),
     ("30.6.2024", "30/6/2024", False), ("Trước ngày 30/6/2024", "Trước ngày 30/6/2024", False),
     ("Trước 10/3/2024", "Trước ngày 10/3/2024", True)],
)
def test_each_deadline_form_is_printed_in_its_official_form_and_judged_at_the_cut_off(
        tmp_path, deadline, printed, overdue_in_q1):
    sheets = sample()
    sheets[F.SHEET_TASKS][1][5] = deadline  # task 2: in progress in quý I, whose data stop on 14/3
    docs = make(tmp_path, sheets)
    assert docs["_phu-luc-"].tables[-1].rows[2].cells[5].text == printed
    assert docs["_bao-cao-"].tables[-1].rows[2].cells[4].text == printed
    status = docs["_bao-cao-"].tables[-1].rows[2].cells[5].text
    assert status.endswith("(Quá hạn)") == overdue_in_q1


def test_an_excel_date_deadline_is_printed_day_month_year(tmp_path):
    from datetime import datetime

    sheets = sample()
    sheets[F.SHEET_TASKS][1][5] = datetime(2024, 3, 10)
    docs = make(tmp_path, sheets)
    assert docs["_phu-luc-"].tables[-1].rows[2].cells[5].text == "10/3/2024"
    assert docs["_bao-cao-"].tables[-1].rows[2].cells[5].text.endswith("(Quá hạn)")


def test_a_draft_leaves_number_and_day_blank_everywhere(tmp_path):
    sheets = sample()
    set_document(sheets, "Kế hoạch", F.DOC_NUMBER, None)
    set_document(sheets, "Kế hoạch", F.DOC_DATE, "3/2024")
    plan = make(tmp_path, sheets)["_ke-hoach-"]
    assert plan.tables[0].rows[1].cells[0].paragraphs[0].text == f"Số: {BLANK}/KH-UBND"
    assert plan.tables[0].rows[1].cells[1].paragraphs[0].text == f"Hải Định, ngày {BLANK} tháng 3 năm 2024"
    assert find(plan, "(Kèm theo").text == (
        f"(Kèm theo Kế hoạch số {BLANK}/KH-UBND ngày {BLANK} tháng 3 năm 2024 của Ủy ban nhân dân xã Hải Định)"
    )


def test_january_and_february_dates_get_a_leading_zero_month(tmp_path):
    sheets = sample()
    set_document(sheets, "Kế hoạch", F.DOC_DATE, "5/2/2024")
    set_document(sheets, "Kế hoạch", F.DOC_NUMBER, 7)
    plan = make(tmp_path, sheets)["_ke-hoach-"]
    assert plan.tables[0].rows[1].cells[1].paragraphs[0].text == "Hải Định, ngày 05 tháng 02 năm 2024"
    assert plan.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 07/KH-UBND"


def test_a_report_without_kinh_gui_has_no_nhu_tren(tmp_path):
    sheets = sample()
    set_document(sheets, "Báo cáo quý I", F.DOC_ADDRESSEES, None)
    report = make(tmp_path, sheets)["_bao-cao-"]
    assert not any(t.startswith("Kính gửi") for t in texts(report))
    assert recipients(report)[0] == "- Phòng Nội vụ huyện;"


def test_several_addressees_are_listed_one_per_line(tmp_path):
    sheets = sample()
    set_document(sheets, "Báo cáo quý I", F.DOC_ADDRESSEES, "UBND huyện Hải Lăng\nPhòng Nội vụ huyện Hải Lăng")
    report = make(tmp_path, sheets)["_bao-cao-"]
    all_texts = texts(report)
    i = all_texts.index("Kính gửi:")
    assert all_texts[i + 1: i + 3] == ["- UBND huyện Hải Lăng;", "- Phòng Nội vụ huyện Hải Lăng."]


def test_blank_report_sections_are_left_out_and_numbering_follows(tmp_path):
    sheets = sample()
    for column in (F.DOC_SHORTCOMINGS, F.DOC_CAUSES, F.DOC_PROPOSALS):
        set_document(sheets, "Báo cáo quý I", column, None)
    report = make(tmp_path, sheets)["_bao-cao-"]
    headings = [t for t in texts(report) if re.match(r"^[IVX]+\. ", t)]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. NHIỆM VỤ QUÝ II NĂM 2024"]
    assert not any("TỒN TẠI" in t or "ĐỀ XUẤT" in t for t in texts(report))


def test_a_user_lưu_line_replaces_the_default(tmp_path):
    sheets = sample()
    sheets[F.SHEET_RECIPIENTS].append(["Kế hoạch", "Lưu: VT, VP."])
    assert recipients(make(tmp_path, sheets)["_ke-hoach-"])[-1] == "- Lưu: VT, VP."


def test_a_later_quarter_report_uses_that_quarters_row(tmp_path):
    sheets = sample()
    sheets[F.SHEET_DOCUMENTS].append(["Báo cáo quý II", None, "6/2024", None, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Ngọc Trình"])
    sheets[F.SHEET_RESULTS].append([4, "II", "Hoàn thành", "Đã sửa đổi Quy chế", "Quyết định số 50/QĐ-UBND", None])
    report = make(tmp_path, sheets)["_bao-cao-"]
    assert find(report, "(Thời gian lấy số liệu").text.endswith("từ ngày 15/3/2024 đến ngày 14/6/2024)")
    rows = {r.cells[0].text: r for r in report.tables[-1].rows[1:]}
    assert rows["4"].cells[5].text == "Hoàn thành\n(Quý I: chưa thực hiện)"
    assert rows["2"].cells[5].text == "Đang thực hiện"
    assert rows["2"].cells[6].text.endswith("(theo báo cáo quý I)")
    assert find(report, "- Hoàn thành:").text == "- Hoàn thành: 6 nhiệm vụ (đúng hạn 6, quá hạn 0), đạt 66,67%, tăng 1 nhiệm vụ so với quý I năm 2024;"
    assert find(report, "2. Nhiệm vụ hoàn thành trong kỳ")
    news = [t for t in texts(report) if t.startswith("- Hoàn thành nhiệm vụ")]
    assert news == ["- Hoàn thành nhiệm vụ 4 (tiêu chí 3.5): Sửa đổi, bổ sung Quy chế UBND xã về quy định xin lỗi "
                    "công dân, Quy chế thi đua khen thưởng. Kết quả: Đã sửa đổi Quy chế. "
                    "Hồ sơ kiểm chứng: Quyết định số 50/QĐ-UBND."]


def test_output_is_byte_identical_on_a_rerun(tmp_path):
    sheets = sample()
    first = generate(build_workbook(tmp_path / "a.xlsx", sheets), tmp_path / "one")
    second = generate(build_workbook(tmp_path / "b.xlsx", sheets), tmp_path / "two")
    for a, b in zip(first.written, second.written):
        assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(first.written[0]) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2024, 3, 5, 8, 0, 0)}
        assert b"<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-03-05T08:00:00Z" in zf.read("docProps/core.xml")
