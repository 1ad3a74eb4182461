"""One workbook's run: read → context → render → write, with nothing written unless all succeeded.

The run is split in two so a batch can spread the first half over processes: `render_workbook`
(pure computation, returns bytes) and `write_run` (the only step that touches the output folder).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from .documents import REGISTRY, AtCutoff, agency_slug, choose_period, document_jobs
from .errors import InvalidWorkbook, MakeReportError, NothingToDo, Problem, UnexpectedFailure
from .domain.plan import IssueDate, Plan
from .output import (
    PlannedFile,
    docx_bytes,
    pdf_files,
    require_libreoffice,
    safe_child,
    substituted_fonts,
    write_files,
)
from .domain.period import ReportPeriod
from .domain.reported import reported_quarters
from .render import RenderedDocument, TemplateSet, default_templates_dir
from .domain.units import WorkbookProfile, content_digest, last_modified
from .package import write_zip, zip_bytes
from .rollup import Rollup, build_rollup
from .rollup_units import UnitShelf, own_latest_quarter, summarize_unit, unit_short_name
from .rollup_xlsx import write_rollup_workbook
from .workbook.reader import Issuer, read_workbook
from .workers import serial_or_parallel

PeriodRequest = ReportPeriod | str | int | None
"""A report period as asked for: a period, a `--ky` key (`6-thang`), a quarter number, or None
for the latest quarter with results."""


@dataclass(frozen=True)
class RenderedRun:
    """One workbook's documents as bytes, and where they belong; small enough to pass between processes."""

    workbook: Path
    folder: str
    """`2024-Q1`, `2026-6T`: the year and period of the run."""
    period: ReportPeriod | None
    agency: str
    """The agency's ASCII name (`xa-hai-dinh`), the folder of its files in a batch."""
    files: tuple[tuple[str, bytes], ...]
    warnings: tuple[Problem, ...]
    inputs: tuple[Path, ...] = ()
    """Every file the run read (workbook, templates): never a target."""
    profile: WorkbookProfile | None = None
    """Whose workbook it is and what it holds: for the batch's one-workbook-per-unit rule."""
    year: int = 0
    reported_quarters: tuple[int, ...] = ()
    """The quarters the unit reported (`domain.reported`): whether a batch may make it another's period."""


@dataclass
class RunResult:
    """What one workbook's run produced."""

    workbook: Path
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def run_folder_name(year: int, period: ReportPeriod | None) -> str:
    """`2024-Q1`, `2026-6T`, `2026-9T`, `2026-N`: the year and period of a run (`2024` without one)."""
    return f"{year}-{period.folder_suffix}" if period else str(year)


def render_plan(plan: Plan, period: ReportPeriod | None, templates: TemplateSet) -> tuple[list[RenderedDocument], list[Problem]]:
    """Every document of one plan for one period, rendered in memory (nothing written)."""
    jobs, warnings = document_jobs(plan, period)
    return [templates.render(job) for job in jobs], warnings


def render_workbook(workbook: Path, period: PeriodRequest | AtCutoff, templates: TemplateSet) -> RenderedRun:
    """Read one workbook and render its documents to bytes. Raises the library's errors."""
    plan = read_workbook(workbook)
    chosen = choose_period(plan, period)
    docs, warnings = render_plan(plan, chosen, templates)
    return RenderedRun(
        workbook=Path(workbook),
        folder=run_folder_name(plan.year, chosen),
        period=chosen,
        agency=agency_slug(plan.agency),
        files=tuple((doc.job.name + ".docx", docx_bytes(doc)) for doc in docs),
        warnings=(*plan.warnings_for(chosen), *warnings),
        inputs=(Path(workbook), *templates.files()),
        profile=WorkbookProfile.of(plan, unit_short_name(plan.agency.name), last_modified(Path(workbook)), digest=False),
        year=plan.year,
        reported_quarters=reported_quarters(plan),
    )


def run_directory(run: RenderedRun, out_dir: Path, per_agency_folder: bool) -> Path:
    folder = safe_child(Path(out_dir), run.folder)
    return safe_child(folder, run.agency) if per_agency_folder else folder


def planned_files(run: RenderedRun, directory: Path) -> list[PlannedFile]:
    return [PlannedFile(safe_child(directory, name), data) for name, data in run.files]


def write_run(run: RenderedRun, directory: Path, pdfs: Sequence[PlannedFile] = ()) -> list[Path]:
    """The run's DOCX (and their PDFs, made beforehand) written as one set: all replaced or none."""
    return write_files(planned_files(run, directory) + list(pdfs), run.inputs)


