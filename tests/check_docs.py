"""Documents for the checker tests, built in code with python-docx.

``good_plan()`` builds a commune plan (kế hoạch) in the official ND 30/2020 format: the
tests break one property at a time and expect the matching finding.
"""

from __future__ import annotations

import copy
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips

from pipeline.check import check_docx

FONT = "Times New Roman"
A4 = (Twips(11906), Twips(16838))
MARGINS = {"top_margin": Twips(1134), "bottom_margin": Twips(1134),
           "left_margin": Twips(1701), "right_margin": Twips(1134)}   # 20/20/30/20 mm

BODY = [
    "Thực hiện Công văn số 142/UBND-TH ngày 31/01/2024 của UBND huyện Hải Lăng về việc khắc "
    "phục một số tiêu chí cải cách hành chính bị trừ điểm trong năm 2023, Ủy ban nhân dân xã "
    "Hải Định ban hành kế hoạch thực hiện trong năm 2024 như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Đẩy mạnh công tác cải cách hành chính nhằm xây dựng nền hành chính hiện đại, chuyên nghiệp, "
    "công khai, minh bạch, phục vụ Nhân dân.",
    "2. Yêu cầu",
    "Phân công trách nhiệm cụ thể cho cán bộ, công chức; các nhiệm vụ hoàn thành phải có hồ sơ, "
    "tài liệu kiểm chứng.",
    "II. NHIỆM VỤ CỤ THỂ",
    "Chi tiết các nhiệm vụ tại Phụ lục kèm theo Kế hoạch này.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Trên đây là Kế hoạch khắc phục các tiêu chí bị trừ điểm trong Bộ chỉ số cải cách hành "
    "chính năm 2023 của Ủy ban nhân dân xã, đề nghị các cán bộ, công chức liên quan triển khai, "
    "thực hiện./.",
]
HEADINGS = {"I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NHIỆM VỤ CỤ THỂ",
            "III. TỔ CHỨC THỰC HIỆN"}
RECIPIENTS = ["- UBND huyện (b/c);", "- Phòng Nội vụ huyện (b/c);", "- Đảng ủy xã (b/c);",
              "- Các ban, ngành, đoàn thể xã;", "- Lưu: VT."]
REFERENCE = ("(Kèm theo Kế hoạch số 25/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân "
             "xã Hải Định)")


@dataclass
class Plan:
    """The document and handles on the paragraphs the tests change."""

    document: docx.document.Document
    parts: dict[str, object] = field(default_factory=dict)

    def __getattr__(self, name: str):
        try:
            return self.__dict__["parts"][name]
        except KeyError:
            raise AttributeError(name) from None

    def save(self, directory: Path, name: str = "ke-hoach.docx") -> Path:
        path = Path(directory) / name
        self.document.save(str(path))
        return path


