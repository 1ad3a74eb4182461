"""Effective run formatting: fonts, sizes and bold resolved through styles, defaults and theme."""

import re

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt

from check_docs import check, findings, good_plan, rewrite_part
from pipeline.check import check_docx

THEME = "word/theme/theme1.xml"


def minor_latin(typeface):
    def transform(xml):
        return re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*"', rf'\g<1>{typeface}"', xml)
    return transform


def theme_fonts_only(run, ascii_name=None):
    """Leave the run with w:asciiTheme/w:hAnsiTheme="minorHAnsi" (and maybe a w:ascii too)."""
    fonts = run._r.rPr.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    fonts.set(qn("w:asciiTheme"), "minorHAnsi")
    fonts.set(qn("w:hAnsiTheme"), "minorHAnsi")
    if ascii_name:
        fonts.set(qn("w:ascii"), ascii_name)


def drop_direct_fonts(paragraph):
    for run in paragraph.runs:
        fonts = run._r.rPr.find(qn("w:rFonts"))
        run._r.rPr.remove(fonts)


def test_a_theme_font_resolving_to_calibri_is_an_error(tmp_path):
    plan = good_plan()
    theme_fonts_only(plan.first_body.runs[0])
    path = plan.save(tmp_path)
    rewrite_part(path, THEME, minor_latin("Calibri"))
    [finding] = findings(check_docx(path), "P3", "error")
    assert finding.found == "phông Calibri (ascii, hAnsi)"


def test_a_theme_font_resolving_to_times_new_roman_passes(tmp_path):
    plan = good_plan()
    theme_fonts_only(plan.first_body.runs[0])
    path = plan.save(tmp_path)
    rewrite_part(path, THEME, minor_latin("Times New Roman"))
    assert findings(check_docx(path), "P3") == []


def test_the_theme_name_wins_over_the_direct_name_on_the_same_element(tmp_path):
    plan = good_plan()
    theme_fonts_only(plan.first_body.runs[0], ascii_name="Times New Roman")
    path = plan.save(tmp_path)
    rewrite_part(path, THEME, minor_latin("Calibri"))
    [finding] = findings(check_docx(path), "P3", "error")
    assert "Calibri" in finding.found


def test_the_paragraph_style_font_applies_when_the_run_sets_none(tmp_path):
    plan = good_plan()
    plan.document.styles["Normal"].font.name = "Arial"
    drop_direct_fonts(plan.first_body)
    [finding] = findings(check(plan, tmp_path), "P3", "error")
    assert finding.location.startswith("đoạn 5 ")
    assert finding.found == "phông Arial (ascii, hAnsi)"


def test_direct_formatting_wins_over_the_paragraph_style(tmp_path):
    plan = good_plan()
    plan.document.styles["Normal"].font.name = "Arial"
    assert findings(check(plan, tmp_path), "P3") == []


def test_fonts_are_inherited_along_the_based_on_chain(tmp_path):
    plan = good_plan()
    styles = plan.document.styles
    base = styles.add_style("Than van ban goc", WD_STYLE_TYPE.PARAGRAPH)
    base.font.name = "Verdana"
    derived = styles.add_style("Than van ban", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = base
    plan.first_body.style = derived
    drop_direct_fonts(plan.first_body)
    [finding] = findings(check(plan, tmp_path), "P3", "error")
    assert finding.found == "phông Verdana (ascii, hAnsi)"


def test_a_character_style_font_is_seen(tmp_path):
    plan = good_plan()
    style = plan.document.styles.add_style("Chu nhan manh", WD_STYLE_TYPE.CHARACTER)
    style.font.name = "Tahoma"
    run = plan.first_body.runs[0]
    run.style = style
    drop_direct_fonts(plan.first_body)
    [finding] = findings(check(plan, tmp_path), "P3", "error")
    assert finding.found == "phông Tahoma (ascii, hAnsi)"


def test_document_defaults_apply_when_no_style_sets_a_font(tmp_path):
    plan = good_plan()
    normal_fonts = plan.document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    normal_fonts.getparent().remove(normal_fonts)
    drop_direct_fonts(plan.first_body)
    defaults = plan.document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    for slot in ("ascii", "hAnsi"):
        defaults.set(qn(f"w:{slot}"), "Courier New")
    report = check(plan, tmp_path)
    assert any(f.location.startswith("đoạn 5 ") and "Courier New" in f.found
               for f in findings(report, "P3", "error"))


def test_size_comes_from_the_style_when_the_run_sets_none(tmp_path):
    plan = good_plan()
    plan.document.styles["Normal"].font.size = Pt(12)
    for run in plan.first_body.runs:
        run.font.size = None
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.found == "cỡ chữ 12 pt"


def test_size_is_ten_points_when_nothing_sets_it(tmp_path):
    plan = good_plan()
    plan.document.styles["Normal"].font.size = None
    defaults = plan.document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    defaults.remove(defaults.find(qn("w:sz")))
    for run in plan.first_body.runs:
        run.font.size = None
    [finding] = findings(check(plan, tmp_path), "B1", "error")
    assert finding.found == "cỡ chữ 10 pt"


def test_bold_may_come_from_the_paragraph_style(tmp_path):
    plan = good_plan()
    style = plan.document.styles.add_style("Ho ten nguoi ky", WD_STYLE_TYPE.PARAGRAPH)
    style.font.bold = True
    plan.signer.style = style
    plan.signer.runs[0].font.bold = None
    assert findings(check(plan, tmp_path), "S1") == []


def test_bold_in_both_paragraph_and_character_style_toggles_off(tmp_path):
    """ECMA-376 17.7.3: a toggle property set on in two style levels cancels out."""
    plan = good_plan()
    paragraph_style = plan.document.styles.add_style("Ho ten nguoi ky", WD_STYLE_TYPE.PARAGRAPH)
    paragraph_style.font.bold = True
    character_style = plan.document.styles.add_style("Dam", WD_STYLE_TYPE.CHARACTER)
    character_style.font.bold = True
    plan.signer.style = paragraph_style
    run = plan.signer.runs[0]
    run.style = character_style
    run.font.bold = None
    [finding] = findings(check(plan, tmp_path), "S1", "error")
    assert "không in đậm" in finding.found

