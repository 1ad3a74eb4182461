"""Báo cáo CCHC định kỳ: the periodic CCHC report in the Bộ Nội vụ's outline, with its forms.

The outline (I–V) is fixed (pipeline.cchc_outline). I.2 and the tasks under II.1–II.6 come from the
plan and its results; everything else is the clerk's own text from `Nội dung báo cáo` (and the v1.1
text columns of `Văn bản`, which feed III.2, IV and V). A sub-item a), b) … is printed only when it
has something under it; a main heading with nothing under it stays (the outline is fixed) and is
named in a warning. Nothing is invented.
"""

from __future__ import annotations

import functools

from ..domain.cchc_fields import STANDARD_FIELDS, field_code as code_of_field
from ..domain.cchc_outline import (
    FIELD_SECTIONS,
    OUTLINE,
    Level,
    Section,
    commune_unit,
    period_phrase,
)
from ..errors import Problem
from ..statistics.forms import unit_forms
from ..domain.period import PeriodKind, ReportPeriod
from ..domain.plan import DocumentInfo, Plan, ReportForm, SectionText
from ..domain.counts import TaskCounts
from ..domain.task import Task
from ..domain.task_states import TaskState, task_states
from ..vietnamese import format_percent, format_short_date, match_key, upper_first
from . import cchc_appendix
from .common import (
    addressee_lines,
    header_context,
    paragraph,
    plan_citation,
    recipient_lines,
    with_summary,
)
from .columns import REPORT_TASKS
from .registry import DocumentKind, register
from .report import (
    finished_in_period,
    none_overdue,
    finished_line,
    missing_result_warnings,
    stopped_aside,
    stopped_line,
    task_line,
)

FORMS_NOTE = "(Số liệu cụ thể ở các nội dung tại Phụ lục I kèm theo báo cáo)."
"""The outline's line after II (the real report's, whose one appendix is the forms), naming the forms'
appendix: this report has two, and ND 30 has the text refer to each by its number."""
I2 = "I.2"
# Main headings whose emptiness a clerk is told about (sub-items a), b) … are simply left out).
MAIN_HEADINGS = tuple(s.code for s in OUTLINE if s.depth == 2 and s.code.startswith(("I.", "II.", "III."))) + ("IV",)


@register
class PeriodicCchcReport(DocumentKind):
    """Báo cáo CCHC định kỳ: the Bộ Nội vụ outline with the seven statistics forms and the task table."""

    labels = ("Báo cáo {period}",)
    template = "bao-cao-cchc.docx"
    task_table = REPORT_TASKS
    output_name = "{unit}_bao-cao-cchc-{period}"

    def applies_to(self, plan: Plan) -> bool:
        return plan.report_form is ReportForm.CCHC

    def context(self, plan: Plan, period: ReportPeriod | None, info: DocumentInfo) -> dict:
        assert period is not None  # a periodic kind is built only for a period
        return cchc_context(plan, period, info)[0]

    def warnings(self, plan: Plan, period: ReportPeriod | None) -> list[Problem]:
        """The tasks with no result for the period, as the plan-result report names them, a period without
        figures (the forms would print dashes), and the main headings with nothing under them."""
        assert period is not None
        info = plan.reports[period]
        states = task_states(plan.tasks, plan.results, period)
        _, empty = report_body(plan, info, period, states, with_forms=True)
        return report_warnings(plan, period, states, empty, self.row_label(period))

    def context_and_warnings(self, plan: Plan, period: ReportPeriod | None,
                             info: DocumentInfo) -> tuple[dict, list[Problem]]:
        """The tasks' states, the forms and the body worked out once for both."""
        assert period is not None
        context, states, empty = cchc_context(plan, period, info)
        if plan.reports.get(period) is not info:   # the warnings are about the period's own row
            return context, self.warnings(plan, period)
        return context, report_warnings(plan, period, states, empty, self.row_label(period))


def cchc_context(plan: Plan, period: ReportPeriod, info: DocumentInfo) -> tuple[dict, list[TaskState], list[str]]:
    """The context, the tasks' states it was made from and the main headings left empty."""
    states = task_states(plan.tasks, plan.results, period)
    forms = unit_forms(plan, period, states=states)
    body, empty = report_body(plan, info, period, states, with_forms=bool(forms))
    context = {
        **header_context(plan.agency, with_summary(info, title(period))),
        "addressees": list(info.addressees),
        "addressee_lines": addressee_lines(info.addressees),
        "body": body,
        "recipients": recipient_lines(plan.report_recipients, info.addressees),
        **cchc_appendix.context(plan, info, period, states, forms),
    }
    return context, states, empty


