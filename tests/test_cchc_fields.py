"""Tasks grouped by CCHC field: the standard table, a province's own `Lĩnh vực` sheet, a task's own cell."""

from __future__ import annotations

from builders import build_workbook
from docx_reading import open_docx
from pipeline.workbook import format as F
from pipeline.domain.cchc_fields import OTHER_TASKS, STANDARD_FIELDS, group_by_field
from pipeline.generate import generate
from pipeline.domain.task import Deadline, DeadlineKind, Task
from pipeline.workbook.reader import read_workbook
from year import year_sheets


def task(number, code=None, cchc_field=None):
    return Task(number, f"Tiêu chí {code}" if code else "Việc khác", "Giải pháp", "VP", "",
                Deadline("Thường xuyên", DeadlineKind.ONGOING, None), "", code, cchc_field)


def test_fields_follow_the_code_order_with_other_tasks_last():
    groups = group_by_field([task(1, "7.1"), task(2), task(3, "2.1"), task(4, "7.3"), task(5, "10.1")])
    assert [(g.name, [t.number for t in g.tasks]) for g in groups] == [
        (STANDARD_FIELDS["2"], [3]), (STANDARD_FIELDS["7"], [1, 4]), (OTHER_TASKS, [2, 5])]


def test_a_tasks_own_field_cell_wins_by_name_or_code():
    groups = group_by_field([task(1, "7.1", "Cải cách thể chế"), task(2, None, "3"), task(3, None, "Chuyển đổi số")])
    assert [(g.name, [t.number for t in g.tasks]) for g in groups] == [
        (STANDARD_FIELDS["2"], [1]), (STANDARD_FIELDS["3"], [2]), ("Chuyển đổi số", [3])]


def with_column(sheets, values: dict[int, str]):
    for row in sheets[F.SHEET_TASKS]:
        row.append(values.get(row[0]))
    return sheets


def test_a_workbooks_field_sheet_and_column_name_the_groups(tmp_path):
    sheets = with_column(year_sheets(1), {15: "Công tác thi đua"})
    path = build_workbook(tmp_path / "so.xlsx", sheets)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.create_sheet(F.SHEET_FIELDS)
    for row in [[F.FIELD_CODE, F.FIELD_NAME], ["1", "Chỉ đạo điều hành"], ["2", "Thể chế"],
                ["3", "Thủ tục hành chính"], ["5", "Công vụ"], ["7", "Chính quyền số"]]:
        ws.append(row)
    wb.save(path)
    plan = read_workbook(path)
    assert plan.field_names["7"] == "Chính quyền số" and plan.tasks[14].cchc_field == "Công tác thi đua"
    result = generate(path, tmp_path / "out")
    table = open_docx(next(p for p in result.written if "_phu-luc-" in p.name)).tables[-1]
    headings = [row.cells[0].text for row in table.rows[1:] if not row.cells[0].text.isdigit()]
    assert headings == ["I. CHỈ ĐẠO ĐIỀU HÀNH", "II. THỂ CHẾ", "III. THỦ TỤC HÀNH CHÍNH", "IV. CÔNG VỤ",
                        "V. CHÍNH QUYỀN SỐ", "VI. CÔNG TÁC THI ĐUA"]
