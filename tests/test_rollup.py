"""The roll-up across communes: figures against hand-computed ones, order, overdue list, outputs."""

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import build_workbook, raw_workbook, sample, set_info, with_headers
from docx_reading import find, open_docx, texts
from pipeline.workbook import format as F
from pipeline.cli import main

OPTIONS = ["--co-quan", "ỦY BAN NHÂN DÂN HUYỆN HẢI LĂNG", "--dia-danh", "Hải Lăng", "--nguoi-ky", "Nguyễn Văn An",
           "--so", "12", "--ngay", "10/4/2024"]


@pytest.fixture
def communes(tmp_path) -> Path:
    """Three communes whose quý I figures are worked out by hand below."""
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    # Hải Định: the sample, task 4 due before the cut-off (14/3). Done 1,6,7,8,9; in progress 2,3,5;
    # not started 4 (overdue).
    a = sample()
    set_info(a, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH")
    a[F.SHEET_TASKS][3][5] = "Trước ngày 10/3/2024"
    # Hải Sơn: no rows for 7,8,9 (not started, ongoing so not overdue). Done 1,6; in progress 2,3,5;
    # not started 4,7,8,9; overdue 4.
    b = sample()
    set_info(b, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ HẢI SƠN")
    b[F.SHEET_TASKS][3][5] = "Trước ngày 10/3/2024"
    b[F.SHEET_RESULTS] = [r for r in b[F.SHEET_RESULTS] if r[0] not in (7, 8, 9)]
    # Hải An: all nine done.
    c = sample()
    set_info(c, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ HẢI AN")
    for row in c[F.SHEET_RESULTS]:
        row[2] = "Hoàn thành"
    for name, sheets in (("a", a), ("b", b), ("c", c)):
        build_workbook(folder / f"{name}.xlsx", sheets)
    return folder


def run(*args):
    return CliRunner().invoke(main, ["tong-hop", *args])


def test_figures_per_commune_totals_and_order(communes, tmp_path):
    result = run("--input-dir", str(communes), *OPTIONS, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "2024-Q1" / "tong-hop"
    wb = load_workbook(folder / "huyen-hai-lang_tong-hop-quy-1-2024.xlsx")
    rows = [list(r) for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)]
    assert [r[:9] for r in rows] == [
        [1, "Xã Hải An", "41/BC-UBND", datetime(2024, 3, 20), 9, 9, 0, 0, 0],
        [2, "Xã Hải Định", "41/BC-UBND", datetime(2024, 3, 20), 9, 5, 3, 1, 1],
        [3, "Xã Hải Sơn", "41/BC-UBND", datetime(2024, 3, 20), 9, 2, 3, 4, 1],
        [None, "Tổng cộng", None, None, 27, 16, 6, 5, 2],
    ]
    assert [round(r[9], 4) for r in rows] == [1.0, round(5 / 9, 4), round(2 / 9, 4), round(16 / 27, 4)]
    # shown as the report prints it: 55,56%, two decimals
    assert {wb["Tổng hợp"].cell(row, 10).number_format for row in range(2, 6)} == {"0.00%"}
    overdue = [list(r) for r in wb["Nhiệm vụ quá hạn"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1], r[5]) for r in overdue] == [("Xã Hải Định", 4, "Trước ngày 10/3/2024"),
                                                     ("Xã Hải Sơn", 4, "Trước ngày 10/3/2024")]


def test_the_rollup_report_reads_the_same_figures(communes, tmp_path):
    run("--input-dir", str(communes), *OPTIONS, "--out", str(tmp_path / "out"))
    doc = open_docx(tmp_path / "out" / "2024-Q1" / "tong-hop" / "huyen-hai-lang_tong-hop-quy-1-2024.docx")
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 12/BC-UBND"
    assert doc.tables[0].rows[1].cells[1].paragraphs[0].text == "Hải Lăng, ngày 10 tháng 4 năm 2024"
    assert find(doc, "Tổng số nhiệm vụ").text == "Tổng số nhiệm vụ trong kế hoạch của 3 xã: 27 nhiệm vụ. Tính đến ngày 14/3/2024:"
    assert find(doc, "- Hoàn thành:").text == "- Hoàn thành: 16 nhiệm vụ (đúng hạn 16, quá hạn 0), đạt 59,26%;"
    table = doc.tables[1]
    reference = "41/BC-UBND\n20/3/2024"
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["1", "Xã Hải An", reference, "9", "9", "0", "0", "0", "100%"],
        ["2", "Xã Hải Định", reference, "9", "5", "3", "1", "1", "55,56%"],
        ["3", "Xã Hải Sơn", reference, "9", "2", "3", "4", "1", "22,22%"],
        ["", "Tổng cộng", "", "27", "16", "6", "5", "2", "59,26%"],
    ]
    assert find(doc, "Có 2 nhiệm vụ quá hạn ở 2 xã:")
    assert [row.cells[1].text for row in doc.tables[2].rows[1:]] == ["Xã Hải Định", "Xã Hải Sơn"]
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]


