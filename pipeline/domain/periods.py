"""Time in the reporting cycle: deadlines, report periods, ND 09/2019 data periods, overdue tasks.

A report period (kỳ báo cáo) is a quarter, the first 6 or 9 months, or the year. Every period ends
with a quarter, so a task's standing in a period is its standing at that quarter, judged at the
period's cut-off date (the last day of its ND 09 data period).
"""

from __future__ import annotations

import calendar
import enum
import re
from dataclasses import dataclass
from datetime import date, datetime

from .plan import Deadline, DeadlineKind, QuarterResult, Status, Task
from ..vietnamese import ascii_slug, match_key, roman, roman_value


def quarter_end(year: int, quarter: int) -> date:
    month = 3 * quarter
    return date(year, month, calendar.monthrange(year, month)[1])


# --------------------------------------------------------------------------------------------
# Report periods


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
    def row_label(self) -> str:
        """The `Văn bản` row that describes the report: `Báo cáo quý II`, `Báo cáo 6 tháng`…"""
        return "Báo cáo " + self.short_name

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

    def next_tasks_title(self) -> str:
        """The heading of the section on what comes next."""
        if self.kind is PeriodKind.YEAR:
            return f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {self.year + 1}"
        if self.kind is PeriodKind.SIX_MONTHS:
            return f"NHIỆM VỤ 6 THÁNG CUỐI NĂM {self.year}"
        if self.last_quarter == 4:
            return f"NHIỆM VỤ QUÝ I NĂM {self.year + 1}"
        return f"NHIỆM VỤ QUÝ {roman(self.last_quarter + 1)} NĂM {self.year}"


def quarter(year: int, number: int) -> ReportPeriod:
    return ReportPeriod(PeriodKind.QUARTER, year, number)


def all_periods(year: int) -> list[ReportPeriod]:
    """Every report a plan can have in its year, in the order a clerk makes them."""
    return [quarter(year, 1), quarter(year, 2), ReportPeriod(PeriodKind.SIX_MONTHS, year, 2), quarter(year, 3),
            ReportPeriod(PeriodKind.NINE_MONTHS, year, 3), quarter(year, 4), ReportPeriod(PeriodKind.YEAR, year, 4)]


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


_ROW_LABEL_ALIASES = (
    (r"\s*(?:năm\s+|/)\d{4}$", ""),  # a trailing year: `Báo cáo quý II năm 2026`
    (r"^báo cáo (?:cả |tổng kết )?năm$", "báo cáo năm"),
    (r"\bsáu tháng\b", "6 tháng"),
    (r"\bchín tháng\b", "9 tháng"),
    (r"tháng đầu năm$", "tháng"),
)


def period_from_row_label(text: str, year: int) -> ReportPeriod | None:
    """The period a `Văn bản` row describes: `Báo cáo quý II`, `Báo cáo 6 tháng`, `Báo cáo năm`…

    Matched against `all_periods`' row labels, after the usual variants: a trailing year,
    `Quý 2` for `Quý II`, `6 tháng đầu năm`, `sáu tháng`, `Báo cáo cả năm`.
    """
    key = match_key(text)
    if re.fullmatch(r"báo cáo (?:cả |tổng kết )?năm\s+\d{4}", key):
        key = "báo cáo năm"
    for pattern, replacement in _ROW_LABEL_ALIASES:
        key = re.sub(pattern, replacement, key)
    m = re.fullmatch(r"báo cáo quý\s*(\S+)", key)
    number = parse_quarter(m.group(1)) if m else None
    if number:
        key = f"báo cáo quý {roman(number).lower()}"
    return next((p for p in all_periods(year) if match_key(p.row_label) == key), None)


def data_period(year: int, quarter_number: int) -> DataPeriod:
    """The data period of a quarter's report."""
    return quarter(year, quarter_number).data_period


_FORMAT_WORDS = ("quý", "tháng", "năm", "đầu", "cuối", "trước", "ngày", "thường", "xuyên", "trong")


def respelled(text: str) -> str:
    """The format's words with their tone marks put right: `Qúy III` -> `Quý III`, `Thang 6` ->
    `Tháng 6`, for a suggestion (what is typed is never silently changed)."""
    folded = {ascii_slug(word): word for word in _FORMAT_WORDS}

    def word(m: re.Match) -> str:
        right = folded.get(ascii_slug(m.group(0)))
        if right is None or right == m.group(0).lower():
            return m.group(0)
        return right.capitalize() if m.group(0)[0].isupper() else right

    return re.sub(r"\w+", word, text)


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


