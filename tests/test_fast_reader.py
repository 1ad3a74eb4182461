"""The fast reader (calamine + the sheet's XML) reads every cell as the openpyxl reader did.

Each workbook is read both ways; rows, value types, number formats, merged and hidden rows,
formulas without a cached value and stray values must match exactly (tests/openpyxl_grid.py is
the old reader). The workbooks cover what Excel, LibreOffice and openpyxl write.
"""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from builders import build_workbook, sample
from hostile import replace_part, worksheet_part
from openpyxl_grid import reference_grids
from pipeline.workbook.cells import unescape_surrogates
from pipeline.workbook.grid import open_workbook
from pipeline.workbook.sheets import ExcelNumber

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import commune_sheets  # noqa: E402


def fast_grids(path: Path) -> dict:
    book, reader, grid = open_workbook(path)
    grids = {}
    for ws in book.worksheets:
        before = len(reader.problems), len(reader.warnings)
        rows = grid(ws)
        notes = [("problem", cell, _kind(p.message)) for p in reader.problems[before[0]:] for cell in _cells_of(p)]
        notes += [("warning", p.cell, _kind(p.message)) for p in reader.warnings[before[1]:]]
        grids[ws.title] = ([[_typed(v) for v in row] for row in rows], sorted(notes), ws.sheet_state)
    return grids


def _cells_of(problem) -> list[str]:
    """The cells a problem names: its own, and those of a sheet's one formula message (`và 2 ô khác: P1, Q1`)."""
    more = re.search(r"và \d+ ô khác: ([A-Z0-9, ]+)\)", problem.message)
    return [problem.cell, *(more.group(1).split(", ") if more else ())]


def _kind(message: str) -> str:
    if "quá xa bảng" in message:
        return "stray"
    if "lỗi Excel" in message:
        return "error"
    if "công thức" in message:
        return "formula"
    if message.startswith("ô gộp"):
        return "across " + message.split()[2]
    return message.split()[1] + " hidden"


def _typed(value):
    if isinstance(value, ExcelNumber):
        return ("number", float(value), value.number_format)
    if isinstance(value, str):
        return (str, unescape_surrogates(value))
    return (type(value), value)


def old_grids(path: Path) -> dict:
    from openpyxl.utils.escape import unescape

    def typed(value):
        if isinstance(value, tuple):
            return ("number", float(value[1]), value[2])
        if isinstance(value, str):
            return (str, unescape(value))
        return (type(value), value)

    return {title: ([[typed(v) for v in row] for row in rows], sorted(notes), state)
            for title, (rows, notes, state) in reference_grids(path).items()}


def assert_read_alike(path: Path) -> None:
    old, new = old_grids(path), fast_grids(path)
    assert list(new) == list(old)
    for title in old:
        assert new[title] == old[title], title


# ------------------------------------------------------------------------------ workbooks as written by openpyxl


def test_the_sample_reads_alike(tmp_path):
    assert_read_alike(build_workbook(tmp_path / "so.xlsx", sample()))


@pytest.mark.parametrize("index", [0, 7, 42])
def test_synthetic_communes_read_alike(tmp_path, index):
    assert_read_alike(build_workbook(tmp_path / "xa.xlsx", commune_sheets(index, 10 + index)))


def kitchen_sink(path: Path, date1904: bool = False) -> Path:
    """Every kind of value a clerk's workbook holds, formatted and not, merged, hidden."""
    wb = Workbook()
    if date1904:
        wb.epoch = datetime(1904, 1, 1)
    ws = wb.active
    ws.title = "Dữ liệu"
    rows = [
        ["số", 12, 12.5, -3, 0, 1e-7, 123456789012, True, False],
        ["định dạng", 0.955, 1250000, 3.14159, 42, 0.5, 7, 2024, -0.25],
        ["ngày", datetime(2024, 3, 5), date(2024, 2, 29), time(10, 30), timedelta(hours=30), datetime(2024, 1, 1, 8, 15),
         datetime(1900, 1, 1), datetime(1900, 2, 28)],
        ["chữ", "x_x000D_y", "_x005F_x0041_", "a _xD800_ b", "  hai khoảng  ", "Điều 1.\nĐiều 2.", "Tiếng Việt có dấu"],
        [None, None, None],
        ["sau dòng trống", CellRichText([TextBlock(InlineFont(b=True), "đậm"), " và thường"])],
    ]
    for row in rows:
        ws.append(row)
    for column, number_format in zip("BCDEFGHI", ("0%", "#,##0", "0.00", '0 "ha"', "0.0%", "@", "0", "#,##0.00")):
        ws[f"{column}2"].number_format = number_format
    ws["F3"].number_format = "dd/mm/yyyy hh:mm"
    ws["E3"].number_format = "[h]:mm:ss"
    ws.merge_cells("A8:C9")
    ws["A8"] = "gộp"
    ws.merge_cells("E5:F6")
    ws.row_dimensions[4].hidden = True
    ws.row_dimensions[30].hidden = True
    hidden = wb.create_sheet("Ẩn")
    hidden.sheet_state = "hidden"
    hidden.append(["chỉ một ô"])
    wb.create_sheet("Trống")
    wb.save(path)
    return path


