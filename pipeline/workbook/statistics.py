"""Sheet `Số liệu` (format v1.2): the figures of the seven forms, `Mã` / `Kỳ` / `Số liệu` / `Ghi chú`.

Turns the rows into `Entry`s and applies the sheet's rules (pipeline.statistics.checks), so every
problem of the sheet is reported with the workbook's other problems, at once.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from . import format as F
from ..domain.period import ReportPeriod, period_from_name
from ..domain.plan import Level
from ..statistics.catalog import Catalog, load_catalog
from ..statistics.checks import check_entries
from ..statistics.values import Entry, NotANumber, format_figure, typed_number
from ..vietnamese import clean_text, match_key
from .sheets import PLAIN_TEXTS, ExcelNumber, Reader, Records, Row


def read_statistics(reader: Reader, ws, grid, year: int, level: Level, has_plan: bool,
                    catalog: Catalog | None = None) -> tuple[Entry, ...]:
    """The sheet's figures; problems and warnings go to `reader` (an unknown code names the nearest).

    has_plan: the workbook is a plan whose tasks give rows 1.2.1 and 1.2.2 (not the province's
    `--thong-tin` workbook, which types them).
    """
    if ws is None:
        return ()
    catalog = catalog or load_catalog()
    table = reader.records(ws, F.SHEET_STATISTICS, F.STATISTICS_COLUMNS, grid)
    entries = []
    periods: dict[str, ReportPeriod | None] = {}
    for number, values, entry in _plain_entries(table, periods):
        if entry is None:
            entry = _entry(reader, table.row(number, values), year, catalog, periods, level)
        if entry is not None:
            entries.append(entry)
    findings = check_entries(entries, catalog, level, has_plan)
    reader.problems.extend(findings.problems)
    reader.warnings.extend(findings.warnings)
    return tuple(entries)


_FIGURE_COLUMNS = (F.STAT_CODE, F.STAT_PERIOD, F.STAT_VALUE, F.STAT_NOTE)


def _plain_entries(table: Records, periods: dict[str, ReportPeriod | None]) -> Iterator[tuple[int, list, Entry | None]]:
    """Each row with its entry if the row is plain, else None (`_entry` reads it with care and says
    what is wrong). Plain, as most rows are: a code and a period read before (`periods` fills as
    `_entry` reads them), a whole number in a General cell, no note or a plain one; their entries
    are made without a call per cell."""
    if not all(column in table.positions for column in _FIGURE_COLUMNS):
        for number, values in table.rows:
            yield number, values, None
        return
    take = operator.itemgetter(*(table.positions[column] for column in _FIGURE_COLUMNS))
    value_letter, code_letter = table.letters[F.STAT_VALUE], table.letters[F.STAT_CODE]
    for number, values in table.rows:
        raw_code, raw_period, raw, raw_note = take(values)
        code = PLAIN_TEXTS.get(raw_code)
        period = periods.get(PLAIN_TEXTS.get(raw_period, ""))  # "" is never a period
        note = PLAIN_TEXTS.get(raw_note) if raw_note is not None else ""
        if code is not None and period is not None and raw.__class__ is int and note is not None:
            code = code.rstrip(".")
            if code:
                yield number, values, Entry(code, period, Decimal(raw), 0, note, f"{value_letter}{number}",
                                            f"{code_letter}{number}")
                continue
        yield number, values, None


def _entry(reader: Reader, row: Row, year: int, catalog: Catalog,
           periods: dict[str, ReportPeriod | None], level: Level = Level.COMMUNE) -> Entry | None:
    code = _code_typed_as_number(row.values.get(F.STAT_CODE)) or reader.text(row, F.STAT_CODE, True,
                                                                               "mã chỉ tiêu").rstrip(".")
    period = _period(reader, row, year, periods)
    raw = row.values.get(F.STAT_VALUE)
    value: Decimal | None
    if raw.__class__ is int:  # most figures: a whole number in a General cell
        value, decimals = Decimal(raw), 0
    else:
        try:
            if isinstance(raw, (datetime, date)):
                raise NotANumber(str(raw))
            value, decimals = typed_number(raw, raw.number_format if isinstance(raw, ExcelNumber) else "General")
        except NotANumber:
            value, decimals = _choice_typed_as_words(catalog, code, raw), 0
            if value is None:
                reader.problem(F.SHEET_STATISTICS, row.cell(F.STAT_VALUE),
                               f"số liệu “{clean_text(str(raw))[:30]}” của chỉ tiêu {code} không phải là số",
                               "nhập số (ví dụ 9.458 hoặc 95,53), hoặc để trống / “-” nếu không có")
                return None
    if not code or period is None:
        return None
    indicator = catalog.get(code)
    if (value is not None and 0 < value < 1 and isinstance(raw, float) and indicator is not None
            and indicator.unit(level) == "%" and "%" not in getattr(raw, "number_format", "General")):
        meant = format_figure(value * 100)
        reader.warn(F.SHEET_STATISTICS, row.cell(F.STAT_VALUE),
                    f"tỷ lệ {code} nhập {format_figure(value)} được hiểu là {format_figure(value)}%",
                    f"nếu là {meant}% thì gõ {meant} (hoặc định dạng ô là Phần trăm)")
    if raw.__class__ is str and _THOUSANDS_WITH_A_COMMA.fullmatch(raw.strip()):
        whole = raw.strip().replace(",", ".")
        reader.warn(F.SHEET_STATISTICS, row.cell(F.STAT_VALUE),
                    f"số liệu “{raw.strip()}” của chỉ tiêu {code} được đọc là {format_figure(value)} (dấu phẩy là "
                    "dấu thập phân)", f"nếu là {whole} thì gõ {whole} hoặc {whole.replace('.', '')}")
    return Entry(code, period, value, decimals, reader.text(row, F.STAT_NOTE),
                 row.cell(F.STAT_VALUE), row.cell(F.STAT_CODE))


_THOUSANDS_WITH_A_COMMA = re.compile(r"\d{1,3},\d{3}")
"""`1,250` typed as text: Vietnamese reads 1,25, an English habit meant 1.250; read as the former, said."""


def _code_typed_as_number(raw) -> str | None:
    """A code Excel took for a number: `1.1` typed in a General cell is kept as 1.1 (and shown `1,1`
    on a Vietnamese Windows). Its digits with a dot are the code the clerk typed; no code of the
    forms ends in a 0 after a dot (`2.10`), the one thing the number could not keep."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return None
    return str(int(raw)) if float(raw).is_integer() else repr(float(raw))  # a formatted 4 is `4`, not `4.0`


