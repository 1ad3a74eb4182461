"""A workbook's parts unpacked from its bytes in memory are what zipfile gives, and a damaged part
is left to zipfile, which says what is wrong with it as it always did."""

from __future__ import annotations

import io
import zipfile

import pytest

from builders import build_workbook, sample
from pipeline.safety import package


def outcome(read, *args):
    try:
        return read(*args)
    except Exception as exc:  # the kind and words of zipfile's complaint are what must not change
        return type(exc), str(exc)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> bytes:
    return build_workbook(tmp_path_factory.mktemp("wb") / "xa.xlsx", sample()).read_bytes()


def test_every_part_is_unpacked_from_memory_as_zipfile_unpacks_it(archive, monkeypatch):
    zf = zipfile.ZipFile(io.BytesIO(archive))
    expected = {info.filename: zf.read(info) for info in zf.infolist()}
    monkeypatch.setattr(zf, "read", lambda info: pytest.fail(f"zipfile asked for {info.filename}"))
    assert {info.filename: package._unpacked(zf, info, archive) for info in zf.infolist()} == expected


def damaged(archive: bytes, at: int, byte: int) -> bytes:
    return archive[:at] + bytes([byte]) + archive[at + 1:]


def test_a_damaged_part_gets_zipfiles_own_answer(archive):
    zf = zipfile.ZipFile(io.BytesIO(archive))
    sheet = next(info for info in zf.infolist() if info.filename.startswith("xl/worksheets/"))
    data_start = sheet.header_offset + 30 + len(sheet.filename)  # openpyxl writes no extra field
    places = [sheet.header_offset, sheet.header_offset + 31, *range(data_start, data_start + sheet.compress_size, 97)]
    answers = set()
    for at in places:
        for byte in (0x00, 0xFF, archive[at] ^ 0x01):
            bad = damaged(archive, at, byte)
            bad_zip = zipfile.ZipFile(io.BytesIO(bad))
            info = bad_zip.getinfo(sheet.filename)
            expected = outcome(bad_zip.read, info)
            assert outcome(package._unpacked, bad_zip, info, bad) == expected
            answers.add(expected[0] if isinstance(expected, tuple) else bytes)
    assert len(answers) >= 2  # the damage was seen: zipfile refused some, read others


def test_a_part_whose_checksum_disagrees_is_refused_as_zipfile_refuses_it(archive):
    zf = zipfile.ZipFile(io.BytesIO(archive))
    info = zf.getinfo("xl/workbook.xml")
    info.CRC ^= 1
    expected = outcome(zf.read, info)
    assert expected[0] is zipfile.BadZipFile
    assert outcome(package._unpacked, zf, info, archive) == expected
