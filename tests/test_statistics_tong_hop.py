"""`tong-hop` builds the province's seven forms: five workbooks (one not reporting, one duplicate) and the
province's own figures, against a table worked by hand, in the DOCX and in the XLSX."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from builders import build_workbook, sample, set_info
from docx_reading import form_rows, is_bold, open_docx
from pipeline.check import check_docx
from pipeline.cli import main
from pipeline.workbook import format as F

UNIT_FIGURES = {
    "XÃ HẢI AN": {"1.1": 3, "4.2.1": 20, "3.1.4.2": 445, "7.4.1.1": 290, "7.4.1.2": 200, "4.1.2": 1,
                  "7.3.2": 90, "1.5": 1, "1.5.2": 0, "3.3.2.1": 100, "3.3.2.2": 90},
    "XÃ HẢI BÌNH": {"1.1": 4, "4.2.1": 18, "3.1.4.2": 445, "7.4.1.1": 290, "7.4.1.2": 200, "4.1.2": 0,
                    "7.3.2": 95, "1.5": 0, "1.5.2": 1, "3.3.2.1": 200, "3.3.2.2": 190},
    "PHƯỜNG CÁT": {"1.1": 5, "4.2.1": 22, "3.1.4.2": 440, "7.4.1.1": 300, "7.4.1.2": 150, "4.1.2": 1,
                   "7.3.2": 100, "1.5": 1, "1.5.2": 1, "3.3.2.1": 300, "3.3.2.2": 290},
}
NOT_REPORTING = {"4.2.1": 99, "3.1.4.2": 1}  # quý II only: must not enter quý I
OWN = {"1.1": 29, "1.2.1": 49, "1.2.2": 11, "4.2.1": 25, "7.4.1.1": 300, "1.5": 1, "1.5.2": 2}

# (form, STT) -> (Số liệu, Ghi chú), worked by hand: 4 units in the roll-up, 3 reported quý I
EXPECTED = {
    (4, "2.1"): ("85", "cấp tỉnh: 25; cấp xã: 60; Tổng hợp từ 3/4 đơn vị"),  # S: 25 + 20 + 18 + 22
    (1, "1"): ("29", ""),  # O: the province's own; 3 + 4 + 5 never enter
    (3, "1.4.2"): ("445", ""),  # L: what most units report, never 1.330
    (1, "2"): ("22,45", ""),  # R: 11 / 49, the province's own plan
    (1, "5"): ("1", "2/3 đơn vị có; Tổng hợp từ 3/4 đơn vị"),  # F
    (4, "1.2"): ("66,67", "2/3 đơn vị có; Tổng hợp từ 3/4 đơn vị"),  # C: flags 1, 0, 1
    (7, "3.2.2"): ("95", "Bình quân các đơn vị"),  # C: (90 + 95 + 100) / 3
    (3, "3.2"): ("95", ""),  # R: (90 + 190 + 290) / (100 + 200 + 300)
}


def statistics_sheet(path: Path, figures: dict[str, object], period: str = "Quý I") -> None:
    wb = load_workbook(path)
    ws = wb.create_sheet(F.SHEET_STATISTICS)
    ws.append([c.name for c in F.STATISTICS_COLUMNS])
    for code, value in figures.items():
        ws.append([code, period, value, None])
    wb.save(path)


def unit(folder: Path, name: str, issuer: str, figures: dict, quarter: str = "I") -> Path:
    sheets = sample()
    set_info(sheets, F.INFO_ISSUER, issuer)
    if quarter != "I":
        for row in sheets[F.SHEET_RESULTS]:
            row[1] = quarter
    path = build_workbook(folder / name, sheets)
    statistics_sheet(path, figures, "Quý I" if quarter == "I" else f"Quý {quarter}")
    return path


def province(path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {
        F.SHEET_INFO: (F.INFO_COLUMNS, [[F.INFO_ISSUER, "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"],
                                        [F.INFO_SHORT_NAME, "UBND tỉnh"], [F.INFO_SYMBOL, "UBND"],
                                        [F.INFO_PLACE, "Quảng Trị"], [F.INFO_YEAR, 2024]]),
        F.SHEET_DOCUMENTS: (F.DOCUMENT_COLUMNS, [["Báo cáo quý I", 30, "12/4/2024", None, "TM. ỦY BAN NHÂN DÂN",
                                                  "CHỦ TỊCH", "Trần Thị Bình", "Bộ Nội vụ"]]),
        F.SHEET_STATISTICS: (F.STATISTICS_COLUMNS, [[code, "Quý I", value, None] for code, value in OWN.items()]),
    }
    for name, (columns, rows) in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([c.name for c in columns])
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def roll_up(root: Path, out: Path) -> Path:
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(root / "cac-xa"), "--quarter", "1",
                                       "--thong-tin", str(root / "tinh.xlsx"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Biểu mẫu thống kê: 7 biểu mẫu, số liệu của 3/3 đơn vị đã báo cáo và số liệu riêng của cơ quan tổng hợp" \
        in result.output
    # 3.1.4.2, 7.4.1.1, 7.4.1.2
    assert "3 chỉ tiêu phải theo danh mục chung nhưng có đơn vị báo số khác (ô nền vàng" in result.output
    return out / "2024-Q1" / "tong-hop"


@pytest.fixture(scope="module")
def rolled_up(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tong-hop")
    folder = root / "cac-xa"
    folder.mkdir()
    for index, (issuer, figures) in enumerate(UNIT_FIGURES.items()):
        unit(folder, f"{index}.xlsx", f"ỦY BAN NHÂN DÂN {issuer}", figures)
    shutil.copy(folder / "0.xlsx", folder / "0-ban-sao.xlsx")  # the same workbook saved twice
    unit(folder, "3.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI KHÊ", NOT_REPORTING, quarter="II")
    province(root / "tinh.xlsx")
    return roll_up(root, root / "out")


def docx_forms(path: Path) -> dict[int, dict[str, tuple[str, str]]]:
    """Form number -> STT -> (Số liệu, Ghi chú), read back from the DOCX's form tables."""
    doc = open_docx(next(path.glob("*.docx")))
    titles = [p.text for p in doc.paragraphs if p.text.startswith("Biểu mẫu ")]
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "STT" and t.rows[1].cells[3].text == "Số liệu"]
    assert len(titles) == len(tables) == 7
    return {int(title.split()[-1]): {row.cells[0].text: (row.cells[3].text, row.cells[4].text) for row in table.rows[2:]}
            for title, table in zip(titles, tables)}


