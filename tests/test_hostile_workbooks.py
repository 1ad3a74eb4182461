"""Workbooks built to hang, exhaust memory or crash the reader: one message each, exit 1, in bounded time.

The heavy cases run in a subprocess limited to 500 MB of address space and 20 s (tests/hostile.py).
"""

import os
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import build_workbook, sample, set_info
from hostile import TIME_LIMIT, replace_part, run_limited, worksheet_part
from refusals import run_bad
from pipeline.workbook import format as F
from pipeline.cli import main


def workbook_with(tmp_path: Path, mutate) -> Path:
    sheets = sample()
    mutate(sheets)
    return build_workbook(tmp_path / "so.xlsx", sheets)


# ------------------------------------------------------------------------------ nominal dimensions


def test_a_formatted_cell_at_xfd1048576_is_read_in_bounded_time(tmp_path, sample_workbook):
    part = worksheet_part(sample_workbook, F.SHEET_TASKS)
    replace_part(sample_workbook, part, lambda xml: re.sub(
        rb"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>', xml))
    replace_part(sample_workbook, part, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>',
                                                           b'<dimension ref="A1:XFD1048576"/>', xml))
    result = run_limited(str(sample_workbook), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3 and result.cpu_seconds < TIME_LIMIT


def test_a_merge_over_the_whole_sheet_is_read_in_bounded_time(tmp_path, sample_workbook):
    part = worksheet_part(sample_workbook, F.SHEET_TASKS)
    replace_part(sample_workbook, part, lambda xml: xml.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="H1:XFD1048576"/></mergeCells>'))
    result = run_limited(str(sample_workbook), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.cpu_seconds < TIME_LIMIT


def test_a_merge_from_c1_to_xfd1048576_right_of_a_table_is_read_in_bounded_time(tmp_path, sample_workbook):
    part = worksheet_part(sample_workbook, F.SHEET_RECIPIENTS)  # two columns: C onward is blank formatting
    replace_part(sample_workbook, part, lambda xml: xml.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="C1:XFD1048576"/></mergeCells>'))
    result = run_limited(str(sample_workbook), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3 and result.cpu_seconds < TIME_LIMIT


@pytest.mark.parametrize("row, cell", [(1048576, "XFD1048576"), (1048577, "A1048577"), (5, "XFE5")])
def test_a_value_beyond_any_table_or_beyond_excels_grid_names_its_cell(tmp_path, sample_workbook, row, cell):
    part = worksheet_part(sample_workbook, F.SHEET_TASKS)
    stray = b'<row r="%d"><c r="%s" t="inlineStr"><is><t>x</t></is></c></row>' % (row, cell.encode())
    replace_part(sample_workbook, part, lambda xml: xml.replace(b"</sheetData>", stray + b"</sheetData>"))
    run_bad(sample_workbook, tmp_path / "out", f"Nhiệm vụ!{cell}", "quá xa bảng", "xóa nội dung ô đó")


def test_a_sheet_of_sixty_thousand_rows_is_refused_early_in_bounded_memory(tmp_path, sample_workbook):
    part = worksheet_part(sample_workbook, F.SHEET_RESULTS)
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>1</t></is></c></row>' % (r, r)
                    for r in range(100, 60_100))
    replace_part(sample_workbook, part, lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>"))
    result = run_limited(str(sample_workbook), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "hơn 50.000 dòng, quá lớn so với một kế hoạch" in result.stderr and "xóa các dòng thừa" in result.stderr
    assert str(sample_workbook) in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() and result.cpu_seconds < TIME_LIMIT


# ------------------------------------------------------------------------------ not a regular or readable file


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_like_a_workbook_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "x.xlsx"
    os.mkfifo(fifo)
    result = run_limited(str(fifo), "--out", str(tmp_path / "out"), timeout=120)
    assert result.returncode == 1 and "không phải một tệp Excel thông thường" in result.stderr
    assert str(fifo) in result.stderr


def deny_reading(monkeypatch, denied: Path):
    """Opening `denied` fails as it does without permission (chmod has no effect when tests run as root)."""
    import builtins
    import io

    real_open = io.open

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file) == denied:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(builtins, "open", guarded_open)


def test_an_unreadable_workbook_is_named(tmp_path, sample_workbook, monkeypatch):
    deny_reading(monkeypatch, sample_workbook)
    result = CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "không đọc được tệp (không có quyền truy cập)" in result.stderr
    assert str(sample_workbook) in result.stderr and "Traceback" not in result.output


def test_an_unreadable_workbook_in_a_batch_leaves_the_others_made(tmp_path, monkeypatch):
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    good = workbook_with(folder, lambda s: set_info(s, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ HẢI AN"))
    bad = build_workbook(folder / "khoa.xlsx", sample())
    deny_reading(monkeypatch, bad)
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1
    assert "Tổng kết báo cáo quý I năm 2024: 1/2 sổ tạo xong (3 tệp), 1 sổ lỗi." in result.stdout
    assert f"Lỗi: {bad}: không đọc được tệp (không có quyền truy cập)" in result.stdout
    assert good.exists() and len(list((tmp_path / "out").rglob("*.docx"))) == 3


def test_an_unreadable_folder_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    import os

    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == folder:  # as root, chmod cannot make a folder unreadable
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    for command in ([], ["tong-hop"]):
        result = CliRunner().invoke(main, [*command, "--input-dir", str(folder), "--out", str(tmp_path / "out")])
        assert result.exit_code == 1, result.output
        assert f"thư mục {folder}: không đọc được thư mục (không có quyền truy cập)" in result.stderr
        assert "Traceback" not in result.output


# ------------------------------------------------------------------------------ values that crashed the reader


@pytest.mark.parametrize("number, shown", [("²", "²"), ("9" * 5000, "9" * 30 + "…"), ("١٢", "١٢")])
def test_a_tt_that_only_looks_like_a_number(tmp_path, number, shown):
    def mutate(sheets):
        sheets[F.SHEET_TASKS][0][0] = number

    run_bad(workbook_with(tmp_path, mutate), tmp_path / "out", f"Nhiệm vụ!A2: TT “{shown}” không phải số nguyên dương")


def test_a_deadline_in_year_zero_is_a_vietnamese_message(tmp_path):
    def mutate(sheets):
        sheets[F.SHEET_TASKS][0][5] = "Quý I/0000"

    result = run_bad(workbook_with(tmp_path, mutate), tmp_path / "out", "Nhiệm vụ!F2", "Quý I/0000",
                     "năm 0 không hợp lệ")
    assert "out of range" not in result.stderr


def test_a_lone_surrogate_in_a_cell_is_dropped(tmp_path):
    def mutate(sheets):
        sheets[F.SHEET_TASKS][0][2] = "Giải pháp _xD800_ một"

    result = CliRunner().invoke(main, [str(workbook_with(tmp_path, mutate)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    from docx import Document

    appendix = Document(next((tmp_path / "out").rglob("*phu-luc*.docx")))
    assert "Giải pháp  một" in appendix.tables[0].rows[1].cells[2].text


def test_a_lone_surrogate_in_a_batch_keeps_the_summary(tmp_path):
    folder = tmp_path / "cac-xa"
    folder.mkdir()

    def surrogate_everywhere(sheets):
        set_info(sheets, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ _xD800_ HẢI AN")
        sheets[F.SHEET_TASKS][0][0] = "_xDFFF_"

    workbook_with(folder, surrogate_everywhere)
    build_workbook(folder / "tot.xlsx", sample())
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out"), "-j", "2"])
    assert "Tổng kết báo cáo quý I năm 2024: 1/2 sổ tạo xong (3 tệp), 1 sổ lỗi." in result.stdout, result.output
    assert "Traceback" not in result.output and result.exit_code == 1


def test_a_rollup_skips_a_commune_that_crashes_the_reader_and_says_so(tmp_path, monkeypatch):
    import importlib

    generate = importlib.import_module("pipeline.generate")  # `pipeline.generate` is also a function's name

    folder = tmp_path / "cac-xa"
    folder.mkdir()
    good = build_workbook(folder / "a.xlsx", sample())
    bad = build_workbook(folder / "b.xlsx", sample())
    real_read = generate.read_workbook

    def read(path):
        if Path(path) == bad:
            raise ValueError("a fault of the reader")
        return real_read(path)

    monkeypatch.setattr(generate, "read_workbook", read)
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--out", str(tmp_path / "out"),
                                       "--co-quan", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "--dia-danh", "Quảng Trị",
                                       "--nguoi-ky", "Nguyễn Văn An"])
    assert result.exit_code == 1
    assert "Tổng hợp quý I năm 2024: 1/2 sổ được tính" in result.stdout
    assert "1 sổ không tổng hợp được" in result.stdout
    assert f"Không tổng hợp: {bad}: lỗi không lường trước" in result.stdout
    assert good.exists() and len(list((tmp_path / "out").rglob("*.xlsx"))) == 1


def test_a_rollup_says_how_to_fix_a_workbook_it_leaves_out(tmp_path):
    """A text file saved as .xlsx: the roll-up's line says what it is and what to do, as a unit's own run does."""
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    build_workbook(folder / "a.xlsx", sample())
    (folder / "b.xlsx").write_text("TT;Nhiệm vụ\n1;Rà soát", encoding="utf-8")
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--out", str(tmp_path / "out"),
                                       "--co-quan", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "--dia-danh", "Quảng Trị",
                                       "--nguoi-ky", "Nguyễn Văn An"])
    line = next(line for line in result.stdout.splitlines() if line.strip().startswith("Không tổng hợp:"))
    assert "không phải sổ Excel" in line and "Save As" in line, line
    assert result.exit_code == 1 and "Traceback" not in result.output


# ------------------------------------------------------------------------------ text typed in cells


def test_docxtpl_escapes_typed_in_a_cell_come_out_as_typed(tmp_path):
    def mutate(sheets):
        sheets[F.SHEET_TASKS][0][2] = "Ghi {_{ a }_} và {_% b %_}"

    result = CliRunner().invoke(main, [str(workbook_with(tmp_path, mutate)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(next((tmp_path / "out").rglob("*phu-luc*.docx"))) as zf:
        xml = zf.read("word/document.xml").decode()
    assert "Ghi {_{ a }_} và {_% b %_}" in xml


def test_control_characters_in_messages_are_escaped(tmp_path):
    def mutate(sheets):
        sheets[F.SHEET_TASKS][0][0] = "1\nĐã tạo: C:\\gia-mao.docx\u202e\u009b2J"

    result = run_bad(workbook_with(tmp_path, mutate), tmp_path / "out", "\\nĐã tạo: C:")
    assert "\u202e" not in result.output and "\u009b" not in result.output
    assert not any(line.startswith("Đã tạo") for line in result.output.splitlines())


@pytest.mark.parametrize("name", ["CON", "NUL", "COM1", "AUX", "PRN", "LPT1"])
def test_windows_device_names_are_not_used_as_folders(tmp_path, name):
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    workbook_with(folder, lambda s: set_info(s, F.INFO_ISSUER, name))
    build_workbook(folder / "b.xlsx", sample())
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    folders = {p.name.lower() for p in (tmp_path / "out" / "2024-Q1").iterdir()}
    assert name.lower() not in folders and f"{name.lower()}_" in folders


def test_a_very_long_agency_name_is_shortened_not_refused(tmp_path):
    long_name = "ỦY BAN NHÂN DÂN XÃ " + "HẢI ĐỊNH " * 40
    result = CliRunner().invoke(main, [str(workbook_with(tmp_path, lambda s: set_info(s, F.INFO_ISSUER, long_name))),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    names = [p.name for p in (tmp_path / "out").rglob("*.docx")]
    assert len(names) == 3 and all(len(n.encode()) <= 200 for n in names)


# ------------------------------------------------------------------------------ Ctrl+C


# A sitecustomize holds the batch at a chosen point (a worker rendering the sixth workbook, or the
# parent about to rename the second commune's files), says so with a marker file, and waits there: the
# interruption then lands where the test means it to, however fast or loaded the machine is.
HOLD_HOOK = """
import os, pathlib, time
phase, marker = os.environ["HOLD_PHASE"], pathlib.Path(os.environ["HOLD_MARKER"])

def hold():
    marker.touch()
    time.sleep(60)

if phase == "render":
    import pipeline.batch as batch
    original_render = batch.render_workbook
    def render_workbook(workbook, *args, **kwargs):
        if workbook.name == "05.xlsx":
            hold()
        return original_render(workbook, *args, **kwargs)
    batch.render_workbook = render_workbook
elif phase == "rename":  # Ctrl+C between two renames of the first commune's set
    import signal
    original_os_replace, renames = os.replace, []
    def replace(source, target):
        renames.append(target)
        if len(renames) == 2:
            os.kill(os.getpid(), signal.SIGINT)
        return original_os_replace(source, target)
    os.replace = replace
else:
    import pipeline.output as output
    original_replace, calls = output._replace_targets, []
    def _replace_targets(temps):
        calls.append(temps)
        if len(calls) == 2:  # the first commune's set is in place, the second's not yet
            hold()
        return original_replace(temps)
    output._replace_targets = _replace_targets
"""


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to a process group")
@pytest.mark.parametrize("phase", ["render", "write", "rename"])
def test_ctrl_c_during_a_batch_prints_only_the_message(tmp_path, phase):
    import signal
    import subprocess
    import sys
    import time

    from hostile import ROOT

    folder = tmp_path / "cac-xa"
    folder.mkdir()
    for i in range(12):
        workbook_with(folder, lambda s, i=i: set_info(s, F.INFO_ISSUER, f"ỦY BAN NHÂN DÂN XÃ SỐ {i}"))
        (folder / "so.xlsx").rename(folder / f"{i:02d}.xlsx")
    out, scratch, hook = tmp_path / "out", tmp_path / "tmp", tmp_path / "hook"
    scratch.mkdir()
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOLD_HOOK)
    marker = tmp_path / "held"
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "--input-dir", str(folder), "--out", str(out),
                                "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True,
                               # as from a terminal: a shell's `&` would have the batch start with Ctrl+C ignored
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                               env={**os.environ, "PYTHONPATH": f"{hook}{os.pathsep}{ROOT}", "TMPDIR": str(scratch),
                                    "HOLD_PHASE": phase, "HOLD_MARKER": str(marker)})
    try:
        while phase != "rename" and not marker.exists():
            assert process.poll() is None, process.communicate()[1]
            time.sleep(0.01)
        if phase != "rename":
            os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl+C: the whole group
        stdout, stderr = process.communicate(timeout=300)  # a hang guard only: a loaded machine takes its time
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.strip().startswith("Đã dừng (Ctrl+C).")
    # Nothing half-written: no temporary file anywhere, no spooled run left, no commune's set in part.
    assert not [p for p in out.rglob("*") if p.is_file() and p.suffix != ".docx"]
    assert not any(scratch.iterdir())
    written = [d for d in out.rglob("*") if d.is_dir() and any(f.is_file() for f in d.iterdir())]
    assert len(written) == (0 if phase == "render" else 1), written
    for commune in written:
        assert sorted(p.name.split("_")[1] for p in commune.glob("*.docx")) == [
            "bao-cao-quy-1-2024.docx", "ke-hoach-2024.docx", "phu-luc-ke-hoach-2024.docx"]


def test_a_rollup_where_every_commune_fails_names_each(tmp_path):
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(b"")
    (folder / "b.xlsx").write_bytes(b"PK\x03\x04 cut")
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--out", str(tmp_path / "out"),
                                       "--co-quan", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "--dia-danh", "Quảng Trị",
                                       "--nguoi-ky", "Nguyễn Văn An"])
    assert result.exit_code == 1
    assert f"{folder / 'a.xlsx'}: tệp rỗng" in result.stderr and f"{folder / 'b.xlsx'}: tệp bị hỏng" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_fault_outside_any_workbook_is_one_line_not_a_traceback(tmp_path, sample_workbook):
    from hostile import ROOT

    # A sitecustomize breaks the issuer reader in the child process only: a fault the program did not foresee.
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import pipeline.workbook.reader as w\n"
        "def broken(path):\n    raise TypeError('boom')\n"
        "w.read_issuer_workbook = broken\n")
    result = run_limited("tong-hop", str(sample_workbook), "--thong-tin", str(sample_workbook), "--out",
                         str(tmp_path / "out"), env={"PYTHONPATH": f"{hook}{os.pathsep}{ROOT}"})
    assert result.returncode == 1, result.stderr
    assert "lỗi không lường trước của chương trình (TypeError)" in result.stderr and "--debug" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("rows, refused", [(50_000, False), (50_001, True)])
def test_rows_are_counted_exactly_across_chunk_boundaries(rows, refused):
    import io

    from pipeline.safety.package import UnsafePackage, inspect_package

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        # Odd-sized rows so that tags fall across every position of the 1 MB chunk edges.
        body = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, rows + 1))
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet><sheetData>" + body + b"</sheetData></worksheet>")
    with zipfile.ZipFile(buffer) as zf:
        if refused:
            with pytest.raises(UnsafePackage, match="hơn 50.000 dòng"):
                inspect_package(zf)
        else:
            assert inspect_package(zf).names == {"xl/worksheets/sheet1.xml"}


def test_thousands_of_problems_print_the_first_hundred_and_a_count(tmp_path):
    def bad_rows(sheets):
        sheets[F.SHEET_RESULTS] += [[1, "I", f"Sai {n}", None, None, None] for n in range(300)]

    result = run_bad(workbook_with(tmp_path, bad_rows), tmp_path / "out", "có 300 lỗi", "… và 200 lỗi khác")
    assert len(result.stderr.splitlines()) == 102
