"""Opening a DOCX: the main story, sections, style sheet, theme and header parts.

python-docx opens the package; lxml reads what python-docx has no API for (section
properties, header references, theme fonts, fields).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from .ooxml import child, on_off
from .safety import UnsafePackage, inspect_package
from .paragraphs import Paragraph, ParagraphReader
from .sections import Section, read_sections, story_reference
from .styles import StyleSheet
from .theme import Theme


OTHER_FORMATS = {".doc", ".rtf", ".odt", ".wpd"}   # Word opens them; check reads .docx only


class NotADocx(Exception):
    """The file cannot be opened as a Word (DOCX) document."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"Không mở được «{path}» như một tệp Word (.docx): {reason}")


@dataclass
class WordFile:
    """Tệp văn bản: everything the rules read, parsed once."""

    path: Path
    paragraphs: list[Paragraph]           # main story, document order, tables included
    sections: list[Section]
    sheet: StyleSheet
    theme: Theme
    stories: dict[str, list[Paragraph]] = field(default_factory=dict)  # header/footer by rId
    saved_page_count: int | None = None   # <Pages> of docProps/app.xml, as last saved

    def header(self, section: int, kind: str) -> list[Paragraph] | None:
        """Paragraphs of the ``kind`` header shown in ``section``; None when there is none."""
        return self.story(section, "header", kind)

    def footer(self, section: int, kind: str) -> list[Paragraph] | None:
        return self.story(section, "footer", kind)

    def story(self, section: int, story: str, kind: str) -> list[Paragraph] | None:
        ref = story_reference(self.sections, section, story, kind)
        return self.stories.get(ref) if ref else None

    @property
    def all_paragraphs(self) -> list[Paragraph]:
        """Main story first, then each header and footer part once."""
        return self.paragraphs + [p for story in self.stories.values() for p in story]


def read_word_file(path: str | Path) -> WordFile:
    path = Path(path)
    if not path.is_file():
        raise NotADocx(path, "không tìm thấy tệp")
    try:
        inspect_package(path)
    except UnsafePackage as refused:
        raise NotADocx(path, str(refused)) from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise NotADocx(path, "tệp bị hỏng hoặc chưa tải về hết") from error
    if path.suffix.lower() in OTHER_FORMATS and not zipfile.is_zipfile(path):
        raise NotADocx(path, f"đây là tệp {path.suffix.lower()}, không phải .docx: mở trong Word, "
                             "chọn File > Save As > Word Document (*.docx) để lưu lại dạng .docx")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError) as error:
        raise NotADocx(path, "không phải gói Office Open XML hợp lệ") from error
    except Exception as error:  # python-docx raises assorted errors on odd packages
        raise NotADocx(path, f"lỗi khi đọc gói ({type(error).__name__})") from error

    part = document.part
    theme = Theme.from_xml(_related_blob(part, RT.THEME))
    styles_blob = _related_blob(part, RT.STYLES)
    try:
        styles_root = etree.fromstring(styles_blob) if styles_blob else None
    except etree.XMLSyntaxError:
        styles_root = None
    sheet = StyleSheet.from_element(styles_root)
    sheet.read_numbering(_xml(_related_blob(part, RT.NUMBERING)))
    reader = ParagraphReader(sheet, theme)

    body = document.element.body
    if body is None:
        raise NotADocx(path, "phần văn bản (word/document.xml) không có thân văn bản (w:body)")
    sections = read_sections(body)
    word = WordFile(path, reader.read_body(body), sections, sheet, theme)
    word.saved_page_count = _saved_page_count(document)
    even_pages = _even_and_odd_headers(document)
    for section in sections:
        kinds = ["default"] + (["first"] if section.title_page else []) + (["even"] if even_pages else [])
        for story, reltype in (("header", RT.HEADER), ("footer", RT.FOOTER)):
            for kind in kinds:   # only the headers and footers that are ever printed
                ref = story_reference(sections, section.index, story, kind)
                rel = part.rels.get(ref) if ref else None
                if ref in word.stories or rel is None or rel.is_external or rel.reltype != reltype:
                    continue
                word.stories[ref] = reader.read_story(rel.target_part.element, story, section.index)
    return word


def _saved_page_count(document) -> int | None:
    for rel in document.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties") and not rel.is_external:
            match = re.search(rb"<(?:\w+:)?Pages>(\d+)</", rel.target_part.blob)
            return int(match[1]) if match else None
    return None


def _even_and_odd_headers(document) -> bool:
    try:
        settings = document.settings.element
    except Exception:   # no settings part
        return False
    return bool(on_off(child(settings, "w:evenAndOddHeaders")))


def _xml(blob: bytes | None):
    try:
        return etree.fromstring(blob) if blob else None
    except etree.XMLSyntaxError:
        return None


def _related_blob(part, reltype: str) -> bytes | None:
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part.blob
    return None
