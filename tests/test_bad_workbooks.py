"""Workbooks from other people: whatever they contain, a clear message, exit 1, nothing written."""

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import build_workbook, raw_workbook, sample, with_headers
from refusals import run_bad
from pipeline.workbook import format as F
from pipeline.cli import main


# ------------------------------------------------------------------------------------------ not a workbook


def test_a_csv_is_not_a_workbook(tmp_path):
    path = tmp_path / "so.csv"
    path.write_text("TT,Tiêu chí\n1,abc\n", encoding="utf-8")
    run_bad(path, tmp_path / "out", "không phải sổ Excel (.xlsx)", "File > Save As > Excel Workbook")


def test_an_old_xls_is_named_as_such(tmp_path):
    path = tmp_path / "so.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024 + "Workbook".encode("utf-16-le"))
    run_bad(path, tmp_path / "out", "sổ Excel dạng cũ (.xls)", "Excel Workbook (*.xlsx)")


def test_a_docx_renamed_xlsx(tmp_path, sample_outputs):
    path = tmp_path / "so.xlsx"
    path.write_bytes(sample_outputs["_phu-luc-"].read_bytes())
    run_bad(path, tmp_path / "out", "tệp Word (.docx) đổi đuôi")


def test_an_empty_file(tmp_path):
    path = tmp_path / "so.xlsx"
    path.write_bytes(b"")
    run_bad(path, tmp_path / "out", "tệp rỗng")


def test_a_truncated_download(tmp_path, sample_workbook):
    path = tmp_path / "cut.xlsx"
    data = sample_workbook.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    run_bad(path, tmp_path / "out", "tệp bị hỏng hoặc chưa tải về hết")


def test_a_password_protected_workbook(tmp_path):
    # Excel saves an encrypted workbook as an OLE2 container with an EncryptedPackage stream.
    path = tmp_path / "so.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le"))
    run_bad(path, tmp_path / "out", "được đặt mật khẩu", "xóa mật khẩu rồi lưu lại")


def test_a_missing_file(tmp_path):
    run_bad(tmp_path / "khong-co.xlsx", tmp_path / "out", "không tìm thấy tệp")


# ------------------------------------------------------------------------------------------ hostile files