# --------------------------------------------------------------------------------------------
# Deadlines


def accepted_deadlines(year: int) -> str:
    """The forms `Thời gian hoàn thành` accepts, with examples in the plan's own year."""
    return (
        f"Thường xuyên; Quý I … Quý IV (hoặc Quý 1, Quý II năm {year}); 6 tháng đầu năm; 6 tháng cuối năm; "
        f"9 tháng đầu năm; Năm {year}, Trong năm, Cuối năm; Tháng 6, Tháng 6/{year}; "
        f"một ngày (30/6/{year}); Trước ngày 30/6/{year}"
    )


def parse_day_month_year(text: str) -> date | None:
    """`5/3/2024`, `05/03/2024`, `5-3-2024`, `5.3.2024` -> date; None when it is not of that shape.

    Raises ValueError for a date of that shape that does not exist (`31/02/2024`, year 0).
    """
    m = re.fullmatch(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})", text.strip())
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if year < 1900:
        raise ValueError(f"năm {year}")
    return date(year, month, day)


def _year_of(text: str | None, plan_year: int) -> int:
    if not text:
        return plan_year
    year = int(text)
    if not 1900 <= year <= 9999:
        raise ValueError(f"năm {year} không hợp lệ")
    return year


def _with_year(label: str, year: int, plan_year: int, separator: str = " năm ") -> str:
    return label if year == plan_year else f"{label}{separator}{year}"


def parse_deadline(value, plan_year: int) -> Deadline:
    """Read `Thời gian hoàn thành` in any accepted form. Raises ValueError with the reason.

    The deadline keeps what was typed (`text`) and the official form the documents print (`label`).
    """
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        return Deadline(format_plain_date(day), DeadlineKind.DATE, day, format_plain_date(day))
    text = " ".join(str(value).split())
    key = match_key(text)
    if key == "thường xuyên":
        return Deadline(text, DeadlineKind.ONGOING, None, "Thường xuyên")
    m = re.fullmatch(r"(6|9|sáu|chín) tháng (đầu|cuối) năm(?:\s*(?:năm\s+|/)?(\d{4}))?", key)
    if m and not (m.group(1) in {"9", "chín"} and m.group(2) == "cuối"):
        year = _year_of(m.group(3), plan_year)
        months = 6 if m.group(1) in {"6", "sáu"} else 9
        if m.group(2) == "cuối":
            return Deadline(text, DeadlineKind.YEAR, date(year, 12, 31), _with_year("6 tháng cuối năm", year, plan_year, " "))
        kind = DeadlineKind.FIRST_HALF if months == 6 else DeadlineKind.NINE_MONTHS
        due = date(year, 6, 30) if months == 6 else date(year, 9, 30)
        return Deadline(text, kind, due, _with_year(f"{months} tháng đầu năm", year, plan_year, " "))
    m = re.fullmatch(r"(?:năm|trong năm|cuối năm|trong năm nay|cả năm)(?:\s*(\d{4}))?", key)
    if m:
        year = _year_of(m.group(1), plan_year)
        word = {"năm": "Năm", "trong": "Trong năm", "cuối": "Cuối năm", "cả": "Cả năm"}[key.split()[0]]
        if word == "Năm":
            label = f"Năm {year}"
        else:
            label = _with_year(word, year, plan_year, " ")
        return Deadline(text, DeadlineKind.YEAR, date(year, 12, 31), label)
    m = re.fullmatch(r"quý\s*(i|ii|iii|iv|[1-4])(?:\s*(?:năm\s+|/)(\d{4}))?", key)
    if m:
        year = _year_of(m.group(2), plan_year)
        number = parse_quarter(m.group(1))
        assert number is not None  # the pattern admits only I…IV and 1…4
        return Deadline(text, DeadlineKind.QUARTER, quarter_end(year, number),
                        _with_year(f"Quý {roman(number)}", year, plan_year))
    m = re.fullmatch(r"tháng\s+(\d{1,2})(?:\s*(?:/|năm\s+)(\d{4}))?", key)
    if m:
        month, year = int(m.group(1)), _year_of(m.group(2), plan_year)
        if not 1 <= month <= 12:
            raise ValueError(f"không có tháng {month}")
        return Deadline(text, DeadlineKind.MONTH, date(year, month, calendar.monthrange(year, month)[1]),
                        f"Tháng {month}/{year}")
    m = re.fullmatch(r"trước(?: ngày)?\s+(.+)", key)
    before = m is not None
    try:
        d = parse_day_month_year(m.group(1) if m else key)
    except ValueError:
        raise ValueError("ngày không có thật") from None
    if d is None:
        raise ValueError("")
    label = format_plain_date(d)
    return Deadline(text, DeadlineKind.BEFORE_DATE if before else DeadlineKind.DATE, d,
                    f"Trước ngày {label}" if before else label)


