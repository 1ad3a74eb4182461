"""Many communes in one run: per-commune folders, bad workbooks skipped and listed, same bytes for any --jobs."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import build_workbook, sample, set_info
from pipeline.workbook import format as F
from pipeline.cli import main

COMMUNES = ["HẢI ĐỊNH", "HẢI SƠN", "HẢI TRƯỜNG", "HẢI PHONG"]


@pytest.fixture
def folder(tmp_path) -> Path:
    inputs = tmp_path / "cac-xa"
    inputs.mkdir()
    for i, name in enumerate(COMMUNES):
        sheets = sample()
        set_info(sheets, F.INFO_ISSUER, f"ỦY BAN NHÂN DÂN XÃ {name}")
        sheets[F.SHEET_RESULTS] = sheets[F.SHEET_RESULTS][: 9 - i]  # a different picture per commune
        build_workbook(inputs / f"{i:02d}.xlsx", sheets)
    return inputs


def snapshot(out: Path) -> dict:
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_every_commune_gets_its_own_folder(folder, tmp_path):
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    folders = sorted(p.name for p in (tmp_path / "out" / "2024-Q1").iterdir())
    assert folders == ["xa-hai-dinh", "xa-hai-phong", "xa-hai-son", "xa-hai-truong"]
    for name in folders:
        assert len(list((tmp_path / "out" / "2024-Q1" / name).glob("*.docx"))) == 3
    assert "Tổng kết báo cáo quý I năm 2024: 4/4 sổ tạo xong (12 tệp), 0 sổ lỗi." in result.stdout


def test_a_bad_workbook_is_listed_and_the_others_are_made(folder, tmp_path):
    (folder / "02.xlsx").write_text("không phải Excel")
    sheets = sample()
    sheets[F.SHEET_RESULTS][0][2] = "Xong"
    build_workbook(folder / "09.xlsx", sheets)
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Tổng kết báo cáo quý I năm 2024: 3/5 sổ tạo xong (9 tệp), 2 sổ lỗi." in result.stdout
    assert f"Lỗi: {folder / '02.xlsx'}: đây không phải sổ Excel" in result.stdout
    assert f"Lỗi: {folder / '09.xlsx'}: Kết quả!C2: tình trạng “Xong” không hợp lệ" in result.stdout
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 9


def test_output_is_the_same_bytes_for_one_or_two_jobs(folder, tmp_path):
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / jobs), "--jobs", jobs])
        assert result.exit_code == 0, result.output
    one, two = snapshot(tmp_path / "1"), snapshot(tmp_path / "2")
    assert len(one) == 12 and one == two


def test_documents_wait_beside_their_targets_while_the_others_render(folder, tmp_path, monkeypatch):
    """Each run's documents are written as temporary files as soon as it is rendered, not held in
    memory until the last workbook: when the last one arrives, the first ones' are on the disk."""
    import pipeline.staging as staging

    out = tmp_path / "out"
    seen_on_disk = []
    real_stage = staging.stage_files

    def stage(file_set):
        staged = real_stage(file_set)
        seen_on_disk.append(sorted(p.name for p in out.rglob(".~*.tmp")))
        return staged

    monkeypatch.setattr(staging, "stage_files", stage)
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert [len(names) for names in seen_on_disk] == [3, 6, 9, 12]  # none renamed before the last
    assert not list(out.rglob(".~*")) and len(list(out.rglob("*.docx"))) == 12
    single = tmp_path / "single"
    for workbook in sorted(folder.glob("*.xlsx")):  # the same bytes as each made on its own
        assert CliRunner().invoke(main, [str(workbook), "--out", str(single / workbook.stem)]).exit_code == 0
    made = {p.name: p.read_bytes() for p in out.rglob("*.docx")}
    alone = {p.name: p.read_bytes() for p in single.rglob("*.docx")}
    assert made == alone


