"""The command line, driven with click's CliRunner."""

import os
from pathlib import Path

from click.testing import CliRunner

from builders import build_workbook, sample
from pipeline.workbook import format as F
from pipeline.cli import main


def invoke(*args, cwd=None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args))
    finally:
        os.chdir(old)


def test_default_run_uses_the_workbook_in_inputs_and_prints_each_file(tmp_path):
    (tmp_path / "inputs").mkdir()
    build_workbook(tmp_path / "inputs" / "so.xlsx", sample())
    result = invoke(cwd=tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines == [
        f"Đã tạo: {Path('outputs/2024-Q1/xa-hai-dinh_ke-hoach-2024.docx')}",
        f"Đã tạo: {Path('outputs/2024-Q1/xa-hai-dinh_phu-luc-ke-hoach-2024.docx')}",
        f"Đã tạo: {Path('outputs/2024-Q1/xa-hai-dinh_bao-cao-quy-1-2024.docx')}",
    ]
    assert all((tmp_path / line.split(": ", 1)[1]).is_file() for line in lines)
    assert all(line.split(": ", 1)[1].isascii() and " " not in line.split(": ", 1)[1] for line in lines)


def test_out_and_quarter_options(tmp_path, sample_workbook):
    result = invoke(str(sample_workbook), "--quarter", "I", "--out", str(tmp_path / "kq"))
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "kq" / "2024-Q1").glob("*.docx"))) == 3


def test_a_quarter_without_a_report_row_is_an_error(tmp_path, sample_workbook):
    result = invoke(str(sample_workbook), "--quarter", "3", "--out", str(tmp_path / "kq"))
    assert result.exit_code == 1
    assert f"Lỗi: {sample_workbook}: sổ không có dòng “Báo cáo quý III”" in result.stderr
    assert not (tmp_path / "kq").exists()


def test_invalid_input_exits_1_lists_every_problem_and_writes_nothing(tmp_path):
    sheets = sample()
    sheets[F.SHEET_TASKS][0][0] = "một"
    sheets[F.SHEET_RESULTS][0][2] = "Xong"
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    result = invoke(str(path), "--out", str(tmp_path / "kq"))
    assert result.exit_code == 1
    assert "Nhiệm vụ!A2: TT “một” không phải số nguyên dương — nhập số thứ tự 1, 2, 3…" in result.stderr
    assert "Kết quả!C2: tình trạng “Xong” không hợp lệ" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "kq").exists()


def test_usage_errors_exit_2(tmp_path):
    assert invoke("--quarter", "7").exit_code == 2
    result = invoke(cwd=tmp_path)  # no inputs/ folder
    assert result.exit_code == 2 and "không có sổ Excel nào" in result.stderr


def test_warnings_are_printed(tmp_path):
    sheets = sample()
    del sheets[F.SHEET_RESULTS][2]  # task 3 has no quý I row
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    result = invoke(str(path), "--out", str(tmp_path / "kq"))
    assert result.exit_code == 0
    assert "Cảnh báo: Kết quả: 1 nhiệm vụ chưa có kết quả quý I: 3 — thêm dòng" in result.stderr


def test_help_explains_every_option_in_vietnamese():
    result = invoke("tao", "--help")
    assert result.exit_code == 0
    for option, words in {"--quarter": "Quý cần báo cáo", "--out": "Thư mục ghi kết quả",
                          "--templates": "mẫu Word", "--pdf": "PDF", "--debug": "traceback"}.items():
        assert option in result.output and words in result.output
    assert "Tạo văn bản từ sổ Excel" in invoke("--help").output


def test_every_command_is_documented_with_an_example():
    for name, command in main.commands.items():
        assert command.help and "Ví dụ" in command.help, name
