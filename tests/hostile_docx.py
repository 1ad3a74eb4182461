"""Hostile DOCX files for the checker's bounded time and memory (issue 12), built in code.

Each is a minimal valid package ([Content_Types].xml, _rels, word/document.xml, styles) plus
the one thing that hurts. Big parts are written streaming, never held in memory whole.
"""

from __future__ import annotations

import zipfile
import zlib
from datetime import datetime
from pathlib import Path

from pipeline.package import Entry, deflate, zip_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="bin" ContentType="application/octet-stream"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '</Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>')
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '</Relationships>')
SECTION = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="1134"/></w:sectPr>')


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}">'
            f"<w:body>{body}{SECTION}</w:body></w:document>")


def styles_xml(styles: str = "", prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:styles xmlns:w="{W}">{styles}</w:styles>')


def write_package(path: Path, document: str | None, styles: str, extra=None) -> Path:
    """``extra(zf)`` adds what the attack needs (streaming big parts)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        zf.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        zf.writestr("word/styles.xml", styles)
        if document is not None:
            zf.writestr("word/document.xml", document)
        if extra is not None:
            extra(zf)
    return path


def many_runs(path: Path, runs: int = 200_000) -> Path:
    run = '<w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">chữ </w:t></w:r>'
    return write_package(path, document_xml(f"<w:p>{run * runs}</w:p>"), styles_xml())


def deep_style_chain(path: Path, depth: int = 20_000, cycle: bool = False) -> Path:
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="s{i}"><w:basedOn w:val="s{i + 1}"/></w:style>'
        for i in range(depth))
    last = '<w:basedOn w:val="s0"/>' if cycle else ""
    styles += f'<w:style w:type="paragraph" w:styleId="s{depth}">{last}<w:rPr><w:sz w:val="28"/></w:rPr></w:style>'
    paragraph = '<w:p><w:pPr><w:pStyle w:val="s0"/></w:pPr><w:r><w:t>Nội dung</w:t></w:r></w:p>'
    return write_package(path, document_xml(paragraph * 200), styles_xml(styles))


def _stream(zf: zipfile.ZipFile, name: str, head: bytes, chunk: bytes, count: int, tail: bytes,
            compression: int = zipfile.ZIP_DEFLATED):
    info = zipfile.ZipInfo(name)
    info.compress_type = compression
    with zf.open(info, "w", force_zip64=True) as part:
        part.write(head)
        for _ in range(count):
            part.write(chunk)
        part.write(tail)


def huge_document(path: Path, megabytes: int = 400, stored: bool = False) -> Path:
    """A document.xml of ``megabytes`` MB (one paragraph repeated) in a small zip; ``stored``:
    uncompressed, so that no compression ratio gives it away."""
    head = document_xml("").split("<w:body>")[0].encode() + b"<w:body>"
    paragraph = b"<w:p><w:r><w:t>Ch\xe1\xbb\xaf</w:t></w:r></w:p>" * 32768   # about 1 MB
    repeats = megabytes * 1024 * 1024 // len(paragraph)
    tail = (SECTION + "</w:body></w:document>").encode()
    compression = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return write_package(path, None, styles_xml(), lambda zf: _stream(
        zf, "word/document.xml", head, paragraph, repeats, tail, compression))


def zeros_in_media(path: Path, gibibytes: int = 2) -> Path:
    """2 GiB of zeros in word/media, in a 2 MB file, built in a second: a deflate block of
    1 MiB of zeros ends byte-aligned with an empty dictionary after a full flush, so the
    same block repeated is a valid stream (RFC 1951)."""
    zeros = bytes(1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()   # an empty final block
    crc = 0
    for _ in range(gibibytes * 1024):
        crc = zlib.crc32(zeros, crc)
    body = '<w:p><w:r><w:t>Nội dung</w:t></w:r></w:p>'
    entries = [deflate(name, text.encode()) for name, text in (
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS), ("word/styles.xml", styles_xml()),
        ("word/document.xml", document_xml(body)))]
    entries.append(Entry("word/media/image1.bin", crc, gibibytes * 1024 ** 3,
                         block * (gibibytes * 1024) + final))
    path.write_bytes(zip_bytes(entries, datetime(2024, 1, 1)))
    return path


def entity_bomb(path: Path) -> Path:
    prolog = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
    body = '<w:p><w:r><w:t>Nội dung</w:t></w:r></w:p>'
    return write_package(path, document_xml(body), styles_xml(prolog=prolog))
