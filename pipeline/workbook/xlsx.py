"""The .xlsx/.xlsm file opened for reading: refused if hostile, then each sheet's cells on demand.

One pass over the package does the safety scan (zip bomb, DTD, row count) and keeps the bytes
of every XML part it unpacks; a worksheet's bytes then give what calamine does not (cells.py), and
calamine is opened on the kept parts (calamine_book.py). calamine reads only the sheets asked for.
Nothing here knows what the sheets mean.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UnreadableWorkbook, os_reason
from ..safety.package import UnsafePackage, inspect_package, require_regular_file
from . import calamine_book, cells
from .cells import SheetNotes, Styles, UnreadableCells, Worksheet
from .extent import MAX_GRID_COLUMNS, MAX_GRID_ROWS

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_READ_AT_ONCE_BYTES = 4 * 1024 * 1024


@dataclass
class SheetCells:
    """A sheet's values as openpyxl read them, row by row, and what else the XML says."""

    rows: list[list]
    """From row 1 to the last row with a value, each row from column A to its last value, a blank
    cell None. No cell a merged range covers (its top-left keeps its value), no stray value."""
    notes: SheetNotes
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def value(self, row: int, column: int) -> object:
        """The value at (row, column) from 1, None when blank or beyond the values."""
        if row > len(self.rows) or column > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][column - 1]


class ExcelFile:
    """A workbook checked and opened: its worksheets in order, and each one's cells on demand."""

    def __init__(self, path: Path, worksheets: list[Worksheet], styles: Styles, parts: dict[str, bytes],
                 has_every_part: bool = False):
        self.path = path
        self.worksheets = worksheets
        self.styles = styles
        self._parts = parts
        self._has_every_part = has_every_part
        """`parts` holds every XML part of the package, once each: calamine can be given them alone."""
        self._book: CalamineWorkbook | None = None

    def cells(self, ws: Worksheet) -> SheetCells:
        try:
            return self._cells(ws)
        except UnreadableWorkbook:
            raise
        except Exception as exc:  # calamine and a damaged part raise many kinds
            raise UnreadableWorkbook(self.path, f"không đọc được sổ Excel ({type(exc).__name__})",
                                     "mở lại trong Excel và lưu dạng .xlsx") from exc

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
            self._book = None

    def _cells(self, ws: Worksheet) -> SheetCells:
        xml = self._part(ws.part)
        notes = cells.sheet_notes(xml, self.styles)
        if cells.is_dense_enough(notes):
            rows = self._calamine_rows(ws, xml, notes)
        else:
            strings = cells.shared_strings(self._part("xl/sharedStrings.xml", missing_ok=True))
            rows = _as_rows(cells.sparse_values(xml, strings))
        for (r, c), value in notes.typed.items():
            if r <= MAX_GRID_ROWS and c <= MAX_GRID_COLUMNS:
                _put(rows, r, c, value)
        merges = cells.merged_ranges(xml)
        if merges:
            _clear_covered_cells(rows, merges)
        _trim(rows)
        return SheetCells(rows, notes, merges)

    def _calamine_rows(self, ws: Worksheet, xml: bytes, notes: SheetNotes) -> list[list]:
        from python_calamine import CalamineWorkbook

        if notes.stray:
            with zipfile.ZipFile(self.path) as zf:
                cleaned = cells.with_parts_replaced(zf, {ws.part: cells.without_stray_cells(xml, notes)})
            book = CalamineWorkbook.from_filelike(cleaned)
        else:
            if self._book is None:
                self._book = (calamine_book.open_parts(self._parts) if self._has_every_part
                              else CalamineWorkbook.from_path(str(self.path)))
            book = self._book
        # calamine reads a blank cell as "" and every number as a float; openpyxl gave None, and
        # an int for a whole number written `12` (_int_if_whole, written out: it runs per cell).
        return [[(None if v == "" else v) if v.__class__ is not float
                 else int(v) if v.is_integer() and -2**53 < v < 2**53 else v for v in row]
                for row in book.get_sheet_by_name(ws.title).to_python(skip_empty_area=False)]

    def _part(self, name: str, missing_ok: bool = False) -> bytes:
        if name in self._parts:
            return self._parts[name]
        with zipfile.ZipFile(self.path) as zf:
            if missing_ok and name not in zf.NameToInfo:
                return b""
            return zf.read(name)


def _int_if_whole(value: object) -> object:
    if value.__class__ is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _as_rows(values: dict[tuple[int, int], object]) -> list[list]:
    """Values by (row, column), within the grid's limits, as rows (a sparse sheet's few values)."""
    rows: list[list] = []
    for (r, c), value in sorted(values.items()):
        if r <= MAX_GRID_ROWS and c <= MAX_GRID_COLUMNS:
            _put(rows, r, c, _int_if_whole(value))
    return rows


