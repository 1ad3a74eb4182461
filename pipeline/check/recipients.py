"""R1, R2: Nơi nhận (spec §7) and its link with Kính gửi (spec §4)."""

from __future__ import annotations

import re

from .document import DocumentParts
from .findings import Finding, error, warning
from .package import WordFile
from .paragraphs import Line, Segment
from .presentation import Presentation, look_findings
from .vntext import canonical

LABEL = "Nơi nhận:"
LABEL_LOOK = Presentation(sizes=(12, 12), bold=True, italic=True)
ENTRY_LOOK = Presentation(sizes=(11, 11), italic=False)
ARCHIVE = re.compile(r"^- Lưu: VT(, .+)?\.(\s*\S+\.)?$")
DRAFTER = re.compile(r"^[A-ZĐ]{1,10}\.?\s?\(\d+\)\.?$")   # ô 12, e.g. "PL.(300)"
SAME_AS_ABOVE = "- Như trên;"


def _entries(lines: list[Line]) -> list[tuple[Line, str]]:
    """(first line, whole text) of each recipient: an entry too long for the column wraps onto
    a second line that neither starts with «-» nor follows a finished («;») entry."""
    entries: list[tuple[Line, str]] = []
    for line in lines:
        text = " ".join(line.text.split())
        if entries and not text.startswith(("-", "+")) and not entries[-1][1].endswith((";", ".")):
            entries[-1] = (entries[-1][0], f"{entries[-1][1]} {text}")
        else:
            entries.append((line, text))
    return entries


def _archive_line(line, text: str) -> list[Finding]:
    expected = "dòng cuối «- Lưu: VT, <đơn vị soạn thảo>.» (hoặc «- Lưu: VT.»)"
    if ARCHIVE.match(text):
        return []
    if ARCHIVE.match(text + ".") or ARCHIVE.match(re.sub(r"\s+", " ", text.replace(":", ": ", 1))):
        # only the final «.» or a space missing: cosmetic
        return [warning("R1", line.location, f"dòng cuối «{text}» thiếu dấu chấm hoặc dấu cách",
                        expected)]
    return [error("R1", line.location, f"dòng cuối «{text}»", expected)]


def _raised_tail(segments: list[Segment]) -> list[Segment]:
    tail: list[Segment] = []
    for segment in reversed(segments):
        if segment.text.strip() and not segment.format.raised:
            break
        tail.insert(0, segment)
    return tail if any(s.format.raised for s in tail) else []


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    if parts.appendix_only:
        return []
    if parts.signature is None or not parts.signature.recipients:
        where = parts.signature.where if parts.signature else "cuối văn bản"
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
        findings += look_findings("R1", line.location, "nơi nhận", ENTRY_LOOK, line.segments)
    entries_text = _entries(entries)
    for line, text in entries_text:
        if not text.startswith("- "):
            findings.append(error("R1", line.location, "dòng nơi nhận không bắt đầu bằng «- »",
                                  "mỗi nơi nhận một dòng, bắt đầu bằng «- »"))
        if line is not entries_text[-1][0] and not text.endswith(";"):
            findings.append(error("R1", line.location, "dòng nơi nhận không kết thúc bằng «;»",
                                  "mỗi nơi nhận (trừ dòng cuối) kết thúc bằng «;»"))
    last_line, last = entries_text[-1]
    initials = "".join(s.text for s in _raised_tail(entries[-1].segments))
    if initials and last.endswith(initials.strip()):
        # the drafter's initials set in subscript after «- Lưu: VT, NC.»: ô 12, not the line
        last = last[:-len(initials.strip())].rstrip()
    findings += _archive_line(last_line, last)
    if parts.addressed and not re.match(r"^- Như trên\b\s*(\(.*\))?\s*;$", canonical(entries[0].text)):
        findings.append(warning("R2", entries[0].location,
                                f"có «Kính gửi» nhưng nơi nhận đầu tiên là «{canonical(entries[0].text)}»",
                                f"nơi nhận đầu tiên «{SAME_AS_ABOVE}»"))
    return findings
