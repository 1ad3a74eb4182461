"""Quyền hạn ký: the authority lines above a signature, as ND 30/2020 (Phụ lục I, ô 7a) writes them.

`TM.` (thay mặt: on behalf of a collective body), `KT.` (ký thay: a deputy signing for the head),
`Q.` (quyền: acting), `TL.` (thừa lệnh) and `TUQ.` (thừa ủy quyền), each followed by the full name of
the body or title in capitals. Pure: returns the lines and what is wrong, in Vietnamese.
"""

from __future__ import annotations

import re

from ..vietnamese import match_key

PREFIXES = ("TM", "KT", "Q", "TL", "TUQ")
_PREFIX = re.compile(r"^(TM|KT|Q|TL|TUQ)\s*\.\s*(.*)$", re.IGNORECASE)
_ANOTHER_PREFIX = re.compile(r"\s+(?=(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S)")
ABBREVIATIONS = {
    "UBND": "ỦY BAN NHÂN DÂN",
    "HĐND": "HỘI ĐỒNG NHÂN DÂN",
    "UBMTTQ": "ỦY BAN MẶT TRẬN TỔ QUỐC",
    "MTTQ": "MẶT TRẬN TỔ QUỐC",
    "BCĐ": "BAN CHỈ ĐẠO",
    "UB": "ỦY BAN",
    "HĐ": "HỘI ĐỒNG",
    "CT": "CHỦ TỊCH",
    "PCT": "PHÓ CHỦ TỊCH",
}
"""Abbreviations an authority line must spell out (ND 30, Phụ lục I: the full name, in capitals);
the checker (check/signature.py) judges any document by the same table."""
COLLECTIVE_BODIES = ("ỦY BAN NHÂN DÂN",)
"""Bodies that decide collectively, so their head signs `TM.` and a deputy `TM.` then `KT.`."""

Finding = tuple[str, str]
"""(what is wrong, how to fix it)."""


def split_authority(typed: str) -> list[str]:
    """The authority lines: one per line typed, and `TM. … KT. …` typed on one line split in two."""
    lines: list[str] = []
    for line in typed.split("\n"):
        lines.extend(part.strip() for part in _ANOTHER_PREFIX.split(line) if part.strip())
    return [_normalised(line) for line in lines]


def _normalised(line: str) -> str:
    """`tl.chủ tịch` -> `TL. CHỦ TỊCH`: the prefix, one space, the rest in capitals."""
    m = _PREFIX.match(line)
    if not m:
        return line
    return f"{m.group(1).upper()}. {' '.join(m.group(2).split()).upper()}"


def abbreviations_in(line: str) -> list[str]:
    """Abbreviated bodies or titles in an authority line (`TM. UBND`): ND 30 wants them in full."""
    words = re.findall(r"[\wĐđ]+", line.upper())
    return [w for w in words[1:] if w in ABBREVIATIONS]


def authority_problems(typed: str, title: str, issuer: str = "") -> tuple[list[str], list[Finding], list[Finding]]:
    """The authority lines of `typed`, the errors in them, and the warnings.

    `title` is the signer's Chức vụ; `issuer` the issuing body (a collective body signs `TM.`).
    """
    lines = split_authority(typed)
    errors: list[Finding] = []
    warnings: list[Finding] = []
    for line in lines:
        if not _PREFIX.match(line):
            errors.append((f"quyền hạn ký “{line}” không đúng thể thức",
                           "bắt đầu bằng TM., KT., Q., TL. hoặc TUQ., ví dụ “TM. ỦY BAN NHÂN DÂN”"))
            continue
        short = abbreviations_in(line)
        if short:
            full = line
            for word in short:
                full = re.sub(rf"\b{word}\b", ABBREVIATIONS[word], full)
            errors.append((f"quyền hạn ký “{line}” viết tắt tên cơ quan, chức danh",
                           f"viết đầy đủ: “{full}”"))
    prefixes = [line.split(".")[0] for line in lines if _PREFIX.match(line)]
    title_key = match_key(title)
    deputy_line = next((line for line in lines if line.startswith("KT.")), None)
    if deputy_line is not None:
        head = match_key(deputy_line[3:])
        if title_key == head:
            errors.append((f"“{deputy_line}” nhưng chức vụ người ký lại là “{title}”: người ký thay phải là cấp phó",
                           f"sửa chức vụ thành “PHÓ {title.upper()}”, hoặc xóa dòng “{deputy_line}” nếu người đứng đầu ký"))
        if is_collective(issuer) and match_key(head) == "chủ tịch" and lines.index(deputy_line) == 0:
            body = collective_name(issuer)
            warnings.append((f"cơ quan làm việc theo chế độ tập thể nhưng quyền hạn ký thiếu dòng “TM. {body}”",
                             f"nhập hai dòng: “TM. {body}” rồi xuống dòng (Alt+Enter) “{deputy_line}”"))
    elif not lines and title_key.startswith("phó ") and not is_collective(issuer):
        errors.append((f"cấp phó ({title}) ký nhưng chưa nhập quyền hạn ký",
                       f"nhập “KT. {' '.join(title.split()).upper()[4:]}”: cấp phó ký thay người đứng đầu"))
    elif prefixes == ["TM"] and title_key.startswith("phó "):
        warnings.append((f"cấp phó ({title}) ký nhưng quyền hạn ký chỉ có “{lines[0]}”",
                         f"thêm dòng “KT. {title.upper()[4:]}” dưới dòng “{lines[0]}”"))
    return lines, errors, warnings


def is_collective(issuer: str) -> bool:
    """`ỦY BAN NHÂN DÂN XÃ …` decides collectively; a ministry or a department does not."""
    upper = " ".join(issuer.split()).upper().replace("UỶ", "ỦY")
    return any(body in upper for body in COLLECTIVE_BODIES)


def collective_name(issuer: str) -> str:
    """The collective body as its authority line names it: `ỦY BAN NHÂN DÂN` of `ỦY BAN NHÂN DÂN XÃ …`."""
    upper = " ".join(issuer.split()).upper().replace("UỶ", "ỦY")
    return next((c for c in COLLECTIVE_BODIES if c in upper), upper)
