"""D1: a document issued on or after 1 July 2025 names no district body (spec §16).

The two-tier reform abolished the districts: a document of that date has no district managing body
over its issuer, and no `Ủy ban nhân dân huyện …` or `Phòng Nội vụ huyện` among those it is sent to
(Kính gửi, Nơi nhận). A commune that copies last year's workbook keeps them without noticing.
"""

from __future__ import annotations

from datetime import date

from ..domain.agency import names_a_district
from .document import DocumentParts
from .findings import Finding, warning
from .package import WordFile
from .reference import read_date_line
from .vntext import canonical

TWO_TIER_REFORM = date(2025, 7, 1)
HINT = "từ 01/7/2025 không còn cấp huyện: gửi cơ quan cấp tỉnh (Ủy ban nhân dân tỉnh, Sở Nội vụ tỉnh …)"


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    issued = _issued(parts)
    if issued is None:
        return []
    findings = [warning("D1", line.location, f"cơ quan chủ quản «{canonical(line.text)}» cấp huyện trong văn bản "
                        f"{issued}", "từ 01/7/2025 không còn cấp huyện: không ghi cơ quan chủ quản cấp huyện")
                for line in (parts.header.managing_body if parts.header else []) if _names_a_district(line.text)]
    findings += [warning("D1", p.location, f"cơ quan cấp huyện ở «{canonical(p.text)}» trong văn bản "
                         f"{issued}", HINT) for p in parts.addressees if _names_a_district(p.text)]
    recipients = parts.signature.recipients[1:] if parts.signature and parts.signature.recipients else []
    findings += [warning("D1", line.location, f"nơi nhận cấp huyện «{canonical(line.text)}» trong văn bản {issued}",
                         HINT) for line in recipients if _names_a_district(line.text)]
    return findings


def _issued(parts: DocumentParts):
    """The issue date when it is on or after the reform (a draft's blank day counts from its month)."""
    if parts.header is None or parts.header.date_line is None:
        return None
    read = read_date_line(parts.header.date_line.text.strip())
    if read is None:
        return None
    issued = read[1]
    earliest = date(issued.year, issued.month or 1, issued.day or 1) if issued.is_real else None
    return issued if earliest is not None and earliest >= TWO_TIER_REFORM else None


def _names_a_district(text: str) -> bool:
    return names_a_district(canonical(text))