def report_warnings(plan: Plan, period: ReportPeriod, states: list[TaskState], empty: list[str],
                    label: str) -> list[Problem]:
    return [*missing_result_warnings(states, period), *missing_figures_warnings(plan, period),
            *empty_heading_warnings(empty, period, label)]


# ------------------------------------------------------------------------------------------
# Periods in words


def title(period: ReportPeriod) -> str:
    """`Công tác cải cách hành chính quý I năm 2026 và phương hướng, nhiệm vụ quý II năm 2026`."""
    return f"Công tác cải cách hành chính {period_phrase(period)} và phương hướng, nhiệm vụ {period.next_name}"


def next_tasks_heading(period: ReportPeriod) -> str:
    if period.kind is PeriodKind.YEAR:
        return f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM {period.year + 1}"
    return f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC {period.next_name.upper()}"


# ------------------------------------------------------------------------------------------
# The body


def report_body(plan: Plan, info: DocumentInfo, period: ReportPeriod, states: list[TaskState],
                with_forms: bool) -> tuple[list[dict], list[str]]:
    """The body paragraphs, and the main headings that have nothing under them."""
    texts = texts_by_section(plan, info, period)
    unit = commune_unit(plan.agency.name) if plan.level is Level.COMMUNE else "tỉnh"
    tasks = tasks_by_section(plan, states, period)
    body = [opening(plan, info, period), data_period_note(period)]
    empty: list[str] = []
    for section in OUTLINE:
        if section.depth == 3:
            continue
        if section.code == "III" and with_forms:
            body.append(paragraph("note", FORMS_NOTE))
        if section.code == "V" and not texts.get("V"):
            continue
        heading = section_heading(section, plan.level, unit, period)
        if section.depth == 1 and section.code not in ("IV", "V"):
            body.append(paragraph("section", heading))
            continue
        content = section_content(section, texts, tasks, plan, period, states, unit,
                                  "Phụ lục II" if with_forms else "Phụ lục")
        if not content and section.code in MAIN_HEADINGS:
            empty.append(section.code)
        if section.run_in and content and content[0]["kind"] == "body":
            first, *rest = content
            body.append({"kind": "run_in", "lead": heading + ": ", "text": first["text"]})
            body.extend(rest)
        else:
            body.append(paragraph("section" if section.depth == 1 else "clause", heading) | {"alone": not content})
            body.extend(content)
    body.append(paragraph("body", closing(plan, info, period)))
    return body, empty


def section_heading(section: Section, level: Level, unit: str, period: ReportPeriod) -> str:
    if section.code == "IV":
        return next_tasks_heading(period)
    return f"{section.marker} {section.heading(level, unit)}"


def section_content(section: Section, texts: dict[str, list[str]], tasks: dict[str, list[dict]], plan: Plan,
                    period: ReportPeriod, states: list[TaskState], unit: str, tasks_appendix: str) -> list[dict]:
    """What goes under a heading: computed figures (I.2), the clerk's text, sub-items, the tasks."""
    content: list[dict] = []
    if section.code == I2:
        content += plan_progress(plan, period, states, tasks_appendix)
    content += [text_paragraph(t) for t in texts.get(section.code, [])]
    # A sub-item keeps the outline's letter when those before it are left out (`c)` alone under 2.): the
    # province files each unit's text under the outline's item, II.2.c being the one-stop shop's.
    for item in sub_items(section.code):
        if not texts.get(item.code):
            continue
        first, *rest = texts[item.code]
        heading = f"{item.marker} {item.heading(plan.level, unit)}"
        if item.run_in:  # a point: its heading regular, as the outline's other points (ND 30 Mục V)
            content.append({"kind": "point_run_in", "lead": f"{heading}: ", "text": first})
        else:
            content += [paragraph("point", heading), text_paragraph(first)]
        content += [text_paragraph(t) for t in rest]
    content += tasks.get(section.code, [])
    return content


@functools.cache
def sub_items(code: str) -> tuple[Section, ...]:
    """The sub-items a), b) … of a heading, in outline order (looked up for every heading of every report)."""
    return tuple(s for s in OUTLINE if s.depth == 3 and s.code.startswith(code + "."))


def text_paragraph(text: str) -> dict:
    """A paragraph the clerk typed: `-`/`+` lines are list items, the rest body text."""
    return paragraph("body", text)