def format_plain_date(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


# --------------------------------------------------------------------------------------------
# Tasks in a period


@dataclass(frozen=True)
class TaskState:
    """A task as it stands at the cut-off of one report period."""

    task: Task
    result: QuarterResult | None
    """The period's own row, or the last one carried forward; outcome and evidence are the last
    non-blank ones given (evidence, once given, is never lost)."""
    status: Status
    carried_forward: bool
    """No row for the period's last quarter: the last reported state stands."""
    is_overdue: bool
    """Quá hạn: due on or before the cut-off date and not done."""
    is_due_soon: bool = False
    """Due after the cut-off but by the end of the period, and not done."""
    previous_status: Status | None = None
    """The status in the previous report (None for the first report of the year)."""
    all_evidence: tuple[str, ...] = ()
    """Every document given as evidence up to the period, in order, once each."""

    @property
    def status_changed(self) -> bool:
        return self.previous_status is not None and self.previous_status is not self.status


def is_overdue(task: Task, status: Status, cutoff: date) -> bool:
    due = task.deadline.due_date
    return due is not None and due <= cutoff and status is not Status.DONE


def task_states(tasks, results, period: ReportPeriod) -> list[TaskState]:
    """Every task of the plan at the cut-off of `period`, in TT order.

    A task with no row for the period keeps its last reported state (or `Chưa thực hiện`); a row
    that leaves the outcome or evidence blank keeps the last ones given.
    """
    rows: dict[int, list[QuarterResult]] = {}
    for r in sorted(results, key=lambda r: r.quarter):
        if r.quarter <= period.last_quarter:
            rows.setdefault(r.task_number, []).append(r)
    previous = period.previous
    states = []
    for task in sorted(tasks, key=lambda t: t.number):
        history = rows.get(task.number, [])
        result = _merged(history) if history else None
        status = result.status if result else Status.NOT_STARTED
        carried = result is None or result.quarter != period.last_quarter
        due = task.deadline.due_date
        states.append(TaskState(
            task=task,
            result=result,
            status=status,
            carried_forward=carried,
            is_overdue=is_overdue(task, status, period.cutoff),
            is_due_soon=status is not Status.DONE and due is not None and period.cutoff < due <= period.end,
            previous_status=_status_at(history, previous.last_quarter) if previous else None,
            all_evidence=tuple(dict.fromkeys(e for r in history for e in r.evidence)),
        ))
    return states


def _merged(history: list[QuarterResult]) -> QuarterResult:
    """The latest row, with the last non-blank outcome and evidence of the rows before it."""
    latest = history[-1]
    outcome = next((r.outcome for r in reversed(history) if r.outcome), "")
    evidence = next((r.evidence for r in reversed(history) if r.evidence), ())
    return QuarterResult(latest.task_number, latest.quarter, latest.status, outcome, evidence, latest.note)


def _status_at(history: list[QuarterResult], last_quarter: int) -> Status:
    rows = [r for r in history if r.quarter <= last_quarter]
    return rows[-1].status if rows else Status.NOT_STARTED


@dataclass(frozen=True)
class QuarterFigures:
    """How the plan's tasks stand at a period's cut-off: the report's summary figures."""

    total: int
    done: int
    in_progress: int
    not_started: int
    overdue: int

    @classmethod
    def of(cls, states: list[TaskState]) -> QuarterFigures:
        def count(status: Status) -> int:
            return sum(1 for s in states if s.status is status)

        return cls(
            total=len(states),
            done=count(Status.DONE),
            in_progress=count(Status.IN_PROGRESS),
            not_started=count(Status.NOT_STARTED),
            overdue=sum(1 for s in states if s.is_overdue),
        )

    def __add__(self, other: QuarterFigures) -> QuarterFigures:
        return QuarterFigures(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple())))

    def as_tuple(self) -> tuple[int, int, int, int, int]:
        return (self.total, self.done, self.in_progress, self.not_started, self.overdue)

    @property
    def completion(self) -> float:
        """Tỷ lệ hoàn thành: the share of tasks done, 0 to 1."""
        return self.done / self.total if self.total else 0.0

