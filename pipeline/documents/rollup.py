"""Báo cáo tổng hợp: the province's report on one period across its units (xã, phường, đặc khu)."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.period import PeriodKind
from ..domain.plan import Agency, DocumentInfo, Recipients
from ..rollup import Rollup
from ..rollup_units import UnitResult
from ..shelf import Reordered
from ..vietnamese import format_short_date, lower_first, roman
from .common import (
    DocumentJob,
    addressee_lines,
    agency_slug,
    appendix_reference,
    document_properties,
    header_context,
    paragraph,
    recipient_lines,
    with_summary,
)
from .forms import forms_context
from .registry import ManyPlansKind, register
from .report import figure_lines, figures_row
from .rows import Chained, RowsAsWritten


@register
class RollupReport(ManyPlansKind):
    """Made from many units' plans, for a period the issuer's `Văn bản` has a row for."""

    labels = ("Báo cáo {period}",)
    template = "tong-hop.docx"
    output_name = "{unit}_tong-hop-{period}"

    def build_rollup(self, rollup: Rollup, agency: Agency, info: DocumentInfo, recipients: Recipients) -> DocumentJob:
        return build_rollup_job(rollup, agency, info, recipients)


def build_rollup_job(rollup: Rollup, agency: Agency, info: DocumentInfo, recipients: Recipients) -> DocumentJob:
    """The roll-up's document; `agency` and `info` are the province's (or another upper level's)."""
    period = rollup.period
    word = rollup.unit_word
    summary = info.summary or f"Tổng hợp kết quả thực hiện {rollup.plan_phrase} của các {word}{period_after_plan(rollup)}"
    info = with_summary(info, summary)
    context = {
        **header_context(agency, info),
        "addressees": list(info.addressees),
        "addressee_lines": addressee_lines(info.addressees),
        "intro": intro(rollup, agency),
        "communes": RowsAsWritten(rollup.units, unit_row),
        "totals": figures_row(rollup.totals),
        "middle": middle(rollup),
        "overdue_rows": RowsAsWritten(rollup.overdue_tasks, overdue_row),
        "closing": closing(rollup),
        "recipients": recipient_lines(recipients, info.addressees),
        "forms": [],
    }
    if rollup.forms is not None:
        context.update(forms_context(rollup.forms.forms, period.name, agency),
                       forms_reference=appendix_reference(agency, info))
    kind = RollupReport
    name = kind.output_name.format(unit=agency_slug(agency), year=period.year, period=period.file_suffix)
    return DocumentJob(kind.template, name, context, document_properties(agency, info, kind.title), streamed=True)


def period_after_plan(rollup: Rollup) -> str:
    """The period after the plan's name, with its leading space: ` trong quý II năm 2026` (without
    `trong`, a plan of another year ran into it: `… năm 2023 6 tháng đầu năm 2024`); when the plan
    names the year already (`Kế hoạch cải cách hành chính năm 2026`) the year is not said twice:
    ` trong quý II`, ` trong 9 tháng đầu năm`, and nothing for the year's report."""
    period = rollup.period
    if not rollup.plan_phrase.endswith(f"năm {period.year}"):
        return f" trong {period.name}"
    if period.kind is PeriodKind.YEAR:
        return ""
    if period.kind is PeriodKind.QUARTER:
        return f" trong {period.short_name}"
    return f" trong {period.short_name} đầu năm"


def overdue_row(number: int, unit_and_task) -> dict:
    unit, task = unit_and_task
    return {"number": str(number), "commune": unit.short_name, "task": f"{task.number}. {task.solution}",
            "deadline": task.deadline, "status": task.status}


def unit_row(number: int, unit) -> dict:
    """A unit's row. Its report as the table's column `Số, ngày báo cáo` prints it, on two lines
    (`48/BC-UBND` / `17/6/2026`, so that no line breaks inside the number), and as one phrase
    (`report`: `số 48/BC-UBND, ngày 17/6/2026`) for a template of one's own; a report of another
    period at the same cut-off says which (`17/6/2026 (báo cáo quý II)`)."""
    issued, which = unit.report_date, unit.other_report
    reference = (f"số {unit.report_number}" if unit.report_number else "chưa có số") + \
        (f", {issued}" if issued.startswith("tháng") else f", ngày {issued}" if issued else "") + which
    return {"number": str(number), "name": unit.short_name, "report": reference,
            "report_number": unit.report_number or "chưa có số", "report_date": (issued + which).strip(),
            **figures_row(unit.figures)}


def intro(rollup: Rollup, agency: Agency) -> list[dict]:
    period, totals = rollup.period, rollup.totals
    dp = period.data_period
    items = [
        paragraph("body", f"Trên cơ sở báo cáo của {rollup.unit_phrase()}, {agency.short_name} tổng hợp kết quả "
                          f"thực hiện {rollup.plan_phrase}{period_after_plan(rollup)} như sau:"),
        paragraph("note", f"(Thời gian lấy số liệu: từ ngày {format_short_date(dp.start)} "
                          f"đến ngày {format_short_date(dp.end)})"),
    ]
    missing = [f"{n} {part}" for n, part in ((len(rollup.not_reported), "đơn vị chưa báo cáo"),
                                             (refused_workbooks(rollup), "sổ không tổng hợp được")) if n]
    if missing:
        items.append(paragraph("note", f"(Chưa tổng hợp: {', '.join(missing)}; chi tiết ở cuối báo cáo)"))
    before = rollup.previous_totals
    items += [
        paragraph("section", "I. KẾT QUẢ CHUNG"),
        paragraph("body", f"Tổng số nhiệm vụ trong kế hoạch của {rollup.unit_phrase()}: {totals.total} nhiệm vụ. "
                          f"Tính đến ngày {format_short_date(period.cutoff)}:"),
        *(paragraph("body", line) for line in figure_lines(totals, before, previous_of_the_same(rollup))),
        # Here, not before the closing line: there it followed `III. NHIỆM VỤ QUÁ HẠN` and read as if the
        # overdue tasks were in the appendix, which holds the statistics forms.
        *([paragraph("body", "Số liệu thống kê cải cách hành chính của các đơn vị và của "
                             f"{agency.short_name} tại Phụ lục kèm theo báo cáo.")] if rollup.forms is not None else []),
        paragraph("section", f"II. KẾT QUẢ CỦA TỪNG {rollup.unit_word.upper()}"),
        paragraph("note", "(Xếp theo tỷ lệ hoàn thành, từ cao xuống thấp)"),
    ]
    return items


def middle(rollup: Rollup) -> Sequence[dict]:
    """The units whose finished count changed since the previous period (a line each, made as the
    template reaches it), then the overdue tasks' heading."""
    changed = rollup.changed_units
    lines: Sequence[dict] = []
    if changed and rollup.period.previous is not None:
        lines = Chained([paragraph("body", f"So với {rollup.period.previous.name}, số nhiệm vụ hoàn thành thay đổi ở "
                                           f"{len(changed)} {rollup.unit_word}:")],
                        RowsAsWritten(Reordered(rollup.units, changed),
                                      lambda number, unit: change_line(unit, last=number == len(changed))))
    overdue, with_overdue = len(rollup.overdue_tasks), rollup.overdue_tasks.units_with_tasks
    return Chained(lines, [
        paragraph("section", "III. NHIỆM VỤ QUÁ HẠN"),
        paragraph("body", f"Có {overdue} nhiệm vụ quá hạn ở {with_overdue} {rollup.unit_word}:" if overdue
                  else f"Tính đến ngày {format_short_date(rollup.period.cutoff)}, không có nhiệm vụ nào quá hạn."),
    ])


def change_line(unit: UnitResult, last: bool) -> dict:
    """`- Xã An: từ 3 lên 5 nhiệm vụ;` (a full stop after the last)."""
    before, now = unit.previous.finished if unit.previous else 0, unit.figures.finished
    direction = "lên" if now > before else "xuống"
    return paragraph("body", f"- {unit.short_name}: từ {before} {direction} {now} nhiệm vụ" + ("." if last else ";"))


def previous_of_the_same(rollup: Rollup) -> str:
    """What the finished count is compared with: the previous period of the very units counted now
    (`quý I năm 2026 của 3 xã này`), so that a unit that reported quý I and not 6 tháng, left out of
    both sides, does not read as a wrong difference between the two roll-ups' totals."""
    previous = rollup.period.previous
    if rollup.previous_totals is None or previous is None:
        return ""
    return f"{previous.name} của {rollup.unit_phrase()} này"


def refused_workbooks(rollup: Rollup) -> int:
    """The workbooks left out, each once: what the intro counts and the closing lists."""
    return sum(len(r.workbooks) for r in rollup.refused)


def closing(rollup: Rollup) -> list[dict]:
    """Units not reported and workbooks left out, by unit: file names go in the program's message
    and the roll-up workbook, not in a report sent to the province (a copy counted once is neither)."""
    items = []
    number = 4
    if rollup.not_reported:
        items.append(paragraph("section", f"{roman(number)}. ĐƠN VỊ CHƯA BÁO CÁO"))
        items += [paragraph("body", f"- {n.short_name}: "
                                    + (f"báo cáo gần nhất là {n.last_period};" if n.last_period
                                       else "chưa báo cáo kỳ nào;"))
                  for n in rollup.not_reported]
        items[-1]["text"] = items[-1]["text"].rstrip(";") + "."
        number += 1
    if rollup.refused:
        items.append(paragraph("section", f"{roman(number)}. SỔ CHƯA TỔNG HỢP ĐƯỢC"))
        named = [r for r in rollup.refused if r.unit]
        items += [paragraph("body", f"- {r.unit}: {len(r.workbooks)} sổ khác nhau của cùng đơn vị, chưa rõ sổ nào đúng;"
                            if len(r.workbooks) > 1 else f"- {r.unit}: {lower_first(r.reason)};") for r in named]
        unread = sum(len(r.workbooks) for r in rollup.refused if not r.unit)
        if unread:
            items.append(paragraph("body", f"- {unread} sổ không đọc được (danh sách sổ và lỗi trong trang "
                                           "“Sổ không tổng hợp” của tệp Excel tổng hợp);"))
        items[-1]["text"] = items[-1]["text"].rstrip(";") + "."
    items.append(paragraph("body", f"Trên đây là báo cáo tổng hợp kết quả thực hiện {rollup.plan_phrase} của các "
                                   f"{rollup.unit_word}{period_after_plan(rollup)}./."))
    return items
