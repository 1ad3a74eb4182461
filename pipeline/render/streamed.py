"""A part deflated as it is rendered, for a document as large as what it gathers.

The roll-up of a thousand units has a 7 MB body; joined, it and the pieces it is joined from were the
largest thing the roll-up ever held. Rendered into its entry instead, the body is finished one run of
whole paragraphs at a time: the edits that finish a part (render/lines.py) never reach across the end
of a paragraph, and zlib's output does not depend on how its input is cut, so the entry is the one the
whole part gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..package import Deflater, Entry

STREAMED_CHUNK = 1 << 16
"""Bytes of a part held before its whole paragraphs are finished and deflated."""
_PARAGRAPH_END = b"</w:p>"


def deflated_as_rendered(name: str, pieces: Iterable[bytes | str], finish: Callable[[bytes], bytes]) -> Entry:
    """The entry of `pieces` joined and then `finish`ed, made holding only about STREAMED_CHUNK of them."""
    out, pending = Deflater(name), bytearray()
    for piece in pieces:
        pending += piece if isinstance(piece, bytes) else piece.encode("utf-8")
        if len(pending) >= STREAMED_CHUNK and (cut := pending.rfind(_PARAGRAPH_END)) >= 0:
            cut += len(_PARAGRAPH_END)
            out.write(finish(bytes(pending[:cut])))
            del pending[:cut]
    out.write(finish(bytes(pending)))
    return out.entry()
