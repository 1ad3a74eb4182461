"""Báo cáo kết quả thực hiện: the report on the plan for a quarter, 6 or 9 months, or the year.

Every report states where the tasks stand at the period's cut-off date, what changed since the
previous report, which tasks were finished in the period (the news), which are overdue, and, in
its appendix, every task with its outcome and evidence. Cumulative reports (6 and 9 months, the
year) add the progress of each quarter.
"""

from __future__ import annotations

from ..domain.period import ReportPeriod, quarter
from ..domain.plan import DocumentInfo, Plan, ReportForm
from ..domain.result import Status
from ..domain.counts import TaskCounts
from ..domain.task_states import TaskState, task_states
from ..errors import Problem
from ..vietnamese import format_percent, format_short_date, lower_first, roman, upper_first
from . import table
from .common import (
    addressee_lines,
    appendix_reference,
    header_context,
    lines,
    paragraph,
    plan_citation,
    recipient_lines,
    with_summary,
)
from .columns import REPORT_TASKS
from .registry import DocumentKind, register

@register
class PlanResultReport(DocumentKind):
    """Báo cáo kết quả thực hiện kế hoạch, for every period whose `Văn bản` row the workbook has."""

    labels = ("Báo cáo {period}",)
    template = "bao-cao-quy.docx"
    task_table = REPORT_TASKS
    output_name = "{unit}_bao-cao-{period}"

    def applies_to(self, plan: Plan) -> bool:
        return plan.report_form is ReportForm.PLAN_RESULT

    def context(self, plan: Plan, period: ReportPeriod | None, info: DocumentInfo) -> dict:
        assert period is not None  # a periodic kind is built only for a period
        return report_context(plan, info, period, task_states(plan.tasks, plan.results, period))

    def warnings(self, plan: Plan, period: ReportPeriod | None) -> list[Problem]:
        assert period is not None
        return missing_result_warnings(task_states(plan.tasks, plan.results, period), period)

    def context_and_warnings(self, plan: Plan, period: ReportPeriod | None,
                             info: DocumentInfo) -> tuple[dict, list[Problem]]:
        assert period is not None
        states = task_states(plan.tasks, plan.results, period)
        return report_context(plan, info, period, states), missing_result_warnings(states, period)


def missing_result_warnings(states: list[TaskState], period: ReportPeriod) -> list[Problem]:
    """One line for every unfinished task with no row for the period; finished or stopped tasks need
    none, nor tasks not yet due (due after the period: nothing to report on them yet)."""
    missing = [s for s in states
               if s.carried_forward and not (s.is_done or s.is_stopped) and not not_yet_due(s, period)]
    if not missing:
        return []
    name = f"quý {roman(period.last_quarter)}"
    earlier = any(s.result is not None for s in missing)
    return [Problem(
        "Kết quả", "",
        f"{len(missing)} nhiệm vụ chưa có kết quả {name}: {', '.join(str(s.task.number) for s in missing)}",
        f"thêm dòng cho các nhiệm vụ này (cột Quý: {roman(period.last_quarter)}) ở trang Kết quả; chưa thêm thì "
        + ("báo cáo dùng tình trạng của lần báo cáo trước" if earlier else "báo cáo ghi là “Chưa thực hiện”"),
    )]


def not_yet_due(state: TaskState, period: ReportPeriod) -> bool:
    """Due (by the plan, or by the decision that moved it) after the period ends."""
    due = (state.new_deadline or state.task.deadline).due_date
    return due is not None and due > period.end


def period_phrase(period: ReportPeriod) -> str:
    """`trong quý I năm 2024`, `trong 6 tháng đầu năm 2026`, `trong năm 2026`: after a plan's citation
    (`… của UBND xã`), without `trong` the period ran into the issuer's name (`của UBND xã 6 tháng đầu
    năm 2026`), as the quarter's never did."""
    return f"trong {period.name}"


def states_by_quarter(plan: Plan, period: ReportPeriod, states: list[TaskState]) -> dict[int, list[TaskState]]:
    """Where every task stood at each quarter's cut-off up to the period's, each computed once.

    A period ends with its last quarter's cut-off, so its own states are that quarter's.
    """
    by_quarter = {number: task_states(plan.tasks, plan.results, quarter(period.year, number))
                  for number in range(1, period.last_quarter)}
    by_quarter[period.last_quarter] = states
    return by_quarter


