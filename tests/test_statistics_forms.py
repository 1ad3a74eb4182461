"""The seven forms as a commune prints them: every commune row, Vietnamese figures, ratios from their rows."""

from __future__ import annotations

from decimal import Decimal

from pipeline.statistics.catalog import Level, load_catalog
from pipeline.statistics.forms import Figure, build_forms


def figures(**values) -> dict[str, Figure]:
    return {code.replace("_", "."): Figure(Decimal(str(v))) for code, v in values.items()}


def rows_by_stt(form) -> dict:
    return {row.stt: row for row in form.rows}


def commune_forms(given: dict[str, Figure]):
    return build_forms(load_catalog(), Level.COMMUNE, given)


def test_all_seven_forms_print_every_commune_row_even_blank():
    forms = commune_forms({})
    catalog = load_catalog()
    assert [f.number for f in forms] == [1, 2, 3, 4, 5, 6, 7]
    assert forms[6].title == "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"
    printed = [(f.number, r.stt) for f in forms for r in f.rows]
    assert printed == [(i.form, i.stt) for i in catalog.indicators if i.commune_prints]
    assert len(printed) == 98  # the ✔ rows of the spec
    blank = [r for f in forms for r in f.rows if not r.is_group]
    assert {r.value for r in blank} == {"-"}
    assert all(r.value == "" for f in forms for r in f.rows if r.is_group)


def test_hand_worked_ratios_and_separators():
    forms = commune_forms(figures(**{"3_3_2_1": 9458, "3_3_2_2": 9035, "6_1_1": "1250.5", "6_1_2": 1000,
                                     "7_4_3_1": 3, "7_4_3_2": 3, "1_3_3_1": 0, "1_3_3_2": 0}))
    form3, form6, form7, form1 = rows_by_stt(forms[2]), rows_by_stt(forms[5]), rows_by_stt(forms[6]), rows_by_stt(forms[0])
    assert form3["3.2.1"].value == "9.458"
    assert form3["3.2"].value == "95,53"  # 9035 / 9458 = 95,5297…
    assert form6["1"].value == "79,97"  # 1000 / 1250,5 = 79,968…
    assert form6["1.1"].value == "1.250,5"
    assert form7["4.3"].value == "100"
    assert (form1["3.3"].value, form1["3.3"].note) == ("-", "Không phát sinh")  # 0 / 0 computes nothing


def test_level_wording_unit_and_depth():
    form4 = rows_by_stt(commune_forms(figures(**{"4_1_2": 1}))[3])
    row = form4["1.2"]
    assert row.indicator.startswith("Đã hoàn thành việc sắp xếp") and row.unit == "Có = 1; Không = 0"
    assert row.value == "1" and row.depth == 2
    assert form4["1"].is_group and form4["1"].depth == 1


def test_the_remainder_of_1_4_1_prints_as_a_note():
    form1 = rows_by_stt(commune_forms(figures(**{"1_4_1": 10, "1_4_1_1": 5, "1_4_1_2": 2, "1_4_1_3": 1}))[0])
    assert form1["4.1"].note == "Có 2/10 nhiệm vụ chưa hoàn thành còn trong hạn"


def test_a_typed_value_stands_when_the_denominator_is_zero():
    given = figures(**{"7_4_1": 50, "7_4_1_1": 0, "7_4_1_2": 0})
    row = rows_by_stt(commune_forms(given)[6])["4.1"]
    assert (row.value, row.note) == ("50", "Không phát sinh")


def test_province_rows_and_wording():
    forms = build_forms(load_catalog(), Level.PROVINCE, {})
    assert sum(len(f.rows) for f in forms) == 123
    form1 = rows_by_stt(forms[0])
    assert form1["4"].indicator == "Thực hiện nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao"
