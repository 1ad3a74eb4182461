"""The province's view of a year: units × periods, completion over time, the period's current workbooks.

Only bookkeeping of uploads lives here (which upload counts, when it came against the deadline);
what a workbook says is the library's, recorded when its upload was generated.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ..domain.units import unit_key
from ..vietnamese import unit_word_of, vietnamese_order
from .db import Account, Deadline, Upload

VIETNAM_TIME = timedelta(hours=7)


def local_time(moment: datetime) -> datetime:
    """Stored UTC as Vietnam's clock (UTC+7, no daylight saving)."""
    return moment + VIETNAM_TIME


def year_periods(year: int):
    from pipeline.domain.period import all_periods

    return all_periods(year)


@functools.lru_cache(maxsize=64)
def same_cutoff(year: int, period_key: str) -> tuple[str, ...]:
    """`period_key` and the keys of the other periods counted to the same quarter (`9-thang`, `quy-3`):
    a unit in the CCHC cycle reports `quý III` where the province rolls up `9 tháng`, the same standing
    (the roll-up counts by results and cites the report at that cut-off, as `tong-hop` does)."""
    from pipeline.domain.period import period_from_key, periods_at_cutoff

    return (period_key, *(p.key for p in periods_at_cutoff(period_from_key(period_key, year)) if p.key != period_key))


@dataclass(frozen=True)
class Cell:
    """One unit's standing for one period."""

    status: str
    """`dung-han` (labelled `Đã báo cáo` when the period has no deadline), `tre-han`, `chua-bao-cao`,
    `tu-choi`, `trung`, `dang-xu-ly`."""
    label: str
    detail: str = ""
    upload_id: int | None = None


@dataclass(frozen=True)
class UnitRow:
    account: Account
    cells: list[Cell]
    completion: list[float | None]
    """The completion rate of the counted upload of each period (None: not reported)."""

    @property
    def latest_completion(self) -> float | None:
        reported = [rate for rate in self.completion if rate is not None]
        return reported[-1] if reported else None


def deadlines_of(session, year: int) -> dict[str, date]:
    return {d.period_key: d.due for d in session.scalars(select(Deadline).where(Deadline.year == year))}


UNIT_ORDER = ("xã", "phường", "đặc khu")
"""The usual order of a province's units: xã, phường, then đặc khu (others after them)."""


def unit_accounts(session) -> list[Account]:
    """The units' accounts, xã first, then phường, đặc khu; by name within each, in the Vietnamese
    alphabet's order (`Xã Đông Hà` after `Xã Dương Hòa`: the database's order puts Đ after Z)."""
    found = session.scalars(select(Account).where(Account.role == "don-vi").order_by(Account.login))
    return sorted(found, key=lambda account: (_unit_rank(account), vietnamese_order(account.name)))


def _unit_rank(account: Account) -> int:
    word = unit_word_of(account.name)
    return UNIT_ORDER.index(word) if word in UNIT_ORDER else len(UNIT_ORDER)


def uploads_of_year(session, year: int) -> list[Upload]:
    return list(session.scalars(select(Upload).where(Upload.year == year).order_by(Upload.received_at, Upload.id)))


def counted(uploads: list[Upload]) -> Upload | None:
    """The newest accepted upload: it supersedes the earlier ones, which stay in the history."""
    accepted = [u for u in uploads if u.state == "xong"]
    return accepted[-1] if accepted else None


@dataclass(frozen=True)
class YearUploads:
    """The units' accounts (`unit_accounts`' order) and every upload of the year, oldest first: read once
    (two queries) by a page that asks about several periods (the matrix and its seven roll-up links) or
    about every unit (`absent_units`)."""

    accounts: list[Account]
    uploads: list[Upload]

    @classmethod
    def read(cls, session, year: int) -> YearUploads:
        return cls(unit_accounts(session), uploads_of_year(session, year))

    @functools.cached_property
    def accepted(self) -> dict[int, list[Upload]]:
        """Each account's accepted uploads, oldest first."""
        found: dict[int, list[Upload]] = {}
        for upload in self.uploads:
            if upload.state == "xong":
                found.setdefault(upload.account_id, []).append(upload)
        return found


def year_matrix(session, year: int, known: YearUploads | None = None) -> tuple[list, list[UnitRow]]:
    """The units × periods matrix; `known`: the year's uploads, when the page has read them already."""
    periods = year_periods(year)
    due = deadlines_of(session, year)
    known = known or YearUploads.read(session, year)
    by_cell: dict[tuple[int, str], list[Upload]] = {}
    for received in known.uploads:
        by_cell.setdefault((received.account_id, received.period_key), []).append(received)
    current = {key: counted(uploads) for key, uploads in by_cell.items()}
    by_body = _by_body(current)
    named = named_units(session, known.accounts)
    rows = []
    for account in known.accounts:
        cells, completion = [], []
        for period in periods:
            uploads = by_cell.get((account.id, period.key), [])
            upload = current.get((account.id, period.key))
            owner = _owner_of(upload, named) if upload is not None else None
            cells.append(_cell(uploads, upload, owner, _same_unit(upload, by_body, period.key, named),
                               due.get(period.key)))
            counted_here = upload is not None and cells[-1].status in ("dung-han", "tre-han")
            completion.append(upload.completion if counted_here and upload else None)
        _shown_at_same_cutoff(periods, cells, completion)
        rows.append(UnitRow(account, cells, completion))
    return periods, rows


