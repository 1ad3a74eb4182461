"""Vietnamese text rules: NFC, dates (ND 30 leading-zero rule), quarters in Roman numerals, numbers.

Everything here is pure and small; `babel` gives the Vietnamese number format (`66,7`, `1.234`).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable
from typing import Protocol


# Blank space left for the registry clerk to write in a number or a day by hand.
BLANK = "\u00a0" * 6

_ROMAN_DIGITS = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50),
                 ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Lone surrogates (a cell holding `_xD800_`) cannot be written as UTF-8 at all.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """A cell's text as it goes into a document: NFC, XML-safe, trimmed; inner text kept as typed.

    Line breaks become `\n` (docxtpl makes them `<w:br/>`), tabs become spaces, characters that print
    nothing are dropped (`_FROM_WORD`), and characters XML 1.0 forbids are dropped too, since docxtpl
    would turn a bell or form feed into a paragraph or page break.
    """
    if isinstance(text, str) and text.isascii() and text.isprintable():  # most cells: nothing to clean
        return text.strip()
    text = nfc(str(text))
    if text.isprintable():  # no line break, tab or forbidden character: nothing below would change it
        return text.strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").translate(_FROM_WORD)
    return _XML_FORBIDDEN.sub("", text).strip()


_FROM_WORD = {0x2028: "\n", 0x2029: "\n", 0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None,
              0xFEFF: None, 0x00AD: None}
"""What text pasted from Word or the web carries unseen: line and paragraph separators (a break, as
Alt+Enter), and zero-width spaces, joiners and soft hyphens, which print nothing, or a stray mark (a
trial's `Xong.\u200b` then `.` printed `Xong.​.`)."""


def match_key(text: str) -> str:
    """How sheet names, headers and labels compare: NFC, trimmed, inner spaces collapsed, no case."""
    if text.__class__ is str and len(text) <= 64:
        return _short_match_key(text)  # names, headers, labels: the same few in every workbook
    return " ".join(nfc(str(text)).split()).casefold()


@functools.lru_cache(maxsize=1024)
def _short_match_key(text: str) -> str:
    return " ".join(nfc(text).split()).casefold()


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: 2000 + rank for rank, letter in enumerate(_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
"""Huyền, hỏi, ngã, sắc, nặng after the level tone, as dictionaries order them."""


def vietnamese_order(text: str) -> tuple:
    """A sort key in the Vietnamese dictionary's order, syllable by syllable: the letters as the alphabet
    ranks them (a ă â b c d đ e ê …: `Xã Đông Hà` after `Xã Dương Hòa`, where Python's order puts Đ after
    Z), then the tone wherever its mark sits (`Hòa` and `Hoà` alike); a number as a number (`Phường 2`
    before `Phường 10`); any run of spaces as one; a shorter name before a longer one it begins. Not
    cached: a sort asks each name's key once, and a roll-up of 3,300 units would keep them all."""
    return tuple(_syllable_order(word) for word in text.split())


def _syllable_order(word: str) -> tuple:
    """A word's runs of digits as numbers (`10A` after `2A`), its letters as `_letters_order`."""
    return tuple((0, int(run), 0) if run.isdecimal() else _letters_order(run) for run in _RUNS.findall(word))


_RUNS = re.compile(r"\d+|\D+")


def _letters_order(word: str) -> tuple:
    letters: list[int] = []
    tone = 0
    for char in unicodedata.normalize("NFD", word.casefold()):
        if char in _TONE_RANK:
            tone = _TONE_RANK[char]
        elif unicodedata.combining(char) and letters:  # breve, circumflex, horn: part of the letter
            composed = unicodedata.normalize("NFC", _ALPHABET_OF_RANK.get(letters[-1], "") + char)
            letters[-1] = _LETTER_RANK.get(composed, letters[-1])
        else:
            letters.append(_LETTER_RANK.get(char, 1000 + ord(char) if char.isdigit() else 3000 + ord(char)))
    return 1, tuple(letters), tone


_ALPHABET_OF_RANK = {rank: letter for letter, rank in _LETTER_RANK.items()}


def closest(name: str, candidates: list[str], key: Callable[[str], str] = match_key, cutoff: float = 0.6) -> str | None:
    """The candidate `name` was most likely meant to be (`Hoàn thàn` -> `Hoàn thành`), as `key` compares
    them, when it is close enough; else None."""
    keys = {key(c): c for c in candidates}
    match = difflib.get_close_matches(key(name), list(keys), n=1, cutoff=cutoff)
    return keys[match[0]] if match else None


def roman(n: int) -> str:
    """14 -> `XIV`: how ND 30 numbers mục, phần, chương, appendices and quarters."""
    result = ""
    for numeral, amount in _ROMAN_DIGITS:
        while n >= amount:
            result += numeral
            n -= amount
    return result


def roman_value(numeral: str) -> int | None:
    """`XIV` -> 14; None when the text is not a well-formed Roman numeral (upper case)."""
    if not numeral or any(ch not in _ROMAN_VALUES for ch in numeral):
        return None
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN_VALUES[ch]
        total += -value if i + 1 < len(numeral) and value < _ROMAN_VALUES[numeral[i + 1]] else value
    return total if roman(total) == numeral else None


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    """ND 30: months 1 and 2 get a leading zero (so `01` cannot be misread as `11`), the rest do not."""
    return f"{month:02d}" if month <= 2 else str(month)


class DateParts(Protocol):
    """A date whose day or month may be blank (`IssueDate` of a draft), or a `datetime.date`."""

    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int | None: ...
    @property
    def day(self) -> int | None: ...


def format_long_date(d: DateParts) -> str:
    """`ngày 05 tháng 3 năm 2024`; a blank day or month leaves space to write it in by hand."""
    day = day_text(d.day) if d.day else BLANK
    month = month_text(d.month) if d.month else BLANK
    return f"ngày {day} tháng {month} năm {d.year}"


def format_date_line(place: str, d: DateParts) -> str:
    """The place/date line of the header: `Hải Định, ngày 05 tháng 3 năm 2024`."""
    return f"{place}, {format_long_date(d)}"


def format_short_date(d: DateParts) -> str:
    """`05/3/2024`, `31/01/2024`: the short form used inside sentences, same zero rule."""
    day = day_text(d.day) if d.day else BLANK
    month = month_text(d.month) if d.month else BLANK
    return f"{day}/{month}/{d.year}"


def format_number_symbol(number: str | None, type_code: str, agency_symbol: str) -> str:
    """`25/KH-UBND`; numbers below 10 get a leading zero; a blank number leaves space."""
    return f"{format_doc_number(number)}/{type_code}-{agency_symbol}"


def format_doc_number(number: str | None) -> str:
    if not number:
        return BLANK
    return f"{int(number):02d}" if number.isdigit() else number


def format_decimal(value: float, pattern: str = "#,##0.#") -> str:
    from babel.numbers import format_decimal as babel_format_decimal

    return babel_format_decimal(value, format=pattern, locale="vi_VN")


def format_percent(part: int, whole: int) -> str:
    """`66,67%`: two decimals at most (as the CCHC report and its forms print a ratio, and the spec's
    `83,33%`), Vietnamese decimal comma, no space before the sign; `50%`, `12,5%` without trailing zeros."""
    if whole == 0:
        return "0%"
    # Half up on the exact fraction (1/800 is 0,13%), not by a float's `round` (0,125 gives 0,12).
    hundredths = (200 * 100 * part + whole) // (2 * whole)
    value = hundredths / 100
    if 0 <= value < 1000:
        # What babel prints for a number of two decimals with no thousands, without loading babel.
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
    return format_decimal(value, "#,##0.##") + "%"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    """`quý I` -> `Quý I`, `xã Hải Định` -> `Xã Hải Định`: the first letter only."""
    return text[:1].upper() + text[1:] if text else text


_AGENCY_TYPES = {
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân",
    "UBND": "UBND",
    "HĐND": "HĐND",
}
_DEPARTMENT = "SỞ"
_UNIT_WORDS = ("thị trấn", "thành phố", "thị xã", "đặc khu", "xã", "phường", "huyện", "quận", "tỉnh")


COMMUNE_WORDS = ("xã", "phường", "đặc khu", "thị trấn")
"""The units a province rolls up (xã, phường, đặc khu; thị trấn before the 2025 reform)."""


def unit_word_of(name: str) -> str:
    """`ỦY BAN NHÂN DÂN PHƯỜNG AN HỘI`, `UBND phường` -> `phường`; "" when the name has none."""
    return unit_and_place(name)[0]


def unit_and_place(name: str) -> tuple[str, str]:
    """`UBND xã Hoà Bình` -> (`xã`, `hoà bình`): the administrative unit word ("" when none) and the
    place's name, in lower case, without the body (`Ủy ban nhân dân`, `UBND`…) before them."""
    rest = " ".join(nfc(name).split()).lower()
    rest = re.sub(r"^(?:ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân|ubnd|hđnd)\s*", "", rest)
    unit = next((u for u in _UNIT_WORDS if rest == u or rest.startswith(u + " ")), "")
    return unit, rest[len(unit):].strip()


def names_one_unit(name: str, other: str) -> bool:
    """Whether two names of a unit name the same one (`Xã Hải Định`, `UBND xã Hải Định`, `Hải Định`;
    `Hoà` and `Hòa` alike): the same place, and the same kind of unit when both say it (`Phường 1` is
    not `Xã 1`)."""
    (unit, place), (other_unit, other_place) = unit_and_place(name), unit_and_place(other)
    return ascii_slug(place) == ascii_slug(other_place) and (unit == other_unit or not unit or not other_unit)


def agency_in_sentence(name: str) -> str:
    """`ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH` -> `Ủy ban nhân dân xã Hải Định` (Phụ lục II capitalisation).

    The body type keeps its capital, the administrative unit word is lower case, the proper name
    is capitalised word by word. A name of another shape is capitalised word by word.
    """
    words = " ".join(nfc(name).split())
    upper = words.upper()
    head = ""
    for caps, sentence in _AGENCY_TYPES.items():
        if upper.startswith(caps + " ") or upper == caps:
            head, words = sentence, words[len(caps):].strip()
            break
    if not head and upper.startswith(_DEPARTMENT + " "):
        return _department_in_sentence(words[len(_DEPARTMENT):].strip())
    return " ".join(part for part in (head, _place_in_sentence(words)) if part)


def _place_in_sentence(words: str) -> str:
    """`XÃ HẢI ĐỊNH` -> `xã Hải Định`; a name of another shape capitalised word by word."""
    rest = words.lower()
    unit = next((u for u in _UNIT_WORDS if rest == u or rest.startswith(u + " ")), "")
    proper = rest[len(unit):].strip()
    if unit and proper and not proper.split()[0].isdigit():
        return f"{unit} {proper.title()}"
    return rest.title()


def _department_in_sentence(rest: str) -> str:
    """`KẾ HOẠCH VÀ ĐẦU TƯ TỈNH QUẢNG TRỊ` -> `Sở Kế hoạch và Đầu tư tỉnh Quảng Trị` (Phụ lục II: the first
    word of each field the name joins is capitalised, not every word: `Sở Nội vụ`, never `Sở Nội Vụ`)."""
    lower = rest.lower()
    place_at = re.search(r"(?:^|\s)(?:" + "|".join(_UNIT_WORDS) + r")(?!\s+hội\b)\s", lower)
    cut = place_at.start() if place_at else len(lower)
    field, place = lower[:cut].strip(), lower[cut:].strip()
    parts = re.split(r"(\s+và\s+|,\s*|\s+-\s+)", field)
    field = "".join(part if i % 2 else part[:1].upper() + part[1:] for i, part in enumerate(parts))
    return " ".join(part for part in ("Sở", field, _place_in_sentence(place) if place else "") if part)


def ascii_slug(text: str) -> str:
    """An ASCII file-name part: `Xã Hải Định` -> `xa-hai-dinh`. Never contains a path separator."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        # Shortened, not refused; the digest keeps two long names that share a beginning apart.
        digest = hashlib.sha256(slug.encode()).hexdigest()[:8]
        slug = slug[: MAX_SLUG - 9].rstrip("-") + "-" + digest
    return slug + "_" if slug in WINDOWS_RESERVED else slug


MAX_SLUG = 80
"""Folder and file names stay far below Windows' 255-character name and 260-character path limits."""
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})
"""Names Windows gives to devices: a folder called `CON` or `NUL` cannot be created there."""


