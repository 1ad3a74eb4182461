"""Đề cương báo cáo CCHC định kỳ: the Bộ Nội vụ's outline of the periodic CCHC report (Công văn số
4625/BNV-CCHC ngày 02/7/2025), its section codes, and the wording that depends on the level.

The outline is data: every section has a code (`I.1`, `II.2.c`, `IV`) that the workbook's sheet
`Nội dung báo cáo` names, and a heading fixed by the guidance. `{cấp}` wording differs between a
province and a commune (xã, phường, đặc khu). Pure: no I/O, nothing of ours but `vietnamese`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vietnamese import match_key, nfc
from .period import PeriodKind, ReportPeriod
from .plan import Level, ReportForm, SectionText

__all__ = ["FIELD_SECTIONS", "Level", "OUTLINE", "POINT_LETTERS", "ReportForm", "SECTIONS", "Section", "SectionText",
           "TYPED_CODES", "commune_unit", "period_phrase", "section_code"]


@dataclass(frozen=True)
class Section:
    """One heading of the outline."""

    code: str
    """`I`, `I.1`, `II.2.c`, `IV`: how `Nội dung báo cáo` names it."""
    province: str
    """The heading's text for a province (as the real reports print it)."""
    commune: str | None = None
    """The text for a commune, when it differs; `{unit}` is xã, phường or đặc khu."""
    run_in: bool = False
    """Printed `heading: text` in one paragraph (I.5, II.4.c), not on a line of its own."""
    typed: bool = True
    """The clerk may write under it in `Nội dung báo cáo` (false for the parts built elsewhere)."""

    @property
    def depth(self) -> int:
        """1 for `I`, 2 for `I.1`, 3 for `II.1.a`."""
        return self.code.count(".") + 1

    @property
    def marker(self) -> str:
        """`I.`, `1.`, `a)`: how the heading is numbered on the page."""
        last = self.code.split(".")[-1]
        return f"{last})" if self.depth == 3 else f"{last}."

    def heading(self, level: Level, unit: str = "xã") -> str:
        text = self.commune if level is Level.COMMUNE and self.commune else self.province
        return text.replace("{unit}", unit)


def _items(field: str, letters_and_texts: list[tuple[str, str]], run_in: str = "") -> list[Section]:
    return [Section(f"{field}.{letter}", text, run_in=letter == run_in) for letter, text in letters_and_texts]


