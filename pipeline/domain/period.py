"""Kỳ báo cáo: the report periods of a plan's year and their ND 09/2019 data periods.

A report period is a quarter, the first 6 or 9 months, or the year. Every period ends with a
quarter, so a task's standing in a period is its standing at that quarter, judged at the period's
cut-off date (the last day of its ND 09 data period).
"""

from __future__ import annotations

import calendar
import enum
import functools
import re
from dataclasses import dataclass
from datetime import date

from ..vietnamese import ascii_slug, match_key, roman, roman_value


def quarter_end(year: int, quarter: int) -> date:
    month = 3 * quarter
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class DataPeriod:
    """Thời gian chốt số liệu: the days a report covers (ND 09/2019, Điều 12)."""

    start: date
    end: date


class PeriodKind(enum.Enum):
    """The kinds of report a plan gets: each quarter, the first 6 and 9 months, the year."""

    QUARTER = "quarter"
    SIX_MONTHS = "6-thang"
    NINE_MONTHS = "9-thang"
    YEAR = "nam"


@dataclass(frozen=True)
class ReportPeriod:
    """Kỳ báo cáo: what one report covers, from 15/12 of the previous year (or the quarter's start)."""

    kind: PeriodKind
    year: int
    last_quarter: int
    """The quarter the period ends with: its results are the period's."""

    # ----- names

    @property
    def key(self) -> str:
        """`quy-2`, `6-thang`, `9-thang`, `nam`: how the command line names it (`--ky`)."""
        return f"quy-{self.last_quarter}" if self.kind is PeriodKind.QUARTER else self.kind.value

    @property
    def folder_suffix(self) -> str:
        """`Q2`, `6T`, `9T`, `N`: the output folder is `2026-Q2`, `2026-6T`…"""
        return {PeriodKind.QUARTER: f"Q{self.last_quarter}", PeriodKind.SIX_MONTHS: "6T",
                PeriodKind.NINE_MONTHS: "9T", PeriodKind.YEAR: "N"}[self.kind]

    @property
    def file_suffix(self) -> str:
        """`quy-2-2026`, `6-thang-2026`, `nam-2026`: the report's file name ends with it."""
        return f"{self.key}-{self.year}"

    @property
    def short_name(self) -> str:
        """`quý II`, `6 tháng`, `9 tháng`, `năm`."""
        return {PeriodKind.QUARTER: f"quý {roman(self.last_quarter)}", PeriodKind.SIX_MONTHS: "6 tháng",
                PeriodKind.NINE_MONTHS: "9 tháng", PeriodKind.YEAR: "năm"}[self.kind]

    @property
    def name(self) -> str:
        """How a sentence names the period: `quý II năm 2026`, `6 tháng đầu năm 2026`, `năm 2026`."""
        return {PeriodKind.QUARTER: f"quý {roman(self.last_quarter)} năm {self.year}",
                PeriodKind.SIX_MONTHS: f"6 tháng đầu năm {self.year}",
                PeriodKind.NINE_MONTHS: f"9 tháng đầu năm {self.year}",
                PeriodKind.YEAR: f"năm {self.year}"}[self.kind]

    @property
    def is_cumulative(self) -> bool:
        """6 months, 9 months and the year run from the start of the year, not of a quarter."""
        return self.kind is not PeriodKind.QUARTER

    # ----- time

    @property
    def data_period(self) -> DataPeriod:
        """Quý I from 15/12 of the year before to 14/3; later quarters follow on; the cumulative
        periods all start on 15/12 of the year before."""
        last_month = 3 * self.last_quarter
        if self.is_cumulative or self.last_quarter == 1:
            start = date(self.year - 1, 12, 15)
        else:
            start = date(self.year, last_month - 3, 15)
        return DataPeriod(start, date(self.year, last_month, 14))

    @property
    def cutoff(self) -> date:
        """Ngày chốt số liệu: a task due on or before it and not done is overdue."""
        return self.data_period.end

    @property
    def end(self) -> date:
        """The last day of the period's last quarter: tasks due after the cut-off and by then are due soon."""
        return quarter_end(self.year, self.last_quarter)

    # ----- neighbours

    @property
    def previous(self) -> ReportPeriod | None:
        """The report before this one, which its changes are measured against (none before quý I)."""
        if self.last_quarter == 1:
            return None
        before = self.last_quarter - 1
        if self.kind is PeriodKind.QUARTER or before == 1:
            return quarter(self.year, before)
        return ReportPeriod(PeriodKind.SIX_MONTHS if before == 2 else PeriodKind.NINE_MONTHS, self.year, before)

    @property
    def first_quarter(self) -> int:
        """The first quarter whose results are news in this period."""
        return 1 if self.is_cumulative else self.last_quarter

    @property
    def next_name(self) -> str:
        """What the report's second half plans for: `quý II năm 2026`, `6 tháng cuối năm 2026`, `năm 2027`."""
        if self.kind is PeriodKind.YEAR:
            return f"năm {self.year + 1}"
        if self.kind is PeriodKind.SIX_MONTHS:
            return f"6 tháng cuối năm {self.year}"
        if self.last_quarter == 4:
            return f"quý I năm {self.year + 1}"
        return f"quý {roman(self.last_quarter + 1)} năm {self.year}"

    def next_tasks_title(self) -> str:
        """The heading of the section on what comes next: `NHIỆM VỤ QUÝ II NĂM 2026`."""
        lead = "PHƯƠNG HƯỚNG, NHIỆM VỤ" if self.kind is PeriodKind.YEAR else "NHIỆM VỤ"
        return f"{lead} {self.next_name.upper()}"


