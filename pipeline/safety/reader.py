"""A Word package read as Word reads it: every relationship and content part through an XML parser.

A template mailed around ("the new template from the district") is copied into every generated
document, and `make-report check` vets documents before they are sent. Both ask this module
what in a package reaches outside it:

- a relationship to outside the package (`TargetMode="External"`, or a target with a scheme or a
  UNC path): a tracking picture, a share where Windows sends the reader's credentials, an
  attachedTemplate, a linked picture LibreOffice embeds into the PDF. A clickable http(s) or mailto
  hyperlink fetches nothing by itself and is allowed;
- relationships and elements that import or run something: altChunk, OLE objects, ActiveX
  controls, sub-documents, frames, macros, mail-merge data sources, VML pictures with a `src`,
  SVG pictures that draw from another file or the web (`svg.py`),
  Office add-ins (web extensions, which Word fetches from the store when the document opens);
- fields not on the allow list of `fields.py`.

Regular expressions cannot read XML as Word does (`&#69;xternal`, `my-r:Relationship`, a `>`
inside an attribute, UTF-16 parts), so every part goes through expat, streamed: no DTD (refused),
no entity but XML's five and character references, nothing fetched, memory bounded by the
chunk size whatever the part's size. Element and attribute names are compared by namespace URI
and local name, never by prefix.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from posixpath import basename
from typing import Any
from xml.parsers import expat

from . import svg
from .package import UnsafePackage
from .fields import field_problem

_CHUNK = 64 * 1024
_WORD = frozenset({"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                   "http://purl.oclc.org/ooxml/wordprocessingml/main"})
_OFFICE = "urn:schemas-microsoft-com:office:office"
_VML = "urn:schemas-microsoft-com:vml"
_CONTENT_TYPES = "[Content_Types].xml"
_XML_NAMES = (".xml", ".rels", ".vml")

_RISKY_RELATIONSHIPS = {
    "afchunk": "khối nội dung ngoài (altChunk)",
    "oleobject": "đối tượng OLE nhúng",
    "package": "tệp Office nhúng (OLE)",
    "control": "điều khiển ActiveX",
    "activexcontrol": "điều khiển ActiveX",
    "activexcontrolbinary": "điều khiển ActiveX",
    "attachedtemplate": "mẫu đính kèm (attachedTemplate)",
    "subdocument": "văn bản con (subDocument)",
    "frame": "khung trang web (frame)",
    "mailmergesource": "nguồn dữ liệu trộn thư",
    "mailmergeheadersource": "nguồn dữ liệu trộn thư",
    "recipientdata": "nguồn dữ liệu trộn thư",
    "vbaproject": "macro (VBA)",
    "vbaprojectsignature": "macro (VBA)",
    "wordvbadata": "macro (VBA)",
    "keymapcustomizations": "macro (VBA)",
    "attachedtoolbars": "macro (VBA)",
    "webextension": "tiện ích bổ sung Office (add-in) tải từ mạng",
    "webextensiontaskpanes": "tiện ích bổ sung Office (add-in) tải từ mạng",
}
_RISKY_WORD_ELEMENTS = {
    "altChunk": "khối nội dung ngoài (altChunk)",
    "object": "đối tượng OLE hoặc điều khiển ActiveX",
    "control": "đối tượng OLE hoặc điều khiển ActiveX",
    "subDoc": "văn bản con (subDocument)",
    "mailMerge": "nguồn dữ liệu trộn thư",
}
_RISKY_FOLDERS = {"word/embeddings/": "đối tượng OLE nhúng", "word/activex/": "điều khiển ActiveX"}
_WORD_ELEMENTS = {f"{uri} {local}": local for uri in _WORD
                  for local in ("instrText", "delInstrText", "fldChar", "fldSimple", "p", *_RISKY_WORD_ELEMENTS)}
"""The Word elements the content reader acts on, by expat's `uri local` name."""
_OLE_OBJECT = f"{_OFFICE} OLEObject"
_VML_ELEMENT = f"{_VML} "
_SCHEME_OR_SHARE = re.compile(r"(?i)\s*([a-z][a-z0-9+.\-]*:|\\\\|//)")
_WEB_OR_MAIL = re.compile(r"(?i)\s*(https?://|mailto:)")