def set_fonts(rpr_parent, font: str = FONT) -> None:
    """All four w:rFonts slots, no theme fonts."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), font)


def write(paragraph, text: str, size: float, bold: bool = False, italic: bool = False,
          align=WD_ALIGN_PARAGRAPH.CENTER):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    set_fonts(run._r)
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def set_text(paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def body_format(paragraph) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.27)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.0


def borderless_table(document, rows: int, cols: int):
    table = document.add_table(rows=rows, cols=cols)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)
    return table


def add_page_number(paragraph, size: float = 13) -> None:
    """A complex PAGE field: begin, instruction, separate, cached result, end."""
    def run_with(element):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        set_fonts(run._r)
        run._r.append(element)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run_with(instruction)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    result = paragraph.add_run("2")
    result.font.size = Pt(size)
    set_fonts(result._r)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _document_defaults(document) -> None:
    styles = document.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = rpr.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)
    rpr.find(qn("w:sz")).set(qn("w:val"), "28")
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    set_fonts(normal.element)


def _page_setup(section, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = A4
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for name, value in MARGINS.items():
        setattr(section, name, value)


def good_plan() -> Plan:
    document = docx.Document()
    _document_defaults(document)
    section = document.sections[0]
    _page_setup(section)
    parts: dict[str, object] = {}

    header = borderless_table(document, rows=2, cols=2)
    left, right = header.cell(0, 0), header.cell(0, 1)
    parts["issuer"] = write(left.paragraphs[0], "ỦY BAN NHÂN DÂN", 13, bold=True)
    parts["commune"] = write(left.add_paragraph(), "XÃ HẢI ĐỊNH", 13, bold=True)
    parts["national_name"] = write(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    parts["motto"] = write(right.add_paragraph(), "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    parts["number_line"] = write(header.cell(1, 0).paragraphs[0], "Số: 25/KH-UBND", 13)
    parts["date_line"] = write(header.cell(1, 1).paragraphs[0],
                               "Hải Định, ngày 05 tháng 3 năm 2024", 14, italic=True)

    document.add_paragraph()
    parts["title"] = write(document.add_paragraph(), "KẾ HOẠCH", 14, bold=True)
    parts["summary"] = write(document.add_paragraph(),
                             "Khắc phục các tiêu chí bị trừ điểm trong chấm điểm cải cách "
                             "hành chính năm 2023", 14, bold=True)
    document.add_paragraph()
    body = []
    for text in BODY:
        paragraph = write(document.add_paragraph(), text, 14, bold=text in HEADINGS)
        body_format(paragraph)
        body.append(paragraph)
    parts["body"] = body
    parts["first_body"] = body[0]
    parts["last_body"] = body[-1]

    signature = borderless_table(document, rows=1, cols=2)
    recipients_cell, signer_cell = signature.cell(0, 0), signature.cell(0, 1)
    parts["recipients_label"] = write(recipients_cell.paragraphs[0], "Nơi nhận:", 12,
                                      bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    parts["recipients"] = [write(recipients_cell.add_paragraph(), text, 11,
                                 align=WD_ALIGN_PARAGRAPH.LEFT) for text in RECIPIENTS]
    parts["authority"] = write(signer_cell.paragraphs[0], "TM. ỦY BAN NHÂN DÂN", 14, bold=True)
    parts["position"] = write(signer_cell.add_paragraph(), "CHỦ TỊCH", 14, bold=True)
    for _ in range(3):
        signer_cell.add_paragraph()
    parts["signer"] = write(signer_cell.add_paragraph(), "Lê Ngọc Trình", 14, bold=True)
    parts["signature_table"] = signature
    # kept on one page with the end of the text (S2)
    signature.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    body[-1].paragraph_format.keep_with_next = True

    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    page_number = section.header.paragraphs[0]
    page_number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_number(page_number)
    parts["page_number"] = page_number

    appendix_section = document.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(appendix_section, landscape=True)
    restart = OxmlElement("w:pgNumType")
    restart.set(qn("w:start"), "1")
    appendix_section._sectPr.append(restart)
    parts["appendix_heading"] = write(document.add_paragraph(), "PHỤ LỤC", 14, bold=True)
    parts["appendix_reference"] = write(document.add_paragraph(), REFERENCE, 14, italic=True)
    tasks = document.add_table(rows=3, cols=4)
    tasks.style = document.styles["Table Grid"]
    for r, row in enumerate([("TT", "Nhiệm vụ", "Chủ trì", "Thời gian hoàn thành"),
                             ("1", "Kiểm tra, giám sát công tác cải cách hành chính",
                              "Công chức Văn phòng - Thống kê", "Thường xuyên"),
                             ("2", "Sửa đổi quy chế xin lỗi người dân", "Văn phòng - Thống kê",
                              "Quý I")]):
        for c, text in enumerate(row):
            write(tasks.cell(r, c).paragraphs[0], text, 13, bold=r == 0)
    parts["appendix_table"] = tasks
    return Plan(document, parts)


def appendix_only() -> Plan:
    """A file holding only the appendix: no Quốc hiệu, no signature."""
    plan = good_plan()
    body = plan.document.element.body
    heading = plan.appendix_heading._p
    for element in list(body):
        if element is heading:
            break
        if element.tag == qn("w:sectPr"):
            continue
        section_properties = element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        body.remove(element)
        if section_properties is not None:
            # keep the first section's header (page number) for the appendix
            for reference in section_properties.findall(qn("w:headerReference")):
                body.find(qn("w:sectPr")).insert(0, copy.deepcopy(reference))
    return plan


def rewrite_part(path: Path, name: str, transform) -> None:
    """Rewrite one part of a saved package: ``transform(xml_text) -> xml_text``."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == name:
                data = transform(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)


def check(plan: Plan, directory: Path, name: str = "ke-hoach.docx"):
    return check_docx(plan.save(directory, name))


def findings(report, rule: str, severity: str | None = None) -> list:
    """The findings of one rule (and severity) in a report."""
    return [f for f in report.findings
            if f.rule == rule and (severity is None or f.severity == severity)]


def rule_ids(report) -> set[str]:
    return {f.rule for f in report.findings}