def _choice_typed_as_words(catalog: Catalog, code: str, raw) -> Decimal | None:
    """`Có`, `Không`, `Kết hợp` typed for a flag or a choice: the number its unit gives the word."""
    indicator = catalog.get(code)
    if indicator is None or isinstance(raw, (datetime, date)):
        return None
    choices = {match_key(label): number for level in Level for number, label in indicator.choices(level).items()}
    number = choices.get(match_key(str(raw)))
    return Decimal(number) if number is not None else None


_REPORT_WORD = re.compile(r"(?i)^\s*báo cáo\s+")


def _period(reader: Reader, row: Row, year: int, periods: dict[str, ReportPeriod | None]) -> ReportPeriod | None:
    """Kỳ: `Quý I`, `Báo cáo 6 tháng`; each distinct text of the sheet is parsed once (`periods`)."""
    text = reader.text(row, F.STAT_PERIOD, True, "kỳ báo cáo")
    if not text:
        return None
    if text not in periods:
        periods[text] = period_from_name(_REPORT_WORD.sub("", text), year)
    period = periods[text]
    if period is None:
        reader.problem(F.SHEET_STATISTICS, row.cell(F.STAT_PERIOD), f"kỳ “{text}” không hợp lệ",
                       "chọn một trong: " + ", ".join(F.STATISTICS_PERIODS))
    return period
