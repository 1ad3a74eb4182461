"""The Excel file as tables: opened safely, each sheet read as rows of values with their cells.

Knows nothing of what the sheets mean (reader.py does): it refuses what is not a workbook or is
built to exhaust memory, loads it with openpyxl, and turns a sheet into header-matched `Row`s,
collecting problems with their cell in a `Reader`. Numbers keep their display format, merged
ranges are filled from their top-left cell, formulas without a cached value are problems.
"""

from __future__ import annotations

import difflib
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import format as F
from ..errors import Problem, UnreadableWorkbook, os_reason
from ..safety.package import UnsafePackage, inspect_package, require_regular_file
from .extent import bounded_merges, existing_cells, value_grid
from ..vietnamese import clean_text, format_excel_number, format_general_number, legacy_encoded_words, match_key

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# --------------------------------------------------------------------------------------------
# Opening the file


def check_file_is_safe_workbook(path: Path) -> bool:
    """Refuse what is not an .xlsx/.xlsm, or is built to exhaust memory or time, before parsing it.

    Returns whether a sheet holds formulas (found in the same streaming pass).
    """
    try:
        return _check_workbook_package(path)
    except UnsafePackage as exc:
        raise UnreadableWorkbook(path, exc.message, exc.hint) from exc
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise UnreadableWorkbook(path, "tệp bị hỏng hoặc chưa tải về hết", "tải lại tệp hoặc lưu lại từ Excel") from exc
    except OSError as exc:
        raise UnreadableWorkbook(path, f"không đọc được tệp ({os_reason(exc)})",
                                 "kiểm tra quyền đọc tệp (hoặc chép tệp sang thư mục của bạn) rồi chạy lại") from exc


def _check_workbook_package(path: Path) -> bool:
    require_regular_file(path, "tệp Excel")
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise UnreadableWorkbook(path, "tệp rỗng (0 byte)", "mở lại sổ gốc trong Excel và lưu dạng .xlsx")
    if head.startswith(_OLE2_MAGIC):
        if _is_encrypted_ooxml(path):
            raise UnreadableWorkbook(
                path,
                "sổ Excel được đặt mật khẩu nên không đọc được",
                "mở trong Excel, chọn File > Info > Protect Workbook > Encrypt with Password, "
                "xóa mật khẩu rồi lưu lại",
            )
        raise UnreadableWorkbook(
            path,
            "đây là sổ Excel dạng cũ (.xls), không đọc được",
            "mở trong Excel, chọn File > Save As > Excel Workbook (*.xlsx)",
        )
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK\x03\x04"):
            raise UnreadableWorkbook(path, "tệp bị hỏng hoặc chưa tải về hết", "tải lại tệp hoặc lưu lại từ Excel")
        raise UnreadableWorkbook(
            path,
            "đây không phải sổ Excel (.xlsx); có thể là tệp CSV hoặc văn bản đổi đuôi",
            "mở trong Excel rồi chọn File > Save As > Excel Workbook (*.xlsx)",
        )
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "word/document.xml" in names:
            what = "văn bản Word" if path.suffix.lower() == ".docx" else "tệp Word (.docx) đổi đuôi"
            raise UnreadableWorkbook(
                path, f"đây là {what}, không phải sổ Excel",
                f"để kiểm tra thể thức dùng `make-report check {path}`; để tạo văn bản hãy chỉ ra sổ Excel (.xlsx)",
            )
        if "xl/workbook.xml" not in names:
            raise UnreadableWorkbook(path, "tệp nén này không phải sổ Excel", "mở trong Excel và lưu dạng .xlsx")
        return inspect_package(zf).has_formulas


def _is_encrypted_ooxml(path: Path) -> bool:
    with path.open("rb") as fh:
        data = fh.read(2 * 1024 * 1024)
    return "EncryptedPackage".encode("utf-16-le") in data


