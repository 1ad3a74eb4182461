"""Tên loại văn bản and their abbreviations (ND 30/2020, Phụ lục III, Mục I).

The table keeps the decree's mixed-case codes (``QyĐ``, ``CTr``, ``TTr``) exactly.
A công văn has no type code: its ký hiệu is issuer-unit (``UBND-VP``).
"""

from __future__ import annotations

from .vntext import upper_key

TYPE_CODES = {
    "NGHỊ QUYẾT": "NQ", "QUYẾT ĐỊNH": "QĐ", "CHỈ THỊ": "CT", "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ", "THÔNG CÁO": "TC", "THÔNG BÁO": "TB", "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr", "KẾ HOẠCH": "KH", "PHƯƠNG ÁN": "PA", "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA", "BÁO CÁO": "BC", "BIÊN BẢN": "BB", "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ", "CÔNG ĐIỆN": "CĐ", "BẢN GHI NHỚ": "BGN", "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ", "GIẤY MỜI": "GM", "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP", "PHIẾU GỬI": "PG", "PHIẾU CHUYỂN": "PC", "PHIẾU BÁO": "PB",
}
COPY_CODES = {"SY", "TrS", "SL"}
# Số: 30/2020/NĐ-CP — văn bản quy phạm pháp luật number with the year (Luật Ban hành VBQPPL)
LEGAL_CODES = {"L", "PL", "NQ", "NQLT", "NĐ", "QĐ", "TT", "TTLT", "CT"}
ALL_CODES = set(TYPE_CODES.values()) | COPY_CODES

_BY_KEY = {upper_key(name): code for name, code in TYPE_CODES.items()}


def type_code(title: str) -> str | None:
    """``"KẾ HOẠCH"`` -> ``"KH"``; None for a title that is not a tabulated type."""
    return _BY_KEY.get(upper_key(title))


def type_name(title: str) -> str | None:
    """The tabulated type a title names, in its table spelling, or None."""
    key = upper_key(title)
    return next((name for name in TYPE_CODES if upper_key(name) == key), None)
