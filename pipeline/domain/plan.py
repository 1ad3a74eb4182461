"""Kế hoạch: one plan of one issuing body for one year, its documents, tasks and results.

Plain, frozen dataclasses with no I/O. The Vietnamese word for each concept is given once here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .period import ReportPeriod, periods_at_cutoff
from .result import QuarterResult
from .task import Task


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


class DocumentType(enum.Enum):
    """Tên loại văn bản: what ND 30 calls the document (the `KH` / `BC` of its number)."""

    PLAN = "Kế hoạch"
    REPORT = "Báo cáo"

    @property
    def type_code(self) -> str:
        """Chữ viết tắt tên loại văn bản (Phụ lục III, ND 30/2020)."""
        return {"PLAN": "KH", "REPORT": "BC"}[self.name]


class ReportForm(enum.Enum):
    """Mẫu báo cáo: which report a plan's `Báo cáo …` rows ask for (`Thông tin`, format v1.2)."""

    PLAN_RESULT = "Kết quả thực hiện kế hoạch"
    CCHC = "Báo cáo CCHC định kỳ"


@dataclass(frozen=True)
class DocumentInfo:
    """One row of the `Văn bản` sheet: the facts of one document to issue."""

    kind: DocumentType
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
    label: str = ""
    """The `Văn bản` label of the row, in its standard form (`Kế hoạch`, `Báo cáo quý II`)."""


@dataclass(frozen=True)
class BodyParagraph:
    """One row of `Nội dung`: a paragraph of the plan's body with its numbering (đề mục)."""

    marker: str
    """Đề mục: `I.`, `1.`, `a)`, `-` or empty."""
    text: str


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
class SectionText:
    """One row of `Nội dung báo cáo`: a paragraph the clerk wrote under a section of the CCHC report."""

    code: str
    """The outline's section code: `I.1`, `II.2.c`, `IV` (pipeline.cchc_outline)."""
    text: str
    """One paragraph; a line starting with `-` or `+` is a list item."""


@dataclass(frozen=True)
class Plan:
    """Kế hoạch: one plan of one issuing body for one year, with everything reported on it."""

    agency: Agency
    year: int
    documents: dict[str, DocumentInfo]
    """The rows of the `Văn bản` sheet, by their standard label (`Kế hoạch`, `Báo cáo quý II`)."""
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
    report_form: ReportForm = ReportForm.PLAN_RESULT
    """Mẫu báo cáo: which report form the `Báo cáo …` rows ask for."""
    warnings: tuple = field(default=(), compare=False)
    """Problems that did not stop reading (pipeline.errors.Problem)."""
    warnings_by_period: dict = field(default_factory=dict, compare=False)
    """Those of `warnings` about a report period's row of `Văn bản`, by period (`warnings_for`)."""
    row_problems: dict = field(default_factory=dict, compare=False)
    """What is wrong in a report period's row of `Văn bản` (a signer not yet typed, a number that is not
    one), by period: it stops that period's report only (`problems_of_row`), not the plan's or
    another period's: a clerk rarely knows in March who signs in December."""
    statistics: tuple = ()
    """Số liệu: the figures of the statistics forms, one `pipeline.statistics.values.Entry` per row."""
    level: Level = Level.COMMUNE
    """Cấp: a commune's report (xã) or a province's own (tỉnh): the wording and the statistics rows."""
    legal_basis: str = ""
    """Căn cứ báo cáo: the guidance the CCHC report answers (`Công văn số … của UBND tỉnh …`)."""
    report_texts: dict[ReportPeriod, tuple[SectionText, ...]] = field(default_factory=dict)
    """Nội dung báo cáo: the clerk's paragraphs of each period's CCHC report, in sheet order."""

    def warnings_for(self, period: ReportPeriod | None) -> tuple:
        """What a run for `period` warns about (`warnings_for`)."""
        return warnings_for(self.warnings, self.warnings_by_period, period)

    def problems_of_row(self, period: ReportPeriod | None) -> tuple:
        """What is wrong in the `Văn bản` row of `period`'s report (empty for none, or no period)."""
        return self.row_problems.get(period, ()) if period is not None else ()

    @property
    def plan_document(self) -> DocumentInfo:
        """The `Kế hoạch` row."""
        return self.documents[PLAN_LABEL]

    @property
    def reports(self) -> dict[ReportPeriod, DocumentInfo]:
        """The rows that describe a periodic report, by period."""
        return reports_by_period(self.documents)

    def report_at_cutoff(self, period: ReportPeriod) -> DocumentInfo | None:
        """The unit's report row for `period`, else its row for another period counted to the same
        quarter (a unit in the CCHC cycle reports `quý III` where a province rolls up `9 tháng`): the
        report the province received at that cut-off, whose number and date it cites."""
        reports = self.reports
        if period in reports:
            return reports[period]
        return next((reports[other] for other in periods_at_cutoff(period) if other in reports), None)

    def quarters_with_results(self) -> list[int]:
        return sorted({r.quarter for r in self.results})


PLAN_LABEL = "Kế hoạch"


def reports_by_period(documents: dict[str, DocumentInfo]) -> dict[ReportPeriod, DocumentInfo]:
    return {info.period: info for info in documents.values()
            if info.kind is DocumentType.REPORT and info.period is not None}


def warnings_for(warnings: tuple, by_period: dict, period: ReportPeriod | None) -> tuple:
    """`warnings` but those about the row of another report period: a roll-up of quarter I, or a
    commune's quarter I report, does not repeat what is wrong with the row of quarter II, which its
    own run will say. Rows are told apart by their kind of period, as a roll-up finds its row
    (`generate.issuer_report_row`): a province's workbook of last year still serves this year's."""
    key = period.key if period is not None else None
    elsewhere = {w for other, found in by_period.items() if other.key != key for w in found}
    return tuple(w for w in warnings if w not in elsewhere) if elsewhere else tuple(warnings)
