"""Phụ lục: the plan's table of tasks alone, for those who need the table without the plan."""

from __future__ import annotations

from ..domain.plan import Plan
from ..domain.periods import ReportPeriod
from .common import PLAN_APPENDIX_TITLE, DocumentJob, agency_slug, appendix_reference, document_properties
from .plan import plan_rows

TEMPLATE = "phu-luc.docx"


def build(plan: Plan, period: ReportPeriod | None) -> tuple[DocumentJob, list]:
    context = {
        "appendix_title": PLAN_APPENDIX_TITLE,
        "appendix_reference": appendix_reference(plan, plan.plan_document),
        "rows": plan_rows(plan),
    }
    job = DocumentJob(TEMPLATE, f"{agency_slug(plan.agency)}_phu-luc-ke-hoach-{plan.year}", context,
                     document_properties(plan.agency, plan.plan_document, "Phụ lục Kế hoạch"))
    return job, []
