"""X1–X5: the text itself — Unicode form, template leftovers, legacy encodings, tone marks.

X1  every text is Unicode NFC (dựng sẵn), as TCVN 6909:2001 text should be            notice
    (decomposed text prints the same: no departure from ND 30, only searching and copying
    suffer, spec §13)
X2  no template tag left over: ``{{``, ``{%``, ``{#``, ``}}``, ``%}``, ``#}``            error
X3  no ``None``/``nan`` printed from an empty value                                  error
X4  no text in a legacy 8-bit encoding (TCVN3/ABC, VNI) read as Latin-1              error
X6  no doubled punctuation: ``;;``, ``..`` (not the closing ``./.``, not ``...``/``…``)  warning
X5  one word spelt with one tone-mark placement (``hòa`` or ``hoà``, spec §13)       warning

Legacy text shows as Latin-1 letters that Vietnamese never uses, inside words:
TCVN3 ``Céng hoµ x· héi chñ nghÜa ViÖt Nam``, VNI ``Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam``.
"""

from __future__ import annotations

import re

from .document import DocumentParts
from .findings import Finding, error, notice, warning
from .package import WordFile
from .paragraphs import Paragraph
from ..vietnamese import is_surely_legacy, legacy_encoded_words, legacy_encoding_name
from .vntext import WORD, canonical, nfc, tone_placement

TEMPLATE_TAG = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
EMPTY_VALUE = re.compile(r"(?<!\w)(None|NaN|nan)(?!\w)")


def check(word: WordFile, parts: DocumentParts) -> list[Finding]:
    findings: list[Finding] = []
    decomposed = [p for p in word.all_paragraphs if p.text != nfc(p.text)]
    if decomposed:
        findings += _normal_form(decomposed[0], decomposed[0].text, len(decomposed) - 1)
    for paragraph in word.all_paragraphs:
        text = paragraph.text
        if not text.strip():
            continue
        findings += _template_leftovers(paragraph, text)
        findings += _empty_values(paragraph, text)
        findings += _legacy_encoding(paragraph, text)
        findings += _doubled_punctuation(paragraph, text)
    findings += _tone_marks(word.all_paragraphs)
    return findings


def _normal_form(paragraph: Paragraph, text: str, others: int) -> list[Finding]:
    sample = next((w for w in text.split() if w != nfc(w)), "")
    more = f" (và {others} đoạn khác)" if others else ""
    return [notice("X1", paragraph.location,
                    f"chữ Unicode tổ hợp (không phải NFC), ví dụ «{nfc(sample)}»{more}: in ra giống "
                    "hệt nhưng tìm kiếm, sao chép có thể sai",
                    "chữ Unicode dựng sẵn (NFC) theo TCVN 6909:2001")]


def _template_leftovers(paragraph: Paragraph, text: str) -> list[Finding]:
    match = TEMPLATE_TAG.search(text)
    if match is None:
        return []
    snippet = text[max(0, match.start() - 10): match.end() + 15].strip()
    return [error("X2", paragraph.location, f"thẻ mẫu còn sót «{snippet}»",
                  "không còn thẻ mẫu ({{ }}, {% %}, {# #}) trong văn bản đã tạo")]


def _empty_values(paragraph: Paragraph, text: str) -> list[Finding]:
    for match in EMPTY_VALUE.finditer(text):
        if match[1] == "nan":
            # "nan giải", "nan hoa": a Vietnamese word when a lower-case word follows
            following = re.match(r"\s+(\w)", text[match.end():])
            if following and following[1].islower():
                continue
        return [error("X3", paragraph.location, f"giá trị rỗng in ra thành «{match[1]}»",
                      "ô trống thì để trống (hoặc ghi rõ nội dung), không in None/nan")]
    return []


# two full stops, not part of a longer run of dots (an ellipsis, a blank «ngày ..... tháng»)
DOUBLED = re.compile(r"(?<![.…])\.\.(?![.…])|;\s*;")


def _doubled_punctuation(paragraph: Paragraph, text: str) -> list[Finding]:
    """X6: «02/4/2026;;», «28/5/2026..»: a list typed with its own ends, joined by the program
    (issue 18 §1) or a slip of the keyboard. Punctuation only: cosmetic, a warning."""
    match = DOUBLED.search(text)
    if match is None:
        return []
    snippet = text[max(0, match.start() - 15): match.end() + 5].strip()
    return [warning("X6", paragraph.location, f"dấu câu lặp «{match[0]}» trong «…{snippet}»",
                    "một dấu chấm phẩy (;) hoặc một dấu chấm (.); dấu «./.» cuối văn bản và dấu "
                    "ba chấm (…) giữ nguyên")]


def _legacy_encoding(paragraph: Paragraph, text: str) -> list[Finding]:
    suspicious = legacy_encoded_words(text)
    if not suspicious:
        return []
    sample = " ".join(suspicious[:3])
    if not is_surely_legacy(suspicious):  # one odd word may be a foreign name (`Müller`)
        return [warning("X4", paragraph.location, f"chữ có vẻ mã cũ (TCVN3/VNI): «{sample}»",
                        "chữ Unicode (TCVN 6909:2001); tên nước ngoài thì giữ nguyên")]
    return [error("X4", paragraph.location,
                  f"chữ mã cũ {legacy_encoding_name(suspicious)} hiển thị sai: «{sample}»",
                  "chữ Unicode (TCVN 6909:2001): chuyển mã văn bản sang Unicode")]


MIXED_SHARE = 0.2    # a placement that is under a fifth of one word's uses is a stray copy, not a style
MIXED_COUNT = 2


def _tone_marks(paragraphs: list[Paragraph]) -> list[Finding]:
    """X5: one word spelt with both placements (``hòa`` and ``hoà``). Different words are not
    compared: ND 30 itself writes ``CỘNG HÒA`` beside ``Tuỳ``, and ``hóa`` beside ``thuỷ``
    is no inconsistency a reader sees."""
    uses: dict[str, dict[str, list]] = {}
    for paragraph in paragraphs:
        for match in WORD.finditer(nfc(paragraph.text)):
            placement = tone_placement(match[0])
            if placement is not None:
                word = uses.setdefault(canonical(match[0]).lower(), {"old": [], "new": []})
                word[placement].append((paragraph, match[0]))
    findings = []
    for word in uses.values():
        old, new = word["old"], word["new"]
        minority, majority = sorted((old, new), key=len)
        if len(minority) < MIXED_COUNT or len(minority) < MIXED_SHARE * (len(old) + len(new)):
            continue
        paragraph, sample = minority[0]
        findings.append(warning(
            "X5", paragraph.location,
            f"một từ đặt dấu thanh hai cách: «{sample}» ({len(minority)} lần) bên cạnh "
            f"«{majority[0][1]}» ({len(majority)} lần)",
            "một từ viết một cách đặt dấu thanh trong cả văn bản (ví dụ luôn «hòa» hoặc luôn «hoà»)"))
    return findings
