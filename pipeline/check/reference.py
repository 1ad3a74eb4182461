"""Số, ký hiệu and thời gian ban hành: reading them from the header and from citations.

Header forms (spec §2.4, §2.5)::

    Số: 05/KH-UBND            Số:      /KH-UBND        (draft: number left blank)
    Hải Định, ngày 05 tháng 3 năm 2024
    Hải Định, ngày      tháng 3 năm 2024          (draft: day and/or month left blank)

Citations (``Kèm theo Kế hoạch số 25/KH-UBND ngày 05 tháng 3 năm 2024 …``) are read loosely,
also in the short date form ``ngày 05/3/2024``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..vietnamese import day_text, month_text
from .vntext import nfc

NUMBER_LINE = re.compile(
    r"^Số:(?P<gap>[\s.…]*)(?P<number>\d*)[\s.…]*/(?:(?P<year>\d{4})/)?(?P<symbol>\S+)$")
# a draft leaves blanks of any width: «ngày      tháng  11  năm 2025»
DATE_LINE = re.compile(
    r"^(?P<place>\S.*?),\s*ngày(?:\s+(?P<day>0[1-9]|[12]\d|3[01])\s+|[\s.…]+)"
    r"tháng(?:\s+(?P<month>0[12]|[3-9]|1[0-2])\s+|[\s.…]+)năm\s+(?P<year>\d{4})$")
_BLANK = r"[\s.…]*"   # a blank left for the văn thư: spaces, dots or an ellipsis
_CITED_NUMBER = re.compile(
    rf"\bsố{_BLANK}(?P<number>\d*){_BLANK}/\s*(?P<symbol>[^\s,;)]+)", re.IGNORECASE)
_CITED_DATE = re.compile(
    rf"\bngày{_BLANK}(?P<day>\d{{1,2}})?{_BLANK}tháng{_BLANK}(?P<month>\d{{1,2}})?{_BLANK}"
    r"năm\s*(?P<year>\d{4})"
    rf"|\bngày{_BLANK}(?P<sday>\d{{1,2}})?{_BLANK}/\s*(?P<smonth>\d{{1,2}})?\s*/\s*(?P<syear>\d{{4}})",
    re.IGNORECASE)


@dataclass(frozen=True)
class DocumentNumber:
    """Số, ký hiệu: ``number`` is None when left blank in a draft."""

    number: str | None
    symbol: str
    year: str | None = None   # Số: 30/2020/NĐ-CP: the year of a legal (QPPL) document

    @property
    def groups(self) -> list[str]:
        return self.symbol.split("-")

    def __str__(self) -> str:
        return f"{self.number or '…'}/{self.symbol}"


@dataclass(frozen=True)
class IssueDate:
    """Ngày ban hành: day or month None when left blank in a draft."""

    day: int | None
    month: int | None
    year: int

    def __str__(self) -> str:
        day = day_text(self.day) if self.day else "…"
        month = month_text(self.month) if self.month else "…"
        return f"ngày {day} tháng {month} năm {self.year}"

    @property
    def is_real(self) -> bool:
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        days = calendar.monthrange(self.year, self.month)[1] if self.month else 31
        return 1 <= self.day <= days


def read_number_line(text: str) -> tuple[DocumentNumber | None, str]:
    """The number of a ``Số:`` line, or None and the reason in Vietnamese."""
    match = NUMBER_LINE.match(nfc(text).strip())
    if match is None:
        return None, "không đúng dạng «Số: NN/XX-YY»"
    number = match["number"] or None
    if number is None and not match["gap"]:
        return None, "không có số cũng không để trống chỗ ghi số"
    return DocumentNumber(number, match["symbol"], match["year"]), ""


def read_date_line(text: str) -> tuple[str, IssueDate] | None:
    """``(place, date)`` of a place/date line in the official form, or None."""
    match = DATE_LINE.match(nfc(text).strip())
    if match is None:
        return None
    day = int(match["day"]) if match["day"] else None
    month = int(match["month"]) if match["month"] else None
    return match["place"], IssueDate(day, month, int(match["year"]))


def cited_number(text: str) -> DocumentNumber | None:
    match = _CITED_NUMBER.search(nfc(text))
    if match is None:
        return None
    return DocumentNumber(match["number"] or None, match["symbol"])


def cited_date(text: str) -> IssueDate | None:
    match = _CITED_DATE.search(nfc(text))
    if match is None:
        return None
    day = match["day"] or match["sday"]
    month = match["month"] or match["smonth"]
    year = match["year"] or match["syear"]
    return IssueDate(int(day) if day else None, int(month) if month else None, int(year))
