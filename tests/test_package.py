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
