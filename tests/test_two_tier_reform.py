"""From 1 July 2025 there are no districts (spec §16): a workbook of 2026 that still names `UBND huyện`
(copied from last year's) is warned about cell by cell, and `check` warns (D1) on each district body a
document of that date names: its managing body, its Kính gửi, its Nơi nhận. A reviewer's 2026 copy of
a 2024 workbook got no word from the run, and `check` named the header line only."""

from __future__ import annotations

from datetime import datetime

import pytest

from builders import build_workbook, sample, set_document, set_info
from pipeline.check import check_docx
from pipeline.generate import generate
from pipeline.workbook import format as F
from pipeline.workbook.reader import read_workbook


def workbook_of(year: int, tmp_path):
    sheets = sample()  # Hải Định under huyện Hải Lăng: managing body, Kính gửi and Nơi nhận name the district
    set_info(sheets, F.INFO_YEAR, year)
    set_document(sheets, "Kế hoạch", F.DOC_DATE, datetime(year, 1, 15))
    set_document(sheets, "Báo cáo quý I", F.DOC_DATE, datetime(year, 3, 20))
    for row in sheets[F.SHEET_RESULTS]:
        row[4] = None  # the evidence cites 2024 documents
    return build_workbook(tmp_path / f"xa-{year}.xlsx", sheets)


def test_a_2026_workbook_naming_district_bodies_is_warned_at_each_cell(tmp_path):
    warned = [str(w) for w in read_workbook(workbook_of(2026, tmp_path)).warnings if "cấp huyện" in w.message]
    assert [w.split(":")[0] for w in warned] == ["Thông tin!B2", "Văn bản!H3", "Nơi nhận!B2", "Nơi nhận!B3",
                                                 "Nơi nhận!B6"]
    assert warned[1].startswith("Văn bản!H3: Kính gửi “Ủy ban nhân dân huyện Hải Lăng” là cơ quan cấp huyện, nhưng "
                                "từ 01/7/2025 không còn cấp huyện — thay bằng cơ quan cấp tỉnh")
    assert not any("cấp huyện" in w.message for w in read_workbook(workbook_of(2024, tmp_path)).warnings)


def test_check_warns_on_the_kinh_gui_and_each_district_recipient_of_a_document_after_the_reform(tmp_path):
    written = generate(workbook_of(2026, tmp_path), tmp_path / "out").written
    report = check_docx(next(p for p in written if "_bao-cao-" in p.name))
    found = sorted(f.found for f in report.findings if f.rule == "D1")
    assert report.ok and len(found) == 3
    assert any(f.startswith("cơ quan chủ quản «UBND HUYỆN HẢI LĂNG»") for f in found)
    assert any(f.startswith("cơ quan cấp huyện ở «Kính gửi: Ủy ban nhân dân huyện Hải Lăng»") for f in found)
    assert any(f.startswith("nơi nhận cấp huyện «- Phòng Nội vụ huyện;»") for f in found)
    old = generate(workbook_of(2024, tmp_path), tmp_path / "out-2024").written
    assert not any(f.rule == "D1" for f in check_docx(next(p for p in old if "_bao-cao-" in p.name)).findings)


def test_a_town_or_an_urban_district_is_a_district_body_too(tmp_path):
    """A reviewer's Kính gửi `Ủy ban nhân dân thị xã Quảng Trị` got no word: quận and thị xã went too."""
    from builders import document_row

    sheets = sample()
    set_info(sheets, F.INFO_YEAR, 2026)
    set_info(sheets, F.INFO_MANAGING_BODY, None)
    row = document_row(sheets, "Báo cáo quý I")
    row[7] = "Ủy ban nhân dân thị xã Quảng Trị"
    sheets[F.SHEET_RECIPIENTS] = [["Báo cáo", "UBND quận 1"], ["Báo cáo", "Ủy ban nhân dân tỉnh Quảng Trị"]]
    warned = [f"{w.sheet}!{w.cell}" for w in read_workbook(build_workbook(tmp_path / "x.xlsx", sheets)).warnings
              if "cấp huyện" in w.message]
    assert warned == ["Văn bản!H3", "Nơi nhận!B2"]


@pytest.mark.parametrize("text, district", [
    ("Phòng Nội vụ huyện", True), ("UBND quận 1", True), ("- Thị xã Quảng Trị (b/c);", True),
    ("ỦY BAN NHÂN DÂN THỊ XÃ QUẢNG TRỊ", True), ("Ủy ban nhân dân quận Hoàn Kiếm", True),
    # a reviewer's false alarms: `thị xã` inside other words, a person called Quận
    ("Phòng Quản lý đô thị xã Hải Định", False), ("Chỉ thị xã hội hóa", False),
    ("Ông Trần Văn Quận, Chủ tịch UBND xã", False), ("Ủy ban nhân dân tỉnh Quảng Trị", False),
])
def test_a_district_body_is_told_from_the_same_words_used_otherwise(text, district):
    from pipeline.domain.agency import names_a_district

    assert names_a_district(text) is district
