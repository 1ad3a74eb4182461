"""The templates make-report ships, known by their content: only these render as our own.

Our own templates are tested with any workbook the reader accepts, so they render fast and
unbounded (`render_trusted`). Trust goes by what a file is, not where it lies: the README invites
opening `templates/ke-hoach.docx` in Word, and a district's template copied over it is a user's
template like any other, bounded and read back like one. Written by `tools/build_templates.py`;
tests/test_template_trust.py fails when a template changes without it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

BUNDLED = {
    "bao-cao-cchc.docx": "b734ba96663134bf963a546f72fca5f279797620a68bd18124e2e81611dfc392",
    "bao-cao-quy.docx": "a41e60d23f14dbaa66485de729b46876bd0534bfd4c49b8c5daf5fcb53a15c70",
    "ke-hoach.docx": "02825b0ce996871e63914ca436e83b890fe9dc80be5f288958a4a8b977bb4de1",
    "phu-luc.docx": "9a80c403c6aa50cc941f73ae67e531c09c3e3d3059cdda049c5fcc3ff30c9a91",
    "tong-hop.docx": "1699cb9cd5606fa5b15f93353bafa8c1bc64df59b0b996e22acf9a59874bf0f6",
}
"""Template file name → SHA-256 of the file as shipped."""


def is_bundled(path: Path, bundled_folder: Path) -> bool:
    """Whether `path` is one of our templates, in our folder, byte for byte as shipped."""
    try:
        if path.parent.resolve() != bundled_folder.resolve():
            return False
        return BUNDLED.get(path.name) == hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return False   # the template reader says what is wrong with the file