def _put(rows: list[list], r: int, c: int, value: object) -> None:
    if len(rows) < r:
        rows.extend([] for _ in range(r - len(rows)))
    row = rows[r - 1]
    if len(row) < c:
        row.extend([None] * (c - len(row)))
    row[c - 1] = value


def _clear_covered_cells(rows: list[list], merges: list[tuple[int, int, int, int]]) -> None:
    """A merged range keeps only its top-left value, as Excel and openpyxl do."""
    for r1, c1, r2, c2 in merges:
        for r in range(r1, min(r2, len(rows)) + 1):
            row = rows[r - 1]
            for c in range(c1, min(c2, len(row)) + 1):
                if (r, c) != (r1, c1):
                    row[c - 1] = None


def _trim(rows: list[list]) -> None:
    """Each row up to its last value, the sheet up to its last row with one."""
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()


# --------------------------------------------------------------------------------------------
# Opening the file


def open_excel_file(path: Path) -> ExcelFile:
    """Refuse what is not an .xlsx/.xlsm, or is built to exhaust memory or time; then open it."""
    try:
        return _open(path)
    except UnsafePackage as exc:
        raise UnreadableWorkbook(path, exc.message, exc.hint) from exc
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise UnreadableWorkbook(path, "tệp bị hỏng hoặc chưa tải về hết", "tải lại tệp hoặc lưu lại từ Excel") from exc
    except OSError as exc:
        raise UnreadableWorkbook(path, f"không đọc được tệp ({os_reason(exc)})",
                                 "kiểm tra quyền đọc tệp (hoặc chép tệp sang thư mục của bạn) rồi chạy lại") from exc
    except (UnreadableCells, ValueError, IndexError, KeyError) as exc:
        raise UnreadableWorkbook(path, f"không đọc được sổ Excel ({type(exc).__name__})",
                                 "mở lại trong Excel và lưu dạng .xlsx") from exc


def _open(path: Path) -> ExcelFile:
    size = require_regular_file(path, "tệp Excel").st_size
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
        # A workbook of a usual size is read at once: the zip's parts are then found without a
        # seek and a read each.
        archive = head + fh.read() if size <= _READ_AT_ONCE_BYTES else None
        source = io.BytesIO(archive) if archive is not None else fh
        try:
            zf = zipfile.ZipFile(source)
        except zipfile.BadZipFile:
            if zipfile.is_zipfile(source):
                raise  # a zip with a damaged directory: the caller says so
            if head.startswith(b"PK\x03\x04"):
                raise UnreadableWorkbook(path, "tệp bị hỏng hoặc chưa tải về hết",
                                         "tải lại tệp hoặc lưu lại từ Excel") from None
            raise UnreadableWorkbook(
                path,
                "đây không phải sổ Excel (.xlsx); có thể là tệp CSV hoặc văn bản đổi đuôi",
                "mở trong Excel rồi chọn File > Save As > Excel Workbook (*.xlsx)",
            ) from None
        with zf:
            return _open_package(path, zf, archive)


def _open_package(path: Path, zf: zipfile.ZipFile, archive: bytes | None) -> ExcelFile:
    names = zf.NameToInfo
    if "word/document.xml" in names:
        what = "văn bản Word" if path.suffix.lower() == ".docx" else "tệp Word (.docx) đổi đuôi"
        raise UnreadableWorkbook(
            path, f"đây là {what}, không phải sổ Excel",
            f"để kiểm tra thể thức dùng `make-report check {path}`; để tạo văn bản hãy chỉ ra sổ Excel (.xlsx)",
        )
    if "xl/workbook.xml" not in names:
        raise UnreadableWorkbook(path, "tệp nén này không phải sổ Excel", "mở trong Excel và lưu dạng .xlsx")
    parts: dict[str, bytes] = {}
    checked = inspect_package(zf, keep=parts, archive=archive).checked
    has_every_part = len(parts) == len(checked) and calamine_book.fits(parts)  # none too big, no name twice

    def read(name: str) -> bytes:
        """A part's bytes, b"" when the package has no such part."""
        if name in parts:
            return parts[name]
        return zf.read(name) if name in names else b""

    return ExcelFile(path, cells.worksheets(read), cells.styles(read), parts, has_every_part)


def _is_encrypted_ooxml(path: Path) -> bool:
    with path.open("rb") as fh:
        data = fh.read(2 * 1024 * 1024)
    return "EncryptedPackage".encode("utf-16-le") in data
