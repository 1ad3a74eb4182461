"""Vietnamese text helpers for comparisons: NFC, tone-mark placement, capitals.

ND 30 does not regulate where the tone mark sits in ``oa``, ``oe``, ``uy`` (``HÒA``/``HOÀ``,
``Ủy``/``Uỷ``) and is itself inconsistent, so comparisons move the mark onto the first vowel
of those pairs (the "old" placement the decree's rule text uses) before comparing.
"""

from __future__ import annotations

import re
import unicodedata

from ..vietnamese import nfc

_TONES = "\u0300\u0301\u0303\u0309\u0323"   # huyền, sắc, ngã, hỏi, nặng (NFD)
_PAIR = "([oO])([aAeE])|([uU])([yY])"   # the vowel pairs whose mark placement varies
_NEW_PLACEMENT = re.compile(f"(?:{_PAIR})([{_TONES}])")
_FINAL_NEW = re.compile(f"(?<![qQ])(?:{_PAIR})[{_TONES}]$")
_FINAL_OLD = re.compile(f"(?<![qQ])(?:[oO][{_TONES}][aAeE]|[uU][{_TONES}][yY])$")
WORD = re.compile(r"\w+")


def canonical(text: str) -> str:
    """NFC, tone mark on the first vowel of oa/oe/uy, whitespace collapsed."""
    decomposed = _NEW_PLACEMENT.sub(_move_mark_forward, unicodedata.normalize("NFD", text))
    return " ".join(nfc(decomposed).split())


def _move_mark_forward(match: re.Match) -> str:
    first, second = (match[1], match[2]) if match[1] else (match[3], match[4])
    return first + match[5] + second


def same_text(found: str, expected: str) -> bool:
    return canonical(found) == canonical(expected)


def upper_key(text: str) -> str:
    return canonical(text).upper()


def is_caps(text: str) -> bool:
    """Chữ in hoa: every letter is a capital, and there is at least one letter."""
    return any(ch.isalpha() for ch in text) and text == text.upper()


def tone_placement(word: str) -> str | None:
    """``"old"`` for ``hòa``/``ủy``, ``"new"`` for ``hoà``/``uỷ``, None when it does not apply."""
    decomposed = unicodedata.normalize("NFD", word)
    if _FINAL_NEW.search(decomposed):
        return "new"
    if _FINAL_OLD.search(decomposed):
        return "old"
    return None
