"""Nhiệm vụ: one task of a plan, with the deadline it was given."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class DeadlineKind(enum.Enum):
    ONGOING = "ongoing"  # Thường xuyên
    QUARTER = "quarter"
    FIRST_HALF = "first_half"
    NINE_MONTHS = "nine_months"
    YEAR = "year"  # Năm 2024, Trong năm, Cuối năm, 6 tháng cuối năm
    MONTH = "month"
    DATE = "date"
    BEFORE_DATE = "before_date"


@dataclass(frozen=True)
class Deadline:
    """Thời gian hoàn thành: when a task is due, as written, with the day it falls due."""

    text: str
    """As typed in the workbook."""
    kind: DeadlineKind
    due_date: date | None
    """The last day of the period; None for `Thường xuyên` (ongoing)."""
    label: str = ""
    """The official form the documents print (`Quý II`, `30/6/2024`, `Tháng 6/2024`)."""

    def __post_init__(self):
        if not self.label:
            object.__setattr__(self, "label", self.text)


@dataclass(frozen=True)
class Task:
    """Nhiệm vụ: one row of the appendix table."""

    number: int
    """TT: the task's order number."""
    criterion: str
    """Tiêu chí: the (sub-)criterion of the administrative reform index this task answers."""
    solution: str
    """Giải pháp/Sản phẩm đầu ra: what is done and what it produces."""
    lead: str
    """Chủ trì: the lead unit or person."""
    partners: str
    """Phối hợp: who assists."""
    deadline: Deadline
    note: str
    """Ghi chú."""
    criterion_code: str | None = None
    """`1.3`, `3.12.1`… read from the start of the criterion."""
    cchc_field: str | None = None
    """Lĩnh vực: the CCHC field typed in the task's own `Lĩnh vực` cell, if any."""
