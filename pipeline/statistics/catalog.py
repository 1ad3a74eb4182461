"""The catalog of the seven statistics forms (Biểu mẫu 1–7), read from `catalog.csv`.

The catalog is data a province can edit, not code: one CSV row per indicator (chỉ tiêu), in the
order the forms print them. Its columns (row 1, Vietnamese, any order):

- `Mã`: `3.3.2.1`; the first number is the form. A one-number code (`3`) is the form itself and
  `Chỉ tiêu` is its title.
- `Chỉ tiêu`, `Đơn vị tính`, `Loại`: wording, unit and kind; `{tỉnh / xã}` gives a level its own
  wording (`{Tỷ lệ UBND cấp xã đã hoàn thành / Đã hoàn thành}`, `{ratio / flag}`).
- `Loại`: `form`, `group`, `count`, `ratio`, `flag` (`Có = 1; Không = 0`), `choice` (the unit lists
  the choices: `Trực tuyến = 0; Phát phiếu = 1; Kết hợp = 2`).
- `Tử số`, `Mẫu số`: the rows a computed ratio is made of (empty: the ratio is typed).
- `Tập con`: `x` when the numerator is part of the denominator by definition (over 100 % is an error).
- `Số lẻ`: `x` when a count may have decimals (millions of đồng).
- `Xã in`: `x` when a commune prints and fills the row.
- `Tổng hợp`: how the province takes the row from its units: S, O, L, C, R, F, G (rollup.py).
- `Quan hệ`: checks against other rows, `;`-separated: `= 2.1.1 + 2.1.2`, `≥ 5.4.1 + 5.4.2`, `≤ 4.2.1`.
- `Nguồn`: `kế hoạch` when the figure comes from the plan's tasks, not from `Số liệu`.
- `Ghi chú in`: a note printed when a `≥` relation leaves a remainder (`{con_lai}`, `{tong}`).
- `Giải thích`: for the reader of the file only.
"""

from __future__ import annotations

import csv
import difflib
import enum
import functools
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..domain.plan import Level
from ..errors import _MessageProblem

CATALOG_FILE = "catalog.csv"
_LEVEL_CHOICE = re.compile(r"\{([^{}/]*?)\s+/\s+([^{}]*?)\}")


class Kind(enum.Enum):
    FORM = "form"
    GROUP = "group"
    COUNT = "count"
    RATIO = "ratio"
    FLAG = "flag"
    CHOICE = "choice"


class RollupClass(enum.Enum):
    """How the province's form takes a row from its units (spec: Province roll-up of the forms)."""

    SUM = "S"
    OWN = "O"
    LIST = "L"
    FROM_UNITS = "C"
    RATIO = "R"
    FLAG = "F"
    GROUP = "G"


@dataclass(frozen=True)
class Relation:
    """`4.2.2 ≤ 4.2.1`: a check of a row against the sum of others (a warning when it fails)."""

    operator: str
    """`=`, `≥` or `≤`."""
    terms: tuple[str, ...]

    def holds(self, total, parts) -> bool:
        if self.operator == "=":
            return total == parts
        return total >= parts if self.operator == "≥" else total <= parts

    @property
    def text(self) -> str:
        return f"{self.operator} {' + '.join(self.terms)}"


