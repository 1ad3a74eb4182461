"""Every workbook make-report writes is valid by the Open XML SDK's rules, as its DOCX are.

openpyxl writes a font's colour before its size (a schema violation Excel forgives) and every text
inline in its cell (which Excel moves into a shared-strings part on the user's first save, rewriting
every sheet); pipeline.xlsx_output puts both as Excel saves them. Checked here on the three
workbooks users receive: `init`'s, the sample, and the province's roll-up.
"""

import io
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from builders import build_workbook
from ooxml_validation import HAVE_VALIDATOR, ooxml_errors
from pipeline.cli import main
from pipeline.xlsx_output import FONT_ORDER, row_of, workbook_bytes
from test_ooxml_schema import ROLLUP_OPTIONS, a_year_of_reports

SAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "ke-hoach-cchc-2024.xlsx"
needs_validator = pytest.mark.skipif(not HAVE_VALIDATOR, reason="openxml-audit not installed")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@needs_validator
def test_the_sample_workbook_is_valid():
    assert ooxml_errors(SAMPLE) == []


@needs_validator
def test_a_new_workbook_from_init_is_valid(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "moi.xlsx"), "--year", "2026"])
    assert result.exit_code == 0, result.output
    assert ooxml_errors(tmp_path / "moi.xlsx") == []


@needs_validator
def test_the_rollup_workbook_is_valid(tmp_path):
    communes = tmp_path / "cac-xa"
    communes.mkdir()
    workbook = build_workbook(tmp_path / "so.xlsx", a_year_of_reports())
    for name in ("a", "b"):
        shutil.copy(workbook, communes / f"{name}.xlsx")
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(communes), *ROLLUP_OPTIONS,
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (rollup,) = (tmp_path / "out").rglob("*.xlsx")
    assert ooxml_errors(rollup) == []


def test_the_fonts_are_in_schema_order_and_the_texts_shared_with_their_values_kept(tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Một")
    texts = ["Xã Hải Định", "=HYPERLINK(\"http://x\")", "  hai khoảng trắng  ", "Xã Hải Định"]
    ws.append(row_of(ws, [*texts, 42, None, 1.5]))
    data = workbook_bytes(wb, datetime(2026, 1, 1))

    members = parts(data)
    assert b"inlineStr" not in members["xl/worksheets/sheet1.xml"]
    assert members["xl/sharedStrings.xml"].count(b"<si>") == 3  # the repeated name is shared once
    assert b"sharedStrings.xml" in members["xl/_rels/workbook.xml.rels"]
    assert b"/xl/sharedStrings.xml" in members["[Content_Types].xml"]
    font = members["xl/styles.xml"].split(b"<font>")[1].split(b"</font>")[0]
    names = [element.split(b" ")[0].rstrip(b"/>") for element in font.split(b"<")[1:]]
    assert names == sorted(names, key=FONT_ORDER.index), names

    path = tmp_path / "a.xlsx"
    path.write_bytes(data)
    cells = next(load_workbook(path)["Một"].iter_rows())
    assert [c.value for c in cells] == [*texts, 42, None, 1.5]
    assert cells[1].data_type == "s" and cells[1].quotePrefix  # a formula-like text stays text
    assert workbook_bytes(wb_again(texts), datetime(2026, 1, 1)) == data  # the same bytes every time


def wb_again(texts):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Một")
    ws.append(row_of(ws, [*texts, 42, None, 1.5]))
    return wb


def test_sheets_conformed_a_few_rows_at_a_time_give_the_bytes_of_whole_parts(monkeypatch):
    """A roll-up's sheets grow with its units, so they are conformed as read, never held whole."""
    import pipeline.xlsx_output as xlsx_output
    from pipeline.package import deflate, zip_bytes

    def a_big_sheet():
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Một")
        for n in range(300):
            ws.append(row_of(ws, [n, f"Xã số {n % 70}", "=1+1" if n % 9 == 0 else "Phường Trấn Biên", n / 7]))
        return wb

    stamp = datetime(2026, 1, 1)
    buffer = io.BytesIO()
    wb = a_big_sheet()
    wb.properties.created = wb.properties.modified = stamp
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as zf:
        whole = xlsx_output.conformed([(i.filename, zf.read(i)) for i in zf.infolist()])
    monkeypatch.setattr(xlsx_output, "_ROWS_READ", 100)   # many reads, cut mid-row
    streamed = parts(xlsx_output.workbook_bytes(a_big_sheet(), stamp))
    assert [name for name, _ in whole] == list(streamed)
    for name, data in whole:
        if name != "docProps/core.xml":  # the clock's `modified` is fixed only by workbook_bytes
            assert streamed[name] == data, name
    assert streamed["xl/sharedStrings.xml"].count(b"<si>") == 72
    assert zip_bytes([deflate(n, d) for n, d in streamed.items()], stamp) == xlsx_output.workbook_bytes(a_big_sheet(), stamp)