def _rewrite(path: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> Path:
    """Copy a workbook's zip, replacing or adding members."""
    replace, add = replace or {}, add or {}
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in add.items():
            out.writestr(name, data)
    return path


def test_an_xml_bomb_is_refused_before_parsing(tmp_path, sample_workbook):
    bomb = (
        b'<?xml version="1.0"?><!--' + b"a long comment to hide the DTD " * 400 + b'-->'
        b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
        + b'<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    path = _rewrite(sample_workbook, replace={"xl/worksheets/sheet4.xml": bomb})
    start = time.process_time()
    run_bad(path, tmp_path / "out", "khai báo XML không được phép")
    assert time.process_time() - start < 5  # CPU seconds: refused, not expanded


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path, sample_workbook):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(sample_workbook.read_bytes())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("xl/media/zeros.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(256):
                member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    run_bad(path, tmp_path / "out", "zip bomb")


def test_an_xlsm_with_macros_is_read_and_never_run(tmp_path, sample_workbook):
    path = tmp_path / "so.xlsm"
    path.write_bytes(sample_workbook.read_bytes())
    _rewrite(path, add={"xl/vbaProject.bin": b"Attribute VB_Name = \"Module1\"\nSub Auto_Open()\nShell \"calc\"\nEnd Sub"})
    result = CliRunner().invoke(main, [str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3


# ------------------------------------------------------------------------------------------ structure and values


def test_a_missing_required_column(tmp_path):
    sheets = with_headers(sample())
    sheets[F.SHEET_TASKS] = [row[:3] + row[4:] for row in sheets[F.SHEET_TASKS]]
    run_bad(raw_workbook(tmp_path / "so.xlsx", sheets), tmp_path / "out", "Nhiệm vụ!H1: thiếu cột “Chủ trì”")


def test_a_required_cell_left_empty(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][2][2] = None
    run_bad(build_workbook(tmp_path / "so.xlsx", sheets), tmp_path / "out",
            "Nhiệm vụ!C4: chưa nhập giải pháp/sản phẩm đầu ra — nhập giải pháp/sản phẩm đầu ra")


def test_formulas_use_their_cached_value(tmp_path, sample_workbook):
    from openpyxl import load_workbook

    wb = load_workbook(sample_workbook)
    wb[F.SHEET_TASKS]["A3"] = "=1+1"
    wb.save(sample_workbook)
    # openpyxl writes no cached value; put in the one Excel would have saved.
    with zipfile.ZipFile(sample_workbook) as zf:
        sheet = next(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet") and b"<f>" in zf.read(n))
        xml = zf.read(sheet)
    path = _rewrite(sample_workbook, replace={sheet: re.sub(rb"<f>1\+1</f><v\s*/?>(</v>)?", b"<f>1+1</f><v>2</v>", xml)})
    result = CliRunner().invoke(main, [str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


def test_a_formula_without_a_cached_value_asks_to_save_in_excel(tmp_path, sample_workbook):
    from openpyxl import load_workbook

    wb = load_workbook(sample_workbook)
    wb[F.SHEET_TASKS]["A3"] = "=1+1"
    wb.save(sample_workbook)
    run_bad(sample_workbook, tmp_path / "out", "Nhiệm vụ!A3: công thức chưa có giá trị đã tính",
            "mở sổ trong Excel")


def test_uncomputed_formulas_are_one_message_a_sheet_with_no_follow_on(tmp_path, sample_workbook):
    """A trial's TTs typed as formulas in a file never opened in Excel gave 27 messages, `chưa nhập TT`
    beside each `công thức chưa có giá trị`."""
    from openpyxl import load_workbook

    wb = load_workbook(sample_workbook)
    for row in range(3, 11):
        wb[F.SHEET_TASKS][f"A{row}"] = f"=A{row - 1}+1"
    wb.save(sample_workbook)
    result = CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    said = [line.strip() for line in result.output.splitlines() if "!" in line and " — " in line]
    assert said == ["Nhiệm vụ!A3: công thức chưa có giá trị đã tính (và 7 ô khác: A4, A5, A6, A7, A8, …) — mở sổ "
                    "trong Excel, nhấn Ctrl+Alt+F9 rồi lưu lại"]


def test_merged_cells_take_the_top_left_value(tmp_path, sample_workbook):
    from docx import Document
    from openpyxl import load_workbook

    wb = load_workbook(sample_workbook)
    ws = wb[F.SHEET_TASKS]
    ws.merge_cells("D2:D3")  # Chủ trì of tasks 1 and 2
    wb.save(sample_workbook)
    result = CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    appendix = Document(next((tmp_path / "out").rglob("*phu-luc*.docx")))
    assert [appendix.tables[0].rows[i].cells[3].text for i in (1, 2)] == ["Công chức Văn phòng - Thống kê"] * 2


def test_a_range_merged_across_columns_is_warned_about(tmp_path, sample_workbook):
    """Merging a result over `Hồ sơ kiểm chứng` gives the evidence column the result's text: said at the
    range; merging down a column (one lead for two tasks, above) is not."""
    from openpyxl import load_workbook

    wb = load_workbook(sample_workbook)
    ws = wb[F.SHEET_RESULTS]
    ws.merge_cells("D2:E2")
    ws.merge_cells("D3:E3")
    ws.merge_cells("H4:J4")  # beyond the table's headed columns: read by no one, not warned about
    wb[F.SHEET_TASKS].merge_cells("D2:D3")  # down a column: no warning
    wb.save(sample_workbook)
    result = CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert ("Cảnh báo: Kết quả!D2: ô gộp D2:E2 trải qua 2 cột nên nội dung được đọc vào từng cột đó (và 1 ô gộp "
            "như vậy khác)") in result.stderr
    assert result.stderr.count("ô gộp") == 2 and "H4" not in result.stderr  # one warning, the sheet's count in it


def test_hidden_rows_and_sheets_are_read_with_a_warning(tmp_path, sample_workbook):
    from openpyxl import load_workbook

    wb = load_workbook(sample_workbook)
    wb[F.SHEET_TASKS].row_dimensions[4].hidden = True
    wb[F.SHEET_RECIPIENTS].sheet_state = "hidden"
    wb.save(sample_workbook)
    result = CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Cảnh báo: Nhiệm vụ!A4: có 1 dòng đang ẩn nhưng vẫn được đọc" in result.stderr
    assert "Cảnh báo: Nơi nhận: trang này đang bị ẩn nhưng vẫn được đọc" in result.stderr


def test_an_open_workbook_is_read_with_a_note(tmp_path, sample_workbook):
    (sample_workbook.parent / ("~$" + sample_workbook.name)).write_bytes(b"\0" * 165)
    result = CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "sổ đang mở trong Excel; thay đổi chưa lưu sẽ không được đưa vào" in result.stderr


# ------------------------------------------------------------------------------------------ hostile text


HOSTILE = {
    "markup": "A & B <c> \"d\" 'e'",
    "tab": "cột\tcột",
    "emoji": "Hoàn thành 🎉✅",
    "spaces": "   giữa   ",
    "long": "Nội dung rất dài. " * 560,
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_text_in_every_field_comes_out_literal(tmp_path, kind):
    from docx import Document

    value = HOSTILE[kind]
    sheets = sample()
    for row in sheets[F.SHEET_TASKS]:
        row[1], row[2], row[3], row[4], row[6] = (f"{value} {i}" for i in range(5))
    sheets[F.SHEET_BODY][0][1] = value
    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    appendix = Document(next((tmp_path / "out").rglob("*phu-luc*.docx")))
    expected = " ".join(value.replace("\t", " ").split(" ")).strip()
    cells = [c.text for c in appendix.tables[0].rows[1].cells]
    assert cells[1] == f"{value} 0".replace("\t", " ").strip() and expected in cells[1]


def test_control_characters_are_dropped(tmp_path):
    from docx import Document

    sheets = sample()
    sheets[F.SHEET_TASKS][0][2] = "a_x0001_b_x000B_c_x000C_d"  # how Excel stores control characters
    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert Document(next((tmp_path / "out").rglob("*phu-luc*.docx"))).tables[0].rows[1].cells[2].text == "abcd"


def test_legacy_encoded_text_stops_the_run_as_check_would_fail_the_document(tmp_path):
    """A trial's run warned, exited 0, and wrote three documents `check` failed (X4): garbled in print."""
    sheets = sample()
    sheets[F.SHEET_TASKS][0][3] = "V¨n phßng - Thèng kª"  # TCVN3
    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert ("Nhiệm vụ!D2: chữ gõ bằng bảng mã cũ TCVN3 (ABC) (“V¨n”): văn bản sẽ in sai chữ — chuyển sang Unicode "
            "bằng Unikey (Ctrl+Shift+F6, bảng mã nguồn TCVN3 (ABC), bảng mã đích Unicode) rồi lưu lại") in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.docx"))


def test_a_foreign_name_or_a_look_alike_letter_is_not_taken_for_a_legacy_encoding(tmp_path):
    """A reviewer's `Công ty Müller` stopped the run as VNI, and `Ðảng ủy xã` (a look-alike Ð in Unicode
    text) as TCVN3: one odd word is a warning, and a word with Unicode Vietnamese letters is no legacy."""
    sheets = sample()
    sheets[F.SHEET_TASKS][0][4] = "Công ty Müller"  # partners of task 1: E2
    sheets[F.SHEET_TASKS][1][4] = "Ðảng ủy xã"  # E3
    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Nhiệm vụ!E2: chữ “Müller” có vẻ gõ bằng bảng mã cũ (TCVN3/VNI) — nếu là tên nước ngoài thì giữ nguyên" \
        in result.stderr
    assert "Nhiệm vụ!E3" not in result.stderr


def test_five_thousand_tasks_render_every_row(tmp_path):
    from docx import Document

    sheets = sample()
    base = sheets[F.SHEET_TASKS][0]
    sheets[F.SHEET_TASKS] = [[n, f"Tiêu chí {n}", f"Giải pháp số {n}", *base[3:]] for n in range(1, 5001)]
    sheets[F.SHEET_RESULTS] = [[n, "I", "Đang thực hiện", f"Kết quả {n}", None, None] for n in range(1, 5001)]
    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    appendix = Document(next((tmp_path / "out").rglob("*phu-luc*.docx")))
    rows = appendix.tables[0].rows
    assert len(rows) == 5001
    assert rows[5000].cells[2].text == "Giải pháp số 5000"
