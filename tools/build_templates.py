"""Build the templates of the registered document kinds (templates/*.docx): real Word documents with docxtpl tags.

The committed .docx files are the product; this script is how they were made, so a change of layout
is reviewable as code. Users restyle the .docx in Word (every element has its own paragraph style,
named `VB …`) and pass their copies with `--templates`. Run from the project root:

    python tools/build_templates.py
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from deterministic_zip import FIXED_TIME, write_fixed  # noqa: E402
from pipeline.documents import REGISTRY  # noqa: E402
from pipeline.documents.columns import PLAN_TASKS, REPORT_TASKS, TaskTable  # noqa: E402
from pipeline.layout import (  # noqa: E402
    A4_LONG,
    A4_SHORT,
    CELL_PADDING,
    HEADER_LEFT_WIDTH,
    HEADER_RIGHT_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    SIGNATURE_LEFT_WIDTH,
    SIGNATURE_RIGHT_WIDTH,
    SIZES,
    WORD_SLACK,
    text_width,
)

FONT = "Times New Roman"
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
FIRST_LINE = Twips(720)  # 1.27 cm
SPACE_BEFORE_SIGNATURE = 24  # pt: about one empty line between the closing sentence and the signature

# style id -> (name shown in Word, size pt, bold, italic, alignment, first-line indent, space before, after)
STYLES = {
    "VBManagingBody": ("VB Cơ quan chủ quản", SIZES["managing_body"], False, False, CENTER, None, 0, 0),
    "VBIssuer": ("VB Cơ quan ban hành", SIZES["issuer"], True, False, CENTER, None, 0, 0),
    "VBNumber": ("VB Số, ký hiệu", SIZES["number"], False, False, CENTER, None, 6, 0),
    "VBNationalName": ("VB Quốc hiệu", SIZES["national_name"], True, False, CENTER, None, 0, 0),
    "VBMotto": ("VB Tiêu ngữ", SIZES["motto"], True, False, CENTER, None, 0, 0),
    "VBRule": ("VB Đường kẻ", SIZES["motto"], False, False, CENTER, None, 0, 0),
    "VBSectionBreak": ("VB Ngắt phần", 1, False, False, LEFT, None, 0, 0),
    "VBDateLine": ("VB Địa danh, ngày tháng", SIZES["date_line"], False, True, CENTER, None, 6, 0),
    "VBDocType": ("VB Tên loại", SIZES["doc_type"], True, False, CENTER, None, 18, 0),
    "VBSummary": ("VB Trích yếu", SIZES["summary"], True, False, CENTER, None, 0, 0),
    "VBAddressee": ("VB Kính gửi", SIZES["body"], False, False, CENTER, None, 12, 6),
    "VBAddresseeItem": ("VB Kính gửi, dòng", SIZES["body"], False, False, LEFT, None, 0, 0),
    "VBBody": ("VB Nội dung", SIZES["body"], False, False, JUSTIFY, FIRST_LINE, 0, 6),
    "VBNote": ("VB Nội dung, ghi chú", SIZES["body"], False, True, JUSTIFY, FIRST_LINE, 0, 6),
    "VBSection": ("VB Mục (I, II)", SIZES["body"], True, False, JUSTIFY, FIRST_LINE, 6, 6),
    "VBClause": ("VB Khoản có tiêu đề (1, 2)", SIZES["body"], True, False, JUSTIFY, FIRST_LINE, 0, 6),
    "VBPoint": ("VB Điểm có tiêu đề (a, b)", SIZES["body"], False, False, JUSTIFY, FIRST_LINE, 0, 6),
    "VBRecipientsLabel": ("VB Nơi nhận", SIZES["recipients_label"], True, True, LEFT, None, 0, 0),
    "VBRecipient": ("VB Nơi nhận, dòng", SIZES["recipient"], False, False, LEFT, None, 0, 0),
    "VBAuthority": ("VB Quyền hạn, chức vụ người ký", SIZES["authority"], True, False, CENTER, None, 0, 0),
    "VBSignerName": ("VB Họ tên người ký", SIZES["signer_name"], True, False, CENTER, None, 80, 0),
    "VBAppendix": ("VB Phụ lục", SIZES["appendix"], True, False, CENTER, None, 0, 0),
    "VBAppendixTitle": ("VB Phụ lục, tên", SIZES["appendix"], True, False, CENTER, None, 0, 0),
    "VBAppendixRef": ("VB Phụ lục, kèm theo", SIZES["appendix_ref"], False, True, CENTER, None, 0, 12),
    "VBAppendixSummary": ("VB Phụ lục, tổng hợp", SIZES["appendix_ref"], False, True, JUSTIFY, FIRST_LINE, 6, 0),
    "VBTableHead": ("VB Bảng, tiêu đề", SIZES["table"], True, False, CENTER, None, 2, 2),
    "VBTable": ("VB Bảng", SIZES["table"], False, False, LEFT, None, 2, 2),
    "VBTableCenter": ("VB Bảng, giữa", SIZES["table"], False, False, CENTER, None, 2, 2),
    "VBTableFlag": ("VB Bảng, quá hạn", SIZES["table"], True, True, CENTER, None, 0, 2),
    "VBTableNote": ("VB Bảng, kỳ trước", SIZES["table"], False, True, CENTER, None, 0, 2),
    "VBTableGroup": ("VB Bảng, lĩnh vực", SIZES["table"], True, False, LEFT, None, 2, 2),
    "VBTableBold": ("VB Bảng, dòng chính", SIZES["table"], True, False, LEFT, None, 2, 2),
    "VBTableBoldCenter": ("VB Bảng, dòng chính, giữa", SIZES["table"], True, False, CENTER, None, 2, 2),
    "VBFormHeading": ("VB Biểu mẫu", SIZES["appendix"], True, False, CENTER, None, 12, 0),
    "VBFormTitle": ("VB Biểu mẫu, tên", SIZES["appendix"], True, False, CENTER, None, 12, 6),
    "VBPageNumber": ("VB Số trang", SIZES["page_number"], False, False, CENTER, None, 0, 0),
}


# ------------------------------------------------------------------------------------------
# Document setup


def set_fonts(rpr) -> None:
    """All four font slots to Times New Roman and no theme font, on a w:rPr element."""
    fonts = rpr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def new_document():
    doc = Document()
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr_default)
    for el in rpr_default.findall(qn("w:lang")):
        rpr_default.remove(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    rpr_default.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    # Every style of the default template: Times New Roman, black, no theme fonts or colours.
    for rpr in styles_el.iter(qn("w:rPr")):
        set_fonts(rpr)
        for color in rpr.findall(qn("w:color")):
            rpr.remove(color)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(SIZES["body"])
    normal.font.name = FONT
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True  # no paragraph leaves one line alone on a page
    for style_id, spec in STYLES.items():
        add_paragraph_style(doc, style_id, *spec)
    line_break_not_stretched(doc)
    return doc


def line_break_not_stretched(doc) -> None:
    """Word's `Don't expand character spaces on a line ending with SHIFT+RETURN`: a line the clerk
    broke in a cell (Alt+Enter, printed as a line break) keeps its spaces in a justified paragraph; else
    Word and LibreOffice spread its words across the width (`hành      chính      hiện      đại:`)."""
    compat = doc.settings.element.find(qn("w:compat"))
    flag = OxmlElement("w:doNotExpandShiftReturn")
    compat.insert(0, flag)  # before useFELayout and the compatSettings (CT_Compat's order)


def add_paragraph_style(doc, style_id, name, size, bold, italic, align, first_line, before, after):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    pf = style.paragraph_format
    pf.alignment = align
    pf.first_line_indent = first_line
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = 1.15 if style_id in {"VBBody", "VBNote", "VBSection", "VBClause", "VBPoint"} else 1.0
    if style_id in {"VBSection", "VBClause", "VBPoint", "VBDocType", "VBSummary", "VBAppendix", "VBAppendixTitle",
                    "VBFormHeading"}:
        pf.keep_with_next = True  # a heading never ends a page without its text
    if style_id == "VBRule":
        pf.line_spacing = Pt(2)
        style.font.size = Pt(2)
    if style_id == "VBSectionBreak":
        pf.line_spacing = Pt(1)  # the empty paragraph ending a section: never a page of its own
    set_fonts(style.element.get_or_add_rPr())
    return style


def setup_section(section, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(A4_LONG), Twips(A4_SHORT)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(A4_SHORT), Twips(A4_LONG)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance = section.footer_distance = Twips(567)
    section.different_first_page_header_footer = True


def restart_page_numbers(section) -> None:
    # A section added after one that restarts copies its w:pgNumType: one only (CT_SectPr allows one).
    for old in section._sectPr.findall(qn("w:pgNumType")):
        section._sectPr.remove(old)
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    # CT_SectPr's sequence: w:pgNumType comes before all of these.
    section._sectPr.insert_element_before(
        pg, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
        "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def add_page_number_header(section) -> None:
    """Page number centred in the header, not on the first page (ND 30, Phụ lục I)."""
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = STYLES["VBPageNumber"][0]
    run = p.add_run()
    set_fonts(run._r.get_or_add_rPr())
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = STYLES["VBPageNumber"][0]


# ------------------------------------------------------------------------------------------
# Paragraph and table helpers


def para(container, text: str = "", style: str = "VBBody"):
    p = container.add_paragraph(style=STYLES[style][0])
    if text:
        run = p.add_run(text)
        set_fonts(run._r.get_or_add_rPr())
    return p


def first_para(cell, text: str, style: str):
    p = cell.paragraphs[0]
    p.style = STYLES[style][0]
    run = p.add_run(text)
    set_fonts(run._r.get_or_add_rPr())
    return p


def borderless_table(doc, widths: list[int]):
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_table_borders(table, "nil")
    set_widths(table, widths)
    return table


# Child order of w:tblPr and w:trPr in ECMA-376 (as python-docx's CT_TblPr/CT_TrPr declare it; the
# classes do not keep their sequences, and offer no property for borders, header rows or cantSplit).
SCHEMA_SEQUENCES = {
    qn("w:tblPr"): ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                    "w:tblPrChange"),
    qn("w:trPr"): ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
                   "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
                   "w:ins", "w:del", "w:trPrChange"),
}


def set_in_schema_order(parent, tag: str):
    """A new child `tag` of a python-docx element, replacing any old one, placed where the schema's
    sequence puts it (python-docx's insert_element_before): Word may reject misordered properties."""
    parent.remove_all(tag)
    sequence = SCHEMA_SEQUENCES[parent.tag]
    child = OxmlElement(tag)
    parent.insert_element_before(child, *sequence[sequence.index(tag) + 1:])
    return child


def set_widths(table, widths: list[int]) -> None:
    """Fixed column widths; `table.autofit = False` (python-docx) has set the fixed layout."""
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w))
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = Twips(w)


def set_table_borders(table, kind: str) -> None:
    borders = set_in_schema_order(table._tbl.tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), kind)
        if kind != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)


def repeat_as_header(row) -> None:
    set_in_schema_order(row._tr.get_or_add_trPr(), "w:tblHeader")
    never_split(row)


def never_split(row) -> None:
    """The row moves to the next page whole rather than break across two (Word and LibreOffice)."""
    set_in_schema_order(row._tr.get_or_add_trPr(), "w:cantSplit")


def item_row(table, columns: list[tuple[str, int, list[tuple[str, str]]]]) -> list:
    """A row of an item's cells, never split across pages; its paragraphs."""
    row = table.add_row()
    never_split(row)
    paragraphs = []
    for cell, (_, _, texts) in zip(row.cells, columns):
        (text, style), *more = texts
        paragraphs.append(first_para(cell, text, style))
        paragraphs += [para(cell, text, style) for text, style in more]
    return paragraphs


def group_row(table, text: str):
    """A heading row across the whole table (one merged cell), bold, kept with the row below."""
    row = table.add_row()
    never_split(row)
    cell = row.cells[0].merge(row.cells[-1])
    p = first_para(cell, text, "VBTableGroup")
    p.paragraph_format.keep_with_next = True
    return row


def tag_row(table, text: str):
    """A row holding only a `{%tr … %}` tag: docxtpl replaces the whole row by the tag."""
    row = table.add_row()
    first_para(row.cells[0], text, "VBTable")
    return row


# ------------------------------------------------------------------------------------------
# Blocks shared by the templates


def header_block(doc) -> None:
    """Row 1: issuing body | national name and motto; row 2: number | place and date (same line)."""
    table = borderless_table(doc, [HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH])
    table.add_row()
    set_widths(table, [HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH])
    (left, right), (number, date_line) = (row.cells for row in table.rows)
    first_para(left, "{%p for line in managing_body_lines %}", "VBManagingBody")
    para(left, "{{ line }}", "VBManagingBody")
    para(left, "{%p endfor %}", "VBManagingBody")
    para(left, "{%p for line in issuer_lines %}", "VBIssuer")
    para(left, "{{ line }}", "VBIssuer")
    para(left, "{%p endfor %}", "VBIssuer")
    para(left, "{{p horizontal_rule(issuer_rule) }}", "VBRule")
    first_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "VBNationalName")
    para(right, "Độc lập - Tự do - Hạnh phúc", "VBMotto")
    para(right, "{{p horizontal_rule(motto_rule) }}", "VBRule")
    first_para(number, "Số: {{ number_symbol }}", "VBNumber")
    first_para(date_line, "{{ date_line }}", "VBDateLine")


def title_block(doc, doc_type: str) -> None:
    para(doc, doc_type, "VBDocType")
    para(doc, "{{ summary }}", "VBSummary")
    para(doc, "{{p horizontal_rule(summary_rule) }}", "VBRule")


def signature_block(doc) -> None:
    """Nơi nhận | authority, title, name: one table row that never splits, kept with the text above.

    The last two body paragraphs keep with the next (body_paragraphs' keep_last) and widow control
    holds at least two lines of each: the signature never stands alone on a page. No empty paragraph
    comes between (LibreOffice breaks a keep chain through one): the space is the last paragraph's.
    """
    table = borderless_table(doc, [SIGNATURE_LEFT_WIDTH, SIGNATURE_RIGHT_WIDTH])
    never_split(table.rows[0])
    left, right = table.rows[0].cells
    first_para(left, "Nơi nhận:", "VBRecipientsLabel")
    para(left, "{%p for line in recipients %}", "VBRecipient")
    para(left, "{{ line }}", "VBRecipient")
    para(left, "{%p endfor %}", "VBRecipient")
    first_para(right, "{%p for line in signer.authority %}", "VBAuthority")
    para(right, "{{ line }}", "VBAuthority")
    para(right, "{%p endfor %}", "VBAuthority")
    para(right, "{{ signer.title }}", "VBAuthority")
    para(right, "{{ signer.name }}", "VBSignerName")
    for cell in (left, right):
        for p in cell.paragraphs:
            p.paragraph_format.keep_together = True


def appendix_section(doc, title_tag: str | None) -> None:
    """Start a landscape section whose page numbers restart, as ND 30 asks for each appendix."""
    new_section(doc, landscape=True)
    appendix_heading(doc, title_tag)


def new_section(doc, landscape: bool):
    """A section on a new page whose page numbers restart: each appendix is numbered on its own."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    # python-docx ends the previous section with a new empty paragraph; at full size it spills onto
    # a blank page whenever the signature block fills the page.
    doc.paragraphs[-1].style = STYLES["VBSectionBreak"][0]
    setup_section(section, landscape=landscape)
    restart_page_numbers(section)
    return section


def appendix_heading(doc, title_tag: str | None) -> None:
    para(doc, "PHỤ LỤC", "VBAppendix")
    if title_tag:
        para(doc, title_tag, "VBAppendixTitle")
    para(doc, "{{ appendix_reference }}", "VBAppendixRef")


def require_whole_words(columns) -> None:
    """Every column holds its header's longest word on one line: no `Số nhiệ` / `m vụ`."""
    for head, width, _ in columns:
        longest = max(head.split(), key=lambda word: text_width(word, SIZES["table"], bold=True))
        needed = round(text_width(longest, SIZES["table"], bold=True) * WORD_SLACK) + CELL_PADDING
        if needed > width:
            raise SystemExit(f"column “{head}”: {width} twips, its word “{longest}” needs {needed}")


def data_table(doc, var: str, columns: list[tuple[str, int, list[tuple[str, str]]]], items: str = "rows",
               total: list[tuple[str, str]] | None = None, grouped: bool = False, caption: str = "",
               keep_last: bool = False) -> None:
    """A bordered table: header row repeated on every page, then one row per item of `items`.

    columns: (header text, width in twips, the cell's paragraphs as (text, style));
    total: an optional last row, one (text, style) per column; the last item's row is kept with it
    (each of its paragraphs keeps with the next), so that `Tổng cộng` never heads a page alone;
    grouped: an item with a `group` text is a heading row across the table (a CCHC field), kept
    with the row after it;
    caption: the table's Alt Text title, by which a document's own column widths find it
    (pipeline.documents.columns, pipeline.render.columns);
    keep_last: the last item's row is kept with the paragraph after the table, as with a total (a
    report's closing line under its task table never stands alone atop the last page).
    """
    require_whole_words(columns)
    table = doc.add_table(rows=1, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_table_borders(table, "single")
    if caption:
        set_in_schema_order(table._tbl.tblPr, "w:tblCaption").set(qn("w:val"), caption)
    for cell, (head, _, _) in zip(table.rows[0].cells, columns):
        first_para(cell, head, "VBTableHead")
        cell.vertical_alignment = 1  # centre
    repeat_as_header(table.rows[0])
    tag_row(table, f"{{%tr for {var} in {items} %}}")
    if grouped:
        tag_row(table, f"{{%tr if {var}.group %}}")
        group_row(table, f"{{{{ {var}.group }}}}")
        tag_row(table, "{%tr else %}")
    kept = bool(total) or keep_last
    if kept:
        tag_row(table, "{%tr if loop.last %}")
        for paragraph in item_row(table, columns):
            paragraph.paragraph_format.keep_with_next = True
        tag_row(table, "{%tr else %}")
    item_row(table, columns)
    for _ in range(bool(grouped) + kept):  # one endif for each if opened above
        tag_row(table, "{%tr endif %}")
    tag_row(table, "{%tr endfor %}")
    if total:
        row = table.add_row()
        for cell, (text, style) in zip(row.cells, total):
            first_para(cell, text, style)
    set_widths(table, [c[1] for c in columns])


# The task tables' headers and template widths are pipeline.documents.columns' (a document sizes
# its columns from its own rows); here, what each cell prints.
PLAN_CELLS = [
    [("{{ t.number }}", "VBTableCenter")],
    [("{{ t.criterion }}", "VBTable")],
    [("{{ t.solution }}", "VBTable")],
    [("{{ t.lead }}", "VBTable")],
    [("{{ t.partners }}", "VBTable")],
    [("{{ t.deadline }}", "VBTableCenter")],
    [("{{ t.note }}", "VBTable")],
]

REPORT_CELLS = [
    [("{{ r.number }}", "VBTableCenter")],
    [("{{ r.criterion }}", "VBTable")],
    [("{{ r.solution }}", "VBTable")],
    [("{{ r.lead }}", "VBTable")],
    [("{{ r.deadline }}", "VBTableCenter")],
    [
        ("{{ r.status }}", "VBTableCenter"),
        ("{%p if r.overdue %}", "VBTableFlag"),
        ("(Quá hạn)", "VBTableFlag"),
        ("{%p endif %}", "VBTableFlag"),
        ("{%p if r.previous %}", "VBTableNote"),
        ("{{ r.previous }}", "VBTableNote"),
        ("{%p endif %}", "VBTableNote"),
    ],
    [("{{ r.outcome }}", "VBTable")],
    [("{{ r.evidence }}", "VBTable")],
    [("{{ r.note }}", "VBTable")],
]


def task_table(doc, var: str, spec: TaskTable, cells: list[list[tuple[str, str]]], keep_last: bool = False) -> None:
    """An appendix table of tasks, captioned so that each document sizes its columns from its rows;
    `keep_last`: its last row kept with the closing line under it."""
    columns = [(column.head, column.width, paragraphs) for column, paragraphs in zip(spec.columns, cells, strict=True)]
    data_table(doc, var, columns, grouped=True, caption=spec.caption, keep_last=keep_last)


# The progress of a cumulative report (6 months, 9 months, year): the standing at each quarter's
# cut-off (lũy kế) and the tasks finished within the quarter, so `Hoàn thành 5` is not read as five
# finished in that quarter. Each column holds its header's longest word on one line.
PROGRESS_TABLE = [
    ("Kỳ", 2100, [("{{ g.period }}", "VBTableCenter")]),
    ("Số nhiệm vụ", 950, [("{{ g.total }}", "VBTableCenter")]),
    ("Hoàn thành trong kỳ", 1000, [("{{ g.finished }}", "VBTableCenter")]),
    ("Hoàn thành (lũy kế)", 1000, [("{{ g.done }}", "VBTableCenter")]),
    ("Đang thực hiện", 1000, [("{{ g.in_progress }}", "VBTableCenter")]),
    ("Chưa thực hiện", 1000, [("{{ g.not_started }}", "VBTableCenter")]),
    ("Quá hạn", 900, [("{{ g.overdue }}", "VBTableCenter")]),
    ("Tỷ lệ hoàn thành", 1121, [("{{ g.completion }}", "VBTableCenter")]),
]


def body_paragraphs(doc, items: str, var: str = "para", keep_last: bool = False, outline: bool = False) -> None:
    """Paragraphs of one loop, each formatted by its kind (mục, khoản có tiêu đề, ghi chú, nội dung).

    keep_last: the loop's last paragraph (the closing `…/.`) keeps with the signature that follows,
    and the one before it with the closing: two lines of text at least go with the signature even
    when the closing sentence is a single line. Headings keep with the next by their style already.
    """
    para(doc, "{%p for " + var + " in " + items + " %}", "VBBody")
    para(doc, "{%p if " + var + '.kind == "section" %}', "VBSection")
    para(doc, "{{ " + var + ".text }}", "VBSection")
    if outline:  # before the clause that keeps with the next
        para(doc, "{%p elif " + var + '.kind == "clause" and ' + var + ".alone is defined and " + var + ".alone %}",
             "VBClause")
        para(doc, "{{ " + var + ".text }}", "VBClause").paragraph_format.keep_with_next = False
    para(doc, "{%p elif " + var + '.kind == "clause" %}', "VBClause")
    para(doc, "{{ " + var + ".text }}", "VBClause")
    if outline:
        outline_paragraphs(doc, var)
    for style, test in (("VBNote", var + '.kind == "note"'), ("VBBody", None)):
        if keep_last:
            for position, space_after in (("loop.last", SPACE_BEFORE_SIGNATURE), ("loop.revindex == 2", None)):
                para(doc, "{%p elif " + (f"{test} and {position}" if test else position) + " %}", style)
                kept = para(doc, "{{ " + var + ".text }}", style).paragraph_format
                kept.keep_with_next = True
                if space_after:
                    kept.space_after = Pt(space_after)
        para(doc, "{%p elif " + test + " %}" if test else "{%p else %}", style)
        para(doc, "{{ " + var + ".text }}", style)
    para(doc, "{%p endif %}", "VBBody")
    para(doc, "{%p endfor %}", "VBBody")


def outline_paragraphs(doc, var: str) -> None:
    """The CCHC report's more kinds: a point heading `a) …` (kept with its text), and a run-in heading
    (`5. Về …: <text>`, bold heading then the text in the same paragraph; a point's, `c) Tình hình …: <text>`,
    regular). Its clauses with
    nothing under them (`alone`) are not kept with the next (see `body_paragraphs`): a run of them
    kept together moves to the next page as a block and leaves a quarter of a page blank (a trial's
    quý I report did)."""
    para(doc, "{%p elif " + var + '.kind == "point" %}', "VBPoint")
    para(doc, "{{ " + var + ".text }}", "VBPoint")
    for kind, lead_bold in (("run_in", True), ("point_run_in", None)):  # a point's heading is regular
        para(doc, "{%p elif " + var + f'.kind == "{kind}" %}}', "VBBody")
        p = para(doc, "", "VBBody")
        for text, bold in (("{{ " + var + ".lead }}", lead_bold), ("{{ " + var + ".text }}", None)):
            run = p.add_run(text)
            run.bold = bold
            set_fonts(run._r.get_or_add_rPr())


# ------------------------------------------------------------------------------------------
# The three templates


def portrait_document():
    doc = new_document()
    setup_section(doc.sections[0], landscape=False)
    add_page_number_header(doc.sections[0])
    return doc


def plan_template():
    doc = portrait_document()
    header_block(doc)
    title_block(doc, "KẾ HOẠCH")
    body_paragraphs(doc, "body", keep_last=True)
    signature_block(doc)
    appendix_section(doc, "{{ appendix_title }}")
    plan_rows(doc)
    return doc


def plan_rows(doc) -> None:
    task_table(doc, "t", PLAN_TASKS, PLAN_CELLS)


def appendix_template():
    doc = new_document()
    setup_section(doc.sections[0], landscape=True)
    add_page_number_header(doc.sections[0])
    appendix_heading(doc, "{{ appendix_title }}")
    plan_rows(doc)
    return doc


def report_template():
    doc = portrait_document()
    header_block(doc)
    title_block(doc, "BÁO CÁO")
    addressee_block(doc)
    body_paragraphs(doc, "body_head")
    para(doc, "{%p if progress %}", "VBBody")
    data_table(doc, "g", PROGRESS_TABLE, items="progress")
    para(doc, "", "VBBody")
    para(doc, "{%p endif %}", "VBBody")
    body_paragraphs(doc, "body_tail", keep_last=True)
    signature_block(doc)
    appendix_section(doc, "{{ appendix_title }}")
    task_table(doc, "r", REPORT_TASKS, REPORT_CELLS, keep_last=True)
    para(doc, "{{ appendix_summary }}", "VBAppendixSummary")
    return doc


def addressee_block(doc) -> None:
    """Kính gửi: on one line for one addressee, else one `- …;` line each (ND 30, ô 9a)."""
    para(doc, "{%p if addressees|length == 1 %}", "VBAddressee")
    para(doc, "Kính gửi: {{ addressees[0] }}", "VBAddressee")
    para(doc, "{%p elif addressees %}", "VBAddressee")
    para(doc, "Kính gửi:", "VBAddressee")
    para(doc, "{%p for line in addressee_lines %}", "VBAddresseeItem")
    para(doc, "{{ line }}", "VBAddresseeItem").paragraph_format.left_indent = Twips(2880)
    para(doc, "{%p endfor %}", "VBAddresseeItem")
    para(doc, "{%p endif %}", "VBAddressee")


# A statistics form (Biểu mẫu): STT | Chỉ tiêu thống kê | Kết quả thống kê (Đơn vị tính | Số liệu) | Ghi chú.
FORM_WIDTHS = [900, 7003, 2600, 1500, 2000]
"""Landscape (14003), the CCHC report's Phụ lục I."""
PORTRAIT_FORM_WIDTHS = [800, 4171, 1400, 1100, 1600]
"""Portrait (9071), the roll-up's appendix."""
FORM_HEAD = "Chỉ tiêu thống kê"
FORM_HEAD_NOTE = "(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)"


def form_table(doc, widths: list[int] = FORM_WIDTHS) -> None:
    """The two-row header (repeated on every page), then one row per form `f`'s rows, top rows in bold."""
    table = doc.add_table(rows=2, cols=5)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_table_borders(table, "single")
    top, second = table.rows
    first_para(top.cells[0], "STT", "VBTableHead")
    first_para(top.cells[1], FORM_HEAD, "VBTableHead")
    note = para(top.cells[1], "", "VBTableHead")
    run = note.add_run(FORM_HEAD_NOTE)
    run.bold, run.italic = False, True
    set_fonts(run._r.get_or_add_rPr())
    first_para(top.cells[2], "Kết quả thống kê", "VBTableHead")
    first_para(top.cells[4], "Ghi chú", "VBTableHead")
    first_para(second.cells[2], "Đơn vị tính", "VBTableHead")
    first_para(second.cells[3], "Số liệu", "VBTableHead")
    for column in (0, 1, 4):
        top.cells[column].merge(second.cells[column])
    top.cells[2].merge(top.cells[3])
    for row in (top, second):
        repeat_as_header(row)
        # LibreOffice sizes a repeated header by its rows, not by the merged cell that spans them
        row.height, row.height_rule = Twips(500), WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell in row.cells:
            cell.vertical_alignment = 1
    tag_row(table, "{%tr for r in f.rows %}")
    row = table.add_row()
    never_split(row)
    cells = [("{{ r.stt }}", "VBTableCenter", "VBTableBoldCenter"), ("{{ r.indicator }}", "VBTable", "VBTableBold"),
             ("{{ r.unit }}", "VBTableCenter", "VBTableBoldCenter"), ("{{ r.value }}", "VBTableCenter", "VBTableBoldCenter"),
             ("{{ r.note }}", "VBTable", "VBTable")]
    for cell, (text, plain, bold) in zip(row.cells, cells):
        if plain == bold:
            first_para(cell, text, plain)
            continue
        first_para(cell, "{%p if r.strong %}", bold)
        para(cell, text, bold)
        para(cell, "{%p else %}", plain)
        para(cell, text, plain)
        para(cell, "{%p endif %}", plain)
    tag_row(table, "{%tr endfor %}")
    set_widths(table, widths)
    top.cells[2].width = Twips(widths[2] + widths[3])  # set_widths sees the merged cell twice


def cchc_report_template():
    """Báo cáo CCHC định kỳ: the outline, then Phụ lục I (the seven forms) and Phụ lục II (the tasks)."""
    doc = portrait_document()
    header_block(doc)
    title_block(doc, "BÁO CÁO")
    addressee_block(doc)
    body_paragraphs(doc, "body", keep_last=True, outline=True)
    signature_block(doc)
    new_section(doc, landscape=True)
    para(doc, "{%p if forms %}", "VBAppendix")  # without forms, the task table is the only appendix
    forms_heading(doc, "PHỤ LỤC I", "appendix_reference")
    para(doc, "{%p for f in forms %}", "VBFormHeading")
    # As the real report: each form after the first starts a page, its table never far from its title.
    para(doc, "{%p if loop.first %}", "VBFormHeading")
    para(doc, "Biểu mẫu {{ f.number }}", "VBFormHeading")
    para(doc, "{%p else %}", "VBFormHeading")
    para(doc, "Biểu mẫu {{ f.number }}", "VBFormHeading").paragraph_format.page_break_before = True
    para(doc, "{%p endif %}", "VBFormHeading")
    para(doc, "{{ f.title }}", "VBAppendixTitle").paragraph_format.space_after = Pt(6)
    form_table(doc)
    para(doc, "{%p endfor %}", "VBFormHeading")
    new_section(doc, landscape=True)
    para(doc, "{%p endif %}", "VBAppendix")
    para(doc, "PHỤ LỤC{{ ' II' if forms }}", "VBAppendix")
    para(doc, "{{ appendix_title }}", "VBAppendixTitle")
    para(doc, "{{ appendix_reference }}", "VBAppendixRef")
    task_table(doc, "r", REPORT_TASKS, REPORT_CELLS, keep_last=True)
    para(doc, "{{ appendix_summary }}", "VBAppendixSummary")
    return doc


ROLLUP_TABLE = [
    ("TT", 570, [("{{ c.number }}", "VBTableCenter")]),
    ("Đơn vị", 1577, [("{{ c.name }}", "VBTable")]),
    ("Số, ngày báo cáo", 1900, [("{{ c.report_number }}", "VBTableCenter"), ("{{ c.report_date }}", "VBTableCenter")]),
    ("Số nhiệm vụ", 920, [("{{ c.total }}", "VBTableCenter")]),
    ("Hoàn thành", 876, [("{{ c.done }}", "VBTableCenter")]),
    ("Đang thực hiện", 820, [("{{ c.in_progress }}", "VBTableCenter")]),
    ("Chưa thực hiện", 832, [("{{ c.not_started }}", "VBTableCenter")]),
    ("Quá hạn", 700, [("{{ c.overdue }}", "VBTableCenter")]),
    ("Tỷ lệ hoàn thành", 876, [("{{ c.completion }}", "VBTableCenter")]),
]
"""The report's number and date on a line each, in a column wide enough for `230/BC-UBND` (a line
break inside a number, `230/BC-` / `UBND`, is what a trial found when they shared one line); the
figures' columns as narrow as their headers' words allow."""
ROLLUP_TOTAL = [("", "VBTableHead"), ("Tổng cộng", "VBTableHead"), ("", "VBTableHead")] + [
    (f"{{{{ totals.{key} }}}}", "VBTableHead")
    for key in ("total", "done", "in_progress", "not_started", "overdue", "completion")
]
OVERDUE_TABLE = [
    ("TT", 600, [("{{ o.number }}", "VBTableCenter")]),
    ("Đơn vị", 1700, [("{{ o.commune }}", "VBTable")]),
    ("Nhiệm vụ", 4171, [("{{ o.task }}", "VBTable")]),
    ("Thời gian hoàn thành", 1300, [("{{ o.deadline }}", "VBTableCenter")]),
    ("Tình trạng", 1300, [("{{ o.status }}", "VBTableCenter")]),
]


def forms_heading(doc, label: str, reference: str) -> None:
    """The forms appendix's heading: its label, `forms_title`, `forms_issuer`, then the `reference` variable."""
    para(doc, label, "VBAppendix")
    para(doc, "{{ forms_title }}", "VBAppendixTitle")
    para(doc, "{{ forms_issuer }}", "VBAppendixTitle")
    para(doc, "{{ " + reference + " }}", "VBAppendixRef")


def statistics_forms_appendix(doc, only_if: str | None = None) -> None:
    """The appendix of the seven forms, as the real report has it: its own portrait section, pages from 1.

    Context: `forms_title`, `forms_issuer`, `forms_reference` and `forms` (pipeline.documents.forms).
    only_if: a condition for the whole appendix. The appendix section then carries the same page setup
    and header as the body, so the document is whole when the condition removes the section break.
    """
    if only_if:
        para(doc, "{%p if " + only_if + " %}", "VBBody")
    section = new_section(doc, landscape=False)
    add_page_number_header(section)
    forms_heading(doc, "PHỤ LỤC", "forms_reference")
    para(doc, "{%p for f in forms %}", "VBFormTitle")
    para(doc, "Biểu mẫu {{ f.number }}", "VBFormTitle").paragraph_format.keep_with_next = True
    title = para(doc, "{{ f.title }}", "VBFormTitle").paragraph_format
    title.keep_with_next = True
    title.space_before = Pt(0)
    form_table(doc, PORTRAIT_FORM_WIDTHS)
    para(doc, "{%p endfor %}", "VBFormTitle")
    if only_if:
        para(doc, "{%p endif %}", "VBBody")


def rollup_template():
    doc = portrait_document()
    header_block(doc)
    title_block(doc, "BÁO CÁO")
    addressee_block(doc)
    body_paragraphs(doc, "intro")
    data_table(doc, "c", ROLLUP_TABLE, items="communes", total=ROLLUP_TOTAL)
    para(doc, "", "VBBody")
    body_paragraphs(doc, "middle")
    para(doc, "{%p if overdue_rows %}", "VBBody")
    data_table(doc, "o", OVERDUE_TABLE, items="overdue_rows")
    para(doc, "", "VBBody")
    para(doc, "{%p endif %}", "VBBody")
    body_paragraphs(doc, "closing", keep_last=True)
    signature_block(doc)
    statistics_forms_appendix(doc, only_if="forms")
    return doc


# Parts of python-docx's default template that a generated document does not need: a thumbnail of
# python-docx's own sample page (Explorer would show it as every file's preview), Word 2010's
# duplicate style sheet and an empty custom-XML item.
UNUSED_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")


def prune_package(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Drop UNUSED_PARTS with their relationships and content types, and unused styles."""
    from lxml import etree

    kept = {name: data for name, data in parts.items() if not name.startswith(UNUSED_PARTS)}
    for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
        root = etree.fromstring(kept[rels])
        for rel in list(root):
            target = rel.get("Target").lstrip("/").replace("../", "")
            if not any(f"word/{target}".startswith(u) or target.startswith(u) for u in UNUSED_PARTS):
                continue
            root.remove(rel)
        kept[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    types = etree.fromstring(kept["[Content_Types].xml"])
    extensions = {name.rsplit(".", 1)[-1].lower() for name in kept}
    for entry in list(types):
        part = entry.get("PartName", "").lstrip("/")
        extension = (entry.get("Extension") or "").lower()
        if (part and part not in kept) or (extension and extension not in extensions):
            types.remove(entry)
    kept["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    kept["word/styles.xml"] = prune_styles(kept)
    return kept


def prune_styles(parts: dict[str, bytes]) -> bytes:
    """Keep the default styles, the styles the document uses, and what those are based on."""
    import re

    from lxml import etree

    used = set()
    for name, data in parts.items():
        if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
            used |= set(re.findall(rb'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', data))
    root = etree.fromstring(parts["word/styles.xml"])
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    styles = {s.get(f"{w}styleId").encode(): s for s in root.iter(f"{w}style")}
    keep = {sid for sid, s in styles.items() if s.get(f"{w}default") == "1" or sid in used}
    while True:
        linked = {el.get(f"{w}val").encode() for sid in keep for tag in ("basedOn", "next", "link")
                  for el in styles[sid].findall(f"{w}{tag}") if el.get(f"{w}val").encode() in styles}
        if linked <= keep:
            break
        keep |= linked
    for sid, style in styles.items():
        if sid not in keep:
            root.remove(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def save_deterministic(doc, path: Path) -> None:
    """Save pruned, with fixed zip timestamps, so rebuilding an unchanged template changes no byte."""
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as src:
        parts = prune_package({info.filename: src.read(info.filename) for info in src.infolist()})
    write_fixed(path, parts)


BUILDERS = {
    "ke-hoach.docx": plan_template,
    "phu-luc.docx": appendix_template,
    "bao-cao-quy.docx": report_template,
    "tong-hop.docx": rollup_template,
    "bao-cao-cchc.docx": cchc_report_template,
}
"""How each template is drawn; a registered kind whose template is not here keeps its hand-made file."""


def main() -> None:
    out = Path(__file__).resolve().parents[1] / "templates"
    out.mkdir(exist_ok=True)
    for name in REGISTRY.templates():
        build = BUILDERS.get(name)
        if build is None:
            print(f"{out / name}: made by hand, kept")
            continue
        doc = build()
        props = doc.core_properties
        props.author = props.last_modified_by = "make-report"
        props.title = name
        props.created = props.modified = FIXED_TIME
        props.revision = 1
        save_deterministic(doc, out / name)
        print(out / name)
    write_bundled_hashes(out, REGISTRY.templates())


def write_bundled_hashes(folder: Path, names) -> None:
    """pipeline/render/bundled.py knows the shipped templates by content: only they render as ours."""
    import hashlib
    import re

    module = Path(__file__).resolve().parents[1] / "pipeline" / "render" / "bundled.py"
    lines = "".join(f'    "{name}": "{hashlib.sha256((folder / name).read_bytes()).hexdigest()}",\n'
                    for name in sorted(names))
    text = module.read_text(encoding="utf-8")
    module.write_text(re.sub(r"BUNDLED = \{\n.*?\}", lambda _: "BUNDLED = {\n" + lines + "}", text, count=1,
                             flags=re.DOTALL), encoding="utf-8")
    print(module)


if __name__ == "__main__":
    main()
