"""Which workbooks are one unit, and what to do when a unit has several: one rule for the batch and
the roll-up.

A unit is its issuing body, whatever the case, tone marks or spacing (`XÃ TÂN PHÚ`, `Xã Tan  Phu`),
and its plan's year. Identical copies of a unit's workbook are one (the others named in a note);
different workbooks of one unit are refused together, with what tells them apart, because nobody
but the clerk knows which one is right.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..vietnamese import ascii_slug, roman
from .plan import Plan

_BODY_KINDS = ("uy-ban-nhan-dan-", "hoi-dong-nhan-dan-", "ubnd-", "hdnd-")


def unit_key(agency_name: str) -> str:
    """`ỦY BAN NHÂN DÂN XÃ TÂN PHÚ`, `Xã Tan  Phu` -> `xa-tan-phu`: a unit's identity (and folder name)."""
    slug = ascii_slug(agency_name)
    for kind in _BODY_KINDS:
        if slug.startswith(kind):
            return slug[len(kind):]
    return slug


@dataclass(frozen=True)
class WorkbookProfile:
    """What the rule needs of one workbook: whose it is, what it holds, what tells it from another."""

    path: Path
    unit: str
    """The unit as people name it (`Xã Tân Phú`)."""
    key: tuple[str, int]
    """(unit_key, year): workbooks with the same key are the same unit's."""
    content: str | None
    """A digest of everything the documents are made of: equal digests are copies of one workbook.
    None where it was not worked out (`of(..., digest=False)`): `sort_out` then asks for it, only
    for a unit with several workbooks."""
    tasks: int
    quarters: tuple[int, ...]
    """The quarters with results (`Kết quả`)."""
    modified: datetime | None = None

    @classmethod
    def of(cls, plan: Plan, unit: str, modified: datetime | None = None, digest: bool = True) -> WorkbookProfile:
        assert plan.source is not None
        return cls(Path(plan.source), unit, (unit_key(plan.agency.name), plan.year),
                   content_digest(plan) if digest else None, len(plan.tasks),
                   tuple(plan.quarters_with_results()), modified)


def content_digest(plan: Plan) -> str:
    """Everything the plan's documents are made of, as a digest (where it was read from aside)."""
    return hashlib.sha256(repr(replace(plan, source=None, warnings=())).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Conflict:
    """Different workbooks of one unit: all refused, with what tells them apart."""

    profiles: tuple[WorkbookProfile, ...]

    @property
    def message(self) -> str:
        first = self.profiles[0]
        names = ", ".join(p.path.name for p in self.profiles)
        return (f"{len(self.profiles)} sổ khác nhau của cùng {first.unit} năm {first.key[1]} ({names}): "
                f"{differences(self.profiles)}")

    hint = "giữ lại một sổ đúng, xóa hoặc chuyển các sổ kia ra khỏi thư mục, rồi chạy lại"


@dataclass
class SortedWorkbooks:
    kept: list[WorkbookProfile]
    copies: list[tuple[WorkbookProfile, WorkbookProfile]]
    """(the copy left out, the workbook kept) for identical copies."""
    conflicts: list[Conflict]


def sort_out(profiles: list[WorkbookProfile],
             content_of: Callable[[WorkbookProfile], str] | None = None) -> SortedWorkbooks:
    """One workbook per unit and year: copies count once, different workbooks of one unit none.

    `content_of` gives the digest of a profile made without one (the batch's, whose units mostly
    have one workbook each: the digest costs about as much as a twentieth of the whole run).
    """
    by_unit: dict[tuple[str, int], list[WorkbookProfile]] = {}
    for profile in profiles:
        by_unit.setdefault(profile.key, []).append(profile)
    result = SortedWorkbooks([], [], [])
    for group in by_unit.values():
        group = sorted(group, key=lambda p: (len(p.path.name), p.path.name, str(p.path)))
        if len(group) > 1 and content_of is not None:
            group = [p if p.content is not None else replace(p, content=content_of(p)) for p in group]
        if all(p.content == group[0].content for p in group[1:]):
            result.kept.append(group[0])
            result.copies += [(p, group[0]) for p in group[1:]]
        else:
            result.conflicts.append(Conflict(tuple(group)))
    return result


def differences(profiles: tuple[WorkbookProfile, ...]) -> str:
    """`quý có kết quả: I, II / I; số nhiệm vụ: 15 / 16; sửa lần cuối: 17/6/2026 10:05 / …`."""
    parts = []
    quarters = [", ".join(roman(q) for q in p.quarters) or "chưa có" for p in profiles]
    if len(set(quarters)) > 1:
        parts.append("quý có kết quả: " + " / ".join(quarters))
    tasks = [str(p.tasks) for p in profiles]
    if len(set(tasks)) > 1:
        parts.append("số nhiệm vụ: " + " / ".join(tasks))
    if not parts:
        parts.append("cùng số nhiệm vụ và cùng các quý có kết quả nhưng nội dung khác nhau")
    if all(p.modified is not None for p in profiles):
        parts.append("sửa lần cuối: " + " / ".join(f"{p.modified:%d/%m/%Y %H:%M}" for p in profiles if p.modified))
    return "; ".join(parts)


def last_modified(path: Path) -> datetime | None:
    """When the workbook was last saved (its file's time), for telling two of one unit apart."""
    try:
        return datetime.fromtimestamp(Path(path).stat().st_mtime)
    except OSError:
        return None