def _load(path: Path, data_only: bool):
    import openpyxl

    try:
        with bounded_merges():
            return openpyxl.load_workbook(path, data_only=data_only, keep_vba=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise UnreadableWorkbook(
            path, f"không đọc được sổ Excel ({type(exc).__name__})", "mở lại trong Excel và lưu dạng .xlsx"
        ) from exc


# --------------------------------------------------------------------------------------------
# Sheets as tables


@dataclass
class Row:
    """One data row of a table sheet: values by canonical column name, and where each came from."""

    sheet: str
    number: int
    values: dict
    columns: dict
    """Column name -> its index in the sheet (0 for A)."""

    def cell(self, column: str) -> str:
        """Where a value came from, `F7`: only worked out when a message needs it.

        NO_CELL for a column the header lacks: the header's problem already says it, once.
        """
        if column not in self.columns:
            return NO_CELL
        return f"{_col_letter(self.columns[column])}{self.number}"


_DEFAULT_SHEET_NAME = re.compile(r"(sheet|trang tính|trang|feuil|tabelle|hoja)\s*\d*")

NO_CELL = "?"
"""The cell of a column the sheet does not have; problems about it are not reported."""

EXCEL_ERRORS = {
    "#NULL!": "hai vùng ô không giao nhau",
    "#DIV/0!": "chia cho 0",
    "#VALUE!": "sai kiểu giá trị",
    "#REF!": "công thức tham chiếu tới ô đã bị xóa",
    "#NAME?": "tên hàm hoặc tên vùng không có",
    "#NUM!": "số không hợp lệ",
    "#N/A": "không tìm thấy giá trị",
    "#GETTING_DATA": "đang lấy dữ liệu",
    "#SPILL!": "kết quả tràn sang ô đã có dữ liệu",
    "#CALC!": "không tính được",
    "#FIELD!": "trường không có",
    "#BLOCKED!": "bị chặn",
    "#CONNECT!": "không kết nối được",
    "#BUSY!": "đang bận tính",
    "#UNKNOWN!": "kiểu dữ liệu lạ",
    "#EXTERNAL!": "lỗi nguồn ngoài",
    "#PYTHON!": "lỗi Python",
}
"""Excel's error values (what a cell shows when its formula fails), with what each means."""


class Reader:
    """Collects problems and warnings while the sheets are turned into models."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self._refused_cells: set[tuple[str, str]] = set()

    def problem(self, sheet: str, cell: str, message: str, hint: str = "") -> None:
        if cell == NO_CELL or (sheet, cell) in self._refused_cells:
            return
        self.problems.append(Problem(sheet, cell, message, hint))

    def warn(self, sheet: str, cell: str, message: str, hint: str = "") -> None:
        if cell == NO_CELL or (sheet, cell) in self._refused_cells:
            return
        self.warnings.append(Problem(sheet, cell, message, hint))

    def refuse_error_values(self, sheet: str, rows: list[list]) -> None:
        """`#REF!`, `#DIV/0!`…: a problem at the cell, and the value gone, so it is never printed
        and no second message about the same cell follows (`tình trạng “#REF!” không hợp lệ`)."""
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
                    code = value.strip()
                    cell = f"{_col_letter(c)}{r}"
                    self.problem(sheet, cell, f"ô báo lỗi Excel {code} ({EXCEL_ERRORS[code]})",
                                 "sửa công thức của ô hoặc gõ thẳng giá trị vào ô, rồi lưu lại")
                    self._refused_cells.add((sheet, cell))
                    row[c] = None

    # ----- sheets and columns

    def find_sheets(self, wb, required=F.ALL_SHEETS, optional=()) -> dict:
        by_key = {match_key(ws.title): ws for ws in wb.worksheets}
        found = {}
        unknown = [ws.title for ws in wb.worksheets if match_key(ws.title) not in {match_key(n) for n in F.ALL_SHEETS}]
        # Excel's own name for a new sheet (`Sheet1`, `Trang tính1`) is a sheet the clerk added and never named.
        unnamed = [title for title in unknown if _DEFAULT_SHEET_NAME.fullmatch(match_key(title))]
        for name in (*required, *optional):
            ws = by_key.get(match_key(name))
            if ws is None and name in optional:
                continue
            if ws is None:
                guess = closest(name, unknown) or (unnamed.pop(0) if unnamed else None)
                hint = f"đổi tên trang “{guess}” thành “{name}”" if guess else f"thêm trang “{name}” theo mẫu"
                self.problem(name, "", f"thiếu trang “{name}”", hint)
                continue
            if ws.sheet_state != "visible":
                self.warn(ws.title, "", "trang này đang bị ẩn nhưng vẫn được đọc", "bỏ ẩn nếu không cần ẩn")
            found[name] = ws
        return found

    def table(self, ws, name: str, columns: tuple[F.Column, ...], grid) -> list[Row]:
        """Rows of a table sheet, headers matched loosely; problems for missing required columns."""
        rows = grid(ws)
        if not rows:
            missing = [c.name for c in columns if c.required]
            self.problem(name, "A1", "trang trống, thiếu dòng tiêu đề", "nhập tiêu đề cột: " + ", ".join(missing))
            return []
        header = rows[0]
        wanted = {match_key(c.name): c for c in columns}
        index: dict[str, int] = {}
        unknown: list[tuple[int, str]] = []
        for i, value in enumerate(header):
            if value is None or str(value).strip() == "":
                continue
            key = match_key(value)
            if key in wanted and wanted[key].name not in index:
                index[wanted[key].name] = i
            else:
                unknown.append((i, str(value)))
        for column in columns:
            if column.name in index:
                continue
            guess = closest(column.name, [u[1] for u in unknown])
            if guess is not None:
                i = next(i for i, v in unknown if v == guess)
                cell = f"{_col_letter(i)}1"
                if column.required:
                    self.problem(name, cell, f"tiêu đề cột “{guess}” không đúng", f"sửa thành “{column.name}”")
                else:
                    self.warn(name, cell, f"tiêu đề cột “{guess}” không đúng nên cột bị bỏ qua",
                              f"sửa thành “{column.name}”")
                unknown = [u for u in unknown if u[1] != guess]
            elif column.required:
                free = f"{_col_letter(len(header))}1"
                self.problem(name, free, f"thiếu cột “{column.name}”",
                             f"thêm cột “{column.name}” vào dòng tiêu đề (ví dụ ô {free})")
        for i, value in unknown:
            self.warn(name, f"{_col_letter(i)}1", f"cột “{value}” không thuộc mẫu nên bị bỏ qua",
                      "xóa cột nếu không cần; nếu là cột của mẫu thì sửa tiêu đề cho đúng tên cột")
        result = []
        for offset, values in enumerate(rows[1:], start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            result.append(
                Row(
                    name,
                    offset,
                    {c: values[i] if i < len(values) else None for c, i in index.items()},
                    index,
                )
            )
        return result

    # ----- values

    def text(self, row: Row, column: str, required: bool = False, what: str = "") -> str:
        value = row.values.get(column)
        if isinstance(value, datetime):
            value = f"{value.day}/{value.month}/{value.year}"
        elif isinstance(value, ExcelNumber):
            value = format_excel_number(float(value), value.number_format)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = format_general_number(value)
        elif isinstance(value, str) and "_x" in value:
            value = unescape_ooxml(value)
        text = clean_text(str(value)) if value is not None else ""
        if required and not text and column in row.values:
            self.problem(row.sheet, row.cell(column), f"chưa nhập {what or column}", f"nhập {what or column}")
        if text in F.EXAMPLES:
            self.warn(row.sheet, row.cell(column), f"ô còn chữ ví dụ “{text}” của sổ mẫu",
                      "thay bằng nội dung thật (hoặc xóa dòng nếu không cần) trước khi gửi văn bản")
        if text and legacy_encoded_words(text):
            self.warn(row.sheet, row.cell(column), "chữ có vẻ gõ bằng bảng mã cũ (TCVN3/VNI)",
                      "chuyển sang Unicode bằng Unikey (Ctrl+Shift+F6) rồi lưu lại")
        return text


def unescape_ooxml(text: str) -> str:
    """Excel stores characters XML cannot hold as `_x0001_`; read them back as Excel does."""
    from openpyxl.utils.escape import unescape

    return unescape(text)


def closest(name: str, candidates: list[str]) -> str | None:
    keys = {match_key(c): c for c in candidates}
    match = difflib.get_close_matches(match_key(name), list(keys), n=1, cutoff=0.6)
    return keys[match[0]] if match else None


def _col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)  # a message's cell name: not on the per-cell path


class ExcelNumber(float):
    """A number whose cell has a display format (`0%`, `#,##0`): printed as Excel shows it."""

    number_format: str = "General"

    @classmethod
    def of(cls, value, number_format: str) -> ExcelNumber:
        number = cls(value)
        number.number_format = number_format
        return number


def _keep_number_formats(ws, rows: list[list]) -> None:
    """Numbers in formatted cells carry their format, so text cells print them as Excel shows them."""
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                number_format = ws.cell(r, c).number_format
                if number_format and number_format != "General":
                    row[c - 1] = ExcelNumber.of(value, number_format)


def _grid_reader(reader: Reader, formula_wb):
    """A function that gives a sheet's values as lists, merged ranges filled from the top-left cell."""

    def grid(ws) -> list[list]:
        rows, stray = value_grid(ws)
        for coordinate in stray[:3]:
            reader.problem(ws.title, coordinate, "ô có dữ liệu nằm quá xa bảng (quá 50.000 dòng hoặc 1.000 cột)",
                           "xóa nội dung ô đó (hoặc xóa các dòng, cột thừa) rồi lưu lại")
        width = max(map(len, rows), default=0)
        _keep_number_formats(ws, rows)
        for merged in ws.merged_cells.ranges:
            top_left = ws.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
                row = rows[r - 1]
                for c in range(merged.min_col, min(merged.max_col, width) + 1):
                    while len(row) < c:
                        row.append(None)
                    row[c - 1] = top_left
        reader.refuse_error_values(ws.title, rows)
        hidden = [r for r, dim in ws.row_dimensions.items() if dim.hidden and r <= len(rows)]
        if hidden:
            reader.warn(ws.title, f"A{hidden[0]}", f"có {len(hidden)} dòng đang ẩn nhưng vẫn được đọc",
                        "các dòng ẩn vẫn được đưa vào văn bản; xóa dòng nếu không muốn")
        if formula_wb is not None:
            fws = formula_wb[ws.title]
            for cell in existing_cells(fws):
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    row = rows[cell.row - 1] if cell.row <= len(rows) else []
                    if cell.column > len(row) or row[cell.column - 1] is None:
                        reader.problem(ws.title, cell.coordinate, "công thức chưa có giá trị đã tính",
                                       "mở sổ trong Excel, nhấn Ctrl+Alt+F9 rồi lưu lại")
        return rows

    return grid


def open_workbook(path: Path):
    """The workbook (cached values), a Reader for its problems, and the sheet-to-rows function."""
    has_formulas = check_file_is_safe_workbook(path)
    wb = _load(path, data_only=True)
    formula_wb = _load(path, data_only=False) if has_formulas else None
    reader = Reader(path)
    lock = path.with_name("~$" + path.name)
    if lock.exists():
        reader.warn(path.name, "", "sổ đang mở trong Excel; thay đổi chưa lưu sẽ không được đưa vào",
                    "lưu sổ trong Excel (Ctrl+S) trước khi chạy")
    return wb, reader, _grid_reader(reader, formula_wb)