def texts_by_section(plan: Plan, info: DocumentInfo, period: ReportPeriod) -> dict[str, list[str]]:
    """The clerk's paragraphs by section code: `Nội dung báo cáo`, then the v1.1 `Văn bản` columns."""
    texts: dict[str, list[str]] = {}
    for row in plan.report_texts.get(period, ()):
        texts.setdefault(row.code, []).extend(cell_lines(row))
    for code, text in (("III.2", info.shortcomings), ("III.2", info.causes), ("IV", info.next_tasks),
                       ("V", info.proposals)):
        if text:
            texts.setdefault(code, []).extend(cell_lines(SectionText(code, text)))
    return texts


def cell_lines(row: SectionText) -> list[str]:
    return [line.strip() for line in row.text.split("\n") if line.strip()]


def opening(plan: Plan, info: DocumentInfo, period: ReportPeriod) -> dict:
    """`Thực hiện <căn cứ>, <tên gọi tắt> báo cáo … trên địa bàn <xã>, như sau:`."""
    unit = commune_unit(plan.agency.name) if plan.level is Level.COMMUNE else "tỉnh"
    reporter = plan.agency.short_name
    sentence = (f"báo cáo kết quả thực hiện công tác cải cách hành chính (CCHC) {period_phrase(period)} và "
                f"phương hướng, nhiệm vụ {period.next_name} trên địa bàn {unit}, như sau:")
    basis = plan.legal_basis.strip().rstrip(" ,.;")
    if basis:
        return paragraph("body", f"Thực hiện {basis}, {reporter} {sentence}")
    return paragraph("body", f"{upper_first(reporter)} {sentence}")


def data_period_note(period: ReportPeriod) -> dict:
    dp = period.data_period
    return paragraph("note", f"(Thời gian lấy số liệu: từ ngày {format_short_date(dp.start)} "
                             f"đến ngày {format_short_date(dp.end)})")


def closing(plan: Plan, info: DocumentInfo, period: ReportPeriod) -> str:
    addressee = f", kính gửi {info.addressees[0]} để tổng hợp" if info.addressees else ""
    return (f"Trên đây là báo cáo công tác cải cách hành chính {period_phrase(period)} và phương hướng, "
            f"nhiệm vụ {period.next_name} của {plan.agency.short_name}{addressee}./.")


def missing_figures_warnings(plan: Plan, period: ReportPeriod) -> list[Problem]:
    """The forms would print `-` in every row the plan does not count: no `Số liệu` at all, or none for the period."""
    filled = [e for e in plan.statistics if e.value is not None or e.note]
    if any(e.period == period for e in filled):
        return []
    kind = upper_first(period.short_name)
    forms = (f"báo cáo CCHC {period.short_name}: 7 biểu mẫu thống kê in dấu “-” ở mọi chỉ tiêu "
             "(trừ các chỉ tiêu đếm từ kế hoạch)")
    how = (f"nhập số liệu của kỳ (cột Mã: mã chỉ tiêu như 2.1; cột Kỳ: “{kind}”; cột Số liệu); "
           "nếu không báo cáo theo mẫu CCHC, ghi Mẫu báo cáo = “Kết quả thực hiện kế hoạch” ở trang Thông tin")
    if not plan.statistics:
        return [Problem("Số liệu", "", f"{forms} vì sổ không có trang Số liệu hoặc trang này không có số liệu nào",
                        "thêm trang Số liệu (lệnh make-report init tạo sổ mẫu có trang này) rồi " + how)]
    typed = sorted({e.period for e in filled}, key=lambda p: (p.data_period.end, p.data_period.start))
    if not typed:  # the rows `init` writes: codes and periods, no figure yet
        return [Problem("Số liệu", "", f"{forms} vì trang Số liệu chưa có số liệu nào (cột Số liệu còn trống)", how)]
    periods = ", ".join(upper_first(p.short_name) for p in typed)
    return [Problem("Số liệu", "", f"{forms} vì trang Số liệu không có dòng nào của kỳ “{kind}” (chỉ có: {periods})",
                    how)]


def empty_heading_warnings(codes: list[str], period: ReportPeriod, label: str) -> list[Problem]:
    if not codes:
        return []
    return [Problem("Nội dung báo cáo", "",
                    f"báo cáo CCHC {period.short_name}: mục {', '.join(codes)} chưa có nội dung",
                    f"thêm dòng ở trang Nội dung báo cáo (cột Văn bản: “{label}”, cột Mục: mã mục) "
                    "cho các mục này; mục để trống vẫn in tiêu đề")]


