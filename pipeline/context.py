"""Models -> what each template sees. Pure: no files, no rendering.

Each document to make becomes a `DocumentJob`: the template to use, an ASCII file name, the
context dict (plain strings, lists and dicts, already worded in Vietnamese), and the file's
properties. Wording that the official format fixes (recipient punctuation, date lines, numbering
of report sections) is decided here, once, so every template gets it right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from .errors import NothingToDo, Problem
from .layout import CELL_PADDING, HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH, SIZES, TEXT_WIDTH, Rule, text_width
from .models import Agency, BodyParagraph, DocumentInfo, DocumentKind, Plan, Recipients
from .periods import QuarterFigures, data_period, task_states
from .vietnamese import (
    agency_in_sentence,
    ascii_slug,
    format_date_line,
    format_long_date,
    format_number_symbol,
    format_percent,
    format_short_date,
    lower_first,
    quarter_name,
    roman,
)

PLAN_TEMPLATE = "ke-hoach.docx"
APPENDIX_TEMPLATE = "phu-luc.docx"
REPORT_TEMPLATE = "bao-cao-quy.docx"

MOTTO = "Độc lập - Tự do - Hạnh phúc"
_COLLECTIVE_PREFIXES = ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")
_SHORT_HEADING = 80


@dataclass(frozen=True)
class DocumentProperties:
    """What goes into the file's core properties (File > Info in Word)."""

    title: str
    subject: str
    author: str
    created: datetime


@dataclass(frozen=True)
class DocumentJob:
    """One document to render: template file name, output file name (no extension), context."""

    template: str
    name: str
    context: dict
    properties: DocumentProperties


# ------------------------------------------------------------------------------------------
# Choosing what to make


def choose_quarter(plan: Plan, requested: int | None) -> int | None:
    """The quarter to report on: the one asked for, else the latest with results (None if none)."""
    if requested is not None:
        if requested not in plan.reports:
            raise NothingToDo(
                f"sổ không có dòng “Báo cáo quý {roman(requested)}” ở trang Văn bản",
                f"thêm dòng “Báo cáo quý {roman(requested)}” (người ký, nơi nhận…) rồi chạy lại",
            )
        return requested
    quarters = plan.quarters_with_results()
    return quarters[-1] if quarters else None


def agency_slug(agency: Agency) -> str:
    """`ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH` -> `xa-hai-dinh`: an ASCII folder and file-name part."""
    name = " ".join(agency.name.split())
    for prefix in _COLLECTIVE_PREFIXES:
        if name.upper().startswith(prefix + " "):
            name = name[len(prefix):]
            break
    return ascii_slug(name) or "van-ban"


def document_jobs(plan: Plan, quarter: int | None) -> tuple[list[DocumentJob], list[Problem]]:
    """The plan, its appendix and (when `quarter` has a report row) the quarter's report."""
    slug = agency_slug(plan.agency)
    plan_ctx = plan_context(plan)
    jobs = [
        DocumentJob(PLAN_TEMPLATE, f"{slug}_ke-hoach-{plan.year}", plan_ctx, document_properties(plan.agency, plan.plan_document, "Kế hoạch")),
        DocumentJob(
            APPENDIX_TEMPLATE,
            f"{slug}_phu-luc-ke-hoach-{plan.year}",
            appendix_context(plan),
            document_properties(plan.agency, plan.plan_document, "Phụ lục Kế hoạch"),
        ),
    ]
    warnings: list[Problem] = []
    if quarter is not None and quarter in plan.reports:
        ctx, warnings = report_context(plan, quarter)
        jobs.append(
            DocumentJob(
                REPORT_TEMPLATE,
                f"{slug}_bao-cao-quy-{quarter}-{plan.year}",
                ctx,
                document_properties(plan.agency, plan.reports[quarter], "Báo cáo"),
            )
        )
    elif quarter is not None:
        warnings.append(
            Problem("Văn bản", "", f"không có dòng “Báo cáo quý {roman(quarter)}” nên chưa lập báo cáo quý này",
                    f"thêm dòng “Báo cáo quý {roman(quarter)}” nếu cần báo cáo")
        )
    return jobs, warnings


