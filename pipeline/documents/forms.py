"""The appendix of the seven statistics forms, for any report that carries them.

`forms_context` gives the variables the template block `statistics_forms_appendix`
(tools/build_templates.py) prints: `forms_title`, `forms_issuer`, `forms_reference`, `forms`.
Both the commune's CCHC report and the province's roll-up use it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.period import ReportPeriod
from ..domain.plan import Agency, DocumentInfo
from ..statistics.forms import Form
from ..vietnamese import agency_in_sentence, format_long_date, format_number_symbol


def forms_context(forms: Sequence[Form], period: ReportPeriod, agency: Agency, info: DocumentInfo) -> dict:
    """The appendix's heading lines and its seven tables; top rows and groups print bold."""
    issuer = " ".join(agency.name.split())
    return {
        "forms_title": f"BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH {period.name.upper()}",
        "forms_issuer": f"CỦA {issuer.upper()}",
        "forms_reference": forms_reference(agency, info),
        "forms": [
            {"number": form.number, "title": form.title,
             "rows": [{"stt": row.stt, "indicator": row.indicator, "unit": row.unit, "value": row.value,
                       "note": row.note, "strong": row.depth == 1 or row.is_group} for row in form.rows]}
            for form in forms
        ],
    }


def forms_reference(agency: Agency, info: DocumentInfo) -> str:
    """`(Kèm theo Báo cáo số 12/BC-UBND ngày 10 tháng 4 năm 2026 của Ủy ban nhân dân tỉnh Lâm Đồng)`."""
    number = format_number_symbol(info.number, info.kind.type_code, agency.symbol)
    return f"(Kèm theo {info.kind.value} số {number} {format_long_date(info.issue_date)} " \
           f"của {agency_in_sentence(agency.name)})"
