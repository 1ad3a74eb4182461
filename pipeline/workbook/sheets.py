"""The sheets as tables: each sheet's rows of values (grid.py) matched to its header, with their cells.

Knows nothing of what the sheets mean (reader.py does): it turns a sheet into header-matched `Row`s
and their values into text as Excel shows them, collecting problems with their cell in a `Reader`.
Numbers keep their display format (`ExcelNumber`).
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import Problem
from ..vietnamese import (ascii_slug, clean_text, closest, format_excel_number, format_general_number, legacy_encoded_words,
                          is_surely_legacy, legacy_encoding_name, match_key)
from . import format as F
from .cells import unescape_surrogates
from .excel_values import EXCEL_ERRORS


# --------------------------------------------------------------------------------------------
# Sheets as tables


@dataclass(slots=True)
class Row:
    """One data row of a table sheet: values by canonical column name, and where each came from."""

    sheet: str
    number: int
    values: dict
    columns: dict
    """Column name -> its letter in the sheet (`A`), shared by the table's rows."""

    def cell(self, column: str) -> str:
        """Where a value came from, `F7`: only worked out when a message needs it.

        NO_CELL for a column the header lacks: the header's problem already says it, once.
        """
        letter = self.columns.get(column)
        if letter is None:
            return NO_CELL
        return f"{letter}{self.number}"


_DEFAULT_SHEET_NAME = re.compile(r"(sheet|trang tính|trang|feuil|tabelle|hoja)\s*\d*")

NO_CELL = "?"
"""The cell of a column the sheet does not have; problems about it are not reported."""


