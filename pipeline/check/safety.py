"""Package limits applied before a DOCX is parsed: the same as for workbooks and templates (issue 12).

Every XML part is then read once by `pipeline.safety.reader`, the reader that vets templates: a
DTD or a part that is not XML refuses the file, and what reaches outside it is kept for rule L1.

A hostile file can be small on disk and enormous unpacked (a 400 MB ``document.xml`` in a
583 KB zip, 2 GiB of zeros in ``word/media``), or carry a DTD whose entities expand without
end. The limits and the streaming scan are `pipeline.safety.package`'s; the checker adds one of
its own: python-docx parses a part in memory at about 8× its size, so one XML part may not pass
MAX_XML_PART_BYTES. Real documents are far inside these limits.
"""

from __future__ import annotations

import functools
import zipfile
from pathlib import Path

from ..errors import os_reason
from ..safety import package as package_safety
from ..safety.reader import UnsafeContent, unsafe_content, xml_parts

MAX_XML_PART_BYTES = 40 * 1024 * 1024  # a 300-page report's document.xml is under 10 MB
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnsafePackage(Exception):
    """Why the file is refused, in Vietnamese (NotADocx carries it to the user)."""


def inspect_package(path: Path) -> None:
    """Raise UnsafePackage when the file must not be unpacked; return quietly otherwise."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except PermissionError as exc:
        raise UnsafePackage(f"không đọc được tệp ({os_reason(exc)}): kiểm tra quyền đọc tệp "
                            "(hoặc chép tệp sang thư mục của bạn) rồi chạy lại") from None
    if head.startswith(_OLE2_MAGIC):
        raise UnsafePackage(_old_format_reason(path))
    if not zipfile.is_zipfile(path):
        return   # python-docx says it is not a package
    with zipfile.ZipFile(path) as package:
        try:
            package_safety.refuse_zip_bomb(package.infolist())
            for info in xml_parts(package):
                if info.file_size > MAX_XML_PART_BYTES:
                    raise package_safety.UnsafePackage(
                        f"phần {info.filename} quá lớn ({info.file_size // (1024 * 1024)} MB) so với một văn bản "
                        "Word thật", "tệp có thể độc hại: hãy xin lại tệp gốc")
            package_safety.inspect_package(package, worksheet_prefix=None)
        except package_safety.UnsafePackage as refused:
            raise UnsafePackage(f"{refused.message}; {refused.hint}") from None
    outside_content(path)


def outside_content(path: Path) -> list[UnsafeContent]:
    """What in the document reaches outside it (rule L1); UnsafePackage for a DTD or a broken part.

    Read once per file version: the package check and rule L1 both ask.
    """
    info = path.stat()
    return list(_outside_content(str(path), info.st_mtime_ns, info.st_size))


@functools.lru_cache(maxsize=4)
def _outside_content(path: str, mtime_ns: int, size: int) -> tuple[UnsafeContent, ...]:
    try:
        with zipfile.ZipFile(path) as package:
            return tuple(unsafe_content(package))
    except package_safety.UnsafePackage as refused:
        raise UnsafePackage(f"{refused.message}; {refused.hint}") from None


def _old_format_reason(path: Path) -> str:
    with path.open("rb") as stream:
        data = stream.read(2 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return ("văn bản được đặt mật khẩu nên không đọc được: mở trong Word, bỏ mật khẩu "
                "(File > Info > Protect Document) rồi lưu lại")
    return ("đây là tệp Word dạng cũ (.doc): mở trong Word, chọn File > Save As > "
            "Word Document (*.docx) để lưu lại dạng .docx rồi kiểm tra tệp mới")