def finished_by_quarter(by_quarter: dict[int, list[TaskState]]) -> dict[int, int]:
    """How many tasks were finished in each quarter: done at its cut-off and not at the one before."""
    finished: dict[int, int] = {}
    done_before: set[int] = set()
    for number in sorted(by_quarter):
        done = {s.task.number for s in by_quarter[number] if s.is_done}
        finished[number] = len(done - done_before)
        done_before = done
    return finished


def report_context(plan: Plan, info: DocumentInfo, period: ReportPeriod, states: list[TaskState]) -> dict:
    summary = info.summary or f"Kết quả thực hiện {plan_citation(plan)} {period_phrase(period)}"
    by_quarter = states_by_quarter(plan, period, states)
    figures = {number: TaskCounts.of(s) for number, s in by_quarter.items()}
    head, tail = report_body(plan, info, period, states, figures)
    return {
        **header_context(plan.agency, with_summary(info, summary)),
        "addressees": list(info.addressees),
        "addressee_lines": addressee_lines(info.addressees),
        "body": head + tail,
        "body_head": head,
        "progress": progress_rows(period, figures, finished_by_quarter(by_quarter)),
        "body_tail": tail,
        "recipients": recipient_lines(plan.report_recipients, info.addressees),
        "appendix_title": f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {period.name.upper()}",
        "appendix_reference": appendix_reference(plan.agency, info),
        "rows": report_rows(plan, period, states),
        "appendix_summary": appendix_summary(figures[period.last_quarter], period),
    }


# ------------------------------------------------------------------------------------------
# The appendix


def report_rows(plan: Plan, period: ReportPeriod, states: list[TaskState]) -> list[dict]:
    by_number = {s.task.number: s for s in states}
    before = previous_report(plan, period)
    return table.grouped_rows(plan, lambda task: report_row(by_number[task.number], period, before))


def previous_report(plan: Plan, period: ReportPeriod) -> ReportPeriod | None:
    """The report before this one, as the workbook has it: the year's report follows `9 tháng`, or the
    workbook's `quý III` in the CCHC cycle that `init` writes (both counted to 14/9: the same standing,
    under the name of the report the unit made)."""
    previous = period.previous
    if previous is None:
        return None
    info = plan.report_at_cutoff(previous)
    return info.period if info is not None and info.period is not None else previous


def report_row(state: TaskState, period: ReportPeriod, before: ReportPeriod | None = None) -> dict:
    task, result = state.task, state.result
    outcome = result.outcome if result else ""
    # An outcome or evidence given in an earlier quarter's row says which report gave it; the evidence
    # not when its outcome already names that report.
    outcome_from = state.outcome_quarter if outcome and state.outcome_quarter != period.last_quarter else None
    if outcome_from:
        outcome = f"{outcome}\n(theo báo cáo quý {roman(outcome_from)})"
    evidence = state.all_evidence if period.is_cumulative else (result.evidence if result else ())
    if evidence and not period.is_cumulative and state.evidence_quarter not in (None, period.last_quarter, outcome_from):
        evidence = (*evidence, f"(theo báo cáo quý {roman(state.evidence_quarter)})")
    previous = ""
    before = before or period.previous
    if state.status_changed and before is not None and state.previous_status is not None:
        previous = f"({upper_first(before.short_name)}: {lower_first(state.previous_status.value)})"
    return {
        "number": str(task.number),
        "criterion": task.criterion,
        "solution": task.solution,
        "lead": task.lead,
        "deadline": deadline_text(state),
        "status": state.status.value,
        "overdue": state.is_overdue,
        "previous": previous,
        "outcome": outcome,
        "evidence": "\n".join(evidence),
        "note": "\n".join(n for n in (task.note, result.note if result else "") if n),
    }


# ------------------------------------------------------------------------------------------
# The body


def on_time_and_late(fig: TaskCounts) -> str:
    """`(đúng hạn 7, quá hạn 5)`: how the finished tasks kept their deadlines."""
    return f"(đúng hạn {fig.on_time}, quá hạn {fig.late})"