class Reader:
    """Collects problems and warnings while the sheets are turned into models."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self._refused_cells: set[tuple[str, str]] = set()
        self._warned: set[Problem] = set()

    def problem(self, sheet: str, cell: str, message: str, hint: str = "") -> None:
        if cell == NO_CELL or (sheet, cell) in self._refused_cells:
            return
        self.problems.append(Problem(sheet, cell, message, hint))

    def warn(self, sheet: str, cell: str, message: str, hint: str = "", example: str = "") -> None:
        warning = Problem(sheet, cell, message, hint, example)
        if cell == NO_CELL or (sheet, cell) in self._refused_cells or warning in self._warned:
            return  # a cell read by two readers (the results' outcome column) is warned about once
        self._warned.add(warning)
        self.warnings.append(warning)

    def is_refused(self, sheet: str, cell: str) -> bool:
        return (sheet, cell) in self._refused_cells

    def refuse_cells(self, sheet: str, cells: list[str]) -> None:
        """Cells already named in a problem: nothing more is said of them (no follow-on message)."""
        self._refused_cells.update((sheet, cell) for cell in cells)

    def refuse_error_values(self, sheet: str, rows: list[list]) -> None:
        """`#REF!`, `#DIV/0!`…: a problem at the cell, and the value gone, so it is never printed
        and no second message about the same cell follows (`tình trạng “#REF!” không hợp lệ`)."""
        for r, row in enumerate(rows, start=1):
            for value in row:  # most rows hold no `#` at all: found without numbering the cells
                if value.__class__ is str and "#" in value:
                    break
            else:
                continue
            for c, value in enumerate(row):
                if isinstance(value, str) and "#" in value and value.strip() in EXCEL_ERRORS:
                    code = value.strip()
                    cell = f"{column_letter(c)}{r}"
                    self.problem(sheet, cell, f"ô báo lỗi Excel {code} ({EXCEL_ERRORS[code]})",
                                 "sửa công thức của ô hoặc gõ thẳng giá trị vào ô, rồi lưu lại")
                    self._refused_cells.add((sheet, cell))
                    row[c] = None

    # ----- sheets and columns

    def find_sheets(self, wb, required=F.ALL_SHEETS, optional=()) -> dict:
        by_key = {match_key(ws.title): ws for ws in wb.worksheets}
        found = {}
        known = {match_key(n) for n in F.ALL_SHEETS}
        unknown = [ws.title for ws in wb.worksheets if match_key(ws.title) not in known]
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
        found = self.records(ws, name, columns, grid)
        names, pick, letters = tuple(found.positions), _picker(tuple(found.positions.values())), found.letters
        return [Row(name, number, dict(zip(names, pick(values))), letters) for number, values in found.rows]

    def records(self, ws, name: str, columns: tuple[F.Column, ...], grid) -> Records:
        """A table sheet's data rows as the sheet holds them, its header read as `table` reads it."""
        rows = grid(ws)
        if not rows:
            missing = [c.name for c in columns if c.required]
            self.problem(name, "A1", "trang trống, thiếu dòng tiêu đề", "nhập tiêu đề cột: " + ", ".join(missing))
            return Records(name, [], {}, {})
        header = rows[0]
        wanted, folded, aliases = _by_key(columns), _by_folded_name(columns), _by_alias(columns)
        index: dict[str, int] = {}
        named = [(i, value) for i, value in enumerate(header) if value is not None and str(value).strip() != ""]
        # The exact names first, then the same without tone marks, then a column's other names: an alias
        # never takes the place of the template's own header (`Thời gian thực hiện` typed beside
        # `Thời gian hoàn thành`).
        for read_as in (lambda v: wanted.get(match_key(v)), lambda v: folded.get(ascii_slug(str(v))),
                        lambda v: aliases.get(ascii_slug(str(v)))):
            for i, value in named:
                column = read_as(value)
                if column is not None and column.name not in index and i not in index.values():
                    index[column.name] = i
        taken = set(index.values())
        unknown: list[tuple[int, str]] = [(i, str(value)) for i, value in named if i not in taken]
        if (not index or len(named) == 1) and (below := _header_below(rows, wanted, folded | aliases)):
            above = "dòng 1" if below == 2 else f"dòng 1 đến {below - 1}"
            self.problem(name, f"A{below}", f"dòng tiêu đề cột đang ở dòng {below}, phải là dòng 1",
                         f"xóa {above} (tiêu đề trang, dòng trống) phía trên dòng tiêu đề cột rồi lưu lại")
            return Records(name, [], {}, {})
        for column in columns:
            if column.name in index:
                continue
            guess = closest(column.name, [u[1] for u in unknown])
            if guess is not None:
                i = next(i for i, v in unknown if v == guess)
                cell = f"{column_letter(i)}1"
                if column.required:
                    self.problem(name, cell, f"tiêu đề cột “{guess}” không đúng", f"sửa thành “{column.name}”")
                else:
                    self.warn(name, cell, f"tiêu đề cột “{guess}” không đúng nên cột bị bỏ qua",
                              f"sửa thành “{column.name}”")
                unknown = [u for u in unknown if u[1] != guess]
            elif column.required:
                free = f"{column_letter(len(header))}1"
                self.problem(name, free, f"thiếu cột “{column.name}”",
                             f"thêm cột “{column.name}” vào dòng tiêu đề (ví dụ ô {free})")
        for i, value in unknown:
            self.warn(name, f"{column_letter(i)}1", f"cột “{value}” không thuộc mẫu nên bị bỏ qua",
                      "xóa cột nếu không cần; nếu là cột của mẫu thì sửa tiêu đề cho đúng tên cột")
        width = max(index.values(), default=-1) + 1
        result = []
        for offset, values in enumerate(rows[1:], start=2):
            first = values[0] if values else None
            if (first is None or first.__class__ is str and not first.strip()) and _blank_row(values):
                continue  # (most rows start with a value: no call to find they are not blank)
            if len(values) < width:
                values = values + [None] * (width - len(values))
            result.append((offset, values))
        return Records(name, result, index, {column: column_letter(i) for column, i in index.items()})

    # ----- values

    def text(self, row: Row, column: str, required: bool = False, what: str = "") -> str:
        value = row.values.get(column)
        if value is None:
            if required and column in row.values:
                self.problem(row.sheet, row.cell(column), f"chưa nhập {what or column}", f"nhập {what or column}")
            return ""
        plain = PLAIN_TEXTS.get(value)
        if plain is not None:
            return plain
        text, is_example, is_legacy = _judgement(value)
        if required and not text:
            self.problem(row.sheet, row.cell(column), f"chưa nhập {what or column}", f"nhập {what or column}")
        if is_example:
            self.warn(row.sheet, row.cell(column), f"{F.EXAMPLE_TEXT} “{text}” của sổ mẫu",
                      "thay bằng nội dung thật (hoặc xóa dòng nếu không cần) trước khi gửi văn bản", example=text)
        if is_legacy:  # an error, as `check` says of the document it would print: garbled in every font
            words = legacy_encoded_words(text)
            encoding = legacy_encoding_name(words)
            hint = (f"chuyển sang Unicode bằng Unikey (Ctrl+Shift+F6, bảng mã nguồn {encoding}, bảng mã đích "
                    "Unicode) rồi lưu lại")
            if is_surely_legacy(words):
                self.problem(row.sheet, row.cell(column), f"chữ gõ bằng bảng mã cũ {encoding} (“{words[0]}”): "
                             "văn bản sẽ in sai chữ", hint)
            else:  # one word: a foreign name as likely as an encoding, which one word cannot tell
                self.warn(row.sheet, row.cell(column), f"chữ “{words[0]}” có vẻ gõ bằng bảng mã cũ (TCVN3/VNI)",
                          "nếu là tên nước ngoài thì giữ nguyên; nếu không, chuyển sang Unicode bằng Unikey "
                          "(Ctrl+Shift+F6) rồi lưu lại")
        return text


