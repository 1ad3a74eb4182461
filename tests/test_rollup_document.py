"""The roll-up document and workbook as the province reads them: units in the usual order, which
plan, every report date kept, and a workbook whose cells can be sorted and filtered."""

from __future__ import annotations

from datetime import datetime

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import set_info
from docx_reading import find, open_docx
from pipeline.cli import main
from pipeline.workbook import format as F
from test_rollup_trust import PROVINCE, unit


@pytest.fixture(scope="module")
def rolled_up(tmp_path_factory):
    folder = tmp_path_factory.mktemp("units")
    # Sorted by completion the special zone comes first and the commune last: the sentence must not follow.
    unit(folder, "con-dao.xlsx", "ỦY BAN NHÂN DÂN ĐẶC KHU CÔN ĐẢO", extra_done=(10, 13))
    unit(folder, "tran-bien.xlsx", "ỦY BAN NHÂN DÂN PHƯỜNG TRẤN BIÊN", extra_done=(10,), number=False)
    path = unit(folder, "tan-phu.xlsx", "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ")
    from builders import build_workbook, set_document
    from year import year_sheets

    sheets = year_sheets(2)
    set_info(sheets, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ")
    set_document(sheets, "Báo cáo quý II", F.DOC_DATE, "6/2026")  # month only: the day left for the clerk
    build_workbook(path, sheets)
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), *PROVINCE, "--ky", "quy-2",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    docx = next(out.rglob("*.docx"))
    return open_docx(docx), load_workbook(next(out.rglob("*.xlsx")))


def test_units_are_named_xa_then_phuong_then_dac_khu(rolled_up):
    doc, _ = rolled_up
    assert find(doc, "Trên cơ sở báo cáo của 1 xã, 1 phường, 1 đặc khu, Sở Nội vụ")
    table = doc.tables[1]
    assert [row.cells[1].text for row in table.rows[1:4]] == ["Đặc khu Côn Đảo", "Phường Trấn Biên", "Xã Tân Phú"]


def test_the_title_says_which_plan(rolled_up):
    doc, _ = rolled_up
    assert find(doc, "Tổng hợp kết quả thực hiện").text == (  # broken where a phrase ends, not in `cải cách hành chính`
        "Tổng hợp kết quả thực hiện Kế hoạch cải cách hành chính năm 2026\ncủa các đơn vị trong quý II")


def test_the_last_unit_keeps_with_the_total_and_no_other_row_does(rolled_up):
    """Word keeps a row whose paragraphs all keep with the next on the page of the row after it:
    `Tổng cộng` never heads a page alone (LibreOffice, a 25-unit roll-up: it did before)."""
    doc, _ = rolled_up
    *units, total = doc.tables[1].rows[1:]
    assert total.cells[1].text == "Tổng cộng" and len(units) == 3

    def keeps(row) -> list[bool]:
        return [bool(p.paragraph_format.keep_with_next) for cell in row.cells for p in cell.paragraphs]

    assert all(keeps(units[-1]))
    assert not any(keeps(units[0]) + keeps(units[1]))


def test_a_month_only_report_date_is_kept(rolled_up):
    doc, wb = rolled_up
    table = doc.tables[1]
    references = {row.cells[1].text: row.cells[2].text for row in table.rows[1:4]}
    assert references["Xã Tân Phú"] == "48/BC-UBND\ntháng 6/2026"
    assert references["Phường Trấn Biên"] == "chưa có số\n17/6/2026"
    rows = {r[1]: r for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert rows["Xã Tân Phú"][3] == "tháng 6/2026"


def test_the_workbook_says_chua_co_so_and_writes_dates_as_dates(rolled_up):
    _, wb = rolled_up
    ws = wb["Tổng hợp"]
    rows = {row[1].value: row for row in ws.iter_rows(min_row=2)}
    assert rows["Phường Trấn Biên"][2].value == "chưa có số"
    date_cell = rows["Đặc khu Côn Đảo"][3]
    assert date_cell.value == datetime(2026, 6, 17) and date_cell.number_format == "dd/mm/yyyy"


def test_the_period_never_repeats_the_year_the_plan_already_names():
    from types import SimpleNamespace

    from pipeline.documents.rollup import period_after_plan
    from pipeline.domain.period import PeriodKind, ReportPeriod, quarter

    def after(plan_phrase, period):
        return period_after_plan(SimpleNamespace(plan_phrase=plan_phrase, period=period))

    named = "Kế hoạch cải cách hành chính năm 2026"
    assert after(named, ReportPeriod(PeriodKind.YEAR, 2026, 4)) == ""  # never «… năm 2026 năm 2026»
    assert after(named, ReportPeriod(PeriodKind.NINE_MONTHS, 2026, 3)) == " trong 9 tháng đầu năm"
    assert after(named, quarter(2026, 2)) == " trong quý II"
    assert after("kế hoạch", quarter(2026, 2)) == " trong quý II năm 2026"
    # A plan of another year: the period joined by `trong`, never run into the plan's year
    assert after("Kế hoạch khắc phục năm 2023", ReportPeriod(PeriodKind.SIX_MONTHS, 2024, 2)) == \
        " trong 6 tháng đầu năm 2024"


@pytest.mark.parametrize("summaries, phrase", [
    (["Cải cách hành chính năm 2026"] * 3, "Kế hoạch cải cách hành chính năm 2026"),
    (["Cải cách hành chính năm 2026"] * 2 + ["Khắc phục tồn tại cải cách hành chính năm 2025"],
     "kế hoạch cải cách hành chính năm 2026"),
    (["Cải cách hành chính năm 2026"] * 2 + ["Phòng chống thiên tai năm 2026"], "kế hoạch"),
    (["Cải cách hành chính năm 2026"] * 2 + [""], "kế hoạch"),  # a plan not named: not known to be the same
])
def test_the_rollup_names_a_plan_only_when_every_unit_reports_on_it(summaries, phrase):
    """The most units' plan named a roll-up that summed another plan's 20 tasks under it (a reviewer)."""
    from types import SimpleNamespace

    from pipeline.rollup import Rollup

    from pipeline.domain.counts import TaskCounts
    from pipeline.domain.period import quarter

    units = [SimpleNamespace(plan_summary=s, figures=TaskCounts.zero(), previous=None, unit_word="xã", overdue=())
             for s in summaries]
    assert Rollup(quarter(2026, 2), units).plan_phrase == phrase