def test_without_the_provinces_own_figures_the_summary_does_not_claim_them(rolled_up, tmp_path):
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(rolled_up.parents[2] / "cac-xa"), "--quarter",
                                       "1", "--co-quan", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "--dia-danh", "Quảng Trị",
                                       "--nguoi-ky", "Trần Thị Bình", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Biểu mẫu thống kê: 7 biểu mẫu, số liệu của 3/3 đơn vị đã báo cáo (phụ lục báo cáo" in result.output
    assert "số liệu riêng" not in result.output


def test_the_docx_forms_match_the_hand_worked_table(rolled_up):
    forms = docx_forms(rolled_up)
    for (form, stt), expected in EXPECTED.items():
        assert forms[form][stt] == expected, (form, stt)
    assert sum(len(rows) for rows in forms.values()) == 123  # every row the province prints
    assert forms[1]["3.1"] == ("-", "")  # O left blank by the province


def test_the_docx_appendix_heading_cites_the_report(rolled_up):
    doc = open_docx(next(rolled_up.glob("*.docx")))
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("PHỤ LỤC")
    assert texts[start + 1:start + 4] == [
        "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024",
        "CỦA ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
        "(Kèm theo Báo cáo số 30/BC-UBND ngày 12 tháng 4 năm 2024 của Ủy ban nhân dân tỉnh Quảng Trị)",
    ]


def test_the_text_points_to_the_forms_appendix_under_the_general_results(rolled_up):
    """A reviewer read the note after `III. NHIỆM VỤ QUÁ HẠN` as if the overdue tasks were in the appendix."""
    texts = [p.text for p in open_docx(next(rolled_up.glob("*.docx"))).paragraphs]
    note = texts.index("Số liệu thống kê cải cách hành chính của các đơn vị và của UBND tỉnh tại Phụ lục kèm theo "
                       "báo cáo.")
    assert texts.index("I. KẾT QUẢ CHUNG") < note < next(i for i, t in enumerate(texts) if t.startswith("II. "))
    assert not any("Số liệu cụ thể" in t for t in texts)


def test_the_xlsx_has_a_sheet_per_form_with_a_column_per_unit(rolled_up):
    wb = load_workbook(next(rolled_up.glob("*.xlsx")))
    assert [f"Biểu mẫu {n}" for n in range(1, 8)] == wb.sheetnames[-7:]
    ws = wb["Biểu mẫu 4"]
    header = [c.value for c in ws[2]]
    assert header[:5] == ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Tổng hợp", "Cấp tỉnh"]
    assert sorted(header[5:-1]) == ["Phường Cát", "Xã Hải An", "Xã Hải Bình"]  # not Hải Khê, no copy
    rows = {row[0].value: {h: c.value for h, c in zip(header, row)} for row in ws.iter_rows(min_row=3)}
    assert rows["2.1"]["Tổng hợp"] == 85 and rows["2.1"]["Cấp tỉnh"] == 25
    assert (rows["2.1"]["Xã Hải An"], rows["2.1"]["Xã Hải Bình"], rows["2.1"]["Phường Cát"]) == (20, 18, 22)
    assert rows["1.2"]["Tổng hợp"] == 66.67  # flags counted: 2 of 3 units
    assert (rows["1.2"]["Xã Hải An"], rows["1.2"]["Xã Hải Bình"], rows["1.2"]["Phường Cát"]) == (1, 0, 1)
    form1 = {row[0].value: {h: c.value for h, c in zip(header, row)} for row in wb["Biểu mẫu 1"].iter_rows(min_row=3)}
    assert (form1["1"]["Tổng hợp"], form1["1"]["Cấp tỉnh"], form1["1"]["Xã Hải An"]) == (29, 29, 3)  # own figure
    assert form1["2"]["Tổng hợp"] == 22.45  # ratio of the province's own 11 / 49
    assert form1["2.1"]["Xã Hải An"] == 9  # each unit's plan, counted from its tasks


def test_each_form_sheet_gives_every_column_its_width(rolled_up):
    wb = load_workbook(next(rolled_up.glob("*.xlsx")))
    for number in range(1, 8):
        ws = wb[f"Biểu mẫu {number}"]
        widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
        assert widths == [8, 60, 14, 12, 10, 14, 14, 14, 40]  # three units, then Ghi chú


def test_the_xlsx_marks_units_whose_list_differs(rolled_up):
    wb = load_workbook(next(rolled_up.glob("*.xlsx")))
    ws = wb["Biểu mẫu 3"]
    header = [c.value for c in ws[2]]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "1.4.2")
    by_name = dict(zip(header, row))
    assert by_name["Tổng hợp"].value == 445
    assert by_name["Phường Cát"].value == 440 and by_name["Phường Cát"].fill.fgColor.rgb.endswith("FFF2CC")
    assert by_name["Xã Hải An"].fill.fgColor.rgb in (None, "00000000")
    assert "Khác danh mục chung: Phường Cát" in by_name["Ghi chú"].value