# ------------------------------------------------------------------------------------------
# Parts every document shares


def header_context(agency: Agency, info: DocumentInfo) -> dict:
    issuer_lines = issuer_name_lines(agency.name)
    widest = max(text_width(line, SIZES["issuer"], bold=True) for line in issuer_lines)
    motto_width = text_width(MOTTO, SIZES["motto"], bold=True)
    summary = info.summary or ""
    summary_width = min(text_width(summary, SIZES["summary"], bold=True), TEXT_WIDTH)
    return {
        "managing_body": (agency.managing_body or "").upper(),
        "issuer_lines": issuer_lines,
        "issuer_rule": Rule(round(widest * 0.4), HEADER_LEFT_WIDTH - CELL_PADDING),
        "number_symbol": format_number_symbol(info.number, info.kind.type_code, agency.symbol),
        "motto_rule": Rule(motto_width, HEADER_RIGHT_WIDTH - CELL_PADDING),
        "date_line": format_date_line(agency.place, info.issue_date),
        "summary": summary,
        "summary_rule": Rule(round(max(summary_width, 2000) * 0.4), TEXT_WIDTH, space_after=360),
        "signer": {
            "authority": [line.upper() for line in info.signer.authority],
            "title": info.signer.title.upper(),
            "name": info.signer.name,
        },
    }


def issuer_name_lines(name: str) -> list[str]:
    """The issuing body in capitals, broken where typed, else after the body type, else to fit."""
    if "\n" in name:
        return [line.upper() for line in name.split("\n") if line.strip()]
    name = " ".join(name.split()).upper()
    for prefix in _COLLECTIVE_PREFIXES:
        if name.startswith(prefix + " "):
            return [prefix, *wrap(name[len(prefix):].strip())]
    return wrap(name)


def wrap(text: str) -> list[str]:
    """Greedy word wrap to the header's left column at the issuer's size."""
    room = HEADER_LEFT_WIDTH - CELL_PADDING
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, SIZES["issuer"], bold=True) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [text]


def recipient_lines(recipients: Recipients, with_addressees: bool = False) -> list[str]:
    """`- UBND huyện (b/c);` … `- Lưu: VT.`; `- Như trên;` first when the report has a Kính gửi."""
    names = (["Như trên"] if with_addressees else []) + list(recipients.names)
    return [f"- {name};" for name in names] + [f"- {recipients.archive.rstrip('.')}."]


def addressee_lines(addressees: tuple[str, ...]) -> list[str]:
    """Several addressees: one per line, `- …;`, the last ending with a full stop."""
    return [f"- {a}{'.' if i == len(addressees) - 1 else ';'}" for i, a in enumerate(addressees)]


def appendix_reference(plan: Plan, info: DocumentInfo) -> str:
    """`(Kèm theo Kế hoạch số 25/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân xã Hải Định)`."""
    number = format_number_symbol(info.number, info.kind.type_code, plan.agency.symbol)
    return (
        f"(Kèm theo {info.kind.value} số {number} {format_long_date(info.issue_date)} "
        f"của {agency_in_sentence(plan.agency.name)})"
    )


def document_properties(agency: Agency, info: DocumentInfo, kind: str) -> DocumentProperties:
    d = info.issue_date
    return DocumentProperties(
        title=f"{kind} {info.summary or ''}".strip(),
        subject=info.summary or kind,
        author=agency_in_sentence(agency.name),
        created=datetime(d.year, d.month or 1, d.day or 1, 8, 0, 0),
    )


# ------------------------------------------------------------------------------------------
# The plan and its appendix


def plan_context(plan: Plan) -> dict:
    info = plan.plan_document
    return {
        **header_context(plan.agency, info),
        "body": body_paragraphs(plan.body),
        "recipients": recipient_lines(plan.plan_recipients),
        "appendix_reference": appendix_reference(plan, info),
        "rows": task_rows(plan),
    }


def appendix_context(plan: Plan) -> dict:
    return {
        "appendix_reference": appendix_reference(plan, plan.plan_document),
        "rows": task_rows(plan),
    }


