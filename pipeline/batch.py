"""Many workbooks in one run: rendered in parallel, written by one process, a summary at the end.

Workers each compile the templates once and render whole workbooks to bytes; the parent writes
every commune's files atomically into `out/2024-Q1/<commune>/` as results arrive, in input order,
so the output is the same bytes whatever the number of jobs. A bad workbook is recorded and the
run goes on.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MakeReportError, OutputProblem, Problem, UnexpectedFailure, UnreadableFolder
from .generate import (
    RenderedRun,
    as_templates,
    pdf_font_warnings,
    planned_files,
    render_workbook,
    run_directory,
    write_run,
)
from .output import pdf_files, require_libreoffice
from .render import TemplateSet

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class WorkbookOutcome:
    """One workbook of a batch: what it wrote, or why it failed."""

    workbook: Path
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error: MakeReportError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def workbooks_in(folder: Path) -> list[Path]:
    """The workbooks of a folder, in name order, without Excel's `~$` lock files."""
    try:
        return sorted(
            p for p in Path(folder).iterdir()
            if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith("~$") and p.is_file()
        )
    except OSError as exc:
        raise UnreadableFolder(folder, f"không đọc được thư mục ({exc.strerror or exc})") from exc


_worker_templates: TemplateSet | None = None


def _start_worker(templates_dir: Path) -> None:
    global _worker_templates
    # Ctrl+C reaches the whole process group: only the parent reports it, workers are terminated.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _worker_templates = TemplateSet(templates_dir)


def _render_in_worker(task: tuple[Path, int | None]) -> RenderedRun | MakeReportError:
    workbook, quarter = task
    return _render_one(workbook, quarter, _worker_templates)


def _render_one(workbook: Path, quarter: int | None, templates: TemplateSet) -> RenderedRun | MakeReportError:
    """One workbook's rendering, or the error that stops it: one bad workbook never ends the batch."""
    try:
        return render_workbook(workbook, quarter, templates)
    except MakeReportError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a bug must not cost the other workbooks
        return UnexpectedFailure.of(exc)


def _rendered(workbooks: list[Path], quarter: int | None, templates: TemplateSet, jobs: int) -> Iterable:
    """Each workbook's RenderedRun (or its error), in input order."""
    if jobs <= 1 or len(workbooks) <= 1:
        for workbook in workbooks:
            yield _render_one(workbook, quarter, templates)
        return
    import multiprocessing

    # Small chunks keep every worker busy to the end; more than one per trip saves round trips.
    chunksize = max(1, min(8, len(workbooks) // (jobs * 8)))
    # Ctrl+C is held back while the workers are forked: they are born with it blocked (and ignore it
    # from their initializer on), and the parent receives it as soon as the pool exists.
    can_block = hasattr(signal, "pthread_sigmask")
    if can_block:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.get_context().Pool(jobs, _start_worker, (templates.directory,))
    finally:
        if can_block:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    with pool:
        yield from pool.imap(_render_in_worker, [(w, quarter) for w in workbooks], chunksize=chunksize)


def generate_batch(
    workbooks: list[Path],
    out_dir: Path,
    quarter: int | None = None,
    templates: TemplateSet | str | Path | None = None,
    pdf: bool = False,
    jobs: int | None = None,
    per_agency_folder: bool = True,
    on_done: Callable[[WorkbookOutcome], None] | None = None,
) -> list[WorkbookOutcome]:
    """Make every workbook's documents; a failure is recorded in its outcome, never raised.

    PdfProblem is raised (before anything is written) when --pdf is asked without LibreOffice.
    """
    if pdf:
        require_libreoffice()
    templates = as_templates(templates)
    jobs = jobs or os.cpu_count() or 1
    outcomes: list[WorkbookOutcome] = []
    owners: dict[Path, Path] = {}
    waiting_for_pdf: list[tuple[WorkbookOutcome, RenderedRun, Path]] = []
    # closing(): an interruption while writing must stop the workers now, not when the generator is collected.
    with closing(_rendered(list(workbooks), quarter, templates, jobs)) as results:
        for workbook, result in zip(workbooks, results):
            outcome = _write_one(workbook, result, out_dir, per_agency_folder, pdf, owners, waiting_for_pdf)
            outcomes.append(outcome)
            if on_done and (not pdf or not outcome.ok):  # those waiting for their PDF are done later
                on_done(outcome)
    if pdf:
        _write_with_pdfs(waiting_for_pdf, on_done)
    return outcomes


def _write_one(workbook, result, out_dir, per_agency_folder, pdf, owners, waiting_for_pdf) -> WorkbookOutcome:
    """One workbook's outcome: its files written (or queued for their PDFs), or the error that stopped it."""
    outcome = WorkbookOutcome(Path(workbook))
    try:
        if isinstance(result, MakeReportError):
            raise result
        directory = run_directory(result, Path(out_dir), per_agency_folder)
        if directory.resolve() in owners:
            raise OutputProblem(directory, f"trùng thư mục kết quả với sổ {owners[directory.resolve()].name}",
                                "mỗi sổ phải là của một cơ quan ban hành khác nhau (kiểm tra trang Thông tin)")
        owners[directory.resolve()] = outcome.workbook
        outcome.warnings = list(result.warnings)
        if pdf:
            waiting_for_pdf.append((outcome, result, directory))
        else:
            outcome.written = write_run(result, directory)
    except MakeReportError as exc:
        outcome.error = exc
    return outcome


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