# Text typed with an old 8-bit font (TCVN3/ABC, VNI) and read as Unicode shows Latin-1 letters
# Vietnamese never uses, inside words: TCVN3 "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
# VNI "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".
TCVN3_MARKS = frozenset("¸µ¶·¹¨¾»¼½©ÇÐ×Þßçþ¡¢£¤¥¦§®ª«¬\u00ad")
LEGACY_MARKS = TCVN3_MARKS | frozenset("ÆËÎÏÑÖØÜäåæëîïñöøûüÄÅÛ")
VNI_PAIR = re.compile(r"[aeiouyAEIOUY][ùõÙÕ]|[aA][éèãúÉÈÃÚ]")
_LEGACY_HINT = re.compile("[" + re.escape("".join(sorted(LEGACY_MARKS))) + "]|" + VNI_PAIR.pattern)
"""A legacy mark or a VNI pair anywhere: one search, not a set look-up per character."""
_WORD_EDGES = " .,;:!?()[]{}\"'“”‘’«»…-–—/\\"


def legacy_encoded_words(text: str) -> list[str]:
    """The words that show an old 8-bit encoding, when the text as a whole looks typed in one.

    One odd word in a long text is taken for a foreign name, not an encoding.
    """
    if text.isascii() or _LEGACY_HINT.search(text) is None:
        return []
    words = [w.strip(_WORD_EDGES) for w in text.split()]
    words = [w for w in words if w]
    odd = [w for w in words if _looks_legacy(w)]
    return [] if not odd or (len(odd) < 2 and len(words) > 3) else odd


