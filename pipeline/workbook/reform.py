"""The 2025 two-tier reform in a workbook: from 1 July 2025 there are no districts (spec §16).

A commune that copies last year's workbook for a new year keeps `UBND huyện …` in its managing body,
its Kính gửi and its Nơi nhận without noticing; each such cell is warned about, in a workbook of 2026
or later (a 2025 workbook's reports straddle the reform).
"""

from __future__ import annotations

from ..domain.agency import names_a_district
from .sheets import Reader

FIRST_YEAR_WITHOUT_DISTRICTS = 2026


def warn_district(reader: Reader, sheet: str, cell: str, text: str, year: int, what: str) -> None:
    """A warning at `cell` when its `text` (`what`: `nơi nhận`, `Kính gửi`) names a district body."""
    if year >= FIRST_YEAR_WITHOUT_DISTRICTS and names_a_district(text):
        reader.warn(sheet, cell, f"{what} “{text}” là cơ quan cấp huyện, nhưng từ 01/7/2025 không còn cấp huyện",
                    "thay bằng cơ quan cấp tỉnh (Ủy ban nhân dân tỉnh …, Sở Nội vụ tỉnh …) hoặc xóa")
