"""Office packages (XLSX workbooks, DOCX templates) from other people, checked before any parser sees them.

A package is refused when it is not a regular file (a FIFO would block the run), when it unpacks to
far more than a real one (zip bomb: total size, ratio per part, number of parts), when an XML part
declares a DTD (entity bombs such as billion laughs; Office never writes one), or when a worksheet
holds far more rows than any plan. Every part is streamed in chunks, so the check itself runs in
bounded memory whatever the file holds.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import os_reason

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""A real commune workbook or template is well under 10 MB unpacked; more than this is a zip bomb."""
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_ENTRIES = 10_000
MAX_SHEET_ROWS = 50_000
"""A plan has tens of tasks and a year of results; 50,000 rows is far beyond any plan."""

MAX_KEPT_SHEET_BYTES = 32 * 1024 * 1024
"""A worksheet up to this size is kept in memory for the reader; a larger one is streamed twice."""

_CHUNK = 1024 * 1024
_OVERLAP = 32
_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_MIN_ROW_TAG_BYTES = len(b"<row>")


class UnsafePackage(Exception):
    """Why a package is refused (Vietnamese), and how to get a good one; callers wrap it in their error."""

    def __init__(self, message: str, hint: str):
        self.message = message
        self.hint = hint
        super().__init__(message)


@dataclass
class PackageSummary:
    """What the scan learnt on the way: the part names, and which parts it checked (read)."""

    names: set[str] = field(default_factory=set)
    checked: list[str] = field(default_factory=list)


