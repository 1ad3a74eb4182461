"""The province's forms row by row by class, against a table worked by hand."""

from __future__ import annotations

from decimal import Decimal

from pipeline.statistics.catalog import load_catalog
from pipeline.statistics.forms import Figure
from pipeline.statistics.rollup import UnitFigures, roll_up_forms


def figures(values: dict[str, object]) -> dict[str, Figure]:
    return {code: Figure(Decimal(str(v))) for code, v in values.items()}


OWN = figures({"1.1": 29, "4.2.1": 25, "7.4.1.1": 300, "1.5": 1, "1.5.2": 2})
UNITS = [
    UnitFigures("Xã An", figures({"1.1": 3, "4.2.1": 20, "3.1.4.2": 445, "7.4.1.1": 290, "7.4.1.2": 200,
                                  "4.1.2": 1, "7.3.2": 90, "1.5": 1, "1.5.2": 0, "3.3.2.1": 100, "3.3.2.2": 90})),
    UnitFigures("Xã Bình", figures({"1.1": 4, "4.2.1": 18, "3.1.4.2": 445, "7.4.1.1": 290, "7.4.1.2": 200,
                                    "4.1.2": 0, "7.3.2": 95, "1.5": 0, "1.5.2": 1, "3.3.2.1": 200, "3.3.2.2": 190})),
    UnitFigures("Phường Cát", figures({"1.1": 5, "4.2.1": 22, "3.1.4.2": 440, "7.4.1.1": 300, "7.4.1.2": 150,
                                       "4.1.2": 1, "7.3.2": 100, "1.5": 1, "1.5.2": 1, "3.3.2.1": 300,
                                       "3.3.2.2": 290})),
]

# code: (printed value, printed note) — worked by hand from OWN and UNITS, four units in the roll-up
EXPECTED = {
    "4.2.1": ("85", "cấp tỉnh: 25; cấp xã: 60; Tổng hợp từ 3/4 đơn vị"),  # S
    "1.1": ("29", ""),  # O: the units' 3 + 4 + 5 never enter
    "3.1.4.2": ("445", ""),  # L: the value most units report, not 1.330
    "7.4.1.1": ("300", ""),  # L: the province's own list
    "4.1.2": ("66,67", "2/3 đơn vị có; Tổng hợp từ 3/4 đơn vị"),  # C: flags counted ÷ units that gave × 100
    "7.3.2.2": ("95", "Bình quân các đơn vị"),  # C: the units' 7.3.2 averaged
    "1.5": ("1", "2/3 đơn vị có; Tổng hợp từ 3/4 đơn vị"),  # F
    "1.5.2": ("2", "1/3 đơn vị trực tuyến; 2/3 đơn vị phát phiếu; 0/3 đơn vị kết hợp; Tổng hợp từ 3/4 đơn vị"),  # F
    "3.3.2": ("95", ""),  # R: (90 + 190 + 290) / (100 + 200 + 300)
    "7.4.1": ("66,67", ""),  # R from two L rows: 200 / 300
    "1.3.1": ("-", ""),  # O the province left blank
}


def province_rows():
    result = roll_up_forms(load_catalog(), OWN, UNITS, total_units=4)
    return result, {f"{form.number}.{row.stt}": row for form in result.forms for row in form.rows}


def test_each_class_matches_the_hand_worked_table():
    _, rows = province_rows()
    for code, (value, note) in EXPECTED.items():
        assert (rows[code].value, rows[code].note) == (value, note), code


def test_a_unit_that_gave_no_figures_is_not_counted_as_answering_no():
    """A trial's roll-up printed 4.1.2 as 2/7 beside sums `Tổng hợp từ 6/7`: the unit that typed no
    figures counted as `Không` on every yes/no row."""
    silent = UnitFigures("Xã Dừa", figures({}), gave=False)
    result = roll_up_forms(load_catalog(), OWN, [*UNITS, silent], total_units=4)
    rows = {f"{form.number}.{row.stt}": row for form in result.forms for row in form.rows}
    for code in ("4.1.2", "1.5", "1.5.2"):
        assert (rows[code].value, rows[code].note) == EXPECTED[code], code


def test_units_whose_list_differs_are_named():
    result, _ = province_rows()
    assert result.differing_names("3.1.4.2") == ("Phường Cát",)
    assert result.differing_names("7.4.1.1") == ("Xã An", "Xã Bình")
    assert "4.2.1" not in result.differing


def test_province_forms_print_every_row_in_the_provinces_wording():
    result, rows = province_rows()
    assert len(rows) == 123
    assert rows["4.1.2"].indicator.startswith("Tỷ lệ UBND cấp xã đã hoàn thành") and rows["4.1.2"].unit == "%"


def test_no_unit_figures_leave_the_provinces_own():
    result = roll_up_forms(load_catalog(), OWN, [], total_units=2)
    rows = {f"{form.number}.{row.stt}": row for form in result.forms for row in form.rows}
    assert (rows["4.2.1"].value, rows["4.2.1"].note) == ("25", "")
    assert rows["3.1.4.2"].value == "-"


def test_a_total_that_contradicts_its_rolled_up_parts_is_a_warning_naming_both():
    # Worked by hand: the province types 2.1.1 = 7 and 4.1.5.1 = 10 but no 2.1 / 4.1.5 of its own; two units
    # give 2.1 = 2.1.2 = 100 + 47 and 4.1.5 = 4.1.5.3 = 30 + 12. Class S: 2.1 = 147, 2.1.2 = 147 (2.1.1 is O: 7),
    # so 2.1 = 147 ≠ 7 + 147 = 154; 4.1.5 = 42 ≠ 10 + 42 = 52.
    own = figures({"2.1.1": 7, "4.1.5.1": 10})
    units = [UnitFigures("Xã An", figures({"2.1": 100, "2.1.2": 100, "4.1.5": 30, "4.1.5.3": 30})),
             UnitFigures("Xã Bình", figures({"2.1": 47, "2.1.2": 47, "4.1.5": 12, "4.1.5.3": 12}))]
    result = roll_up_forms(load_catalog(), own, units, total_units=2)
    warned = {p.sheet: p.message for p in result.contradictions}
    assert set(warned) == {"Biểu mẫu 2", "Biểu mẫu 4"}
    assert "2.1 tổng hợp được 147" in warned["Biểu mẫu 2"]
    assert "2.1.1 + 2.1.2 = 7 + 147 = 154" in warned["Biểu mẫu 2"]
    assert "4.1.5 tổng hợp được 42" in warned["Biểu mẫu 4"]
    assert "= 52" in warned["Biểu mẫu 4"]


def test_a_total_the_province_types_consistently_gives_no_warning():
    own = figures({"2.1": 7, "2.1.1": 7})
    units = [UnitFigures("Xã An", figures({"2.1": 100, "2.1.2": 100}))]
    assert roll_up_forms(load_catalog(), own, units, total_units=1).contradictions == ()