def as_templates(templates: TemplateSet | str | Path | None) -> TemplateSet:
    if isinstance(templates, TemplateSet):
        return templates
    return TemplateSet(Path(templates) if templates else default_templates_dir())


def generate(
    workbook: str | Path,
    out_dir: str | Path = "outputs",
    period: PeriodRequest = None,
    templates: TemplateSet | str | Path | None = None,
    pdf: bool = False,
    per_agency_folder: bool = False,
    quarter: int | None = None,
) -> RunResult:
    """Make the plan, its appendix and the period's report from one workbook.

    `period`: `quy-1`…`quy-4`, `6-thang`, `9-thang`, `nam`, a quarter number, or None for the
    latest quarter with results. Files go to `out_dir/2024-Q1/` (or `out_dir/2024-Q1/<agency>/`
    with `per_agency_folder`). Raises InvalidWorkbook, TemplateProblem, OutputProblem, PdfProblem
    or NothingToDo. `quarter=N` is the 0.1 way of saying `period=N`.
    """
    if pdf:
        require_libreoffice()
    run = render_workbook(Path(workbook), period if period is not None else quarter, as_templates(templates))
    directory = run_directory(run, Path(out_dir), per_agency_folder)
    pdfs = pdf_files(planned_files(run, directory)) if pdf else []
    written = write_run(run, directory, pdfs)
    warnings = list(run.warnings) + pdf_font_warnings([p.path for p in pdfs])
    return RunResult(Path(workbook), written, warnings)


def pdf_font_warnings(pdfs: list[Path]) -> list[Problem]:
    """A PDF that fell back to another font may misplace Vietnamese tone marks: say so."""
    warnings = []
    for pdf in pdfs:
        others = substituted_fonts(pdf)
        if others:
            warnings.append(Problem(
                pdf.name, "",
                f"PDF dùng phông thay thế {', '.join(sorted(others))} vì máy thiếu Times New Roman",
                "cài Times New Roman, hoặc trên Linux: sudo apt install fonts-liberation2",
            ))
    return warnings


@dataclass
class RollupResult:
    """What a roll-up run produced; the rollup lists units not reported and workbooks left out."""

    rollup: Rollup
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def read_units(workbooks: list[Path], period: PeriodRequest = None, on_done=None,
               jobs: int | None = None) -> tuple[UnitShelf, list[tuple[Path, MakeReportError]]]:
    """Every readable unit's summary for `period`, and the workbooks that cannot be read (with why).

    Read and summarized on `jobs` processes (default: one per core), as a batch renders. The
    summaries arrive pickled and go to disk as they are (rollup_units.UnitShelf).
    """
    units, failed = UnitShelf(), []
    results = serial_or_parallel(_summarize_unit, [(w, period) for w in workbooks], jobs or os.cpu_count() or 1)
    for workbook, result in zip(workbooks, results):
        if isinstance(result, MakeReportError):
            failed.append((Path(workbook), result))
        else:
            units.append_pickled(*result)
        if on_done:
            on_done(workbook)
    return units, failed


def _summarize_unit(task: tuple[Path, PeriodRequest]) -> tuple[bytes, bytes] | MakeReportError:
    workbook, period = task
    try:
        plan = read_workbook(workbook)
        if period is None:
            periods = own_latest_quarter(plan)
        else:
            from .documents import as_period

            periods = [as_period(period, plan.year)]  # at the unit's own year: another year is refused anyway
        for asked in periods:  # the report row the roll-up cites must be one the unit's own run accepts
            cited = plan.report_at_cutoff(asked)
            if cited is not None and (problems := plan.problems_of_row(cited.period)):
                raise InvalidWorkbook(Path(workbook), list(problems))
        return UnitShelf.pickled(summarize_unit(plan, periods, digest=False))
    except MakeReportError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one unit's bug must not cost the province its roll-up
        return UnexpectedFailure.of(exc)