@dataclass(frozen=True)
class UnsafeContent:
    """One construct that reaches outside the file: where (`word/_rels/document.xml.rels`) and what."""

    part: str
    what: str
    """Vietnamese: `liên kết ra ngoài tệp`, `trường INCLUDEPICTURE`…"""
    target: str = ""

    def __str__(self) -> str:
        return f"{self.what} ({self.part}{': ' + self.target if self.target else ''})"


def unsafe_content(zf: zipfile.ZipFile) -> list[UnsafeContent]:
    """Every construct of the package that reaches outside it, in part order.

    A part named or typed as XML is read strictly: UnsafePackage when it is not well-formed XML
    or declares a DTD. Any other part that begins like XML is read too, whatever its name and
    content type (LibreOffice reads a header named `header1.bin` typed as octet-stream), up to
    where it stops being XML.
    """
    xml_types = _xml_content_types(zf)
    found: list[UnsafeContent] = []
    for info in zf.infolist():
        name = info.filename
        lowered = name.lower()
        folder = next((f for f in _RISKY_FOLDERS if lowered.startswith(f)), None)
        if folder is not None:
            found.append(UnsafeContent(name, _RISKY_FOLDERS[folder]))
        elif basename(lowered).startswith("vbaproject"):
            found.append(UnsafeContent(name, "macro (VBA)"))
        elif lowered.endswith(".rels"):
            found += _scan(zf, info, _Relationships(name))
        elif lowered.endswith(_XML_NAMES) or _is_xml_type(xml_types, name):
            found += _scan(zf, info, _Content(name))
        elif _begins_like_xml(zf, info):
            found += _scan(zf, info, _Content(name), strict=False)
    return found


def unsafe_in_part(name: str, data: bytes) -> list[UnsafeContent]:
    """What one content part (a rendered `word/document.xml`) carries that reaches outside the file."""
    reader = _Content(name)
    _parse(io.BytesIO(data), name, reader, strict=True)
    return reader.found


def xml_parts(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The parts a reader may parse as XML: named or typed so, or beginning like XML."""
    xml_types = _xml_content_types(zf)
    return [info for info in zf.infolist()
            if info.filename.lower().endswith((".rels", *_XML_NAMES)) or _is_xml_type(xml_types, info.filename)
            or _begins_like_xml(zf, info)]


def internal_targets(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[str]:
    """The targets of a `.rels` part's relationships inside the package, as written (relative)."""
    reader = _Relationships(info.filename)
    _scan(zf, info, reader)
    return reader.internal_targets


def _scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo, reader, strict: bool = True) -> list[UnsafeContent]:
    with zf.open(info) as part:
        _parse(part, info.filename, reader, strict)
    return reader.found


