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
