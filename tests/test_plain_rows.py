"""Rows read plainly (by position, no call per cell) give what the careful reading gives: the same
entries and results, problems and warnings, in the same order, however the plain and the odd rows mix."""

from __future__ import annotations

from datetime import datetime

import pytest

from builders import build_workbook, sample
from pipeline.errors import InvalidWorkbook
from pipeline.workbook import format as F
from pipeline.workbook import results, statistics
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
    return (plan.statistics, plan.results), [], [str(w) for w in plan.warnings]


def every_row_with_care(table, *state):
    return ((*row, None) for row in table.rows)


REFUSED = {(".", "Quý I"), ("1.3", "Quý I"), ("3.3.2.1", "Quý V"), ("3.3.2.2", "quý 2"), ("1.1", "Quý II"),
           ("1.1", "Quý III"), ("9.9.9", "Quý III")}
WARNED = [row for row in MIXED if row[:2] not in REFUSED]  # a workbook read, with its warnings


@pytest.mark.parametrize("rows", [MIXED, MIXED[::-1], WARNED, WARNED[::-1]])
def test_plain_rows_read_as_the_careful_reading_reads_them(tmp_path, monkeypatch, rows):
    path = with_statistics(tmp_path / "xa.xlsx", rows)
    plain = read(path)
    plain_again = read(path)  # every text seen before: the most rows read plainly
    with monkeypatch.context() as patched:
        patched.setattr(statistics, "_plain_entries", every_row_with_care)
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


RESULTS = [  # TT, Quý, Tình trạng, Kết quả thực hiện, Hồ sơ kiểm chứng, Ghi chú, Ngày hoàn thành, Thời hạn mới
    [1, "I", "Hoàn thành", "Đã ban hành kế hoạch.", "- Kế hoạch số 30/KH-UBND;\n- Báo cáo số 3/BC-UBND.", None],
    [1, "II", "Đang thực hiện", "Đang làm.", None, None],  # done in quý I, not done in quý II
    [2, "I", "Đang thực hiện", "Đã rà soát.", "Báo cáo số 35/BC-UBND", "ghi chú"],
    [2, "I", "Đang thực hiện", "Đã rà soát lại.", None, None],  # the same task and quarter twice
    [3, "I", "Hoàn thành", "Xong.", None, None, datetime(2024, 3, 15)],
    [3, "II", "Hoàn thành", F.EXAMPLE_OUTCOME, None, None],
    [4, "I", "Điều chỉnh", "Lùi hạn.", None, None, None, "Quý IV"],  # no note naming the decision
    [4, "II", "Điều chỉnh", "Lùi hạn.", None, "Quyết định số 12/QĐ-UBND", None, "Quý IV"],
    [5, "I", "Dừng thực hiện", "Dừng.", None, "Quyết định số 13/QĐ-UBND"],
    [5, "II", "Hoàn thành", "Xong.", LEGACY, None],
    [6, "I", "hoan thanh", "Xong.", None, None],  # a status without its tone marks
    [6, "V", "Hoàn thành", "Xong.", None, None],  # no such quarter
    [42, "I", "Hoàn thành", "Xong.", None, None],  # no such task
    [7, 2, "Hoàn thành", "Xong.", None, None, "15/6/2024"],
    [6, "III", "Đang thực hiện", "Đang làm.", None, None],
    [7, "III", "Đang thực hiện", "Đang làm.", None, None, None, "Quý IV"],  # a new deadline without a decision
    [8, "III", "Điều chỉnh", "Lùi hạn.", None, None],  # neither a new deadline nor a note
    [9, "II", "Dừng thực hiện", "Dừng.", None, None],  # no note naming the decision
    [9, "III", "Đang thực hiện", "Đang làm.", None, None, datetime(2024, 9, 1)],  # a day finished, not done
    [8, "I", "Chưa thực hiện", "Chưa làm.", "Công văn số 7/UBND", None],
    [8, "II", "Đang thực hiện", 12, None, None],  # a number for an outcome
    [9, "I", "Hoàn thành", "  Xong.  ", None, "   "],
]


RESULTS_WARNED = [row for row in RESULTS if row[:2] not in ([2, "I"], [4, "I"], [6, "I"], [6, "V"], [42, "I"],
                                                              [8, "III"], [9, "II"])]


@pytest.mark.parametrize("rows", [RESULTS, RESULTS[::-1], RESULTS_WARNED, RESULTS_WARNED[::-1]])
def test_plain_results_read_as_the_careful_reading_reads_them(tmp_path, monkeypatch, rows):
    sheets = sample()
    sheets[F.SHEET_RESULTS] = [list(row) for row in rows]
    path = build_workbook(tmp_path / "xa.xlsx", sheets)
    plain = read(path)
    plain_again = read(path)
    with monkeypatch.context() as patched:
        patched.setattr(results, "_plain_results", every_row_with_care)
        careful = read(path)
    assert plain == careful and plain_again == careful
    assert careful[1] or careful[2]
