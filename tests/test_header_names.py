"""The header breaks a body's name only between its kind and its name, and the columns and the
place/date line are sized for the longest names of the 34 provinces."""

import re
from datetime import datetime

import pytest
from click.testing import CliRunner

from builders import build_workbook, sample, set_document, set_info
from pipeline.documents.common import fitted_date_line, issuer_name_lines, name_lines
from pipeline.domain.plan import IssueDate
from pipeline.layout import CELL_PADDING, HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH, SIZES, text_width
from pipeline.vietnamese import format_date_line
from pipeline.workbook import format as F

CITIES = ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh"]
PROVINCES = ["Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
             "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình",
             "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh",
             "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"]
PLACES = [f"Thành phố {c}" for c in CITIES] + [f"Tỉnh {p}" for p in PROVINCES]  # the 34 since 1/7/2025
LEFT, RIGHT = HEADER_LEFT_WIDTH - CELL_PADDING, HEADER_RIGHT_WIDTH - CELL_PADDING


def test_the_body_breaks_between_its_kind_and_its_name():
    assert name_lines("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", SIZES["managing_body"], bold=False) == [
        "ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]
    assert name_lines("UBND THÀNH PHỐ HỒ CHÍ MINH", SIZES["managing_body"], bold=False) == [
        "UBND", "THÀNH PHỐ HỒ CHÍ MINH"]
    assert name_lines("UBND HUYỆN HẢI LĂNG", SIZES["managing_body"], bold=False) == ["UBND HUYỆN HẢI LĂNG"]
    assert issuer_name_lines("Ủy ban nhân dân thành phố Hồ Chí Minh") == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]


@pytest.mark.parametrize("place", PLACES)
def test_every_provinces_name_fits_the_left_column_on_one_line(place):
    for kind in ("ỦY BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG NHÂN DÂN"):
        name = f"{kind} {place}".upper()
        for size, bold in ((SIZES["managing_body"], False), (SIZES["issuer"], True)):
            lines = name_lines(name, size, bold)
            assert lines[-1].endswith(place.upper()) and len(lines) <= 2, lines
            assert all(text_width(line, size, bold) <= LEFT for line in lines)


@pytest.mark.parametrize("place", [p.removeprefix("Tỉnh ") for p in PLACES])
@pytest.mark.parametrize("issued", [IssueDate(2026, 12, 28), IssueDate(2026, 6, 5), IssueDate(2026, 12), IssueDate(2026)])
def test_every_provinces_date_line_fits_on_one_line(place, issued):
    assert text_width(format_date_line(place, issued), SIZES["date_line"]) <= RIGHT


def test_a_longer_place_wraps_only_after_its_comma():
    line = fitted_date_line(format_date_line("Thành phố Hồ Chí Minh thuộc Trung ương", IssueDate(2026)))
    before, after = line.split(", ", 1)  # the one ordinary space: where LibreOffice and Word may wrap
    assert " " not in before and " " not in after
    assert text_width(before + ",", SIZES["date_line"]) <= RIGHT and text_width(after, SIZES["date_line"]) <= RIGHT


def test_the_national_name_fits_the_right_column():
    assert text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", SIZES["national_name"], bold=True) <= RIGHT


