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
    "bao-cao-cchc.docx": "7a5d3017cd4053b572a079d7ba239dca13aaad10166ea59068f482ceb403aac9",
    "bao-cao-quy.docx": "fe5564ee238f51ee01691d95f71a185eb7e9a0f70bd44bfeedf813ed043eaefa",
    "ke-hoach.docx": "b5fe72f2b04d83439cfc98f687f9c2b3476f55496975cfb88a0806ad0b914217",
    "phu-luc.docx": "41e859e1b33fe6cb3eecbdf732603e2241ad1ae183d66b1758b12f22665c7538",
    "tong-hop.docx": "b0ef8bbb1a34dc880340935fa26803c495c0864bd06ce1e229c0dddacca74954",
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
