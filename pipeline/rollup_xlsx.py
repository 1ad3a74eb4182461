"""The roll-up as an Excel workbook: what the province files and sorts, the same figures as its report."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import datetime
from typing import BinaryIO

from .rollup import Rollup
from .rollup_units import UnitResult
from .rollup_forms_xlsx import add_form_sheets
from .xlsx_output import StyleCopier, load_openpyxl, row_of, workbook_bytes, write_workbook


NO_NUMBER, NO_DATE = "chưa có số", "chưa có ngày"
"""What the report's own table prints for a report row left blank for the registry clerk."""


NO_WORKBOOK = "chưa có sổ được chấp nhận"
"""The `Sổ` of a unit that sent no workbook the portal accepted for the period."""


def report_number_cell(unit: UnitResult) -> str:
    """`48/BC-UBND`, and which report it is when it is of another period at the same cut-off
    (`38/BC-UBND (báo cáo quý II)`), as the DOCX says."""
    return (unit.report_number or NO_NUMBER) + unit.other_report


def report_date_cell(unit: UnitResult) -> datetime | str:
    """A full date as an Excel date (sortable, filterable); a month-only one as its text."""
    if unit.report_issued is not None:
        d = unit.report_issued
        return datetime(d.year, d.month, d.day)
    return unit.report_date or NO_DATE


def rollup_workbook_bytes(rollup: Rollup, created: datetime) -> bytes:
    """The roll-up's workbook (`rollup_workbook`) as bytes."""
    return workbook_bytes(rollup_workbook(rollup), created)


def write_rollup_workbook(rollup: Rollup, created: datetime, out: BinaryIO) -> None:
    """The roll-up's workbook written to `out`, never held whole (`xlsx_output.write_workbook`)."""
    write_workbook(rollup_workbook(rollup), created, out)


def rollup_workbook(rollup: Rollup):
    """Sheets: figures per unit with totals, overdue tasks, units not reported, workbooks left out; and the
    statistics forms. A write-only openpyxl workbook, its rows already in openpyxl's temporary files."""
    load_openpyxl()
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=True)
    wb.properties.creator = "make-report"
    bold = Font(bold=True)
    total_row = StyleCopier(font=bold)

    def sheet(title: str, header: list[str], rows: Iterable[list], widths: tuple[int, ...],
              styled=lambda cells: None, total: list | None = None):
        """Rows are appended as they come: a thousand units' rows are never all held at once."""
        ws = wb.create_sheet(title)
        for letter, width in zip("ABCDEFGHIJKLMN", widths):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
        head = row_of(ws, header)
        for cell in head:
            cell.font = bold
        ws.append(head)
        wrapped = StyleCopier(alignment=Alignment(wrap_text=True, vertical="top"))
        for row in itertools.chain(rows, [total] if total is not None else []):
            cells = row_of(ws, row)
            wrapped.apply(cells)
            styled(cells)
            if row is total:
                total_row.apply(cells)
            ws.append(cells)
        return ws

    t = rollup.totals
    units = ([i, u.short_name, report_number_cell(u), report_date_cell(u), u.figures.total, u.figures.finished,
              u.figures.in_progress, u.figures.not_started, u.figures.overdue_unfinished, u.figures.completion,
              u.previous.finished if u.previous else None, u.figures.on_time, u.figures.late, u.figures.stopped]
             for i, u in enumerate(rollup.units, 1))
    totals = ["", "Tổng cộng", "", "", t.total, t.finished, t.in_progress, t.not_started, t.overdue_unfinished,
              t.completion, rollup.previous_totals.finished if rollup.previous_totals else None, t.on_time, t.late,
              t.stopped]
    percent, day = StyleCopier(number_format="0.00%"), StyleCopier(number_format="dd/mm/yyyy")

    def unit_row(cells):
        percent.apply(cells[9:10])
        if isinstance(cells[3].value, datetime):
            day.apply(cells[3:4])

    sheet("Tổng hợp", ["TT", "Đơn vị", "Số báo cáo", "Ngày báo cáo", "Số nhiệm vụ", "Hoàn thành",
                       "Đang thực hiện", "Chưa thực hiện", "Quá hạn", "Tỷ lệ hoàn thành",
                       "Hoàn thành kỳ trước", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Dừng thực hiện"], units,
          (5, 28, 14, 12, 12, 12, 14, 14, 10, 16, 16, 16, 16, 14), unit_row, totals)
    sheet("Nhiệm vụ quá hạn", ["Đơn vị", "TT", "Tiêu chí", "Nhiệm vụ", "Chủ trì", "Thời gian hoàn thành", "Tình trạng"],
          ([u.short_name, t.number, t.criterion, t.solution, t.lead, t.deadline, t.status]
           for u, t in rollup.overdue_tasks), (24, 5, 45, 45, 25, 16, 16))
    sheet("Chưa báo cáo", ["Đơn vị", "Sổ", "Báo cáo gần nhất"],
          ([n.short_name, n.workbook.name if n.workbook else NO_WORKBOOK, n.last_period or "chưa báo cáo kỳ nào"]
           for n in rollup.not_reported),
          (28, 40, 24))
    sheet("Sổ không tổng hợp", ["Sổ", "Lý do", "Cách xử lý"],
          itertools.chain(([", ".join(p.name for p in r.workbooks), r.reason, r.hint] for r in rollup.refused),
                          ([copy.name, f"trùng với sổ {kept.name}, chỉ tính một lần", ""]
                           for copy, kept in rollup.duplicates)),
          (40, 60, 40))
    if rollup.forms is not None:
        add_form_sheets(wb, rollup.forms)
    return wb
