"""One workbook's run: read → context → render → write, with nothing written unless all succeeded.

The run is split in two so a batch can spread the first half over processes: `render_workbook`
(pure computation, returns bytes) and `write_run` (the only step that touches the output folder).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .context import agency_slug, choose_quarter, document_jobs, rollup_job
from .errors import InvalidWorkbook, NothingToDo, Problem
from .models import IssueDate, Plan
from .output import (
    PlannedFile,
    docx_bytes,
    pdf_files,
    require_libreoffice,
    safe_child,
    substituted_fonts,
    write_files,
)
from .render import RenderedDocument, TemplateSet, default_templates_dir
from .rollup import Rollup, build_rollup, rollup_workbook_bytes
from .vietnamese import roman
from .workbook import Issuer, read_workbook


@dataclass(frozen=True)
class RenderedRun:
    """One workbook's documents as bytes, and where they belong; small enough to pass between processes."""

    workbook: Path
    folder: str
    """`2024-Q1`: the year and quarter of the run."""
    agency: str
    """The agency's ASCII name (`xa-hai-dinh`), the folder of its files in a batch."""
    files: tuple[tuple[str, bytes], ...]
    warnings: tuple[Problem, ...]
    inputs: tuple[Path, ...] = ()
    """Every file the run read (workbook, templates): never a target."""


@dataclass
class RunResult:
    """What one workbook's run produced."""

    workbook: Path
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def run_folder_name(year: int, quarter: int | None) -> str:
    """`2024-Q1`: the year and quarter of a run."""
    return f"{year}-Q{quarter}" if quarter else str(year)


def render_plan(plan: Plan, quarter: int | None, templates: TemplateSet) -> tuple[list[RenderedDocument], list[Problem]]:
    """Every document of one plan for one quarter, rendered in memory (nothing written)."""
    jobs, warnings = document_jobs(plan, quarter)
    return [templates.render(job) for job in jobs], warnings


def render_workbook(workbook: Path, quarter: int | None, templates: TemplateSet) -> RenderedRun:
    """Read one workbook and render its documents to bytes. Raises the library's errors."""
    plan = read_workbook(workbook)
    chosen = choose_quarter(plan, quarter)
    docs, warnings = render_plan(plan, chosen, templates)
    return RenderedRun(
        workbook=Path(workbook),
        folder=run_folder_name(plan.year, chosen),
        agency=agency_slug(plan.agency),
        files=tuple((doc.job.name + ".docx", docx_bytes(doc)) for doc in docs),
        warnings=(*plan.warnings, *warnings),
        inputs=(Path(workbook), *templates.files()),
    )


def run_directory(run: RenderedRun, out_dir: Path, per_agency_folder: bool) -> Path:
    folder = safe_child(Path(out_dir), run.folder)
    return safe_child(folder, run.agency) if per_agency_folder else folder


def planned_files(run: RenderedRun, directory: Path) -> list[PlannedFile]:
    return [PlannedFile(safe_child(directory, name), data) for name, data in run.files]


def write_run(run: RenderedRun, directory: Path, pdfs: list[PlannedFile] = ()) -> list[Path]:
    """The run's DOCX (and their PDFs, made beforehand) written as one set: all replaced or none."""
    return write_files(planned_files(run, directory) + list(pdfs), run.inputs)


def as_templates(templates: TemplateSet | str | Path | None) -> TemplateSet:
    if isinstance(templates, TemplateSet):
        return templates
    return TemplateSet(Path(templates) if templates else default_templates_dir())


def generate(
    workbook: str | Path,
    out_dir: str | Path = "outputs",
    quarter: int | None = None,
    templates: TemplateSet | str | Path | None = None,
    pdf: bool = False,
    per_agency_folder: bool = False,
) -> RunResult:
    """Make the plan, its appendix and the quarter's report from one workbook.

    Files go to `out_dir/2024-Q1/` (or `out_dir/2024-Q1/<agency>/` with `per_agency_folder`).
    Raises InvalidWorkbook, TemplateProblem, OutputProblem, PdfProblem or NothingToDo.
    """
    if pdf:
        require_libreoffice()
    run = render_workbook(Path(workbook), quarter, as_templates(templates))
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


def _first_reason(exc) -> str:
    if isinstance(exc, InvalidWorkbook) and exc.problems:
        return str(exc.problems[0])
    return getattr(exc, "message", None) or str(exc)


@dataclass
class RollupResult:
    """What a roll-up run produced; `rollup.failed` lists the workbooks left out."""

    rollup: Rollup
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def generate_rollup(
    workbooks: list[Path],
    issuer: Issuer,
    out_dir: str | Path = "outputs",
    quarter: int | None = None,
    templates: TemplateSet | str | Path | None = None,
    pdf: bool = False,
    on_done=None,
) -> RollupResult:
    """The roll-up report (DOCX) and workbook (XLSX) for a quarter across communes' workbooks.

    `issuer` is a workbook.Issuer: the district's (or province's) agency, report rows, recipients.
    Files go to `out_dir/2024-Q1/tong-hop/`. Unreadable workbooks are listed in `rollup.failed`.
    """
    if pdf:
        require_libreoffice()
    rollup = build_rollup(list(workbooks), quarter, issuer.year, on_done)
    if not rollup.communes:
        failures = "; ".join(f"{path}: {_first_reason(exc)}" for path, exc in rollup.failed[:3])
        raise NothingToDo(f"không sổ nào đọc được nên không có gì để tổng hợp ({failures})",
                          "sửa các sổ lỗi đó rồi chạy lại")
    info = issuer.reports.get(rollup.quarter)
    if info is None:
        raise NothingToDo(f"sổ thông tin tổng hợp không có dòng “Báo cáo quý {roman(rollup.quarter)}”",
                          "thêm dòng đó ở trang Văn bản (người ký, quyền hạn ký…) hoặc dùng các tùy chọn --nguoi-ky…")
    if info.issue_date.month is None:  # a blank date is a draft of the roll-up's own year
        info = replace(info, issue_date=IssueDate(rollup.year))
    job = rollup_job(rollup, issuer.agency, info, issuer.recipients)
    templates = as_templates(templates)
    doc = templates.render(job)
    folder = safe_child(safe_child(Path(out_dir), run_folder_name(rollup.year, rollup.quarter)), "tong-hop")
    report = PlannedFile(safe_child(folder, job.name + ".docx"), docx_bytes(doc))
    pdfs = pdf_files([report]) if pdf else []
    inputs = [*workbooks, *templates.files(), *([issuer.source] if issuer.source else [])]
    written = write_files([
        report,
        PlannedFile(safe_child(folder, job.name + ".xlsx"), rollup_workbook_bytes(rollup, job.properties.created)),
        *pdfs,
    ], inputs)
    warnings = list(issuer.warnings) + pdf_font_warnings([p.path for p in pdfs])
    return RollupResult(rollup, written, warnings)