def _parse(stream, name: str, reader, strict: bool) -> None:
    """Feed `stream` to `reader` through expat; `strict`: a part that is not XML is refused.

    Not strict, what was read before the part stopped being XML still counts: a lenient reader
    (LibreOffice's) may have acted on it too.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = lambda *args: _refuse_dtd(name)
    parser.EntityDeclHandler = lambda *args: _refuse_dtd(name)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    reader.parser = parser
    try:
        while block := stream.read(_CHUNK):
            parser.Parse(block, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        if strict:
            raise UnsafePackage(f"phần {name} không phải XML hợp lệ ({expat.ErrorString(exc.code)})",
                                "tệp bị hỏng hoặc bị sửa tay; mở và lưu lại trong Word, hoặc xin lại tệp gốc") from None
    reader.finish()


def _begins_like_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """`<` first, after a byte-order mark and white space, in UTF-8 or UTF-16 (a PNG or a font does not)."""
    if info.is_dir() or info.file_size == 0:
        return False
    with zf.open(info) as part:
        head = part.read(256)
    for mark in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(mark)
    return head.replace(b"\0", b"").lstrip(b" \t\r\n").startswith(b"<")


def _refuse_dtd(part: str):
    raise UnsafePackage(f"tệp chứa khai báo XML không được phép ({part})",
                        "tệp có thể độc hại; hãy xin lại tệp gốc hoặc lưu lại từ Office")


def _split(name: str) -> tuple[str, str]:
    uri, _, local = name.rpartition(" ")
    return uri, local


def _attribute(attrs: dict, local: str, uris=None) -> str | None:
    """An attribute by local name (any namespace when `uris` is None)."""
    for key, value in attrs.items():
        uri, name = _split(key)
        if name == local and (uris is None or uri in uris or not uri):
            return value
    return None


class _Relationships:
    """A `.rels` part: every `Relationship` element, whatever its prefix."""

    def __init__(self, part: str):
        self.part = part
        self.found: list[UnsafeContent] = []
        self.internal_targets: list[str] = []

    def start(self, name: str, attrs: dict) -> None:
        if _split(name)[1] != "Relationship":
            return
        kind = (_attribute(attrs, "Type") or "").strip().rstrip("/").rsplit("/", 1)[-1].lower()
        target = (_attribute(attrs, "Target") or "").strip()
        mode = " ".join((_attribute(attrs, "TargetMode") or "").split()).lower()
        external = mode not in ("", "internal") or _SCHEME_OR_SHARE.match(target) is not None
        if not external:
            self.internal_targets.append(target)
        if kind in _RISKY_RELATIONSHIPS:
            self.found.append(UnsafeContent(self.part, _RISKY_RELATIONSHIPS[kind], _shown(target)))
        elif external and not (kind == "hyperlink" and _WEB_OR_MAIL.match(target)):
            self.found.append(UnsafeContent(self.part, "liên kết ra ngoài tệp", _shown(target)))

    def end(self, name: str) -> None:
        pass

    def finish(self) -> None:
        pass


class _Field:
    def __init__(self):
        self.instruction: list[str] = []
        self.keyword_from_field = False
        self.done = False


class _Content:
    """A content part: risky elements, VML pictures with a source, and every field on its own.

    Complex fields nest (`begin`, instruction, `separate`, result, `end`); a stack keeps each
    field's own instruction apart from its neighbours' and its nested fields'. Instruction text
    outside any field (Word ignores it, LibreOffice may not) is read as one field per paragraph.
    """

    def __init__(self, part: str):
        self.part = part
        self.found: list[UnsafeContent] = []
        self.fields: list[_Field] = []
        self.loose: _Field | None = None
        self.parser: Any = None
        self.style: list[str] | None = None   # the text of an SVG <style>, while it is read
        self._seen: set[str] = set()

    def start(self, name: str, attrs: dict) -> None:
        # Called for every element of a part, so one dictionary lookup decides for most of them.
        local = _WORD_ELEMENTS.get(name)
        if local is not None:
            if local in ("instrText", "delInstrText"):
                self.parser.CharacterDataHandler = self._instruction_text
            elif local == "fldChar":
                self._field_char(_attribute(attrs, "fldCharType", _WORD) or "")
            elif local == "fldSimple":
                self._judge(_attribute(attrs, "instr", _WORD) or "", False)
            elif local in _RISKY_WORD_ELEMENTS:
                self._add(_RISKY_WORD_ELEMENTS[local])
        elif name == _OLE_OBJECT:
            self._add("đối tượng OLE hoặc điều khiển ActiveX")
        elif attrs and name.startswith(_VML_ELEMENT) and (source := (_attribute(attrs, "src") or "").strip()):
            self._add("hình liên kết ngoài tệp", _shown(source))
        elif name.startswith(svg.NAMESPACES):
            if attrs and (target := svg.outside_reference(name, attrs)):
                self._add("hình SVG lấy nội dung từ ngoài tệp", _shown(target))
            if name.endswith(" style"):
                self.style = []
                self.parser.CharacterDataHandler = self.style.append

    def end(self, name: str) -> None:
        local = _WORD_ELEMENTS.get(name)
        if local in ("instrText", "delInstrText"):
            self.parser.CharacterDataHandler = None
        elif self.style is not None and name.startswith(svg.NAMESPACES) and name.endswith(" style"):
            self.parser.CharacterDataHandler = None
            if target := svg.outside_in_style("".join(self.style)):
                self._add("hình SVG lấy nội dung từ ngoài tệp", _shown(target))
            self.style = None
        elif local == "p" and self.loose is not None:
            self._judge("".join(self.loose.instruction), False)
            self.loose = None

    def finish(self) -> None:
        for field in self.fields:
            if not field.done:
                self._judge("".join(field.instruction), field.keyword_from_field)
        if self.loose is not None:
            self._judge("".join(self.loose.instruction), False)

    def _instruction_text(self, text: str) -> None:
        if self.fields and not self.fields[-1].done:
            self.fields[-1].instruction.append(text)
        else:
            self.loose = self.loose or _Field()
            self.loose.instruction.append(text)

    def _field_char(self, kind: str) -> None:
        kind = kind.strip()
        if kind == "begin":
            outer = self.fields[-1] if self.fields else None
            if outer is not None and not outer.done and not "".join(outer.instruction).strip(" \t\r\n"):
                outer.keyword_from_field = True
            self.fields.append(_Field())
        elif kind in ("separate", "end") and self.fields:
            field = self.fields[-1]
            if not field.done:
                field.done = True
                self._judge("".join(field.instruction), field.keyword_from_field)
            if kind == "end":
                self.fields.pop()

    def _judge(self, instruction: str, keyword_from_field: bool) -> None:
        problem = field_problem(instruction, keyword_from_field)
        if problem is not None:
            self._add(problem, _shown(" ".join(instruction.split())))

    def _add(self, what: str, target: str = "") -> None:
        key = f"{what}\0{target}"
        if key not in self._seen:   # one finding per construct and part, not per occurrence
            self._seen.add(key)
            self.found.append(UnsafeContent(self.part, what, target))


def _shown(target: str) -> str:
    return target if len(target) <= 80 else target[:77] + "…"


# ------------------------------------------------------------------------------ content types


class _ContentTypes:
    """`[Content_Types].xml`: extensions and part names whose content type is XML."""

    def __init__(self):
        self.found: list[UnsafeContent] = []
        self.extensions: set[str] = set()
        self.parts: set[str] = set()

    def start(self, name: str, attrs: dict) -> None:
        local = _split(name)[1]
        content_type = (_attribute(attrs, "ContentType") or "").split(";")[0].strip().lower()
        if not content_type.endswith(("+xml", "/xml")):
            return
        if local == "Default":
            self.extensions.add((_attribute(attrs, "Extension") or "").lower())
        elif local == "Override":
            self.parts.add((_attribute(attrs, "PartName") or "").lstrip("/").lower())

    def end(self, name: str) -> None:
        pass

    def finish(self) -> None:
        pass


def _xml_content_types(zf: zipfile.ZipFile) -> _ContentTypes:
    types = _ContentTypes()
    info = next((i for i in zf.infolist() if i.filename == _CONTENT_TYPES), None)
    if info is not None:
        _scan(zf, info, types)
    return types


def _is_xml_type(types: _ContentTypes, name: str) -> bool:
    lowered = name.lower()
    return lowered in types.parts or lowered.rsplit(".", 1)[-1] in types.extensions
