"""Work spread over processes: the pool a batch renders with and a roll-up reads with.

Ctrl+C reaches the whole process group; only the parent reports it, workers are terminated. Work
travels in chunks: one message carries many workbooks' results, not one each.
"""

from __future__ import annotations

import gc
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MAX_CHUNK = 16
"""Workbooks per message between the parent and a worker (fewer round trips; the last chunks stay
small enough that no worker idles long at the end)."""


YOUNG_OBJECTS = 10_000
"""New objects a worker's cyclic garbage collector lets through before it runs (Python's default: 700).

Rendering makes and drops tuples by the hundred thousand, nearly all freed by their reference
counts alone: at the default the collector ran twice a workbook, and its full passes walked every
compiled template and kept measurement, 3 % of a worker's time (0.46 ms a workbook, 0.01 ms at
this threshold; tests/test_workers.py). Garbage in cycles is still collected, a little later."""


def chunk_size(items: int, jobs: int) -> int:
    return max(1, min(MAX_CHUNK, items // (jobs * 6)))


def in_workers(function: Callable[[Any], Any], items: list, jobs: int,
               initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> Iterator:
    """`function(item)` for each item on `jobs` processes, the results in input order.

    `function` and `initializer` are module-level functions (they are sent to the workers by name).
    """
    import multiprocessing

    # Ctrl+C is held back while the workers are forked: they are born with it blocked (and ignore it
    # from their initializer on), and the parent receives it as soon as the pool exists.
    can_block = hasattr(signal, "pthread_sigmask")
    if can_block:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.get_context().Pool(jobs, _start_worker, (initializer, initargs))
    finally:
        if can_block:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    with pool:
        yield from pool.imap(function, items, chunksize=chunk_size(len(items), jobs))


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if initializer is not None:
        initializer(*initargs)
    gc.freeze()   # what the worker was born with and its initializer loaded stays: never walked again
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


def serial_or_parallel(function: Callable[[Any], Any], items: Iterable, jobs: int, **pool) -> Iterator:
    """In this process when one job (or one item) is asked, else in_workers."""
    items = list(items)
    if jobs <= 1 or len(items) <= 1:
        return map(function, items)
    return in_workers(function, items, jobs, **pool)
