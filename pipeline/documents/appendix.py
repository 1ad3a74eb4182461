"""Phụ lục: the plan's table of tasks alone, for those who need the table without the plan."""

from __future__ import annotations

from ..domain.period import ReportPeriod
from ..domain.plan import DocumentInfo, DocumentType, Plan, PLAN_LABEL
from .common import PLAN_APPENDIX_TITLE, appendix_reference
from .plan import plan_rows
from .columns import PLAN_TASKS
from .registry import DocumentKind, register


@register
class PlanAppendix(DocumentKind):
    """Made from the plan's own `Kế hoạch` row."""

    labels = (PLAN_LABEL,)
    document_type = DocumentType.PLAN
    template = "phu-luc.docx"
    task_table = PLAN_TASKS
    output_name = "{unit}_phu-luc-ke-hoach-{year}"
    title = "Phụ lục Kế hoạch"
    summary_required = True

    def context(self, plan: Plan, period: ReportPeriod | None, info: DocumentInfo) -> dict:
        return {"appendix_title": PLAN_APPENDIX_TITLE, "appendix_reference": appendix_reference(plan.agency, info),
                "rows": plan_rows(plan)}
