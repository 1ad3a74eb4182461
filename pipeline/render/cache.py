"""Compiled templates kept on disk between runs: a clerk's single run should not pay for compiling."""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
from pathlib import Path

from ..tempfiles import make_temp, remove_abandoned


class CompileCache:
    """Compiled template parts on disk, keyed by the part's bytes and the library versions.

    Patching and compiling a template costs more than rendering it; a clerk's single run would
    pay it every time. Like Jinja's own bytecode cache, this stores marshalled code objects in
    the user's cache folder. A missing, stale or damaged entry only means compiling again.
    Set MAKE_REPORT_NO_CACHE=1 to turn it off.
    """

    FORMAT = 3

    def __init__(self, folder: Path | None):
        self.folder = folder

    @classmethod
    def default(cls) -> CompileCache:
        """MAKE_REPORT_CACHE if set, else the user's cache folder (Windows, then XDG, then ~/.cache)."""
        if os.environ.get("MAKE_REPORT_NO_CACHE"):
            return cls(None)
        if os.environ.get("MAKE_REPORT_CACHE"):
            return cls(Path(os.environ["MAKE_REPORT_CACHE"]))
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return cls(Path(base) / "make-report")

    def _file(self, data: bytes, variant: str = "") -> Path | None:
        if self.folder is None:
            return None
        import jinja2

        key = hashlib.sha256(
            b"|".join([data, variant.encode(), _docxtpl_identity(), jinja2.__version__.encode(),
                       sys.version.encode(), str(self.FORMAT).encode(), _own_source_hash()])
        ).hexdigest()
        return self.folder / f"{key}.bin"

    def load(self, data: bytes, variant: str = ""):
        """(source, code, shared tables, marked tables) of a part compiled before, or None.

        `variant` tells compilations of the same bytes apart: our own templates' parts have their
        tables split off (render/tables.py), a user's copy of them is compiled whole.
        """
        path = self._file(data, variant)
        try:
            source, code, tables, marked = marshal.loads(path.read_bytes()) if path else (None, None, None, None)
        except (OSError, ValueError, EOFError, TypeError):
            return None
        return (source, code, tables, marked) if isinstance(source, str) and code is not None else None

    def store(self, data: bytes, source: str, code, tables: tuple = (), variant: str = "", marked: tuple = ()) -> None:
        path = self._file(data, variant)
        if path is None:
            return
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_abandoned(path.parent)
            fd, tmp = make_temp(path.parent, path.name)
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps((source, code, tables, marked)))
            os.replace(tmp, path)
        except (OSError, ValueError):
            pass  # a read-only or full cache folder only costs speed
        finally:
            if tmp is not None and tmp.exists():
                tmp.unlink(missing_ok=True)


@functools.lru_cache(maxsize=1)
def _own_source_hash() -> bytes:
    """The render package's own code is part of the key: a change to patching or the sandbox invalidates."""
    sources = sorted(Path(__file__).parent.glob("*.py"))
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest().encode()


@functools.lru_cache(maxsize=1)
def _docxtpl_identity() -> bytes:
    """docxtpl's version, read from its package without importing it (and python-docx, lxml with it).

    A cached template is only valid for the docxtpl that patched it; importing docxtpl to ask
    would cost a single run a fifth of a second when every part comes from the cache.
    """
    import importlib.util
    import re

    spec = importlib.util.find_spec("docxtpl")
    try:
        source = Path(spec.origin).read_bytes() if spec and spec.origin else b""
    except OSError:
        source = b""
    found = re.search(rb"""__version__\s*=\s*["']([^"']+)["']""", source)
    return found.group(1) if found else hashlib.sha256(source).hexdigest().encode()