def _shown_at_same_cutoff(periods: list, cells: list[Cell], completion: list[float | None]) -> None:
    """A period the unit sent nothing for shows the report it sent at the same cut-off (`quý III` in the
    `9 tháng` column), which the roll-up of that period counts (`same_cutoff`)."""
    by_key = {p.key: i for i, p in enumerate(periods)}
    for i, period in enumerate(periods):
        if cells[i].status not in ("chua-bao-cao", "tu-choi") or completion[i] is not None:
            continue
        for key in same_cutoff(period.year, period.key)[1:]:
            other = cells[by_key[key]]
            if other.status in ("dung-han", "tre-han"):
                refused = f"; sổ {period.short_name} gửi sau bị từ chối" if cells[i].status == "tu-choi" else ""
                cells[i] = Cell(other.status, "Đã báo cáo",
                                f"theo báo cáo {periods[by_key[key]].short_name}{refused}", other.upload_id)
                completion[i] = completion[by_key[key]]
                break


def named_units(session, accounts: list[Account] | None = None) -> dict[str, Account]:
    """The units' accounts by their unit's identity, as the roll-up tells units apart
    (`domain.units.unit_key`: `Xã Hải An`, `UBND xã Hải An`, `Ủy ban nhân dân xã Hải An` are one unit, a
    province names its accounts as it likes): whose workbook a workbook is. A locked account still owns
    its unit's workbook: another account that sends it has not reported either."""
    return {_unit_of(account.name): account
            for account in (unit_accounts(session) if accounts is None else accounts)}


_unit_of = functools.lru_cache(maxsize=8192)(unit_key)
"""`unit_key`, asked for each upload in each period of a page: a province's few thousand names, kept."""


def _owner_of(upload: Upload, named: dict[str, Account]) -> Account | None:
    """The account of the unit the workbook is of, when that is another account than the sender's (a
    commune that uploaded its neighbour's workbook has not reported, and neither has the neighbour);
    None when the workbook is the sender's own or is of no unit with an account of that name."""
    owner = named.get(_unit_of(upload.agency))
    return owner if owner is not None and owner.id != upload.account_id else None


def _by_body(current: dict[tuple[int, str], Upload | None]) -> dict[tuple[str, str], list[Upload]]:
    """The current uploads (by account and period) grouped by period and issuing body: each is weighed
    against the few of its own body, not against every unit's (a thousand units made the matrix slow)."""
    grouped: dict[tuple[str, str], list[Upload]] = {}
    for (_, key), upload in current.items():
        if upload is not None:
            grouped.setdefault((key, upload.agency_key), []).append(upload)
    return grouped


def _same_unit(upload: Upload | None, by_body: dict[tuple[str, str], list[Upload]], period_key: str,
               named: dict[str, Account]) -> tuple[Upload | None, list[Upload]]:
    """Other units' counted uploads of the same issuing body this period (`by_body`, from `_by_body`),
    by the roll-up's rule (pipeline.domain.units): (the earlier copy of the same workbook this one
    repeats, the different workbooks of that body it conflicts with: the roll-up then counts none of
    them). An upload of another named unit's workbook (`_owner_of`) is neither counted nor weighed against."""
    if upload is None or not upload.agency_key or _owner_of(upload, named) is not None:
        return None, []
    others = [other for other in by_body.get((period_key, upload.agency_key), [])
              if other.account_id != upload.account_id and _owner_of(other, named) is None]
    different = [other for other in others if _content(other) != _content(upload)]
    if different:
        return None, different
    earlier = [other for other in others if (other.received_at, other.id) < (upload.received_at, upload.id)]
    return min(earlier, key=lambda other: (other.received_at, other.id), default=None), []


def _content(upload: Upload) -> str:
    return upload.content_digest or upload.file_hash