def test_on_the_page_the_header_lines_are_whole_names(tmp_path):
    from test_pdf import HAVE_TOOLS, words

    if not HAVE_TOOLS:
        pytest.skip("LibreOffice or poppler-utils not installed")
    sheets = sample()
    set_info(sheets, F.INFO_MANAGING_BODY, "UBND THÀNH PHỐ HỒ CHÍ MINH")
    set_info(sheets, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")
    set_info(sheets, F.INFO_PLACE, "Thành phố Hồ Chí Minh")
    set_document(sheets, "Kế hoạch", F.DOC_DATE, datetime(2024, 6, 25))
    from pipeline.cli import main

    result = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--out",
                                       str(tmp_path / "kq"), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = next((tmp_path / "kq").rglob("*_ke-hoach-*.pdf"))
    lines: dict[float, list[str]] = {}
    for _x0, y0, _, word in sorted(words(pdf, 1), key=lambda w: (w[1], w[0])):
        lines.setdefault(round(y0), []).append(word)
    page = [" ".join(ws) for _, ws in sorted(lines.items())]
    assert sorted(page[0].split()) == sorted("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM UBND".split())  # the kind alone
    joined = "\n".join(page)
    assert joined.count("THÀNH PHỐ HỒ CHÍ MINH") == 2 and "THÀNH PHỐ HỒ CHÍ\n" not in joined
    assert re.search(r"Thành phố Hồ Chí Minh, ngày 25 tháng 6 năm 2024", joined), page[:8]  # one line


def test_a_city_level_header_passes_the_checker(tmp_path):
    from pipeline.cli import main

    sheets = sample()
    set_info(sheets, F.INFO_MANAGING_BODY, "UBND THÀNH PHỐ HỒ CHÍ MINH")
    set_info(sheets, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")
    set_info(sheets, F.INFO_PLACE, "Thành phố Hồ Chí Minh")
    made = CliRunner().invoke(main, [str(build_workbook(tmp_path / "so.xlsx", sheets)), "--out", str(tmp_path / "kq")])
    assert made.exit_code == 0, made.output
    docs = sorted(str(p) for p in (tmp_path / "kq").rglob("*.docx"))
    checked = CliRunner().invoke(main, ["check", *docs])
    assert checked.exit_code == 0, checked.output
    assert checked.output.count("Đạt: 0 lỗi, 0 cảnh báo") == 3


def test_a_department_breaks_between_its_kind_and_its_place():
    assert issuer_name_lines("SỞ NỘI VỤ TỈNH LÂM ĐỒNG") == ["SỞ NỘI VỤ", "TỈNH LÂM ĐỒNG"]
    assert issuer_name_lines("Sở Kế hoạch và Đầu tư tỉnh Quảng Trị") == ["SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "TỈNH QUẢNG TRỊ"]


@pytest.mark.parametrize("managing_body, name, printed", [
    ("UBND TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ"),
    ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Sở Kế hoạch và Đầu tư tỉnh Lâm Đồng", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"),
    ("UBND THÀNH PHỐ HÀ NỘI", "SỞ Y TẾ THÀNH PHỐ HÀ NỘI", "SỞ Y TẾ"),
    # Only a Sở: these keep their place (`VĂN PHÒNG UBND` alone would dangle; a Council is its place's)
    ("UBND TỈNH QUẢNG TRỊ", "VĂN PHÒNG UBND TỈNH QUẢNG TRỊ", "VĂN PHÒNG UBND TỈNH QUẢNG TRỊ"),
    ("UBND TỈNH QUẢNG TRỊ", "THANH TRA TỈNH QUẢNG TRỊ", "THANH TRA TỈNH QUẢNG TRỊ"),
    ("UBND TỈNH QUẢNG TRỊ", "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG TRỊ", "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG TRỊ"),
    ("UBND XÃ HẢI ĐỊNH", "Văn phòng HĐND và UBND xã Hải Định", "VĂN PHÒNG HĐND VÀ UBND XÃ HẢI ĐỊNH"),
    ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ TỈNH QUẢNG TRỊ"),  # another place: kept
    ("UBND THÀNH PHỐ HỒ CHÍ MINH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"),
    ("UBND TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ\nTỈNH QUẢNG TRỊ", "SỞ NỘI VỤ\nTỈNH QUẢNG TRỊ"),  # broken where typed
    ("", "SỞ NỘI VỤ TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ TỈNH QUẢNG TRỊ"),
])
def test_under_its_managing_body_a_department_is_printed_without_the_place_it_names(managing_body, name, printed):
    from pipeline.domain.agency import name_under

    assert name_under(managing_body, name).upper() == printed.upper()
