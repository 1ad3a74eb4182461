"""Start-up: a run loads only what it uses (after click's tests/test_imports.py).

`import pipeline.cli` (every command, `--help`) loads none of the large libraries; one commune's
documents, from our own templates with their compiled parts cached, load neither docxtpl (nor
python-docx and lxml with it), openpyxl (nor numpy) nor babel. Each library below costs a
single run tens of milliseconds; together they were more than the rest of the run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LARGE_LIBRARIES = {"docxtpl", "docx", "openpyxl", "numpy", "babel", "lxml", "jinja2", "markupsafe",
                   "python_calamine", "defusedxml"}
NOT_FOR_ONE_COMMUNE = {"docxtpl", "docx", "openpyxl", "numpy", "babel", "lxml", "defusedxml"}


def loaded_after(code: str, env: dict | None = None) -> set[str]:
    """The top-level packages loaded by a fresh interpreter after running `code`."""
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, **(env or {})}, timeout=300)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_importing_the_cli_loads_no_large_library():
    assert loaded_after("import pipeline.cli") & LARGE_LIBRARIES == set()


def test_the_help_loads_no_large_library():
    loaded = loaded_after("from pipeline.cli import main\n"
                          "try:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert loaded & LARGE_LIBRARIES == set()


def test_one_commune_loads_only_calamine_and_jinja(tmp_path):
    cache = {"MAKE_REPORT_CACHE": str(tmp_path / "cache")}
    run = (f"from pipeline.cli import main\n"
           f"try:\n    main([{str(ROOT / 'inputs' / 'ke-hoach-cchc-2024.xlsx')!r}, '--out', {str(tmp_path / 'out')!r}])\n"
           f"except SystemExit as exc:\n    assert not exc.code, exc.code")
    first = loaded_after(run, cache)  # compiles the templates' parts into the cache: docxtpl patches them
    assert "docxtpl" in first
    loaded = loaded_after(run, cache)
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3
    assert {"python_calamine", "jinja2"} <= loaded
    assert loaded & NOT_FOR_ONE_COMMUNE == set()


def test_the_roll_ups_workbook_loads_openpyxl_without_numpy():
    """openpyxl imports numpy only to count numpy's number types: 12 MB of the roll-up's peak for nothing."""
    loaded = loaded_after("from datetime import datetime\nfrom pipeline.domain.period import quarter\n"
                          "from pipeline.rollup import Rollup\nfrom pipeline.rollup_xlsx import rollup_workbook_bytes\n"
                          "rollup_workbook_bytes(Rollup(quarter(2026, 1), []), datetime(2026, 4, 10))")
    assert "openpyxl" in loaded and "numpy" not in loaded


@pytest.mark.skipif(importlib.util.find_spec("numpy") is None, reason="numpy is not installed")
def test_a_process_that_has_numpy_keeps_it():
    loaded = loaded_after("import numpy\nfrom pipeline.xlsx_output import load_openpyxl\nload_openpyxl()\n"
                          "import openpyxl.compat.numbers as n\nassert n.NUMPY")
    assert {"openpyxl", "numpy"} <= loaded
