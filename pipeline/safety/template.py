"""What a Word package must not carry into documents sent to other offices.

A template mailed around ("the new template from the district") is copied into every generated
document. These constructs make Word (or LibreOffice, for `--pdf`) reach outside the file:

- a relationship with `TargetMode="External"`: a tracking image URL, a UNC hyperlink or an
  `attachedTemplate` on `\\\\server\\share` (Windows then sends the user's credentials), a linked
  picture `file:///…` that LibreOffice embeds into the PDF (a clickable http(s) or mailto hyperlink
  fetches nothing by itself and is allowed);
- `altChunk`: a foreign part (HTML with scripts, RTF) that Word imports when opening;
- OLE objects and ActiveX controls: programs embedded in the document;
- fields that fetch content: INCLUDEPICTURE, INCLUDETEXT, LINK, DDE, DDEAUTO, IMPORT.

`unsafe_content` lists them by part; the template loader refuses the first, `check` reports all.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

MAX_SCANNED_PART = 64 * 1024 * 1024
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.DOTALL)
_ATTRIBUTE = re.compile(rb'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_INSTR_TEXT = re.compile(rb"<w:instrText\b[^>]*>([^<]*)</w:instrText>")
_FIELD_SIMPLE = re.compile(rb"<w:fldSimple\b[^>]*\bw:instr\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# A field's name is its code's first word: `/link` inside a URL is not the LINK field.
_FETCHING_FIELD = re.compile(r"(?:^|[\s{])(INCLUDEPICTURE|INCLUDETEXT|LINK|DDEAUTO|DDE|IMPORT)\b", re.IGNORECASE)
_LOCAL_HYPERLINK_FIELD = re.compile(r"HYPERLINK\s+\"?\s*(\\\\|file:)", re.IGNORECASE)
_ALT_CHUNK = re.compile(rb"<w:altChunk\b")
_EMBEDDED_OBJECT = re.compile(rb"<(?:w:object|o:OLEObject|w:control)\b")
_RISKY_TYPES = {
    "aFChunk": "khối nội dung ngoài (altChunk)",
    "oleObject": "đối tượng OLE nhúng",
    "package": "tệp Office nhúng (OLE)",
    "control": "điều khiển ActiveX",
    "activeXControlBinary": "điều khiển ActiveX",
    "attachedTemplate": "mẫu đính kèm (attachedTemplate)",
}
_RISKY_FOLDERS = {"word/embeddings/": "đối tượng OLE nhúng", "word/activeX/": "điều khiển ActiveX"}


@dataclass(frozen=True)
class UnsafeContent:
    """One construct that reaches outside the file: where (`word/_rels/document.xml.rels`) and what."""

    part: str
    what: str
    """Vietnamese: `liên kết ra ngoài`, `trường INCLUDEPICTURE`…"""
    target: str = ""

    def __str__(self) -> str:
        return f"{self.what} ({self.part}{': ' + self.target if self.target else ''})"


def unsafe_content(zf: zipfile.ZipFile) -> list[UnsafeContent]:
    """Every construct of the package that reaches outside it, in part order."""
    found: list[UnsafeContent] = []
    for info in zf.infolist():
        name = info.filename
        folder = next((f for f in _RISKY_FOLDERS if name.startswith(f)), None)
        if folder is not None:
            found.append(UnsafeContent(name, _RISKY_FOLDERS[folder]))
            continue
        if not name.endswith((".xml", ".rels")) or info.file_size > MAX_SCANNED_PART:
            continue
        data = zf.read(info)
        if name.endswith(".rels"):
            found += _relationships(name, data)
        else:
            found += _content(name, data)
    return found


def _relationships(part: str, data: bytes) -> list[UnsafeContent]:
    found = []
    for tag in _RELATIONSHIP.finditer(data):
        attributes = {m.group(1): (m.group(2) or m.group(3) or b"").decode("utf-8", "replace")
                      for m in _ATTRIBUTE.finditer(tag.group(0))}
        kind = attributes.get(b"Type", "").rsplit("/", 1)[-1]
        target = _shown(attributes.get(b"Target", ""))
        if kind in _RISKY_TYPES:
            found.append(UnsafeContent(part, _RISKY_TYPES[kind], target))
        elif attributes.get(b"TargetMode", "").lower() == "external" and not _web_hyperlink(kind, target):
            found.append(UnsafeContent(part, "liên kết ra ngoài tệp", target))
    return found


def _web_hyperlink(kind: str, target: str) -> bool:
    """A clickable link to a web page or an e-mail address: Word fetches nothing until it is clicked,
    and real documents carry them (a report citing a province's portal). Links to a share or a local
    file, and external pictures or templates, stay refused."""
    return kind == "hyperlink" and re.match(r"(?i)(https?://|mailto:)", target.strip()) is not None


def _content(part: str, data: bytes) -> list[UnsafeContent]:
    found = []
    if _ALT_CHUNK.search(data):
        found.append(UnsafeContent(part, "khối nội dung ngoài (altChunk)"))
    if _EMBEDDED_OBJECT.search(data):
        found.append(UnsafeContent(part, "đối tượng OLE hoặc điều khiển ActiveX"))
    # A field code may be split over many runs: join a part's instruction texts before matching.
    codes = b"".join(_INSTR_TEXT.findall(data)).decode("utf-8", "replace")
    codes += " " + " ".join((m.group(1) or m.group(2) or b"").decode("utf-8", "replace")
                            for m in _FIELD_SIMPLE.finditer(data))
    for field in dict.fromkeys(m.group(1).upper() for m in _FETCHING_FIELD.finditer(codes)):
        found.append(UnsafeContent(part, f"trường {field} lấy nội dung từ ngoài tệp"))
    if _LOCAL_HYPERLINK_FIELD.search(codes):
        found.append(UnsafeContent(part, "trường HYPERLINK trỏ tới thư mục mạng hoặc tệp trên máy"))
    return found


def _shown(target: str) -> str:
    return target if len(target) <= 80 else target[:77] + "…"


def refuse_unsafe_template(path, zf: zipfile.ZipFile) -> None:
    """Raise TemplateProblem for a template that is a zip or entity bomb or reaches outside its file."""
    from ..errors import TemplateProblem
    from .package import UnsafePackage, inspect_package

    try:
        inspect_package(zf, worksheet_prefix=None)
    except UnsafePackage as exc:
        raise TemplateProblem(path, f"mẫu bị từ chối: {exc.message}", hint=exc.hint) from exc
    found = unsafe_content(zf)
    if found:
        more = f" (và {len(found) - 1} chỗ khác)" if len(found) > 1 else ""
        raise TemplateProblem(
            path, f"mẫu chứa {found[0]}{more}; mẫu như vậy bị từ chối vì làm văn bản gửi đi tự lấy nội dung "
                  "hoặc gửi thông tin ra ngoài",
            hint="mở mẫu trong Word, xóa liên kết, hình liên kết, đối tượng nhúng hoặc trường đó "
                 "(Alt+F9 để thấy mã trường; mẫu đính kèm: Developer > Document Template, xóa đường dẫn) "
                 "rồi lưu lại; hoặc dùng mẫu kèm chương trình",
        )
