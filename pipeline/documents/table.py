"""The appendix table (phụ lục): one row per task, under a heading row per CCHC field when grouped."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..domain.cchc_fields import FieldGroup, group_by_field
from ..domain.plan import Plan
from ..domain.task import Task
from ..vietnamese import roman


def field_groups(plan: Plan, tasks: Iterable[Task] | None = None) -> list[FieldGroup]:
    """The plan's tasks by CCHC field, or one unnamed group when the plan is not grouped."""
    tasks = tuple(plan.tasks if tasks is None else tasks)
    if not plan.group_by_field:
        return [FieldGroup("", tuple(sorted(tasks, key=lambda t: t.number)))]
    return group_by_field(tasks, plan.field_names)


def group_heading(index: int, group: FieldGroup) -> str:
    """`II. CẢI CÁCH THỂ CHẾ`: the heading row of a field, numbered in Roman numerals."""
    return f"{roman(index)}. {group.name.upper()}"


def grouped_rows(plan: Plan, row_of: Callable[[Task], dict]) -> list[dict]:
    """Every row of the table: a heading row (`group` set) before each field's tasks when grouped.

    Task rows have `group` = "" so a template can tell the two apart (`{%tr if r.group %}`).
    """
    rows: list[dict] = []
    for index, group in enumerate(field_groups(plan), 1):
        if group.name:
            rows.append({"group": group_heading(index, group)})
        rows.extend({"group": "", **row_of(task)} for task in group.tasks)
    return rows
