"""The parts of a DOCX package (Open Packaging Conventions), read without python-docx.

python-docx parses every XML part when it opens a file: a 100 000-paragraph ``document.xml``
becomes a 430 MB tree before a rule runs. The checker streams the main story instead
(:mod:`paragraphs`) and parses only the small parts whole: styles, theme, settings, headers.
Relationships name parts by type (ECMA-376 Part 2, 9.3); targets are relative to the source
part's folder. Entities are never expanded, nothing is fetched from the network.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

PACKAGE_RELS = "_rels/.rels"
OFFICE_DOCUMENT = "/officeDocument"   # relationship types end so, transitional and strict


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class NotAPackage(Exception):
    """No main document part where the package's relationships say it is."""


@dataclass(frozen=True)
class Relationship:
    kind: str          # the type URI
    target: str        # part name inside the zip, or the external target
    external: bool


class Package:
    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.names = set(zf.namelist())
        main = self.related("", OFFICE_DOCUMENT)
        if main is None or main not in self.names:
            raise NotAPackage("không có phần văn bản chính (word/document.xml)")
        self.main = main

    def relationships(self, part: str) -> dict[str, Relationship]:
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels") if part else PACKAGE_RELS
        root = self.parse(rels)
        if root is None:
            return {}
        found = {}
        for rel in root:
            if not isinstance(rel.tag, str) or not rel.tag.endswith("Relationship"):
                continue
            target = rel.get("Target") or ""
            external = (rel.get("TargetMode") or "").lower() == "external"
            if not external:
                target = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/") \
                    if not target.startswith("/") else target.lstrip("/")
            found[rel.get("Id") or ""] = Relationship(rel.get("Type") or "", target, external)
        return found

    def related(self, part: str, kind: str) -> str | None:
        """The first internal part ``part`` relates to with a type ending in ``kind``."""
        return next((rel.target for rel in self.relationships(part).values()
                     if rel.kind.endswith(kind) and not rel.external), None)

    def parse(self, name: str | None):
        """A small part parsed whole; None when it is missing or not well-formed XML."""
        if name is None or name not in self.names:
            return None
        try:
            return etree.fromstring(self.zf.read(name), parser())
        except etree.XMLSyntaxError:
            return None

    def open(self, name: str):
        return self.zf.open(name)
