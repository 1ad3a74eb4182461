"""The C heap kept between documents: each render makes and frees parts of a few hundred kilobytes.

glibc serves a block larger than M_MMAP_THRESHOLD with a mapping of its own, and gives the top of
its heap back to the system once more than M_TRIM_THRESHOLD lies free there. Both start at 128 KB
and rise only as the process frees larger mapped blocks; a report's 300 KB body, joined, sized,
deflated and freed, went on handing its pages back and faulting them in again, document after
document: joining such a part took 0.22 ms of CPU, 0.007 ms on a kept heap, a tenth of rendering
a report. Set once, the thresholds are those glibc's own adjustment reaches after freeing a 32 MB
block. Freed memory is reused, so the peak is unchanged; only what is free at the heap's top stays
with the process until it ends. A user's own `MALLOC_*_` settings are left as they are.
"""

from __future__ import annotations

import functools
import os

from ..clib import c_function

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 * 1024 * 1024
"""glibc's highest automatic value on a 64-bit system (DEFAULT_MMAP_THRESHOLD_MAX)."""
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD
"""Twice the mapping threshold, as glibc sets it whenever it raises that one."""
_USER_SETTINGS = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_",
                  "GLIBC_TUNABLES")


@functools.cache
def keep_freed_memory() -> bool:
    """Raise glibc's thresholds for this process (and the workers it forks); whether they were set."""
    if any(name in os.environ for name in _USER_SETTINGS):
        return False
    import ctypes

    mallopt = c_function("mallopt", (ctypes.c_int, ctypes.c_int))
    if mallopt is None:   # not Linux, or no C library to ask
        return False
    # The mapping threshold first: setting either stops glibc's own adjustment of both.
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))


def give_back_freed_memory() -> bool:
    """Hand what is free in the C heap back to the system now (glibc's `malloc_trim`); whether it could.

    The raised thresholds keep a run's freed parts for the next document; after a run's last large
    document (the roll-up's, as large as its units) nothing will reuse them, and the run goes on to
    other work (the roll-up's workbook) that would otherwise stand on top of them.
    """
    import ctypes

    trim = c_function("malloc_trim", (ctypes.c_size_t,))
    if trim is None:
        return False
    trim(0)
    return True
