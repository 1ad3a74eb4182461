"""The registry of document kinds: the one place a kind of document is declared.

A kind is a class with `@register`: the `Văn bản` labels it answers to, the report periods it is
made for, its template, its output name and how it builds its context. The workbook reader, the
run of one workbook, the batch, the roll-up, the CLI and `tools/build_templates.py` all loop over
`REGISTRY`, so a new kind is one module, one template and one import line in `documents/__init__.py`.

    @register
    class UrgentReport(DocumentKind):
        \"\"\"Báo cáo đột xuất.\"\"\"
        labels = ("Báo cáo đột xuất",)
        template = "bao-cao-dot-xuat.docx"
        output_name = "{unit}_bao-cao-dot-xuat-{year}"
        title = "Báo cáo"

        def context(self, plan, period, info): ...
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ..domain.period import PeriodKind, ReportPeriod, all_periods
from ..domain.plan import Agency, DocumentInfo, DocumentType, Plan, Recipients
from ..errors import Problem
from ..vietnamese import roman
from .columns import TaskTable
from .common import DocumentJob, agency_slug, document_properties, with_summary

ALL_PERIOD_KINDS = tuple(PeriodKind)


@dataclass(frozen=True)
class RowLabel:
    """A `Văn bản` label a workbook may use, with what a row under it describes."""

    label: str
    """The standard form: `Kế hoạch`, `Báo cáo quý II`, `Báo cáo 6 tháng`."""
    document_type: DocumentType
    period: ReportPeriod | None
    summary_required: bool


class DocumentKind:
    """One kind of document a run can make. Subclasses set the class attributes and `context`."""

    labels: ClassVar[tuple[str, ...]] = ()
    """The `Văn bản` labels it answers to; the first is the standard one. `{period}` stands for a
    period's short name (`quý II`, `6 tháng`, `năm`) and makes the kind periodic."""
    periods: ClassVar[tuple[PeriodKind, ...]] = ALL_PERIOD_KINDS
    """The report periods a periodic kind is made for."""
    document_type: ClassVar[DocumentType] = DocumentType.REPORT
    template: ClassVar[str]
    output_name: ClassVar[str]
    """The file name without extension: `{unit}` (ASCII agency), `{year}`, `{period}` (`quy-2-2026`)."""
    title: ClassVar[str] = "Báo cáo"
    """The file's Title property names the kind (`Kế hoạch`, `Phụ lục Kế hoạch`)."""
    summary_required: ClassVar[bool] = False
    """Whether its `Văn bản` row must give a `Trích yếu`."""
    row_required: ClassVar[bool] = False
    """Whether every workbook must have its `Văn bản` row (the plan's)."""
    from_many_plans: ClassVar[bool] = False
    """Made from many units' plans (the roll-up), not in a unit's run."""
    task_table: ClassVar[TaskTable | None] = None
    """The appendix table of the context's `rows`, its columns sized from them."""

    # ----- what it is

    @property
    def periodic(self) -> bool:
        return any("{period}" in label for label in self.labels)

    def applies_to(self, plan: Plan) -> bool:
        """Whether a unit's run makes this kind for the plan (e.g. its `Mẫu báo cáo`)."""
        return True

    def row_label(self, period: ReportPeriod | None) -> str:
        """The standard label of the `Văn bản` row this document is made from."""
        label = self.labels[0]
        return label.format(period=period.short_name) if self.periodic and period else label

    def row_labels(self, year: int) -> list[RowLabel]:
        """Every `Văn bản` label the kind answers to in a plan's year, aliases after the standard one."""
        found = []
        for label in self.labels:
            if "{period}" not in label:
                found.append(RowLabel(label, self.document_type, None, self.summary_required))
                continue
            for period in all_periods(year):
                if period.kind in self.periods:
                    found.append(RowLabel(label.format(period=period.short_name), self.document_type, period,
                                          self.summary_required))
        return found

    # ----- building

    def row(self, plan: Plan, period: ReportPeriod | None) -> DocumentInfo | None:
        return plan.documents.get(self.row_label(period))

    def file_name(self, plan: Plan, period: ReportPeriod | None) -> str:
        return self.output_name.format(unit=agency_slug(plan.agency), year=plan.year,
                                       period=period.file_suffix if period else plan.year)

    def build(self, plan: Plan, period: ReportPeriod | None) -> tuple[DocumentJob | None, list[Problem]]:
        """The document for the plan and period, or None (with why) when the workbook does not ask for it."""
        if self.periodic and period is None:
            return None, []
        info = self.row(plan, period)
        if info is None:
            return None, self.missing_row(period, plan)
        context, warnings = self.context_and_warnings(plan, period, info)
        widths, breaks = {}, {}
        if self.task_table:
            table, rows = self.task_table, context["rows"]
            widths[table.caption], breaks[table.caption] = table.layout(rows)
        job = DocumentJob(self.template, self.file_name(plan, period), context,
                          document_properties(plan.agency, _as_printed(info, context), self.title), widths, breaks)
        return job, warnings

    def context_and_warnings(self, plan: Plan, period: ReportPeriod | None,
                             info: DocumentInfo) -> tuple[dict, list[Problem]]:
        """`context` and `warnings` at once: a kind whose two share work (task states) does it once here."""
        return self.context(plan, period, info), self.warnings(plan, period)

    def context(self, plan: Plan, period: ReportPeriod | None, info: DocumentInfo) -> dict:
        """What the template sees: plain strings, lists and dicts, worded in Vietnamese."""
        raise NotImplementedError

    def warnings(self, plan: Plan, period: ReportPeriod | None) -> list[Problem]:
        return []

    def missing_row(self, period: ReportPeriod | None, plan: Plan | None = None) -> list[Problem]:
        label = self.row_label(period)
        what = f"báo cáo {period.short_name}" if period else label[:1].lower() + label[1:]
        hint = f"thêm dòng “{label}” (người ký, nơi nhận…) ở trang Văn bản nếu cần " + ("báo cáo" if period else "văn bản này")
        found = ""
        if period is not None and plan is not None:
            found, other = self._what_else(plan, period)
            hint += other
        return [Problem("Văn bản", "", f"không có dòng “{label}” nên chưa lập {what}{found}", hint)]

    def _what_else(self, plan: Plan, period: ReportPeriod) -> tuple[str, str]:
        """Why the run came to `period` (the tasks with results of its quarter), and the earlier report the
        workbook has a row for: a trial's one result typed under `II` turned a quý I run into plan and
        appendix alone, with nothing said of the quý I report."""
        tasks = {r.task_number for r in plan.results if r.quarter == period.last_quarter}
        found = f" (trang Kết quả có kết quả quý {roman(period.last_quarter)} của {len(tasks)} nhiệm vụ)" if tasks else ""
        earlier = [p for p in reversed(all_periods(plan.year)) if p.last_quarter < period.last_quarter
                   and self.row(plan, p) is not None]
        if not earlier:
            return found, ""
        return found, (f"; nếu là gõ nhầm quý, sửa cột Quý ở trang Kết quả; báo cáo {earlier[0].short_name} vẫn "
                       f"tạo được bằng --ky {earlier[0].key}")


