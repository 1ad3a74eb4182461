"""The appendix of the seven statistics forms, for any report that carries them.

`forms_context` gives the variables both templates' forms appendix prints: `forms_title`,
`forms_issuer` and `forms`. The unit's CCHC report (its Phụ lục I) and the province's roll-up use it;
each cites its own report under the heading (`appendix_reference`, `forms_reference`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.plan import Agency
from ..statistics.forms import Form


def forms_context(forms: Sequence[Form], period_words: str, agency: Agency) -> dict:
    """The appendix's heading lines and its seven tables.

    `period_words` is the period as the report names it elsewhere (`quý I năm 2026`): the CCHC
    report says `9 tháng năm 2026` as the guidance does, the roll-up `9 tháng đầu năm 2026`.
    """
    return {
        "forms_title": f"BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH {period_words.upper()}",
        "forms_issuer": "CỦA " + " ".join(agency.name.split()).upper(),
        "forms": [form_context(form) for form in forms],
    }


def form_context(form: Form) -> dict:
    """One form as the template prints it; its top rows print bold (`strong`)."""
    return {
        "number": form.number,
        "title": form.title,
        "rows": [{"stt": row.stt, "indicator": row.indicator, "unit": row.unit, "value": row.value,
                  "note": row.note, "strong": row.is_top} for row in form.rows],
    }