def figure_lines(fig: TaskCounts, before: TaskCounts | None = None, before_name: str = "") -> list[str]:
    """The summary figures as a report (and the roll-up) words them; zero counts said plainly."""
    change = ""
    if before is not None:
        delta = fig.finished - before.finished
        change = (f", tăng {delta} nhiệm vụ so với {before_name}" if delta > 0
                  else f", giảm {-delta} nhiệm vụ so với {before_name}" if delta < 0
                  else f", không thay đổi so với {before_name}" if fig.finished else "")
    items = [f"- Hoàn thành: {fig.finished} nhiệm vụ {on_time_and_late(fig)}, "
             f"đạt {format_percent(fig.finished, fig.total)}{change}" if fig.finished
             else f"- Chưa có nhiệm vụ nào hoàn thành{change}"]
    if fig.in_progress:
        items.append(f"- Đang thực hiện: {fig.in_progress} nhiệm vụ, chiếm {format_percent(fig.in_progress, fig.total)}")
    if fig.not_started:
        items.append(f"- Chưa thực hiện: {fig.not_started} nhiệm vụ, chiếm {format_percent(fig.not_started, fig.total)}")
    items.append(f"- Quá hạn (đến hạn nhưng chưa hoàn thành): {fig.overdue_unfinished} nhiệm vụ, "
                 f"chiếm {format_percent(fig.overdue_unfinished, fig.total)}" if fig.overdue_unfinished
                 else "- " + upper_first(none_overdue(fig)))
    if fig.stopped:
        items.append(f"- Dừng thực hiện (không tính vào tổng số và tỷ lệ): {fig.stopped} nhiệm vụ")
    return [line + (";" if i < len(items) - 1 else ".") for i, line in enumerate(items)]


def report_body(plan: Plan, info: DocumentInfo, period: ReportPeriod, states: list[TaskState],
                figures: dict[int, TaskCounts]) -> tuple[list, list]:
    """The body in two parts: up to the general figures, and the rest (a cumulative report puts its
    table of quarters between them)."""
    dp = period.data_period
    head = [
        paragraph("body", f"Thực hiện {plan_citation(plan)}"
                  + (f" về {lower_first(plan.plan_document.summary or '')}" if plan.plan_document.number else "")
                  + f", {plan.agency.short_name} báo cáo kết quả thực hiện {period.name} như sau:"),
        paragraph("note", f"(Thời gian lấy số liệu: từ ngày {format_short_date(dp.start)} "
                          f"đến ngày {format_short_date(dp.end)})"),
        paragraph("section", "I. KẾT QUẢ THỰC HIỆN"),
        *general_results(period, figures, previous_report(plan, period)),
    ]
    tail = results_in_detail(plan, period, states)
    sections = []
    evaluation = [(title, text) for title, text in (("Tồn tại, hạn chế", info.shortcomings), ("Nguyên nhân", info.causes)) if text]
    if len(evaluation) == 2:
        sections.append(("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                         [item for i, (title, text) in enumerate(evaluation, 1)
                          for item in [paragraph("clause", f"{i}. {title}"), *lines(text)]]))
    elif evaluation:
        sections.append((evaluation[0][0].upper(), lines(evaluation[0][1])))
    if info.next_tasks:
        sections.append((period.next_tasks_title(), lines(info.next_tasks)))
    if info.proposals:
        sections.append(("ĐỀ XUẤT, KIẾN NGHỊ", lines(info.proposals)))
    for n, (title, items) in enumerate(sections, 2):
        tail.append(paragraph("section", f"{roman(n)}. {title}"))
        tail.extend(items)
    tail.append(paragraph("body", f"Trên đây là báo cáo kết quả thực hiện {plan_citation(plan)} "
                                  f"{period_phrase(period)}./."))
    return head, tail


