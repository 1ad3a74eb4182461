"""What every document shares: the job to render, header, signature, recipients, body paragraphs.

Pure: no files, no rendering.

Each document to make becomes a `DocumentJob`: the template to use, an ASCII file name, the
context dict (plain strings, lists and dicts, already worded in Vietnamese), and the file's
properties. Wording that the official format fixes (recipient punctuation, date lines, numbering
of report sections) is decided here, once, so every template gets it right.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import NamedTuple

from ..layout import CELL_PADDING, HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH, SIZES, TEXT_WIDTH, Rule, text_width
from ..domain.agency import kind_and_place, name_under
from ..domain.plan import Agency, BodyParagraph, DocumentInfo, Plan, Recipients
from ..domain.signer import ABBREVIATIONS
from ..vietnamese import (
    agency_in_sentence,
    ascii_slug,
    format_date_line,
    format_long_date,
    format_number_symbol,
    format_short_date,
    lower_first,
)

MOTTO = "Độc lập - Tự do - Hạnh phúc"
NBSP = "\u00a0"
PLAN_APPENDIX_TITLE = "THỜI GIAN, NỘI DUNG VÀ PHÂN CÔNG THỰC HIỆN NHIỆM VỤ"
"""The title line of the plan's appendix, between `PHỤ LỤC` and `(Kèm theo …)`, as real plans have."""
_COLLECTIVE_PREFIXES = ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")
_SHORT_PREFIXES = ("UBND", "HĐND")
"""The body's kind, abbreviated: broken after only when the whole name does not fit on one line."""
_SHORT_HEADING = 80


@dataclass(frozen=True)
class DocumentProperties:
    """What goes into the file's core properties (File > Info in Word)."""

    title: str
    subject: str
    author: str
    created: datetime


