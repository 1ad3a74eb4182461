"""Files on disk, named by their content (SHA-256), written so that a killed server leaves none half-written.

A file is written to `tmp/`, flushed to disk, then renamed to `objects/ab/abcdef…`: a name in
`objects/` always holds its whole content. What a killed server left in `tmp/` is removed at the
next start. No name a user gave is ever part of a path here.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

_HASH = re.compile(r"^[0-9a-f]{64}$")


class FileStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.tmp = self.root / "tmp"
        self.objects.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)

    def remove_abandoned(self) -> None:
        """Temporary files of a server that was killed mid-write: never referenced, safe to drop."""
        for leftover in self.tmp.iterdir():
            leftover.unlink(missing_ok=True)

    def path(self, digest: str) -> Path:
        if not _HASH.match(digest or ""):
            raise ValueError("not a content hash")
        return self.objects / digest[:2] / digest

    def has(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def read(self, digest: str) -> bytes:
        return self.path(digest).read_bytes()

    @contextmanager
    def copy_named(self, digest: str, name: str):
        """A private copy under a name the library expects (`so.xlsx`): openpyxl goes by the extension."""
        with tempfile.TemporaryDirectory(prefix="make-report-web-") as work:
            path = Path(work) / name
            path.write_bytes(self.read(digest))
            yield path

    def put(self, data: bytes) -> str:
        """Store bytes; their hash. Storing the same content twice keeps one file."""
        digest = hashlib.sha256(data).hexdigest()
        if not self.has(digest):
            fd, tmp = tempfile.mkstemp(dir=self.tmp)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            self._commit(Path(tmp), digest)
        return digest

    def put_stream(self, stream, limit: int) -> tuple[str, int] | None:
        """Store a stream read in chunks; (hash, size), or None when it is longer than `limit` bytes."""
        digest, size = hashlib.sha256(), 0
        fd, tmp = tempfile.mkstemp(dir=self.tmp)
        try:
            with os.fdopen(fd, "wb") as fh:
                while chunk := stream.read(1024 * 1024):
                    size += len(chunk)
                    if size > limit:
                        Path(tmp).unlink()
                        return None
                    digest.update(chunk)
                    fh.write(chunk)
            name = digest.hexdigest()
            if self.has(name):
                Path(tmp).unlink()
            else:
                self._commit(Path(tmp), name)
            return name, size
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _commit(self, tmp: Path, digest: str) -> None:
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        target = self.path(digest)
        target.parent.mkdir(exist_ok=True)
        os.replace(tmp, target)
        _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough there
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
