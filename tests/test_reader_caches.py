"""What the reader keeps between workbooks (to read a batch fast) never carries one workbook into another.

A cell's text is cleaned and judged once per process; the warnings about it still name each
workbook's own cell, and what is kept stays bounded however many workbooks one worker reads.
"""

from __future__ import annotations

from builders import build_workbook, sample, set_info
from pipeline.errors import InvalidWorkbook
from pipeline.workbook import format as F
from pipeline.workbook.reader import read_workbook
from pipeline.workbook.sheets import _TextCache

LEGACY = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"


def test_a_text_seen_before_is_still_warned_about_at_each_workbooks_own_cell(tmp_path):
    first, second = sample(), sample()
    first[F.SHEET_TASKS][0][3] = LEGACY  # lead of task 1: D2
    second[F.SHEET_TASKS][2][3] = LEGACY  # lead of task 3: D4
    warned = []
    for name, sheets in (("a.xlsx", first), ("b.xlsx", second), ("c.xlsx", first)):
        try:
            said = read_workbook(build_workbook(tmp_path / name, sheets)).warnings
        except InvalidWorkbook as refused:  # legacy text is an error (and the warnings go unsaid)
            said = refused.problems
        warned.append(sorted(f"{w.sheet}!{w.cell} {w.message[:9]}" for w in said
                             if "bảng mã cũ" in w.message or "chữ ví dụ" in w.message))
    assert warned[0] == ["Nhiệm vụ!D2 chữ gõ bằ"]
    assert warned[1] == ["Nhiệm vụ!D4 chữ gõ bằ"]
    assert warned[2] == warned[0]


def test_a_text_seen_before_gives_the_same_cleaned_text():
    cache = _TextCache(max_chars=1_000)
    cache.put("a", ("a", False, False))
    assert cache.get("a") == ("a", False, False)
    assert cache.get("b") is None


def test_the_kept_texts_stay_within_their_bound_over_many_distinct_texts():
    cache = _TextCache(max_chars=1_000)
    for i in range(10_000):
        text = f"nhiệm vụ số {i}"
        cache.put(text, (text, False, False))
        assert cache.chars <= 1_000
        assert sum(len(k) + len(v[0]) for k, v in cache.texts.items()) == cache.chars
    assert 0 < len(cache.texts) < 100


def test_a_deadline_seen_before_falls_due_in_each_workbooks_own_year(tmp_path):
    due = []
    for year in (2024, 2025, 2024):
        sheets = sample()
        set_info(sheets, F.INFO_YEAR, year)
        for task in sheets[F.SHEET_TASKS]:
            task[5] = "Quý II"  # Thời gian hoàn thành
        plan = read_workbook(build_workbook(tmp_path / f"{year}.xlsx", sheets))
        due.append({task.deadline.due_date.isoformat() for task in plan.tasks})
    assert due == [{"2024-06-30"}, {"2025-06-30"}, {"2024-06-30"}]
