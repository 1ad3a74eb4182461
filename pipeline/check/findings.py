"""Findings (kết quả kiểm tra) and the report that collects them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"   # neither an error nor a warning: V0 (out of scope), or a fact worth knowing that
                    # ND 30 does not rule on (decomposed text, KT. without TM.)


@dataclass(frozen=True)
class Finding:
    """Một lỗi hoặc cảnh báo: one place where the document departs from a rule."""

    rule: str        # rule id from spec §14 ("P1", "H5", …) or a text rule ("X1", …)
    severity: str    # ERROR, WARNING or NOTICE
    location: str    # Vietnamese: where, e.g. 'đoạn 12 «Trên đây là Kế hoạch…»'
    found: str       # Vietnamese: what the document has
    expected: str    # Vietnamese: what the rule asks


def error(rule: str, location: str, found: str, expected: str) -> Finding:
    return Finding(rule, ERROR, location, found, expected)


def warning(rule: str, location: str, found: str, expected: str) -> Finding:
    return Finding(rule, WARNING, location, found, expected)


def notice(rule: str, location: str, found: str, expected: str) -> Finding:
    return Finding(rule, NOTICE, location, found, expected)


@dataclass
class CheckReport:
    """Kết quả kiểm tra một tệp."""

    path: Path
    findings: list[Finding]
    notice: str | None = None   # why the file is not a văn bản hành chính; None when it is

    @property
    def in_scope(self) -> bool:
        return self.notice is None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def ok(self) -> bool:
        """Đạt: no error (warnings allowed)."""
        return not self.errors


def collapse_repeats(findings: list[Finding], keep: int = 3) -> list[Finding]:
    """Keep the first ``keep`` places of a problem that repeats word for word, then one summary.

    A document typed in the wrong font would otherwise list every paragraph.
    """
    findings = list(dict.fromkeys(findings))   # the same departure found twice is said once
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    for finding in findings:
        key = (finding.rule, finding.severity, finding.found, finding.expected)
        groups.setdefault(key, []).append(finding)
    result: list[Finding] = []
    emitted: set[tuple[str, str, str, str]] = set()
    for finding in findings:
        key = (finding.rule, finding.severity, finding.found, finding.expected)
        if key in emitted:
            continue
        emitted.add(key)
        group = groups[key]
        result.extend(group[:keep])
        if len(group) > keep:
            rest = len(group) - keep
            result.append(Finding(finding.rule, finding.severity,
                                  f"và {rest} vị trí khác", finding.found, finding.expected))
    return result
