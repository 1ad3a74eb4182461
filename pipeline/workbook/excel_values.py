"""A numeric cell's value and display format, decided exactly as openpyxl decides them.

The reader used to get its values from openpyxl; documents must stay byte-identical, so the
fast reader turns a number stored in the sheet (`<v>45356</v>` with style 3) into the same
Python value openpyxl gave: an int or a float by how the number is written, a datetime, a time
or a timedelta when the style's number format is a date. The rules and the built-in format
table are openpyxl's (MIT licence), kept here so reading never imports openpyxl (a third of a
second of start-up, numpy included). Excel's error values (`#REF!`) are named here too.
"""

from __future__ import annotations

import datetime
import re

GENERAL = "General"

BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}

_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)

WINDOWS_EPOCH = datetime.datetime(1899, 12, 30)
MAC_EPOCH = datetime.datetime(1904, 1, 1)
_SECONDS_PER_DAY = 86400


def is_date_format(number_format: str) -> bool:
    return _DATE_LETTER.search(_STRIP.sub("", number_format.split(";")[0])) is not None


def is_timedelta_format(number_format: str) -> bool:
    return _TIMEDELTA.search(number_format.split(";")[0]) is not None


def parse_number(text: str) -> int | float:
    """`12` is an int, `12.0`, `1E3` floats: as the cell's stored text says."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def numeric_cell_value(text: str, number_format: str, epoch: datetime.datetime):
    """The value of a number stored with a format: a date, time or timedelta for date formats.

    A serial number beyond the calendar reads as Excel's `#VALUE!`, as openpyxl reads it.
    """
    value = parse_number(text)
    if not is_date_format(number_format):
        return value
    try:
        return from_excel(value, epoch, is_timedelta_format(number_format))
    except (OverflowError, ValueError):
        return "#VALUE!"


def from_excel(value: float, epoch: datetime.datetime = WINDOWS_EPOCH, timedelta: bool = False):
    if timedelta:
        td = datetime.timedelta(days=value)
        if td.microseconds:
            td = datetime.timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = datetime.timedelta(milliseconds=round(fraction * _SECONDS_PER_DAY * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return datetime.time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + datetime.timedelta(days=day) + diff


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
