"""The two appendices of the CCHC report: the seven statistics forms, then the plan's task table.

Phụ lục I is laid out as the real report has it: `BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH
CHÍNH <KỲ>` / `CỦA <CƠ QUAN>` / `(Kèm theo Báo cáo số …)`, then each form titled `Biểu mẫu N` / its
title, a table of its rows. Phụ lục II is the task table of the plan-result report.
"""

from __future__ import annotations

from ..domain.cchc_outline import period_phrase
from ..domain.plan import DocumentInfo, Plan
from ..domain.period import ReportPeriod
from ..domain.task_states import TaskState
from .common import appendix_reference
from .report import report_rows


def context(plan: Plan, info: DocumentInfo, period: ReportPeriod, states: list[TaskState], forms) -> dict:
    return {
        "forms_title": f"BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH {period_phrase(period).upper()}",
        "forms_issuer": "CỦA " + " ".join(plan.agency.name.split()).upper(),
        "forms": [form_context(form) for form in forms],
        "appendix_reference": appendix_reference(plan, info),
        "appendix_title": f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH CCHC {period.name.upper()}",
        "rows": report_rows(plan, period, states),
    }


def form_context(form) -> dict:
    """One form (pipeline.statistics.forms.Form) as the template prints it; top rows are bold (`strong`)."""
    return {
        "number": form.number,
        "title": form.title,
        "rows": [{"stt": row.stt, "indicator": row.indicator, "unit": row.unit, "value": row.value,
                  "note": row.note, "strong": row.depth <= 1} for row in form.rows],
    }
