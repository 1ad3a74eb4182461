"""A title's trích yếu breaks as a careful clerk breaks it: no year alone on the last line, no
number apart from its word, a break where a phrase ends; and Word or LibreOffice keeps those lines."""

import re
import shutil
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import build_workbook, sample
from cchc_year import ward_sheets
from docx_reading import find, open_docx
from pipeline import output
from pipeline.documents import cchc_report
from pipeline.documents.common import header_context, title_lines
from pipeline.domain.period import all_periods
from pipeline.generate import generate
from pipeline.layout import SIZES, TEXT_WIDTH, text_width
from pipeline.workbook.reader import read_workbook

PHRASE_WORDS = {"và", "của", "trong", "về", "tại", "theo", "đối", "với", "cho", "trên", "đến", "nhằm", "để"}
NUMBERED = {"năm", "quý", "số", "ngày", "tháng", "đợt", "lục"}  # `năm 2026`, `phụ lục I`: never apart


def may_break_between(before: str, after: str) -> bool:
    """A break may not part a number from its word, a document's number or date from the word before,
    nor a count from what it counts (`6` / `tháng`), nor a spaced range (`2025 -` / `2030`)."""
    number = re.fullmatch(r"(\d+|[IVX]+),?", after)
    return not (re.match(r"\d+[-/]", after) or (number and before.lower() in NUMBERED) or "-" in (before, after)
                or (before.isdigit() and after.rstrip(",;") in {"tháng", "năm", "ngày", "quý", "tuần"}))


def width(line: str) -> int:
    return text_width(line, SIZES["summary"], bold=True)


@pytest.mark.parametrize("period", all_periods(2026), ids=lambda p: p.key)
def test_every_cchc_report_title_breaks_between_its_two_phrases(period):
    lines = title_lines(cchc_report.title(period))
    assert len(lines) == 2 and lines[1].startswith("và phương hướng, nhiệm vụ "), lines  # never `… năm` / `2027`


def test_a_report_title_breaks_before_whose_plan_it_is():
    assert title_lines("Kết quả thực hiện Kế hoạch số 05/KH-UBND ngày 15/01/2026 của UBND xã trong quý IV năm 2026") == [
        "Kết quả thực hiện Kế hoạch số 05/KH-UBND ngày 15/01/2026", "của UBND xã trong quý IV năm 2026"]


def test_a_count_goes_with_what_it_counts_not_with_the_word_before():
    """`xã 6` / `tháng đầu năm` read as a commune named 6; the six months stay together."""
    lines = title_lines("Kết quả thực hiện công tác cải cách hành chính của UBND xã 6 tháng đầu năm 2026 "
                        "và phương hướng, nhiệm vụ 6 tháng cuối năm")
    assert lines == ["Kết quả thực hiện công tác cải cách hành chính của UBND xã",
                     "6 tháng đầu năm 2026 và phương hướng, nhiệm vụ 6 tháng cuối năm"]
    assert title_lines("Kết quả thực hiện Kế hoạch số 05/KH-UBND ngày 15/01/2026 của UBND xã 6 tháng đầu năm 2026") == [
        "Kết quả thực hiện Kế hoạch số 05/KH-UBND ngày 15/01/2026", "của UBND xã 6 tháng đầu năm 2026"]


@pytest.mark.parametrize("unit_word", ["xã", "đơn vị", "xã, phường, đặc khu"])
@pytest.mark.parametrize("period", ["", " trong quý II", " trong 6 tháng đầu năm", " trong 9 tháng đầu năm"])
def test_a_roll_up_title_breaks_before_its_time_not_inside_cai_cach_hanh_chinh(unit_word, period):
    """With no break before `và`, `của`… that leaves even lines, a break before the time reads well
    (`… hành chính` / `năm 2026 của các đơn vị`); `Kế hoạch cải` / `cách hành chính` never."""
    lines = title_lines(f"Tổng hợp kết quả thực hiện Kế hoạch cải cách hành chính năm 2026 của các {unit_word}{period}")
    assert len(lines) == 2 and any("Kế hoạch cải cách hành chính" in line for line in lines), lines
    assert lines[1].startswith(("năm 2026", "của các")), lines


@pytest.mark.parametrize("title, expected", [
    ("Báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
     ["Báo cáo kết quả thực hiện Nghị quyết", "số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"]),
    ("Kế hoạch tổ chức Đại hội đại biểu các dân tộc thiểu số xã lần thứ VI nhiệm kỳ 2025 - 2030 trên địa bàn xã",
     ["Kế hoạch tổ chức Đại hội đại biểu các dân tộc thiểu số xã", "lần thứ VI nhiệm kỳ 2025 - 2030 trên địa bàn xã"]),
    ("Kết quả thực hiện Kế hoạch số 05/KH-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân xã trong quý IV năm 2026",
     ["Kết quả thực hiện Kế hoạch", "số 05/KH-UBND ngày 15 tháng 01 năm 2026",
      "của Ủy ban nhân dân xã trong quý IV năm 2026"]),
    ("Khắc phục tồn tại, hạn chế trong chấm điểm, xác định Chỉ số cải cách hành chính năm 2023",
     ["Khắc phục tồn tại, hạn chế trong chấm điểm,", "xác định Chỉ số cải cách hành chính năm 2023"]),
])
def test_a_name_a_party_number_or_a_range_is_never_broken(title, expected):
    """`Ủy` / `ban`, `Nghị` / `quyết`, `số` / `57-NQ/TW`, `2025 -` / `2030`: never, when lines as even
    break between phrases, after a comma, or before a time (`lần thứ VI`, `nhiệm kỳ`)."""
    assert title_lines(title) == expected


