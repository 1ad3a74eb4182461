"""The rules of `Số liệu`: errors name the cell, warnings give both figures, zero denominators compute nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.domain.period import quarter
from pipeline.statistics.catalog import Level, load_catalog
from pipeline.statistics.checks import check_entries
from pipeline.statistics.values import Entry, NotANumber, agrees_at_precision, format_figure, typed_number

Q1 = quarter(2026, 1)


def entries(*rows, period=Q1) -> list[Entry]:
    """(code, typed value) pairs as rows 2, 3, … of the sheet: code in A, value in C."""
    result = []
    for number, (code, value) in enumerate(rows, start=2):
        figure, decimals = typed_number(value)
        result.append(Entry(code, period, figure, decimals, "", f"C{number}", f"A{number}"))
    return result


def check(*rows, level=Level.COMMUNE):
    return check_entries(entries(*rows), load_catalog(), level)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_an_unknown_code_is_an_error_naming_the_nearest_code():
    found = check(("3.3.21", 5))
    assert len(found.problems) == 1
    assert found.problems[0].cell == "A2"
    assert "“3.3.21”" in found.problems[0].message and "3.3.2.1" in found.problems[0].hint


def test_negative_and_non_whole_counts_are_errors_with_the_cell():
    found = check(("1.1", -3), ("4.2.1", "12,5"), ("6.1.1", "1.250,5"))
    assert [(p.cell, "âm" in p.message or "số nguyên" in p.message) for p in found.problems] == \
        [("C2", True), ("C3", True)]  # 6.1.1 (Triệu đồng) may have decimals


def test_a_subset_ratio_over_100_is_an_error_on_the_numerators_cell():
    found = check(("3.3.2.1", 100), ("3.3.2.2", 120))
    assert len(found.problems) == 1
    problem = found.problems[0]
    assert problem.cell == "C3"
    assert "120%" in problem.message and "3.3.2.2 = 120" in problem.message and "3.3.2.1 = 100" in problem.message


def test_a_typed_subset_ratio_over_100_is_an_error():
    found = check(("7.2", 124))
    assert [p.cell for p in found.problems] == ["C2"]  # the real reports hold `124` in a % row


def test_over_100_where_carried_over_matters_allow_it_is_a_warning_with_both_figures():
    found = check(("3.3.3.1", 10), ("3.3.3.2", 12))
    assert found.problems == []
    assert len(found.warnings) == 1
    assert "120%" in found.warnings[0].message and "3.3.3.2 = 12" in found.warnings[0].message


def test_a_typed_ratio_is_checked_at_the_precision_typed():
    agreeing = check(("3.3.2", "95,5"), ("3.3.2.1", 1000), ("3.3.2.2", 955))
    assert agreeing.warnings == [] and agreeing.problems == []
    close = check(("3.3.2", "33"), ("3.3.2.1", 3), ("3.3.2.2", 1))  # 33,33: within half a unit
    assert close.warnings == []
    wrong = check(("3.3.2", "34"), ("3.3.2.1", 3), ("3.3.2.2", 1))
    assert len(wrong.warnings) == 1
    assert "nhập 34%" in wrong.warnings[0].message and "33,33%" in wrong.warnings[0].message
    assert wrong.warnings[0].cell == "C2"


def test_precision_rule():
    assert agrees_at_precision(Decimal("1.9"), 1, Decimal("1.88"))
    assert not agrees_at_precision(Decimal("1.9"), 1, Decimal("1.84"))
    assert agrees_at_precision(Decimal("95.53"), 2, Decimal("95.54"))  # at least 0,01
    assert not agrees_at_precision(Decimal("95.53"), 2, Decimal("95.55"))


def test_a_total_not_the_sum_of_its_parts_is_a_warning_giving_both():
    found = check(("6.2.1", 10), ("6.2.2", 1), ("6.2.3", 2), ("6.2.4", 3), ("6.2.5", 3))
    assert found.problems == []
    assert messages(found.warnings) == [
        "Số liệu!C2: chỉ tiêu 6.2.1 là 10, phải bằng 6.2.2 + 6.2.3 + 6.2.4 + 6.2.5 = 9 — kiểm tra lại số liệu của các dòng"]


def test_units_present_not_over_units_assigned_and_4_1_5_equals_6_2_1():
    found = check(("4.2.1", 20), ("4.2.2", 22), ("4.1.5", 7), ("4.1.5.3", 7), ("6.2.1", 6))
    texts = " | ".join(messages(found.warnings))
    assert "4.2.2 là 22, không được lớn hơn 4.2.1 là 20" in texts
    assert "4.1.5 là 7, phải bằng 6.2.1 là 6" in texts
    assert len(found.warnings) == 2  # 6.2.1 has no parts given: nothing to add up


def test_a_row_a_commune_does_not_print_is_a_warning_in_a_commune_workbook_only():
    assert [p.cell for p in check(("2.1.1", 3)).warnings] == ["A2"]
    assert check(("2.1.1", 3), level=Level.PROVINCE).warnings == []


def test_flags_and_choices_hold_only_their_values():
    found = check(("1.5", 2), ("1.5.2", 1), ("1.6", 0))
    assert [p.cell for p in found.problems] == ["C2"]
    assert "1 = Có" in found.problems[0].hint


def test_every_problem_at_once():
    found = check(("9.9", 1), ("1.1", -1), ("3.3.2.1", 1), ("3.3.2.2", 2), ("1.1", 4))
    assert [p.cell for p in found.problems] == ["A2", "C3", "A6", "C5"]


def test_typed_numbers():
    assert typed_number("9.458") == (Decimal("9458"), 0)
    assert typed_number("95,53") == (Decimal("95.53"), 2)
    assert typed_number(0.9553, "0.00%") == (Decimal("95.5300"), 2)
    assert typed_number("-") == (None, 0)
    with pytest.raises(NotANumber):
        typed_number("mười")


def test_printed_figures_use_vietnamese_separators():
    assert format_figure(Decimal("9458")) == "9.458"
    assert format_figure(Decimal("95.525"), is_ratio=True) == "95,53"
    assert format_figure(Decimal("100.00"), is_ratio=True) == "100"
    assert format_figure(Decimal("95.50"), is_ratio=True) == "95,5"
    assert format_figure(None) == "-"


@pytest.mark.parametrize("typed, printed", [
    ("0", "0"), ("-0", "0"), ("0.000", "0"), ("7", "7"), ("1000", "1.000"), ("1E+3", "1.000"),
    ("1200.00", "1.200"), ("-1234567", "-1.234.567"), ("-12.50", "-12,5"), ("0.05", "0,05"),
    ("12345678901234567890", "12.345.678.901.234.567.890"),
])
def test_a_whole_number_prints_as_any_figure_does(typed, printed):
    """Counts take a shorter way (int grouping) than fractions: the same digits and separators."""
    assert format_figure(Decimal(typed)) == printed
    assert format_figure(Decimal(typed), is_ratio=True) == printed


def test_a_sheet_of_junk_codes_is_checked_in_bounded_time():
    import resource

    junk = [Entry(f"9.{i}.{i % 7}", Q1, None, 0, "", f"C{i}", f"A{i}") for i in range(2, 50_002)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    found = check_entries(junk, load_catalog(), Level.COMMUNE)
    assert len(found.problems) == 50_000
    assert resource.getrusage(resource.RUSAGE_SELF).ru_utime - before < 10  # CPU seconds; was 25 unbounded
