"""B1–B3: the body text — look, layout, heading patterns and the closing ``./.`` (spec §5)."""

from __future__ import annotations

import re

from .document import DocumentParts, is_blank
from .findings import Finding, error, warning
from .ooxml import number
from .package import WordFile
from .paragraph_format import ALIGNMENT_NAMES
from .paragraphs import Paragraph
from .presentation import Presentation, look_findings
from ..vietnamese import roman_value
from .vntext import canonical, is_caps

BODY = Presentation(sizes=(13, 14))
INDENTS_CM = (1.0, 1.27)
INDENT_TOLERANCE_CM = 0.1         # 1 mm: what a ruler-dragged indent (1,21 cm) misses by
DEFAULT_TAB_CM = 1.27             # Word's default tab stop (w:defaultTabStop 720)
MIN_SPACE_PT = 6.0
SINGLE_LINE_RATIO = 1.15          # Word's single line for Times New Roman ≈ 1.15 × font size
LINE_SPACING = (1.0, 1.5)

ROMAN = re.compile(r"^(?P<numeral>[IVXLCDM]+)\.\s+(?P<title>\S.*)$")
ARABIC = re.compile(r"^(?P<number>\d+)\.\s+\S")
PART = re.compile(r"^(?P<kind>Phần|Chương|Mục|Tiểu mục)\s+(?P<numeral>\S+)$")
ARTICLE = re.compile(r"^Điều\s+\d+\.")


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    if parts.appendix_only:
        return []
    body = [p for p in parts.body if not is_blank(p)]
    if not body:
        where = parts.title.location if parts.title else "đầu văn bản"
        return [error("B1", where, "không có nội dung văn bản",
                      "nội dung văn bản giữa tên loại, trích yếu và khối chữ ký")]
    findings: list[Finding] = []
    for paragraph in body:
        findings += _layout(paragraph)
    for above, below in zip(body, body[1:]):
        if _adjacent(above, below):   # an empty line or a table between them is a gap itself
            findings += _gap(above, below)
    findings += _headings(body)
    last = body[-1]
    if not last.text.rstrip().endswith("./."):
        findings.append(warning("B3", last.location, "đoạn cuối không kết thúc bằng «./.»",
                                "nội dung kết thúc bằng «./.»"))
    return findings


def is_heading_like(paragraph: Paragraph) -> bool:
    """Headings, captions and centred lines: not held to the indent and justification rules."""
    text = canonical(paragraph.text)
    visible = paragraph.visible
    return (paragraph.format.alignment == "center"
            or bool(PART.match(text) or ROMAN.match(text) or ARTICLE.match(text))
            or is_caps(text)
            or (bool(visible) and all(s.format.bold for s in visible)))


def _layout(paragraph: Paragraph) -> list[Finding]:
    where = paragraph.location
    findings = look_findings("B1", where, "", BODY, paragraph.segments)
    fmt = paragraph.format
    line = _line_spacing_problem(paragraph)
    if line:
        findings.append(error("B1", where, line, "giãn dòng từ 1 dòng (single) đến 1,5 dòng"))
    if is_heading_like(paragraph):
        return findings
    if fmt.alignment != "justify":
        findings.append(error("B1", where, ALIGNMENT_NAMES.get(fmt.alignment, fmt.alignment),
                              "căn đều hai lề"))
    indent = printed_indent_cm(paragraph)
    if not any(abs(indent - cm) <= INDENT_TOLERANCE_CM for cm in INDENTS_CM):
        if _indented_with_spaces(paragraph, indent):
            findings.append(warning("B1", where, "thụt đầu dòng bằng dấu cách",
                                    "thụt đầu dòng 1 cm hoặc 1,27 cm bằng định dạng đoạn "
                                    "(Paragraph > Indentation > First line), không gõ dấu cách"))
        else:
            findings.append(error("B1", where, f"thụt đầu dòng {number(indent)} cm",
                                  "thụt đầu dòng 1 cm hoặc 1,27 cm"))
    return findings


SPACE_EM = 0.25                    # Times New Roman's space is a quarter of the font size
CM_PER_PT = 2.54 / 72


def _indented_with_spaces(paragraph: Paragraph, indent: float) -> bool:
    """A near miss: spaces typed before the text print about where a 1–1,27 cm indent would."""
    text = paragraph.text
    spaces = len(text) - len(text.lstrip(" \u00a0"))
    if spaces < 2 or not paragraph.visible:
        return False
    size = paragraph.visible[0].format.size
    printed = indent + spaces * SPACE_EM * size * CM_PER_PT
    return any(abs(printed - cm) <= 0.3 for cm in INDENTS_CM)