@dataclass(frozen=True)
class Indicator:
    """Chỉ tiêu thống kê: one row of a form."""

    code: str
    wording: str
    """As the file has it, `{tỉnh / xã}` choices unresolved: use `indicator(level)`."""
    unit_text: str
    kind_text: str
    numerator: str | None = None
    denominator: str | None = None
    subset: bool = False
    """Tập con: the numerator is part of the denominator, so over 100 % is impossible."""
    decimals_allowed: bool = False
    commune_prints: bool = False
    rollup: RollupClass | None = None
    relations: tuple[Relation, ...] = ()
    from_plan: bool = False
    """Nguồn = kế hoạch: the figure is counted from the plan's tasks."""
    remainder_note: str = ""

    @property
    def form(self) -> int:
        return int(self.code.split(".")[0])

    @property
    def parent(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None

    @property
    def depth(self) -> int:
        """1 for `1.1`, 2 for `1.3.1`, 0 for the form itself."""
        return self.code.count(".")

    @property
    def stt(self) -> str:
        """STT as the form prints it: the code without the form number (`3.3.1` for `1.3.3.1`)."""
        return self.code.split(".", 1)[1] if "." in self.code else self.code

    def indicator(self, level: Level) -> str:
        return at_level(self.wording, level)

    def unit(self, level: Level) -> str:
        return at_level(self.unit_text, level)

    def kind(self, level: Level) -> Kind:
        return _kind(self.kind_text, level is Level.PROVINCE)

    def is_computed_ratio(self, level: Level) -> bool:
        return self.numerator is not None and self.kind(level) is Kind.RATIO

    def choices(self, level: Level) -> dict[int, str]:
        """`Có = 1; Không = 0` -> {1: "Có", 0: "Không"}: what a flag or choice may hold."""
        return parse_choices(self.unit(level))

    def printed_at(self, level: Level) -> bool:
        return level is Level.PROVINCE or self.commune_prints


@functools.lru_cache(maxsize=64)
def _kind(kind_text: str, province: bool) -> Kind:
    # Keyed by a bool, not the Level: an enum's hash is a Python call, and this is asked per figure.
    return Kind(at_level(kind_text, Level.PROVINCE if province else Level.COMMUNE))


@functools.lru_cache(maxsize=2048)
def at_level(text: str, level: Level) -> str:
    """`Số VBQPPL … của {cấp tỉnh / cấp xã}` at a level (asked for every figure of every unit: kept)."""
    return _LEVEL_CHOICE.sub(lambda m: m.group(1 if level is Level.PROVINCE else 2).strip(), text)


def parse_choices(unit: str) -> dict[int, str]:
    choices = {}
    for part in unit.split(";"):
        m = re.fullmatch(r"\s*(.+?)\s*=\s*(\d+)\s*", part)
        if m:
            choices[int(m.group(2))] = m.group(1)
    return choices


@dataclass(frozen=True)
class Catalog:
    """The seven forms: titles by number, indicators in print order."""

    titles: dict[int, str]
    indicators: tuple[Indicator, ...]

    def __post_init__(self):
        object.__setattr__(self, "_by_code", {i.code: i for i in self.indicators})
        object.__setattr__(self, "_computed_ratios", {})
        object.__setattr__(self, "_at_level", {})

    def __getitem__(self, code: str) -> Indicator:
        return self._by_code[code]  # type: ignore[attr-defined]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code  # type: ignore[attr-defined]

    def get(self, code: str) -> Indicator | None:
        return self._by_code.get(code)  # type: ignore[attr-defined]

    @property
    def by_code(self) -> dict[str, Indicator]:
        """The indicators by code (read-only by convention): a plain dict for the per-figure loops."""
        return self._by_code  # type: ignore[attr-defined]

    def computed_ratios(self, level: Level) -> tuple[Indicator, ...]:
        """The ratios the forms compute from two rows, in print order (checked for every period of every unit)."""
        province = level is Level.PROVINCE
        found = self._computed_ratios.get(province)  # type: ignore[attr-defined]
        if found is None:
            found = self._computed_ratios[province] = tuple(  # type: ignore[attr-defined]
                i for i in self.indicators if i.is_computed_ratio(level))
        return found

    def at(self, level: Level) -> CatalogAtLevel:
        """What the checks ask of each code at a level, worked out once (asked for every figure of every unit)."""
        province = level is Level.PROVINCE
        found = self._at_level.get(province)  # type: ignore[attr-defined]
        if found is None:
            found = self._at_level[province] = CatalogAtLevel(  # type: ignore[attr-defined]
                kinds={i.code: i.kind(level) for i in self.indicators},
                printed=frozenset(i.code for i in self.indicators if i.printed_at(level)),
                computed_ratios=frozenset(i.code for i in self.computed_ratios(level)),
                allowed={i.code: frozenset(i.choices(level)) for i in self.indicators
                         if i.kind(level) in (Kind.FLAG, Kind.CHOICE)},
                count_relations={i.code: i.relations for i in self.indicators
                                 if i.relations and i.kind(level) is Kind.COUNT})
        return found

    def of_form(self, number: int) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.form == number)

    def children(self, code: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.parent == code)

    def nearest(self, code: str) -> str | None:
        """The code a mistyped one most likely meant (`3.3.21` -> `3.3.2.1`)."""
        codes = [i.code for i in self.indicators]
        digits = {c.replace(".", ""): c for c in codes}
        if code.replace(".", "").replace(",", "") in digits:
            return digits[code.replace(".", "").replace(",", "")]
        match = difflib.get_close_matches(code, codes, n=1, cutoff=0.5)
        return match[0] if match else None


@dataclass(frozen=True)
class CatalogAtLevel:
    """The catalog's answers at one level, by code."""

    kinds: dict[str, Kind]
    printed: frozenset[str]
    computed_ratios: frozenset[str]
    allowed: dict[str, frozenset[int]]
    """The numbers a flag or a choice may hold."""
    count_relations: dict[str, tuple[Relation, ...]]
    """The relations of the counts that have any (a relation is checked on a count only)."""


class InvalidCatalog(_MessageProblem):
    """The catalog file a province edited cannot be used; every problem is in the message."""

    @classmethod
    def of(cls, source: str, problems: list[str]) -> InvalidCatalog:
        return cls(f"danh mục chỉ tiêu {source} có lỗi: " + "; ".join(problems),
                   "sửa tệp danh mục theo hướng dẫn ở đầu pipeline/statistics/catalog.py rồi chạy lại")


