"""Presenting a check report: Vietnamese text lines, or a JSON-ready dict."""

from __future__ import annotations

from dataclasses import asdict

from .findings import ERROR, NOTICE, WARNING, CheckReport

MARKS = {ERROR: "E", WARNING: "W", NOTICE: "i"}


def format_report(report: CheckReport) -> str:
    """One line per finding, then the verdict::

        [E] H5 bảng 1, ô (2,2) «Hải Định, ngày 5…»: tìm thấy …; quy định: …
        Không đạt: 1 lỗi, 0 cảnh báo
    """
    if not report.in_scope:
        return f"[i] V0 Ngoài phạm vi: {report.notice}; không kiểm tra theo các quy tắc thể thức"
    lines = [f"[{MARKS[f.severity]}] {f.rule} {f.location}: "
             f"tìm thấy {f.found}; quy định: {f.expected}" for f in report.findings]
    lines.append(verdict(report))
    return "\n".join(lines)


def verdict(report: CheckReport) -> str:
    if not report.in_scope:
        return "Ngoài phạm vi: không phải văn bản hành chính"
    outcome = "Đạt" if report.ok else "Không đạt"
    return f"{outcome}: {len(report.errors)} lỗi, {len(report.warnings)} cảnh báo"


def report_to_dict(report: CheckReport) -> dict:
    return {
        "path": str(report.path),
        "ok": report.ok,
        "in_scope": report.in_scope,
        "notice": report.notice,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "verdict": verdict(report),
        "findings": [asdict(f) for f in report.findings],
    }