def test_a_workbook_of_every_kind_of_value_reads_alike(tmp_path):
    assert_read_alike(kitchen_sink(tmp_path / "so.xlsx"))


def test_the_1904_date_system_reads_alike(tmp_path):
    assert_read_alike(kitchen_sink(tmp_path / "so.xlsx", date1904=True))


# ------------------------------------------------------------------------------ what only Excel writes


def patched(tmp_path: Path, cells: bytes, rows: bytes = b"") -> Path:
    """The sample with cells added to the first row of `Nhiệm vụ` and rows added at its end."""
    path = build_workbook(tmp_path / "so.xlsx", sample())
    part = worksheet_part(path, "Nhiệm vụ")
    replace_part(path, part, lambda xml: xml.replace(b"</row>", cells + b"</row>", 1)
                 .replace(b"</sheetData>", rows + b"</sheetData>"))
    return path


def test_error_values_and_formulas_read_alike(tmp_path):
    path = patched(tmp_path, b'<c r="J1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="K1" t="e"><v>#REF!</v></c>'
                             b'<c r="L1"><f>1+1</f><v>2</v></c><c r="M1"><f>1+1</f></c>'
                             b'<c r="N1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
                             b'<c r="O1"><f t="array" ref="O1">SUM(A1:A2)</f></c>'
                             b'<c r="P1"><f t="shared" ref="P1:Q1" si="0">A1</f></c><c r="Q1"><f t="shared" si="0"/></c>')
    old = old_grids(path)["Nhiệm vụ"]
    assert ("problem", "M1", "formula") in old[1] and ("problem", "Q1", "formula") in old[1]
    assert ("problem", "J1", "error") in old[1] and ("problem", "K1", "error") in old[1]
    assert_read_alike(path)


def test_stray_values_far_cells_and_a_sparse_sheet_read_alike(tmp_path):
    path = patched(tmp_path, b'<c r="AB1" t="inlineStr"><is><t>xa</t></is></c>',
                   b'<row r="12000"><c r="B12000"><v>7</v></c><c r="XFD12000" t="inlineStr"><is><t>x</t></is></c></row>'
                   b'<row r="49999"><c r="ALL49999" t="inlineStr"><is><t>r&#7845;t xa</t></is></c></row>'
                   b'<row r="60000"><c r="A60000" s="0"><v>1</v></c></row>')
    assert_read_alike(path)


def with_shared_strings(path: Path) -> Path:
    """The workbook as Excel writes it: every text in xl/sharedStrings.xml (openpyxl writes them
    inline; make-report's own workbooks have them shared already).

    One more item, in A40 of the first sheet, carries a phonetic guide (`rPh`), not part of its text.
    """
    import re
    import zipfile

    rewritten = path.with_name("chia-se.xlsx")
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    shared = parts.get("xl/sharedStrings.xml")
    items: list[bytes] = re.findall(rb"<si>(.*?)</si>", shared, re.S) if shared else []

    def share(match):
        items.append(match.group(2))
        return match.group(1) + b't="s"><v>%d</v></c>' % (len(items) - 1)

    inline = re.compile(rb'(<c r="[A-Z]+\d+"(?: s="\d+")? )t="inlineStr"><is>(.*?)</is></c>', re.S)
    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        parts[name] = inline.sub(share, parts[name])
    first = min(n for n in parts if n.startswith("xl/worksheets/"))
    parts[first] = parts[first].replace(b"</sheetData>", b'<row r="40"><c r="A40" t="s"><v>%d</v></c></row></sheetData>'
                                        % len(items))
    items.append("<t>Ph\u00e1p</t><rPh sb=\"0\" eb=\"1\"><t>hoho</t></rPh>".encode())
    parts["xl/sharedStrings.xml"] = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     + b"".join(b"<si>%s</si>" % item for item in items) + b"</sst>")
    if shared is None:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return rewritten


def test_shared_strings_and_rich_text_read_alike(tmp_path):
    path = with_shared_strings(kitchen_sink(tmp_path / "so.xlsx"))
    old, new = old_grids(path), fast_grids(path)
    assert new["Dữ liệu"][0][39][0] == old["Dữ liệu"][0][39][0] == (str, "Pháp")
    # `_x0041_` typed in Excel is stored `_x005F_x0041_`; openpyxl unescaped shared strings once and
    # the reader once more, printing `A`. It now comes out as typed: the one intended difference.
    assert old["Dữ liệu"][0][3][2] == (str, "A") and new["Dữ liệu"][0][3][2] == (str, "_x0041_")
    old["Dữ liệu"][0][3][2] = new["Dữ liệu"][0][3][2]
    assert new == old


def test_shared_strings_in_a_sample_and_in_a_sparse_sheet_read_alike(tmp_path):
    path = with_shared_strings(build_workbook(tmp_path / "so.xlsx", sample()))
    assert_read_alike(path)
    replace_part(path, worksheet_part(path, "Nhiệm vụ"), lambda xml: xml.replace(
        b"</sheetData>", b'<row r="49999"><c r="ALL49999" t="s"><v>3</v></c></row></sheetData>'))
    assert_read_alike(path)
