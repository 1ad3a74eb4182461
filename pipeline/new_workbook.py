"""Write workbooks in format v1, made for Excel users: frozen headers, widths that fit, wrapped text,
dropdown lists for the fields with fixed values. Used by `make-report init` and for the sample.
"""

from __future__ import annotations

from pathlib import Path

from . import workbook_format as F

ROWS_WITH_DROPDOWNS = 1000


def write_workbook(path: str | Path, sheets: dict[str, list[list]]) -> Path:
    """Write `sheets` (sheet name -> data rows, without the header) as a format v1 workbook.

    Sheets are written in the format's order with its headers; the Thông tin sheet's rows are
    (label, value) pairs.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    columns_of = {F.SHEET_INFO: F.INFO_COLUMNS, **F.TABLE_SHEETS}
    for name in F.ALL_SHEETS:
        ws = wb.create_sheet(name)
        columns = columns_of[name]
        ws.append([c.name for c in columns])
        for cell in ws[1]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in sheets.get(name, []):
            ws.append(list(row))
        for i, column in enumerate(columns, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = column.width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        ws.freeze_panes = "A2"
        _add_dropdowns(ws, name, columns, DataValidation)
    path = Path(path)
    wb.save(path)
    return path


def _add_dropdowns(ws, name: str, columns, DataValidation) -> None:
    choices = {
        (F.SHEET_DOCUMENTS, F.DOC_KIND): F.DOCUMENT_KINDS,
        (F.SHEET_RESULTS, F.RESULT_QUARTER): F.QUARTERS,
        (F.SHEET_RESULTS, F.RESULT_STATUS): F.STATUSES,
        (F.SHEET_RECIPIENTS, F.RECIPIENT_DOC): F.RECIPIENT_KINDS,
    }
    for i, column in enumerate(columns, start=1):
        values = choices.get((name, column.name))
        if not values:
            continue
        letter = ws.cell(1, i).column_letter
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không hợp lệ",
            error="Chọn một giá trị trong danh sách: " + ", ".join(values),
        )
        dv.add(f"{letter}2:{letter}{ROWS_WITH_DROPDOWNS}")
        ws.add_data_validation(dv)


def blank_workbook(path: str | Path, year: int) -> Path:
    """A new plan's workbook with one example row per sheet, to be overwritten by the clerk."""
    return write_workbook(
        path,
        {
            F.SHEET_INFO: [
                (F.INFO_MANAGING_BODY, ""),
                (F.INFO_ISSUER, F.EXAMPLE_ISSUER),
                (F.INFO_SHORT_NAME, "UBND xã"),
                (F.INFO_SYMBOL, "UBND"),
                (F.INFO_PLACE, F.EXAMPLE_PLACE),
                (F.INFO_YEAR, year),
                (F.INFO_MONITORING_UNIT, "Văn phòng - Thống kê"),
            ],
            F.SHEET_DOCUMENTS: [
                ("Kế hoạch", None, None, F.EXAMPLE_SUMMARY, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", F.EXAMPLE_SIGNER),
                ("Báo cáo quý I", None, None, None, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", F.EXAMPLE_SIGNER),
            ],
            F.SHEET_BODY: [("I.", "MỤC ĐÍCH, YÊU CẦU")],
            F.SHEET_TASKS: [(1, F.EXAMPLE_CRITERION, F.EXAMPLE_SOLUTION, "Văn phòng - Thống kê", "", "Thường xuyên", "")],
            F.SHEET_RESULTS: [(1, "I", "Đang thực hiện", F.EXAMPLE_OUTCOME, "", "")],
            F.SHEET_RECIPIENTS: [("Kế hoạch", "UBND huyện (b/c)"), ("Báo cáo", "Phòng Nội vụ huyện")],
        },
    )
