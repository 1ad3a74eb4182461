"""Thời gian hoàn thành: the forms a task's deadline may take, read into a `Deadline` with its due date."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from ..vietnamese import ascii_slug, match_key, roman
from .period import parse_quarter, quarter_end
from .task import Deadline, DeadlineKind


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


def accepted_deadlines(year: int) -> str:
    """The forms `Thời gian hoàn thành` accepts, with examples in the plan's own year."""
    return (
        f"Thường xuyên; Quý I … Quý IV (hoặc Quý 1, Quý II năm {year}); 6 tháng đầu năm; 6 tháng cuối năm; "
        f"9 tháng đầu năm; Năm {year}, Trong năm, Cuối năm; Tháng 6, Tháng 6/{year}; "
        f"một ngày (30/6/{year}, hay 30/6 trong năm kế hoạch); Trước ngày 30/6/{year}"
    )


def parse_day_month_year(text: str) -> date | None:
    """`5/3/2024`, `05/03/2024`, `5-3-2024`, `5.3.2024`, and the long form of a document's date line
    `ngày 5 tháng 3 năm 2024` -> date; None when it is not of that shape.

    Raises ValueError for a date of that shape that does not exist (`31/02/2024`, year 0).
    """
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})", text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    elif m := _LONG_DATE.fullmatch(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        return None
    if year < 1900:
        raise ValueError(f"năm {year}")
    return date(year, month, day)


_LONG_DATE = re.compile(r"(?i)(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_DAY_AND_MONTH = re.compile(r"(?i)(?:ngày\s+)?(\d{1,2})\s*(?:/|\s+tháng\s+)\s*(\d{1,2})")
"""`31/12`, `ngày 30/6`, `ngày 30 tháng 6`: a deadline typed without its year, which is the plan's. Only
with a slash or `tháng`: `6-9` is more often a range of months, and 1.5 a number, than a date."""


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
    typed = m.group(1) if m else key
    try:
        d = parse_day_month_year(typed)
        if d is None and (short := _DAY_AND_MONTH.fullmatch(typed)):
            d = date(plan_year, int(short.group(2)), int(short.group(1)))
    except ValueError:
        raise ValueError("ngày không có thật") from None
    if d is None:
        raise ValueError("")
    label = format_plain_date(d)
    return Deadline(text, DeadlineKind.BEFORE_DATE if before else DeadlineKind.DATE, d,
                    f"Trước ngày {label}" if before else label)


def format_plain_date(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year}"