@dataclass(frozen=True)
class DocumentJob:
    """One document to render: template file name, output file name (no extension), context."""

    template: str
    name: str
    context: dict
    properties: DocumentProperties
    column_widths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Twips of each column of the table captioned by the key (pipeline.documents.columns)."""
    rows_that_may_break: dict[str, tuple[bool, ...]] = field(default_factory=dict)
    """For each row after the header of the table captioned by the key, whether it may break across pages."""
    streamed: bool = False
    """A document as large as what it gathers (the roll-up of a thousand units): rendered piece by
    piece into its package, never held whole (render/template.py), where its template allows."""


def agency_slug(agency: Agency) -> str:
    """`ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH` -> `xa-hai-dinh`: an ASCII folder and file-name part."""
    name = " ".join(agency.name.split())
    for prefix in _COLLECTIVE_PREFIXES:
        if name.upper().startswith(prefix + " "):
            name = name[len(prefix):]
            break
    return ascii_slug(name) or "van-ban"


# ------------------------------------------------------------------------------------------
# Parts every document shares


def header_context(agency: Agency, info: DocumentInfo) -> dict:
    issuer_lines = issuer_name_lines(name_under(agency.managing_body, agency.name))
    managing_body = (agency.managing_body or "").upper()
    widest = max(text_width(line, SIZES["issuer"], bold=True) for line in issuer_lines)
    motto_width = text_width(MOTTO, SIZES["motto"], bold=True)
    summary = "\n".join(title_lines(info.summary or ""))
    summary_width = min(max(text_width(line, SIZES["summary"], bold=True) for line in summary.split("\n")), TEXT_WIDTH)
    return {
        "managing_body": managing_body,
        "managing_body_lines": name_lines(managing_body, SIZES["managing_body"], bold=False) if managing_body else [],
        "issuer_lines": issuer_lines,
        "issuer_rule": Rule(round(widest * 0.4), HEADER_LEFT_WIDTH - CELL_PADDING),
        "number_symbol": format_number_symbol(info.number, info.kind.type_code, agency.symbol),
        "motto_rule": Rule(motto_width, HEADER_RIGHT_WIDTH - CELL_PADDING),
        "date_line": fitted_date_line(format_date_line(agency.place, info.issue_date)),
        "summary": summary,
        "summary_rule": Rule(round(max(summary_width, 2000) * 0.4), TEXT_WIDTH, space_after=360),
        "signer": {
            "authority": [line.upper() for line in info.signer.authority],
            "title": info.signer.title.upper(),
            "name": info.signer.name,
        },
    }


def issuer_name_lines(name: str) -> list[str]:
    """The issuing body in capitals, broken where typed, else after the body type, else to fit."""
    return name_lines(name, SIZES["issuer"], bold=True)


def name_lines(name: str, size: float, bold: bool) -> list[str]:
    """A body's name in capitals for the header's left column, broken where typed; else after its
    kind (`ỦY BAN NHÂN DÂN` / `THÀNH PHỐ HỒ CHÍ MINH`; `UBND` / `…` or `SỞ NỘI VỤ` / `TỈNH LÂM ĐỒNG`
    only when it does not fit on one line); the name itself is wrapped only when it alone is wider
    than the column."""
    if "\n" in name:
        return [line.upper() for line in name.split("\n") if line.strip()]
    name = " ".join(name.split()).upper()
    for prefix in _COLLECTIVE_PREFIXES:
        if name.startswith(prefix + " "):
            return [prefix, *wrap(name[len(prefix):].strip(), size, bold)]
    if text_width(name, size, bold) <= HEADER_LEFT_WIDTH - CELL_PADDING:
        return [name]
    for prefix in _SHORT_PREFIXES:
        if name.startswith(prefix + " "):
            return [prefix, *wrap(name[len(prefix):].strip(), size, bold)]
    kind, place = kind_and_place(name)
    if kind and place:
        return [*wrap(kind, size, bold), *wrap(place, size, bold)]
    return wrap(name, size, bold)


def title_lines(text: str, size: float = SIZES["summary"], room: int = TEXT_WIDTH) -> list[str]:
    """A trích yếu (bold, centred) as a careful clerk breaks it: where typed; on one line when it fits;
    else in as few lines as it needs. A number never leaves its word (`năm 2026`, `quý IV`,
    `số 05/KH-UBND`, `6 tháng`: see `_title_chunks`) and a line never ends with `và`, `của`…; of the
    ways left, the one that reads best (`_break_cost`): even lines broken where phrases end, so that no
    word or year is left alone on the last line (`… nhiệm vụ năm` / `2027`)."""
    if "\n" in text:
        return [line.strip() for line in text.split("\n") if line.strip()]
    text = text.strip()
    if not text:
        return []
    parts = re.split(r"( +)", text)  # only a space breaks: a no-break space (`số\xa005`) is the clerk's own
    chunks, gaps = _title_chunks(parts[0::2], ["", *parts[1::2]])
    widths = [text_width(chunk, size, bold=True) for chunk in chunks]
    space, fill = text_width(" ", size, bold=True), room * _TITLE_FILL
    total = sum(widths) + space * (len(chunks) - 1)
    if total <= fill or total > fill * _MOST_TITLE_LINES:  # one line; or a page of text, not a title
        return [text]
    for lines in range(2, min(_MOST_TITLE_LINES, len(chunks)) + 1):
        splits = _splits(chunks, widths, space, lines, fill)
        if splits:
            best = min(splits, key=lambda split: _break_cost(chunks, split))
            return ["".join(gaps[i] * (i > a) + chunks[i] for i in range(a, b)) for a, b in zip(best.bounds, best.bounds[1:])]
    return [text]  # a chunk wider than the page: the word processor wraps it


_TITLE_FILL = 0.95
"""Of the line, what a title line may fill by our widths: Word's own may be a little wider."""
_MOST_TITLE_LINES = 3
"""A longer trích yếu is left to the word processor (and every way to break it is not tried)."""
_PHRASE_WORDS = frozenset("và của trong về tại theo đối với cho trên đến nhằm để".split())
"""Words a line of a title begins with, never ends with."""
_NUMBER = re.compile(r"\(?(?:\d[\d.,]*|[IVXLC]+)[,;:.)]*\Z")
"""A bare number or Roman numeral, maybe in brackets or with punctuation after it (`2026,`, `(2026)`)."""
_DOCUMENT_NUMBER = re.compile(r"\d+[-/]")
"""A document's number or a date: `05/KH-UBND`, `57-NQ/TW`, `15/01/2026`, `2026-2030`."""
_BARE_COUNT = re.compile(r"\d[\d.,]*")
_DASHES = ("-", "–")
_NUMBERED_WORDS = frozenset("năm quý số ngày tháng lần thứ đợt kỳ khóa khoá phần chương mục điều khoản lục".split())
"""Words a number after them belongs to: `năm 2026`, `quý IV`, `đợt 2`, `lần thứ VI`, `phụ lục I`."""
_COUNTED_WORDS = frozenset("năm tháng ngày quý tuần".split())
"""Words a number before them counts: `6 tháng`, `3 năm`, `1.000 ngày`."""


