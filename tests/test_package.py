"""The DOCX zip writer: a valid zip that any reader opens, the same bytes for the same input."""

import io
import zipfile
from datetime import datetime

from pipeline.package import deflate, zip_bytes


def test_the_zip_opens_with_every_member_intact():
    parts = {"[Content_Types].xml": b"<Types/>", "word/document.xml": "<w:t>Hải Định</w:t>".encode() * 500,
             "tệp/tên có dấu.xml": b"<x/>"}
    data = zip_bytes([deflate(n, d) for n, d in parts.items()], datetime(2024, 3, 5, 8, 0, 0))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None  # every CRC checks
        assert {n: zf.read(n) for n in zf.namelist()} == parts
        assert {i.date_time for i in zf.infolist()} == {(2024, 3, 5, 8, 0, 0)}
        assert zf.namelist() == list(parts)


def test_same_input_same_bytes_and_a_date_changes_them():
    entries = [deflate("a.xml", b"<a/>")]
    assert zip_bytes(entries, datetime(2024, 1, 2)) == zip_bytes(entries, datetime(2024, 1, 2))
    assert zip_bytes(entries, datetime(2024, 1, 2)) != zip_bytes(entries, datetime(2024, 1, 3))


def test_a_part_deflated_piece_by_piece_is_the_part_deflated_whole():
    from pipeline.package import Deflater

    data = "".join(f"<row r='{i}'><c><is><t>Xã số {i % 37}</t></is></c></row>" for i in range(20_000)).encode()
    out = Deflater("xl/worksheets/sheet1.xml")
    for start in range(0, len(data), 777):   # cut anywhere, never flushed in between
        out.write(data[start:start + 777])
    assert out.entry() == deflate("xl/worksheets/sheet1.xml", data)


def test_whole_runs_cut_only_after_an_end_and_keep_every_byte():
    from pipeline.package import whole_runs

    pieces = [b"<r>a</r><r>b", b"c</r><r", b">d</r>", b"<r>e"]
    runs = list(whole_runs(pieces, b"</r>"))
    assert b"".join(runs) == b"".join(pieces)
    assert all(run.endswith(b"</r>") for run in runs[:-1]) and runs[-1] == b"<r>e"
    assert runs == [b"<r>a</r>", b"<r>bc</r>", b"<r>d</r>", b"<r>e"]
    # At least 13 bytes before a cut: the first waits for the second piece, the last run holds the rest.
    assert list(whole_runs(pieces, b"</r>", 13)) == [b"<r>a</r><r>bc</r>", b"<r>d</r><r>e"]