def _cell(uploads: list[Upload], upload: Upload | None, owner: Account | None,
          same: tuple[Upload | None, list[Upload]], due: date | None) -> Cell:
    original, rivals = same
    if upload is not None:
        received = local_time(upload.received_at)
        when = received.strftime("%d/%m/%Y %H:%M")
        if owner is not None:
            return Cell("tu-choi", "Bị từ chối", f"sổ tải lên là của {owner.name}, không phải của {upload.account.name}: "
                        "báo cáo tổng hợp không tính — gửi lại sổ của đơn vị mình", upload.id)
        if rivals:
            names = ", ".join(rival.account.name for rival in rivals)
            return Cell("tu-choi", "Bị từ chối", f"sổ của {upload.agency} khác với sổ {names} gửi cùng kỳ: báo cáo "
                        "tổng hợp không tính sổ nào — chỉ đơn vị có sổ đó gửi, đơn vị kia gửi lại sổ của mình",
                        upload.id)
        if original is not None:
            return Cell("trung", "Trùng", f"cùng sổ với {original.account.name}", upload.id)
        if not upload.reported:  # the same rule as the roll-up's (pipeline.domain.reported)
            return Cell("chua-bao-cao", "Chưa báo cáo", f"sổ tải lên {when} chưa có kết quả kỳ này", upload.id)
        if due is None:  # on time for no deadline is no news: the province sets one on this page
            return Cell("dung-han", "Đã báo cáo", when, upload.id)
        if received.date() <= due:
            return Cell("dung-han", "Đúng hạn", when, upload.id)
        return Cell("tre-han", "Trễ hạn", f"{when} (hạn {due.day:02d}/{due.month:02d}/{due.year})", upload.id)
    if any(u.state == "cho" for u in uploads):
        return Cell("dang-xu-ly", "Đang xử lý", "", uploads[-1].id)
    if uploads:
        problems = json.loads(uploads[-1].problems_json or "[]")
        reason = _first_problem(problems)
        return Cell("tu-choi", "Bị từ chối", reason, uploads[-1].id)
    return Cell("chua-bao-cao", "Chưa báo cáo")


def _first_problem(problems: list[dict]) -> str:
    if not problems:
        return ""
    first = problems[0]
    where = f"{first['sheet']}!{first['cell']}: " if first.get("sheet") and first.get("cell") else ""
    more = f" (và {len(problems) - 1} lỗi khác)" if len(problems) > 1 else ""
    return where + first["message"] + more


def absent_units(session, year: int, period_key: str, counted: list[tuple[Account, Upload]] | None = None,
                 known: YearUploads | None = None) -> list[tuple[str, str]]:
    """(name, last period reported) of each active unit with no counted upload of the period: the
    roll-up lists them as not reported, with the latest earlier period they reported (`""`: none).
    `counted` and `known`: the period's `counted_uploads` and the year's uploads, when the caller has
    them already."""
    from pipeline.domain.period import period_from_key

    periods = year_periods(year)
    order = {p.key: index for index, p in enumerate(periods)}
    asked = period_from_key(period_key, year)
    known = known or YearUploads.read(session, year)
    absent = []
    counted_ids = {account.id for account, _ in (counted if counted is not None
                                                  else counted_uploads(session, year, period_key, known))}
    for account in known.accounts:
        if account.disabled or account.id in counted_ids:
            continue
        earlier = [periods[order[u.period_key]] for u in known.accepted.get(account.id, []) if u.reported
                   and u.period_key in order and periods[order[u.period_key]].last_quarter < asked.last_quarter]
        last = max(earlier, key=lambda p: (p.last_quarter, order[p.key])).name if earlier else ""
        absent.append((account.name, last))
    return absent


def counted_uploads(session, year: int, period_key: str,
                    known: YearUploads | None = None) -> list[tuple[Account, Upload]]:
    """Each active unit's counted upload of the period, by login: what the roll-up and the ZIP take. Not
    its unit's own report, and so not counted: another named unit's workbook, or a copy of the workbook
    another account sent first (the matrix's `Trùng`); the roll-up lists those units as not reported.
    `known`: the year's uploads, when the caller has read them already."""
    known = known or YearUploads.read(session, year)
    named = named_units(session, known.accounts)
    latest = _latest_accepted(sorted(known.accounts, key=lambda a: a.login), known.accepted, year, period_key)
    by_body = _by_body({(account.id, period_key): upload for account, upload in latest})
    return [(account, upload) for account, upload in latest
            if _owner_of(upload, named) is None and _same_unit(upload, by_body, period_key, named)[0] is None]


def _latest_accepted(accounts: list[Account], accepted: dict[int, list[Upload]], year: int,
                     period_key: str) -> list[tuple[Account, Upload]]:
    """Each active unit's newest accepted upload of the period, by login; for a unit that sent none, or
    whose upload did not report the period (no results at its cut-off), its newest of another period at
    the same cut-off that did (`same_cutoff`)."""
    found = []
    keys = same_cutoff(year, period_key)
    for account in accounts:
        if account.disabled:
            continue
        uploads = accepted.get(account.id, [])
        latest = [of_key[-1] for key in keys if (of_key := [u for u in uploads if u.period_key == key])]
        # The period's own upload, unless it did not report the cut-off and another period's upload did.
        chosen = next((u for u in latest if u.reported), latest[0] if latest else None)
        if chosen is not None:
            found.append((account, chosen))
    return found