def printed_indent_cm(paragraph: Paragraph) -> float:
    """Where the first line's text starts: a leading tab moves it to the next tab stop."""
    indent = paragraph.format.first_line_cm
    text = paragraph.text
    if text[:1] == "\t" and indent >= 0:
        stops = int(indent // DEFAULT_TAB_CM) + 1
        indent = stops * DEFAULT_TAB_CM
    return indent


GAP_EXPECTED = "khoảng cách giữa các đoạn tối thiểu 6 pt"


def _gap(above: Paragraph, below: Paragraph) -> list[Finding]:
    """B1: at least 6 pt between two body paragraphs (Word adds the space after the one to
    the space before the other). Centred heading stacks («Chương I» over its title) are set
    «ngay dưới» each other and are not held to it."""
    if above.format.alignment == "center" or below.format.alignment == "center":
        return []
    expected = GAP_EXPECTED
    if (above.format.contextual_spacing and below.format.contextual_spacing
            and _style(above) == _style(below)):
        space = max(above.format.after_pt, below.format.before_pt)
        if space >= MIN_SPACE_PT - 0.05:
            return [warning("B1", below.location,
                            f"khoảng cách {number(space)} pt giữa hai đoạn bị bỏ qua "
                            "(«Không thêm khoảng cách giữa các đoạn cùng kiểu», contextualSpacing)",
                            expected + ": bỏ chọn tùy chọn này")]
        space = 0.0
    else:
        space = above.format.after_pt + below.format.before_pt
    if space < MIN_SPACE_PT - 0.05:
        return [error("B1", above.location, f"khoảng cách đoạn {number(space)} pt", expected)]
    return []


def _adjacent(above: Paragraph, below: Paragraph) -> bool:
    """Consecutive blocks of the body (bookmarks and proofing marks between them do not count)."""
    return below.block == above.block + 1


def _style(paragraph: Paragraph) -> str | None:
    return paragraph.facts.style_id


def _line_spacing_problem(paragraph: Paragraph) -> str | None:
    fmt = paragraph.format
    low, high = LINE_SPACING
    if fmt.line_rule == "auto":
        if low - 0.01 <= fmt.line <= high + 0.01:
            return None
        return f"giãn dòng {number(fmt.line)} dòng"
    size = max((s.format.size for s in paragraph.visible), default=14.0)
    too_tight = fmt.line_rule == "exact" and fmt.line < low * size - 0.5
    too_loose = fmt.line > high * SINGLE_LINE_RATIO * size + 0.5
    if not (too_tight or too_loose):
        return None
    rule = "chính xác" if fmt.line_rule == "exact" else "tối thiểu"
    return f"giãn dòng {rule} {number(fmt.line)} pt với chữ cỡ {number(size)} pt"


def _headings(body: list[Paragraph]) -> list[Finding]:
    """B2: the numbering kinds of Phụ lục I, Mục V — Roman Phần/Chương, Roman mục, bold Điều.

    The sequence itself (``IV`` after ``II``, ``e)`` after ``c)``, ``f)``) is not judged: real
    documents skip and repeat numbers, restart letters under each khoản and use automatic
    numbering that the text does not show; ND 30 asks for the kind of number, not the count.
    """
    findings: list[Finding] = []
    for paragraph in body:
        text = canonical(paragraph.text)
        where = paragraph.location
        bold = all(s.format.bold for s in paragraph.visible)
        if part := PART.match(text):
            if roman_value(part["numeral"]) is None and part["kind"] in ("Phần", "Chương"):
                findings.append(warning("B2", where, f"«{part['kind']} {part['numeral']}»",
                                        f"«{part['kind']}» đánh số La Mã (I, II, …)"))
            if not bold:
                findings.append(warning("B2", where, f"«{part['kind']}» không in đậm",
                                        f"«{part['kind']}» in đậm"))
        elif ARTICLE.match(text):
            first = paragraph.visible[0] if paragraph.visible else None
            if first is not None and not first.format.bold:
                findings.append(warning("B2", where, "«Điều …» không in đậm", "«Điều …» in đậm"))
        elif (clause := ARABIC.match(text)) and is_caps(text) and bold:
            findings.append(warning("B2", where, f"mục đánh số Ả Rập «{clause['number']}.»",
                                    "mục đánh số La Mã (I., II., …)"))
    return findings
