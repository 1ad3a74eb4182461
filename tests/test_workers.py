"""The worker pool a batch renders with and a roll-up reads with."""

from __future__ import annotations

import gc

from pipeline.workers import YOUNG_OBJECTS, in_workers


def _collector_settings(_item) -> tuple[int, int]:
    return gc.get_threshold()[0], gc.get_freeze_count()


def _initialized(value: int) -> None:
    global _LOADED
    _LOADED = [object() for _ in range(value)]   # what an initializer loads: templates, in a batch


def test_workers_collect_cycles_rarely_and_never_walk_what_they_were_born_with():
    """Rendering frees nearly everything by reference count: a worker's collector runs after
    YOUNG_OBJECTS new objects, not Python's 700, and what the worker holds from its start is frozen
    out of every collection."""
    before = gc.get_threshold()
    settings = list(in_workers(_collector_settings, [1, 2, 3, 4], 2, _initialized, (1000,)))
    assert {threshold for threshold, _ in settings} == {YOUNG_OBJECTS} and YOUNG_OBJECTS > 700
    assert all(frozen > 1000 for _, frozen in settings)
    assert gc.get_threshold() == before   # the parent's own collector is left as it was