def task_rows(plan: Plan) -> list[dict]:
    return [
        {
            "number": str(t.number),
            "criterion": t.criterion,
            "solution": t.solution,
            "lead": t.lead,
            "partners": t.partners,
            "deadline": t.deadline.text,
            "note": t.note,
        }
        for t in plan.tasks
    ]


def body_paragraphs(paragraphs: tuple[BodyParagraph, ...]) -> list[dict]:
    """Each row of `Nội dung` as {kind, text}; the body always ends with `./.`."""
    items = [body_paragraph(p.marker, p.text) for p in paragraphs]
    if items:
        items[-1]["text"] = end_with_closing_mark(items[-1]["text"])
    return items


def body_paragraph(marker: str, text: str) -> dict:
    """`I.` -> section (capitals, bold); `1.` + short title -> clause (bold); `(…)` -> note (italic)."""
    marker = marker.strip()
    if re.fullmatch(r"[IVXLC]+\.?", marker):
        return {"kind": "section", "text": f"{marker.rstrip('.')}. {text.upper()}"}
    if re.fullmatch(r"\d+(\.\d+)*\.?", marker):
        numbered = f"{marker.rstrip('.')}. {text}"
        short = len(text) <= _SHORT_HEADING and "\n" not in text and not text.endswith((".", ";", ":"))
        return {"kind": "clause" if short else "body", "text": numbered}
    if marker:
        return {"kind": "body", "text": f"{marker} {text}"}
    if text.startswith("(") and text.endswith(")"):
        return {"kind": "note", "text": text}
    return {"kind": "body", "text": text}


def end_with_closing_mark(text: str) -> str:
    if text.endswith("./."):
        return text
    return text.rstrip(" .;:,") + "./."


# ------------------------------------------------------------------------------------------
# The quarterly report


def plan_citation(plan: Plan) -> str:
    """How a report names its plan: by number and date when it has them, else by its summary."""
    info = plan.plan_document
    if info.number:
        number = format_number_symbol(info.number, "KH", plan.agency.symbol)
        return f"Kế hoạch số {number} ngày {format_short_date(info.issue_date)} của {plan.agency.short_name}"
    return f"Kế hoạch {lower_first(info.summary or '')} của {plan.agency.short_name}".replace("  ", " ")


def report_context(plan: Plan, quarter: int) -> tuple[dict, list[Problem]]:
    info = plan.reports[quarter]
    states = task_states(plan.tasks, plan.results, plan.year, quarter)
    period = quarter_name(quarter, plan.year)
    summary = info.summary or f"Kết quả thực hiện {plan_citation(plan)} trong {period}"
    warnings = [
        Problem(
            "Kết quả",
            "",
            f"nhiệm vụ {s.task.number} chưa có kết quả {quarter_name(quarter)}; "
            + (f"dùng tình trạng {quarter_name(s.result.quarter)}" if s.result else "coi là chưa thực hiện"),
            f"thêm dòng TT {s.task.number}, Quý {roman(quarter)} ở trang Kết quả",
        )
        for s in states
        if s.carried_forward
    ]
    ctx = {
        **header_context(plan.agency, _with_summary(info, summary)),
        "addressees": list(info.addressees),
        "addressee_lines": addressee_lines(info.addressees),
        "body": report_body(plan, info, quarter, states),
        "recipients": recipient_lines(plan.report_recipients, with_addressees=bool(info.addressees)),
        "appendix_title": f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {period.upper()}",
        "appendix_reference": appendix_reference(plan, info),
        "rows": [report_row(s, quarter) for s in states],
    }
    return ctx, warnings


def _with_summary(info: DocumentInfo, summary: str) -> DocumentInfo:
    return replace(info, summary=summary)


def report_row(state, quarter: int) -> dict:
    task, result = state.task, state.result
    outcome = result.outcome if result else ""
    if result and state.carried_forward and outcome:
        outcome = f"{outcome}\n(theo báo cáo {quarter_name(result.quarter)})"
    return {
        "number": str(task.number),
        "criterion": task.criterion,
        "solution": task.solution,
        "lead": task.lead,
        "deadline": task.deadline.text,
        "status": state.status.value,
        "overdue": state.is_overdue,
        "outcome": outcome,
        "evidence": "\n".join(result.evidence) if result else "",
    }


