"""Small holes of round three (issue 20 §4): each gets one Vietnamese message, the right exit code, no traceback.

A `Báo cáo năm 2019` row in a 2024 workbook, an out-of-range Excel date (openpyxl's English warning),
an unreadable workbook (exit 2, "usage error"), a broken link in an input folder (skipped silently),
Ctrl+C while the program starts (a traceback).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import build_workbook, sample
from hostile import HANG_GUARD, ROOT
from pipeline.cli import main
from pipeline.workbook import format as F
from refusals import run_bad


def run(*args: str, cwd: Path | None = None, prefix: tuple[str, ...] = (), env: dict | None = None):
    return subprocess.run([*prefix, sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=HANG_GUARD, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def with_year_report(label_year: int | None = None):
    """The sample with a `Báo cáo năm …` row (a copy of its quarter report's row), and the plan's year."""
    sheets = sample()
    year = next(row[1] for row in sheets[F.SHEET_INFO] if row[0] == F.INFO_YEAR)
    row = list(next(r for r in sheets[F.SHEET_DOCUMENTS] if str(r[0]).startswith("Báo cáo")))
    row[0] = f"Báo cáo năm {label_year or year}"
    sheets[F.SHEET_DOCUMENTS].append(row)
    return sheets, year


def test_a_report_row_of_another_year_is_refused(tmp_path):
    sheets, year = with_year_report(2019)
    assert year != 2019
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    result = run_bad(path, tmp_path / "out", f"“Báo cáo năm 2019” ghi năm 2019, khác năm của kế hoạch ({year})",
                     f"Báo cáo năm {year}")
    assert f"{F.SHEET_DOCUMENTS}!A" in result.stderr


def test_a_report_row_of_the_same_year_is_still_read(tmp_path):
    sheets, year = with_year_report()
    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--ky", "nam",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


def test_an_out_of_range_excel_date_gives_no_english_warning(tmp_path):
    path = build_workbook(tmp_path / "so.xlsx", sample())
    wb = load_workbook(path)
    ws = wb[F.SHEET_TASKS]
    column = [c.value for c in ws[1]].index(F.TASK_DEADLINE) + 1
    cell = ws.cell(2, column)
    cell.value = 99_999_999
    cell.number_format = "dd/mm/yyyy"
    wb.save(path)
    result = run(str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    assert f"{F.SHEET_TASKS}!{cell.coordinate}" in result.stderr, result.stderr
    assert "Warning" not in result.stderr and "openpyxl" not in result.stderr and "site-packages" not in result.stderr
    assert "Traceback" not in result.stderr


def without_file_access() -> tuple[str, ...]:
    """A prefix that runs a command without root's right to read any file (mode 000 means nothing to root)."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("root without setpriv: a mode-000 file is readable")
    return ("setpriv", "--bounding-set", "-dac_override,-dac_read_search")


@pytest.mark.parametrize("command", [(), ("check",)])
def test_an_unreadable_file_is_an_input_error_not_a_usage_error(command, tmp_path):
    path = build_workbook(tmp_path / "so.xlsx", sample())
    if command:
        path = path.rename(tmp_path / "vb.docx")
    path.chmod(0)
    try:
        result = run(*command, str(path), "--out", str(tmp_path / "out"), prefix=without_file_access()) if not command \
            else run(*command, str(path), prefix=without_file_access())
    finally:
        path.chmod(0o644)
    assert result.returncode == 1, result.stderr
    assert "không đọc được tệp (không có quyền truy cập)" in result.stderr and str(path) in result.stderr
    assert "Lỗi cách dùng" not in result.stderr and "Traceback" not in result.stderr


def test_a_broken_link_in_an_input_folder_is_reported(tmp_path):
    folder = tmp_path / "so"
    folder.mkdir()
    build_workbook(folder / "xa-a.xlsx", sample())
    (folder / "xa-b.xlsx").symlink_to(tmp_path / "da-xoa.xlsx")
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "xa-b.xlsx" in result.stderr and "lối tắt" in result.stderr, result.stderr
    assert list((tmp_path / "out").rglob("*.docx"))


def test_ctrl_c_while_starting_prints_one_line(tmp_path):
    """Ctrl+C arriving while the modules load: a sitecustomize raises it at the first import of ours."""
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'pipeline.errors':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n")
    result = run("--help", env={"PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"})
    assert "Đã dừng (Ctrl+C)" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
    assert result.returncode in (130, -2)


@pytest.mark.parametrize("how", ["workbook", "input-dir", "check"])
def test_a_link_to_itself_is_reported_not_a_crash(how, tmp_path):
    """A symbolic link that points at itself (ELOOP): `resolve()` raised RuntimeError, "lỗi không lường trước"."""
    folder = tmp_path / "so"
    folder.mkdir()
    build_workbook(folder / "xa-a.xlsx", sample())
    loop = folder / ("vong.docx" if how == "check" else "vong.xlsx")
    loop.symlink_to(loop)
    args = {"workbook": [str(loop)], "input-dir": ["--input-dir", str(folder)], "check": ["check", str(loop)]}[how]
    result = CliRunner().invoke(main, [*args, *(["--out", str(tmp_path / "out")] if how != "check" else [])])
    assert result.exit_code == 1, result.output
    assert loop.name in result.stderr and "trỏ lại chính nó" in result.stderr, result.stderr
    assert "không lường trước" not in result.stderr and "Traceback" not in result.stderr
    if how == "input-dir":
        assert list((tmp_path / "out").rglob("*.docx"))


def test_an_output_file_that_is_a_link_to_elsewhere_is_refused_and_left_alone(tmp_path, sample_workbook):
    """A link where a document goes (planted, or left by another program) would make the run write
    outside its folder: the run is refused and the file it points to keeps its bytes."""
    out = tmp_path / "out"
    first = CliRunner().invoke(main, [str(sample_workbook), "--out", str(out)])
    assert first.exit_code == 0, first.output
    target = next(out.rglob("*.docx"))
    elsewhere = tmp_path / "elsewhere.docx"
    elsewhere.write_bytes(b"not to be touched")
    target.unlink()
    target.symlink_to(elsewhere)
    result = CliRunner().invoke(main, [str(sample_workbook), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "trỏ ra ngoài thư mục kết quả" in result.stderr, result.stderr
    assert elsewhere.read_bytes() == b"not to be touched" and target.is_symlink()
