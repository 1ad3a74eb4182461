"""Output is all or nothing, never half-written, never outside the output folder; input untouched."""

import hashlib
import os

import pytest
from click.testing import CliRunner

from builders import build_workbook, sample, set_info
from pipeline import output
from pipeline.workbook import format as F
from pipeline.cli import main


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def previous_run(tmp_path, sample_workbook):
    """An output folder holding a previous run's files."""
    out = tmp_path / "out"
    assert CliRunner().invoke(main, [str(sample_workbook), "--out", str(out)]).exit_code == 0
    sheets = sample()
    sheets[F.SHEET_TASKS][0][2] = "Giải pháp đã sửa"
    return out, build_workbook(tmp_path / "moi.xlsx", sheets)


def test_the_workbook_is_never_modified(tmp_path, sample_workbook):
    before = hashlib.sha256(sample_workbook.read_bytes()).hexdigest()
    stat = sample_workbook.stat()
    assert CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")]).exit_code == 0
    assert hashlib.sha256(sample_workbook.read_bytes()).hexdigest() == before
    assert sample_workbook.stat().st_mtime_ns == stat.st_mtime_ns


def test_an_unwritable_target_is_named_and_no_file_is_half_done(previous_run):
    out, workbook = previous_run
    folder = out / "2024-Q1"
    locked = folder / "xa-hai-dinh_bao-cao-quy-1-2024.docx"
    locked.unlink()
    locked.mkdir()  # stands for a file Word holds open: it cannot be opened for writing
    before = snapshot(out)
    result = CliRunner().invoke(main, [str(workbook), "--out", str(out)])
    assert result.exit_code == 1
    assert f"Lỗi ghi tệp: {locked}" in result.stderr and "đóng tệp trong Word" in result.stderr
    assert snapshot(out) == before  # the plan and appendix were not replaced either
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("step", ["make_temp", "sync_to_disk"])
def test_an_interruption_while_writing_leaves_the_old_files_whole(previous_run, monkeypatch, step):
    """Ctrl+C while the second temporary file is made, or while they are synced to the disk."""
    out, workbook = previous_run
    before = snapshot(out)
    real, calls = getattr(output, step), []

    def interrupted(*args):
        calls.append(args)
        if len(calls) == (2 if step == "make_temp" else 1):
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(output, step, interrupted)
    result = CliRunner().invoke(main, [str(workbook), "--out", str(out)])
    assert result.exit_code == 130 and "Đã dừng (Ctrl+C)" in result.stderr
    assert calls and snapshot(out) == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_files_reach_the_disk_before_any_is_renamed(tmp_path, sample_workbook, monkeypatch):
    """One sync for the run's temporary files, then the renames: never a target without its bytes."""
    events = []
    real_sync, real_replace = output.sync_to_disk, os.replace

    def sync(paths):
        events.append(("sync", len(paths)))
        real_sync(paths)

    def replace(src, dst):
        events.append(("replace", os.path.basename(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(output, "sync_to_disk", sync)
    monkeypatch.setattr(output.os, "replace", replace)
    assert CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")]).exit_code == 0
    assert events[0] == ("sync", 3) and [e[0] for e in events[1:]] == ["replace"] * 3


def test_an_interruption_between_renames_leaves_each_file_old_or_new(previous_run, monkeypatch):
    out, workbook = previous_run
    before = snapshot(out)
    real_replace, calls = os.replace, []

    def interrupted_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", interrupted_replace)
    assert CliRunner().invoke(main, [str(workbook), "--out", str(out)]).exit_code == 130
    after = snapshot(out)
    assert set(after) == set(before)
    changed = [name for name in after if after[name] != before[name]]
    assert [name.name for name in changed] == ["xa-hai-dinh_ke-hoach-2024.docx"]
    from docx import Document

    Document(str(out / changed[0]))  # the new file is whole


@pytest.mark.parametrize("issuer", ["../../NGOÀI", "ỦY BAN NHÂN DÂN XÃ /etc/passwd", "A\\..\\..\\B", "C:\\Windows", ".."])
def test_output_paths_cannot_escape_the_output_folder(tmp_path, issuer):
    sheets = sample()
    set_info(sheets, F.INFO_ISSUER, issuer)
    out = tmp_path / "a" / "out"
    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.rglob("*.docx")]
    assert len(written) == 3
    for path in written:
        assert path.resolve().is_relative_to(out.resolve())
        assert path.name.isascii() and "/" not in path.name and "\\" not in path.name and ":" not in path.name


def test_safe_child_refuses_separators():
    for name in ("../x.docx", "a/b.docx", "a\\b.docx", "c:x.docx", "..", ""):
        with pytest.raises(output.OutputProblem):
            output.safe_child(output.Path("/tmp"), name)


def test_new_files_get_the_users_default_mode_and_replaced_ones_keep_theirs(tmp_path, sample_workbook):
    import stat

    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        assert CliRunner().invoke(main, [str(sample_workbook), "--out", str(out)]).exit_code == 0
        files = sorted(out.rglob("*.docx"))
        assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o644}
        files[0].chmod(0o640)
        assert CliRunner().invoke(main, [str(sample_workbook), "--out", str(out)]).exit_code == 0
        assert stat.S_IMODE(files[0].stat().st_mode) == 0o640
    finally:
        os.umask(old)
