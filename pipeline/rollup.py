"""Tổng hợp: one quarter's results across many communes, for the district or province.

Reads each commune's workbook, counts its tasks as the commune's own report does (same
`QuarterFigures`), sorts communes by completion, lists the overdue tasks, and writes the
roll-up workbook. The roll-up's DOCX is rendered like every other document (context.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import MakeReportError, UnexpectedFailure
from .models import Plan
from .periods import QuarterFigures, task_states
from .vietnamese import agency_in_sentence
from .workbook import read_workbook
from .xlsx_output import append_row, workbook_bytes


@dataclass(frozen=True)
class OverdueTask:
    number: int
    criterion: str
    solution: str
    lead: str
    deadline: str
    status: str


@dataclass(frozen=True)
class CommuneResult:
    """One commune's standing at the end of the quarter."""

    name: str
    """The commune's issuing body, as a sentence writes it (`Ủy ban nhân dân xã Hải Định`)."""
    short_name: str
    """The commune itself (`Xã Hải Định`): what the roll-up's tables show."""
    workbook: Path
    figures: QuarterFigures
    overdue: tuple[OverdueTask, ...]


@dataclass
class Rollup:
    """The quarter across communes: communes sorted by completion, best first."""

    year: int
    quarter: int
    communes: list[CommuneResult]
    failed: list[tuple[Path, MakeReportError]] = field(default_factory=list)

    @property
    def totals(self) -> QuarterFigures:
        return sum((c.figures for c in self.communes), QuarterFigures(0, 0, 0, 0, 0))


def commune_result(plan: Plan, quarter: int) -> CommuneResult:
    states = task_states(plan.tasks, plan.results, plan.year, quarter)
    name = agency_in_sentence(plan.agency.name)
    return CommuneResult(
        name=name,
        short_name=commune_name(name),
        workbook=plan.source,
        figures=QuarterFigures.of(states),
        overdue=tuple(
            OverdueTask(s.task.number, s.task.criterion, s.task.solution, s.task.lead, s.task.deadline.text,
                        s.status.value)
            for s in states if s.is_overdue
        ),
    )


def commune_name(agency_name: str) -> str:
    """`Ủy ban nhân dân xã Hải Định` -> `Xã Hải Định`."""
    for prefix in ("Ủy ban nhân dân ", "Hội đồng nhân dân "):
        if agency_name.startswith(prefix):
            rest = agency_name[len(prefix):]
            return rest[:1].upper() + rest[1:]
    return agency_name


def sort_by_completion(communes: list[CommuneResult]) -> list[CommuneResult]:
    return sorted(communes, key=lambda c: (-c.figures.completion, c.figures.overdue, c.short_name))


def build_rollup(
    workbooks: list[Path],
    quarter: int | None = None,
    year: int | None = None,
    on_done: Callable[[Path], None] | None = None,
) -> Rollup:
    """Read every workbook and count the quarter's results (default: the latest with results).

    A workbook that cannot be read, or is a plan of another year, is listed as failed.
    """
    from .errors import NothingToDo

    plans, failed = [], []
    for workbook in workbooks:
        try:
            plan = read_workbook(workbook)
            if year is not None and plan.year != year:
                raise NothingToDo(f"sổ là kế hoạch năm {plan.year}, không phải năm {year}",
                                  "chỉ tổng hợp các sổ cùng năm")
            year = plan.year
            plans.append(plan)
        except MakeReportError as exc:
            failed.append((Path(workbook), exc))
        except Exception as exc:  # noqa: BLE001 - one commune's fault must not cost the province its roll-up
            failed.append((Path(workbook), UnexpectedFailure.of(exc)))
        if on_done:
            on_done(Path(workbook))
    if quarter is None:
        quarter = max((q for p in plans for q in p.quarters_with_results()), default=1)
    communes = [commune_result(plan, quarter) for plan in plans]
    return Rollup(year or 0, quarter, sort_by_completion(communes), failed)


def rollup_workbook_bytes(rollup: Rollup, created: datetime) -> bytes:
    """The roll-up as an Excel workbook: figures per commune with totals, overdue tasks, failures."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.properties.creator = "make-report"
    wb.properties.created = wb.properties.modified = created
    ws = wb.active
    ws.title = "Tổng hợp"
    bold = Font(bold=True)
    append_row(ws, ["TT", "Xã", "Số nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Quá hạn",
               "Tỷ lệ hoàn thành"])
    for i, c in enumerate(rollup.communes, 1):
        f = c.figures
        append_row(ws, [i, c.short_name, f.total, f.done, f.in_progress, f.not_started, f.overdue, f.completion])
    t = rollup.totals
    append_row(ws, ["", "Tổng cộng", t.total, t.done, t.in_progress, t.not_started, t.overdue, t.completion])
    for cell in (*ws[1], *ws[ws.max_row]):
        cell.font = bold
    for row in ws.iter_rows(min_row=2, min_col=8, max_col=8):
        row[0].number_format = "0.0%"
    for letter, width in zip("ABCDEFGH", (5, 28, 12, 12, 14, 14, 10, 16)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"

    overdue = wb.create_sheet("Nhiệm vụ quá hạn")
    append_row(overdue, ["Xã", "TT", "Tiêu chí", "Nhiệm vụ", "Chủ trì", "Thời gian hoàn thành", "Tình trạng"])
    for c in rollup.communes:
        for task in c.overdue:
            append_row(overdue, [c.short_name, task.number, task.criterion, task.solution, task.lead, task.deadline,
                            task.status])
    for cell in overdue[1]:
        cell.font = bold
    for letter, width in zip("ABCDEFG", (24, 5, 45, 45, 25, 16, 16)):
        overdue.column_dimensions[letter].width = width
    for row in overdue.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    overdue.freeze_panes = "A2"

    if rollup.failed:
        failed = wb.create_sheet("Sổ lỗi")
        append_row(failed, ["Sổ", "Lỗi"])
        for path, exc in rollup.failed:
            append_row(failed, [str(path), str(exc)])
    return workbook_bytes(wb, created)

