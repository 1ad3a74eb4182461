"""Rows read plainly (by position, no call per cell) give what the careful reading gives: the same
entries, problems and warnings, in the same order, however the plain and the odd rows mix."""

from __future__ import annotations

import pytest

from pipeline.errors import InvalidWorkbook
from pipeline.workbook import statistics
from pipeline.workbook.reader import read_workbook
from test_statistics_sheet import with_statistics

LEGACY = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"

MIXED = [
    ("1.1", "Quý I", 7, "gồm 2 kế hoạch"),
    ("1.3", "Quý I", 3, None),
    ("1.3.1", "Quý I", 2, LEGACY),  # a note to warn about
    ("1.3.2.", "Quý I", 1, None),  # a code with its trailing dot
    ("1.3", "Quý I", 4, None),  # twice in one period
    (".", "Quý I", 5, None),  # a code that is only a dot
    ("3.3.2.1", "Quý II", 9458, None),
    ("3.3.2.2", "Quý II", 9035, "  "),
    ("3.3.2.1", "Quý V", 100, None),  # a period that does not exist
    ("3.3.2.2", "quý 2", 120, None),  # an unusual spelling of a period seen before
    ("7.3.2", "Quý II", 95.53, None),  # a figure that is not whole
    ("1.5", "Quý II", "Có", None),  # a flag typed as a word
    ("1.1", "Quý II", "mười", None),  # not a number
    ("1.1", "Quý III", -2, None),  # a negative figure
    ("2.1.1", "Quý III", 1, None),  # a row a commune does not print
    ("9.9.9", "Quý III", 1, None),  # no such code
    ("1.2.1", "Quý III", 12, None),  # counted from the plan
    ("1.1", "Quý IV", 7, "gồm 2 kế hoạch"),
    ("1.3", "Quý IV", None, "Kiểm tra từ tháng 3"),
    ("1.3.1", "Quý IV", True, None),  # a boolean cell
]


def read(path):
    try:
        plan = read_workbook(path)
    except InvalidWorkbook as caught:
        return None, [str(p) for p in caught.problems], []
    return plan.statistics, [], [str(w) for w in plan.warnings]


@pytest.mark.parametrize("rows", [MIXED, MIXED[::-1], [row for row in MIXED if row[2].__class__ is int]])
def test_plain_rows_read_as_the_careful_reading_reads_them(tmp_path, monkeypatch, rows):
    path = with_statistics(tmp_path / "xa.xlsx", rows)
    plain = read(path)
    plain_again = read(path)  # every text seen before: the most rows read plainly
    with monkeypatch.context() as patched:
        patched.setattr(statistics, "_plain_entries", lambda table, periods: ((*row, None) for row in table.rows))
        careful = read(path)
    assert plain == careful and plain_again == careful
    assert careful[1] or careful[2]  # the mix holds rows to report


def test_most_rows_of_a_clean_sheet_are_read_plainly(tmp_path):
    path = with_statistics(tmp_path / "xa.xlsx", [(code, "Quý I", 3, None) for code in ("1.1", "1.3", "1.3.1")]
                           + [(code, "Quý II", 3, None) for code in ("1.1", "1.3", "1.3.1")])
    read_workbook(path)
    table_rows = []

    def counted(table, periods):
        for number, values, entry in plain_entries(table, periods):
            table_rows.append(entry is not None)
            yield number, values, entry

    plain_entries = statistics._plain_entries
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(statistics, "_plain_entries", counted)
        read_workbook(path)
    assert table_rows.count(True) >= 4  # all but the first row of each period, whose period is parsed first
