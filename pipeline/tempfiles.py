"""Temporary files beside their targets: named so a later run can tell abandoned ones and remove them.

A run killed with `kill -9` (or a power cut) cannot remove its temporary files. Each name carries
the writing process's id; the next run in the same folder removes those whose process is gone
(or, where that cannot be asked, that are older than an hour).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

PREFIX = ".~"
SUFFIX = ".tmp"
_OWNED = re.compile(r"^\.~.*\.p(\d+)\.[^.]*\.tmp$")
_ABANDONED_AFTER_SECONDS = 3600


def make_temp(folder: Path, name: str) -> tuple[int, Path]:
    """An open temporary file in `folder` for the target `name`: (fd, path)."""
    fd, tmp = tempfile.mkstemp(prefix=_prefix(name), suffix=SUFFIX, dir=folder)
    return fd, Path(tmp)


def _prefix(name: str) -> str:
    """The start of this process's temporary names for `name`: short enough beside a 255-byte name.

    A file name may have 255 bytes; the target's name is cut to 60 bytes (whole characters) so that
    the prefix, the process id and mkstemp's random part always fit.
    """
    short = name.encode("utf-8")[:60].decode("utf-8", errors="ignore")
    return f"{PREFIX}{short}.p{os.getpid()}."


def remove_mine(target: Path) -> None:
    """Remove this process's temporary files for `target`, even one whose creation was interrupted.

    Ctrl+C may arrive between the creation of a temporary file and the moment its name is known to
    the caller; the name's pattern finds it anyway.
    """
    prefix = _prefix(target.name)
    try:
        entries = [e for e in os.scandir(target.parent) if e.name.startswith(prefix) and e.name.endswith(SUFFIX)]
    except OSError:
        return
    for entry in entries:
        try:
            os.unlink(entry.path)
        except OSError:
            pass


def remove_abandoned(folder: Path) -> None:
    """Remove the temporary files of processes that no longer run; never fails the run."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        m = _OWNED.match(entry.name)
        if m is None or not entry.is_file(follow_symlinks=False):
            continue
        try:
            if _abandoned(int(m.group(1)), entry.stat(follow_symlinks=False).st_mtime):
                os.unlink(entry.path)
        except OSError:
            pass


def _abandoned(pid: int, mtime: float) -> bool:
    if pid == os.getpid():
        return False
    if time.time() - mtime > _ABANDONED_AFTER_SECONDS:
        return True
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False
    return False  # on Windows os.kill(pid, 0) would send Ctrl+C to a process group: age alone decides
