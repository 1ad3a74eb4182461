"""Issue 16, done when: a post-reform ward's year of periodic CCHC reports against the real report.

Phường An Khánh (tests/cchc_year.py) reports quý I–IV, 6 tháng, 9 tháng and năm. Each report's
heading list (I., 1., a) …) must be the real quý I 2026 report's (`shared/real-docs/
ld-bc-cchc-quy1-2026.docx`) where the ward has content: every fixed heading, the sub-items the ward
wrote under (with the outline's own letters), IV for the period, V when the
ward proposes something. Every report passes `check` with no finding and is schema-valid (conftest).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builders import build_workbook
from cchc_year import NO_CONTENT, RATIOS, ward_sheets
from docx_reading import open_docx, texts
from pipeline.check import check_docx
from pipeline.documents.cchc_report import next_tasks_heading
from pipeline.domain.cchc_outline import OUTLINE, Level
from pipeline.domain.period import all_periods
from pipeline.generate import generate

REAL = Path("/work/shared/real-docs/ld-bc-cchc-quy1-2026.docx")
PERIODS = ("quy-1", "quy-2", "6-thang", "quy-3", "9-thang", "quy-4", "nam")
_MARKER = re.compile(r"^([IVX]+\.|\d+\.|[a-zđ]\))\s+")


def outline_headings(paragraphs: list[str], level: Level, unit: str, iv_heading: str) -> list[tuple[str, str]]:
    """(outline code, printed marker) of every paragraph that is a heading of the outline, in order.

    A numbered heading is known by its number under the current part; a point by its text under the
    current item (its letter may differ); a run-in heading (I.5, II.4.c) by its text and a colon.
    """
    headings = {s.code: s.heading(level, unit) for s in OUTLINE}
    found: list[tuple[str, str]] = []
    part = item = ""
    for text in paragraphs:
        text = " ".join(text.split())
        if text == iv_heading:
            found.append(("IV", "IV."))
            part = "IV"
            continue
        m = _MARKER.match(text)
        if not m:
            continue
        marker, rest = m.group(1), text[m.end():]
        if marker.endswith(".") and marker[0] in "IVX":
            candidates = [marker[:-1]]
        elif marker.endswith("."):
            candidates = [f"{part}.{marker[:-1]}"]
        else:
            candidates = [c for c in headings if c.startswith(item + ".") and c.count(".") == 2]
        for code in candidates:
            if code in headings and (rest == headings[code] or rest.startswith(headings[code] + ":")):
                found.append((code, marker))
                part, item = (code, "") if code.count(".") == 0 else (part, code) if code.count(".") == 1 \
                    else (part, item)
                break
    return found


def outline_markers(codes: list[str]) -> list[tuple[str, str]]:
    """The markers a report prints for these codes: the outline's own (`c)` stays `c)` when a) and b)
    are left out, as the province files each unit's text under the outline's item)."""
    return [(code, code.split(".")[-1] + (")" if code.count(".") == 2 else ".")) for code in codes]


@pytest.fixture(scope="module")
def real_headings() -> list[tuple[str, str]]:
    q1 = next(p for p in all_periods(2026) if p.key == "quy-1")
    return outline_headings(texts(open_docx(REAL)), Level.PROVINCE, "tỉnh", next_tasks_heading(q1))


@pytest.fixture(scope="module")
def ward_reports(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("ward-year")
    workbook = build_workbook(tmp / "phuong-an-khanh.xlsx", ward_sheets(4))
    return {key: next(p for p in generate(workbook, tmp / "out", period=key).written if "_bao-cao-cchc-" in p.name)
            for key in PERIODS}


def test_the_outline_is_the_real_reports_heading_for_heading(real_headings):
    # The real quý I report has no V (nothing proposed): every other heading of the outline, in order.
    assert [code for code, _ in real_headings] == [s.code for s in OUTLINE if s.code != "V"]
    assert [marker for _, marker in real_headings] == [marker for _, marker in outline_markers(
        [s.code for s in OUTLINE if s.code != "V"])]


@pytest.mark.parametrize("key", PERIODS)
def test_each_report_has_the_real_headings_where_the_ward_has_content(ward_reports, real_headings, key):
    period = next(p for p in all_periods(2026) if p.key == key)
    found = outline_headings(texts(open_docx(ward_reports[key])), Level.COMMUNE, "phường", next_tasks_heading(period))
    kept = [code for code, _ in real_headings if code not in NO_CONTENT] + (["V"] if key == "nam" else [])
    assert found == outline_markers(kept)


@pytest.mark.parametrize("key", PERIODS)
def test_each_report_passes_check_with_no_finding(ward_reports, key):
    report = check_docx(ward_reports[key])
    assert (report.errors, report.warnings) == ([], [])


def form_tables(path: Path) -> dict[int, list[list[str]]]:
    """Phụ lục I of a generated report: form number -> its rows below the two-row header."""
    doc = open_docx(path)
    headings = [t for t in texts(doc) if re.fullmatch(r"Biểu mẫu \d", t)]
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    assert len(headings) == len(tables) == 7
    return {int(h.split()[-1]): [[c.text for c in row.cells] for row in table.rows[2:]]
            for h, table in zip(headings, tables)}


@pytest.mark.parametrize("key", ["quy-1", "nam"])
def test_the_forms_print_every_commune_row_of_the_catalog(ward_reports, key):
    from pipeline.statistics.catalog import Kind, load_catalog

    catalog = load_catalog()
    for number, rows in form_tables(ward_reports[key]).items():
        expected = [(i.stt, i.indicator(Level.COMMUNE)) for i in catalog.of_form(number)
                    if i.printed_at(Level.COMMUNE) and i.kind(Level.COMMUNE) is not Kind.FORM]
        assert [(row[0], row[1]) for row in rows] == expected, number


@pytest.mark.parametrize(("key", "code"), list(RATIOS))
def test_ratios_match_the_hand_worked_table(ward_reports, key, code):
    from pipeline.statistics.catalog import load_catalog

    indicator = load_catalog()[code]
    rows = {row[0]: row for row in form_tables(ward_reports[key])[indicator.form]}
    _, _, _, value, note = rows[indicator.stt]
    assert (value, note) == RATIOS[key, code]


def test_i2_says_the_figure_of_form_row_1_2(ward_reports):
    body = texts(open_docx(ward_reports["nam"]))
    assert any("đã hoàn thành 13/15 nhiệm vụ kế hoạch đề ra (đạt 86,67%)" in t for t in body)


def header_rows(path: Path) -> list[tuple[list[str], bool]]:
    """The first two rows of every form table: their texts, and whether Word repeats them on each page."""
    from docx.oxml.ns import qn

    doc = open_docx(path)
    found = []
    for table in (t for t in doc.tables if t.rows[0].cells[0].text.strip() == "STT"):
        for row in table.rows[:2]:
            repeated = row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
            found.append(([" ".join(c.text.split()) for c in row.cells], repeated))
    return found


def test_each_form_has_the_real_two_row_header_repeated_on_every_page(ward_reports):
    real = header_rows(REAL)[:2]
    assert real[1][0][2:4] == ["Đơn vị tính", "Số liệu"] and all(repeated for _, repeated in real)
    ours = header_rows(ward_reports["quy-1"])
    assert len(ours) == 2 * 7 and ours == real * 7
