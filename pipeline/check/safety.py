"""Package limits applied before a DOCX is parsed: the same as for workbooks (issue 12).

A hostile file can be small on disk and enormous unpacked (a 400 MB ``document.xml`` in a
583 KB zip, 2 GiB of zeros in ``word/media``), or carry a DTD whose entities expand without
end. Real documents are far inside these limits.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024   # a long report with photos is well under 50 MB
MAX_COMPRESSION_RATIO = 200                  # XML compresses 5–20×; zeros 1000×
RATIO_FROM_BYTES = 1024 * 1024               # small parts may compress as they like
MAX_ZIP_ENTRIES = 10_000
MAX_XML_PART_BYTES = 40 * 1024 * 1024        # parsed in memory at ~8× its size; a 300-page
                                             # report's document.xml is under 10 MB
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ROOT_ELEMENT = re.compile(rb"<(?![?!])")


class UnsafePackage(Exception):
    """Why the file is refused, in Vietnamese (NotADocx carries it to the user)."""


def inspect_package(path: Path) -> None:
    """Raise UnsafePackage when the file must not be unpacked; return quietly otherwise."""
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(_OLE2_MAGIC):
        raise UnsafePackage(_old_format_reason(path))
    if not zipfile.is_zipfile(path):
        return   # python-docx says it is not a package
    with zipfile.ZipFile(path) as package:
        infos = package.infolist()
        total = sum(info.file_size for info in infos)
        bomb = next((info for info in infos if info.file_size > RATIO_FROM_BYTES
                     and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)), None)
        if len(infos) > MAX_ZIP_ENTRIES or total > MAX_UNCOMPRESSED_BYTES or bomb is not None:
            where = f", phần {bomb.filename}" if bomb is not None else ""
            raise UnsafePackage(
                f"tệp giải nén ra quá lớn ({total // (1024 * 1024)} MB{where}) so với một văn bản "
                "Word thật; tệp có thể độc hại (zip bomb): hãy xin lại tệp gốc")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART_BYTES:
                raise UnsafePackage(
                    f"phần {info.filename} quá lớn ({info.file_size // (1024 * 1024)} MB) so với một "
                    "văn bản Word thật; tệp có thể độc hại: hãy xin lại tệp gốc")
            if info.filename.endswith((".xml", ".rels")) and _declares_a_dtd(package, info):
                raise UnsafePackage(
                    f"tệp chứa khai báo XML không được phép (DOCTYPE/ENTITY trong {info.filename}); "
                    "tệp có thể độc hại: hãy xin lại tệp gốc hoặc lưu lại từ Word")


def _old_format_reason(path: Path) -> str:
    with path.open("rb") as stream:
        data = stream.read(2 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return ("văn bản được đặt mật khẩu nên không đọc được: mở trong Word, bỏ mật khẩu "
                "(File > Info > Protect Document) rồi lưu lại")
    return ("đây là tệp Word dạng cũ (.doc): mở trong Word, chọn File > Save As > "
            "Word Document (*.docx) để lưu lại dạng .docx rồi kiểm tra tệp mới")


def _declares_a_dtd(package: zipfile.ZipFile, info: zipfile.ZipInfo, chunk: int = 4096) -> bool:
    """Only the bytes before the root element are read: where a DTD must be."""
    data = b""
    with package.open(info) as part:
        while True:
            block = part.read(chunk)
            data += block
            root = _ROOT_ELEMENT.search(data)
            if root or not block or len(data) > 1024 * 1024:
                prolog = data[: root.start()] if root else data
                return b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog
