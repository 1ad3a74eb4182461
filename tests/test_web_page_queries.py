"""The province's pages read the year's uploads in a few queries, however many units it has.

Each unit used to cost the matrix a query per period (its seven `counted_uploads` passes) and the
roll-up one more per unit not reported: a thousand units made the page take 8,000 queries. The test
counts queries (never time) for a small province and for one four times its size."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from pipeline.web.db import Upload
from pipeline.web.reporting import YearUploads, absent_units, counted_uploads
from test_web_pages import unit
from web_support import add_account, database_url, make_portal


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_portal(request, tmp_path):
    app = make_portal(tmp_path, database_url(request.param, tmp_path))
    add_account(app, "snv", "Sở Nội vụ", role="tinh")
    yield app
    app.extensions["make_report"]["database"].dispose()


def add_units(app, first: int, count: int) -> None:
    """Units `first`… with an accepted quý I upload each, and a 6 tháng one but for every third unit."""
    for n in range(first, first + count):
        account_id = add_account(app, f"xa-{n}", f"Xã Thử {n}")
        with app.extensions["make_report"]["database"].session() as s:
            for key in ("quy-1", "6-thang") if n % 3 else ("quy-1",):
                s.add(Upload(account_id=account_id, year=2026, period_key=key, file_hash=f"{n}-{key}", size=1,
                             original_name="so.xlsx", state="xong", agency=f"Xã Thử {n}",
                             agency_key=f"xa-thu-{n}", content_digest=f"{n}-{key}", completion=50.0,
                             reported=True))


def queries_of(app, action) -> int:
    engine = app.extensions["make_report"]["database"].engine
    count = [0]

    def counted(*_):
        count[0] += 1

    event.listen(engine, "before_cursor_execute", counted)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count[0]


def test_the_matrix_and_the_rollups_lists_take_as_many_queries_for_four_times_the_units(empty_portal):
    app = empty_portal
    province = unit(app, "snv")

    def matrix():
        assert province.get("/tinh/?nam=2026").status_code == 200

    def rollup_lists():
        with app.extensions["make_report"]["database"].session() as s:
            known = YearUploads.read(s, 2026)
            counted = counted_uploads(s, 2026, "6-thang", known)
            absent_units(s, 2026, "6-thang", counted, known)

    add_units(app, 1, 3)
    small = queries_of(app, matrix), queries_of(app, rollup_lists)
    add_units(app, 4, 9)
    large = queries_of(app, matrix), queries_of(app, rollup_lists)
    assert large == small
    with app.extensions["make_report"]["database"].session() as s:  # and the figures are the same as before
        counted = counted_uploads(s, 2026, "6-thang")
        assert len(counted) == 12 - 4  # units 3, 6, 9, 12 sent no 6 tháng workbook
        assert [name for name, _ in absent_units(s, 2026, "6-thang")] == [f"Xã Thử {n}" for n in (3, 6, 9, 12)]
        assert {last for _, last in absent_units(s, 2026, "6-thang")} == {"quý I năm 2026"}
