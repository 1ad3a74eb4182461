"""The province's seven forms in the roll-up workbook: a sheet per form, a column per unit.

The province files and checks these: its rolled-up figure, its own figure, then each reporting unit's,
as numbers Excel can add up. A unit whose value of a one-list row (class L) differs from the
province's list is filled yellow and named in `Ghi chú`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .statistics.catalog import Kind, Level, load_catalog
from .statistics.rollup import ProvinceForms, excel_number
from .xlsx_output import StyleCopier, cell_of, row_of

DIFFERS_FILL = "FFF2CC"
HEADER = ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Tổng hợp", "Cấp tỉnh"]


def add_form_sheets(wb, forms: ProvinceForms) -> None:
    """`Biểu mẫu 1` … `Biểu mẫu 7` after the workbook's other sheets."""
    from openpyxl.styles import Alignment, Font, PatternFill

    catalog = load_catalog()
    bold, differs = Font(bold=True), PatternFill("solid", fgColor=DIFFERS_FILL)
    heading_alignment = Alignment(wrap_text=True, vertical="center")
    names = forms.unit_names  # read from disk for each sheet's heading: a country's names are not held
    for form in forms.forms:
        ws = wb.create_sheet(f"Biểu mẫu {form.number}")
        ws.column_dimensions = ColumnWidths(ws, (8, 60, 14, 12, 10, *itertools.repeat(14, len(names)), 40))
        ws.freeze_panes = "D3"
        title = row_of(ws, [f"Biểu mẫu {form.number}. {form.title}"])
        title[0].font = bold
        ws.append(title)
        styles = _SheetStyles(bold, heading_alignment, differs)
        ws.append(cells_as_written(ws, itertools.chain(HEADER, names, ["Ghi chú"]), styles.heading))
        for indicator in (i for i in catalog.of_form(form.number) if i.printed_at(Level.PROVINCE)):
            code = indicator.code
            row = next(r for r in form.rows if r.stt == indicator.stt)
            note = "; ".join(part for part in (row.note, differing_note(forms, code, MAX_CELL_CHARS - len(row.note) - 2))
                             if part)
            is_group = indicator.kind(Level.PROVINCE) is Kind.GROUP
            ws.append(cells_as_written(ws, itertools.chain(
                [row.stt, row.indicator, row.unit, None if is_group else excel_number(forms.figures.get(code)),
                 excel_number(forms.own.get(code))], forms.unit_numbers(code), [note]),
                functools.partial(styles.body, row.is_top, set(forms.differing.get(code, ())))))
        ws.close()  # written to its file now: openpyxl's save skips a closed sheet


class _SheetStyles:
    """A form sheet's styles, each given to its first cell and copied to the others (StyleCopier)."""

    def __init__(self, bold, heading_alignment, differs):
        from openpyxl.styles import Alignment

        self._heading = StyleCopier(font=bold, alignment=heading_alignment)
        self._wrapped = StyleCopier(alignment=Alignment(wrap_text=True, vertical="top"))
        self._first_columns = StyleCopier(font=bold)
        self._differs = differs

    def heading(self, offset: int, cell) -> None:
        self._heading.apply_one(cell)

    def body(self, top: bool, differing: set[int], offset: int, cell) -> None:
        """A row's cell: wrapped; bold in the first two columns of a top row; yellow for a unit (by its
        place among the units) whose value differs from the province's list."""
        self._wrapped.apply_one(cell)
        if top and offset < 2:
            self._first_columns.apply_one(cell)
        if offset - len(HEADER) in differing:
            cell.fill = self._differs


def cells_as_written(ws, values: Iterable, styled: Callable[[int, Any], None]) -> Iterator:
    """A row's cells made one at a time as openpyxl writes them (it takes a generator for a row): a form
    sheet's row has a column per unit, and 3,300 cells made at once cost a megabyte."""
    for offset, value in enumerate(values):
        cell = cell_of(ws, value)
        styled(offset, cell)
        yield cell


class ColumnWidths:
    """A write-only sheet's column widths, written one `<col>` at a time.

    openpyxl holds an object per column and writes them as one tree built at the sheet's first row: with
    a column per unit, 3,300 units cost a form sheet 7 MB at that moment. This stands in for the sheet's
    `column_dimensions` and writes the same elements through the stream openpyxl writes rows with (its
    own protocol: `send(True)` hands out the writer, `send(None)` resumes it; `write_cols` sends
    `to_tree()`'s None).
    """

    max_outline = None
    """No grouped columns (openpyxl's sheet format reads it)."""

    def __init__(self, ws, widths: Iterable[float]):
        self.ws, self.widths = ws, widths

    def to_tree(self) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.dimensions import ColumnDimension

        xf = self.ws._writer.xf.send(True)
        with xf.element("cols"):
            for index, width in enumerate(self.widths, 1):
                column = ColumnDimension(self.ws, index=get_column_letter(index), width=width)
                column.reindex()  # its min and max, as openpyxl's holder sets them
                xf.write(column.to_tree())


MAX_CELL_CHARS = 32_767
"""What an Excel cell holds (openpyxl cuts a longer text there, mid-name)."""


def differing_note(forms: ProvinceForms, code: str, room: int) -> str:
    """`Khác danh mục chung: Xã An, Xã Bình`; when the names would take more than `room` characters, how
    many units differ (their cells are yellow)."""
    names = forms.differing_names(code)
    if not names:
        return ""
    note = f"Khác danh mục chung: {', '.join(names)}"
    if len(note) <= room:
        return note
    return f"Khác danh mục chung: {len(names):,} đơn vị (các ô nền vàng)".replace(",", ".")
