"""Rewrite an Office file with fixed timestamps, so rebuilding unchanged content changes no byte."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)


def write_fixed(path: Path, parts: dict[str, bytes]) -> None:
    """Write `parts` as a zip whose members and core properties all carry FIXED_TIME."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    if "docProps/core.xml" in parts:
        parts = {**parts, "docProps/core.xml": re.sub(
            rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>",
            parts["docProps/core.xml"])}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)


def refix(path: Path) -> Path:
    """Rewrite an existing file in place with fixed timestamps."""
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info.filename) for info in src.infolist()}
    write_fixed(path, parts)
    return path
