"""OOXML schema validation (ECMA-376, as the Open XML SDK checks it) for the tests.

LibreOffice opens misordered or unknown elements silently; Word repairs or refuses them. The
validator is openxml-audit, a pure-Python port of the Open XML SDK's schema and semantic checks.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import tempfile
from pathlib import Path

HAVE_VALIDATOR = importlib.util.find_spec("openxml_audit") is not None
if not HAVE_VALIDATOR and os.environ.get("CI"):
    raise RuntimeError("CI must have openxml-audit: .ci/run installs the test extra")


@functools.lru_cache(maxsize=1)
def _validator():
    from openxml_audit import OpenXmlValidator

    return OpenXmlValidator()


def ooxml_errors(document: str | Path | bytes) -> list[str]:
    """The schema and semantic violations of a .docx (or, given as a path, an .xlsx)."""
    if isinstance(document, bytes):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "document.docx"
            path.write_bytes(document)
            return ooxml_errors(path)
    return [str(error) for error in _validator().validate(Path(document)).errors]


BROKEN_ON_PURPOSE: set[Path] = set()
"""Folders of tests that break documents on purpose (marker `broken_documents`): never validated."""
CHECKED: set[Path] = set()
"""Files already validated in this test session (a file is checked once)."""
VALID_CONTENTS: set[str] = set()
"""Hashes of documents found valid: output is byte-for-byte deterministic, so the many tests that
generate the same sample documents pay for one check."""


def assert_valid_ooxml(document: str | Path | bytes) -> None:
    data = document if isinstance(document, bytes) else Path(document).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest not in VALID_CONTENTS:
        errors = ooxml_errors(document)
        name = "" if isinstance(document, bytes) else f"{Path(document).name}: "
        assert not errors, name + "\n".join(errors[:20])
        VALID_CONTENTS.add(digest)
    if not isinstance(document, bytes):
        CHECKED.add(Path(document).resolve())


def assert_unchecked_documents_valid(folder: Path, largest_body: int | None = None) -> None:
    """The generated documents under `folder` not checked yet (nothing without the validator:
    `pip install -e ".[test]"` installs it; CI never runs without it)."""
    if not HAVE_VALIDATOR:
        return
    for document in generated_documents(folder, largest_body):
        if any(parent in BROKEN_ON_PURPOSE for parent in document.resolve().parents):
            continue
        if document.resolve() not in CHECKED:
            assert_valid_ooxml(document)


# A body past this many bytes repeats rows a smaller document already shows; the validator needs
# about a minute for the 5,000-task stress test's 20 MB, so the suite skips such giants.
LARGEST_CHECKED_BODY = 2_000_000


def generated_documents(folder: Path, largest_body: int | None = None) -> list[Path]:
    """Every .docx under a folder that make-report wrote (not templates or inputs a test made),
    with `largest_body`, only those whose word/document.xml is at most that many bytes."""
    return sorted(p for p in Path(folder).rglob("*.docx") if _written_by_make_report(p, largest_body))


def _written_by_make_report(path: Path, largest_body: int | None) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            if largest_body is not None and zf.getinfo("word/document.xml").file_size > largest_body:
                return False
            return b"<dc:language>vi-VN</dc:language>" in zf.read("docProps/core.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
