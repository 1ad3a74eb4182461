"""A `Lĩnh vực` sheet's codes (issue 20 §4): `①` is refused at its cell, `01` is field 1."""

from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from builders import build_workbook
from pipeline.cli import main
from pipeline.domain.cchc_fields import OTHER_TASKS, group_by_field
from pipeline.workbook import format as F
from pipeline.workbook.reader import read_workbook
from year import year_sheets


def with_field_sheet(path: Path, rows) -> Path:
    wb = load_workbook(path)
    ws = wb.create_sheet(F.SHEET_FIELDS)
    for row in [[F.FIELD_CODE, F.FIELD_NAME], *rows]:
        ws.append(row)
    wb.save(path)
    return path


def test_a_code_that_is_not_a_number_is_refused_at_its_cell(tmp_path):
    path = with_field_sheet(build_workbook(tmp_path / "so.xlsx", year_sheets(1)),
                            [["1", "Chỉ đạo điều hành"], ["①", "Thể chế"]])
    result = CliRunner().invoke(main, [str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert f"{F.SHEET_FIELDS}!A3" in result.stderr and "“①” không phải một số" in result.stderr, result.stderr
    assert "không lường trước" not in result.stderr and "Traceback" not in result.stderr


def test_a_code_with_a_leading_zero_is_the_same_field(tmp_path):
    path = with_field_sheet(build_workbook(tmp_path / "so.xlsx", year_sheets(1)),
                            [["01", "Chỉ đạo điều hành"], ["02", "Thể chế"], ["03.", "Thủ tục hành chính"],
                             ["5", "Công vụ"], ["7", "Chính quyền số"]])
    plan = read_workbook(path)
    assert set(plan.field_names) == {"1", "2", "3", "5", "7"}
    groups = {g.name: g.tasks for g in group_by_field(plan.tasks, plan.field_names)}
    assert [t.number for t in groups["Chỉ đạo điều hành"]] == [t.number for t in plan.tasks
                                                             if (t.criterion_code or "").startswith("1.")]
    assert all(t.criterion_code is None for t in groups.get(OTHER_TASKS, ()))


def test_a_code_of_5000_digits_is_read_not_a_crash(tmp_path):
    """Python reads no int of over 4,300 digits: a code, or a criterion's first number, that long crashed."""
    sheets = year_sheets(1)
    sheets[F.SHEET_TASKS][0][[c.name for c in F.TASK_COLUMNS].index(F.TASK_CRITERION)] = f"Tiêu chí {'7' * 5000}.1"
    path = with_field_sheet(build_workbook(tmp_path / "so.xlsx", sheets), [["1" * 5000, "Chỉ đạo điều hành"]])
    result = CliRunner().invoke(main, [str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "1" * 5000 in read_workbook(path).field_names


def test_the_cchc_report_files_a_task_coded_03_under_field_3():
    from pipeline.documents.cchc_report import field_code
    from pipeline.domain.task import Deadline, DeadlineKind, Task

    def task(code=None, cchc_field=None):
        return Task(1, f"Tiêu chí {code}", "Giải pháp", "VP", "", Deadline("Thường xuyên", DeadlineKind.ONGOING, None),
                    "", code, cchc_field)

    assert field_code(task(cchc_field="03"), None) == "3"
    assert field_code(task(code="03.1"), None) == "3"
    assert field_code(task(code="3.1"), None) == "3"
