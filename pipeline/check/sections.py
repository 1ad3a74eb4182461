"""Sections (``w:sectPr``): page size, orientation, margins, header/footer references, numbering.

A section's properties sit in the ``w:pPr`` of the paragraph that ends it; the last section's
in ``w:body`` itself. A section without a ``w:headerReference`` (``w:footerReference``) of some
type inherits that header (footer) from the previous section (ECMA-376 17.10.5);
``w:titlePg`` is not inherited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ooxml import attr, child, int_attr, on_off, qn

A4_TWIPS = (11906, 16838)


@dataclass
class Section:
    """Mục (section) of the document: a run of pages sharing one page setup."""

    index: int                                   # 0-based
    width: int | None                            # twips
    height: int | None
    orientation: str                             # "portrait" or "landscape"
    margins: dict[str, int | None]               # "top", "bottom", "left", "right" -> twips
    title_page: bool                             # w:titlePg: different first-page header
    page_number_start: int | None
    page_number_format: str | None
    # "default"/"first"/"even" -> rId; None for a reference without one (it shows no header)
    header_refs: dict[str, str | None] = field(default_factory=dict)
    footer_refs: dict[str, str | None] = field(default_factory=dict)
    start: str = "nextPage"                     # w:type: "continuous" starts on the same page

    @classmethod
    def from_element(cls, index: int, sect_pr) -> Section:
        size = child(sect_pr, "w:pgSz")
        width, height = int_attr(size, "w:w"), int_attr(size, "w:h")
        landscape = attr(size, "w:orient") == "landscape" or (
            width is not None and height is not None and width > height)
        margin = child(sect_pr, "w:pgMar")
        margins = {side: int_attr(margin, f"w:{side}") for side in ("top", "bottom", "left", "right")}
        numbering = child(sect_pr, "w:pgNumType")
        def refs(tag: str) -> dict[str, str | None]:
            return {attr(ref, "w:type") or "default": attr(ref, "r:id")
                    for ref in sect_pr.findall(qn(tag))}

        return cls(index, width, height, "landscape" if landscape else "portrait", margins,
                   bool(on_off(child(sect_pr, "w:titlePg"))),
                   int_attr(numbering, "w:start"), attr(numbering, "w:fmt"),
                   refs("w:headerReference"), refs("w:footerReference"),
                   attr(child(sect_pr, "w:type"), "w:val") or "nextPage")

    @property
    def text_width(self) -> int | None:
        """Twips between the left and right margins; None when the page or a margin is not given."""
        return _between(self.width, self.margins.get("left"), self.margins.get("right"))

    @property
    def text_height(self) -> int | None:
        """Twips between the top and bottom margins; None when the page or a margin is not given."""
        return _between(self.height, self.margins.get("top"), self.margins.get("bottom"))

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def location(self) -> str:
        return f"mục {self.number} (section)"


def _between(length: int | None, before: int | None, after: int | None) -> int | None:
    if length is None or before is None or after is None:
        return None
    return length - before - after


def story_reference(sections: list[Section], index: int, story: str, kind: str) -> str | None:
    """The rId of the ``story`` ("header"/"footer") of type ``kind`` shown in section ``index``."""
    for section in reversed(sections[: index + 1]):
        refs = section.header_refs if story == "header" else section.footer_refs
        if kind in refs:
            return refs[kind]
    return None