def legacy_encoding_name(words: list[str]) -> str:
    return "TCVN3 (ABC)" if any(ch in TCVN3_MARKS for w in words for ch in w) else "VNI"


def _looks_legacy(word: str) -> bool:
    if not any("a" <= ch.lower() <= "z" for ch in word) or _MODERN_VIETNAMESE.search(word):
        return False
    if word[:1] == "Ð":  # the look-alike Ð typed for Đ at a word's start (`Ðông`, `Ðoàn`): Unicode text
        word = word[1:]
    return any(ch in LEGACY_MARKS for ch in word) or VNI_PAIR.search(word) is not None


_MODERN_VIETNAMESE = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
"""Letters only Unicode Vietnamese has (an 8-bit font read as Latin-1 never gives them): a word with one
is not legacy text, whatever else it holds (`Ðảng` typed with the look-alike Ð, a reviewer found)."""


def is_surely_legacy(words: list[str]) -> bool:
    """Two words or more that show an old encoding: the text was typed in one (an error). One alone may be
    a foreign name (`Müller`, `Citroën`, `Muñoz`): said, not refused."""
    return len(words) >= 2


_EXCEL_FORMAT_NOISE = re.compile(r'\[[^\]]*\]|"[^"]*"|\\.|_.|\*.')


def format_general_number(value: float) -> str:
    """A number in a `General` cell as a Vietnamese reader writes it: `0,5`, `1250000`, `12`."""
    if float(value).is_integer():
        return str(int(value))
    return format_decimal(value, "0.##########")


