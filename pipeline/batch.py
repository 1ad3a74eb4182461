"""Many workbooks in one run: rendered in parallel, written by one process, a summary at the end.

Workers each compile the templates once and render whole workbooks to bytes; the parent writes
every commune's files atomically into `out/2024-Q1/<commune>/` as results arrive, in input order,
a chunk of communes with one sync to disk, so the output is the same bytes whatever the number of
jobs. A bad workbook is recorded and the run goes on.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections import deque
from collections.abc import Callable, Generator, Iterable
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, NamedTuple

from .documents import AtCutoff
from .domain.units import WorkbookProfile, sort_out
from .errors import ConflictingWorkbooks, MakeReportError, NothingToDo, OutputProblem, Problem, UnexpectedFailure, UnreadableFolder, os_reason
from .generate import (
    RenderedRun,
    as_templates,
    content_read_again,
    pdf_font_warnings,
    planned_files,
    render_workbook,
    run_directory,
    write_run,
)
from .output import FileSet, pdf_files, require_libreoffice, write_file_sets
from .domain.period import ReportPeriod, quarter
from .render import TemplateSet
from .staging import StagedRun, Staging
from .workers import in_workers

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class WorkbookOutcome:
    """One workbook of a batch: what it wrote, or why it failed."""

    workbook: Path
    warnings: list[Problem] = field(default_factory=list)
    error: MakeReportError | None = None
    period: ReportPeriod | None = None
    copy_of: Path | None = None
    """The workbook of the same content whose documents were made for this one (it wrote none)."""
    _written: tuple[str, ...] = ()  # as text: a Path is a kilobyte, and a batch keeps every outcome

    @property
    def written(self) -> list[Path]:
        return [Path(name) for name in self._written]

    @written.setter
    def written(self, paths: Iterable[Path]) -> None:
        self._written = tuple(map(str, paths))

    @property
    def ok(self) -> bool:
        return self.error is None


def workbooks_in(folder: Path, skip: Iterable[Path] = ()) -> list[Path]:
    """The workbooks of a folder and its subfolders (one per commune, as saved from e-mail), by path.

    Excel's `~$` lock files, hidden folders and the folders in `skip` (the run's output folder,
    which holds roll-up workbooks) are left out.
    """
    folder = Path(folder)
    skipped = {Path(p).resolve() for p in skip}
    found = []
    for root, dirs, files in os.walk(folder, onerror=_unreadable):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() not in skipped)
        found += [
            here / name for name in files
            if Path(name).suffix.lower() in WORKBOOK_SUFFIXES and not name.startswith("~$")
            and ((here / name).is_file() or (here / name).is_symlink())   # a broken link fails aloud
        ]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _unreadable(exc: OSError) -> None:
    raise UnreadableFolder(Path(exc.filename or "."), f"không đọc được thư mục ({os_reason(exc)})") from exc


_worker_templates: TemplateSet | None = None


def _start_worker(templates_dir: Path) -> None:
    global _worker_templates
    _worker_templates = TemplateSet(templates_dir)


def _render_in_worker(task: tuple[Path, object]) -> RenderedRun | MakeReportError:
    workbook, period = task
    assert _worker_templates is not None  # set by the pool's initializer
    return _render_one(workbook, period, _worker_templates)


def _render_one(workbook: Path, period, templates: TemplateSet) -> RenderedRun | MakeReportError:
    """One workbook's rendering, or the error that stops it: one bad workbook never ends the batch."""
    try:
        return render_workbook(workbook, period, templates)
    except MakeReportError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a bug must not cost the other workbooks
        return UnexpectedFailure.of(exc)


def _rendered(workbooks: list[Path], period, templates: TemplateSet, jobs: int) -> Generator:
    """Each workbook's RenderedRun (or its error), in input order."""
    if jobs <= 1 or len(workbooks) <= 1:
        for workbook in workbooks:
            yield _render_one(workbook, period, templates)
        return
    yield from in_workers(_render_in_worker, [(w, period) for w in workbooks], jobs,
                          _start_worker, (templates.directory,))


