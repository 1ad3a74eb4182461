"""`make-report init` on names Windows or Excel would not take, long names, races and a full disk (issue 20 §4)."""

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from hostile import HANG_GUARD, ROOT
from pipeline.cli import main
from pipeline.workbook import format as F


def init(path: Path, *options: str):
    return CliRunner().invoke(main, ["init", str(path), *options])


@pytest.mark.parametrize("name", ["CON.xlsx", "nul.xlsx", "COM1.xlsx", "lpt9.xlsx", "Aux.ke-hoach.xlsx",
                                  "con .xlsx"])
def test_a_windows_reserved_name_is_refused(name, tmp_path):
    result = init(tmp_path / name)
    assert result.exit_code == 2, result.output
    assert "Windows" in result.output and "tên khác" in result.output, result.output
    assert not any(tmp_path.iterdir())


def test_an_excel_lock_file_name_is_refused(tmp_path):
    result = init(tmp_path / "~$so.xlsx")
    assert result.exit_code == 2, result.output
    assert "~$" in result.output and "Excel" in result.output and "tên khác" in result.output, result.output
    assert not any(tmp_path.iterdir())


def test_a_250_byte_name_is_written(tmp_path):
    name = "Kế hoạch cải cách hành chính " * 10
    name = name.encode()[:245].decode(errors="ignore").rstrip() + ".xlsx"
    assert 240 <= len(name.encode()) <= 250
    result = init(tmp_path / name, "--year", "2026")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert F.SHEET_TASKS in load_workbook(tmp_path / name).sheetnames


def test_a_name_too_long_for_the_disk_says_to_shorten_it(tmp_path):
    result = init(tmp_path / ("x" * 300 + ".xlsx"))
    assert result.exit_code == 2, result.output
    assert "tên tệp quá dài" in result.output and "chọn tên ngắn hơn" in result.output, result.output
    assert not any(tmp_path.iterdir())


def test_three_init_force_at_once_all_succeed(tmp_path):
    target = tmp_path / "so.xlsx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(6):
        runs = [subprocess.Popen([sys.executable, "-m", "pipeline", "init", str(target), "--force"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                for _ in range(3)]
        results = [(run.wait(timeout=HANG_GUARD), run.stderr.read()) for run in runs]
        for run in runs:
            run.stdout.close()
            run.stderr.close()
        assert [code for code, _ in results] == [0, 0, 0], results
    assert [p.name for p in tmp_path.iterdir()] == ["so.xlsx"]
    assert F.SHEET_TASKS in load_workbook(target).sheetnames


def test_a_full_disk_gives_the_message_and_no_traceback(tmp_path):
    """RLIMIT_FSIZE stands in for a full disk: every write past 8 KB fails, as with ENOSPC."""
    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (8_000, 8_000))

    target = tmp_path / "so.xlsx"
    done = subprocess.run([sys.executable, "-m", "pipeline", "init", str(target)], capture_output=True, text=True,
                          preexec_fn=small_files, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=HANG_GUARD)
    assert done.returncode == 1, done.stderr
    assert "không ghi được sổ" in done.stderr and "chỗ trống trên đĩa" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert not any(tmp_path.iterdir())
