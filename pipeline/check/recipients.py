"""R1, R2: Nơi nhận (spec §7) and its link with Kính gửi (spec §4)."""

from __future__ import annotations

import re

from .document import DocumentParts
from .findings import Finding, error, warning
from .package import WordFile
from .presentation import Presentation, look_findings
from .vntext import canonical

LABEL = "Nơi nhận:"
LABEL_LOOK = Presentation(sizes=(12, 12), bold=True, italic=True)
ENTRY_LOOK = Presentation(sizes=(11, 11), italic=False)
ARCHIVE = re.compile(r"^- Lưu: VT(, .+)?\.(\s*\S+\.)?$")
DRAFTER = re.compile(r"^[A-ZĐ]{1,10}\.?\s?\(\d+\)\.?$")   # ô 12, e.g. "PL.(300)"
SAME_AS_ABOVE = "- Như trên;"


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    if parts.appendix_only:
        return []
    if parts.signature is None or not parts.signature.recipients:
        where = f"bảng {parts.signature.table}" if parts.signature else "cuối văn bản"
        return [error("R1", where, "không có «Nơi nhận:»",
                      "«Nơi nhận:» ở cột trái của khối chữ ký, ngang dòng đầu của chức vụ người ký")]
    label, *entries = parts.signature.recipients
    findings: list[Finding] = []
    if canonical(label.text) != LABEL:
        findings.append(error("R1", label.location, f"«{canonical(label.text)}»", f"«{LABEL}»"))
    findings += look_findings("R1", label.location, "«Nơi nhận:»", LABEL_LOOK, label.segments)
    if entries and DRAFTER.match(entries[-1].text.strip()):
        entries = entries[:-1]
    if not entries:
        return findings + [error("R1", label.location, "không có nơi nhận nào",
                                 "danh sách nơi nhận, dòng cuối «- Lưu: VT, …»")]
    for line in entries:
        text = " ".join(line.text.split())
        findings += look_findings("R1", line.location, "nơi nhận", ENTRY_LOOK, line.segments)
        if not text.startswith("- "):
            findings.append(error("R1", line.location, "dòng nơi nhận không bắt đầu bằng «- »",
                                  "mỗi nơi nhận một dòng, bắt đầu bằng «- »"))
        if line is not entries[-1] and not text.endswith(";"):
            findings.append(error("R1", line.location, "dòng nơi nhận không kết thúc bằng «;»",
                                  "mỗi nơi nhận (trừ dòng cuối) kết thúc bằng «;»"))
    last = " ".join(entries[-1].text.split())
    if not ARCHIVE.match(last):
        findings.append(error("R1", entries[-1].location, f"dòng cuối «{last}»",
                              "dòng cuối «- Lưu: VT, <đơn vị soạn thảo>.» (hoặc «- Lưu: VT.»)"))
    if parts.addressed and canonical(entries[0].text) != SAME_AS_ABOVE:
        findings.append(warning("R2", entries[0].location,
                                f"có «Kính gửi» nhưng nơi nhận đầu tiên là «{canonical(entries[0].text)}»",
                                f"nơi nhận đầu tiên «{SAME_AS_ABOVE}»"))
    return findings