def _title_chunks(words: list[str], gaps: list[str]) -> tuple[list[str], list[str]]:
    """The words as unbreakable pieces, and the spaces typed before each: a document's number or date
    (`05/KH-UBND`, `15/01/2026`) and a number after its word stay with the word before; a count stays
    with what it counts; a spaced range (`2026 - 2030`) is one piece. `… của UBND xã` / `6 tháng đầu
    năm 2026`, never `… của UBND xã 6` / `tháng đầu năm 2026`."""
    chunks: list[str] = []
    chunk_gaps: list[str] = []
    for before, word, gap in zip(["", *words], words, gaps):
        if chunks and (
            _DOCUMENT_NUMBER.match(word) or word in _DASHES or before in _DASHES
            or (_NUMBER.match(word) and before.lower() in _NUMBERED_WORDS)
            or (_BARE_COUNT.fullmatch(before) and word.lower().rstrip(",;") in _COUNTED_WORDS)
        ):
            chunks[-1] += gap + word
        else:
            chunks.append(word)
            chunk_gaps.append(gap)
    return chunks, chunk_gaps


class _Split(NamedTuple):
    widest: int
    narrowest: int
    bounds: tuple[int, ...]
    """Where each line starts, and where the last ends."""


def _splits(chunks: list[str], widths: list[int], space: int, lines: int, fill: float) -> list[_Split]:
    """Every way to put `chunks` on `lines` lines that each fit, none ending with a phrase word."""
    ends = list(itertools.accumulate(width + space for width in widths))  # a line is its ends' difference less a space
    found = []
    for cuts in itertools.combinations(range(1, len(chunks)), lines - 1):
        if any(chunks[cut - 1].lower() in _PHRASE_WORDS for cut in cuts):
            continue
        bounds = (0, *cuts, len(chunks))
        line_widths = [ends[b - 1] - (ends[a - 1] if a else 0) - space for a, b in zip(bounds, bounds[1:])]
        if max(line_widths) <= fill:
            found.append(_Split(max(line_widths), min(line_widths), bounds))
    return found


def _break_cost(chunks: list[str], split: _Split) -> tuple[int, ...]:
    """How badly a split reads, least first: even lines (none under a third of another) whose every
    break ends a phrase (after a comma, or before `và`, `của`…); then even lines broken before a time
    too (`… hành chính` / `năm 2026 của các đơn vị`); then any even lines, with the fewest breaks inside
    a name (`Ủy` / `ban`, `Quyết` / `định`) and inside a phrase (`cải cách` / `hành chính`); then uneven
    ones. Last, the narrowest widest line."""
    kinds = [_break_kind(chunks[cut - 1], " ".join(chunks[cut:cut + 2])) for cut in split.bounds[1:-1]]
    even = split.narrowest * 3 >= split.widest
    tier = (0 if max(kinds) == _PHRASE_END else 1 if max(kinds) == _BEFORE_A_TIME else 2) if even else 3
    return tier, kinds.count(_IN_A_NAME), sum(kind >= _IN_A_PHRASE for kind in kinds), split.widest


_PHRASE_END, _BEFORE_A_TIME, _IN_A_PHRASE, _IN_A_NAME = range(4)


def _break_kind(end: str, start: str) -> int:
    """Where a break between the chunk `end` and the text `start` (two chunks) falls."""
    if end.endswith((",", ";")) or start.split()[0].lower() in _PHRASE_WORDS:
        return _PHRASE_END
    if _TIME_START.match(start):
        return _BEFORE_A_TIME
    last = end.split()[-1]
    return _IN_A_NAME if last[:1].isupper() and not last.isupper() else _IN_A_PHRASE


_TIME_START = re.compile(r"(?:năm|quý|tháng|giai đoạn|đợt|nhiệm kỳ|lần)\b|\d[\d.,]* (?:năm|tháng|ngày|tuần|quý)\b",
                         re.IGNORECASE)
"""Text that begins a time (`năm 2026`, `quý I`, `6 tháng`, `nhiệm kỳ 2025 - 2030`): a title may break
before it."""


def wrap(text: str, size: float = SIZES["issuer"], bold: bool = True) -> list[str]:
    """Greedy word wrap to the header's left column."""
    room = HEADER_LEFT_WIDTH - CELL_PADDING
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size, bold) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [text]


def fitted_date_line(line: str) -> str:
    """A place/date line wider than its column wraps after the place's comma (`Thành phố Hồ Chí Minh,`
    / `ngày 25 tháng 6 năm 2026`), never inside the place or the date: their spaces do not break.
    It stays one paragraph of one line of text, as the checker and a clerk's later edit expect."""
    if text_width(line, SIZES["date_line"]) <= HEADER_RIGHT_WIDTH - CELL_PADDING:
        return line
    place, comma, date_part = line.partition(", ngày")
    if not comma:
        return line
    return f"{place.replace(' ', NBSP)}, ngày{date_part.replace(' ', NBSP)}"


