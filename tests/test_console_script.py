"""The installed `make-report` command as a user runs it: a real process, real exit codes and output."""

import shutil
import subprocess
import sys

import pytest

COMMAND = [shutil.which("make-report")] if shutil.which("make-report") else [sys.executable, "-m", "pipeline"]


def run(*args, cwd=None):
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_a_run_prints_every_line_and_exits_0(sample_workbook, tmp_path):
    result = run(str(sample_workbook), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Đã tạo: ") == 3
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3


def test_invalid_input_exits_1_with_the_message(tmp_path):
    bad = tmp_path / "so.xlsx"
    bad.write_text("x")
    result = run(str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "không phải sổ Excel" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args, code", [(("--help",), 0), (("--quarter", "9"), 2), (("khong-co-lenh", "--bad"), 2)])
def test_help_and_usage_errors(args, code):
    result = run(*args)
    assert result.returncode == code
    assert (result.stdout if code == 0 else result.stderr).strip()


def test_help_and_usage_errors_speak_vietnamese():
    help_text = run("tao", "--help").stdout
    assert help_text.startswith("Cách dùng: make-report tao")
    assert "Tùy chọn:" in help_text and "Xem hướng dẫn này rồi thoát." in help_text
    assert "Options:" not in help_text and "Usage:" not in help_text
    assert "Lệnh:" in run("--help").stdout
    wrong = run("tao", "--quaterr", "1")
    assert wrong.returncode == 2
    assert "Lỗi cách dùng: không có tùy chọn “--quaterr”, có phải “--quarter”" in wrong.stderr
    assert "Gõ “make-report tao --help” để xem hướng dẫn." in wrong.stderr
    bad = run("tao", "--quarter", "9")
    assert "Lỗi cách dùng: giá trị không hợp lệ cho '-q' / '--quarter': “9” không phải một quý" in bad.stderr
