"""Kế hoạch: the plan, its body and (in a landscape section) its appendix of tasks."""

from __future__ import annotations

from ..domain.period import ReportPeriod
from ..domain.plan import DocumentInfo, DocumentType, Plan, PLAN_LABEL
from ..domain.task import Task
from .common import PLAN_APPENDIX_TITLE, appendix_reference, body_paragraphs, header_context, recipient_lines
from .columns import PLAN_TASKS
from .registry import DocumentKind, register
from .table import grouped_rows


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


@register
class PlanDocument(DocumentKind):
    """Kế hoạch: the plan, its body and its appendix of tasks; every workbook has its row."""

    labels = (PLAN_LABEL,)
    document_type = DocumentType.PLAN
    template = "ke-hoach.docx"
    task_table = PLAN_TASKS
    output_name = "{unit}_ke-hoach-{year}"
    title = "Kế hoạch"
    summary_required = True
    row_required = True

    def context(self, plan: Plan, period: ReportPeriod | None, info: DocumentInfo) -> dict:
        return {
            **header_context(plan.agency, info),
            "body": body_paragraphs(plan.body),
            "recipients": recipient_lines(plan.plan_recipients),
            "appendix_title": PLAN_APPENDIX_TITLE,
            "appendix_reference": appendix_reference(plan.agency, info),
            "rows": plan_rows(plan),
        }
