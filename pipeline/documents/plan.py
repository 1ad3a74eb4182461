"""Kế hoạch: the plan, its body and (in a landscape section) its appendix of tasks."""

from __future__ import annotations

from ..domain.plan import Plan, Task
from ..domain.periods import ReportPeriod
from .common import (
    PLAN_APPENDIX_TITLE,
    DocumentJob,
    agency_slug,
    appendix_reference,
    body_paragraphs,
    document_properties,
    header_context,
    recipient_lines,
)
from .table import grouped_rows

TEMPLATE = "ke-hoach.docx"


def plan_task_row(task: Task) -> dict:
    return {
        "number": str(task.number),
        "criterion": task.criterion,
        "solution": task.solution,
        "lead": task.lead,
        "partners": task.partners,
        "deadline": task.deadline.label,
        "note": task.note,
    }


def plan_rows(plan: Plan) -> list[dict]:
    return grouped_rows(plan, plan_task_row)


def build(plan: Plan, period: ReportPeriod | None) -> tuple[DocumentJob, list]:
    info = plan.plan_document
    context = {
        **header_context(plan.agency, info),
        "body": body_paragraphs(plan.body),
        "recipients": recipient_lines(plan.plan_recipients),
        "appendix_title": PLAN_APPENDIX_TITLE,
        "appendix_reference": appendix_reference(plan, info),
        "rows": plan_rows(plan),
    }
    job = DocumentJob(TEMPLATE, f"{agency_slug(plan.agency)}_ke-hoach-{plan.year}", context,
                     document_properties(plan.agency, info, "Kế hoạch"))
    return job, []
