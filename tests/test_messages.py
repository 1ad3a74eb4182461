"""Every message a clerk can act on: in Vietnamese, naming the file, folder or cell, with the fix."""

import re
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from builders import build_workbook, sample, set_document
from pipeline.workbook import format as F
from pipeline.cli import main
from pipeline.generate import generate
from pipeline.workbook.reader import read_workbook

ENGLISH = re.compile(r"does not exist|requires|Error|Usage|Invalid value|unexpected|Missing|No such|is not|"
                     r"Try '|Aborted")


def invoke(*args):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("args, said", [
    (["--input-dir", "khong-co"], "giá trị không hợp lệ cho '-i' / '--input-dir': thư mục “khong-co” không tồn tại — kiểm tra lại"),
    (["-q"], "tùy chọn “-q” cần một giá trị ngay sau nó, ví dụ -q 2"),
    (["tong-hop", "--out"], "tùy chọn “--out” cần một giá trị ngay sau nó, ví dụ --out ket-qua"),
    (["--jobs", "0"], "giá trị không hợp lệ cho '-j' / '--jobs': 0 không hợp lệ, phải từ 1 trở lên"),
    (["--jobs", "hai"], "“hai” không phải số nguyên"),
    (["init"], "thiếu đối số “SỔ_EXCEL_MỚI”"),
    (["check"], "thiếu đối số “TỆP_DOCX...”"),
    (["init", "a.xlsx", "Xa", "Hai.xlsx"], "thừa đối số: Xa Hai.xlsx — tên có khoảng trắng thì đặt trong ngoặc kép"),
    (["tong-hop", "--thong-tin", "tinh.xlsx", "--input-dir", "."], "tệp “tinh.xlsx” không tồn tại"),
    (["--pdff"], "không có tùy chọn “--pdff”, có phải “--pdf”?"),
    (["--quiet=1"], "tùy chọn “--quiet” không nhận giá trị"),
])
def test_clicks_own_messages_are_in_vietnamese(tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "Lỗi cách dùng: " in result.stderr and "--help” để xem hướng dẫn." in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr


def test_help_and_version_still_exit_0():
    assert invoke("--help").exit_code == 0
    assert invoke("init", "--help").exit_code == 0
    assert invoke("--version").exit_code == 0


def test_version_says_how_column_widths_are_worked_out(monkeypatch):
    """A server installed without a C compiler or Python's headers runs the Python fit, silently at
    install time (pip shows the failed build only with -v): `--version` is where it shows."""
    from pipeline import autofit

    result = invoke("--version")
    assert result.stdout.startswith("make-report ")
    expected = "mã máy (C)" if autofit.compiled_widen is not None else "Python (máy cài không có"
    assert f"Độ rộng cột của phụ lục tính bằng: {expected}" in result.stdout
    monkeypatch.setattr(autofit, "compiled_widen", None)
    assert "tính bằng: Python (máy cài không có trình biên dịch C hoặc gói python3-dev" in invoke("--version").stdout


def test_a_word_document_given_as_a_workbook_points_to_check(tmp_path, sample_outputs):
    docx = shutil.copy(sample_outputs["_ke-hoach-"], tmp_path / "ke-hoach.docx")
    result = invoke(str(docx), "--out", str(tmp_path / "kq"))
    assert result.exit_code == 1
    assert f"đây là văn bản Word, không phải sổ Excel — để kiểm tra thể thức dùng `make-report check {docx}`" \
        in result.stderr
    assert not (tmp_path / "kq").exists()


def test_hidden_rows_are_said_to_be_included_and_how_to_leave_them_out(tmp_path):
    path = build_workbook(tmp_path / "so.xlsx", sample())
    wb = load_workbook(path)
    wb[F.SHEET_TASKS].row_dimensions[3].hidden = True
    wb.save(path)
    [hidden] = [w for w in read_workbook(path).warnings if "ẩn" in w.message]
    assert str(hidden) == ("Nhiệm vụ!A3: có 1 dòng đang ẩn nhưng vẫn được đọc — "
                           "các dòng ẩn vẫn được đưa vào văn bản; xóa dòng nếu không muốn")


def test_every_warning_of_a_run_says_how_to_fix_it(tmp_path):
    sheets = sample()
    set_document(sheets, "Kế hoạch", F.DOC_DATE, "05/01/2023")
    set_document(sheets, "Báo cáo quý I", F.DOC_SIGNER, F.EXAMPLE_SIGNER)
    set_document(sheets, "Báo cáo quý I", F.DOC_AUTHORITY, "TM. ỦY BAN NHÂN DÂN")
    set_document(sheets, "Báo cáo quý I", F.DOC_TITLE, "PHÓ CHỦ TỊCH")  # a deputy without “KT. CHỦ TỊCH”
    set_document(sheets, "Kế hoạch", F.DOC_SUMMARY, "Khắc phục các tiêu chí CCHC năm 2023.")
    sheets[F.SHEET_TASKS][1][5] = "Quý I năm 2025"  # a deadline in another year
    del sheets[F.SHEET_RESULTS][2]  # an unfinished task with no row for the quarter
    sheets[F.SHEET_INFO].append(["Ghi chú riêng", "x"])
    sheets[F.SHEET_RECIPIENTS].append(["Báo cáo", F.EXAMPLE_PROVINCE_RECIPIENT])
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    wb = load_workbook(path)
    wb[F.SHEET_TASKS].cell(1, 12, "Cột thêm")
    wb[F.SHEET_RESULTS].cell(1, 6, "Ghi chu")  # the optional Ghi chú misspelt
    wb[F.SHEET_BODY].row_dimensions[2].hidden = True
    wb[F.SHEET_RECIPIENTS].sheet_state = "hidden"
    wb.save(path)
    (tmp_path / "~$so.xlsx").write_bytes(b"lock")
    warnings = [*read_workbook(path).warnings, *generate(path, tmp_path / "out").warnings]
    assert len(warnings) >= 12
    for expected in ("năm ban hành", "không thuộc năm kế hoạch", "cấp phó", "trích yếu kết thúc", "chưa có kết quả",
                     "dòng đang ẩn", "trang này đang bị ẩn", "đang mở trong Excel", "không thuộc mẫu", "chữ ví dụ"):
        assert any(expected in w.message for w in warnings), expected
    assert [str(w) for w in warnings if not w.hint] == []
    year = next(w for w in warnings if "năm ban hành" in w.message)
    assert year.message == "năm ban hành 2023 khác năm kế hoạch 2024"
    assert "một ngày của năm 2024" in year.hint and "“Năm” ở trang Thông tin" in year.hint
    assert any(w.cell == "B" + str(len(sheets[F.SHEET_RECIPIENTS]) + 1) and "chữ ví dụ" in w.message
               for w in warnings if w.sheet == F.SHEET_RECIPIENTS)


def test_the_rollups_missing_report_row_names_the_issuer_workbook(tmp_path):
    communes = tmp_path / "cac-xa"
    communes.mkdir()
    build_workbook(communes / "xa.xlsx", sample())
    issuer = tmp_path / "tinh.xlsx"
    wb = Workbook()
    wb.remove(wb.active)
    info = wb.create_sheet(F.SHEET_INFO)
    for row in ([F.INFO_LABEL, F.INFO_VALUE], [F.INFO_ISSUER, "SỞ NỘI VỤ TỈNH QUẢNG TRỊ"],
                [F.INFO_SHORT_NAME, "Sở Nội vụ"], [F.INFO_SYMBOL, "SNV"], [F.INFO_PLACE, "Quảng Trị"],
                [F.INFO_YEAR, 2024]):
        info.append(row)
    documents = wb.create_sheet(F.SHEET_DOCUMENTS)
    documents.append([c.name for c in F.DOCUMENT_COLUMNS])
    documents.append(["Báo cáo quý II", None, None, None, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình"])
    wb.save(issuer)
    result = invoke("tong-hop", "--input-dir", str(communes), "--thong-tin", str(issuer),
                    "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"sổ thông tin tổng hợp {issuer.name} không có dòng “Báo cáo quý I”" in result.stderr
