from datetime import date

import pytest

from pipeline.domain.result import QuarterResult, Status

from pipeline.domain.task import DeadlineKind, Task
from pipeline.domain.deadlines import parse_deadline
from pipeline.domain.period import data_period, DataPeriod, parse_quarter, quarter
from pipeline.domain.task_states import task_states


@pytest.mark.parametrize(
    "text, kind, due",
    [
        ("Thường xuyên", DeadlineKind.ONGOING, None),
        ("Quý I", DeadlineKind.QUARTER, date(2024, 3, 31)),
        ("quý IV năm 2024", DeadlineKind.QUARTER, date(2024, 12, 31)),
        ("Quý 2", DeadlineKind.QUARTER, date(2024, 6, 30)),
        ("6 tháng đầu năm", DeadlineKind.FIRST_HALF, date(2024, 6, 30)),
        ("Tháng 6", DeadlineKind.MONTH, date(2024, 6, 30)),
        ("Tháng 2/2024", DeadlineKind.MONTH, date(2024, 2, 29)),
        ("30/6/2024", DeadlineKind.DATE, date(2024, 6, 30)),
        ("Trước ngày 15/03/2024", DeadlineKind.BEFORE_DATE, date(2024, 3, 15)),
    ],
)
def test_every_accepted_deadline_form_falls_due_at_the_end_of_its_period(text, kind, due):
    deadline = parse_deadline(text, 2024)
    assert (deadline.kind, deadline.due_date, deadline.text) == (kind, due, text)


def test_an_excel_date_is_a_deadline_too():
    assert parse_deadline(date(2024, 9, 1), 2024).due_date == date(2024, 9, 1)


@pytest.mark.parametrize("text, due, label", [
    ("31/12", date(2024, 12, 31), "31/12/2024"), ("trước ngày 30/6", date(2024, 6, 30), "Trước ngày 30/6/2024"),
    ("Ngày 30/6", date(2024, 6, 30), "30/6/2024"), ("ngày 30 tháng 6", date(2024, 6, 30), "30/6/2024"),
    ("ngày 5 tháng 3 năm 2024", date(2024, 3, 5), "5/3/2024"),
])
def test_a_date_typed_without_its_year_or_in_the_long_form_is_the_plans(text, due, label):
    """A trial's `31/12`, `trước ngày 30/6` and `ngày 5 tháng 3 năm 2024` were refused."""
    deadline = parse_deadline(text, 2024)
    assert (deadline.due_date, deadline.label) == (due, label)


@pytest.mark.parametrize("text", ["sớm", "Quý V", "31/02/2024", "Tháng 13", "31/4", "6-9", "10-12", "1.5"])
def test_other_deadlines_are_refused(text):
    """`6-9` is more often a range of months, and 1.5 a number, than a date (a second review)."""
    with pytest.raises(ValueError):
        parse_deadline(text, 2024)


def test_quarters_are_read_in_every_usual_form():
    assert [parse_quarter(v) for v in ("I", "1", "Quý I", "quý 4", 3, 2.0, "V", 0)] == [1, 1, 1, 4, 3, 2, None, None]


def test_data_periods_follow_nghi_dinh_09():
    assert data_period(2024, 1) == DataPeriod(date(2023, 12, 15), date(2024, 3, 14))
    assert data_period(2024, 2) == DataPeriod(date(2024, 3, 15), date(2024, 6, 14))
    assert data_period(2024, 4) == DataPeriod(date(2024, 9, 15), date(2024, 12, 14))


def _task(number, deadline_text):
    return Task(number, "Tiêu chí", "Giải pháp", "VP", "", parse_deadline(deadline_text, 2024), "")


def test_a_task_due_by_the_cut_off_and_not_done_is_overdue():
    tasks = [_task(1, "Trước ngày 10/3/2024"), _task(2, "Trước ngày 10/3/2024"), _task(3, "Quý II"),
             _task(4, "Thường xuyên"), _task(5, "14/3/2024")]
    results = [QuarterResult(n, 1, Status.IN_PROGRESS) for n in (1, 3, 4, 5)] + [QuarterResult(2, 1, Status.DONE)]
    overdue = {s.task.number: s.is_overdue for s in task_states(tasks, results, quarter(2024, 1))}
    assert overdue == {1: True, 2: False, 3: False, 4: False, 5: True}


def test_a_task_due_after_the_cut_off_is_due_soon_not_overdue():
    """The quý I report has data to 14/3: `Quý I` and `Trước ngày 31/3` fall due after it."""
    tasks = [_task(1, "Quý I"), _task(2, "Trước ngày 31/3/2024"), _task(3, "15/12/2024")]
    results = [QuarterResult(n, q, Status.IN_PROGRESS) for n in (1, 2, 3) for q in (1, 4)]
    q1 = {s.task.number: (s.is_overdue, s.is_due_soon) for s in task_states(tasks, results, quarter(2024, 1))}
    assert q1 == {1: (False, True), 2: (False, True), 3: (False, False)}
    q4 = {s.task.number: (s.is_overdue, s.is_due_soon) for s in task_states(tasks, results, quarter(2024, 4))}
    assert q4 == {1: (True, False), 2: (True, False), 3: (False, True)}


def test_a_task_without_a_row_carries_its_last_state_forward():
    tasks = [_task(1, "Quý IV"), _task(2, "Quý IV")]
    results = [QuarterResult(1, 1, Status.IN_PROGRESS, "làm dở")]
    states = task_states(tasks, results, quarter(2024, 2))
    assert (states[0].status, states[0].carried_forward, states[0].result.outcome) == (Status.IN_PROGRESS, True, "làm dở")
    assert (states[1].status, states[1].result) == (Status.NOT_STARTED, None)


def test_a_later_quarter_does_not_leak_into_an_earlier_report():
    tasks = [_task(1, "Quý IV")]
    results = [QuarterResult(1, 1, Status.IN_PROGRESS), QuarterResult(1, 2, Status.DONE)]
    assert task_states(tasks, results, quarter(2024, 1))[0].status is Status.IN_PROGRESS
