"""One workbook's run: read → context → render → write, with nothing written unless all succeeded."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .context import agency_slug, choose_quarter, document_jobs
from .errors import Problem
from .models import Plan
from .output import (
    PlannedFile,
    convert_to_pdf,
    docx_bytes,
    require_libreoffice,
    safe_child,
    substituted_fonts,
    write_files,
)
from .render import RenderedDocument, TemplateSet, default_templates_dir
from .workbook import read_workbook


@dataclass
class RunResult:
    """What one workbook's run produced."""

    workbook: Path
    plan: Plan
    quarter: int | None
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def run_folder_name(plan: Plan, quarter: int | None) -> str:
    """`2024-Q1`: the year and quarter of the run."""
    return f"{plan.year}-Q{quarter}" if quarter else str(plan.year)


def render_plan(plan: Plan, quarter: int | None, templates: TemplateSet) -> tuple[list[RenderedDocument], list[Problem]]:
    """Every document of one plan for one quarter, rendered in memory (nothing written)."""
    jobs, warnings = document_jobs(plan, quarter)
    return [templates.render(job) for job in jobs], warnings


def planned_files(docs: list[RenderedDocument], folder: Path) -> list[PlannedFile]:
    return [PlannedFile(safe_child(folder, doc.job.name + ".docx"), docx_bytes(doc)) for doc in docs]


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
    workbook = Path(workbook)
    if pdf:
        require_libreoffice()
    if not isinstance(templates, TemplateSet):
        templates = TemplateSet(Path(templates) if templates else default_templates_dir())
    plan = read_workbook(workbook)
    chosen = choose_quarter(plan, quarter)
    docs, warnings = render_plan(plan, chosen, templates)
    folder = Path(out_dir) / run_folder_name(plan, chosen)
    if per_agency_folder:
        folder = safe_child(folder, agency_slug(plan))
    written = write_files(planned_files(docs, folder))
    if pdf:
        pdfs = convert_to_pdf(written)
        warnings += pdf_font_warnings(pdfs)
        written += pdfs
    return RunResult(workbook, plan, chosen, written, [*plan.warnings, *warnings])


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
