"""Output never crashes on the console's encoding (a Windows `.bat`, or `make-report > nhat-ky.txt`)."""

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from builders import build_workbook, sample
from pipeline.cli.console import nearest_text

ROOT = Path(__file__).resolve().parents[1]


def run(args, encoding: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=120)


def read(data: bytes, encoding: str) -> str:
    return unicodedata.normalize("NFC", data.decode(encoding))


@pytest.fixture
def workbooks(tmp_path) -> list[Path]:
    """The sample, and a new workbook whose example texts make Vietnamese warnings on stderr."""
    sample_path = build_workbook(tmp_path / "so.xlsx", sample())
    new = tmp_path / "moi.xlsx"
    assert run(["init", str(new), "--year", "2024"], "utf-8", tmp_path).returncode == 0  # one batch, one year
    return [sample_path, new]


def test_cp1258_the_vietnamese_windows_code_page_keeps_every_letter(tmp_path, workbooks):
    made = run([*map(str, workbooks), "--out", "kq"], "cp1258", tmp_path)
    assert made.returncode == 0, made.stderr
    out, err = read(made.stdout, "cp1258"), read(made.stderr, "cp1258")
    assert "Đã tạo: " in out and "2/2 sổ tạo xong (6 tệp), 0 sổ lỗi." in out
    assert f"Cảnh báo: {workbooks[1]}: Thông tin!B3: ô còn chữ ví dụ “ỦY BAN NHÂN DÂN XÃ …” của sổ mẫu" in err
    assert "Traceback" not in err
    docx = sorted((tmp_path / "kq" / "2024-Q1" / "xa-hai-dinh").glob("*.docx"))  # the sample's: they pass
    checked = run(["check", *map(str, docx)], "cp1258", tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "Đạt: 0 lỗi" in read(checked.stdout, "cp1258")


def test_cp1252_loses_only_the_marks_it_cannot_write(tmp_path, workbooks):
    made = run([*map(str, workbooks), "--out", "kq"], "cp1252", tmp_path)
    assert made.returncode == 0, made.stderr
    out, err = made.stdout.decode("cp1252"), made.stderr.decode("cp1252")
    assert "Dã tao: " in out and "2/2 sô tao xong (6 têp), 0 sô lôi" in out
    assert "Canh báo: " in err and ": Thông tin!B3: ô còn chu ví du" in err
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    docx = sorted((tmp_path / "kq" / "2024-Q1" / "xa-hai-dinh").glob("*.docx"))  # the sample's: they pass
    checked = run(["check", *map(str, docx)], "cp1252", tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "Dat: 0 lôi" in checked.stdout.decode("cp1252")


def test_an_error_message_is_written_too(tmp_path):
    (tmp_path / "so.xlsx").write_text("không phải Excel")
    failed = run(["so.xlsx"], "cp1258", tmp_path)
    assert failed.returncode == 1
    assert "đây không phải sổ Excel" in read(failed.stderr, "cp1258")


def test_each_letter_is_written_as_near_as_the_encoding_allows():
    assert nearest_text("ệ", "cp1258") == "ê\u0323"
    assert nearest_text("ữ", "cp1258") == "ư\u0303"
    assert nearest_text("ệ", "cp1252") == "ê"
    assert nearest_text("ạ", "cp1252") == "a"
    assert nearest_text("Đ", "cp1252") == "D"
    assert nearest_text("中", "cp1252") == "?"


def test_check_json_stays_exact_on_a_console_that_cannot_hold_vietnamese(tmp_path, sample_outputs):
    import json

    checked = run(["check", "--json", str(sample_outputs["_ke-hoach-"])], "cp1252", tmp_path)
    assert checked.returncode == 0, checked.stderr
    [report] = json.loads(checked.stdout.decode("cp1252"))
    utf8 = run(["check", "--json", str(sample_outputs["_ke-hoach-"])], "utf-8", tmp_path)
    assert json.loads(utf8.stdout.decode("utf-8")) == [report]
    assert report["verdict"] == "Đạt: 0 lỗi, 0 cảnh báo"


def run_into_file(args, encoding: str, cwd: Path, log: Path) -> int:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as fh:  # `make-report … > nhat-ky.txt 2>&1`
        return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=env, stdout=fh,
                              stderr=subprocess.STDOUT, timeout=120).returncode


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
def test_a_log_redirected_to_a_file_is_utf8_with_a_byte_order_mark(tmp_path, workbooks, encoding):
    log = tmp_path / "nhat-ky.txt"
    assert run_into_file([*map(str, workbooks), "--out", "kq"], encoding, tmp_path, log) == 0
    data = log.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    text = data.decode("utf-8-sig")
    assert f"Cảnh báo: {workbooks[1]}: Thông tin!B3: ô còn chữ ví dụ “ỦY BAN NHÂN DÂN XÃ …” của sổ mẫu" in text
    assert "2/2 sổ tạo xong (6 tệp), 0 sổ lỗi." in text


def test_json_redirected_to_a_file_has_no_byte_order_mark(tmp_path, sample_outputs):
    import json

    out = tmp_path / "kq.json"
    assert run_into_file(["check", "--json", str(sample_outputs["_ke-hoach-"])], "cp1252", tmp_path, out) == 0
    [report] = json.loads(out.read_bytes().decode("utf-8"))
    assert report["verdict"] == "Đạt: 0 lỗi, 0 cảnh báo"