# ------------------------------------------------------------------------------------------
# From the plan: I.2 and the tasks of each field


def completion_ratio(done: int, total: int) -> str:
    """`33,33`: the same figure as form row 1.2 (2 decimals at most, no trailing zeros, half up)."""
    return format_percent(done, total).removesuffix("%")


def plan_progress(plan: Plan, period: ReportPeriod, states: list[TaskState],
                  tasks_appendix: str = "Phụ lục II") -> list[dict]:
    """`<Kế hoạch …> đề ra 15 nhiệm vụ; tính đến ngày 14/6/2026 đã hoàn thành 5/15 nhiệm vụ kế hoạch đề ra
    (đạt 33,33%), trong đó đúng hạn 4, quá hạn 1; … (chi tiết từng nhiệm vụ tại Phụ lục II kèm theo báo
    cáo).`, the counts of every report form (domain.counts), and where the task table is (`tasks_appendix`:
    `Phụ lục` when it is the only appendix); tasks dropped by decision leave the count and are listed apart."""
    fig = TaskCounts.of(states)
    parts = [f"tính đến ngày {format_short_date(period.cutoff)} đã hoàn thành {fig.finished}/{fig.total} nhiệm vụ "
             f"kế hoạch đề ra (đạt {completion_ratio(fig.finished, fig.total)}%)"
             + (f", trong đó đúng hạn {fig.on_time}, quá hạn {fig.late}" if fig.finished else "")]
    if fig.in_progress:
        parts.append(f"đang thực hiện {fig.in_progress} nhiệm vụ")
    if fig.not_started:
        parts.append(f"chưa thực hiện {fig.not_started} nhiệm vụ")
    parts.append(f"quá hạn chưa hoàn thành {fig.overdue_unfinished} nhiệm vụ" if fig.overdue_unfinished
                 else none_overdue(fig))
    items = [paragraph("body", f"{plan_citation(plan)} đề ra {fig.total} nhiệm vụ{stopped_aside(fig)}; "
                               + "; ".join(parts) + f" (chi tiết từng nhiệm vụ tại {tasks_appendix} kèm theo báo cáo).")]
    stopped = [s for s in states if s.is_stopped]
    if stopped:
        items.append(paragraph("body", "Nhiệm vụ dừng thực hiện theo quyết định (không tính vào tổng số):"))
        items += [paragraph("body", stopped_line(s)) for s in stopped]
    return items


def field_code(task: Task, names: dict[str, str] | None) -> str | None:
    """The CCHC field code of a task: its `Lĩnh vực` cell (a code or a name), else its criterion code."""
    names = names or STANDARD_FIELDS
    if task.cchc_field:
        typed = task.cchc_field.strip().rstrip(".")
        if (code := code_of_field(typed)) in names:   # `03` is field 3
            return code
        by_name = {match_key(name): code for code, name in names.items()}
        return by_name.get(match_key(typed))
    return code_of_field(task.criterion_code.split(".")[0]) if task.criterion_code else None


def tasks_by_section(plan: Plan, states: list[TaskState], period: ReportPeriod) -> dict[str, list[dict]]:
    """Each section's task paragraphs: finished in the period (with results and evidence), then overdue.

    Fields 2–7 go under II.1–II.6; fields 1, 8 and unclassified tasks under I.2.
    """
    by_section: dict[str, list[TaskState]] = {}
    for state in states:
        section = FIELD_SECTIONS.get(field_code(state.task, plan.field_names) or "", I2)
        by_section.setdefault(section, []).append(state)
    paragraphs: dict[str, list[dict]] = {}
    for section, group in by_section.items():
        finished = [s for s in group if finished_in_period(s, period)]
        overdue = [s for s in group if s.is_overdue]
        items: list[dict] = []
        if finished:
            items.append(paragraph("body", "Nhiệm vụ của Kế hoạch CCHC đã hoàn thành"
                                           + (":" if period.is_cumulative else " trong kỳ:")))
            items += [paragraph("body", finished_line(s, period)) for s in finished]
        if overdue:
            items.append(paragraph("body", "Nhiệm vụ quá hạn, chưa hoàn thành:"))
            items += [paragraph("body", task_line(s)) for s in overdue]
        if items:
            paragraphs[section] = items
    return paragraphs


