"""Sheets `Nội dung`, `Nơi nhận` and `Lĩnh vực`: the plan's body, its recipients, its own field names."""

from __future__ import annotations

import re

from ..domain.cchc_fields import field_code
from ..domain.plan import BodyParagraph, Recipients
from ..vietnamese import match_key
from . import format as F
from .reform import warn_district
from .sheets import Reader


def read_body(reader: Reader, ws, grid) -> list[BodyParagraph]:
    if ws is None:
        return []
    body = []
    for row in reader.table(ws, F.SHEET_BODY, F.BODY_COLUMNS, grid):
        marker = reader.text(row, F.BODY_MARKER)
        text = reader.text(row, F.BODY_TEXT)
        if not text:
            reader.problem(F.SHEET_BODY, row.cell(F.BODY_TEXT), "đề mục không có nội dung", "nhập nội dung hoặc xóa dòng")
            continue
        body.append(BodyParagraph(marker, text))
    return body


def read_recipients(reader: Reader, ws, grid, year: int = 0) -> tuple[Recipients, Recipients]:
    names: dict[str, list[str]] = {"Kế hoạch": [], "Báo cáo": []}
    archive: dict[str, str] = {}
    if ws is not None:
        kinds = {match_key(k): k for k in F.RECIPIENT_KINDS}
        for row in reader.table(ws, F.SHEET_RECIPIENTS, F.RECIPIENT_COLUMNS, grid):
            kind_text = reader.text(row, F.RECIPIENT_DOC)
            kind = kinds.get(match_key(kind_text))
            if kind is None:
                kind = kinds.get(match_key(re.sub(r"(?i)\s+quý.*$", "", kind_text)))
            if kind is None:
                reader.problem(F.SHEET_RECIPIENTS, row.cell(F.RECIPIENT_DOC), f"loại văn bản “{kind_text}” không hợp lệ",
                               "chọn “Kế hoạch” hoặc “Báo cáo”")
                continue
            name = reader.text(row, F.RECIPIENT_NAME, True, "nơi nhận")
            name = " ".join(name.split()).lstrip("-").strip().rstrip(";.").strip()
            if not name:
                continue
            if match_key(name).startswith("lưu:") or match_key(name).startswith("lưu "):
                archive[kind] = "Lưu: " + name.split(":", 1)[-1].strip() if ":" in name else name
            else:
                names[kind].append(name)
                warn_district(reader, F.SHEET_RECIPIENTS, row.cell(F.RECIPIENT_NAME), name, year, "nơi nhận")

    def recipients(kind: str) -> Recipients:
        return Recipients(tuple(names[kind]), archive.get(kind, "Lưu: VT"))

    return recipients("Kế hoạch"), recipients("Báo cáo")


def read_fields(reader: Reader, ws, grid) -> dict[str, str] | None:
    """The optional `Lĩnh vực` sheet: a province's own codes and names of the CCHC fields."""
    if ws is None:
        return None
    names: dict[str, str] = {}
    for row in reader.table(ws, F.SHEET_FIELDS, F.FIELD_COLUMNS, grid):
        code = reader.text(row, F.FIELD_CODE, True, "mã lĩnh vực").rstrip(".")
        name = reader.text(row, F.FIELD_NAME, True, "tên lĩnh vực")
        if code and field_code(code) is None:
            reader.problem(F.SHEET_FIELDS, row.cell(F.FIELD_CODE), f"mã lĩnh vực “{code}” không phải một số",
                           "ghi mã bằng chữ số 1, 2, 3… như số đầu của mã tiêu chí (Tiêu chí 3.5 thuộc lĩnh vực 3)")
            continue
        code = field_code(code) or ""
        if code in names:
            reader.problem(F.SHEET_FIELDS, row.cell(F.FIELD_CODE), f"mã lĩnh vực “{code}” bị trùng", "mỗi lĩnh vực một mã")
        elif code and name:
            names[code] = name
    return names or None