def generate_rollup(
    workbooks: list[Path],
    issuer: Issuer,
    out_dir: str | Path = "outputs",
    period: PeriodRequest = None,
    templates: TemplateSet | str | Path | None = None,
    pdf: bool = False,
    on_done=None,
    absent: Sequence[tuple[str, str]] = (),
) -> RollupResult:
    """The roll-up report (DOCX) and workbook (XLSX) for a period across units' workbooks.

    `absent`: (name, last period reported) of units that sent no workbook at all (the portal's
    accounts with no upload): listed as not reported.

    `issuer` is a workbook.Issuer: the province's agency, report rows, recipients. Files go to
    `out_dir/2026-Q2/tong-hop/`. Raises NothingToDo when no unit reported the period.
    """
    if pdf:
        require_libreoffice()
    rollup = _rollup_of(list(workbooks), issuer, period, on_done, absent)
    info = issuer_report_row(issuer, rollup.period)
    templates = as_templates(templates)
    folder = safe_child(safe_child(Path(out_dir), run_folder_name(rollup.year, rollup.period)), "tong-hop")
    report, name, created = _rollup_report(rollup, issuer, info, templates, folder, as_bytes=pdf)
    pdfs = pdf_files([report]) if pdf else []
    inputs = [*workbooks, *templates.files(), *([issuer.source] if issuer.source else [])]
    written = write_files([
        report,
        PlannedFile(safe_child(folder, name + ".xlsx"), b"", functools.partial(write_rollup_workbook, rollup, created)),
        *pdfs,
    ], inputs)
    contradictions = list(rollup.forms.contradictions) if rollup.forms else []
    warnings = (list(issuer.warnings_for(rollup.period)) + _no_recipients(issuer, info) + contradictions
                + pdf_font_warnings([p.path for p in pdfs]))
    return RollupResult(rollup, written, warnings)


def _no_recipients(issuer: Issuer, info) -> list[Problem]:
    """A report whose Nơi nhận would hold only `Lưu: VT`: sent to nobody, which is seldom what is meant."""
    if issuer.recipients.names or info.addressees:
        return []
    if issuer.source is not None:
        hint = f"thêm các dòng “Báo cáo” ở trang Nơi nhận của sổ {issuer.source.name} (ví dụ “Bộ Nội vụ (b/c)”)"
    else:
        hint = "dùng --thong-tin với sổ có trang Nơi nhận (ví dụ dòng “Bộ Nội vụ (b/c)”) để ghi nơi nhận"
    return [Problem("", "", "báo cáo tổng hợp chưa có nơi nhận nào, mục Nơi nhận chỉ có “Lưu: VT”", hint)]


def _rollup_of(workbooks: list[Path], issuer: Issuer, period: PeriodRequest, on_done,
               absent: Sequence[tuple[str, str]]) -> Rollup:
    """The period counted across the units; their summaries are let go once counted."""
    units, failed = read_units(workbooks, period, on_done)
    if not units:
        failures = "; ".join(f"{path}: {exc.summary()}" for path, exc in failed[:3])
        raise NothingToDo(f"không sổ nào đọc được nên không có gì để tổng hợp ({failures})",
                          "sửa các sổ lỗi đó rồi chạy lại")
    year = issuer.year or max(u.year for u in units)
    chosen = None
    if period is not None:
        from .documents import as_period

        chosen = as_period(period, year)
    return build_rollup(units, chosen, failed, issuer.statistics, absent, content_read_again)


def content_read_again(profile: WorkbookProfile) -> str:
    """What a workbook of a unit with several holds: read again, as its summary skipped the digest (a
    seventh of reading a unit, for the few units that send two workbooks)."""
    try:
        return content_digest(read_workbook(profile.path))
    except MakeReportError as exc:  # changed or gone meanwhile: like no other, so the unit's conflict
        return f"không đọc lại được: {exc}"


def _rollup_report(rollup: Rollup, issuer: Issuer, info, templates: TemplateSet, folder: Path,
                   as_bytes: bool = False) -> tuple[PlannedFile, str, datetime]:
    """The roll-up's DOCX, its name and date: the document's context is let go before the workbook is
    written, as it grows with the units. Its parts are zipped into the file as it is written (the body,
    deflated as rendered, waits on disk), or into bytes when a PDF is made of them (`as_bytes`)."""
    job = REGISTRY.of_many_plans().build_rollup(rollup, issuer.agency, info, issuer.recipients)
    path, name, created = safe_child(folder, job.name + ".docx"), job.name, job.properties.created
    parts = templates.render(job).parts
    del job
    templates.release()
    if as_bytes:
        return PlannedFile(path, zip_bytes(parts, created)), name, created
    return PlannedFile(path, b"", functools.partial(write_zip, parts, created)), name, created


def issuer_report_row(issuer: Issuer, period: ReportPeriod):
    """The issuer's `Văn bản` row for the period's report (a blank date is a draft of that year)."""
    info = next((i for p, i in issuer.reports.items() if p.key == period.key), None)
    if info is None:
        source = f" {issuer.source.name}" if issuer.source else ""
        label = REGISTRY.of_many_plans().row_label(period)
        raise NothingToDo(f"sổ thông tin tổng hợp{source} không có dòng “{label}”",
                          "thêm dòng đó ở trang Văn bản (người ký, quyền hạn ký…) hoặc dùng các tùy chọn --nguoi-ky…")
    if info.issue_date.month is None:
        info = replace(info, issue_date=IssueDate(period.year))
    return info
