"""The style sheet (``word/styles.xml``): document defaults and style inheritance.

Effective formatting is the first definition met, most specific first (ECMA-376 17.7.2)::

    direct formatting > character style > paragraph style > table style > w:docDefaults

Each style level is itself a ``w:basedOn`` chain, nearest style first. A paragraph without
``w:pStyle`` takes the default paragraph style (``w:default="1"``, normally ``Normal``);
the same holds for character and table styles.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from .ooxml import attr, child, qn

MAX_CHAIN = 100


@dataclass
class StyleSheet:
    styles: dict[tuple[str, str], object] = field(default_factory=dict)  # (type, id) -> w:style
    defaults: dict[str, str] = field(default_factory=dict)               # type -> default style id
    default_rpr: object | None = None
    default_ppr: object | None = None
    broken_chains: dict[str, str] = field(default_factory=dict)   # style id -> what is wrong
    numbering: dict[tuple[str, str], object] = field(default_factory=dict)  # (numId, ilvl) -> w:pPr
    _chains: dict[tuple[str, str], list] = field(default_factory=dict, repr=False)

    @classmethod
    def from_element(cls, root) -> StyleSheet:
        sheet = cls()
        if root is None:
            return sheet
        doc_defaults = child(root, "w:docDefaults")
        sheet.default_rpr = child(child(doc_defaults, "w:rPrDefault"), "w:rPr")
        sheet.default_ppr = child(child(doc_defaults, "w:pPrDefault"), "w:pPr")
        for style in root.iter(qn("w:style")):
            kind = attr(style, "w:type") or "paragraph"
            style_id = attr(style, "w:styleId")
            if style_id is None:
                continue
            sheet.styles[(kind, style_id)] = style
            if attr(style, "w:default") in ("1", "true", "on"):
                sheet.defaults.setdefault(kind, style_id)
        return sheet

    def chain(self, kind: str, style_id: str | None) -> list:
        """The ``w:style`` elements of a style and its ``w:basedOn`` ancestors, nearest first.

        Memoised; a cycle ends the chain where it closes, and a chain is cut after
        MAX_CHAIN styles (Word's own are a handful deep): both are noted in ``broken_chains``.
        """
        if style_id is None or (kind, style_id) not in self.styles:
            style_id = self.defaults.get(kind)
        if style_id is None:
            return []   # no style named and no default one
        key = (kind, style_id)
        if key in self._chains:
            return self._chains[key]
        chain: list = []
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None:
            if current in seen or len(chain) >= MAX_CHAIN:
                self.broken_chains.setdefault(style_id, "vòng lặp" if current in seen
                                              else f"hơn {MAX_CHAIN} tầng")
                break
            style = self.styles.get((kind, current))
            if style is None:
                break
            seen.add(current)
            chain.append(style)
            current = attr(child(style, "w:basedOn"), "w:val")
        self._chains[key] = chain
        return chain

    def read_numbering(self, open_part, used: set[str] | None = None) -> None:
        """``word/numbering.xml``: the w:pPr of each list level (w:num -> w:abstractNum/w:lvl).

        Streamed twice (the w:num of the lists ``used`` by the document, then the definitions
        they take), one top-level element at a time: a 36 MB part costs no more memory than
        the levels kept (issue 20 §4). ``used`` None keeps every list.
        """
        nums: dict[str, str] = {}
        for num in _top_level(open_part, "w:num"):
            num_id = attr(num, "w:numId")
            abstract = attr(child(num, "w:abstractNumId"), "w:val")
            if num_id is not None and abstract is not None and (used is None or num_id in used):
                nums[num_id] = abstract
        wanted = set(nums.values())
        levels: dict[str, dict[str, object]] = {}
        for definition in _top_level(open_part, "w:abstractNum"):
            abstract = attr(definition, "w:abstractNumId")
            if abstract not in wanted:
                continue
            for level in definition.iter(qn("w:lvl")):
                ppr = child(level, "w:pPr")
                if ppr is not None:
                    levels.setdefault(abstract, {})[attr(level, "w:ilvl") or "0"] = copy.deepcopy(ppr)
        for num_id, abstract in nums.items():
            for level, ppr in levels.get(abstract, {}).items():
                self.numbering[(num_id, level)] = ppr

    def paragraph_styles(self, paragraph) -> list:
        style_id = attr(child(child(paragraph, "w:pPr"), "w:pStyle"), "w:val")
        return self.chain("paragraph", style_id)

    def character_styles(self, run) -> list:
        style_id = attr(child(child(run, "w:rPr"), "w:rStyle"), "w:val")
        return self.chain("character", style_id)

    def table_styles(self, table) -> list:
        if table is None:
            return []
        style_id = attr(child(child(table, "w:tblPr"), "w:tblStyle"), "w:val")
        return self.chain("table", style_id)


def _top_level(open_part, tag: str):
    """The children of the root named ``tag``, each freed once the caller is done with it."""
    if open_part is None:
        return
    wanted = qn(tag)
    root = None
    try:
        with open_part() as stream:
            for event, element in etree.iterparse(stream, events=("start", "end"),
                                                  resolve_entities=False, no_network=True):
                if event == "start":
                    if root is None:
                        root = element
                    continue
                if element.getparent() is not root:
                    continue
                if element.tag == wanted:
                    yield element
                element.clear()
                while element.getprevious() is not None:
                    del root[0]
    except etree.XMLSyntaxError:
        return
