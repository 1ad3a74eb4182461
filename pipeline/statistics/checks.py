"""The rules of `Số liệu` (spec: Ratios, Consistency checks): errors with the cell, warnings with both figures.

Errors: an unknown code (naming the nearest one), a figure twice, text where a number goes, a negative
figure, a count that is not whole where it must be, a flag or choice outside its values, a ratio over
100 % where the part cannot exceed the whole (`subset`). Warnings: a ratio over 100 % where carried-over
matters allow it (over 1.000 %, naming the separators as the likely slip), a typed ratio that disagrees with its rows at the precision typed, a total that is not
the sum of its parts (the catalog's `Quan hệ`), a row a commune does not print, in a commune workbook.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import Problem
from .catalog import Catalog, CatalogAtLevel, Indicator, Kind, Level, Relation
from .values import Entry, agrees_at_precision, format_figure, ratio

SHEET = "Số liệu"
NEAREST_NAMED = 50
"""Unknown codes whose nearest code is looked up: past that a sheet is not a clerk's typing but junk,
and each look-up costs (difflib) what a hostile sheet of 50.000 rows must not."""


@dataclass
class Findings:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unknown_codes: int = 0

    def error(self, cell: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(SHEET, cell, message, hint))

    def warn(self, cell: str, message: str, hint: str = "") -> None:
        self.warnings.append(Problem(SHEET, cell, message, hint))


def check_entries(entries: Iterable[Entry], catalog: Catalog, level: Level, has_plan: bool = False) -> Findings:
    """Every problem of the sheet at once; entries with an unknown code are reported and left out.

    has_plan: the workbook's own tasks give the rows counted from the plan (1.2.1, 1.2.2), so a
    figure typed there is not used (a warning says so).
    """
    findings = Findings()
    at_level = catalog.at(level)
    indicators, printed, kinds, count = catalog.by_code, at_level.printed, at_level.kinds, Kind.COUNT
    by_period: dict = {}
    by_period_object: dict[int, dict] = {}  # a period's own hash is slow, and a sheet's entries share a few objects
    for entry in entries:
        code = entry.code
        indicator = indicators.get(code)
        if indicator is None:
            _unknown_code(findings, entry, catalog)
            continue
        if code not in printed:
            findings.warn(entry.code_cell, f"chỉ tiêu {code} chỉ cấp tỉnh báo cáo, cấp xã không in nên số liệu "
                                           "bị bỏ qua", "xóa dòng này (hoặc ghi Cấp = tỉnh ở trang Thông tin nếu "
                                                        "đây là sổ của tỉnh)")
            continue
        known = by_period_object.get(id(entry.period))
        if known is None:
            known = by_period_object[id(entry.period)] = by_period.setdefault(entry.period, {})
        if code in known:
            findings.error(entry.code_cell, f"chỉ tiêu {code} {entry.period.short_name} đã nhập ở "
                                            f"{known[code].code_cell}", "giữ một dòng, xóa dòng kia")
            continue
        known[code] = entry
        value = entry.value
        if has_plan and indicator.from_plan and value is not None:
            findings.warn(entry.value_cell, f"chỉ tiêu {code} được đếm từ trang Nhiệm vụ và Kết quả nên số "
                                            f"nhập ({format_figure(value)}) không được dùng",
                          "xóa số ở ô này (Ghi chú vẫn được in)")
            continue
        if value is None or kinds[code] is count and value >= 0 and value == value.to_integral_value():
            continue  # most figures: a whole count, nothing to check
        _check_value(findings, entry, indicator, at_level, level)
    for figures in by_period.values():
        _check_ratios(findings, figures, catalog, level)
        _check_relations(findings, figures, at_level.count_relations)
    return findings


def _unknown_code(findings: Findings, entry: Entry, catalog: Catalog) -> None:
    findings.unknown_codes += 1
    looked_up = findings.unknown_codes <= NEAREST_NAMED and len(entry.code) <= 30
    nearest = catalog.nearest(entry.code) if looked_up else None
    hint = (f"có phải “{nearest}” ({catalog[nearest].indicator(Level.COMMUNE)})?" if nearest
            else "dùng mã của Biểu mẫu 1–7, dạng 3.3.2.1")
    findings.error(entry.code_cell, f"không có chỉ tiêu mã “{entry.code}”", hint)


def _check_value(findings: Findings, entry: Entry, indicator: Indicator, at_level: CatalogAtLevel,
                 level: Level) -> None:
    value = entry.value
    assert value is not None
    kind = at_level.kinds[entry.code]
    if kind is Kind.GROUP:
        return
    if value < 0:
        findings.error(entry.value_cell, f"chỉ tiêu {entry.code}: số liệu {format_figure(value)} là số âm",
                       "nhập số không âm")
        return
    if kind is Kind.COUNT and not indicator.decimals_allowed and value != value.to_integral_value():
        findings.error(entry.value_cell, f"chỉ tiêu {entry.code} ({indicator.unit(level)}) phải là số nguyên, không "
                                         f"phải {format_figure(value)}", "nhập số nguyên, ví dụ 12")
    elif kind in (Kind.FLAG, Kind.CHOICE) and value not in at_level.allowed[entry.code]:
        choices = "; ".join(f"{n} = {label}" for n, label in sorted(indicator.choices(level).items()))
        findings.error(entry.value_cell, f"chỉ tiêu {entry.code}: “{format_figure(value)}” không phải giá trị cho "
                                         "phép", f"nhập một trong: {choices}")
    elif kind is Kind.RATIO and not indicator.is_computed_ratio(level) and value > 100:
        _over_hundred(findings, entry.value_cell, indicator, value)


IMPLAUSIBLE = Decimal(1000)
"""Over ten times its whole, a ratio that carried-over matters allow is more often a slip (`1,250` read as
1,25 under a 1.600: a trial's report printed `128.000%`): its warning says to check the separators.
(Still a warning: 11 matters handled of 1 received, 10 carried over, is 1.100 % and real.)"""


def _over_hundred(findings: Findings, cell: str, indicator: Indicator, value: Decimal, detail: str = "") -> None:
    message = f"tỷ lệ {indicator.code} là {format_figure(value, True)}%, vượt 100%{detail}"
    if indicator.subset:
        findings.error(cell, message, "phần không thể lớn hơn tổng: kiểm tra lại tử số và mẫu số")
    elif value > IMPLAUSIBLE:
        findings.warn(cell, message, "tỷ lệ rất lớn: kiểm tra lại tử số và mẫu số, nhất là dấu phân cách (một nghìn "
                                     "hai trăm năm mươi gõ 1.250; 1,25 là một phẩy hai lăm)")
    else:
        findings.warn(cell, message, "được phép khi có việc kỳ trước chuyển sang; nếu không, kiểm tra lại số liệu")


def _check_ratios(findings: Findings, figures: dict[str, Entry], catalog: Catalog, level: Level) -> None:
    computed = catalog.at(level).computed_ratios
    for code, entry in figures.items():
        if code in computed:
            _check_computed_ratio(findings, figures, catalog[code], entry)
    for indicator in catalog.computed_ratios(level):
        if indicator.code not in figures:
            _check_computed_ratio(findings, figures, indicator, None)


def _check_computed_ratio(findings: Findings, figures: dict[str, Entry], indicator: Indicator,
                          typed: Entry | None) -> None:
    part, whole = figures.get(indicator.numerator or ""), figures.get(indicator.denominator or "")
    if part is None or whole is None or part.value is None or whole.value is None or part.value < 0 or whole.value < 0:
        return
    computed = ratio(part.value, whole.value)
    if computed is None:
        return
    if computed > 100:
        detail = (f" ({indicator.numerator} = {format_figure(part.value)} lớn hơn "
                  f"{indicator.denominator} = {format_figure(whole.value)})")
        _over_hundred(findings, part.value_cell, indicator, computed, detail)
    if typed is not None and typed.value is not None and not agrees_at_precision(typed.value, typed.decimals, computed):
        findings.warn(typed.value_cell,
                      f"tỷ lệ {indicator.code} nhập {format_figure(typed.value)}% nhưng tính từ "
                      f"{indicator.numerator} và {indicator.denominator} được {format_figure(computed, True)}%",
                      "biểu mẫu in số tính được; sửa số nhập hoặc số liệu của các dòng thành phần")


def _check_relations(findings: Findings, figures: dict[str, Entry],
                     count_relations: dict[str, tuple[Relation, ...]]) -> None:
    for code, entry in figures.items():
        relations = count_relations.get(code)
        if relations is None or entry.value is None:
            continue
        for relation in relations:
            given = [figures[t] for t in relation.terms if t in figures and figures[t].value is not None]
            if not given:
                continue
            parts = sum((e.value for e in given if e.value is not None), Decimal(0))
            if relation.holds(entry.value, parts):
                continue
            named = " + ".join(relation.terms)
            figure = format_figure(parts) if len(relation.terms) == 1 else f"{named} = {format_figure(parts)}"
            want = {"=": "phải bằng", "≥": "không được nhỏ hơn", "≤": "không được lớn hơn"}[relation.operator]
            findings.warn(entry.value_cell, f"chỉ tiêu {code} là {format_figure(entry.value)}, {want} "
                                            + (f"{named} là {figure}" if len(relation.terms) == 1 else figure),
                          "kiểm tra lại số liệu của các dòng")
