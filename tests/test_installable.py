"""A non-editable install carries every package of the program (an editable one hides a missing one)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_folder_of_code_is_a_package_setuptools_finds():
    """pyproject.toml finds packages (`pipeline*`); a folder without __init__.py would be left out."""
    from setuptools import find_packages

    found = set(find_packages(str(ROOT), include=["pipeline*"]))
    with_code = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "pipeline").rglob("*.py")
                 if "__pycache__" not in p.parts}
    assert with_code - found == set(), "add an __init__.py to these folders"


def test_a_wheel_holds_every_module(tmp_path):
    """Built as pip builds it: every .py of pipeline/ and the templates are inside, and the column
    fit's compiled loop where a C compiler is at hand (setup.py; always on CI's Linux)."""
    import shutil
    import subprocess
    import zipfile

    source = tmp_path / "src"  # a copy: setuptools builds in the source tree
    for name in ("pipeline", "templates"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("make_report-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pipeline").rglob("*.py")}
    assert expected - names == set()
    assert any(n.endswith("templates/bao-cao-quy.docx") for n in names)
    assert "pipeline/statistics/catalog.csv" in names
    if shutil.which("cc") or os.environ.get("CI"):
        assert any(n.startswith("pipeline/_widen.") and n.endswith((".so", ".pyd")) for n in names)
