"""Read and validate a workbook (format v1) into a `Plan`.

Every problem is collected with its cell and a hint, then raised once as `InvalidWorkbook`.
The file is only ever opened for reading; hostile files are refused before openpyxl parses them.
"""

from __future__ import annotations

import difflib
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from . import workbook_format as F
from .errors import InvalidWorkbook, Problem, UnreadableWorkbook
from .models import (
    Agency,
    BodyParagraph,
    DocumentInfo,
    DocumentKind,
    IssueDate,
    Plan,
    QuarterResult,
    Recipients,
    Signer,
    Status,
    Task,
)
from .package_safety import UnsafePackage, inspect_package, require_regular_file
from .periods import accepted_deadlines, parse_day_month_year, parse_deadline, parse_quarter, period_from_row_label
from .sheet_extent import bounded_merges, existing_cells, value_grid
from .signing import authority_problems
from .vietnamese import clean_text, format_excel_number, format_general_number, legacy_encoded_words, match_key, roman

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CRITERION_CODE = re.compile(r"^\s*tiêu chí(?: thành phần)?\s+(\d+(?:\.\d+)*)", re.IGNORECASE)


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
        raise UnreadableWorkbook(path, f"không đọc được tệp ({exc.strerror or exc})",
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
        """Where a value came from, `F7`: only worked out when a message needs it."""
        return f"{_col_letter(self.columns.get(column, 0))}{self.number}"


class Reader:
    """Collects problems and warnings while the sheets are turned into models."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def problem(self, sheet: str, cell: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(sheet, cell, message, hint))

    def warn(self, sheet: str, cell: str, message: str, hint: str = "") -> None:
        self.warnings.append(Problem(sheet, cell, message, hint))

    # ----- sheets and columns

    def find_sheets(self, wb, required=F.ALL_SHEETS, optional=()) -> dict:
        by_key = {match_key(ws.title): ws for ws in wb.worksheets}
        found = {}
        for name in (*required, *optional):
            ws = by_key.get(match_key(name))
            if ws is None and name in optional:
                continue
            if ws is None:
                guess = _closest(name, [ws.title for ws in wb.worksheets if match_key(ws.title) not in
                                        {match_key(n) for n in F.ALL_SHEETS}])
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
            guess = _closest(column.name, [u[1] for u in unknown])
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
                self.problem(name, "1", f"thiếu cột “{column.name}”", f"thêm cột “{column.name}” vào dòng 1")
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
        text = clean_text(value) if value is not None else ""
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


def _vietnamese_reason(exc: ValueError) -> str:
    """Our parsers give reasons in Vietnamese; Python's own (`year 0 is out of range`) are replaced."""
    reason = str(exc)
    return reason if not reason.isascii() else "ngày, tháng hoặc năm không có thật"


def _closest(name: str, candidates: list[str]) -> str | None:
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


# --------------------------------------------------------------------------------------------
# The workbook, sheet by sheet


def _open(path: Path):
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


def read_workbook(path: str | Path) -> Plan:
    """Read a workbook into a validated `Plan`. Raises `InvalidWorkbook` listing every problem."""
    path = Path(path)
    wb, reader, grid = _open(path)
    sheets = reader.find_sheets(wb, optional=(F.SHEET_FIELDS,))

    agency, year, group_by_field = _read_info(reader, sheets.get(F.SHEET_INFO), grid)
    plan_doc, reports = _read_documents(reader, sheets.get(F.SHEET_DOCUMENTS), grid, year, agency.name if agency else "")
    body = _read_body(reader, sheets.get(F.SHEET_BODY), grid)
    tasks, task_numbers = _read_tasks(reader, sheets.get(F.SHEET_TASKS), grid, year)
    results = _read_results(reader, sheets.get(F.SHEET_RESULTS), grid, task_numbers)
    plan_recipients, report_recipients = _read_recipients(reader, sheets.get(F.SHEET_RECIPIENTS), grid)
    field_names = _read_fields(reader, sheets.get(F.SHEET_FIELDS), grid)
    wb.close()

    if plan_doc is None and F.SHEET_DOCUMENTS in sheets:
        reader.problem(F.SHEET_DOCUMENTS, "A2", "thiếu dòng “Kế hoạch”", "thêm một dòng có cột Văn bản là “Kế hoạch”")
    if not task_numbers and F.SHEET_TASKS in sheets:
        reader.problem(F.SHEET_TASKS, "A2", "chưa có nhiệm vụ nào", "nhập ít nhất một nhiệm vụ")
    if reader.problems:
        raise InvalidWorkbook(path, reader.problems)
    return Plan(
        agency=agency,
        year=year,
        plan_document=plan_doc,
        reports=reports,
        body=tuple(body),
        tasks=tuple(tasks),
        results=tuple(results),
        plan_recipients=plan_recipients,
        report_recipients=report_recipients,
        source=path,
        group_by_field=group_by_field,
        field_names=field_names,
        warnings=tuple(reader.warnings),
    )


@dataclass(frozen=True)
class Issuer:
    """Who issues a roll-up report: read from a small workbook with `Thông tin` and `Văn bản`."""

    agency: Agency
    year: int
    reports: dict
    recipients: Recipients
    warnings: tuple = ()
    source: Path | None = None
    """The workbook it was read from, if any: messages name it."""


def read_issuer_workbook(path: str | Path) -> Issuer:
    """Read only `Thông tin`, `Văn bản` (its `Báo cáo quý …` rows) and, if present, `Nơi nhận`."""
    path = Path(path)
    wb, reader, grid = _open(path)
    sheets = reader.find_sheets(wb, (F.SHEET_INFO, F.SHEET_DOCUMENTS), (F.SHEET_RECIPIENTS,))
    agency, year, _ = _read_info(reader, sheets.get(F.SHEET_INFO), grid)
    _, reports = _read_documents(reader, sheets.get(F.SHEET_DOCUMENTS), grid, year, agency.name if agency else "")
    _, recipients = _read_recipients(reader, sheets.get(F.SHEET_RECIPIENTS), grid)
    wb.close()
    if reader.problems:
        raise InvalidWorkbook(path, reader.problems)
    return Issuer(agency, year, reports, recipients, tuple(reader.warnings), path)


def _read_info(reader: Reader, ws, grid) -> tuple[Agency | None, int, bool]:
    """The issuing body, the plan's year, and whether to group tasks by CCHC field."""
    if ws is None:
        return None, date.today().year, True
    rows = reader.table(ws, F.SHEET_INFO, F.INFO_COLUMNS, grid)
    labels = {match_key(label): label for label in F.INFO_LABELS}
    values: dict[str, tuple[str, str]] = {}
    for row in rows:
        label = reader.text(row, F.INFO_LABEL)
        key = labels.get(match_key(label))
        if key is None:
            guess = _closest(label, list(F.INFO_LABELS))
            hint = f"sửa thành “{guess}”" if guess else "xóa dòng này nếu không cần"
            reader.warn(F.SHEET_INFO, row.cell(F.INFO_LABEL), f"mục “{label}” không thuộc mẫu nên bị bỏ qua", hint)
            continue
        values[key] = (reader.text(row, F.INFO_VALUE), row.cell(F.INFO_VALUE))
    for label, required in F.INFO_LABELS.items():
        if required and not values.get(label, ("",))[0]:
            cell = values[label][1] if label in values else "B"
            reader.problem(F.SHEET_INFO, cell, f"chưa nhập “{label}”", f"nhập giá trị cho mục “{label}” ở cột Giá trị")
    year_text, year_cell = values.get(F.INFO_YEAR, ("", "B"))
    year = date.today().year
    if year_text:
        if re.fullmatch(r"\d{4}", year_text) and 2000 <= int(year_text) <= 2100:
            year = int(year_text)
        else:
            reader.problem(F.SHEET_INFO, year_cell, f"năm “{year_text}” không hợp lệ", f"nhập năm bốn chữ số, ví dụ {date.today().year}")

    def get(label: str) -> str:
        return values.get(label, ("",))[0]

    agency = Agency(
        name=get(F.INFO_ISSUER),
        short_name=get(F.INFO_SHORT_NAME),
        symbol=get(F.INFO_SYMBOL),
        place=get(F.INFO_PLACE),
        managing_body=get(F.INFO_MANAGING_BODY) or None,
        monitoring_unit=get(F.INFO_MONITORING_UNIT) or None,
    )
    if agency.symbol and not re.fullmatch(r"[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)*", agency.symbol):
        reader.problem(F.SHEET_INFO, values[F.INFO_SYMBOL][1], f"ký hiệu cơ quan “{agency.symbol}” không hợp lệ",
                       "chỉ dùng chữ và số, ví dụ UBND")
    return agency, year, _yes_or_no(reader, *values.get(F.INFO_GROUP_BY_FIELD, ("", "B")), default=True)


def _yes_or_no(reader: Reader, text: str, cell: str, default: bool) -> bool:
    key = match_key(text)
    if not key:
        return default
    if key in {"có", "co", "x", "yes", "1"}:
        return True
    if key in {"không", "khong", "no", "0"}:
        return False
    reader.problem(F.SHEET_INFO, cell, f"“{text}” không phải “{F.YES}” hay “{F.NO}”",
                   f"nhập “{F.YES}” để nhóm nhiệm vụ theo lĩnh vực, “{F.NO}” để không nhóm")
    return default


def _parse_document_kind(text: str, year: int):
    """(kind, period) of a `Văn bản` row: `Kế hoạch`, `Báo cáo quý II`, `Báo cáo 6 tháng`…"""
    if match_key(text) == "kế hoạch":
        return DocumentKind.PLAN, None
    period = period_from_row_label(text, year)
    return (DocumentKind.REPORT, period) if period else None


def _parse_issue_date(value, year: int) -> IssueDate:
    """Ngày ban hành: an Excel date, `5/3/2024`, a month only `3/2024`, or blank. Raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return IssueDate(year)
    if isinstance(value, datetime):
        return IssueDate(value.year, value.month, value.day)
    if isinstance(value, date):
        return IssueDate(value.year, value.month, value.day)
    text = str(value).strip()
    try:
        d = parse_day_month_year(text)
    except ValueError:
        raise ValueError(text) from None
    if d is not None:
        return IssueDate(d.year, d.month, d.day)
    m = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", text)
    if m and 1 <= int(m.group(1)) <= 12:
        return IssueDate(int(m.group(2)), int(m.group(1)))
    raise ValueError(text)


def _read_documents(reader: Reader, ws, grid, year: int, issuer: str = ""):
    plan_doc, reports = None, {}
    if ws is None:
        return plan_doc, reports
    seen: dict[tuple, str] = {}
    for row in reader.table(ws, F.SHEET_DOCUMENTS, F.DOCUMENT_COLUMNS, grid):
        kind_text = reader.text(row, F.DOC_KIND)
        parsed = _parse_document_kind(kind_text, year)
        if parsed is None:
            guess = _closest(kind_text, list(F.DOCUMENT_KINDS))
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_KIND), f"loại văn bản “{kind_text}” không hợp lệ",
                           f"chọn “{guess}”" if guess else "chọn một trong: " + ", ".join(F.DOCUMENT_KINDS))
            continue
        kind, period = parsed
        if parsed in seen:
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_KIND), f"“{kind_text}” bị nhập hai lần (đã có ở {seen[parsed]})",
                           "xóa một trong hai dòng")
            continue
        seen[parsed] = row.cell(F.DOC_KIND)
        number = reader.text(row, F.DOC_NUMBER) or None
        if number and not re.fullmatch(r"\d{1,6}", number):
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_NUMBER), f"số văn bản “{number}” không hợp lệ",
                           "nhập số nguyên (ví dụ 25) hoặc để trống cho văn thư điền")
            number = None
        try:
            issue_date = _parse_issue_date(row.values.get(F.DOC_DATE), year)
        except ValueError as exc:
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_DATE), f"ngày ban hành “{exc}” không hợp lệ",
                           f"nhập ngày có thật dạng ngày/tháng/năm (05/03/{year}), chỉ tháng (3/{year}), hoặc để trống")
            issue_date = IssueDate(year)
        summary = _summary(reader, row, required=kind is DocumentKind.PLAN)
        signer = _signer(reader, row, issuer)
        addressees = tuple(
            a.strip().lstrip("-").strip().rstrip(";.").strip()
            for a in reader.text(row, F.DOC_ADDRESSEES).split("\n")
            if a.strip().lstrip("-").strip()
        )
        info = DocumentInfo(
            kind=kind,
            period=period,
            number=number,
            issue_date=issue_date,
            summary=summary,
            signer=signer,
            addressees=addressees,
            shortcomings=reader.text(row, F.DOC_SHORTCOMINGS) or None,
            causes=reader.text(row, F.DOC_CAUSES) or None,
            next_tasks=reader.text(row, F.DOC_NEXT_TASKS) or None,
            proposals=reader.text(row, F.DOC_PROPOSALS) or None,
        )
        if issue_date.year != year and not (period and period.is_cumulative and issue_date.year == year + 1):
            reader.warn(F.SHEET_DOCUMENTS, row.cell(F.DOC_DATE), f"năm ban hành {issue_date.year} khác năm kế hoạch {year}",
                        f"sửa Ngày ban hành thành một ngày của năm {year}, hoặc sửa mục “Năm” ở trang Thông tin "
                        f"thành {issue_date.year} nếu đây là kế hoạch năm {issue_date.year}")
        if kind is DocumentKind.PLAN:
            plan_doc = info
        else:
            reports[period] = info
    return plan_doc, reports


def _summary(reader: Reader, row: Row, required: bool) -> str | None:
    """Trích yếu, without the final full stop a title must not have (it is reused inside sentences)."""
    summary = reader.text(row, F.DOC_SUMMARY, required=required, what="trích yếu")
    trimmed = summary.rstrip(" .;:,")
    if trimmed != summary and not summary.endswith("..."):
        reader.warn(F.SHEET_DOCUMENTS, row.cell(F.DOC_SUMMARY), f"trích yếu kết thúc bằng “{summary[len(trimmed):].strip()}” nên dấu này đã được bỏ",
                    "trích yếu là tên văn bản, không có dấu chấm ở cuối: xóa dấu ở cuối ô")
        summary = trimmed
        if required and not summary:
            reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_SUMMARY), "trích yếu chỉ có dấu câu",
                           "nhập trích yếu của văn bản (một câu ngắn nói văn bản về việc gì)")
    return summary or None


def _signer(reader: Reader, row: Row, issuer: str) -> Signer:
    """Người ký with its authority lines, checked against ND 30's forms (TM., KT., Q., TL., TUQ.)."""
    typed = reader.text(row, F.DOC_AUTHORITY, True, "quyền hạn ký")
    title = reader.text(row, F.DOC_TITLE, True, "chức vụ người ký")
    lines, problems, warnings = authority_problems(typed, title, issuer)
    for message, hint in problems:
        reader.problem(F.SHEET_DOCUMENTS, row.cell(F.DOC_AUTHORITY), message, hint)
    for message, hint in warnings:
        reader.warn(F.SHEET_DOCUMENTS, row.cell(F.DOC_AUTHORITY), message, hint)
    return Signer(authority=tuple(lines), title=title, name=reader.text(row, F.DOC_SIGNER, True, "họ tên người ký"))


def _read_body(reader: Reader, ws, grid) -> list[BodyParagraph]:
    if ws is None:
        return []
    body = []
    for row in reader.table(ws, F.SHEET_BODY, F.BODY_COLUMNS, grid):
        marker = reader.text(row, F.BODY_MARKER)
        text = reader.text(row, F.BODY_TEXT)
        if not text:
            reader.problem(F.SHEET_BODY, row.cell(F.BODY_TEXT), "đề mục không có nội dung", "nhập nội dung hoặc xóa dòng")
            continue
        body.append(BodyParagraph(marker, text))
    return body


def _read_tasks(reader: Reader, ws, grid, year: int) -> tuple[list[Task], set[int]]:
    """The valid tasks, and every TT the sheet holds (a task with a bad cell still has its TT)."""
    if ws is None:
        return [], set()
    tasks: list[Task] = []
    seen: dict[int, str] = {}
    for row in reader.table(ws, F.SHEET_TASKS, F.TASK_COLUMNS, grid):
        number = _whole_number(reader, row, F.TASK_NUMBER)
        if number is not None:
            if number in seen:
                reader.problem(F.SHEET_TASKS, row.cell(F.TASK_NUMBER), f"TT {number} bị trùng với ô {seen[number]}",
                               "mỗi nhiệm vụ một số TT khác nhau")
            seen[number] = row.cell(F.TASK_NUMBER)
        criterion = reader.text(row, F.TASK_CRITERION, True, "tiêu chí")
        raw_deadline = row.values.get(F.TASK_DEADLINE)
        deadline = None
        if raw_deadline is None or (isinstance(raw_deadline, str) and not raw_deadline.strip()):
            reader.problem(F.SHEET_TASKS, row.cell(F.TASK_DEADLINE), "chưa nhập thời gian hoàn thành",
                           "nhập một trong các dạng: " + accepted_deadlines(year))
        else:
            try:
                deadline = parse_deadline(raw_deadline if isinstance(raw_deadline, date) else clean_text(raw_deadline), year)
            except ValueError as exc:
                reason = f" ({_vietnamese_reason(exc)})" if str(exc) else ""
                reader.problem(F.SHEET_TASKS, row.cell(F.TASK_DEADLINE),
                               f"thời gian hoàn thành “{clean_text(raw_deadline)}” không hợp lệ{reason}",
                               "nhập một trong các dạng: " + accepted_deadlines(year))
            if deadline is not None and deadline.due_date is not None and deadline.due_date.year != year:
                reader.warn(F.SHEET_TASKS, row.cell(F.TASK_DEADLINE),
                            f"thời gian hoàn thành “{deadline.label}” không thuộc năm kế hoạch {year}",
                            f"kiểm tra lại năm; nhiệm vụ của kế hoạch năm {year} thường hoàn thành trong năm {year}")
        code = _CRITERION_CODE.match(criterion)
        task = Task(
            number=number or 0,
            criterion=criterion,
            solution=reader.text(row, F.TASK_SOLUTION, True, "giải pháp/sản phẩm đầu ra"),
            lead=reader.text(row, F.TASK_LEAD, True, "đơn vị chủ trì"),
            partners=reader.text(row, F.TASK_PARTNERS),
            deadline=deadline,
            note=reader.text(row, F.TASK_NOTE),
            criterion_code=code.group(1).rstrip(".") if code else None,
            cchc_field=reader.text(row, F.TASK_FIELD) or None,
        )
        if number is not None and deadline is not None:
            tasks.append(task)
    return sorted(tasks, key=lambda t: t.number), set(seen)


def _whole_number(reader: Reader, row: Row, column: str) -> int | None:
    value = row.values.get(column)
    if isinstance(value, bool):
        value = None
    if isinstance(value, (int, float)) and float(value).is_integer() and value > 0:
        return int(value)
    text = clean_text(value) if value is not None else ""
    if text.isascii() and text.isdigit() and len(text) <= 9 and int(text) > 0:  # not `²`, not 5,000 digits
        return int(text)
    if text:
        shown = text if len(text) <= 30 else text[:30] + "…"
        reader.problem(row.sheet, row.cell(column), f"TT “{shown}” không phải số nguyên dương", "nhập số thứ tự 1, 2, 3…")
    else:
        reader.problem(row.sheet, row.cell(column), "chưa nhập TT", "nhập số thứ tự của nhiệm vụ")
    return None


def _read_results(reader: Reader, ws, grid, task_numbers: set[int]) -> list[QuarterResult]:
    if ws is None:
        return []
    statuses = {match_key(s.value): s for s in Status}
    results = []
    seen: dict[tuple[int, int], str] = {}
    for row in reader.table(ws, F.SHEET_RESULTS, F.RESULT_COLUMNS, grid):
        number = _whole_number(reader, row, F.RESULT_TASK)
        if number is not None and task_numbers and number not in task_numbers:
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_TASK), f"TT {number} không có trong trang Nhiệm vụ",
                           "sửa TT cho khớp với một nhiệm vụ, hoặc thêm nhiệm vụ đó")
            number = None
        raw_quarter = row.values.get(F.RESULT_QUARTER)
        quarter = parse_quarter(raw_quarter) if raw_quarter is not None else None
        if quarter is None:
            shown = clean_text(raw_quarter) if raw_quarter is not None else ""
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_QUARTER),
                           f"quý “{shown}” không hợp lệ" if shown else "chưa nhập quý", "chọn I, II, III hoặc IV")
        status_text = reader.text(row, F.RESULT_STATUS)
        status = statuses.get(match_key(status_text))
        if status is None:
            guess = _closest(status_text, list(F.STATUSES)) if status_text else None
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_STATUS),
                           f"tình trạng “{status_text}” không hợp lệ" if status_text else "chưa nhập tình trạng",
                           f"có phải “{guess}”?" if guess else "chọn: " + ", ".join(F.STATUSES))
        if number is None or quarter is None or status is None:
            continue
        if (number, quarter) in seen:
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_TASK),
                           f"nhiệm vụ {number} quý {roman(quarter)} đã có kết quả ở {seen[(number, quarter)]}",
                           "gộp hai dòng thành một")
            continue
        seen[(number, quarter)] = row.cell(F.RESULT_TASK)
        evidence = tuple(line.lstrip("-+• ").strip() for line in reader.text(row, F.RESULT_EVIDENCE).split("\n"))
        results.append(
            QuarterResult(
                task_number=number,
                quarter=quarter,
                status=status,
                outcome=reader.text(row, F.RESULT_OUTCOME),
                evidence=tuple(e for e in evidence if e),
                note=reader.text(row, F.RESULT_NOTE),
            )
        )
    return results