def test_a_title_keeps_its_spaces_as_typed_and_breaks_only_at_a_plain_one():
    """Inner text is kept as typed (clean_text); a no-break space is the clerk's way to say "not here"."""
    assert title_lines("  Cải  cách   hành chính ") == ["Cải  cách   hành chính"]
    assert title_lines("   ") == [] == title_lines(" \n ")
    typed = "Kết quả thực hiện Kế hoạch số 05/KH-UBND ngày 15/01/2026 của\xa0UBND xã trong quý IV năm 2026"
    lines = title_lines(typed)
    assert len(lines) == 2 and "\n".join(lines).replace("\n", " ") == typed and "của\xa0UBND" in "\n".join(lines), lines


def test_a_title_that_fits_stays_on_one_line_and_typed_breaks_are_kept():
    assert title_lines("Cải cách hành chính năm 2024") == ["Cải cách hành chính năm 2024"]
    assert title_lines("Khắc phục tồn tại\n  trong chấm điểm CCHC năm 2023 ") == [
        "Khắc phục tồn tại", "trong chấm điểm CCHC năm 2023"]


def test_a_page_of_text_in_the_title_cell_is_left_to_the_word_processor():
    text = " ".join(["ở"] * 2000)  # every way of breaking 2,000 words is never tried
    assert title_lines(text) == [text]
    assert len(title_lines(" ".join(["cải cách hành chính"] * 9))) == 3


SYLLABLES = st.sampled_from("cải cách hành chính kết quả thực hiện kế hoạch nhiệm vụ phương hướng công tác "
                            "tổng hợp kiểm tra đơn vị xã phường tỉnh năm quý số ngày, các tháng đầu tuần đợt phụ lục".split() + sorted(PHRASE_WORDS))
NUMBERS = st.sampled_from(["2026", "IV", "II", "05/KH-UBND", "15/01/2026", "6", "9", "2026,", "57-NQ/TW", "-"])


@settings(max_examples=300, deadline=None, derandomize=True)  # the same examples in every run
@given(st.lists(st.one_of(SYLLABLES, SYLLABLES, SYLLABLES, NUMBERS), min_size=1, max_size=45))
def test_any_title_keeps_its_words_fits_and_breaks_only_where_it_may(words):
    text = " ".join(words)
    lines = title_lines(text)
    assert " ".join(lines) == text
    if len(lines) == 1:
        return
    assert all(width(line) <= TEXT_WIDTH for line in lines)
    assert all(may_break_between(a.split()[-1], b.split()[0]) for a, b in zip(lines, lines[1:]))
    assert not any(line.split()[-1] in PHRASE_WORDS for line in lines[:-1])  # `… và` / `…` never
    assert len(lines) <= 3
    if len(lines) == 2 and min(map(width, lines)) * 3 < max(map(width, lines)):  # a lone word last only when
        assert not any(even_two_lines(words)), lines                            # no even break is allowed


def even_two_lines(words: list[str]):
    """Every break of `words` in two lines that the rules allow, each fitting, neither line under a third
    of the other."""
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if (may_break_between(words[cut - 1], words[cut]) and words[cut - 1] not in PHRASE_WORDS
                and max(width(first), width(second)) <= TEXT_WIDTH * 0.95
                and min(width(first), width(second)) * 3 >= max(width(first), width(second))):
            yield first, second


def test_the_year_report_prints_its_title_on_the_lines_chosen(tmp_path):
    workbook = build_workbook(tmp_path / "phuong.xlsx", ward_sheets(4))
    report = next(p for p in generate(workbook, tmp_path / "out", period="nam").written if "bao-cao-cchc" in p.name)
    summary = find(open_docx(report), "Công tác cải cách hành chính")
    assert summary.text == "Công tác cải cách hành chính năm 2026\nvà phương hướng, nhiệm vụ năm 2027"


def test_the_rule_under_a_broken_title_follows_its_wider_line(tmp_path):
    plan = read_workbook(build_workbook(tmp_path / "so.xlsx", sample()))
    info = replace(plan.plan_document, summary="Công tác cải cách hành chính năm 2026 và phương hướng, nhiệm vụ năm 2027")
    context = header_context(plan.agency, info)
    assert context["summary"].split("\n") == title_lines(info.summary)
    assert context["summary_rule"].width == round(max(map(width, context["summary"].split("\n"))) * 0.4)


HAVE_TOOLS = output.find_libreoffice() is not None and shutil.which("pdftotext") is not None


@pytest.mark.skipif(not HAVE_TOOLS, reason="needs LibreOffice and poppler")
def test_libreoffice_keeps_the_title_lines(tmp_path):
    from test_appendix_layout import page_text, pdf_of

    workbook = build_workbook(tmp_path / "so.xlsx", sample())
    report = next(p for p in generate(workbook, tmp_path / "out").written if "_bao-cao-" in p.name)
    expected = find(open_docx(report), "Kết quả thực hiện").text.split("\n")
    assert len(expected) == 2
    printed = [line.strip() for line in page_text(pdf_of(report, tmp_path), 1).splitlines()]
    at = printed.index("BÁO CÁO")
    assert printed[at + 1:at + 3] == expected