def test_no_overdue_task_means_no_overdue_table(communes, tmp_path):
    for name in ("a.xlsx", "b.xlsx"):
        (communes / name).unlink()
    run("--input-dir", str(communes), *OPTIONS, "--out", str(tmp_path / "out"))
    doc = open_docx(next((tmp_path / "out").rglob("*.docx")))
    assert find(doc, "Tính đến ngày 14/3/2024, không có nhiệm vụ nào quá hạn.")
    assert len(doc.tables) == 3  # header, communes, signature


def test_issuer_and_signer_from_a_small_workbook(communes, tmp_path):
    issuer = {
        F.SHEET_INFO: [[F.INFO_ISSUER, "ỦY BAN NHÂN DÂN HUYỆN HẢI LĂNG"], [F.INFO_SHORT_NAME, "UBND huyện"],
                       [F.INFO_SYMBOL, "UBND"], [F.INFO_PLACE, "Hải Lăng"], [F.INFO_YEAR, 2024],
                       [F.INFO_MANAGING_BODY, "UBND TỈNH QUẢNG TRỊ"]],
        F.SHEET_DOCUMENTS: [["Báo cáo quý I", 30, "12/4/2024", None, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
                             "PHÓ CHỦ TỊCH", "Trần Thị Bình", "Ủy ban nhân dân tỉnh Quảng Trị"]],
        F.SHEET_RECIPIENTS: [["Báo cáo", "Sở Nội vụ tỉnh"]],
    }
    path = raw_workbook(tmp_path / "huyen.xlsx", with_headers(issuer))
    result = run("--input-dir", str(communes), "--thong-tin", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    doc = open_docx(next((tmp_path / "out").rglob("*.docx")))
    left = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert left == ["UBND TỈNH QUẢNG TRỊ", "ỦY BAN NHÂN DÂN", "HUYỆN HẢI LĂNG"]
    assert find(doc, "Kính gửi:").text == "Kính gửi: Ủy ban nhân dân tỉnh Quảng Trị"
    table = doc.tables[-1]
    assert [p.text for p in table.rows[0].cells[0].paragraphs if p.text][1:] == [
        "- Như trên;", "- Sở Nội vụ tỉnh;", "- Lưu: VT."]
    assert [p.text for p in table.rows[0].cells[1].paragraphs if p.text][-2:] == ["PHÓ CHỦ TỊCH", "Trần Thị Bình"]


def department_workbook(path: Path, authority: str | None, title: str, issuer: str = "SỞ NỘI VỤ TỈNH QUẢNG TRỊ") -> Path:
    sheets = {
        F.SHEET_INFO: [[F.INFO_ISSUER, issuer], [F.INFO_SHORT_NAME, "Sở Nội vụ"], [F.INFO_SYMBOL, "SNV"],
                       [F.INFO_PLACE, "Quảng Trị"], [F.INFO_YEAR, 2024], [F.INFO_MANAGING_BODY, "UBND TỈNH QUẢNG TRỊ"]],
        F.SHEET_DOCUMENTS: [["Báo cáo quý I", 30, "12/4/2024", None, authority, title, "Lê Văn Cường",
                             "Ủy ban nhân dân tỉnh Quảng Trị"]],
        F.SHEET_RECIPIENTS: [["Báo cáo", "Bộ Nội vụ"]],
    }
    return raw_workbook(path, with_headers(sheets))


def test_a_director_signs_in_his_own_name_with_no_authority_line(communes, tmp_path):
    """ND 30: the head of a Sở signs as `GIÁM ĐỐC`, no `TM.`/`KT.` line above: the cell may stay empty."""
    path = department_workbook(tmp_path / "so.xlsx", None, "GIÁM ĐỐC")
    result = run("--input-dir", str(communes), "--thong-tin", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    doc = open_docx(next((tmp_path / "out").rglob("*.docx")))
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["GIÁM ĐỐC", "Lê Văn Cường"], signature
    # Under `UBND TỈNH QUẢNG TRỊ` the Sở is `SỞ NỘI VỤ`, the province named once (as a real Sở's header)
    left = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert left == ["UBND TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ"], left
    assert "Sở Nội vụ tổng hợp" in "\n".join(p.text for p in doc.paragraphs)  # its sentences keep its name


@pytest.mark.parametrize("issuer, title, message, hint", [
    ("SỞ NỘI VỤ TỈNH QUẢNG TRỊ", "Phó Giám đốc", "cấp phó (Phó Giám đốc) ký nhưng chưa nhập quyền hạn ký",
     "nhập “KT. GIÁM ĐỐC”"),
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "CHỦ TỊCH", "chưa nhập quyền hạn ký", "nhập “TM. ỦY BAN NHÂN DÂN”"),
])
def test_an_empty_authority_is_refused_where_nd_30_needs_a_line(communes, tmp_path, issuer, title, message, hint):
    path = department_workbook(tmp_path / "so.xlsx", None, title, issuer)
    result = run("--input-dir", str(communes), "--thong-tin", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code != 0 and not (tmp_path / "out").exists()
    assert f"Văn bản!E2: {message} — {hint}" in result.output, result.output


NO_RECIPIENTS = "báo cáo tổng hợp chưa có nơi nhận nào"


def test_a_report_sent_to_nobody_is_warned_with_where_to_name_its_recipients(communes, tmp_path):
    result = run("--input-dir", str(communes), *OPTIONS, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if NO_RECIPIENTS in line)
    assert warning.startswith("Cảnh báo: ") and "--thong-tin" in warning and "Nơi nhận" in warning
    issuer = {
        F.SHEET_INFO: [[F.INFO_ISSUER, "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"], [F.INFO_SHORT_NAME, "UBND tỉnh"],
                       [F.INFO_SYMBOL, "UBND"], [F.INFO_PLACE, "Quảng Trị"], [F.INFO_YEAR, 2024]],
        F.SHEET_DOCUMENTS: [["Báo cáo quý I", 30, "12/4/2024", None, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                             "Trần Thị Bình", None]],
    }
    path = raw_workbook(tmp_path / "tinh.xlsx", with_headers(issuer))
    result = run("--input-dir", str(communes), "--thong-tin", str(path), "--out", str(tmp_path / "out2"))
    warning = next(line for line in result.output.splitlines() if NO_RECIPIENTS in line)
    assert "trang Nơi nhận của sổ tinh.xlsx" in warning
    issuer[F.SHEET_RECIPIENTS] = [["Báo cáo", "Bộ Nội vụ (b/c)"]]
    path = raw_workbook(tmp_path / "tinh.xlsx", with_headers(issuer))
    result = run("--input-dir", str(communes), "--thong-tin", str(path), "--out", str(tmp_path / "out3"))
    assert result.exit_code == 0, result.output
    assert NO_RECIPIENTS not in result.output


def test_a_bad_workbook_is_listed_and_left_out(communes, tmp_path):
    (communes / "hong.xlsx").write_bytes(b"")
    result = run("--input-dir", str(communes), *OPTIONS, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert ("Tổng hợp quý I năm 2024: 3/4 sổ được tính; 0 đơn vị chưa báo cáo, 0 sổ trùng, "
            "1 sổ không tổng hợp được.") in result.stdout
    assert "hong.xlsx: tệp rỗng" in result.stdout
    wb = load_workbook(next((tmp_path / "out").rglob("*.xlsx")))
    assert wb["Sổ không tổng hợp"]["A2"].value == "hong.xlsx"
    assert wb["Sổ không tổng hợp"]["B2"].value.startswith("tệp rỗng")
    doc = open_docx(next((tmp_path / "out").rglob("*.docx")))
    assert find(doc, "(Chưa tổng hợp:").text == (
        "(Chưa tổng hợp: 1 sổ không tổng hợp được; chi tiết ở cuối báo cáo)")
    assert find(doc, "IV. SỔ CHƯA TỔNG HỢP ĐƯỢC")
    assert find(doc, "- 1 sổ không đọc được (danh sách sổ và lỗi trong trang “Sổ không tổng hợp” của tệp Excel")
    assert "hong.xlsx" not in "\n".join(texts(doc))


def test_missing_issuer_options_are_named(communes, tmp_path):
    result = run("--input-dir", str(communes), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "cần --co-quan, --dia-danh, --nguoi-ky" in result.stderr


DEPARTMENT = ["--co-quan", "SỞ NỘI VỤ TỈNH LÂM ĐỒNG", "--chuc-vu", "GIÁM ĐỐC", "--dia-danh", "Lâm Đồng",
              "--nguoi-ky", "Nguyễn Văn An", "--so", "12", "--ngay", "10/4/2024"]


def test_a_department_as_issuer_gets_its_own_symbol_header_and_signature(communes, tmp_path):
    from pipeline.check import check_docx

    result = run("--input-dir", str(communes), *DEPARTMENT, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    path = next((tmp_path / "out").rglob("*.docx"))
    doc = open_docx(path)
    left = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert left[:2] == ["SỞ NỘI VỤ", "TỈNH LÂM ĐỒNG"]  # never «… TỈNH LÂM» / «ĐỒNG»
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 12/BC-SNV"
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["GIÁM ĐỐC", "Nguyễn Văn An"]  # a director decides alone: no TM.
    report = check_docx(path)
    assert (report.errors, report.warnings) == ([], [])


def test_a_deputy_director_signs_for_the_director(communes, tmp_path):
    options = [*DEPARTMENT[:2], "--chuc-vu", "PHÓ GIÁM ĐỐC", *DEPARTMENT[4:]]
    assert run("--input-dir", str(communes), *options, "--out", str(tmp_path / "out")).exit_code == 0
    doc = open_docx(next((tmp_path / "out").rglob("*.docx")))
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]


def test_a_body_whose_symbol_and_title_cannot_be_derived_is_refused_with_what_to_give(communes, tmp_path):
    result = run("--input-dir", str(communes), "--co-quan", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", "--dia-danh", "Huế",
                 "--nguoi-ky", "Nguyễn Văn An", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "không suy ra được --ky-hieu và --chuc-vu" in result.stderr

