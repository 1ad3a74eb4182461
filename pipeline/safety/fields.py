"""Word fields a document may carry: an allow list, each instruction read on its own.

A field's code is its instruction text (`PAGE \\* MERGEFORMAT`); its first word names the field.
Word updates fields when a document opens or prints, and some read outside the file
(INCLUDETEXT, INCLUDEPICTURE, LINK, DDE, DATABASE, RD, AUTOTEXT…). Listing those is a race with
every Word version, so the fields allowed are the ones real administrative documents and
templates use, all of which read nothing but the document itself:

- page and section numbers: PAGE, NUMPAGES, SECTIONPAGES, SECTION;
- dates: DATE, TIME, CREATEDATE, SAVEDATE, PRINTDATE;
- references inside the document: REF, PAGEREF, NOTEREF, STYLEREF, SEQ, TOC, TC, LISTNUM,
  AUTONUM, AUTONUMLGL, AUTONUMOUT;
- the document's own properties: DOCPROPERTY, TITLE, SUBJECT, AUTHOR, NUMWORDS, NUMCHARS;
- formulas and characters: `=`, IF, SYMBOL, EQ; legacy form fields FORMTEXT, FORMCHECKBOX,
  FORMDROPDOWN;
- HYPERLINK to a web page (http, https), an e-mail address (mailto) or a bookmark (`\\l`).

Anything else, including a field whose name is itself made by another field, is refused.
"""

from __future__ import annotations

import re

ALLOWED_FIELDS = frozenset({
    "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION",
    "DATE", "TIME", "CREATEDATE", "SAVEDATE", "PRINTDATE",
    "REF", "PAGEREF", "NOTEREF", "STYLEREF", "SEQ", "TOC", "TC", "LISTNUM",
    "AUTONUM", "AUTONUMLGL", "AUTONUMOUT",
    "DOCPROPERTY", "TITLE", "SUBJECT", "AUTHOR", "NUMWORDS", "NUMCHARS",
    "=", "IF", "SYMBOL", "EQ", "FORMTEXT", "FORMCHECKBOX", "FORMDROPDOWN",
    "HYPERLINK",
})
_KEYWORD = re.compile(r"[ \t\r\n]*(=|[^ \t\r\n\\\"]+)")
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"?|(\\[A-Za-z*@#!])|([^ \t\r\n"]+)')
_SWITCHES_WITH_ARGUMENT = {"\\l", "\\o", "\\t"}
_WEB_OR_MAIL = re.compile(r"(?i)(https?://|mailto:)")


def field_problem(instruction: str, keyword_from_field: bool = False) -> str | None:
    """Why the field with this instruction must not be in a document (Vietnamese), or None.

    `keyword_from_field`: the instruction began with a nested field, so Word builds its name
    from that field's result and no reading of the text alone can say what it is.
    """
    if keyword_from_field:
        return "trường có tên do một trường khác tạo ra"
    if not instruction.strip(" \t\r\n"):
        return None
    m = _KEYWORD.match(instruction)
    keyword = m.group(1).upper() if m else ""
    if m is None or keyword not in ALLOWED_FIELDS:
        shown = keyword[:40] or instruction.strip()[:40]
        return f"trường {shown} (không có trong danh sách trường được phép)"
    if keyword == "HYPERLINK" and not _hyperlink_stays_inside(instruction[m.end():]):
        return "trường HYPERLINK trỏ tới thư mục mạng hoặc tệp trên máy"
    return None


def _hyperlink_stays_inside(arguments: str) -> bool:
    """A web page, an e-mail address, or a bookmark of the same document (`\\l "muc_1"`)."""
    target, local, expects_argument = None, False, False
    for quoted, switch, bare in _TOKEN.findall(arguments):
        if switch:
            local |= switch.lower() == "\\l"
            expects_argument = switch.lower() in _SWITCHES_WITH_ARGUMENT
            continue
        if expects_argument:
            expects_argument = False
            continue
        if target is None:
            target = quoted if quoted or not bare else bare
    if target is None:
        return local
    return _WEB_OR_MAIL.match(target.replace("\\\\", "\\").strip()) is not None
