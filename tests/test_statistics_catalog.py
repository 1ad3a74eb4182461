"""The catalog data file agrees with the spec's table of the seven forms, row for row."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.statistics.catalog import InvalidCatalog, Kind, Level, RollupClass, load_catalog, parse_catalog

SPEC = Path(__file__).parent / "data" / "spec" / "bao-cao-cchc.md"
TITLES = {1: "Công tác chỉ đạo điều hành CCHC", 2: "Cải cách thể chế", 3: "Cải cách thủ tục hành chính",
          4: "Cải cách tổ chức bộ máy", 5: "Cải cách chế độ công vụ", 6: "Cải cách tài chính công",
          7: "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"}


def spec_rows() -> list[list[str]]:
    lines = SPEC.read_text(encoding="utf-8").splitlines()
    return [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in lines if re.match(r"^\| \d+(\.\d+)+ \|", line)]


def test_every_row_of_the_spec_is_in_the_catalog_in_order():
    catalog = load_catalog()
    assert [row[0] for row in spec_rows()] == [i.code for i in catalog.indicators]
    assert len(catalog.indicators) == 123


def test_wording_unit_commune_and_rollup_class_match_the_spec():
    catalog = load_catalog()
    for code, wording, unit, kind, commune, rollup in spec_rows():
        item = catalog[code]
        assert item.wording == wording, code
        assert item.unit_text == unit, code
        assert item.commune_prints is (commune == "✔"), code
        assert item.rollup is RollupClass(rollup), code
        assert item.kind_text == (kind if kind.startswith("{") else kind.split()[0]), code
        ratio = re.match(r"ratio (\S+?)/(\S+?)(?:,|$)", kind)
        assert (item.numerator, item.denominator) == ((ratio.group(1), ratio.group(2)) if ratio else (None, None)), code
        assert item.subset is ("subset" in kind), code
        assert item.decimals_allowed is ("decimal allowed" in kind), code
        assert item.from_plan is ("from the plan" in kind), code


def test_sum_relations_of_the_kind_column():
    catalog = load_catalog()
    relations = {i.code: [r.text for r in i.relations] for i in catalog.indicators if i.relations}
    assert relations == {
        "1.4.1": ["≥ 1.4.1.1 + 1.4.1.2 + 1.4.1.3"],
        "2.1": ["= 2.1.1 + 2.1.2"],
        "3.1.4": ["= 3.1.4.1 + 3.1.4.2"],
        "4.1.5": ["= 4.1.5.1 + 4.1.5.2 + 4.1.5.3", "= 6.2.1"],
        "4.2.2": ["≤ 4.2.1"],
        "4.3.2": ["≤ 4.3.1"],
        "5.4": ["≥ 5.4.1 + 5.4.2 + 5.4.3 + 5.4.4"],
        "6.2.1": ["= 6.2.2 + 6.2.3 + 6.2.4 + 6.2.5"],
        "6.2.4": ["= 6.2.4.1 + 6.2.4.2 + 6.2.4.3"],
    }


def test_seven_forms_with_their_titles_and_every_row_under_its_parent():
    catalog = load_catalog()
    assert catalog.titles == TITLES
    codes = [i.code for i in catalog.indicators]
    for item in catalog.indicators:
        if item.depth > 1:
            assert item.parent in codes and codes.index(item.parent) < codes.index(item.code), item.code
    assert {i.form for i in catalog.indicators} == set(TITLES)


def test_level_wording_unit_and_kind():
    catalog = load_catalog()
    row = catalog["4.1.2"]
    assert row.indicator(Level.PROVINCE).startswith("Tỷ lệ UBND cấp xã đã hoàn thành việc sắp xếp")
    assert row.indicator(Level.COMMUNE).startswith("Đã hoàn thành việc sắp xếp")
    assert (row.unit(Level.PROVINCE), row.kind(Level.PROVINCE)) == ("%", Kind.RATIO)
    assert (row.unit(Level.COMMUNE), row.kind(Level.COMMUNE)) == ("Có = 1; Không = 0", Kind.FLAG)
    assert catalog["2.3.1"].indicator(Level.COMMUNE) == "Số VBQPPL đã rà soát thuộc thẩm quyền của cấp xã"
    assert catalog["1.5.2"].choices(Level.COMMUNE) == {0: "Trực tuyến", 1: "Phát phiếu", 2: "Kết hợp"}


def test_stt_restarts_in_each_form_without_the_form_number():
    catalog = load_catalog()
    assert (catalog["1.1"].stt, catalog["1.3.3.1"].stt, catalog["7.4.5.2"].stt) == ("1", "3.3.1", "4.5.2")
    assert (catalog["1.1"].depth, catalog["1.3.1"].depth, catalog["1.3.3.1"].depth) == (1, 2, 3)


def test_nearest_code_for_a_mistyped_one():
    catalog = load_catalog()
    assert catalog.nearest("3.3.21") == "3.3.2.1"
    assert catalog.nearest("7.4.6") in {"7.4.5", "7.4.4", "7.4.1", "7.4.2", "7.4.3"}


def test_a_province_edited_catalog_with_mistakes_is_refused_with_every_mistake():
    text = ("Mã,Chỉ tiêu,Đơn vị tính,Loại,Tử số,Mẫu số,Tập con,Số lẻ,Xã in,Tổng hợp,Quan hệ\n"
            "1,Biểu một,,form,,,,,x,,\n"
            "1.1,Số văn bản,Văn bản,count,,,,,x,O,= 1.9\n"
            "1.2,Tỷ lệ,%,percent,,,,,x,R,\n"
            "1.3,Tỷ lệ khác,%,ratio,1.1,,,,x,R,\n")
    with pytest.raises(InvalidCatalog) as caught:
        parse_catalog(text, "tinh.csv")
    message = caught.value.message
    assert "loại “percent” của 1.2" in message
    assert "1.1 nhắc tới mã 1.9" in message
    assert "tỷ lệ 1.3 cần cả tử số và mẫu số" in message


def test_the_installed_package_ships_the_catalog():
    from importlib import resources

    assert resources.files("pipeline.statistics").joinpath("catalog.csv").is_file()
