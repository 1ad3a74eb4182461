"""Fields in a paragraph: ``w:fldSimple`` and ``w:fldChar``/``w:instrText`` sequences.

A complex field is::

    <w:r><w:fldChar w:fldCharType="begin"/></w:r>
    <w:r><w:instrText> PAGE </w:instrText></w:r>
    <w:r><w:fldChar w:fldCharType="separate"/></w:r>
    <w:r><w:t>1</w:t></w:r>                      <- cached result
    <w:r><w:fldChar w:fldCharType="end"/></w:r>

The result takes the formatting of its runs; with no cached result, of the code runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ooxml import attr, qn

_PAGE = re.compile(r"^\s*PAGE\b", re.IGNORECASE)


@dataclass
class Field:
    instruction: str
    code_runs: list = field(default_factory=list)
    result_runs: list = field(default_factory=list)

    @property
    def is_page_number(self) -> bool:
        return bool(_PAGE.match(self.instruction))

    @property
    def display_runs(self) -> list:
        return self.result_runs or self.code_runs


def fields(paragraph) -> list[Field]:
    found: list[Field] = []
    for simple in paragraph.iter(qn("w:fldSimple")):
        found.append(Field(attr(simple, "w:instr") or "", [],
                           list(simple.iter(qn("w:r")))))
    open_fields: list[tuple[Field, bool]] = []   # (field, past its separator)
    for run in paragraph.iter(qn("w:r")):
        for piece in run:
            if piece.tag == qn("w:fldChar"):
                kind = attr(piece, "w:fldCharType")
                if kind == "begin":
                    open_fields.append((Field(""), False))
                elif kind == "separate" and open_fields:
                    open_fields[-1] = (open_fields[-1][0], True)
                elif kind == "end" and open_fields:
                    found.append(open_fields.pop()[0])
            elif piece.tag == qn("w:instrText") and open_fields:
                current = open_fields[-1][0]
                current.instruction += piece.text or ""
                if not current.code_runs or current.code_runs[-1] is not run:   # runs come in order
                    current.code_runs.append(run)
            elif piece.tag == qn("w:t") and open_fields and open_fields[-1][1]:
                current = open_fields[-1][0]
                if not current.result_runs or current.result_runs[-1] is not run:
                    current.result_runs.append(run)
    return found
