"""The domain: a commune plan, its tasks, and each quarter's results.

Plain, frozen dataclasses with no I/O. The Vietnamese word for each concept is given once here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Agency:
    """Cơ quan ban hành: the body that issues the documents (e.g. a commune People's Committee)."""

    name: str
    """Cơ quan ban hành, in capitals, as typed; a line break typed in the cell forces a break."""
    short_name: str
    """Tên gọi tắt: how the text refers to the body ("UBND xã")."""
    symbol: str
    """Ký hiệu cơ quan: second part of a document symbol (KH-**UBND**)."""
    place: str
    """Địa danh: the place in the place/date line."""
    managing_body: str | None = None
    """Cơ quan chủ quản: the direct managing body printed above the issuer, if any."""
    monitoring_unit: str | None = None
    """Đơn vị theo dõi: the unit that compiles the quarterly reports."""


@dataclass(frozen=True)
class IssueDate:
    """Ngày ban hành, possibly partial: a draft leaves the day (or month) blank for the registry clerk."""

    year: int
    month: int | None = None
    day: int | None = None

    def as_date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


@dataclass(frozen=True)
class Signer:
    """Người ký: who signs, with the authority lines (quyền hạn ký) and title (chức vụ) above the name."""

    authority: tuple[str, ...]
    """Quyền hạn ký: `TM. ỦY BAN NHÂN DÂN`, optionally followed by `KT. CHỦ TỊCH`."""
    title: str
    """Chức vụ: `CHỦ TỊCH`, `PHÓ CHỦ TỊCH`."""
    name: str


class DocumentKind(enum.Enum):
    PLAN = "Kế hoạch"
    REPORT = "Báo cáo"

    @property
    def type_code(self) -> str:
        """Chữ viết tắt tên loại văn bản (Phụ lục III, ND 30/2020)."""
        return {"PLAN": "KH", "REPORT": "BC"}[self.name]


@dataclass(frozen=True)
class DocumentInfo:
    """One row of the `Văn bản` sheet: the facts of one document to issue."""

    kind: DocumentKind
    quarter: int | None
    """For a quarterly report (báo cáo quý): 1–4."""
    number: str | None
    """Số: the registry number; None leaves it blank (`Số:      /KH-UBND`)."""
    issue_date: IssueDate
    summary: str | None
    """Trích yếu: the one-line summary under the title."""
    signer: Signer
    addressees: tuple[str, ...] = ()
    """Kính gửi: who a report sent upward is addressed to."""
    shortcomings: str | None = None
    """Tồn tại, hạn chế."""
    causes: str | None = None
    """Nguyên nhân."""
    next_tasks: str | None = None
    """Nhiệm vụ quý tới."""
    proposals: str | None = None
    """Đề xuất, kiến nghị."""


@dataclass(frozen=True)
class BodyParagraph:
    """One row of `Nội dung`: a paragraph of the plan's body with its numbering (đề mục)."""

    marker: str
    """Đề mục: `I.`, `1.`, `a)`, `-` or empty."""
    text: str


class DeadlineKind(enum.Enum):
    ONGOING = "ongoing"  # Thường xuyên
    QUARTER = "quarter"
    FIRST_HALF = "first_half"
    MONTH = "month"
    DATE = "date"
    BEFORE_DATE = "before_date"


@dataclass(frozen=True)
class Deadline:
    """Thời gian hoàn thành: when a task is due, as written, with the day it falls due."""

    text: str
    kind: DeadlineKind
    due_date: date | None
    """The last day of the period; None for `Thường xuyên` (ongoing)."""


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


@dataclass(frozen=True)
class Recipients:
    """Nơi nhận: who receives copies; the program writes the punctuation."""

    names: tuple[str, ...] = ()
    archive: str = "Lưu: VT"
    """The last line, `Lưu: VT` unless the workbook gives its own `Lưu: …`."""


@dataclass(frozen=True)
class Plan:
    """Kế hoạch: one plan of one issuing body for one year, with everything reported on it."""

    agency: Agency
    year: int
    plan_document: DocumentInfo
    reports: dict[int, DocumentInfo]
    """Báo cáo quý by quarter number."""
    body: tuple[BodyParagraph, ...]
    tasks: tuple[Task, ...]
    results: tuple[QuarterResult, ...]
    plan_recipients: Recipients
    report_recipients: Recipients
    source: Path | None = None
    warnings: tuple = field(default=(), compare=False)
    """Problems that did not stop reading (pipeline.errors.Problem)."""

    def quarters_with_results(self) -> list[int]:
        return sorted({r.quarter for r in self.results})
