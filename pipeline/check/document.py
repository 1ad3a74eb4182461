"""Locating the parts of an administrative document once, for all rules.

Layout (ND 30/2020, Phụ lục I; see spec §9)::

    header table   | tên cơ quan, Số: …          | Quốc hiệu, Tiêu ngữ, địa danh + ngày |
    title          KẾ HOẠCH / BÁO CÁO / …  (absent in a công văn)
    summary        trích yếu, right below the title
    addressees     Kính gửi: … (optional)
    body           nội dung, ending ./.
    signature      | Nơi nhận: …                 | TM. …, CHỦ TỊCH, (ký), họ tên |
    appendices     Phụ lục …, (Kèm theo …), tables — often in landscape sections

A file that starts with a ``Phụ lục`` heading and has no Quốc hiệu is an appendix on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .doctypes import type_name
from .package import WordFile
from .paragraphs import Line, Paragraph
from .sections import Section
from .wrapping import available_width_pt, printed_lines
from .vntext import canonical, is_caps, upper_key

NATIONAL_KEYS = ("CỘNG HÒA", "XÃ HỘI CHỦ NGHĨA")   # canonical upper case, see vntext
MOTTO_KEY = "ĐỘC LẬP"
HEADER_REACH = 15   # the Quốc hiệu is among the first non-empty paragraphs
RULE_LINE = re.compile(r"^[\s_\-–—=.·]+$")           # a drawn-with-characters horizontal rule
NUMBER_LINE = re.compile(r"^\s*số\b", re.IGNORECASE)
# no word boundaries: «tháng 4năm 2026» (a space missing) is still the date line, and H5 says so
DATE_LINE = re.compile(r"\bngày.*tháng.*năm", re.IGNORECASE)
SUBJECT_LINE = re.compile(r"^\s*V/v\b", re.IGNORECASE)
ADDRESSEE_LINE = re.compile(r"^\s*kính\s+gửi\b", re.IGNORECASE)
RECIPIENTS_LABEL = re.compile(r"^\s*nơi\s+nhận\b", re.IGNORECASE)
AUTHORITY_PREFIX = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s+\S")
ATTACHED_NOTE = re.compile(r"^\s*\(\s*(ban\s+hành\s+)?kèm\s+theo\b", re.IGNORECASE)
MINUTES_SIGNER = re.compile(r"^(THƯ KÝ|CHỦ TỌA|CHỦ TRÌ|NGƯỜI GHI BIÊN BẢN|ĐẠI DIỆN)\b")
# cheap tests first: a long document is scanned paragraph by paragraph for these
_MAY_HOLD_PREFIX = re.compile(r"(^|\n)\s*(TM|KT|Q|TL|TUQ)\.")
_MAY_SIGN_MINUTES = re.compile(r"^\s*(THƯ|CHỦ|NGƯỜI|ĐẠI)", re.IGNORECASE)
APPENDIX_HEADING = re.compile(r"^phụ\s+lục(\s+(số\s+)?[\w.]+)?$", re.IGNORECASE)


@dataclass
class HeaderBlock:
    """Phần đầu văn bản: ô 1–4 (and 5b for a công văn)."""

    paragraphs: list[Paragraph]
    national_name: Line
    motto: Line | None = None
    managing_body: list[Line] = field(default_factory=list)
    issuing_body: list[Line] = field(default_factory=list)
    number_line: Line | None = None
    date_line: Line | None = None
    subject_line: Line | None = None      # V/v … of a công văn


@dataclass
class SignatureBlock:
    """Khối Nơi nhận + chữ ký: the borderless table at the end of the main document."""

    recipients: list[Line]     # the Nơi nhận cell, label first; empty when not found
    signer: list[Line]         # non-empty lines of the signature cell
    table: int | None          # None: paragraphs stacked under the text, no table

    @property
    def where(self) -> str:
        return f"bảng {self.table}" if self.table is not None else "khối chữ ký cuối văn bản"


@dataclass
class Appendix:
    """Phụ lục: its heading and everything up to the next heading."""

    heading: Paragraph
    paragraphs: list[Paragraph]
    number: int                # 1-based, in document order


@dataclass
class DocumentParts:
    header: HeaderBlock | None = None
    title: Paragraph | None = None
    summary: list[Paragraph] = field(default_factory=list)
    addressees: list[Paragraph] = field(default_factory=list)   # Kính gửi block
    body: list[Paragraph] = field(default_factory=list)
    signature: SignatureBlock | None = None
    appendices: list[Appendix] = field(default_factory=list)
    appendix_only: bool = False

    @property
    def is_official_letter(self) -> bool:
        """Công văn: no tên loại, a ``V/v`` summary under the number instead."""
        return self.title is None and self.header is not None and self.header.subject_line is not None

    @property
    def addressed(self) -> bool:
        return bool(self.addressees)


def is_national_name(text: str) -> bool:
    """Looks like the Quốc hiệu, even when misspelt or abridged."""
    key = upper_key(text)
    return any(part in key for part in NATIONAL_KEYS)


def is_blank(paragraph: Paragraph) -> bool:
    return not paragraph.text.strip() or bool(RULE_LINE.match(paragraph.text))


def locate_parts(word: WordFile) -> DocumentParts:
    main = [p for p in word.paragraphs if p.place.story != "textbox"]
    parts = DocumentParts()
    headings = [i for i, p in enumerate(main)
                if not p.in_table and APPENDIX_HEADING.match(canonical(p.text))]
    non_blank = [i for i, p in enumerate(main) if not is_blank(p)]
    first_text = non_blank[0] if non_blank else None
    national = next((i for i in non_blank[:HEADER_REACH] if is_national_name(main[i].text)), None)

    if national is None and headings and headings[0] == first_text:
        parts.appendix_only = True
        parts.appendices = _appendices(main, headings)
        return parts

    start = 0
    if national is not None:
        parts.header, start = _header(main, national)
    headings = [i for i in headings if i >= start]
    end = headings[0] if headings else len(main)

    start = _title(main, start, end, parts)
    start = _addressees(main, start, end, parts)
    signature_start = _signature(main, start, end, parts, word.sections)
    parts.body = [p for p in main[start:signature_start] if not p.in_table]
    parts.appendices = _appendices(main, headings)
    return parts


def _header(main: list[Paragraph], national: int) -> tuple[HeaderBlock, int]:
    """The header block and the index of the first paragraph after it."""
    anchor = main[national]
    if anchor.in_table:
        table = anchor.place.table
        indices = [i for i, p in enumerate(main) if p.in_table and p.place.table == table]
    else:
        # no table: the stacked layout, up to the date line — or up to the title, for a
        # biên bản whose date is in its first sentence («Hôm nay, ngày … tháng … năm …»)
        indices = list(range(0, national + 1))
        for i in range(national + 1, min(len(main), national + 12)):
            if type_name(main[i].text.strip()) is not None:
                break
            indices.append(i)
            if DATE_LINE.search(main[i].text):
                break
    paragraphs = [main[i] for i in indices]
    lines = [line for p in paragraphs for line in p.text_lines if not RULE_LINE.match(line.text)]
    national_line = (next((line for line in lines if is_national_name(line.text)), None)
                     or next(line for line in lines if line.paragraph is anchor))
    header = HeaderBlock(paragraphs, national_line)

    cell = anchor.place.cell   # (row, column) of a header laid out in a table
    column = cell[1] if cell is not None else None
    position = {id(line): i for i, line in enumerate(lines)}
    after_national = lines[position[id(national_line)] + 1:]
    same_place = [line for line in after_national if line.paragraph.place == anchor.place]
    below = [line for line in after_national
             if cell is not None and line.paragraph.place.cell == (cell[0] + 1, cell[1])]
    if same_place:
        header.motto = same_place[0]
    elif below and MOTTO_KEY in upper_key(below[0].text):
        header.motto = below[0]   # a 3×2 header: the Tiêu ngữ in the next row, same column
    elif column is None and after_national and MOTTO_KEY in upper_key(after_national[0].text):
        header.motto = after_national[0]   # stacked paragraphs: the next line
    for line in lines:
        if line is national_line or line is header.motto:
            continue
        if header.number_line is None and NUMBER_LINE.match(line.text):
            header.number_line = line
        elif header.date_line is None and DATE_LINE.search(line.text):
            header.date_line = line
        elif header.subject_line is None and SUBJECT_LINE.match(line.text):
            header.subject_line = line

    def issuer_side(line: Line) -> bool:
        if column is None:
            return position[id(line)] < position[id(national_line)]
        return line.paragraph.place.cell is not None and line.paragraph.place.cell[1] != column

    names: list[Line] = []
    for line in lines:
        if line is header.number_line:
            break
        if issuer_side(line) and line is not header.date_line and line is not header.subject_line:
            names.append(line)
    bold = [all(s.format.bold for s in line.visible) for line in names]
    split = bold.index(True) if True in bold else (1 if len(names) > 1 else 0)
    header.managing_body, header.issuing_body = names[:split], names[split:]
    return header, indices[-1] + 1


def _title(main: list[Paragraph], start: int, end: int, parts: DocumentParts) -> int:
    frames = _single_cell_tables(main)
    candidates = [i for i in range(start, end)
                  if (not main[i].in_table or main[i].place.table in frames) and not is_blank(main[i])]
    if not candidates:
        return start
    first = main[candidates[0]]
    text = first.text.strip()
    looks_like_title = type_name(text) is not None or (
        first.format.alignment == "center" and is_caps(text)
        and all(s.format.bold for s in first.visible))
    if not looks_like_title or ADDRESSEE_LINE.match(text):
        return start
    parts.title = first
    position = candidates[0] + 1
    for i in candidates[1:]:
        paragraph = main[i]
        if (ADDRESSEE_LINE.match(paragraph.text) or ATTACHED_NOTE.match(paragraph.text)
                or re.match(r"\s*căn\s+cứ\b", paragraph.text, re.I)):
            break   # «(Ban hành kèm theo …)» under a quy chế's title is a note, not its summary
        centred_or_bold = paragraph.format.alignment == "center" or all(
            s.format.bold for s in paragraph.visible)
        if parts.summary and not centred_or_bold:
            break
        if parts.summary and any(is_blank(main[j]) for j in range(position, i)):
            break
        parts.summary.append(paragraph)
        position = i + 1
    return position


def _single_cell_tables(main: list[Paragraph]) -> set[int]:
    """1×1 tables used as a frame (a trích yếu boxed to draw its rule): read as text."""
    cells: dict[int, set] = {}
    for p in main:
        if p.place.table is not None:
            cells.setdefault(p.place.table, set()).add((p.place.cell, p.place.inner))
    return {table for table, found in cells.items() if found == {((1, 1), None)}}


def _addressees(main: list[Paragraph], start: int, end: int, parts: DocumentParts) -> int:
    for i in range(start, end):
        paragraph = main[i]
        if is_blank(paragraph):
            continue
        if not ADDRESSEE_LINE.match(paragraph.text):
            break
        parts.addressees.append(paragraph)
        table = paragraph.place.table
        j = i + 1
        if table is not None:
            while j < end and main[j].place.table == table:
                parts.addressees.append(main[j])
                j += 1
            return j
        while j < end and (is_blank(main[j]) or main[j].text.strip().startswith("-")):
            parts.addressees.append(main[j])
            j += 1
            if main[j - 1].text.strip().endswith("."):
                break
        return j
    # a Kính gửi elsewhere (say, in a table beside the title) still counts for R2
    parts.addressees = [p for p in main[:end] if ADDRESSEE_LINE.match(p.text)][:1]
    return start


def _signature(main: list[Paragraph], start: int, end: int, parts: DocumentParts,
               sections: list[Section]) -> int:
    """Find the signature table; return the index where the body stops."""
    tables: dict[int, list[int]] = {}
    for i in range(start, end):
        table = main[i].place.table
        if table is not None:
            tables.setdefault(table, []).append(i)
    chosen = next((t for t, rows in tables.items()
                   if any(RECIPIENTS_LABEL.match(main[i].text) for i in rows)), None)
    if chosen is None:
        chosen = next((t for t, rows in tables.items()
                       if any(AUTHORITY_PREFIX.match(line.text.strip())
                              for i in rows for line in main[i].text_lines)), None)
    if chosen is None:
        chosen = next((t for t, rows in reversed(tables.items())
                       if any(is_minutes_signer(line.text) for i in rows for line in main[i].text_lines)),
                      None)
    if chosen is None:
        return _stacked_signature(main, start, end, parts, sections)
    cells = [main[i] for i in tables[chosen]]
    label = next((p for p in cells if RECIPIENTS_LABEL.match(p.text)), None)
    recipients: list[Line] = []
    others = cells
    if label is not None:
        # the Nơi nhận column of the label's own grid (a nested table is a grid of its own),
        # across rows: the label may sit in one row and the list in the next
        column = [p for p in cells if p.table == label.table and _column(p) == _column(label)
                  and _row(p) >= _row(label)]
        column = column[column.index(label):]
        recipients = [line for p in column for line in p.text_lines]
        others = [p for p in cells if p.table == label.table and _column(p) != _column(label)]
        if not any(p.text.strip() for p in others):
            others = [p for p in cells if p not in column]
    if label is None:
        recipients = _recipients_below(main, tables[chosen][-1] + 1, end)
    signer = [piece for p in others for line in p.text_lines
              for piece in printed_lines(line, _width(p, sections))]
    parts.signature = SignatureBlock(recipients, signer, chosen)
    return tables[chosen][0]


def _stacked_signature(main: list[Paragraph], start: int, end: int, parts: DocumentParts,
                       sections: list[Section]) -> int:
    """No table: authority lines and a Nơi nhận block typed as paragraphs under the text."""
    outside = [i for i in range(start, end) if not main[i].in_table]
    label = next((i for i in reversed(outside) if RECIPIENTS_LABEL.match(main[i].text)), None)
    authority = next((i for i in outside if _MAY_HOLD_PREFIX.search(main[i].text) and any(
        AUTHORITY_PREFIX.match(line.text.strip()) for line in main[i].text_lines)), None)
    if authority is None:
        # a biên bản signs «THƯ KÝ» and «CHỦ TỌA» with no prefix (Mẫu 1.9)
        authority = next((i for i in reversed(outside) if _MAY_SIGN_MINUTES.search(main[i].text)
                          and is_minutes_signer(main[i].text)), None)
    if authority is None:
        return end
    if label is None:
        label = end
    recipients_end = next((i for i in outside if i > label and is_blank(main[i])), end)
    recipient_paragraphs = [main[i] for i in outside if label <= i < recipients_end]
    signer_end = label if authority < label else end
    signer_paragraphs = [main[i] for i in outside if authority <= i < signer_end
                         and not (label <= i < recipients_end)]
    parts.signature = SignatureBlock([l for p in recipient_paragraphs for l in p.text_lines],
                                     [piece for p in signer_paragraphs for line in p.text_lines
                                      for piece in printed_lines(line, _width(p, sections))], None)
    return min(label, authority)


def _recipients_below(main: list[Paragraph], start: int, end: int) -> list[Line]:
    """A Nơi nhận typed as paragraphs under the signers (a biên bản, Mẫu 1.9)."""
    label = next((i for i in range(start, end)
                  if not main[i].in_table and RECIPIENTS_LABEL.match(main[i].text)), None)
    if label is None:
        return []
    stop = next((i for i in range(label + 1, end) if is_blank(main[i]) or main[i].in_table), end)
    return [line for p in main[label:stop] for line in p.text_lines]


def is_minutes_signer(text: str) -> bool:
    return bool(MINUTES_SIGNER.match(" ".join(upper_key(text).split())))


def _width(paragraph: Paragraph, sections: list[Section]) -> float | None:
    section = sections[paragraph.section] if paragraph.section < len(sections) else None
    return available_width_pt(paragraph, section)


def _column(paragraph: Paragraph) -> int:
    return _grid_cell(paragraph)[1]


def _row(paragraph: Paragraph) -> int:
    return _grid_cell(paragraph)[0]


def _grid_cell(paragraph: Paragraph) -> tuple[int, int]:
    """(row, column) of a table paragraph in its own grid: a nested table's, else the table's."""
    cell = paragraph.place.inner or paragraph.place.cell
    if cell is None:
        raise ValueError(f"{paragraph.place} is not in a table")
    return cell


def _appendices(main: list[Paragraph], headings: list[int]) -> list[Appendix]:
    appendices = []
    for n, index in enumerate(headings):
        stop = headings[n + 1] if n + 1 < len(headings) else len(main)
        appendices.append(Appendix(main[index], main[index + 1:stop], n + 1))
    return appendices