def test_only_the_rows_numbered_without_a_dot_are_bold_as_in_the_real_forms(rolled_up):
    # The real report prints the group 7.3.1 plain under the bold 7.3 (test_form_rows_in_bold.py).
    for number, rows in form_rows(open_docx(next(rolled_up.glob("*.docx")))).items():
        bold = [row.cells[0].text for row in rows if is_bold(row.cells[0]) and is_bold(row.cells[1])]
        assert bold == [row.cells[0].text for row in rows if "." not in row.cells[0].text], number
    wb = load_workbook(next(rolled_up.glob("*.xlsx")))
    for number in range(1, 8):
        rows = list(wb[f"Biểu mẫu {number}"].iter_rows(min_row=3))
        assert [r[0].value for r in rows if r[0].font.b and r[1].font.b] == \
            [r[0].value for r in rows if "." not in r[0].value], number
    assert "3.1" in [r[0].value for r in wb["Biểu mẫu 7"].iter_rows(min_row=3)]


def test_the_roll_up_passes_check_with_no_finding(rolled_up):
    report = check_docx(next(rolled_up.glob("*.docx")))
    assert report.in_scope and [f"{f.rule} {f.message}" for f in report.findings] == []


def test_the_forms_are_the_same_bytes_on_a_second_run(rolled_up):
    again = roll_up(rolled_up.parents[2], rolled_up.parents[2] / "lan-2")
    for first in rolled_up.iterdir():
        assert (again / first.name).read_bytes() == first.read_bytes(), first.name


def test_a_rolled_up_total_contradicting_its_parts_is_warned_on_the_command_line(tmp_path, monkeypatch):
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    unit(folder, "0.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI AN", {"2.1": 100, "2.1.2": 100})
    unit(folder, "1.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI BÌNH", {"2.1": 47, "2.1.2": 47})
    monkeypatch.setitem(OWN, "2.1.1", 7)  # the province's own 2.1.1 without its own 2.1
    province(tmp_path / "tinh.xlsx")
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--quarter", "1",
                                       "--thong-tin", str(tmp_path / "tinh.xlsx"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert ("Cảnh báo: Biểu mẫu 2: chỉ tiêu 2.1 tổng hợp được 147 (cấp tỉnh chưa nhập 2.1), không bằng "
            "2.1.1 + 2.1.2 = 7 + 147 = 154") in result.output
