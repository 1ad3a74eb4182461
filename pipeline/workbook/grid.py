"""A workbook's sheets as lists of values: merged ranges filled, error values refused, formulas without a
value and hidden rows told, each problem at its cell (what `Reader.table` then reads)."""

from __future__ import annotations

from pathlib import Path

from . import format as F
from .sheets import ExcelNumber, Reader, column_letter
from .xlsx import ExcelFile, SheetCells, open_excel_file


def grid_reader(reader: Reader, book: ExcelFile):
    """A function that gives a sheet's values as lists, merged ranges filled from the top-left cell."""

    def grid(ws) -> list[list]:
        sheet = book.cells(ws)
        for coordinate in sheet.notes.stray[:3]:
            reader.problem(ws.title, coordinate, "ô có dữ liệu nằm quá xa bảng (quá 50.000 dòng hoặc 1.000 cột)",
                           "xóa nội dung ô đó (hoặc xóa các dòng, cột thừa) rồi lưu lại")
        rows = sheet.rows
        width = max(map(len, rows), default=0)
        # Each range takes its top-left's own value: a number, not the number with its format.
        top_lefts = [sheet.value(r1, c1) for r1, c1, _, _ in sheet.merges]
        _keep_number_formats(sheet, rows)
        _warn_across_columns(reader, ws.title, sheet.merges, rows)
        for (r1, c1, r2, c2), top_left in zip(sheet.merges, top_lefts):
            for r in range(r1, min(r2, len(rows)) + 1):
                row = rows[r - 1]
                for c in range(c1, min(c2, width) + 1):
                    while len(row) < c:
                        row.append(None)
                    row[c - 1] = top_left
        reader.refuse_error_values(ws.title, rows)
        hidden = [r for r in dict.fromkeys(sheet.notes.hidden_rows) if r <= len(rows)]
        if hidden:
            reader.warn(ws.title, f"A{hidden[0]}", f"có {len(hidden)} dòng đang ẩn nhưng vẫn được đọc",
                        "các dòng ẩn vẫn được đưa vào văn bản; xóa dòng nếu không muốn")
        _refuse_uncomputed(reader, ws.title, sheet, rows)
        return rows

    return grid


def _refuse_uncomputed(reader: Reader, title: str, sheet, rows: list[list]) -> None:
    """Formulas saved with no computed value (a file written by a program, never opened in Excel): one
    problem a sheet naming the cells, each cell then refused so that no `chưa nhập TT` follows for it
    (a trial's 8 such TTs gave 27 messages)."""
    cells = []
    for r, c, coordinate in sheet.notes.formulas:
        if _covered(r, c, sheet.merges):
            continue
        row = rows[r - 1] if r <= len(rows) else []
        if (c > len(row) or row[c - 1] is None) and not reader.is_refused(title, coordinate):
            cells.append(coordinate)  # (an error value's formula, `#DIV/0!`, has its own message)
    if not cells:
        return
    shown = ", ".join(cells[1:6]) + (", …" if len(cells) > 6 else "")
    more = f" (và {len(cells) - 1} ô khác: {shown})" if len(cells) > 1 else ""
    reader.problem(title, cells[0], f"công thức chưa có giá trị đã tính{more}",
                   "mở sổ trong Excel, nhấn Ctrl+Alt+F9 rồi lưu lại")
    reader.refuse_cells(title, cells)


def _warn_across_columns(reader: Reader, title: str, merges: list[tuple[int, int, int, int]], rows: list[list]) -> None:
    """A range merged across a table's columns below its header gives its text to each column it covers:
    a result merged over `Hồ sơ kiểm chứng` was printed as the evidence too. Merging down a column (one
    criterion over its tasks) is what real plans do; across columns (two with a header or more), the
    clerk is told once a sheet, at the first such range, with how many there are."""
    if title == F.SHEET_INFO or not rows:  # its value column is the last one read: what a merge adds is not read
        return
    header = rows[0]
    across = [(r1, c1, r2, c2) for r1, c1, r2, c2 in merges
              if c2 > c1 and r1 > 1 and r1 <= len(rows) and c1 <= len(rows[r1 - 1]) and rows[r1 - 1][c1 - 1] is not None
              and sum(1 for c in range(c1, min(c2, len(header)) + 1) if header[c - 1] not in (None, "")) > 1]
    if not across:
        return
    r1, c1, r2, c2 = min(across)
    more = f" (và {len(across) - 1} ô gộp như vậy khác)" if len(across) > 1 else ""
    reader.warn(title, f"{column_letter(c1 - 1)}{r1}",
                f"ô gộp {column_letter(c1 - 1)}{r1}:{column_letter(c2 - 1)}{r2} trải qua {c2 - c1 + 1} cột nên nội dung "
                f"được đọc vào từng cột đó{more}", "bỏ gộp ô rồi nhập riêng nội dung của từng cột")


def _keep_number_formats(sheet: SheetCells, rows: list[list]) -> None:
    """Numbers in formatted cells carry their format, so text cells print them as Excel shows them."""
    for (r, c), number_format in sheet.notes.number_formats.items():
        value = sheet.value(r, c)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            rows[r - 1][c - 1] = ExcelNumber.of(value, number_format)


def _covered(r: int, c: int, merges: list[tuple[int, int, int, int]]) -> bool:
    """Whether a merged range hides the cell (any cell of it but the top-left)."""
    return any(r1 <= r <= r2 and c1 <= c <= c2 and (r, c) != (r1, c1) for r1, c1, r2, c2 in merges)


def open_workbook(path: Path):
    """The workbook (its worksheets), a Reader for its problems, and the sheet-to-rows function."""
    book = open_excel_file(path)
    reader = Reader(path)
    lock = path.with_name("~$" + path.name)
    if lock.exists():
        reader.warn(path.name, "", "sổ đang mở trong Excel; thay đổi chưa lưu sẽ không được đưa vào",
                    "lưu sổ trong Excel (Ctrl+S) trước khi chạy")
    return book, reader, grid_reader(reader, book)
