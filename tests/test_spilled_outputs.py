"""A roll-up's workbook is written to its file as made, its sheets' compressed bytes waiting on disk, and
comes out byte for byte as the in-memory path makes it."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from pipeline import xlsx_output
from pipeline.output import OutputProblem, PlannedFile, find_libreoffice, write_files
from pipeline.package import Deflater, Spilled, deflate, write_zip, zip_bytes
from pipeline.xlsx_output import row_of, workbook_bytes, write_workbook

STAMP = datetime(2026, 6, 30, 8, 0)


def test_a_spilled_part_is_the_part_deflate_gives():
    data = b"".join(b"<row><c><v>%d</v></c></row>" % (n * 7919 % 10007) for n in range(40_000))
    out = Deflater("xl/worksheets/sheet1.xml", spill_after=4096)
    for start in range(0, len(data), 10_000):
        out.write(data[start:start + 10_000])
    spilled, whole = out.entry(), deflate("xl/worksheets/sheet1.xml", data)
    assert isinstance(spilled.deflated, Spilled) and len(spilled.deflated) == len(whole.deflated)
    assert b"".join(spilled.deflated.chunks()) == whole.deflated and spilled.data() == data
    small = deflate("a.xml", b"<a/>")
    written = io.BytesIO()
    write_zip([small, spilled, small], STAMP, written)
    assert written.getvalue() == zip_bytes([small, whole, small], STAMP)
    with zipfile.ZipFile(written) as zf:
        assert zf.testzip() is None and zf.read("xl/worksheets/sheet1.xml") == data


def big_workbook():
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title in ("Tổng hợp", "Biểu mẫu 1"):
        ws = wb.create_sheet(title)
        for n in range(3_000):
            ws.append(row_of(ws, [n, f"Xã Số {n}", "Hoàn thành" if n % 3 else "=SUM(A1)", n / 7]))
    return wb


def test_a_workbook_written_as_made_is_the_workbook_in_bytes(monkeypatch):
    monkeypatch.setattr(xlsx_output, "SPILL_AFTER", 2048)  # every sheet spills
    written = io.BytesIO()
    write_workbook(big_workbook(), STAMP, written)
    assert written.getvalue() == workbook_bytes(big_workbook(), STAMP)
    with zipfile.ZipFile(written) as zf:
        assert "xl/sharedStrings.xml" in zf.namelist() and zf.testzip() is None


def test_a_writer_that_fails_leaves_no_file_and_no_temporary_file(tmp_path):
    def failing(out):
        out.write(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    target = tmp_path / "tong-hop.xlsx"
    with pytest.raises(OutputProblem):
        write_files([PlannedFile(tmp_path / "tong-hop.docx", b"docx"), PlannedFile(target, b"", failing)])
    assert os.listdir(tmp_path) == []
    write_files([PlannedFile(target, b"", lambda out: out.write(b"written"))])
    assert target.read_bytes() == b"written" and os.listdir(tmp_path) == ["tong-hop.xlsx"]


@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice is not installed (CI installs it)")
def test_a_roll_up_with_its_pdf_writes_the_docx_the_pdf_is_made_of(tmp_path):
    """With --pdf the DOCX is zipped into bytes for LibreOffice; without, into its file as written: the
    same document either way."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from synthetic import write_commune

    from pipeline.cli.app import main

    folder = tmp_path / "cac-xa"
    folder.mkdir()
    for index in range(3):
        write_commune((folder, index, 10))
    issuer = ["--co-quan", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "--dia-danh", "Quảng Trị", "--nguoi-ky", "Nguyễn Văn An"]
    made = {}
    for run, extra in (("pdf", ["--pdf"]), ("plain", [])):
        result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), *issuer, "--out",
                                           str(tmp_path / run), *extra])
        assert result.exit_code == 0, result.output
        made[run] = {p.suffix: p for p in (tmp_path / run).rglob("*.*")}
    assert set(made["pdf"]) == {".docx", ".xlsx", ".pdf"} and set(made["plain"]) == {".docx", ".xlsx"}
    assert made["pdf"][".docx"].read_bytes() == made["plain"][".docx"].read_bytes()
    assert made["pdf"][".pdf"].read_bytes().startswith(b"%PDF")
    assert Document(made["plain"][".docx"]).paragraphs  # Word's reader opens it
