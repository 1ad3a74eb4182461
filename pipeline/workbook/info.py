"""Sheet `Thông tin`: the issuing body, the plan's year, and the plan's options."""

from __future__ import annotations

import functools
import re
from datetime import date

from ..domain.plan import Agency
from ..vietnamese import ascii_slug, closest, match_key, unit_word_of
from . import format as F
from .reform import warn_district
from .sheets import Reader


def read_info(reader: Reader, ws, grid) -> tuple[Agency | None, int, bool, dict[str, tuple[str, str]]]:
    """The issuing body, the plan's year, whether to group tasks by CCHC field, and every (value, cell)
    by label (the report settings are read from them: workbook.report_text)."""
    if ws is None:
        return None, date.today().year, True, {}
    rows = reader.table(ws, F.SHEET_INFO, F.INFO_COLUMNS, grid)
    labels = {match_key(label): label for label in F.INFO_LABELS}
    values: dict[str, tuple[str, str]] = {}
    for row in rows:
        label = reader.text(row, F.INFO_LABEL)
        key = labels.get(match_key(label)) or _label_typed_otherwise(label)
        if key is None:
            guess = closest(label, list(F.INFO_LABELS))
            hint = f"sửa thành “{guess}”" if guess else "xóa dòng này nếu không cần"
            reader.warn(F.SHEET_INFO, row.cell(F.INFO_LABEL), f"mục “{label}” không thuộc mẫu nên bị bỏ qua", hint)
            continue
        values[key] = (reader.text(row, F.INFO_VALUE), row.cell(F.INFO_VALUE))
    for label, required in F.INFO_LABELS.items():
        if required and label in values and not values[label][0]:
            reader.problem(F.SHEET_INFO, values[label][1], f"chưa nhập “{label}”",
                           f"nhập giá trị cho mục “{label}” ở cột Giá trị")
        elif required and label not in values:
            reader.problem(F.SHEET_INFO, "", f"chưa có mục “{label}”",
                           f"thêm một dòng: cột {F.INFO_LABEL} ghi “{label}”, cột {F.INFO_VALUE} ghi giá trị")
    year_text, year_cell = values.get(F.INFO_YEAR, ("", "B"))
    year = date.today().year
    if year_text:
        # `2.024`, `2.024,00`, `2024,00`: a year in a cell formatted with thousands (Comma Style) or
        # decimals (Number) prints so, however it is retyped.
        grouped = re.fullmatch(r"(\d)[.,]?(\d{3})(?:[.,]0+)?", year_text)  # and `2024,00` (Number format)
        digits = grouped.group(1) + grouped.group(2) if grouped else year_text
        if re.fullmatch(r"\d{4}", digits) and 2000 <= int(digits) <= 2100:
            year = int(digits)
        else:
            reader.problem(F.SHEET_INFO, year_cell, f"năm “{year_text}” không hợp lệ", f"nhập năm bốn chữ số, ví dụ {date.today().year}")

    def get(label: str) -> str:
        return values.get(label, ("",))[0]

    if F.INFO_MANAGING_BODY in values:
        warn_district(reader, F.SHEET_INFO, values[F.INFO_MANAGING_BODY][1], get(F.INFO_MANAGING_BODY), year,
                      "cơ quan chủ quản")
    agency = Agency(
        name=get(F.INFO_ISSUER),
        short_name=get(F.INFO_SHORT_NAME),
        symbol=get(F.INFO_SYMBOL),
        place=get(F.INFO_PLACE),
        managing_body=get(F.INFO_MANAGING_BODY) or None,
        monitoring_unit=get(F.INFO_MONITORING_UNIT) or None,
    )
    _warn_short_name_of_another_unit(reader, agency, values[F.INFO_SHORT_NAME][1] if F.INFO_SHORT_NAME in values else "",
                                     values[F.INFO_ISSUER][1] if F.INFO_ISSUER in values else "")
    if agency.symbol and not re.fullmatch(r"[A-Za-zĐđ0-9]+(?:-[A-Za-zĐđ0-9]+)*", agency.symbol):
        reader.problem(F.SHEET_INFO, values[F.INFO_SYMBOL][1], f"ký hiệu cơ quan “{agency.symbol}” không hợp lệ",
                       "chỉ dùng chữ và số, ví dụ UBND")
    return agency, year, _yes_or_no(reader, *values.get(F.INFO_GROUP_BY_FIELD, ("", "B")), default=True), values


def _warn_short_name_of_another_unit(reader: Reader, agency: Agency, short_cell: str, issuer_cell: str) -> None:
    """`Tên gọi tắt` = `UBND xã` (init's example) kept by a ward prints "của UBND xã" under a PHƯỜNG header."""
    issuer_word, short_word = unit_word_of(agency.name), unit_word_of(agency.short_name)
    if not issuer_word or not short_word or issuer_word == short_word:
        return
    fixed = re.sub(re.escape(short_word), issuer_word, agency.short_name, count=1, flags=re.IGNORECASE)
    reader.warn(F.SHEET_INFO, short_cell,
                f"tên gọi tắt “{agency.short_name}” là của {short_word}, còn cơ quan ban hành ({F.SHEET_INFO}!"
                f"{issuer_cell}) là {issuer_word}: văn bản sẽ in “của {agency.short_name}” dưới tên {issuer_word}",
                f"sửa thành “{fixed}”")


def _yes_or_no(reader: Reader, text: str, cell: str, default: bool) -> bool:
    key = match_key(text)
    if not key:
        return default
    if key in {"có", "co", "x", "yes", "1"}:
        return True
    if key in {"không", "khong", "no", "0"}:
        return False
    reader.problem(F.SHEET_INFO, cell, f"“{text}” không phải “{F.YES}” hay “{F.NO}”",
                   f"nhập “{F.YES}” để nhóm nhiệm vụ theo lĩnh vực, “{F.NO}” để không nhóm")
    return default


@functools.lru_cache(maxsize=64)
def _label_typed_otherwise(label: str) -> str | None:
    """The item a label names when typed without its tone marks or with a colon (`Co quan ban hanh`,
    `Địa danh:`): what it means is plain, so it is read, not refused as unknown."""
    key = ascii_slug(label.strip().rstrip(":").strip())
    return next((known for known in F.INFO_LABELS if ascii_slug(known) == key), None) if key else None
