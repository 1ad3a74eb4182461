"""Helpers for hostile inputs: rewrite a part of a package, run the CLI under CPU-time and memory limits.

Bounds are CPU time, never wall time: the machines are shared, and a loaded machine must not fail a test.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT = 500 * 1024 * 1024
TIME_LIMIT = 20          # CPU seconds
HANG_GUARD = 600         # wall seconds: only catches a process that blocks, never asserted as a bound


def replace_part(package: Path, name: str, transform) -> Path:
    """Rewrite one part of a zip package in place: `transform(old_bytes) -> new_bytes`."""
    tmp = package.with_suffix(".rewrite")
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, transform(data) if info.filename == name else data)
    tmp.replace(package)
    return package


def with_paragraph(template: Path, text: str) -> Path:
    """A paragraph typed at the top of the template's body, as a user would in Word."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()
    return replace_part(template, "word/document.xml", lambda xml: xml.replace(
        b"<w:body>", b'<w:body><w:p><w:r><w:t xml:space="preserve">' + escaped + b"</w:t></w:r></w:p>", 1))


def add_part(package: Path, name: str, chunks) -> Path:
    """Add a part written from an iterable of byte chunks (streamed: never all in memory)."""
    with zipfile.ZipFile(package, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open(name, "w", force_zip64=True) as part:
            for chunk in chunks:
                part.write(chunk)
    return package


def worksheet_part(package: Path, title: str) -> str:
    """The part name of the sheet called `title` (openpyxl writes sheet1.xml, sheet2.xml… in order)."""
    import re

    with zipfile.ZipFile(package) as zf:
        workbook = zf.read("xl/workbook.xml").decode()
    titles = re.findall(r'<sheet [^>]*name="([^"]+)"', workbook)
    return f"xl/worksheets/sheet{titles.index(title) + 1}.xml"


def limit_resources():
    """In the child: at most 500 MB of address space and a little more than 20 s of CPU (then SIGXCPU)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (TIME_LIMIT + 5, TIME_LIMIT + 5))


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_limited(*args: str, cwd: Path | None = None, timeout: int = HANG_GUARD, env: dict | None = None):
    """`python -m pipeline ARGS` in a subprocess with at most 500 MB of address space and 20 s of CPU.

    Returns the CompletedProcess with `cpu_seconds` set (the child's user + system time); a run past
    the limit is killed by the kernel and fails the test.
    """
    before = children_cpu_seconds()
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        preexec_fn=limit_resources, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )
    completed.cpu_seconds = children_cpu_seconds() - before
    return completed
