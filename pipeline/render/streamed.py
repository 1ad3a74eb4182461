"""A part deflated as it is rendered, for a document as large as what it gathers.

The roll-up of a thousand units has a 7 MB body; joined, it and the pieces it is joined from were the
largest thing the roll-up ever held. Rendered into its entry instead, the body is finished one run of
whole paragraphs at a time: the edits that finish a part (render/lines.py) never reach across the end
of a paragraph, and zlib's output does not depend on how its input is cut, so the entry is the one the
whole part gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..package import SPILL_AFTER, Deflater, Entry, whole_runs

STREAMED_CHUNK = 1 << 16
"""Bytes of a part held before its whole paragraphs are finished and deflated."""


def deflated_as_rendered(name: str, pieces: Iterable[bytes | str], finish: Callable[[bytes], bytes]) -> Entry:
    """The entry of `pieces` joined and then `finish`ed, made holding only about STREAMED_CHUNK of them."""
    out = Deflater(name, spill_after=SPILL_AFTER)
    encoded = (piece if isinstance(piece, bytes) else piece.encode("utf-8") for piece in pieces)
    for paragraphs in whole_runs(encoded, b"</w:p>", STREAMED_CHUNK):
        out.write(finish(paragraphs))
    return out.entry()
