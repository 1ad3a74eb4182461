"""`make-report init --tinh` (and the portal's link): the province's blank information workbook for
`tong-hop --thong-tin`, which reads it, warns about every example left in it, and, filled in, heads
and signs the roll-up as the province typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ooxml_validation import HAVE_VALIDATOR, ooxml_errors
from pipeline.cli import main
from pipeline.statistics.catalog import RollupClass, load_catalog
from pipeline.workbook import format as F
from pipeline.workbook.new import province_statistics_rows
from pipeline.workbook.reader import read_issuer_workbook

FILLED = {F.EXAMPLE_PROVINCE_ISSUER: "SỞ NỘI VỤ TỈNH QUẢNG TRỊ", F.EXAMPLE_PROVINCE_BODY: "UBND TỈNH QUẢNG TRỊ",
          F.EXAMPLE_PLACE: "Quảng Trị", F.EXAMPLE_SIGNER: "Trần Thị Bình",
          F.EXAMPLE_PROVINCE_ADDRESSEE: "Ủy ban nhân dân tỉnh Quảng Trị"}


@pytest.fixture
def blank(tmp_path) -> Path:
    path = tmp_path / "tinh.xlsx"
    result = CliRunner().invoke(main, ["init", str(path), "--tinh", "--year", "2024"])
    assert result.exit_code == 0, result.output
    assert "make-report tong-hop --input-dir cac-xa/ --thong-tin" in result.output
    return path


def filled(blank: Path, path: Path) -> Path:
    """The blank with every example replaced, as the province's clerk does in Excel."""
    wb = load_workbook(blank)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                cell.value = FILLED.get(cell.value, cell.value)
    wb.save(path)
    return path


def one_commune(tmp_path: Path) -> Path:
    """A folder with one commune's workbook (2026, quý I results, no Số liệu)."""
    from test_rollup_trust import unit

    communes = tmp_path / "cac-xa"
    communes.mkdir()
    unit(communes, "tan-phu.xlsx", "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ")
    return communes


def filled_for_2026(blank: Path, tmp_path: Path, **cells) -> Path:
    """The blank filled in for the commune's year, with `cells` of `Số liệu` typed (`C2=3`)."""
    issuer = filled(blank, tmp_path / "tinh-da-dien.xlsx")
    wb = load_workbook(issuer)
    wb[F.SHEET_INFO]["B7"] = 2026
    for cell, value in cells.items():
        wb[F.SHEET_STATISTICS][cell] = value
    wb.save(issuer)
    return issuer


def roll_up(communes: Path, issuer: Path, tmp_path: Path, *options: str):
    return CliRunner().invoke(main, ["tong-hop", "--input-dir", str(communes), "--thong-tin", str(issuer), *options,
                                     "--out", str(tmp_path / "out")])


def test_it_holds_what_tong_hop_reads_and_a_row_for_each_cchc_report(blank):
    wb = load_workbook(blank)
    assert wb.sheetnames == [F.SHEET_INFO, F.SHEET_DOCUMENTS, F.SHEET_RECIPIENTS, F.SHEET_STATISTICS]
    labels = [row[0] for row in wb[F.SHEET_DOCUMENTS].iter_rows(min_row=2, values_only=True)]
    assert labels == ["Báo cáo quý I", "Báo cáo quý II", "Báo cáo 6 tháng", "Báo cáo quý III", "Báo cáo 9 tháng",
                      "Báo cáo quý IV", "Báo cáo năm"]  # tong-hop with no --ky takes the latest quarter
    codes = [row[0] for row in wb[F.SHEET_STATISTICS].iter_rows(min_row=2, values_only=True)]
    assert codes == [code for code, _ in province_statistics_rows()] and codes
    catalog = {i.code: i for i in load_catalog().indicators}
    typed = (RollupClass.SUM, RollupClass.OWN, RollupClass.LIST, RollupClass.FLAG)
    assert all(catalog[code].rollup in typed for code in codes)
    assert {"1.5", "7.1"} <= set(codes)  # its yes/no rows: what the form prints is the province's own
    assert not any(catalog[code].rollup is RollupClass.FROM_UNITS for code in codes)  # computed, never typed


def test_every_example_left_is_warned_about_and_the_portal_would_refuse_it(blank):
    from pipeline.web.views_province import issuer_unfit

    issuer = read_issuer_workbook(blank)
    examples = {w.cell for w in issuer.warnings if w.example}
    assert {"B2", "B3", "B6"} <= {cell for cell in examples}
    assert issuer_unfit(issuer).startswith("sổ còn chữ ví dụ của sổ mẫu ở Thông tin!B2 “ỦY BAN NHÂN DÂN TỈNH …”")