def _read_recipients(reader: Reader, ws, grid) -> tuple[Recipients, Recipients]:
    names: dict[str, list[str]] = {"Kế hoạch": [], "Báo cáo": []}
    archive: dict[str, str] = {}
    if ws is not None:
        kinds = {match_key(k): k for k in F.RECIPIENT_KINDS}
        for row in reader.table(ws, F.SHEET_RECIPIENTS, F.RECIPIENT_COLUMNS, grid):
            kind_text = reader.text(row, F.RECIPIENT_DOC)
            kind = kinds.get(match_key(kind_text))
            if kind is None:
                kind = kinds.get(match_key(re.sub(r"(?i)\s+quý.*$", "", kind_text)))
            if kind is None:
                reader.problem(F.SHEET_RECIPIENTS, row.cell(F.RECIPIENT_DOC), f"loại văn bản “{kind_text}” không hợp lệ",
                               "chọn “Kế hoạch” hoặc “Báo cáo”")
                continue
            name = reader.text(row, F.RECIPIENT_NAME, True, "nơi nhận")
            name = " ".join(name.split()).lstrip("-").strip().rstrip(";.").strip()
            if not name:
                continue
            if match_key(name).startswith("lưu:") or match_key(name).startswith("lưu "):
                archive[kind] = "Lưu: " + name.split(":", 1)[-1].strip() if ":" in name else name
            else:
                names[kind].append(name)

    def recipients(kind: str) -> Recipients:
        return Recipients(tuple(names[kind]), archive.get(kind, "Lưu: VT"))

    return recipients("Kế hoạch"), recipients("Báo cáo")


def _read_fields(reader: Reader, ws, grid) -> dict[str, str] | None:
    """The optional `Lĩnh vực` sheet: a province's own codes and names of the CCHC fields."""
    if ws is None:
        return None
    names: dict[str, str] = {}
    for row in reader.table(ws, F.SHEET_FIELDS, F.FIELD_COLUMNS, grid):
        code = reader.text(row, F.FIELD_CODE, True, "mã lĩnh vực").rstrip(".")
        name = reader.text(row, F.FIELD_NAME, True, "tên lĩnh vực")
        if code in names:
            reader.problem(F.SHEET_FIELDS, row.cell(F.FIELD_CODE), f"mã lĩnh vực “{code}” bị trùng", "mỗi lĩnh vực một mã")
        elif code and name:
            names[code] = name
    return names or None
