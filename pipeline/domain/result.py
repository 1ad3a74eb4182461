"""Kết quả: what was reported on one task in one quarter."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Status(enum.Enum):
    """Tình trạng: how far a task has got."""

    DONE = "Hoàn thành"
    IN_PROGRESS = "Đang thực hiện"
    NOT_STARTED = "Chưa thực hiện"


@dataclass(frozen=True)
class QuarterResult:
    """Kết quả: what was done on one task in one quarter (quý)."""

    task_number: int
    quarter: int
    status: Status
    outcome: str = ""
    """Kết quả thực hiện."""
    evidence: tuple[str, ...] = ()
    """Hồ sơ kiểm chứng: the documents that prove it, one per line."""
    note: str = ""