def general_results(period: ReportPeriod, figures: dict[int, TaskCounts], previous: ReportPeriod | None) -> list[dict]:
    fig = figures[period.last_quarter]
    before = figures[previous.last_quarter] if previous else None
    items = [
        paragraph("clause", "1. Kết quả chung"),
        paragraph("body", f"Kế hoạch có {fig.total} nhiệm vụ{stopped_aside(fig)}. "
                          f"Tính đến ngày {format_short_date(period.cutoff)} (kỳ báo cáo {period.name}):"),
        *(paragraph("body", line) for line in figure_lines(fig, before, previous.name if previous else "")),
    ]
    if period.is_cumulative:
        items.append(paragraph("body", "Tiến độ thực hiện lũy kế đến hết từng quý (tình trạng tại ngày chốt số liệu "
                                       "của quý) và số nhiệm vụ hoàn thành trong từng quý như sau:"))
    return items


def progress_rows(period: ReportPeriod, figures: dict[int, TaskCounts], finished: dict[int, int]) -> list[dict]:
    """For a cumulative report: each quarter's standing at its cut-off (lũy kế) with the tasks finished
    within it, then the period's own (the last quarter and the period share one cut-off)."""
    if not period.is_cumulative:
        return []
    rows = [{**figures_row(figures[number], f"Lũy kế đến quý {roman(number)}"), "finished": str(finished[number])}
            for number in range(1, period.last_quarter + 1)]
    whole = {**figures_row(figures[period.last_quarter], f"Cả {period.short_name}"), "finished": str(sum(finished.values()))}
    return [*rows, whole]


def figures_row(fig: TaskCounts, label: str = "") -> dict:
    """A row of figures as the tables print them (progress table, roll-up)."""
    return {"period": label, "total": str(fig.total), "done": str(fig.finished), "in_progress": str(fig.in_progress),
            "not_started": str(fig.not_started), "overdue": str(fig.overdue_unfinished),
            "completion": format_percent(fig.finished, fig.total)}


def none_overdue(fig: TaskCounts) -> str:
    """No task overdue and unfinished, said so that it does not contradict the tasks finished late beside
    it (`trong đó đúng hạn 4, quá hạn 1; không có nhiệm vụ quá hạn` read as nonsense)."""
    return "không còn nhiệm vụ quá hạn chưa hoàn thành" if fig.late else "không có nhiệm vụ quá hạn"


def stopped_aside(fig: TaskCounts) -> str:
    return f" (không tính {fig.stopped} nhiệm vụ dừng thực hiện)" if fig.stopped else ""


def appendix_summary(fig: TaskCounts, period: ReportPeriod) -> str:
    """The appendix's closing line: the same counts as the body, a zero said in words as the body says it."""
    text = (f"Tính đến ngày {format_short_date(period.cutoff)}: hoàn thành {fig.finished}/{fig.total} nhiệm vụ"
            + (f" {on_time_and_late(fig)}" if fig.finished else "") + "; "
            + (f"quá hạn chưa hoàn thành {fig.overdue_unfinished} nhiệm vụ" if fig.overdue_unfinished
               else none_overdue(fig)))
    if fig.stopped:
        text += f"; dừng thực hiện {fig.stopped} nhiệm vụ (không tính vào tổng số)"
    return text + "."


def deadline_text(state: TaskState) -> str:
    """The plan's deadline, and the new one when a decision moved it (`Điều chỉnh`): both are printed."""
    if state.new_deadline is None:
        return state.task.deadline.label
    return f"{state.task.deadline.label}\n(điều chỉnh: {state.new_deadline.label})"


def finished_in_period(state: TaskState, period: ReportPeriod) -> bool:
    """Done at the cut-off, and not yet done at the previous report (any done task, for the year)."""
    return state.is_done and (period.is_cumulative or state.previous_status is not Status.DONE)