def test_an_interrupted_batch_leaves_neither_documents_nor_temporary_files(folder, tmp_path, monkeypatch):
    import pipeline.batch as batch

    real_accept = batch._accept_one

    def interrupted(workbook, *args):
        if workbook.name == "02.xlsx":  # every run is staged by then; two are accepted
            raise KeyboardInterrupt
        return real_accept(workbook, *args)

    monkeypatch.setattr(batch, "_accept_one", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        batch.generate_batch(sorted(folder.glob("*.xlsx")), out, jobs=2)
    assert [p for p in out.rglob("*") if p.is_file()] == []


def test_a_refused_workbook_leaves_no_temporary_files(folder, tmp_path):
    sheets = sample()  # Hải Định again, different content: both of its workbooks are refused
    sheets[F.SHEET_RESULTS] = sheets[F.SHEET_RESULTS][:3]
    build_workbook(folder / "99.xlsx", sheets)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert not list(out.rglob(".~*"))
    assert sorted(p.name for p in (out / "2024-Q1").iterdir()) == ["xa-hai-phong", "xa-hai-son", "xa-hai-truong"]


def test_several_workbooks_as_arguments(folder, tmp_path):
    paths = sorted(str(p) for p in folder.glob("*.xlsx"))[:2]
    result = CliRunner().invoke(main, [*paths, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out" / "2024-Q1").iterdir()) == ["xa-hai-dinh", "xa-hai-son"]


def test_two_workbooks_of_the_same_commune_do_not_overwrite_each_other(folder, tmp_path):
    build_workbook(folder / "99.xlsx", sample())  # Hải Định again, the same content: made once
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"{folder / '99.xlsx'}: trùng nội dung với sổ {folder / '00.xlsx'} nên văn bản chỉ tạo một lần" in result.stderr
    # A copy is not a commune done: a trial read `5/5 sổ tạo xong` as five communes.
    assert ("4/5 sổ tạo xong (12 tệp), 1 sổ trùng nội dung với sổ khác (văn bản chỉ tạo một lần), 0 sổ lỗi."
            in result.stdout)
    sheets = sample()
    sheets[F.SHEET_RESULTS] = sheets[F.SHEET_RESULTS][:5]  # Hải Định again, another picture: neither is made
    build_workbook(folder / "99.xlsx", sheets)
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out2")])
    assert result.exit_code == 1
    assert "2 sổ khác nhau của cùng Xã Hải Định năm 2024 (00.xlsx, 99.xlsx)" in result.stderr
    assert not (tmp_path / "out2" / "2024-Q1" / "xa-hai-dinh").exists()


def test_quiet_prints_only_the_summary_and_no_progress_off_a_terminal(folder, tmp_path):
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines() == ["Tổng kết báo cáo quý I năm 2024: 4/4 sổ tạo xong (12 tệp), 0 sổ lỗi."]
    noisy = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out2")])
    assert "Đang tạo văn bản" not in noisy.output  # CliRunner is not a terminal


def test_the_progress_bar_shows_on_a_terminal(folder, tmp_path, monkeypatch):
    import sys

    from pipeline.cli import generate as cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    bar = cli.progress_bar(len(COMMUNES), quiet=False)
    assert bar.shown
    assert not cli.progress_bar(len(COMMUNES), quiet=True).shown
    assert not cli.progress_bar(2, quiet=False).shown


def test_a_workbook_named_twice_is_made_once(folder, tmp_path):
    path = str(sorted(folder.glob("*.xlsx"))[0])
    result = CliRunner().invoke(main, [path, path, "--input-dir", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Tổng kết báo cáo quý I năm 2024: 4/4 sổ tạo xong (12 tệp), 0 sổ lỗi." in result.stdout


def test_a_batch_reports_one_period_for_all_and_names_those_without_it(tmp_path):
    from year import year_sheets

    folder = tmp_path / "cac-xa"
    folder.mkdir()
    ahead = year_sheets(2)
    set_info(ahead, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ")
    behind = year_sheets(1)
    set_info(behind, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ AN LỘC")
    build_workbook(folder / "tan-phu.xlsx", ahead)
    build_workbook(folder / "an-loc.xlsx", behind)
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Tổng kết báo cáo quý II năm 2026: 1/2 sổ tạo xong (3 tệp), 1 sổ lỗi." in result.stdout
    assert (f"Lỗi: {folder / 'an-loc.xlsx'}: chưa có kết quả quý II năm 2026; kết quả mới nhất là quý I năm 2026"
            in result.stdout)
    assert sorted(p.parent.name for p in (tmp_path / "out").rglob("*.docx")) == ["xa-tan-phu"] * 3
    assert not (tmp_path / "out" / "2026-Q1").exists()


def test_a_batch_over_two_plan_years_names_both_in_its_summary(tmp_path):
    from year import year_sheets

    folder = tmp_path / "cac-xa"
    folder.mkdir()
    build_workbook(folder / "hai-dinh-2024.xlsx", sample())
    build_workbook(folder / "tan-phu-2026.xlsx", year_sheets(1))
    result = CliRunner().invoke(main, ["--input-dir", str(folder), "--ky", "quy-1", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Tổng kết báo cáo quý I (năm 2024, 2026): 2/2 sổ tạo xong (6 tệp), 0 sổ lỗi." in result.stdout
    assert {p.parent.parent.name for p in (tmp_path / "out").rglob("*.docx")} == {"2024-Q1", "2026-Q1"}


def test_a_batch_syncs_once_then_renames_a_chunk_at_a_time_and_outcomes_keep_their_order(folder, tmp_path,
                                                                                         monkeypatch):
    """Every staged file reaches the disk in one sync, before the first rename; each sync otherwise
    waits for its own journal commit, once a chunk of communes."""
    import os

    from pipeline import batch, output
    from pipeline.batch import generate_batch, workbooks_in

    (folder / "01b.xlsx").write_text("không phải Excel")  # a failure between two chunks' communes
    events, done = [], []
    real_sync, real_replace = output.sync_to_disk, os.replace
    monkeypatch.setattr(output, "sync_to_disk", lambda paths: events.append(("sync", len(paths))) or real_sync(paths))
    monkeypatch.setattr("pipeline.staging.sync_to_disk", output.sync_to_disk)
    monkeypatch.setattr(output.os, "replace", lambda a, b: events.append(("rename", 1)) or real_replace(a, b))
    monkeypatch.setattr(batch, "WRITE_CHUNK", 3)
    outcomes = generate_batch(workbooks_in(folder), tmp_path / "out", jobs=1,
                              on_done=lambda o: done.append(o) or events.append(("done", 1)))
    assert [o.workbook.name for o in done] == ["00.xlsx", "01.xlsx", "01b.xlsx", "02.xlsx", "03.xlsx"]
    assert [o.ok for o in outcomes] == [True, True, False, True, True]
    assert events[0] == ("sync", 4)   # the four communes' folders, once
    assert [kind for kind, _ in events[1:]] == ["rename"] * 9 + ["done"] * 4 + ["rename"] * 3 + ["done"]
    assert all(len(o.written) == 3 and all(p.exists() for p in o.written) for o in outcomes if o.ok)


def test_when_the_batch_sync_fails_each_chunk_syncs_its_own_files(folder, tmp_path, monkeypatch):
    from pipeline import batch, output
    from pipeline.batch import generate_batch, workbooks_in

    syncs = []
    real_sync = output.sync_to_disk

    def failing_once(paths):
        syncs.append(len(paths))
        if len(syncs) == 1:
            raise OSError(5, "Input/output error")
        real_sync(paths)

    monkeypatch.setattr(output, "sync_to_disk", failing_once)
    monkeypatch.setattr("pipeline.staging.sync_to_disk", failing_once)
    monkeypatch.setattr(batch, "WRITE_CHUNK", 3)
    outcomes = generate_batch(workbooks_in(folder), tmp_path / "out", jobs=1)
    assert syncs == [4, 9, 3] and all(o.ok for o in outcomes)


def test_when_the_disk_fails_no_file_of_a_batch_is_replaced(folder, tmp_path, monkeypatch):
    from pipeline import output
    from pipeline.batch import generate_batch, workbooks_in

    def failing(paths):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(output, "sync_to_disk", failing)
    monkeypatch.setattr("pipeline.staging.sync_to_disk", failing)
    outcomes = generate_batch(workbooks_in(folder), tmp_path / "out", jobs=1)
    assert all(not o.ok and "không ghi được" in o.error.summary() for o in outcomes)
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]


def test_what_a_workbook_holds_is_digested_only_for_a_unit_with_several(folder, tmp_path, monkeypatch):
    """The digest that tells copies from conflicts costs a twentieth of a commune's run: a batch
    works it out only for units that have more than one workbook, reading those again."""
    import importlib

    import pipeline.batch as batch
    import pipeline.domain.units as units

    generate = importlib.import_module("pipeline.generate")   # the package's `generate` is the function

    digested = []
    real = units.content_digest

    def counted(plan):
        digested.append(Path(plan.source).name)
        return real(plan)

    monkeypatch.setattr(units, "content_digest", counted)
    monkeypatch.setattr(generate, "content_digest", counted)
    build_workbook(folder / "99.xlsx", sample())  # Hải Định again, the same content
    outcomes = batch.generate_batch(sorted(folder.glob("*.xlsx")), tmp_path / "out", jobs=1)
    assert sorted(digested) == ["00.xlsx", "99.xlsx"]
    copy = next(o for o in outcomes if o.workbook.name == "99.xlsx")
    assert copy.ok and not copy.written and "trùng nội dung với sổ" in copy.warnings[0].message