def recipient_lines(recipients: Recipients, addressees: tuple[str, ...] = ()) -> list[str]:
    """`- UBND huyện (b/c);` … `- Lưu: VT.`; `- Như trên;` first when the report has a Kính gửi, which
    stands for its addressees: one of them named again (`UBND tỉnh … (b/c)` under `Kính gửi: Ủy ban nhân
    dân tỉnh …`) is left out, as a reviewer read it twice."""
    addressed = {_body_key(a) for a in addressees}
    names = (["Như trên"] if addressees else []) + [n for n in recipients.names if _body_key(n) not in addressed]
    return [f"- {name};" for name in names] + [f"- {recipients.archive.rstrip('.')}."]


_SHORT_BODIES = tuple((ascii_slug(short) + "-", ascii_slug(full) + "-") for short, full in ABBREVIATIONS.items())


def _body_key(name: str) -> str:
    """A body however a list names it: `UBND tỉnh Quảng Trị (b/c)` and `Ủy ban nhân dân tỉnh Quảng Trị`
    (the abbreviations are domain.signer's, the ones an authority line must spell out)."""
    slug = ascii_slug(re.sub(r"(\s*\([^()]*\))+\s*$", "", name))
    short, full = next(((s, f) for s, f in _SHORT_BODIES if slug.startswith(s)), ("", ""))
    return full + slug[len(short):]


def addressee_lines(addressees: tuple[str, ...]) -> list[str]:
    """Several addressees: one per line, `- …;`, the last ending with a full stop."""
    return [f"- {a}{'.' if i == len(addressees) - 1 else ';'}" for i, a in enumerate(addressees)]


def appendix_reference(agency: Agency, info: DocumentInfo) -> str:
    """`(Kèm theo Kế hoạch số 25/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân xã Hải Định)`."""
    number = format_number_symbol(info.number, info.kind.type_code, agency.symbol)
    return (
        f"(Kèm theo {info.kind.value} số {number} {format_long_date(info.issue_date)} "
        f"của {agency_in_sentence(agency.name)})"
    )


def document_properties(agency: Agency, info: DocumentInfo, kind: str) -> DocumentProperties:
    d = info.issue_date
    return DocumentProperties(
        title=f"{kind} {info.summary or ''}".strip(),
        subject=info.summary or kind,
        author=agency_in_sentence(agency.name),
        created=datetime(d.year, d.month or 1, d.day or 1, 8, 0, 0),
    )


# ------------------------------------------------------------------------------------------
# Body text


def body_paragraphs(paragraphs: tuple[BodyParagraph, ...]) -> list[dict]:
    """Each row of `Nội dung` as {kind, text}; the body always ends with `./.`."""
    items = [body_paragraph(p.marker, p.text) for p in paragraphs]
    if items:
        items[-1]["text"] = end_with_closing_mark(items[-1]["text"])
    return items


def body_paragraph(marker: str, text: str) -> dict:
    """`I.` -> section (capitals, bold); `1.` + short title -> clause (bold); `(…)` -> note (italic)."""
    marker = marker.strip()
    if re.fullmatch(r"[IVXLC]+\.?", marker):
        return {"kind": "section", "text": f"{marker.rstrip('.')}. {text.upper()}"}
    if re.fullmatch(r"\d+(\.\d+)*\.?", marker):
        numbered = f"{marker.rstrip('.')}. {text}"
        short = len(text) <= _SHORT_HEADING and "\n" not in text and not text.endswith((".", ";", ":"))
        return {"kind": "clause" if short else "body", "text": numbered}
    if marker:
        return {"kind": "body", "text": f"{marker} {text}"}
    if text.startswith("(") and text.endswith(")"):
        return {"kind": "note", "text": text}
    return {"kind": "body", "text": text}


def end_with_closing_mark(text: str) -> str:
    if text.endswith("./."):
        return text
    return text.rstrip(" .;:,") + "./."


def plan_citation(plan: Plan) -> str:
    """How a report names its plan: by number and date when it has them, else by its summary."""
    info = plan.plan_document
    if info.number:
        number = format_number_symbol(info.number, "KH", plan.agency.symbol)
        return f"Kế hoạch số {number} ngày {format_short_date(info.issue_date)} của {plan.agency.short_name}"
    return f"Kế hoạch {lower_first(info.summary or '')} của {plan.agency.short_name}".replace("  ", " ")


def lines(text: str) -> list[dict]:
    """A multi-line cell as body paragraphs, one per line."""
    return [body_paragraph("", line) for line in text.split("\n") if line.strip()]


def paragraph(kind: str, text: str) -> dict:
    """One paragraph of a body: `section` (I.), `clause` (1.), `note` (italic) or `body`."""
    return {"kind": kind, "text": text}


def with_summary(info: DocumentInfo, summary: str) -> DocumentInfo:
    return replace(info, summary=summary)
