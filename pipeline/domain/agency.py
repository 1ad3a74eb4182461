"""What an issuing body's name says of it: where its kind ends and its place begins, its symbol in a
document number, and how its head signs (ND 30/2020, Phụ lục I and III).

`SỞ NỘI VỤ TỈNH LÂM ĐỒNG` is the kind `SỞ NỘI VỤ` and the place `TỈNH LÂM ĐỒNG`: a header breaks
between them, never inside the place name. A Sở's symbol is `S` and the initials of its field (`SNV`,
`SKHĐT`); its director decides alone, so signs without `TM.` (a deputy: `KT. GIÁM ĐỐC`), where a
People's Committee's chair signs `TM. ỦY BAN NHÂN DÂN`.
"""

from __future__ import annotations

import re

from .signer import COLLECTIVE_BODIES, is_collective

PLACE = re.compile(r"(?<=\s)(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ(?!\s+HỘI\b)|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+\S")
DEPARTMENT = "SỞ"
DIRECTOR = "GIÁM ĐỐC"
CHAIR = "CHỦ TỊCH"
DEPUTY = "PHÓ "
_SYMBOLS = {"ỦY BAN NHÂN DÂN": "UBND", "HỘI ĐỒNG NHÂN DÂN": "HĐND"}
_LINKING_WORDS = {"VÀ"}


def _upper(name: str) -> str:
    return " ".join(name.split()).upper().replace("UỶ", "ỦY")


def kind_and_place(name: str) -> tuple[str, str]:
    """`SỞ NỘI VỤ TỈNH LÂM ĐỒNG` -> (`SỞ NỘI VỤ`, `TỈNH LÂM ĐỒNG`); (`name`, ``) when no place is named."""
    upper = _upper(name)
    m = PLACE.search(upper)
    if m is None:
        return upper, ""
    return upper[:m.start()].strip(), upper[m.start():]


def name_under(managing_body: str | None, name: str) -> str:
    """The issuing body as the header prints it under its managing body: a Sở without the place the
    managing body already names (`UBND TỈNH LÂM ĐỒNG` / `SỞ NỘI VỤ`, as a Sở's documents have it;
    `SỞ NỘI VỤ` / `TỈNH LÂM ĐỒNG` under it said the province twice). Any other body (`THANH TRA
    TỈNH …`, `VĂN PHÒNG UBND TỈNH …`, a Council), a name broken where typed, or another place: as it is."""
    if not managing_body or "\n" in name or not _upper(name).startswith(DEPARTMENT + " "):
        return name
    kind, place = kind_and_place(name)
    _, above = kind_and_place(managing_body)
    return kind if kind and place and place == above else name


def agency_symbol(name: str) -> str | None:
    """Chữ viết tắt tên cơ quan: `UBND`, `HĐND`, `SNV` for a Sở Nội vụ; None when the name does not say."""
    kind, _ = kind_and_place(name)
    for body, symbol in _SYMBOLS.items():
        if kind.startswith(body):
            return symbol
    words = kind.split()
    if len(words) > 1 and words[0] == DEPARTMENT:
        return DEPARTMENT[0] + "".join(w[0] for w in words[1:] if w not in _LINKING_WORDS and w[0].isalpha())
    return None


def head_title(name: str) -> str | None:
    """The head's title: `CHỦ TỊCH` of a People's Committee, `GIÁM ĐỐC` of a Sở; None when unknown."""
    if is_collective(name):
        return CHAIR
    return DIRECTOR if _upper(name).startswith(DEPARTMENT + " ") else None


def authority_lines(name: str, title: str) -> tuple[str, ...]:
    """Quyền hạn ký for the head or a deputy (`PHÓ …`) of the body `name`.

    A collective body: `TM. ỦY BAN NHÂN DÂN` (and `KT. CHỦ TỊCH` for a deputy); any other body's head
    signs with no line, a deputy `KT.` the head's title.
    """
    title = _upper(title)
    deputy = (f"KT. {title[len(DEPUTY):]}",) if title.startswith(DEPUTY) else ()
    if is_collective(name):
        body = next(b for b in COLLECTIVE_BODIES if b in _upper(name))
        return (f"TM. {body}", *deputy)
    return deputy


_DISTRICT_WORD = re.compile(r"(?<!\w)(huyện|quận|thị\s+xã)(?!\w)", re.IGNORECASE)
_BODY_BEFORE = re.compile(r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|hđnd|hội đồng nhân dân)\s*$", re.IGNORECASE)


def names_a_district(text: str) -> bool:
    """Whether `text` names a district-level body, which the 2025 reform abolished: any `huyện`; a
    `quận` or `thị xã` only as a unit's name (`UBND quận 1`, `- Thị xã Quảng Trị`), not inside other
    words (`đô thị xã Hải Định`, `Chỉ thị xã hội hóa`) nor as a person's name (`Trần Văn Quận`). A
    district-level thành phố cannot be told from a province's by its name, so it is not looked for."""
    for match in _DISTRICT_WORD.finditer(text):
        if match.group(1).casefold() == "huyện":
            return True
        before, after = text[:match.start()].rstrip(), text[match.end():].lstrip()
        named = after[:1].isdigit() or after[:1].isupper()
        if named and (not before or before.endswith("-") or _BODY_BEFORE.search(before + " ")):
            return True
    return False