class ManyPlansKind(DocumentKind):
    """A kind made from many units' plans for an upper level (the roll-up), not in a unit's run."""

    from_many_plans = True

    def build_rollup(self, rollup: Any, agency: Agency, info: DocumentInfo, recipients: Recipients) -> DocumentJob:
        """The document for a `pipeline.rollup.Rollup`, issued by `agency` under its `Văn bản` row `info`."""
        raise NotImplementedError


def _as_printed(info: DocumentInfo, context: dict) -> DocumentInfo:
    """The row with the trích yếu the document prints: a report's is made (`Kết quả thực hiện Kế hoạch
    số …`), and Word's Title property, the portal's heading, should name it, not just `Báo cáo`."""
    printed = str(context.get("summary") or "").split()
    return with_summary(info, " ".join(printed)) if printed and printed != (info.summary or "").split() else info


class Registry:
    """The declared kinds, in the order a unit's run makes them."""

    def __init__(self) -> None:
        self._kinds: list[DocumentKind] = []

    def register(self, cls: type[DocumentKind]) -> type[DocumentKind]:
        """Class decorator: declare a kind (its class attributes say everything the program needs)."""
        self._kinds = [k for k in self._kinds if type(k).__qualname__ != cls.__qualname__] + [cls()]
        return cls

    def __iter__(self) -> Iterator[DocumentKind]:
        return iter(list(self._kinds))

    def unit_kinds(self, plan: Plan | None = None) -> list[DocumentKind]:
        """The kinds a unit's run makes (for `plan`: those that apply to it)."""
        return [k for k in self._kinds if not k.from_many_plans and (plan is None or k.applies_to(plan))]

    def of_many_plans(self) -> ManyPlansKind:
        return next(k for k in self._kinds if isinstance(k, ManyPlansKind))

    def templates(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k.template for k in self._kinds))

    def row_labels(self, year: int) -> list[RowLabel]:
        """Every `Văn bản` label of every unit kind, once each: the plan's first, then quarters, then the rest."""
        seen: dict[str, RowLabel] = {}
        for kind in self.unit_kinds():
            for row in kind.row_labels(year):
                seen.setdefault(row.label, row)
        return sorted(seen.values(), key=lambda r: (r.period is not None,
                                                    r.period is not None and r.period.kind is not PeriodKind.QUARTER))

    def labels(self, year: int = 2000) -> tuple[str, ...]:
        """The labels a new workbook offers in the `Văn bản` column."""
        return tuple(r.label for r in self.row_labels(year))

    def required_rows(self) -> list[str]:
        return list(dict.fromkeys(k.row_label(None) for k in self.unit_kinds() if k.row_required))

    @contextlib.contextmanager
    def trial(self) -> Iterator[Registry]:
        """Kinds registered inside the block are forgotten after it (tests, trying a new kind)."""
        kept = list(self._kinds)
        try:
            yield self
        finally:
            self._kinds = kept


REGISTRY = Registry()
register = REGISTRY.register