def generate_batch(
    workbooks: list[Path],
    out_dir: Path,
    period=None,
    templates: TemplateSet | str | Path | None = None,
    pdf: bool = False,
    jobs: int | None = None,
    per_agency_folder: bool = True,
    on_done: Callable[[WorkbookOutcome], None] | None = None,
) -> list[WorkbookOutcome]:
    """Make every workbook's documents; a failure is recorded in its outcome, never raised.

    `period` as for `generate`. Without one, every workbook reports at the same cut-off: the latest
    quarter any of them has results for (each in the report its rows ask for: `quý II` or `6 tháng`); a workbook that did not report it (`domain.reported`) is an
    outcome with an error that says so, and none of its files are written into another period's folder.
    PdfProblem is raised (before anything is written) when --pdf is asked without LibreOffice.
    """
    if pdf:
        require_libreoffice()
    templates = as_templates(templates)
    jobs = jobs or os.cpu_count() or 1
    outcomes: list[WorkbookOutcome] = []
    owners: dict[str, Path] = {}
    waiting_for_pdf: list[tuple[WorkbookOutcome, RenderedRun, Path]] = []
    writer = _ChunkedWriter(on_done)
    warnings: dict[Problem, Problem] = {}  # one object for the warnings many communes share
    # closing(): an interruption while writing must stop the workers now, not when the generator is collected.
    with closing(_rendered(list(workbooks), period, templates, jobs)) as results, \
            Staging(Path(out_dir), per_agency_folder) as staging:
        if len(workbooks) > 1:
            results = _settled(zip(workbooks, results), period is None, templates, staging)
        for workbook, result in zip(workbooks, results):
            outcome, files = _accept_one(workbook, result, out_dir, per_agency_folder, pdf, owners, waiting_for_pdf,
                                         warnings)
            if not outcome.ok:  # refused: its staged files go
                staging.set_aside(result)
            outcomes.append(outcome)
            if not pdf or not outcome.ok:  # those waiting for their PDF are done later
                writer.add(outcome, files)
        writer.flush()
        if pdf:
            _write_with_pdfs([(outcome, staging.read_back(run), directory)
                              for outcome, run, directory in waiting_for_pdf], on_done)
    return outcomes


@dataclass(frozen=True)
class CopyOf:
    """A workbook identical to another of the run (`domain.units`): its documents are made once."""

    original: Path


def _settled(results: Iterable[tuple[Path, object]], same_period: bool, templates: TemplateSet,
             staging: Staging) -> Generator:
    """The runs once every workbook is rendered: one workbook per unit (identical copies once,
    different workbooks of one unit all refused, as the roll-up does) and, with `same_period`, runs
    of the latest period any workbook reached: a unit that reported it (`domain.reported`: e.g. it
    finished every task earlier) is rendered again for it, the others are errors naming that period.

    Both need every workbook, so meanwhile each run waits on the disk while the other workbooks
    render: its documents as temporary files beside their targets (`Staging`), the rest of it in a
    temporary file, and in memory only what the two rules need (`_Brief`). However many communes
    there are, the parent's memory stays flat, and what is left to do at the end is syncing and renaming.
    """
    with tempfile.TemporaryFile(prefix="make-report-") as waiting:
        known_periods: dict[ReportPeriod, ReportPeriod] = {}  # a few periods, shared by every brief
        held = deque(_set_down(staging.stage(r), w, waiting, known_periods) if isinstance(r, RenderedRun) else r
                     for w, r in results)
        staging.sync()
        verdicts = _one_per_unit([h.profile for h in held if isinstance(h, _Brief) and h.profile is not None])
        periods = {h.period for h in held if isinstance(h, _Brief) and h.period is not None}  # a few, shared
        # The latest cut-off, as its quarter: `quý II` and `6 tháng` are runs of the same one, and which of
        # them a set gives first must not decide a message or a re-render.
        latest = quarter(*max((p.year, p.last_quarter) for p in periods)) if periods and same_period else None
        waiting.seek(0)
        while held:
            item = held.popleft()  # let go of each brief once its run is out
            if not isinstance(item, _Brief):
                yield item
                continue
            result = staging.as_synced(replace(pickle.load(waiting), period=item.period))  # set down in this order
            if result.workbook in verdicts:
                staging.set_aside(result)
                yield verdicts[result.workbook]
            elif latest is not None and (result.period is None or result.period.cutoff != latest.cutoff):
                staging.set_aside(result)
                reported = latest.year == result.year and latest.last_quarter in result.reported_quarters
                yield (_render_one(result.workbook, AtCutoff(latest.last_quarter), templates) if reported
                       else _not_reported(result, latest))
            else:
                yield result


class _Brief(NamedTuple):
    """What the parent keeps of a run while the others render: what the unit and period rules read."""

    profile: WorkbookProfile | None
    period: ReportPeriod | None


def _set_down(run: RenderedRun, workbook: Path, waiting: IO[bytes],
              known_periods: dict[ReportPeriod, ReportPeriod]) -> _Brief:
    """The run written to the `waiting` file (its documents are staged: their names only, no bytes)."""
    pickle.dump(run, waiting, protocol=pickle.HIGHEST_PROTOCOL)
    profile = run.profile
    if profile is not None and profile.path == workbook:
        profile = replace(profile, path=workbook)
    period = known_periods.setdefault(run.period, run.period) if run.period is not None else None
    return _Brief(profile, period)


