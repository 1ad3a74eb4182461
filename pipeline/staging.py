"""A batch's documents waiting on the disk while the other workbooks render.

Each run's files are written at once as temporary files beside their targets; once every workbook
is rendered they are synced to the disk in one go, then renamed in order, or removed. Whatever
happens, no temporary file outlives the batch.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import MakeReportError
from .generate import RenderedRun, planned_files, run_directory
from .output import FileSet, discard_staged, stage_files, sync_to_disk


@dataclass(frozen=True)
class StagedRun(RenderedRun):
    """A run whose documents wait as temporary files beside their targets (`output.stage_files`);
    its `files` hold no bytes."""

    staged: FileSet | None = None


class Staging:
    """Where a batch's runs wait for the others: each run's files written at once as temporary
    files beside their targets, synced and renamed in order at the end, or removed. Whatever
    happens, no temporary file outlives the batch."""

    def __init__(self, out_dir: Path, per_agency_folder: bool):
        self.out_dir, self.per_agency_folder = out_dir, per_agency_folder
        self._temporary: list[str] = []  # names, not FileSets: a few hundred bytes a workbook
        self._made_folders: dict[Path, None] = {}
        self._synced = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        for name in self._temporary:  # renamed ones are gone already; the others are removed
            with contextlib.suppress(OSError):
                os.unlink(name)
        for folder in sorted(self._made_folders, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):  # a folder that received nothing goes too
                folder.rmdir()

    def stage(self, run: RenderedRun) -> RenderedRun:
        """The run with its documents on the disk, or as it was if they cannot be written now (the
        writing at the end then says why)."""
        try:
            directory = run_directory(run, self.out_dir, self.per_agency_folder)
            for folder in (directory, *directory.parents):  # up to the first that exists
                if folder.exists():
                    break
                self._made_folders[folder] = None
            file_set = stage_files(FileSet(planned_files(run, directory), tuple(run.inputs)))
        except MakeReportError:
            return run
        self._synced = False   # this run is not on the disk yet: nor, as far as `as_synced` can tell, are the others
        self._temporary += (str(tmp) for tmp, _ in file_set.staged)
        bare = tuple((name, b"") for name, _ in run.files)
        return StagedRun(**{f.name: getattr(run, f.name) for f in fields(run)} | {"files": bare, "staged": file_set})

    def sync(self) -> None:
        """Every run staged so far on the disk: one sync for them all, where writing them a chunk at a
        time would sync once a chunk, each waiting for its own journal commit. If it fails, each chunk
        syncs its own files when it is written, and says what went wrong."""
        folders = dict.fromkeys(os.path.dirname(name) for name in self._temporary)
        try:
            sync_to_disk([Path(folder) for folder in folders])
        except OSError:
            return
        self._synced = True

    def as_synced(self, run: RenderedRun) -> RenderedRun:
        """The run, marked as on the disk already when `sync` put it there (its writing only renames)."""
        if self._synced and isinstance(run, StagedRun) and run.staged is not None:
            return replace(run, staged=replace(run.staged, synced=True))
        return run

    def set_aside(self, run: object) -> None:
        """A run that will not be written as staged: its temporary files go (if it has any)."""
        if isinstance(run, StagedRun) and run.staged is not None:
            discard_staged(run.staged)

    def read_back(self, run: RenderedRun) -> RenderedRun:
        """The run with its documents' bytes again (for their PDFs), its temporary files removed."""
        if not isinstance(run, StagedRun) or run.staged is None:
            return run
        # stage_files keeps the files' order: each name has its temporary file at the same place.
        files = tuple((name, tmp.read_bytes()) for (name, _), (tmp, _) in zip(run.files, run.staged.staged))
        discard_staged(run.staged)
        return RenderedRun(**{f.name: getattr(run, f.name) for f in fields(RenderedRun)} | {"files": files})