@dataclass(slots=True)
class Records:
    """A table sheet's data rows as the sheet holds them, what `Reader.table` makes `Row`s of: a
    reader of many rows takes values by position and makes a Row only of a row it reads with care."""

    sheet: str
    rows: list[tuple[int, list]]
    """(row number, values long enough for every column the header has), blank rows left out."""
    positions: dict[str, int]
    """Column name -> its index in a row's values, for the columns the header has, in header order."""
    letters: dict[str, str]

    def row(self, number: int, values: list) -> Row:
        return Row(self.sheet, number, {column: values[i] for column, i in self.positions.items()}, self.letters)

    def cell(self, column: str, number: int) -> str:
        """`Row.cell` of row `number`."""
        letter = self.letters.get(column)
        return NO_CELL if letter is None else f"{letter}{number}"


class _TextCache:
    """Each distinct cell text cleaned and judged once per process, not once per workbook: clerks type
    the same texts in every workbook (`Hoàn thành`, `Quý I`, the codes of `Số liệu`). What is kept is
    the text alone, never a cell or a warning. Bounded by the characters it holds: when full, emptied."""

    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self.chars = 0
        self.texts: dict[str, tuple[str, bool, bool]] = {}
        self.get = self.texts.get
        self.plain: dict[str, str] = {}
        """The texts reading gives nothing to say about (neither blank, nor an example, nor legacy
        encoded): a reader that finds its cell's value here has the text and no message to give."""

    def put(self, value: str, judged: tuple[str, bool, bool]) -> None:
        self.chars += len(value) + len(judged[0])
        if self.chars > self.max_chars:
            self.texts.clear()
            self.plain.clear()
            self.chars = len(value) + len(judged[0])
        self.texts[value] = judged
        text, is_example, is_legacy = judged
        if text and not is_example and not is_legacy:
            self.plain[value] = text


_JUDGED_TEXTS = _TextCache(max_chars=200_000)  # full within a few dozen workbooks: a batch's memory stays flat
PLAIN_TEXTS = _JUDGED_TEXTS.plain
"""Cell value -> its text, for a value `Reader.text` would read without a message (seen before)."""


