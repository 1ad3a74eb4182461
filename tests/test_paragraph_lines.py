"""Our templates are compiled without the line `_prepare` puts before each paragraph (for error lines):
the output is the one rendering them with the lines and taking the lines out afterwards gives."""

import re
import shutil
from datetime import datetime

import pytest

from hostile import with_paragraph
from pipeline.documents import DocumentJob, DocumentProperties
from pipeline.render import CompileCache, CompiledTemplate, default_templates_dir
from pipeline.render import template as template_module
from pipeline.render.columns import fit_marked

PROPERTIES = DocumentProperties("Phụ lục", "Phụ lục", "UBND xã", datetime(2026, 1, 5))
CONTEXT = {"appendix_title": "PHỤ LỤC", "appendix_reference": "(Kèm theo Kế hoạch số 1/KH-UBND)",
           "rows": [{"group": "", "number": "1", "criterion": "Tiêu chí", "solution": "Rà soát\nthủ tục",
                     "lead": "Văn phòng", "partners": "", "deadline": "Quý I", "note": ""}]}


def taken_out_afterwards(compiled: CompiledTemplate, context: dict) -> str:
    """The former way: the whole part rendered with its paragraph lines, then each line before `<w:p` removed."""
    xml = compiled._env.from_string(compiled._sources["word/document.xml"]).render(context).decode()
    xml = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
    return fit_marked(xml.encode(), compiled._marked, {}, {}).decode()   # the template's own cell widths


@pytest.fixture
def ours(monkeypatch):
    """A template compiled as one of ours (trusted, its tables split off and its paragraph lines taken out)."""
    monkeypatch.setattr(template_module, "is_bundled", lambda path, folder: True)

    def compiled(path):
        return CompiledTemplate(path, cache=CompileCache(None))

    return compiled


def rendered_body(compiled: CompiledTemplate, context: dict) -> str:
    return compiled.render(DocumentJob("phu-luc.docx", "phu-luc", context, PROPERTIES)).part("word/document.xml").decode()


def test_the_output_has_no_paragraph_line_and_is_the_former_one(ours):
    compiled = ours(default_templates_dir() / "phu-luc.docx")
    body = rendered_body(compiled, CONTEXT)
    assert "\n<w:p" not in body
    assert compiled._whole == {}   # not rendered a second time
    expected = compiled._line_breaks(taken_out_afterwards(compiled, CONTEXT)).decode()
    assert body == expected
    assert "Rà soát</w:t><w:br/>" in body


def test_a_value_ending_a_line_right_before_a_paragraph_keeps_that_line(ours, tmp_path):
    # `{{p tail }}` puts the value between paragraphs: its own line break stays, as it did when the
    # lines were taken out of the output (the joined template alone would lose it).
    template = with_paragraph(shutil.copy(default_templates_dir() / "phu-luc.docx", tmp_path / "phu-luc.docx"),
                              "{{p tail }}")
    compiled = ours(template)
    context = {**CONTEXT, "tail": "cuối\n"}
    body = rendered_body(compiled, context)
    assert "cuối\n<w:p" in body
    assert compiled._whole  # rendered again whole
    assert body == compiled._line_breaks(taken_out_afterwards(compiled, context)).decode()
    assert len(re.findall("\n<w:p", body)) == 1


@pytest.mark.parametrize("xml", ["", "\n", "<w:p>", "\n<w:p>", "a\nb\n<w:p ", "\n\n<w:p", "\n<w:pPr", "x\n<w:", "<w:p>\n"])
def test_a_paragraph_line_is_found_as_the_substring_is(xml):
    from pipeline.render.lines import has_paragraph_line

    assert has_paragraph_line(xml) == has_paragraph_line(xml.encode()) == ("\n<w:p" in xml)


@pytest.mark.parametrize("xml", ["", "<w:t>a\nb</w:t>", '<w:t xml:space="preserve">ô\n\nư</w:t><w:t>x</w:t>\n',
                                 "\n<w:t>a</w:t>", "<w:t>a</w:t>\n<w:t>ạ\n</w:t>"])
def test_a_values_line_breaks_are_the_same_edit_in_text_and_in_utf8(xml):
    from pipeline.render.lines import text_line_breaks

    assert text_line_breaks(xml.encode()) == text_line_breaks(xml).encode()
    assert ("<w:br/>" in text_line_breaks(xml)) == ("\n" in xml.partition("<w:t")[2].rpartition("</w:t>")[0])


TEXT_WITH_NEWLINE = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*\n[^<]*)(</w:t>)")
"""The pattern the render step used (and docxtpl's idea of a value's line break): the reference."""

PIECES = ["<w:t>", "</w:t>", '<w:t xml:space="preserve">', "<w:tbl>", "<w:tc>", "\n", "\n\n", "a", "ạ", ">",
          "<w:p>", "</w:p>", "<w:t/>", '<w:t x="1"/>', "<w:br/>", " ", '<w:t xml:space="preserve"\n>', "<w:p\n/>"]
"""Whole tags, some with a line break between attributes (well-formed XML, which a template may hold)."""


@pytest.mark.parametrize("seed", range(4))
def test_a_values_line_breaks_are_found_where_the_pattern_finds_them(seed):
    """The search from each line break rewrites exactly what the pattern rewrites, in any part
    whose tags are whole (what a render gives): text elements, other tags, breaks between them."""
    import random

    from pipeline.render import lines

    def by_pattern(xml):
        pattern = TEXT_WITH_NEWLINE if isinstance(xml, str) else re.compile(TEXT_WITH_NEWLINE.pattern.encode())
        line_break, newline = (lines._BREAK, "\n") if isinstance(xml, str) else (lines._BREAK.encode(), b"\n")
        return pattern.sub(lambda m: m.group(1) + m.group(2).replace(newline, line_break) + m.group(3), xml)

    rng = random.Random(seed)
    for _ in range(2000):
        xml = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        assert lines.text_line_breaks(xml) == by_pattern(xml), repr(xml)
        assert lines.text_line_breaks(xml.encode()) == by_pattern(xml.encode()), repr(xml)