def report_body(plan: Plan, info: DocumentInfo, quarter: int, states) -> list[dict]:
    period = quarter_name(quarter, plan.year)
    dp = data_period(plan.year, quarter)
    fig = QuarterFigures.of(states)
    body = [
        _p("body", f"Thực hiện {plan_citation(plan)}"
                   + (f" về {lower_first(plan.plan_document.summary)}" if plan.plan_document.number else "")
                   + f", {plan.agency.short_name} báo cáo kết quả thực hiện {period} như sau:"),
        _p("note", f"(Thời gian lấy số liệu: từ ngày {format_short_date(dp.start)} "
                   f"đến ngày {format_short_date(dp.end)})"),
    ]
    sections = [("KẾT QUẢ THỰC HIỆN", _results_section(fig, states, period))]
    evaluation = [(title, text) for title, text in (("Tồn tại, hạn chế", info.shortcomings), ("Nguyên nhân", info.causes)) if text]
    if len(evaluation) == 2:
        sections.append(("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                         [item for i, (title, text) in enumerate(evaluation, 1)
                          for item in [_p("clause", f"{i}. {title}"), *_lines(text)]]))
    elif evaluation:
        sections.append((evaluation[0][0].upper(), _lines(evaluation[0][1])))
    if info.next_tasks:
        nq, ny = (quarter + 1, plan.year) if quarter < 4 else (1, plan.year + 1)
        sections.append((f"NHIỆM VỤ {quarter_name(nq, ny).upper()}", _lines(info.next_tasks)))
    if info.proposals:
        sections.append(("ĐỀ XUẤT, KIẾN NGHỊ", _lines(info.proposals)))
    for n, (title, items) in enumerate(sections, 1):
        body.append(_p("section", f"{roman(n)}. {title}"))
        body.extend(items)
    body.append(_p("body", f"Trên đây là báo cáo kết quả thực hiện {plan_citation(plan)} trong {period}./."))
    return body


def figure_lines(fig: QuarterFigures) -> list[str]:
    """The summary figures as the report (and the roll-up) words them."""
    return [
        f"- Hoàn thành: {fig.done} nhiệm vụ, đạt {format_percent(fig.done, fig.total)};",
        f"- Đang thực hiện: {fig.in_progress} nhiệm vụ, chiếm {format_percent(fig.in_progress, fig.total)};",
        f"- Chưa thực hiện: {fig.not_started} nhiệm vụ, chiếm {format_percent(fig.not_started, fig.total)};",
        f"- Quá hạn (đến hạn nhưng chưa hoàn thành): {fig.overdue} nhiệm vụ, "
        f"chiếm {format_percent(fig.overdue, fig.total)}.",
    ]


def _results_section(fig: QuarterFigures, states, period: str) -> list[dict]:
    items = [
        _p("clause", "1. Kết quả chung"),
        _p("body", f"Kế hoạch có {fig.total} nhiệm vụ. Tính đến kỳ báo cáo {period}:"),
        *(_p("body", line) for line in figure_lines(fig)),
    ]
    overdue = [s for s in states if s.is_overdue]
    if overdue:
        items.append(_p("clause", "2. Nhiệm vụ quá hạn"))
        for s in overdue:
            items.append(_p("body", f"- Nhiệm vụ {s.task.number} ({s.task.criterion_code and 'tiêu chí ' + s.task.criterion_code or s.task.criterion}): "
                                    f"{s.task.solution}; thời hạn: {s.task.deadline.text}; tình trạng: {lower_first(s.status.value)}."))
    items.append(_p("clause", f"{len(overdue) and 3 or 2}. Kết quả thực hiện từng nhiệm vụ"))
    items.append(_p("body", "Chi tiết tại Phụ lục kèm theo Báo cáo này."))
    return items


def _lines(text: str) -> list[dict]:
    return [body_paragraph("", line) for line in text.split("\n") if line.strip()]


