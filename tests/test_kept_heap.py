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


_GIVEN_BACK = """
from pipeline.render.heap import give_back_freed_memory, keep_freed_memory
assert keep_freed_memory()
def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
blocks = [b"x" * 1_000_000 for _ in range(40)]   # below the raised mapping threshold: from the heap
del blocks
kept = rss()
assert give_back_freed_memory()
print(kept - rss())
"""


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc's heap")
def test_a_run_gives_its_freed_heap_back_after_its_last_large_document():
    """The roll-up's one document is as large as its units: what its render freed is not kept for a next one."""
    done = subprocess.run([sys.executable, "-c", _GIVEN_BACK], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 30_000   # KB: most of the 40 MB freed