def format_excel_number(value: float, number_format: str) -> str:
    """A number as Excel shows it with the cell's format, in Vietnamese separators.

    `0.96` with `0%` -> `96%`; `0.5` with `0.0%` -> `50,0%`; `1250000` with `#,##0` -> `1.250.000`.
    Formats beyond digits, grouping, decimals and percent (dates, fractions, text) print as General.
    """
    section = _EXCEL_FORMAT_NOISE.sub("", number_format.split(";")[0]).strip()
    if not section or not re.fullmatch(r"[#0,]*(\.[0#]+)?%?", section) or not re.search(r"[0#]", section):
        return format_general_number(value)
    if section.endswith("%"):
        value, section = value * 100, section[:-1]
    integer, _, decimals = section.partition(".")
    pattern = ("#,##0" if "," in integer else "0") + ("." + decimals if decimals else "")
    text = format_decimal(value, pattern)
    return text + ("%" if section is not number_format and number_format.split(";")[0].strip().endswith("%") else "")


# C0 and C1 controls, line and paragraph separators, bidi embeddings/overrides/isolates, surrogates.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f"
                              "\ud800-\udfff]")


def escape_for_terminal(text: str) -> str:
    """Text for one terminal line: unsafe characters shown as escapes (`\\n`, `\\u202e`)."""
    return _TERMINAL_UNSAFE.sub(_escape_character, text)


def _escape_character(m: re.Match) -> str:
    c = m.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or f"\\u{ord(c):04x}"
