"""calamine opened on the unpacked parts reads the same values as from the file, parsing each sheet once.

The parts are given with an empty `<mergeCells>` ahead of each sheet's cells, so python-calamine's
merged-range reading (done on every get_sheet_by_name) stops there instead of parsing the sheet
again; the reader takes merged ranges from the XML itself, and reads as the openpyxl reader did
(tests/test_fast_reader.py). A package too big for memory is read from the file as before.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from builders import build_workbook, sample
from pipeline.workbook import calamine_book
from pipeline.workbook.reader import read_workbook
from pipeline.workbook.grid import open_workbook


def merged_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Gộp"
    for row in range(1, 8):
        ws.append([f"ô {row}-{column}" for column in range(1, 6)] + [row, row / 4])
    ws.merge_cells("A2:C3")
    ws.merge_cells("E5:E7")
    wb.create_sheet("Khác").append(["một", 2])
    wb.save(path)
    return path


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()
                if info.filename.endswith((".xml", ".rels"))}


def test_the_values_are_those_calamine_reads_from_the_file_and_no_merged_range_is_parsed(tmp_path):
    path = merged_workbook(tmp_path / "gop.xlsx")
    from_file = CalamineWorkbook.from_path(str(path))
    from_parts = calamine_book.open_parts(parts_of(path))
    assert from_parts.sheet_names == from_file.sheet_names == ["Gộp", "Khác"]
    for name in from_file.sheet_names:
        expected, got = from_file.get_sheet_by_name(name), from_parts.get_sheet_by_name(name)
        assert got.to_python(skip_empty_area=False) == expected.to_python(skip_empty_area=False)
    assert from_file.get_sheet_by_name("Gộp").merged_cell_ranges == [((1, 0), (2, 2)), ((4, 4), (6, 4))]
    assert from_parts.get_sheet_by_name("Gộp").merged_cell_ranges == []  # calamine stopped at the empty one


def test_the_reader_still_fills_merged_ranges_from_their_top_left(tmp_path):
    path = merged_workbook(tmp_path / "gop.xlsx")
    book, reader, grid = open_workbook(path)
    rows = grid(next(ws for ws in book.worksheets if ws.title == "Gộp"))
    book.close()
    assert [row[:3] for row in rows[1:3]] == [["ô 2-1"] * 3, ["ô 2-1"] * 3]
    assert [row[4] for row in rows[4:7]] == ["ô 5-5"] * 3


def test_a_package_too_big_for_memory_is_read_from_the_file_alike(tmp_path, monkeypatch):
    path = build_workbook(tmp_path / "so.xlsx", sample())
    opened = []
    real_open = calamine_book.open_parts
    monkeypatch.setattr(calamine_book, "open_parts", lambda parts: opened.append(1) or real_open(parts))
    in_memory = read_workbook(path)
    assert opened
    opened.clear()
    monkeypatch.setattr(calamine_book, "MAX_PACKAGE_BYTES", 1000)
    assert read_workbook(path) == in_memory
    assert not opened
