"""Running make-report on bad input and asserting it was refused cleanly: message, exit 1, nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def assert_refused(result, out: Path, *expected: str):
    """Exit 1, every expected text on stderr, no traceback, and nothing written under `out`."""
    assert result.exit_code == 1, result.output
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not out.exists() or not any(out.rglob("*"))
    return result


def run_bad(path: Path, out: Path, *expected: str):
    """Run make-report on the workbook `path`: refused naming it, and the workbook left unchanged."""
    before = sha(path) if Path(path).is_file() else None
    result = CliRunner().invoke(main, [str(path), "--out", str(out)])
    assert_refused(result, out, *expected, str(path))
    if before:
        assert sha(path) == before
    return result


def run_with_templates(workbook: Path, templates: Path, out: Path):
    return CliRunner().invoke(main, [str(workbook), "--templates", str(templates), "--out", str(out)])