def test_filled_in_it_heads_and_signs_the_roll_up(blank, tmp_path):
    from pipeline.web.views_province import issuer_unfit

    issuer = filled_for_2026(blank, tmp_path)
    assert issuer_unfit(read_issuer_workbook(issuer)) == ""
    result = roll_up(one_commune(tmp_path), issuer, tmp_path, "--ky", "quy-1")
    assert result.exit_code == 0, result.output
    from docx_reading import open_docx

    doc = open_docx(next((tmp_path / "out").rglob("*.docx")))
    # Its Số liệu as the blank left it (a row per indicator, nothing typed), like the unit's: no forms
    assert not any(p.text.startswith("Biểu mẫu") for p in doc.paragraphs)
    assert "Biểu mẫu thống kê" not in result.output
    assert [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text] == ["UBND TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ"]
    closing = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
    signature = [p.text for p in closing.rows[0].cells[1].paragraphs if p.text]
    assert signature[-3:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình"], signature
    recipients = [p.text for p in closing.rows[0].cells[0].paragraphs if p.text]
    # UBND tỉnh is the Kính gửi: `Như trên` stands for it (a reviewer read it twice)
    assert recipients == ["Nơi nhận:", "- Như trên;", "- Bộ Nội vụ (b/c);", "- Giám đốc, các Phó Giám đốc Sở;",
                          "- Lưu: VT."]


@pytest.mark.skipif(not HAVE_VALIDATOR, reason="openxml-audit not installed")
def test_it_is_valid_ooxml(blank):
    assert ooxml_errors(blank) == []


def test_a_communes_workbook_given_as_the_provinces_is_refused_on_the_command_line_too(tmp_path):
    """Taken, the roll-up was headed and numbered as the commune (one of the units it counts) and
    signed by its chair."""
    from test_rollup_trust import unit

    own = unit(tmp_path, "hai-an.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI AN")
    result = roll_up(one_commune(tmp_path), own, tmp_path)
    assert result.exit_code != 0 and not (tmp_path / "out").exists()
    assert "đây là sổ của ỦY BAN NHÂN DÂN XÃ HẢI AN, không phải của cơ quan tổng hợp" in result.output
    assert "make-report init tinh.xlsx --tinh" in result.output


def test_forms_of_the_provinces_figures_alone_say_so(blank, tmp_path):
    """No unit typed a figure, the province typed one: the summary does not claim the units' figures."""
    issuer = filled_for_2026(blank, tmp_path, C2=3)  # its first figure, quý I
    result = roll_up(one_commune(tmp_path), issuer, tmp_path, "--ky", "quy-1")
    assert result.exit_code == 0, result.output
    assert ("Biểu mẫu thống kê: 7 biểu mẫu, chỉ có số liệu riêng của cơ quan tổng hợp (chưa đơn vị nào nhập trang "
            "Số liệu)") in result.output


def test_units_of_another_year_than_the_provinces_workbook_are_named_as_such(blank, tmp_path):
    """A trial's 2025 communes with a 2024 information workbook were told `chưa đơn vị nào có kết quả
    quý I năm 2024`, though they had results: the years differed, and nothing said so."""
    issuer = filled(blank, tmp_path / "tinh-da-dien.xlsx")  # 2024; the commune's is 2026
    result = roll_up(one_commune(tmp_path), issuer, tmp_path, "--ky", "quy-1")
    assert result.exit_code != 0 and not (tmp_path / "out").exists()
    assert "các sổ là kế hoạch năm 2026, còn kỳ tổng hợp là quý I năm 2024: không sổ nào cùng năm" in result.output
    assert "mục “Năm” là 2026" in result.output


def test_a_row_of_another_year_in_the_provinces_workbook_is_told_in_its_words(blank, tmp_path):
    """The trial read `khác năm kế hoạch 2024 … nếu đây là kế hoạch năm 2027` for its own workbook,
    which has no plan."""
    issuer = filled(blank, tmp_path / "tinh-da-dien.xlsx")
    wb = load_workbook(issuer)
    wb[F.SHEET_DOCUMENTS]["C4"] = "10/7/2027"  # Báo cáo 6 tháng
    wb.save(issuer)
    [warning] = [str(w) for w in read_issuer_workbook(issuer).warnings if "2027" in str(w)]
    assert warning == ("Văn bản!C4: năm ban hành 2027 khác năm 2024 của sổ thông tin tổng hợp — sửa Ngày ban hành "
                       "thành một ngày của năm 2024, hoặc sửa mục “Năm” ở trang Thông tin thành 2027 nếu sổ dùng cho "
                       "các báo cáo tổng hợp năm 2027")
