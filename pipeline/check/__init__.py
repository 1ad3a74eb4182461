"""Kiểm tra thể thức văn bản hành chính theo Nghị định 30/2020/NĐ-CP.

    >>> from pipeline.check import check_docx, format_report
    >>> report = check_docx("outputs/ke-hoach.docx")
    >>> print(format_report(report))
    Đạt: 0 lỗi, 0 cảnh báo

Rule ids follow spec §14 (P1–P4, H1–H6, T1, B1–B3, S1, R1–R2, A1–A2, C1, D1, V0) plus
A3 (the appendix cites its parent's number and date), S2 (the signature block kept on one
page), X1–X5 (text) and K0 (a rule family that could not run, a broken style chain).
V0 is a notice: a document that is not a văn bản hành chính gets it instead of rule findings.
"""

from .checker import check_docx
from .findings import ERROR, NOTICE, WARNING, CheckReport, Finding
from .package import NotADocx
from .report import format_report, report_to_dict

__all__ = ["ERROR", "NOTICE", "WARNING", "CheckReport", "Finding", "NotADocx",
           "check_docx", "format_report", "report_to_dict"]
