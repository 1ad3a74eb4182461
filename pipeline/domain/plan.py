"""The domain: a commune plan, its tasks, and each quarter's results.

Plain, frozen dataclasses with no I/O. The Vietnamese word for each concept is given once here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .periods import ReportPeriod


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
    period: ReportPeriod | None
    """Kỳ báo cáo: the quarter, 6 or 9 months, or year a report covers; None for the plan."""
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
    """Nhiệm vụ quý tới: the tasks of the next period."""
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


class Level(enum.Enum):
    """Cấp: whose wording and statistics rows a report uses (a commune's, or a province's)."""

    PROVINCE = "tỉnh"
    COMMUNE = "xã"


@dataclass(frozen=True)
class Plan:
    """Kế hoạch: one plan of one issuing body for one year, with everything reported on it."""

    agency: Agency
    year: int
    plan_document: DocumentInfo
    reports: dict[ReportPeriod, DocumentInfo]
    """The reports the `Văn bản` sheet describes, by period."""
    body: tuple[BodyParagraph, ...]
    tasks: tuple[Task, ...]
    results: tuple[QuarterResult, ...]
    plan_recipients: Recipients
    report_recipients: Recipients
    source: Path | None = None
    group_by_field: bool = True
    """Nhóm theo lĩnh vực: group the appendix rows and the report's results by CCHC field."""
    field_names: dict[str, str] | None = None
    """The workbook's own `Lĩnh vực` sheet (code -> name), replacing the standard table."""
    warnings: tuple = field(default=(), compare=False)
    """Problems that did not stop reading (pipeline.errors.Problem)."""
    statistics: tuple = ()
    """Số liệu: the figures of the statistics forms, one `pipeline.statistics.values.Entry` per row."""
    level: Level = Level.COMMUNE
    """Cấp: a commune's report (xã) or a province's own (tỉnh)."""

    def quarters_with_results(self) -> list[int]:
        return sorted({r.quarter for r in self.results})

    def has_results_for(self, period: ReportPeriod) -> bool:
        """Whether any result row belongs to the period's last quarter: the unit reported it."""
        return period.last_quarter in self.quarters_with_results()
