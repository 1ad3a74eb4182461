"""Many workbooks in one run: rendered in parallel, written by one process, a summary at the end.

Workers each compile the templates once and render whole workbooks to bytes; the parent writes
every commune's files atomically into `out/2024-Q1/<commune>/` as results arrive, in input order,
so the output is the same bytes whatever the number of jobs. A bad workbook is recorded and the
run goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MakeReportError, OutputProblem, Problem
from .generate import (
    RenderedRun,
    as_templates,
    pdf_font_warnings,
    render_workbook,
    run_directory,
    write_run,
)
from .output import convert_to_pdf, require_libreoffice
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


def workbooks_in(folder: Path, skip: Iterable[Path] = ()) -> list[Path]:
    """The workbooks of a folder and its subfolders (one per commune, as saved from e-mail), by path.

    Excel's `~$` lock files, hidden folders and the folders in `skip` (the run's output folder,
    which holds roll-up workbooks) are left out.
    """
    folder = Path(folder)
    skipped = {Path(p).resolve() for p in skip}
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() not in skipped)
        found += [
            here / name for name in files
            if Path(name).suffix.lower() in WORKBOOK_SUFFIXES and not name.startswith("~$")
            and (here / name).is_file()
        ]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


_worker_templates: TemplateSet | None = None


def _start_worker(templates_dir: Path) -> None:
    global _worker_templates
    _worker_templates = TemplateSet(templates_dir)


def _render_in_worker(task: tuple[Path, int | None]) -> RenderedRun | MakeReportError:
    workbook, quarter = task
    try:
        return render_workbook(workbook, quarter, _worker_templates)
    except MakeReportError as exc:
        return exc


def _rendered(workbooks: list[Path], quarter: int | None, templates: TemplateSet, jobs: int) -> Iterable:
    """Each workbook's RenderedRun (or its error), in input order."""
    if jobs <= 1 or len(workbooks) <= 1:
        for workbook in workbooks:
            try:
                yield render_workbook(workbook, quarter, templates)
            except MakeReportError as exc:
                yield exc
        return
    import multiprocessing

    # Small chunks keep every worker busy to the end; more than one per trip saves round trips.
    chunksize = max(1, min(8, len(workbooks) // (jobs * 8)))
    with multiprocessing.get_context().Pool(jobs, _start_worker, (templates.directory,)) as pool:
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
    for workbook, result in zip(workbooks, _rendered(list(workbooks), quarter, templates, jobs)):
        outcome = WorkbookOutcome(Path(workbook))
        try:
            if isinstance(result, MakeReportError):
                raise result
            directory = run_directory(result, Path(out_dir), per_agency_folder)
            if directory.resolve() in owners:
                raise OutputProblem(directory, f"trùng thư mục kết quả với sổ {owners[directory.resolve()].name}",
                                    "mỗi sổ phải là của một cơ quan ban hành khác nhau (kiểm tra trang Thông tin)")
            owners[directory.resolve()] = outcome.workbook
            outcome.written = write_run(result, directory)
            outcome.warnings = list(result.warnings)
        except MakeReportError as exc:
            outcome.error = exc
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    if pdf:
        _add_pdfs(outcomes)
    return outcomes


def _add_pdfs(outcomes: list[WorkbookOutcome]) -> None:
    """All the run's PDFs in one LibreOffice call; a failure there fails every workbook's PDF."""
    done = [o for o in outcomes if o.ok]
    docx = [p for o in done for p in o.written]
    try:
        pdfs = dict(zip(docx, convert_to_pdf(docx)))
    except MakeReportError as exc:
        for o in done:
            o.error = exc
        return
    for o in done:
        mine = [pdfs[p] for p in o.written]
        o.warnings += pdf_font_warnings(mine)
        o.written += mine
