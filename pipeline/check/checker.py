"""Running every rule family over one file."""

from __future__ import annotations

from pathlib import Path

from . import appendix, body, external, header, page, recipients, reform, signature, text, title
from .document import locate_parts
from .findings import NOTICE, CheckReport, Finding, collapse_repeats, error, warning
from .package import NotADocx, read_word_file
from .scope import out_of_scope_reason

# Each family is a module with ``check(word, parts) -> list[Finding]``; a new one (say, external
# content) is added to this list and runs like the others.
RULE_FAMILIES = [page, header, reform, title, body, signature, recipients, appendix, text, external]


def check_docx(path: str | Path) -> CheckReport:
    """Check a DOCX against ND 30/2020; raises NotADocx when it cannot be opened.

    A package that cannot be read but reaches outside its file (its main document on a share)
    gets rule L1's findings instead: what makes it unreadable is what the user must remove.
    """
    try:
        word = read_word_file(path)
    except NotADocx as unreadable:
        if not unreadable.outside:
            raise
        return CheckReport(Path(path), external.findings(unreadable.outside) + [_not_read(unreadable)])
    parts = locate_parts(word)
    notice = out_of_scope_reason(word, parts)
    if notice is not None:
        return CheckReport(Path(path), [Finding("V0", NOTICE, "toàn văn bản", notice,
                                                "không kiểm tra theo các quy tắc thể thức "
                                                "của Nghị định 30/2020/NĐ-CP")], notice)
    findings: list[Finding] = []
    for family in RULE_FAMILIES:
        try:
            findings += family.check(word, parts)
        except Exception as failure:  # one broken family must not hide the others' findings
            name = family.__name__.rsplit(".", 1)[-1]
            findings.append(error("K0", "toàn văn bản",
                                  f"nhóm quy tắc «{name}» không chạy được: "
                                  f"{type(failure).__name__}: {failure}",
                                  "bộ kiểm tra chạy hết các quy tắc; xin báo lỗi này cho nhóm phát triển"))
    findings += _broken_style_chains(word)
    return CheckReport(Path(path), collapse_repeats(findings))


def _not_read(unreadable: NotADocx) -> Finding:
    return error("K0", "toàn văn bản", f"các quy tắc thể thức khác không chạy được: {unreadable.reason}",
                 "xóa các liên kết ra ngoài tệp (L1), lưu lại trong Word rồi kiểm tra lại")


def _broken_style_chains(word) -> list[Finding]:
    return [warning("K0", f"kiểu (style) «{style}»",
                    f"chuỗi kế thừa kiểu (basedOn) {problem}: định dạng có thể đọc không đúng",
                    "mỗi kiểu kế thừa từ một vài kiểu khác, không vòng lặp (mở trong Word, "
                    "sửa kiểu ở Styles > Modify > Style based on)")
            for style, problem in word.sheet.broken_chains.items()]
