"""The two appendices of the CCHC report: the seven statistics forms, then the plan's task table.

Phụ lục I is laid out as the real report has it: `BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH
CHÍNH <KỲ>` / `CỦA <CƠ QUAN>` / `(Kèm theo Báo cáo số …)`, then each form titled `Biểu mẫu N` / its
title, a table of its rows. Phụ lục II is the task table of the plan-result report, closed by the same
line of counts (on time and late included) as that report's appendix.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.cchc_outline import period_phrase
from ..domain.counts import TaskCounts
from ..domain.plan import DocumentInfo, Plan
from ..domain.period import ReportPeriod
from ..domain.task_states import TaskState
from ..statistics.forms import Form
from .common import appendix_reference
from .forms import forms_context
from .report import appendix_summary, report_rows


def context(plan: Plan, info: DocumentInfo, period: ReportPeriod, states: list[TaskState],
            forms: Sequence[Form]) -> dict:
    return {
        **forms_context(forms, period_phrase(period), plan.agency),
        "appendix_reference": appendix_reference(plan.agency, info),
        "appendix_title": f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH CCHC {period_phrase(period).upper()}",
        "rows": report_rows(plan, period, states),
        "appendix_summary": appendix_summary(TaskCounts.of(states), period),
    }
