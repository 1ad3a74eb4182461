"""Lĩnh vực CCHC: the fields of the administrative reform index, and which field a task belongs to.

The first number of a criterion code (`Tiêu chí 3.5`, `7.1.4`) names the field, as in the CCHC
index (Chỉ số CCHC) that these plans answer. A workbook may replace the table (sheet `Lĩnh vực`)
or name a task's field in its own `Lĩnh vực` cell; a task with neither goes under `Nhiệm vụ khác`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .plan import Task
from ..vietnamese import match_key

STANDARD_FIELDS = {
    "1": "Công tác chỉ đạo, điều hành cải cách hành chính",
    "2": "Cải cách thể chế",
    "3": "Cải cách thủ tục hành chính",
    "4": "Cải cách tổ chức bộ máy hành chính nhà nước",
    "5": "Cải cách chế độ công vụ",
    "6": "Cải cách tài chính công",
    "7": "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
    "8": "Tác động của cải cách hành chính đến người dân, tổ chức",
}
OTHER_TASKS = "Nhiệm vụ khác"


@dataclass(frozen=True)
class FieldGroup:
    """One field with the tasks that belong to it, in TT order."""

    name: str
    tasks: tuple[Task, ...]


def field_code(text: str) -> str | None:
    """`3`, `03`, `3.` -> `3`: a field's code is a whole number in ASCII digits (`①` is not one)."""
    text = text.strip().rstrip(".").strip()
    # Not int(): Python refuses to read a number of over 4,300 digits, and a cell may hold one.
    return (text.lstrip("0") or "0") if text.isascii() and text.isdigit() else None


def field_of(task: Task, names: dict[str, str]) -> tuple[tuple[str, ...], str]:
    """(sort key, field name) of a task: its own `Lĩnh vực` cell, else its criterion code's field."""
    if task.cchc_field:
        by_name = {match_key(name): code for code, name in names.items()}
        code = field_code(task.cchc_field)
        if code not in names:
            code = by_name.get(match_key(task.cchc_field))
        if code is not None:
            return _code_key(code), names[code]
        return ("1", task.cchc_field), task.cchc_field
    if task.criterion_code:
        code = field_code(task.criterion_code.split(".")[0])
        if code in names:
            return _code_key(code), names[code]
    return ("2", ""), OTHER_TASKS


def _code_key(code: str) -> tuple[str, ...]:
    """Whole numbers in their order (codes come without leading zeros: the longer, the greater)."""
    return ("0", f"{len(code):06d}{code}" if code.isascii() and code.isdigit() else code)


def group_by_field(tasks: tuple[Task, ...] | list[Task], names: dict[str, str] | None = None) -> list[FieldGroup]:
    """Tasks grouped by field: fields in code order, then fields named only in cells (in the order
    they first appear), then `Nhiệm vụ khác`; tasks keep their TT order within a field."""
    names = names or STANDARD_FIELDS
    groups: dict[str, list[Task]] = {}
    keys: dict[str, tuple[str, ...]] = {}
    for position, task in enumerate(sorted(tasks, key=lambda t: t.number)):
        key, name = field_of(task, names)
        if name not in groups:
            groups[name] = []
            keys[name] = key if key[0] != "1" else ("1", f"{position:06d}")
        groups[name].append(task)
    return [FieldGroup(name, tuple(groups[name])) for name in sorted(groups, key=lambda n: keys[n])]
