"""Opening a DOCX: the main story, sections, style sheet, theme and header parts.

The package is read part by part (:mod:`opc`); the main story is streamed, one block in
memory at a time, so a 100 000-paragraph document costs time in proportion and bounded memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..safety.package import UnsafePackage as RefusedFile, require_regular_file
from .ooxml import child, on_off
from .opc import NotAPackage, Package
from .safety import UnsafeContent, UnsafePackage, inspect_package, outside_content
from .paragraphs import Paragraph, ParagraphReader
from .sections import Section, story_reference
from .styles import StyleSheet
from .theme import Theme


OTHER_FORMATS = {".doc", ".rtf", ".odt", ".wpd"}   # Word opens them; check reads .docx only


class NotADocx(Exception):
    """The file cannot be opened as a Word (DOCX) document.

    ``outside``: what the package scan found reaching outside the file before reading failed
    (rule L1): a main document on a share is such a package, and L1 is what to tell the user.
    """

    def __init__(self, path: Path, reason: str, outside: Sequence[UnsafeContent] = ()):
        self.path = path
        self.reason = reason
        self.outside = list(outside)
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
    try:   # a missing file, a broken link or one to itself, a folder, a FIFO: each said as it is
        require_regular_file(path)
    except RefusedFile as refused:
        raise NotADocx(path, f"{refused.message}; {refused.hint}") from None
    try:
        inspect_package(path)
    except UnsafePackage as refused:
        raise NotADocx(path, str(refused)) from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise NotADocx(path, "tệp bị hỏng hoặc chưa tải về hết") from error
    if path.suffix.lower() in OTHER_FORMATS and not zipfile.is_zipfile(path):
        raise NotADocx(path, f"đây là tệp {path.suffix.lower()}, không phải .docx: mở trong Word, "
                             "chọn File > Save As > Word Document (*.docx) để lưu lại dạng .docx")
    if not zipfile.is_zipfile(path):
        raise NotADocx(path, "không phải gói Office Open XML hợp lệ")
    try:
        with zipfile.ZipFile(path) as zf:
            other = _other_office_file(zf.namelist())
            if other:
                raise NotADocx(path, f"đây là {other}: lệnh check chỉ kiểm tra văn bản Word (.docx)")
            return _read(path, Package(zf))
    except NotAPackage as error:
        raise NotADocx(path, f"không phải gói Office Open XML hợp lệ: {error}", outside_content(path)) from error
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise NotADocx(path, "không phải gói Office Open XML hợp lệ", outside_content(path)) from error


def _other_office_file(names: list[str]) -> str | None:
    """What an Office package that is not a Word document is, in a clerk's words (an Excel workbook
    given to `check` by mistake), or None."""
    if "word/document.xml" in names:
        return None
    if "xl/workbook.xml" in names:
        return "sổ Excel (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "tệp PowerPoint (.pptx)"
    return None


def _read(path: Path, package: Package) -> WordFile:
    main = package.main
    rels = package.relationships(main)

    def related(kind: str) -> str | None:
        return next((r.target for r in rels.values() if r.kind.endswith(kind) and not r.external), None)

    theme = Theme.from_xml(_blob(package, related("/theme")))
    sheet = StyleSheet.from_element(package.parse(related("/styles")))
    numbering = related("/numbering")
    if numbering in package.names:
        sheet.read_numbering(lambda: package.open(numbering), _used_lists(package, main, numbering))
    reader = ParagraphReader(sheet, theme)
    with package.open(main) as stream:
        paragraphs, sections = reader.read_stream(stream)
    word = WordFile(path, paragraphs, sections, sheet, theme)
    word.saved_page_count = _saved_page_count(package)
    settings = package.parse(related("/settings"))
    even_pages = bool(on_off(child(settings, "w:evenAndOddHeaders")))
    for section in sections:
        kinds = ["default"] + (["first"] if section.title_page else []) + (["even"] if even_pages else [])
        for story in ("header", "footer"):
            for kind in kinds:   # only the headers and footers that are ever printed
                ref = story_reference(sections, section.index, story, kind)
                if not ref or ref in word.stories:
                    continue
                rel = rels.get(ref)
                if rel is None or rel.external or not rel.kind.endswith("/" + story):
                    continue
                root = package.parse(rel.target)
                if root is not None:
                    word.stories[ref] = reader.read_story(root, story, section.index)
    return word


BIG_NUMBERING = 1024 * 1024
_NUM_ID = re.compile(rb"<(?:[\w.-]+:)?numId\b[^>]*?\bval\s*=\s*[\"']([^\"']*)[\"']")


def _used_lists(package: Package, main: str, numbering: str) -> set[str] | None:
    """The list ids the story and the styles use, to keep only their definitions of a big
    numbering part; None (keep all) for the usual small one. A scan of the bytes is enough here:
    a list it misses only loses its indent, nothing unsafe is decided on it."""
    if package.zf.getinfo(numbering).file_size < BIG_NUMBERING:
        return None
    used: set[str] = set()
    for name in (main, next((n for n in package.names if n.endswith("styles.xml")), None)):
        if name is None:
            continue
        tail = b""
        with package.open(name) as stream:
            while chunk := stream.read(1 << 20):
                data = tail + chunk
                used.update(m.decode("ascii", "replace") for m in _NUM_ID.findall(data))
                tail = data[-200:]
    return used


def _saved_page_count(package: Package) -> int | None:
    app = package.related("", "/extended-properties")
    if app is None or app not in package.names:
        return None
    match = re.search(rb"<(?:\w+:)?Pages>(\d+)</", package.zf.read(app))
    return int(match[1]) if match else None


def _blob(package: Package, name: str | None) -> bytes | None:
    return package.zf.read(name) if name is not None and name in package.names else None