def plain_text(value) -> str | None:
    """The text of a cell value `Reader.text` reads without a message, judged and kept as it would
    be; None for a value it would say something about (or a blank, or not a text)."""
    text = PLAIN_TEXTS.get(value)
    if text is None and value.__class__ is str:
        _judgement(value)
        text = PLAIN_TEXTS.get(value)
    return text


def _judgement(value) -> tuple[str, bool, bool]:
    """A cell value's text, whether it is the sample's example, whether it looks legacy encoded:
    a text judged once per process (`_JUDGED_TEXTS`), a number or a date each time."""
    if value.__class__ is not str:
        return _judged(_cell_text(value))
    known = _JUDGED_TEXTS.get(value)
    if known is None:
        known = _judged(_cell_text(value))
        _JUDGED_TEXTS.put(value, known)
    return known


@functools.lru_cache(maxsize=32)
def _by_key(columns: tuple[F.Column, ...]) -> dict[str, F.Column]:
    """A table's columns by how headers are compared: the same few tables in every workbook."""
    return {match_key(c.name): c for c in columns}


def _header_below(rows: list[list], wanted: dict, loosely: dict) -> int | None:
    """The row number (2–6) of the table's header when a title or blank rows were put above it (two of
    its headers or more on one row), else None."""
    for number, values in enumerate(rows[1:6], start=2):
        named = [v for v in values if v is not None and str(v).strip()]
        if sum(1 for v in named if match_key(v) in wanted or ascii_slug(str(v)) in loosely) >= 2:
            return number
    return None


@functools.lru_cache(maxsize=32)
def _by_folded_name(columns: tuple[F.Column, ...]) -> dict[str, F.Column]:
    """A table's columns by their names without tone marks, case or punctuation."""
    return {ascii_slug(c.name): c for c in columns}


@functools.lru_cache(maxsize=32)
def _by_alias(columns: tuple[F.Column, ...]) -> dict[str, F.Column]:
    """A table's columns by the other names clerks give them (`HEADER_ALIASES`), compared as folded."""
    return {ascii_slug(name): c for c in columns for name in F.HEADER_ALIASES.get(c.name, ())}


def _picker(positions: tuple[int, ...]):
    """A function that takes the values at `positions` from a row, in that order."""
    if len(positions) == 1:
        position = positions[0]
        return lambda values: (values[position],)
    return operator.itemgetter(*positions) if positions else lambda values: ()


def _blank_row(values: list) -> bool:
    for value in values:  # a cell's value is a str, never a subclass of one
        if value is not None and (value.__class__ is not str or value.strip()):
            return False
    return True


def _cell_text(value) -> str:
    """A cell's value as text: dates `d/m/yyyy`, numbers as Excel shows them, then cleaned."""
    if isinstance(value, datetime):
        value = f"{value.day}/{value.month}/{value.year}"
    elif isinstance(value, ExcelNumber):
        value = format_excel_number(float(value), value.number_format)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        value = format_general_number(value)
    elif isinstance(value, str) and "_x" in value:
        value = unescape_surrogates(value)
    return clean_text(str(value)) if value is not None else ""


def _judged(text: str) -> tuple[str, bool, bool]:
    """The text, whether it is the template's example, whether it looks typed in TCVN3/VNI."""
    return text, text in F.EXAMPLES, bool(text) and bool(legacy_encoded_words(text))


@functools.lru_cache(maxsize=256)
def column_letter(index: int) -> str:
    """`0` -> `A`, `26` -> `AA`: a message's cell name."""
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class ExcelNumber(float):
    """A number whose cell has a display format (`0%`, `#,##0`): printed as Excel shows it."""

    number_format: str = "General"

    @classmethod
    def of(cls, value, number_format: str) -> ExcelNumber:
        number = cls(value)
        number.number_format = number_format
        return number