def results_in_detail(plan: Plan, period: ReportPeriod, states: list[TaskState]) -> list[dict]:
    """Per field (or for the whole plan): tasks finished in the period; then overdue and due tasks."""
    items: list[dict] = []
    number = 2
    by_number = {s.task.number: s for s in states}
    finished_title = "Nhiệm vụ đã hoàn thành" if period.is_cumulative else "Nhiệm vụ hoàn thành trong kỳ"
    groups = table.field_groups(plan)
    if len(groups) == 1 and not groups[0].name:
        finished = [s for s in states if finished_in_period(s, period)]
        if finished:
            items.append(paragraph("clause", f"{number}. {finished_title}"))
            items.extend(paragraph("body", finished_line(s, period)) for s in finished)
            number += 1
    else:
        for group in groups:
            group_states = [by_number[t.number] for t in group.tasks]
            fig = TaskCounts.of(group_states)
            items.append(paragraph("clause", f"{number}. {group.name}"))
            items.append(paragraph("body", field_figures_line(fig)))
            items.extend(paragraph("body", finished_line(s, period))
                         for s in group_states if finished_in_period(s, period))
            number += 1
    overdue = [s for s in states if s.is_overdue]
    if overdue:
        items.append(paragraph("clause", f"{number}. Nhiệm vụ quá hạn"))
        items.extend(paragraph("body", task_line(s)) for s in overdue)
        number += 1
    stopped = [s for s in states if s.is_stopped]
    if stopped:
        items.append(paragraph("clause", f"{number}. Nhiệm vụ dừng thực hiện"))
        items.append(paragraph("note", "(Không tính vào tổng số nhiệm vụ và tỷ lệ hoàn thành)"))
        items.extend(paragraph("body", stopped_line(s)) for s in stopped)
        number += 1
    due_soon = [s for s in states if s.is_due_soon]
    if due_soon:
        items.append(paragraph("clause", f"{number}. Nhiệm vụ đến hạn trong {period.short_name if not period.is_cumulative else 'quý ' + roman(period.last_quarter)}"))
        items.append(paragraph("note", f"(Đến hạn sau ngày chốt số liệu {format_short_date(period.cutoff)}, "
                                       "chưa tính là quá hạn)"))
        items.extend(paragraph("body", task_line(s)) for s in due_soon)
        number += 1
    items.append(paragraph("clause", f"{number}. Kết quả thực hiện từng nhiệm vụ"))
    items.append(paragraph("body", "Chi tiết tại Phụ lục kèm theo Báo cáo này."))
    return items


def field_figures_line(fig: TaskCounts) -> str:
    if not fig.total:  # every task of the field stopped: no «Có 0 nhiệm vụ …» of zeros
        return (f"Có {fig.stopped} nhiệm vụ đã dừng thực hiện (không tính vào tổng số nhiệm vụ và tỷ lệ hoàn thành)."
                if fig.stopped else "Không có nhiệm vụ nào.")
    parts = [f"hoàn thành {fig.finished} {on_time_and_late(fig)}" if fig.finished else "chưa hoàn thành nhiệm vụ nào"]
    if fig.in_progress:
        parts.append(f"đang thực hiện {fig.in_progress}")
    if fig.not_started:
        parts.append(f"chưa thực hiện {fig.not_started}")
    overdue = f"quá hạn {fig.overdue_unfinished}" if fig.overdue_unfinished else none_overdue(fig)
    return f"Có {fig.total} nhiệm vụ{stopped_aside(fig)}: {', '.join(parts)}; {overdue}."


def task_label(state: TaskState) -> str:
    task = state.task
    return f"Nhiệm vụ {task.number} ({'tiêu chí ' + task.criterion_code if task.criterion_code else task.criterion})"


def finished_line(state: TaskState, period: ReportPeriod) -> str:
    """`- Hoàn thành nhiệm vụ 4 (tiêu chí 3.5): …; hồ sơ kiểm chứng: …`: the news of the report."""
    result = state.result
    text = f"- Hoàn thành {lower_first(task_label(state))}: {state.task.solution.rstrip('.;')}"
    if result and result.outcome:
        text += f". Kết quả: {result.outcome.rstrip('.;')}"
    evidence = state.all_evidence if period.is_cumulative else (result.evidence if result else ())
    if evidence:
        text += f". Hồ sơ kiểm chứng: {'; '.join(evidence)}"
    return text + "."


def task_line(state: TaskState) -> str:
    return (f"- {task_label(state)}: {state.task.solution.rstrip('.;')}; thời hạn: {state.deadline.label}; "
            f"tình trạng: {lower_first(state.status.value)}.")


def stopped_line(state: TaskState) -> str:
    """A dropped task with the decision its `Ghi chú` names."""
    note = state.result.note.rstrip(".;") if state.result else ""
    return f"- {task_label(state)}: {state.task.solution.rstrip('.;')}" + (f" ({note})" if note else "") + "."