def _one_per_unit(profiles: list[WorkbookProfile]) -> dict[Path, CopyOf | ConflictingWorkbooks]:
    """What becomes of the runs the unit rule leaves out: a copy's note, or a conflict's error."""
    settled = sort_out(profiles, content_of=content_read_again)
    verdicts: dict[Path, CopyOf | ConflictingWorkbooks] = {}
    for copy, original in settled.copies:
        verdicts[copy.path] = CopyOf(original.path)
    for conflict in settled.conflicts:
        for profile in conflict.profiles:
            verdicts[profile.path] = ConflictingWorkbooks(conflict.message, conflict.hint)
    return verdicts


def _not_reported(run: RenderedRun, period: ReportPeriod) -> NothingToDo:
    last = f"; kết quả mới nhất là {run.period.name}" if run.period else ""
    return NothingToDo(f"chưa có kết quả {period.name}{last} nên chưa tạo văn bản",
                       f"nhập kết quả {period.short_name} ở trang Kết quả, hoặc chạy riêng sổ này với --ky")


def _accept_one(workbook, result, out_dir, per_agency_folder, pdf, owners, waiting_for_pdf, warnings):
    """One workbook's outcome and the files to write (or queued for their PDFs), or the error that stopped it.

    `warnings`: the batch's warnings so far, each once; an outcome keeps the one object of an equal
    warning (the batch's outcomes are kept to its end: 3,300 communes' own copies of the same
    warning cost the parent 3 MB)."""
    outcome = WorkbookOutcome(workbook if isinstance(workbook, Path) else Path(workbook))
    try:
        if isinstance(result, MakeReportError):
            raise result
        if isinstance(result, CopyOf):
            outcome.copy_of = result.original
            outcome.warnings = [Problem("", "", f"trùng nội dung với sổ {result.original} nên văn bản chỉ tạo một lần",
                                        "xóa bản thừa nếu không cần")]
            return outcome, None
        outcome.period = result.period
        directory = run_directory(result, Path(out_dir), per_agency_folder)
        owner = str(directory.resolve())
        if owner in owners:
            raise OutputProblem(directory, f"cùng cơ quan ban hành với sổ {owners[owner].name} "
                                           "nên trùng thư mục kết quả",
                                "nếu là cùng một sổ lưu hai lần, xóa bản thừa; nếu là hai đơn vị khác nhau, "
                                "sửa mục “Cơ quan ban hành” ở trang Thông tin")
        owners[owner] = outcome.workbook
        outcome.warnings = [warnings.setdefault(warning, warning) for warning in result.warnings]
        if pdf:
            waiting_for_pdf.append((outcome, result, directory))
            return outcome, None
        if isinstance(result, StagedRun):
            return outcome, result.staged
        return outcome, FileSet(planned_files(result, directory), tuple(result.inputs))
    except MakeReportError as exc:
        outcome.error = exc
    return outcome, None


WRITE_CHUNK = 32
"""Workbooks whose files are written with one sync to disk, the parent's one slow step."""


class _ChunkedWriter:
    """Writes workbooks' files a chunk at a time, each workbook's set whole or not at all, and
    reports every outcome in input order once its chunk is on the disk."""

    def __init__(self, on_done: Callable[[WorkbookOutcome], None] | None):
        self.on_done = on_done
        self.pending: list[tuple[WorkbookOutcome, FileSet | None]] = []

    def add(self, outcome: WorkbookOutcome, files: FileSet | None) -> None:
        self.pending.append((outcome, files))
        if sum(files is not None for _, files in self.pending) >= WRITE_CHUNK:
            self.flush()

    def flush(self) -> None:
        writing = [(outcome, files) for outcome, files in self.pending if files is not None]
        for (outcome, _), written in zip(writing, write_file_sets([files for _, files in writing])):
            if isinstance(written, MakeReportError):
                outcome.error = written
            else:
                outcome.written = written
        if self.on_done:
            for outcome, _ in self.pending:
                self.on_done(outcome)
        self.pending = []


def _write_with_pdfs(runs: list[tuple[WorkbookOutcome, RenderedRun, Path]], on_done) -> None:
    """All the run's PDFs in one LibreOffice call, then each workbook's DOCX and PDF as one set.

    A failure of LibreOffice fails every workbook waiting for it, and nothing of theirs is replaced.
    """
    planned = [planned_files(run, directory) for _, run, directory in runs]
    try:
        pdfs = pdf_files([f for files in planned for f in files])
    except MakeReportError as exc:
        pdfs = None
        for outcome, _, _ in runs:
            outcome.error = exc
    start = 0
    for (outcome, run, directory), files in zip(runs, planned):
        if pdfs is not None:
            mine = pdfs[start:start + len(files)]
            start += len(files)
            try:
                outcome.written = write_run(run, directory, mine)
                outcome.warnings += pdf_font_warnings([p.path for p in mine])
            except MakeReportError as exc:
                outcome.error = exc
        if on_done:
            on_done(outcome)
