"""render/heap.py: a run's large parts reuse the C heap instead of faulting fresh pages in each time."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Page faults (no clock): joining a report-sized part, as rendering does for each document.
_FAULTS = """
import resource, sys
from pipeline.render.heap import keep_freed_memory
if sys.argv[1] == "kept":
    assert keep_freed_memory()
part = b"x" * 300_000
def faults():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(200):
        b"".join([part[:10], part[10:]])
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
faults()
print(faults())
"""


def _faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", _FAULTS, mode], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's thresholds")
def test_a_kept_heap_does_not_fault_a_parts_pages_in_again():
    assert _faults("as-started") > 200 * 50   # ~73 pages per 300 KB part, faulted in at every join
    assert _faults("kept") < 200


def test_a_users_own_malloc_settings_are_left_alone(monkeypatch):
    from pipeline.render import heap

    heap.keep_freed_memory.cache_clear()
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "131072")
    try:
        assert heap.keep_freed_memory() is False
    finally:
        heap.keep_freed_memory.cache_clear()