def require_regular_file(path: Path, what: str = "tệp") -> os.stat_result:
    """The file's stat; refuses a missing file, a folder, and anything that is not a regular file.

    A FIFO, socket or device named `x.xlsx` would block (or never end) on the first read.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnsafePackage(f"đây là lối tắt (liên kết) tới {what} không còn ({os.readlink(path)})",
                                "chép tệp thật vào thư mục, hoặc xóa lối tắt") from None
        raise UnsafePackage(f"không tìm thấy {what}", "kiểm tra lại đường dẫn và tên tệp") from None
    except OSError as exc:
        hint = ("xóa lối tắt, chép tệp thật vào thư mục" if os.path.islink(path) else
                "kiểm tra quyền đọc tệp (hoặc chép tệp sang thư mục của bạn)")
        raise UnsafePackage(f"không đọc được {what} ({os_reason(exc)})", f"{hint} rồi chạy lại") from exc
    if stat.S_ISDIR(info.st_mode):
        raise UnsafePackage(f"đây là một thư mục, không phải {what}", "hãy chỉ ra đúng tệp")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePackage(f"đây không phải một {what} thông thường (có thể là ống dẫn hay thiết bị)",
                            "hãy chỉ ra một tệp thật đã lưu trên đĩa")
    return info


def inspect_package(zf: zipfile.ZipFile, worksheet_prefix: str | None = "xl/worksheets/",
                    keep: dict[str, bytes] | None = None, archive: bytes | None = None) -> PackageSummary:
    """Refuse a zip bomb, a DTD in any XML part, or a sheet of more than MAX_SHEET_ROWS rows.

    `worksheet_prefix` is where a workbook's sheets are; None for a package with no sheets (DOCX).
    `keep`, when given, receives the bytes of every part checked (up to MAX_KEPT_SHEET_BYTES each),
    so the reader does not unpack them a second time. `archive`: the whole file's bytes, when the
    caller has them, to unpack the kept parts from.
    """
    infos = zf.infolist()
    refuse_zip_bomb(infos)
    summary = PackageSummary({i.filename for i in infos})
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")) or info.filename.startswith("customXml/"):
            summary.checked.append(info.filename)
            is_sheet = worksheet_prefix is not None and info.filename.startswith(worksheet_prefix)
            if keep is not None and info.file_size <= MAX_KEPT_SHEET_BYTES:
                data = _unpacked(zf, info, archive)
                _scan_kept_part(data, info.filename, is_sheet)
                keep[info.filename] = data
            else:
                with zf.open(info) as part:
                    _scan_part(part, info.filename, is_sheet)
    return summary


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # a local file header, as zipfile reads it
_LOCAL_SIGNATURE = b"PK\x03\x04"
_UNUSUAL_FLAGS = 0x1 | 0x20 | 0x40
"""Encrypted, patched, strongly encrypted: parts zipfile refuses, saying why."""
_UTF8_NAME = 0x800


def _unpacked(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: bytes | None) -> bytes:
    """A part's bytes as `zf.read(info)` gives them. Taken from `archive` when the part is plainly
    stored or deflated and checks out as zipfile checks it (header, name, length, CRC): zipfile's
    own reading costs a seek, reads and objects per part. Any other part is left to zipfile, which
    reads it or says what is wrong with it."""
    if archive is None or info.flag_bits & _UNUSUAL_FLAGS or info.compress_type not in (zipfile.ZIP_STORED,
                                                                                      zipfile.ZIP_DEFLATED):
        return zf.read(info)
    at = info.header_offset
    header = archive[at: at + _LOCAL_HEADER.size]
    if len(header) == _LOCAL_HEADER.size:
        signature, _, _, flags, *_, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        start = at + _LOCAL_HEADER.size + name_length + extra_length
        try:
            name = archive[at + _LOCAL_HEADER.size: at + _LOCAL_HEADER.size + name_length]
            same_name = name.decode("utf-8" if flags & _UTF8_NAME else "cp437") == info.orig_filename
            body = archive[start: start + info.compress_size]
            data = body if info.compress_type == zipfile.ZIP_STORED \
                else zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, info.file_size)
        except (UnicodeDecodeError, zlib.error):
            same_name, data = False, b""
        if signature == _LOCAL_SIGNATURE and same_name and len(data) == info.file_size \
                and zlib.crc32(data) == info.CRC:
            return data
    return zf.read(info)


def refuse_zip_bomb(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    ratio_ok = all(
        i.file_size <= 1024 * 1024 or i.file_size <= MAX_COMPRESSION_RATIO * max(i.compress_size, 1)
        for i in infos
    )
    if len(infos) > MAX_ZIP_ENTRIES or total > MAX_UNCOMPRESSED_BYTES or not ratio_ok:
        raise UnsafePackage(
            f"tệp giải nén ra quá lớn ({total // (1024 * 1024)} MB, {len(infos)} phần) so với một tệp Office thật",
            "tệp có thể độc hại (zip bomb); hãy xin lại tệp gốc",
        )


def _scan_kept_part(data: bytes, name: str, is_sheet: bool) -> None:
    """_scan_part of a part already in memory: its prolog looked at where it lies, not copied in chunks."""
    root = _ROOT_ELEMENT.search(data)
    _refuse_declarations(data[: root.start()] if root else data, name)
    # A row tag takes at least 5 bytes (`<row>`) and spells `row`: a sheet too short to hold more
    # tags than the limit, or with fewer `row`s, needs no count of its tags (a far slower pattern).
    if is_sheet and len(data) > _MIN_ROW_TAG_BYTES * MAX_SHEET_ROWS and data.count(b"row") > MAX_SHEET_ROWS:
        _scan_part(io.BytesIO(data), name, True)


def _refuse_declarations(prolog: bytes, name: str) -> None:
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise UnsafePackage(f"tệp chứa khai báo XML không được phép ({name})",
                            "tệp có thể độc hại; hãy xin lại tệp gốc hoặc lưu lại từ Office")


def _scan_part(part, name: str, count_rows: bool) -> None:
    """Stream one XML part: refuse a DTD or (`count_rows`, a sheet's) too many rows."""
    in_prolog = True
    rows = 0
    tail = b""
    while True:
        block = part.read(_CHUNK)
        data = tail + block
        if in_prolog:
            root = _ROOT_ELEMENT.search(data)
            _refuse_declarations(data[: root.start()] if root else data, name)
            in_prolog = root is None
        if not count_rows and (not in_prolog or not block):
            return
        # Matches starting in the last few bytes are left for the next chunk, which repeats them.
        counted = data if not block else data[: max(len(data) - _OVERLAP, 0)]
        if count_rows:
            rows += len(_ROW_TAG.findall(counted))
            if rows > MAX_SHEET_ROWS:
                raise UnsafePackage(  # the sheet's name is in workbook.xml, not read yet: its part's name
                    f"một trang tính (phần {name.rsplit('/', 1)[-1]} của sổ) có hơn "
                    f"{MAX_SHEET_ROWS:,} dòng".replace(",", ".") + ", quá lớn so với một kế hoạch",
                    "xóa các dòng thừa ở cuối trang (chọn các dòng, Delete) rồi lưu lại",
                )
        if not block:
            return
        tail = data[len(counted):]