def _p(kind: str, text: str) -> dict:
    return {"kind": kind, "text": text}


# ------------------------------------------------------------------------------------------
# The roll-up across communes (tổng hợp)

ROLLUP_TEMPLATE = "tong-hop.docx"


def rollup_job(rollup, agency: Agency, info: DocumentInfo, recipients: Recipients) -> DocumentJob:
    """The district's (or province's) report on the quarter across its communes."""
    period = quarter_name(rollup.quarter, rollup.year)
    summary = info.summary or f"Tổng hợp kết quả thực hiện kế hoạch của các xã {period}"
    info = _with_summary(info, summary)
    dp = data_period(rollup.year, rollup.quarter)
    totals = rollup.totals
    n = len(rollup.communes)
    overdue_count = sum(len(c.overdue) for c in rollup.communes)
    overdue_communes = sum(1 for c in rollup.communes if c.overdue)
    intro = [
        _p("body", f"Trên cơ sở báo cáo của {n} xã, {agency_in_sentence(agency.name)} tổng hợp kết quả "
                   f"thực hiện kế hoạch {period} như sau:"),
        _p("note", f"(Thời gian lấy số liệu: từ ngày {format_short_date(dp.start)} đến ngày {format_short_date(dp.end)})"),
        *([_p("note", f"(Chưa tổng hợp được {len(rollup.failed)} sổ do có lỗi: "
                      + ", ".join(path.name for path, _ in rollup.failed)
                      + "; chi tiết ở trang “Sổ lỗi” của sổ Excel tổng hợp)")] if rollup.failed else []),
        _p("section", "I. KẾT QUẢ CHUNG"),
        _p("body", f"Tổng số nhiệm vụ trong kế hoạch của {n} xã: {totals.total} nhiệm vụ. Tính đến kỳ báo cáo {period}:"),
        *(_p("body", line) for line in figure_lines(totals)),
        _p("section", "II. KẾT QUẢ CỦA TỪNG XÃ"),
        _p("note", "(Xếp theo tỷ lệ hoàn thành, từ cao xuống thấp)"),
    ]
    middle = [
        _p("section", "III. NHIỆM VỤ QUÁ HẠN"),
        _p("body", f"Có {overdue_count} nhiệm vụ quá hạn ở {overdue_communes} xã:" if overdue_count
                   else f"Tính đến kỳ báo cáo {period}, không có nhiệm vụ nào quá hạn."),
    ]
    closing = [_p("body", f"Trên đây là báo cáo tổng hợp kết quả thực hiện kế hoạch của các xã {period}./.")]
    ctx = {
        **header_context(agency, info),
        "addressees": list(info.addressees),
        "addressee_lines": addressee_lines(info.addressees),
        "intro": intro,
        "communes": [
            {"number": str(i), "name": c.short_name, "total": str(c.figures.total), "done": str(c.figures.done),
             "in_progress": str(c.figures.in_progress), "not_started": str(c.figures.not_started),
             "overdue": str(c.figures.overdue), "completion": format_percent(c.figures.done, c.figures.total)}
            for i, c in enumerate(rollup.communes, 1)
        ],
        "totals": {"total": str(totals.total), "done": str(totals.done), "in_progress": str(totals.in_progress),
                   "not_started": str(totals.not_started), "overdue": str(totals.overdue),
                   "completion": format_percent(totals.done, totals.total)},
        "middle": middle,
        "overdue_rows": [
            {"number": str(i), "commune": c.short_name, "task": f"{t.number}. {t.solution}",
             "deadline": t.deadline, "status": t.status}
            for i, (c, t) in enumerate(((c, t) for c in rollup.communes for t in c.overdue), 1)
        ],
        "closing": closing,
        "recipients": recipient_lines(recipients, with_addressees=bool(info.addressees)),
    }
    name = f"{agency_slug(agency)}_tong-hop-quy-{rollup.quarter}-{rollup.year}"
    return DocumentJob(ROLLUP_TEMPLATE, name, ctx, document_properties(agency, info, "Báo cáo"))
