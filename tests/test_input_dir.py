"""`--input-dir`: one subfolder per commune as saved from e-mail; lock files and the output folder left out."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import build_workbook, sample, set_info
from pipeline.workbook import format as F
from pipeline.batch import workbooks_in
from pipeline.cli import main


def commune_workbook(path: Path, name: str) -> Path:
    sheets = sample()
    set_info(sheets, F.INFO_ISSUER, f"ỦY BAN NHÂN DÂN XÃ {name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return build_workbook(path, sheets)


@pytest.fixture
def mail_folder(tmp_path) -> Path:
    """Each commune's attachment saved in its own folder, under the same name, with Excel's clutter."""
    folder = tmp_path / "thu-cac-xa"
    commune_workbook(folder / "Xa Hai Dinh" / "bao-cao.xlsx", "HẢI ĐỊNH")
    commune_workbook(folder / "Xa Hai Son" / "bao-cao.xlsx", "HẢI SƠN")
    commune_workbook(folder / "Xa Hai Son" / "dot-2" / "so.XLSX", "HẢI TRƯỜNG")
    (folder / "Xa Hai Dinh" / "~$bao-cao.xlsx").write_bytes(b"\x0bNguyen Van A" + b"\0" * 150)
    (folder / "Xa Hai Dinh" / "ghi-chu.docx").write_bytes(b"not a workbook")
    return folder


def test_workbooks_are_found_in_subfolders_in_path_order(mail_folder):
    found = [p.relative_to(mail_folder).as_posix() for p in workbooks_in(mail_folder)]
    assert found == ["Xa Hai Dinh/bao-cao.xlsx", "Xa Hai Son/bao-cao.xlsx", "Xa Hai Son/dot-2/so.XLSX"]


def test_the_output_folder_inside_the_input_folder_is_skipped(mail_folder):
    commune_workbook(mail_folder / "outputs" / "2024-Q1" / "tong-hop" / "tong-hop.xlsx", "CŨ")
    assert len(workbooks_in(mail_folder, skip=[mail_folder / "outputs"])) == 3
    assert len(workbooks_in(mail_folder)) == 4


def test_a_batch_over_mail_folders_makes_every_commune_and_ignores_lock_files(mail_folder):
    out = mail_folder / "outputs"
    first = CliRunner().invoke(main, ["--input-dir", str(mail_folder), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "3/3 sổ tạo xong (9 tệp), 0 sổ lỗi." in first.stdout
    assert sorted(p.name for p in (out / "2024-Q1").iterdir()) == ["xa-hai-dinh", "xa-hai-son", "xa-hai-truong"]
    rollup = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(mail_folder), "--out", str(out),
                                       "--co-quan", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "--dia-danh", "Quảng Trị",
                                       "--nguoi-ky", "Nguyễn Văn An"])
    assert rollup.exit_code == 0, rollup.output
    again = CliRunner().invoke(main, ["--input-dir", str(mail_folder), "--out", str(out)])
    assert "3/3 sổ tạo xong" in again.stdout  # the roll-up workbook under outputs/ is not a commune


def test_an_empty_input_dir_is_named_not_inputs(tmp_path):
    empty = tmp_path / "cac-xa"
    (empty / "xa-a").mkdir(parents=True)
    (empty / "xa-a" / "~$so.xlsx").write_bytes(b"lock")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["--input-dir", str(empty)])
    finally:
        os.chdir(old)
    assert result.exit_code == 2
    assert f"thư mục {empty} không có sổ Excel (.xlsx) nào, kể cả trong các thư mục con" in result.stderr
    assert "inputs" not in result.stderr
    assert not (tmp_path / "outputs").exists()