OUTLINE: tuple[Section, ...] = (
    Section("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", typed=False),
    Section("I.1", "Đánh giá về các hoạt động chỉ đạo, điều hành nổi bật của lãnh đạo Tỉnh ủy, Ủy ban nhân dân "
                   "tỉnh đối với công tác CCHC",
            "Đánh giá về các hoạt động chỉ đạo, điều hành nổi bật của lãnh đạo Đảng ủy, Ủy ban nhân dân {unit} "
            "đối với công tác CCHC"),
    Section("I.2", "Đánh giá, cập nhật tiến độ thực hiện Kế hoạch CCHC"),
    Section("I.3", "Về công tác kiểm tra CCHC"),
    Section("I.4", "Về công tác thông tin, tuyên truyền CCHC"),
    Section("I.5", "Về tổng hợp, cập nhật tiến độ, kết quả thực hiện các nhiệm vụ Chính phủ, Thủ tướng Chính "
                   "phủ giao",
            "Về tổng hợp, cập nhật tiến độ, kết quả thực hiện các nhiệm vụ Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban "
            "nhân dân tỉnh giao", run_in=True),
    Section("I.6", "Về mô hình, sáng kiến, giải pháp mới trong CCHC"),
    Section("II", "KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC", typed=False),
    Section("II.1", "Cải cách thể chế"),
    *_items("II.1", [
        ("a", "Kết quả xây dựng, ban hành văn bản quy phạm pháp luật (QPPL)"),
        ("b", "Kết quả tổ chức thi hành pháp luật và theo dõi, thi hành pháp luật"),
        ("c", "Kết quả thực hiện tuyên truyền, phổ biến giáo dục pháp luật"),
        ("d", "Kết quả kiểm tra, rà soát và hệ thống hóa văn bản QPPL"),
    ]),
    Section("II.2", "Cải cách thủ tục hành chính"),
    *_items("II.2", [
        ("a", "Kết quả rà soát, cắt giảm, đơn giản hóa TTHC"),
        ("b", "Tổng hợp, cập nhật số lượng TTHC thuộc thẩm quyền giải quyết của địa phương"),
        ("c", "Kết quả thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC"),
    ]),
    Section("II.3", "Cải cách tổ chức bộ máy"),
    *_items("II.3", [
        ("a", "Kết quả rà soát, hoàn thiện các quy định về vị trí, chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức "
              "của các cơ quan, tổ chức hành chính và đơn vị sự nghiệp công lập"),
        ("b", "Kết quả rà soát, sắp xếp, tổ chức lại các cơ quan, tổ chức hành chính và đơn vị sự nghiệp công lập"),
        ("c", "Đánh giá về tình hình quản lý, sử dụng biên chế công chức, viên chức"),
        ("d", "Đánh giá kết quả thực hiện các quy định về phân cấp quản lý nhà nước giữa các cấp chính quyền"),
    ]),
    Section("II.4", "Cải cách chế độ công vụ"),
    *_items("II.4", [
        ("a", "Kết quả xây dựng, ban hành các quy định về vị trí việc làm của công chức, viên chức"),
        ("b", "Kết quả thực hiện tuyển dụng công chức, viên chức (thi tuyển, xét tuyển); bổ nhiệm, đề bạt công "
              "chức, viên chức; thi nâng ngạch công chức, thăng hạng viên chức và thi tuyển cạnh tranh để bổ nhiệm "
              "vào các chức danh lãnh đạo tại các cơ quan, đơn vị"),
        ("c", "Tình hình chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức, viên chức tại địa phương"),
        ("d", "Kết quả thực hiện đào tạo, bồi dưỡng cán bộ, công chức, viên chức"),
    ], run_in="c"),
    Section("II.5", "Cải cách tài chính công"),
    *_items("II.5", [
        ("a", "Kết quả thực hiện các quy định về quản lý tài chính - ngân sách tại địa phương"),
        ("b", "Kết quả thực hiện quy định về quản lý, sử dụng tài sản công"),
        ("c", "Kết quả thực hiện cơ chế tự chủ tài chính tại các đơn vị sự nghiệp công lập (SNCL)"),
    ]),
    Section("II.6", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    *_items("II.6", [
        ("a", "Kết quả hoàn thiện thể chế phục vụ xây dựng, phát triển chính quyền điện tử, chính quyền số"),
        ("b", "Kết quả xây dựng, phát triển hạ tầng kỹ thuật"),
        ("c", "Kết quả xây dựng, phát triển các hệ thống nền tảng"),
        ("d", "Kết quả xây dựng, phát triển dữ liệu"),
        ("đ", "Kết quả xây dựng, phát triển các ứng dụng dịch vụ nội bộ"),
        ("e", "Kết quả xây dựng, phát triển ứng dụng, dịch vụ phục vụ người dân, doanh nghiệp"),
        ("g", "Kết quả xây dựng, phát triển đô thị thông minh"),
        ("h", "Kết quả cung cấp dịch vụ công trực tuyến"),
    ]),
    Section("III", "ĐÁNH GIÁ CHUNG", typed=False),
    Section("III.1", "Mặt tích cực"),
    Section("III.2", "Những tồn tại, hạn chế, nguyên nhân"),
    Section("IV", "PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC {next}"),
    Section("V", "ĐỀ XUẤT, KIẾN NGHỊ"),
)
SECTIONS: dict[str, Section] = {s.code: s for s in OUTLINE}
TYPED_CODES: tuple[str, ...] = tuple(s.code for s in OUTLINE if s.typed)
"""The codes `Nội dung báo cáo` accepts, in outline order."""

POINT_LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k")
"""ND 30 letters points in Vietnamese alphabet order: no f, đ after d."""

FIELD_SECTIONS = {str(n): f"II.{n - 1}" for n in range(2, 8)}
"""CCHC field code (workbook spec, table of fields) -> the section of part II its tasks go under.
Fields 1 and 8 and unclassified tasks go under I.2."""

_CODE = re.compile(r"^\s*([IVX]+)(?:\s*\.\s*(\d+)(?:\s*\.\s*([a-zđ]))?)?\s*[.)]?\s*$", re.IGNORECASE)


def section_code(text: str) -> str | None:
    """`ii.2.c`, `II.2.c)`, ` I.1. ` -> the outline's code; None when it names no typed section."""
    m = _CODE.match(nfc(str(text)))
    if not m:
        return None
    roman_part, number, letter = m.group(1).upper(), m.group(2), m.group(3)
    code = roman_part + (f".{number}" if number else "") + (f".{letter.lower()}" if letter else "")
    return code if code in TYPED_CODES else None


def commune_unit(agency_name: str) -> str:
    """`ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH` -> `phường`: how the report names its own level of unit."""
    key = match_key(agency_name)
    for unit in ("đặc khu", "phường", "thị trấn", "xã"):
        if re.search(rf"(^|\s){unit}(\s|$)", key):
            return unit
    return "xã"


def period_phrase(period: ReportPeriod) -> str:
    """`quý I năm 2026`, `6 tháng đầu năm 2026`, `9 tháng năm 2026`, `năm 2026` (the guidance's words)."""
    if period.kind is PeriodKind.NINE_MONTHS:
        return f"9 tháng năm {period.year}"
    return period.name