def quarter(year: int, number: int) -> ReportPeriod:
    return ReportPeriod(PeriodKind.QUARTER, year, number)


def all_periods(year: int) -> list[ReportPeriod]:
    """Every report a plan can have in its year, in the order a clerk makes them."""
    return [quarter(year, 1), quarter(year, 2), ReportPeriod(PeriodKind.SIX_MONTHS, year, 2), quarter(year, 3),
            ReportPeriod(PeriodKind.NINE_MONTHS, year, 3), quarter(year, 4), ReportPeriod(PeriodKind.YEAR, year, 4)]


def periods_at_cutoff(period: ReportPeriod) -> list[ReportPeriod]:
    """Every report counted to the same cut-off as `period`, the quarter's first: `quý II` and `6 tháng`
    (14/6); a unit in the CCHC cycle reports `quý III` where a province rolls up `9 tháng`."""
    return [p for p in all_periods(period.year) if p.cutoff == period.cutoff]


PERIOD_KEYS = tuple(sorted((p.key for p in all_periods(2000)), key=lambda key: (not key.startswith("quy"), key)))
"""What `--ky` accepts: `quy-1` … `quy-4`, `6-thang`, `9-thang`, `nam`."""

_CUMULATIVE_KEYS = {"6thang": "6-thang", "6t": "6-thang", "6thangdaunam": "6-thang",
                    "9thang": "9-thang", "9t": "9-thang", "9thangdaunam": "9-thang",
                    "nam": "nam", "canam": "nam", "baocaonam": "nam"}


def period_key(typed: str) -> str | None:
    """A period as a clerk types it, as its `--ky` key: `6-tháng`, `6 thang` -> `6-thang`;
    `II`, `quy2`, `Quý II`, `q2`, `2` -> `quy-2`; `năm` -> `nam`. None when it names no period."""
    compact = ascii_slug(typed).replace("-", "")
    if compact in _CUMULATIVE_KEYS:
        return _CUMULATIVE_KEYS[compact]
    number = parse_quarter(re.sub(r"^(baocao)?(quy|q)", "", compact))
    return f"quy-{number}" if number else None


def period_from_key(key: str, year: int) -> ReportPeriod:
    """`quy-2` / `6-thang` / `9-thang` / `nam` -> the period of that year. Raises ValueError."""
    for period in all_periods(year):
        if period.key == key:
            return period
    raise ValueError(key)


def data_period(year: int, quarter_number: int) -> DataPeriod:
    """The data period of a quarter's report."""
    return quarter(year, quarter_number).data_period


def parse_quarter(value) -> int | None:
    """`I`, `1`, `Quý I`, `quý 1` -> 1; anything else -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 1 <= int(value) <= 4:
        return int(value)
    key = match_key(str(value))
    key = re.sub(r"^quý\s*", "", key)
    if roman_value(key.upper()) in {1, 2, 3, 4}:
        return roman_value(key.upper())
    if key in {"1", "2", "3", "4"}:
        return int(key)
    return None


@functools.lru_cache(maxsize=4096)
def name_key(text: str) -> str:
    """A label or period name as typed (`Báo cáo quý 2 năm 2026`, `6 tháng đầu năm`), in the form
    names are compared in: a trailing year dropped, `Quý 2` (or `quí 2`) as `quý ii`, `sáu tháng` as `6 tháng`,
    `6 tháng đầu năm` as `6 tháng`, `cả năm` as `năm`."""
    key = match_key(text)
    if re.fullmatch(r"(?:báo cáo )?(?:cả |tổng kết )?năm\s+\d{4}", key):
        key = re.sub(r"(?:cả |tổng kết )?năm\s+\d{4}$", "năm", key)
    for pattern, replacement in _NAME_ALIASES:
        key = re.sub(pattern, replacement, key)
    m = re.fullmatch(r"(.*\bquý|quý)\s*(\S+)", key)
    number = parse_quarter(m.group(2)) if m else None
    if m and number:
        key = f"{m.group(1)} {roman(number).lower()}"
    return key


_NAME_ALIASES = (
    (r"\s*(?:năm\s+|/)\d{4}$", ""),
    (r"(?:^|(?<=báo cáo ))(?:cả |tổng kết )năm$", "năm"),
    (r"\bsáu tháng\b", "6 tháng"),
    (r"\bchín tháng\b", "9 tháng"),
    (r"tháng đầu năm$", "tháng"),
    (r"\bquí\b", "quý"),  # the older spelling, still typed
)


@functools.lru_cache(maxsize=1024)  # every `Số liệu` row names its period: a few names, many rows
def period_from_name(text: str, year: int) -> ReportPeriod | None:
    """The period a name gives (`Quý I`, `quý 2`, `6 tháng`, `9 tháng đầu năm`, `Năm`), or None."""
    key = name_key(text)
    return next((p for p in all_periods(year) if name_key(p.short_name) == key), None)