@lru_cache(maxsize=4)
def load_catalog(path: Path | None = None) -> Catalog:
    """The shipped catalog, or a province's own file. Raises InvalidCatalog listing every problem."""
    if path is None:
        text = resources.files(__package__).joinpath(CATALOG_FILE).read_text(encoding="utf-8-sig")
        source = CATALOG_FILE
    else:
        text = Path(path).read_text(encoding="utf-8-sig")
        source = str(path)
    return parse_catalog(text, source)


def parse_catalog(text: str, source: str = CATALOG_FILE) -> Catalog:
    rows = list(csv.DictReader(io.StringIO(text)))
    problems: list[str] = []
    titles: dict[int, str] = {}
    indicators: list[Indicator] = []
    for line, row in enumerate(rows, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        try:
            item = _indicator(row)
        except ValueError as exc:
            problems.append(f"dòng {line}: {exc}")
            continue
        if item.kind_text == Kind.FORM.value:
            titles[item.form] = item.wording
        else:
            indicators.append(item)
    catalog = Catalog(titles, tuple(indicators))
    problems += _structure_problems(catalog)
    if problems:
        raise InvalidCatalog.of(source, problems)
    return catalog


def _indicator(row: dict[str, str]) -> Indicator:
    code = row.get("Mã", "")
    if not re.fullmatch(r"\d+(?:\.\d+)*", code):
        raise ValueError(f"mã “{code}” không hợp lệ (dạng 3.3.2.1)")
    kind_text = row.get("Loại", "")
    for level in Level:
        try:
            Kind(at_level(kind_text, level))
        except ValueError:
            raise ValueError(f"loại “{kind_text}” của {code} không hợp lệ "
                             f"({', '.join(k.value for k in Kind)})") from None
    rollup_text = row.get("Tổng hợp", "")
    try:
        rollup = RollupClass(rollup_text) if rollup_text else None
    except ValueError:
        raise ValueError(f"cách tổng hợp “{rollup_text}” của {code} không hợp lệ (S, O, L, C, R, F, G)") from None
    return Indicator(
        code=code,
        wording=row.get("Chỉ tiêu", ""),
        unit_text=row.get("Đơn vị tính", ""),
        kind_text=kind_text,
        numerator=row.get("Tử số") or None,
        denominator=row.get("Mẫu số") or None,
        subset=_ticked(row.get("Tập con")),
        decimals_allowed=_ticked(row.get("Số lẻ")),
        commune_prints=_ticked(row.get("Xã in")),
        rollup=rollup,
        relations=tuple(_relations(code, row.get("Quan hệ", ""))),
        from_plan=row.get("Nguồn", "").lower() == "kế hoạch",
        remainder_note=row.get("Ghi chú in", ""),
    )


def _ticked(text: str | None) -> bool:
    return (text or "").strip().lower() in {"x", "✔", "có", "1"}


def _relations(code: str, text: str) -> list[Relation]:
    relations = []
    for clause in filter(None, (c.strip() for c in text.split(";"))):
        m = re.fullmatch(r"(=|≥|≤|>=|<=)\s*(\d+(?:\.\d+)*(?:\s*\+\s*\d+(?:\.\d+)*)*)", clause)
        if not m:
            raise ValueError(f"quan hệ “{clause}” của {code} không hợp lệ (dạng = 2.1.1 + 2.1.2, ≤ 4.2.1)")
        operator = {">=": "≥", "<=": "≤"}.get(m.group(1), m.group(1))
        relations.append(Relation(operator, tuple(t.strip() for t in m.group(2).split("+"))))
    return relations


def _structure_problems(catalog: Catalog) -> list[str]:
    problems = []
    seen: set[str] = set()
    for item in catalog.indicators:
        if item.code in seen:
            problems.append(f"mã {item.code} bị trùng")
        seen.add(item.code)
        if item.form not in catalog.titles:
            problems.append(f"{item.code} thuộc biểu mẫu {item.form} nhưng biểu mẫu này chưa có dòng tên")
        if item.parent and item.parent not in catalog and "." in item.parent:
            problems.append(f"{item.code} không có dòng cha {item.parent}")
        named = [c for c in (item.numerator, item.denominator) if c]
        named += [t for r in item.relations for t in r.terms]
        problems += [f"{item.code} nhắc tới mã {c} không có trong danh mục" for c in named if c not in catalog]
        if (item.numerator is None) != (item.denominator is None):
            problems.append(f"tỷ lệ {item.code} cần cả tử số và mẫu số (hoặc bỏ trống cả hai)")
        if item.rollup is None:
            problems.append(f"{item.code} chưa có cách tổng hợp")
    return problems
