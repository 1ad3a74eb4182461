"""The members of a template's zip that go into every document: each once, with a clean name.

A zip may hold two members of one name (readers disagree on which one counts), names that differ
only in case (one part to Word, whose part names ignore case; two files to a zip), `../x` or
`/etc/x` names (written outside the folder by some unzip tools), folders, and files no part
refers to. Word keeps none of that when it saves a document; neither does make-report: a bad
name refuses the template, and only the parts reached from the package's relationships are kept.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from urllib.parse import unquote

from .package import UnsafePackage
from .reader import internal_targets

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELATIONSHIPS = "_rels/.rels"
_ENCODED_DOT_OR_SLASH = re.compile(r"(?i)%(2e|2f|5c)")
_HINT = "mở mẫu trong Word và lưu lại (File > Save As > Word Document), hoặc dùng mẫu kèm chương trình"


def package_members(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The members a Word package may hold, in the zip's order; raises UnsafePackage for a bad name."""
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        if info.is_dir():
            continue
        _refuse_unclean(info.filename)
        key = info.filename.lower()
        if key in by_name:
            first = by_name[key].filename
            same = "cùng tên" if first == info.filename else "tên chỉ khác chữ hoa, chữ thường"
            raise UnsafePackage(f"mẫu có hai phần {same} («{first}», «{info.filename}»)", _HINT)
        by_name[key] = info
    kept = _reachable(zf, by_name)
    return [info for info in zf.infolist() if info.filename.lower() in kept]


def _refuse_unclean(name: str) -> None:
    """OPC's part names (ECMA-376-2 §6.2.2): no empty, `.` or `..` segment, none ending in a dot, no
    encoded `.`, `/` or `\\` (`%2e%2e` is `..` to a reader that decodes), nothing Windows refuses."""
    segments = name.split("/")
    if (not name or name.startswith("/") or "\\" in name or any(s in ("", ".", "..") or s.endswith(".") for s in segments)
            or _ENCODED_DOT_OR_SLASH.search(name) or any(ord(c) < 32 or c in ':*?"<>|' for c in name)):
        raise UnsafePackage(f"mẫu có phần mang tên không hợp lệ «{name[:80]}»", _HINT)


def _reachable(zf: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo]) -> set[str]:
    """`[Content_Types].xml`, and every part reached by relationships from the package's, with its own."""
    kept = {CONTENT_TYPES.lower()}
    waiting = [""]   # the package itself: its relationships are _rels/.rels
    while waiting:
        source = waiting.pop()
        folder, file = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", file + ".rels").lower()
        if rels not in by_name or rels in kept:
            continue
        kept.add(rels)
        for target in internal_targets(zf, by_name[rels]):
            part = next((p for p in _resolve(folder, target) if p in by_name), None)
            if part is not None and part not in kept:
                kept.add(part)
                waiting.append(by_name[part].filename)
    return kept


def _resolve(folder: str, target: str) -> list[str]:
    """A relationship's target as member names (lower case), relative to its source's folder.

    Targets are URIs (`image%201.png`); a zip may store the name either way.
    """
    path = target.split("#", 1)[0].strip()
    names = []
    for spelt in dict.fromkeys((path, unquote(path))):
        if not spelt:
            continue
        joined = spelt.lstrip("/") if spelt.startswith("/") else posixpath.join(folder, spelt)
        normal = posixpath.normpath(joined)
        if not normal.startswith(".."):
            names.append(normal.lower())
    return names
