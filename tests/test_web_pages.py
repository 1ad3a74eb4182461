"""The portal's pages through Flask's test client, on SQLite and on PostgreSQL: a unit's upload,
its problems or documents, downloads, who may see what, and the CLI's refusals on the page."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.workbook import format as F
from web_support import Browser, add_account, database_url, make_portal, unit_workbook

HAI_SON = "ỦY BAN NHÂN DÂN XÃ HẢI SƠN"


@pytest.fixture(params=["sqlite", "postgresql"])
def portal(request, tmp_path):
    app = make_portal(tmp_path, database_url(request.param, tmp_path))
    add_account(app, "xa-hai-son", "Xã Hải Sơn")
    add_account(app, "xa-hai-an", "Xã Hải An")
    add_account(app, "snv", "Sở Nội vụ", role="tinh")
    yield app
    app.extensions["make_report"]["database"].dispose()


def unit(app, login: str = "xa-hai-son") -> Browser:
    browser = Browser(app)
    assert browser.sign_in(login, "mat-khau-dai-1").status_code == 302
    return browser


def rows(app, model, *where):
    with app.extensions["make_report"]["database"].session() as s:
        return list(s.scalars(select(model).where(*where)))


def with_bad_due_date(sheets):
    sheets[F.SHEET_TASKS][2][5] = "sang năm"


def cli_problems(workbook: Path) -> list:
    from pipeline import InvalidWorkbook, read_workbook

    with pytest.raises(InvalidWorkbook) as refused:
        read_workbook(workbook)
    return refused.value.problems


def test_a_unit_sees_its_cell_errors_then_fixes_them_and_gets_its_documents(portal, tmp_path):
    browser = unit(portal)
    bad = unit_workbook(tmp_path / "so.xlsx", HAI_SON, with_bad_due_date)
    response = browser.upload(bad)
    assert response.status_code == 303
    page = browser.get(response.location).text
    problem = cli_problems(bad)[0]
    assert problem.sheet == F.SHEET_TASKS and problem.cell
    # The table holds the CLI's own message, split into sheet, cell, what is wrong, how to fix it.
    from markupsafe import escape

    assert (f'<tr><td class="hep-cot">{escape(problem.sheet)}</td><td class="hep-cot">{problem.cell}</td>'
            f"<td>{escape(problem.message)}</td>"
            f"<td>{escape(problem.hint)}</td></tr>") in page
    assert "chưa tạo văn bản nào" in page

    good = unit_workbook(tmp_path / "so-da-sua.xlsx", HAI_SON)
    page = browser.get(browser.upload(good).location).text
    assert "Đã tạo 3 văn bản" in page
    assert "Kiểm tra thể thức: <span class=\"dat\">Đạt: 0 lỗi" in page
    assert page.count("Đạt: 0 lỗi, 0 cảnh báo") == 3  # once a document: not again in a box under it
    [upload] = rows(portal, __import__("pipeline.web.db", fromlist=["Upload"]).Upload,
                    __import__("pipeline.web.db", fromlist=["Upload"]).Upload.state == "xong")
    archive = zipfile.ZipFile(io.BytesIO(browser.get(f"/lan/{upload.id}/van-ban.zip").data))
    assert sorted(archive.namelist()) == ["xa-hai-son_bao-cao-quy-1-2024.docx", "xa-hai-son_ke-hoach-2024.docx",
                                          "xa-hai-son_phu-luc-ke-hoach-2024.docx"]
    # The same bytes as `make-report` writes for the same workbook.
    from pipeline import generate

    for written in generate(good, tmp_path / "cli", "quy-1").written:
        assert archive.read(written.name) == written.read_bytes()


def test_every_upload_is_kept_and_the_newest_supersedes_for_the_province(portal, tmp_path):
    from pipeline.web.db import Upload
    from pipeline.web.reporting import year_matrix

    browser = unit(portal)
    first = unit_workbook(tmp_path / "lan-1.xlsx", HAI_SON)
    second = unit_workbook(tmp_path / "lan-2.xlsx", HAI_SON, lambda s: s[F.SHEET_RESULTS][3].__setitem__(2, "Hoàn thành"))
    browser.upload(first)
    browser.upload(second)
    uploads = rows(portal, Upload)
    assert [u.state for u in uploads] == ["xong", "xong"]
    assert uploads[0].file_hash != uploads[1].file_hash
    store = portal.extensions["make_report"]["store"]
    assert store.read(uploads[0].file_hash) == first.read_bytes()  # the superseded one is still there
    with portal.extensions["make_report"]["database"].session() as s:
        _, matrix = year_matrix(s, 2024)
    row = next(r for r in matrix if r.account.login == "xa-hai-son")
    assert row.cells[0].upload_id == uploads[1].id
    history = browser.get("/don-vi").text
    assert history.count("Đã tạo văn bản") == 2
    assert browser.get(f"/lan/{uploads[0].id}/so.xlsx").data == first.read_bytes()


def test_a_unit_cannot_reach_another_units_upload_documents_or_zip(portal, tmp_path):
    from pipeline.web.db import Document, Upload

    owner = unit(portal, "xa-hai-son")
    owner.upload(unit_workbook(tmp_path / "a.xlsx", HAI_SON))
    other = unit(portal, "xa-hai-an")
    other.upload(unit_workbook(tmp_path / "b.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI AN"))
    mine, theirs = rows(portal, Upload)
    doc = rows(portal, Document, Document.upload_id == mine.id)[0]
    their_doc = rows(portal, Document, Document.upload_id == theirs.id)[0]
    guesses = [f"/lan/{mine.id}", f"/lan/{mine.id}/so.xlsx", f"/lan/{mine.id}/van-ban.zip",
               f"/lan/{mine.id}/van-ban/{doc.id}.docx", f"/lan/{mine.id}/van-ban/{doc.id}.pdf",
               f"/lan/{mine.id}/xem/{doc.id}/1.png",
               # their own upload id with the other unit's document id
               f"/lan/{theirs.id}/van-ban/{doc.id}.docx",
               "/tinh/", "/tinh/tong-hop/2024/quy-1.docx", "/tinh/van-ban/2024/quy-1.zip", "/tinh/tai-khoan",
               f"/lan/{mine.id}/van-ban/{doc.id}.docx/../../{theirs.id}", "/lan/999/so.xlsx",
               f"/objects/{mine.file_hash[:2]}/{mine.file_hash}", f"/static/../objects/{mine.file_hash}"]
    for url in guesses:
        response = other.get(url)
        assert response.status_code == 404, url
    assert other.get(f"/lan/{theirs.id}/van-ban/{their_doc.id}.docx").status_code == 200
    # The province sees both.
    province = unit(portal, "snv")
    assert province.get(f"/lan/{mine.id}/van-ban.zip").status_code == 200


def test_each_document_is_headed_by_what_a_person_calls_it(portal, tmp_path):
    browser = unit(portal)
    page = browser.get(browser.upload(unit_workbook(tmp_path / "so.xlsx", HAI_SON)).location).text
    headings = [re.sub(r"\s+", " ", h).strip() for h in re.findall(r"<h2>(.*?)</h2>", page, re.S)]
    kinds = [h.split(" ", 2)[:2] for h in headings]
    assert kinds == [["Kế", "hoạch"], ["Phụ", "lục"], ["Báo", "cáo"]], headings
    assert "Khắc phục" in headings[0]  # the plan's trích yếu
    assert headings[2].startswith("Báo cáo Kết quả thực hiện Kế hoạch số 25/KH-UBND")  # the one the report makes
    assert page.count('class="ten-tep"') == 3 and "xa-hai-son_ke-hoach-2024.docx" in page


def test_a_unit_that_uploads_another_units_workbook_is_told_so(portal, tmp_path):
    """The province counts a workbook for the unit it names; the unit that sent it learns it sent the
    wrong file on its own page, not from the province."""
    from pipeline.web.db import Upload

    hai_an = unit(portal, "xa-hai-an")
    hai_an.upload(unit_workbook(tmp_path / "nham.xlsx", HAI_SON))
    hai_an.upload(unit_workbook(tmp_path / "dung.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI AN"))
    wrong, right = rows(portal, Upload)
    warning = "sổ này là của Xã Hải Sơn, không phải của Xã Hải An"
    assert wrong.state == "xong" and warning in hai_an.get(f"/lan/{wrong.id}").text
    assert "không phải của" not in hai_an.get(f"/lan/{right.id}").text


@pytest.mark.parametrize("agency, account, same", [
    ("Xã Hải Định", "UBND xã Hải Định", True), ("Xã Hải Định", "Hải Định", True), ("Xã Hòa Bình", "Xã Hoà Bình", True),
    ("Xã Hải An Đông", "Xã Hải An", False), ("Phường 11", "Phường 1", False), ("Xã Đông Hải An", "Hải An", False),
    ("Phường 1", "Xã 1", False),
])
def test_a_workbooks_unit_is_the_accounts_however_the_province_wrote_the_name(agency, account, same):
    from pipeline.vietnamese import names_one_unit

    assert names_one_unit(agency, account) is same


def test_each_unit_counts_its_own_uploads_from_one(portal, tmp_path):
    from pipeline.web.db import Upload

    workbook = unit_workbook(tmp_path / "so.xlsx", HAI_SON)
    for _ in range(2):
        unit(portal).upload(workbook)
    hai_an = unit(portal, "xa-hai-an")
    hai_an.upload(unit_workbook(tmp_path / "an.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI AN"))
    theirs = rows(portal, Upload)[-1]
    assert theirs.id > 1 and "<h1>Lần tải lên 1: báo cáo" in hai_an.get(f"/lan/{theirs.id}").text
    history = hai_an.get("/don-vi").text.split("Các lần tải lên")[1]
    assert re.search(r"<tr>\s*<td>1</td>", history) and f"<td>{theirs.id}</td>" not in history


def test_workbook_text_is_escaped_on_every_page(portal, tmp_path):
    hostile = "<script>alert('x')</script> {{ 7*7 }} {% raw %}"

    def hostile_text(sheets):
        sheets[F.SHEET_TASKS][0][1] = hostile
        sheets[F.SHEET_TASKS][2][5] = hostile  # a bad deadline: quoted in the problem message

    browser = unit(portal)
    bad = browser.get(browser.upload(unit_workbook(tmp_path / "x.xlsx", HAI_SON, hostile_text),
                                     name="<img src=x onerror=alert(1)>.xlsx").location).text
    good = browser.get(browser.upload(unit_workbook(tmp_path / "y.xlsx", HAI_SON,
                                                    lambda s: s[F.SHEET_TASKS][0].__setitem__(1, hostile))).location).text
    for page in (bad, good, browser.get("/don-vi").text):
        assert "<script>" not in page and "<img src=x" not in page
        assert "&lt;/script&gt; 49" not in page  # `{{ 7*7 }}` is text, never evaluated
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; {{ 7*7 }}" in good  # shown, as text
    assert "{{ 7*7 }}" in bad
    assert "&lt;img src=x onerror=alert(1)&gt;.xlsx" in browser.get("/don-vi").text
    # The province's matrix quotes a refused workbook's first problem: as text too.
    unit(portal, "xa-hai-an").upload(unit_workbook(tmp_path / "z.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI AN", hostile_text))
    matrix = unit(portal, "snv").get("/tinh/?nam=2024").text
    refused = matrix.split("Xã Hải An</th>")[1].split("</tr>")[0]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; {{ 7*7 }}" in refused
    assert "<script>" not in matrix and "&lt;/script&gt; 49" not in matrix


@pytest.mark.parametrize("content, expected", [
    (b"", "tệp rỗng (0 byte)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "sổ Excel dạng cũ (.xls)"),
    (b"ma,ten\n1,2\n", "không phải sổ Excel (.xlsx)"),
])
def test_a_hostile_or_wrong_file_gets_the_cli_refusal_on_the_page(portal, tmp_path, content, expected):
    path = tmp_path / "so.xlsx"
    path.write_bytes(content)
    [problem] = cli_problems(path)
    assert expected in problem.message
    browser = unit(portal)
    page = browser.get(browser.upload(path).location).text
    from markupsafe import escape

    assert f"<td>{escape(problem.message)}</td><td>{escape(problem.hint)}</td>" in page


def test_a_zip_bomb_is_refused_as_on_the_command_line(portal, tmp_path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    [problem] = cli_problems(path)
    browser = unit(portal)
    page = browser.get(browser.upload(path).location).text
    from markupsafe import escape

    assert escape(problem.message) in page


def test_an_upload_over_the_size_limit_is_refused_and_not_recorded(tmp_path):
    from pipeline.web.db import Upload

    app = make_portal(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}", max_upload_bytes=2000)
    add_account(app, "xa-hai-son", "Xã Hải Sơn")
    browser = unit(app)
    response = browser.upload(unit_workbook(tmp_path / "so.xlsx", HAI_SON))
    assert response.status_code == 413
    assert "Tệp lớn quá" in response.text
    assert rows(app, Upload) == []


def test_every_form_needs_its_csrf_token(portal, tmp_path):
    from pipeline.web.db import Upload

    browser = unit(portal)
    with open(unit_workbook(tmp_path / "so.xlsx", HAI_SON), "rb") as fh:
        response = browser.client.post("/don-vi/tai-len", data={"nam": "2024", "ky": "quy-1", "so": (fh, "so.xlsx")},
                                       content_type="multipart/form-data")
    assert response.status_code == 400
    assert rows(portal, Upload) == []
    fresh = Browser(portal)
    assert fresh.client.post("/dang-nhap", data={"login": "xa-hai-son", "password": "mat-khau-dai-1"}).status_code == 400


def test_sign_in_attempts_are_limited_and_logged(portal):
    from pipeline.web.db import AuditEvent

    browser = Browser(portal)
    for _ in range(5):
        assert browser.sign_in("xa-hai-son", "sai-mat-khau").status_code == 401
    refused = browser.sign_in("xa-hai-son", "mat-khau-dai-1")
    assert refused.status_code == 401 and "chờ 15 phút" in refused.text
    assert [e.action for e in rows(portal, AuditEvent)] == ["dang-nhap-sai"] * 5
    assert unit(portal, "xa-hai-an").get("/don-vi").status_code == 200  # another unit, another login


def test_a_stranger_failing_elsewhere_cannot_lock_a_unit_out_and_a_reset_unlocks_at_once(portal):
    from pipeline.web.db import Account

    stranger = Browser(portal)
    stranger.client.environ_base["REMOTE_ADDR"] = "203.0.113.66"
    for _ in range(5):
        assert stranger.sign_in("xa-hai-son", "sai-mat-khau").status_code == 401
    assert "chờ 15 phút" in stranger.sign_in("xa-hai-son", "mat-khau-dai-1").text  # that computer waits
    assert unit(portal).get("/don-vi").status_code == 200  # the commune's own computer does not

    [hai_son] = rows(portal, Account, Account.login == "xa-hai-son")
    reset = unit(portal, "snv").post("/tinh/tai-khoan", {"viec": "dat-lai", "id": str(hai_son.id)}, "/tinh/tai-khoan")
    password = re.search(r"<code>([^<]+)</code>", reset.text).group(1)
    assert stranger.sign_in("xa-hai-son", password).status_code == 302  # a new password counts at once


def from_address(app, address: str, forwarded: str = "") -> Browser:
    browser = Browser(app)
    browser.client.environ_base["REMOTE_ADDR"] = address
    if forwarded:
        browser.client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded
    return browser


def test_guesses_spread_over_many_computers_stop_all_but_the_units_own(portal, monkeypatch):
    from pipeline.web import accounts

    monkeypatch.setattr(accounts, "MAX_FAILED_PER_LOGIN", 10)
    assert from_address(portal, "198.51.100.7").sign_in("xa-hai-son", "mat-khau-dai-1").status_code == 302  # its own
    for address in ("203.0.113.1", "203.0.113.2"):
        for _ in range(5):
            assert from_address(portal, address).sign_in("xa-hai-son", "sai-mat-khau").status_code == 401
    refused = from_address(portal, "203.0.113.3").sign_in("xa-hai-son", "mat-khau-dai-1")
    assert refused.status_code == 401 and "từ nhiều máy" in refused.text
    assert from_address(portal, "198.51.100.7").sign_in("xa-hai-son", "mat-khau-dai-1").status_code == 302


def test_only_a_new_password_wipes_the_failures_not_another_event_naming_the_login(portal):
    from pipeline.web.db import Account

    stranger = from_address(portal, "203.0.113.66")
    for _ in range(5):
        stranger.sign_in("xa-hai-son", "sai-mat-khau")
    [hai_son] = rows(portal, Account, Account.login == "xa-hai-son")
    province = unit(portal, "snv")
    for action in ("khoa", "mo"):  # audited with the login as detail, as a reset is
        province.post("/tinh/tai-khoan", {"viec": action, "id": str(hai_son.id)}, "/tinh/tai-khoan")
    assert "chờ 15 phút" in stranger.sign_in("xa-hai-son", "mat-khau-dai-1").text


@pytest.mark.parametrize("proxies, locked_out", [(0, True), (1, False)])
def test_behind_a_proxy_each_visitor_is_its_forwarded_address_and_only_then(tmp_path, proxies, locked_out):
    """Behind nginx every request comes from 127.0.0.1: told so (MAKE_REPORT_WEB_PROXIES), the portal
    tells visitors apart by X-Forwarded-For; not told, it never believes the header."""
    app = make_portal(tmp_path, database_url("sqlite", tmp_path), proxies=proxies)
    add_account(app, "xa-hai-son", "Xã Hải Sơn")
    for _ in range(5):
        from_address(app, "127.0.0.1", "203.0.113.66").sign_in("xa-hai-son", "sai-mat-khau")
    clerk = from_address(app, "127.0.0.1", "198.51.100.7").sign_in("xa-hai-son", "mat-khau-dai-1")
    assert (clerk.status_code == 401) == locked_out


def test_signing_out_ends_the_session_even_for_a_copy_of_its_cookie(portal):
    browser = unit(portal)
    cookie = browser.client.get_cookie("make_report_phien").value
    copy = Browser(portal)
    copy.client.set_cookie("make_report_phien", cookie)
    assert copy.get("/don-vi").status_code == 200
    assert browser.post("/dang-xuat", {}, "/don-vi").status_code == 302
    assert copy.get("/don-vi").status_code == 302 and browser.get("/don-vi").status_code == 302
    assert unit(portal).get("/don-vi").status_code == 200  # signing in again works


def test_signing_out_on_one_computer_leaves_the_accounts_other_sessions_and_everywhere_ends_them(portal):
    """Two officers share the province's login: one signing out does not sign the other out;
    `Đăng xuất mọi máy` ends every session, and each is recorded in the log."""
    from pipeline.web.db import AuditEvent, EndedSession

    first, second = unit(portal, "snv"), unit(portal, "snv")
    assert first.post("/dang-xuat", {}, "/tinh/").status_code == 302
    assert first.get("/tinh/").status_code == 302 and second.get("/tinh/").status_code == 200
    third = unit(portal, "snv")
    assert second.post("/dang-xuat-moi-may", {}, "/tinh/").status_code == 302
    assert second.get("/tinh/").status_code == 302 and third.get("/tinh/").status_code == 302
    actions = [e.action for e in rows(portal, AuditEvent, AuditEvent.login == "snv")]
    assert [a for a in actions if a.startswith("dang-xuat")] == ["dang-xuat", "dang-xuat-moi-may"]
    assert len(rows(portal, EndedSession)) == 2


def test_a_session_ends_thirty_days_after_its_sign_in_and_old_ended_ids_are_let_go(portal, monkeypatch):
    import time

    from pipeline.web import accounts
    from pipeline.web.db import EndedSession

    browser, other = unit(portal), unit(portal)
    assert browser.post("/dang-xuat", {}, "/don-vi").status_code == 302
    assert len(rows(portal, EndedSession)) == 1
    later = time.time() + accounts.SESSION_DAYS * 86400 + 60
    monkeypatch.setattr(accounts.time, "time", lambda: later)
    assert other.get("/don-vi").status_code == 302  # too old: sign in again
    from datetime import timedelta

    from pipeline.web.db import utcnow

    monkeypatch.setattr(accounts, "utcnow", lambda: utcnow() + timedelta(days=accounts.SESSION_DAYS + 2))
    fresh = unit(portal)
    assert fresh.get("/don-vi").status_code == 200
    assert fresh.post("/dang-xuat", {}, "/don-vi").status_code == 302
    assert len(rows(portal, EndedSession)) == 1  # the first ended id, past any live cookie, was let go


def test_passwords_are_argon2_and_the_session_cookie_is_signed_httponly_samesite(portal):
    from argon2 import PasswordHasher

    from pipeline.web.accounts import create_account

    with portal.extensions["make_report"]["database"].session() as s:  # the portal's own hash, not a test's
        stored = create_account(s, "xa-hai-lam", "Xã Hải Lâm", password="mat-khau-dai-2").password_hash
    assert stored.startswith("$argon2id$") and not PasswordHasher().check_needs_rehash(stored)  # full cost
    browser = Browser(portal)
    response = browser.sign_in("xa-hai-lam", "mat-khau-dai-2")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    value = cookie.split("=", 1)[1].split(";")[0]
    forged = Browser(portal)
    forged.client.set_cookie("make_report_phien", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert forged.get("/don-vi").status_code == 302


def test_the_province_manages_accounts_and_a_reset_or_disable_ends_sessions(portal):
    province = unit(portal, "snv")
    page = province.post("/tinh/tai-khoan", {"viec": "nhap", "danh-sach": "xa-hai-dinh;Xã Hải Định\n"
                                             "phuong-tran-bien,Phường Trấn Biên"}, "/tinh/tai-khoan").text
    assert "xa-hai-dinh" in page and "Phường Trấn Biên" in page
    import re

    passwords = dict(re.findall(r"<tr><td>([a-z-]+)</td><td>[^<]+</td><td><code>([^<]+)</code>", page))
    assert set(passwords) == {"xa-hai-dinh", "phuong-tran-bien"}
    newcomer = Browser(portal)
    assert newcomer.sign_in("xa-hai-dinh", passwords["xa-hai-dinh"]).status_code == 302

    bad = province.post("/tinh/tai-khoan", {"viec": "nhap", "danh-sach": "xa-moi;Xã Mới\nKHÔNG HỢP LỆ;X"},
                        "/tinh/tai-khoan")
    assert bad.status_code == 400 and "dòng 2" in bad.text
    assert Browser(portal).sign_in("xa-moi", "x").status_code == 401  # the list was not half-imported

    from pipeline.web.db import Account

    [hai_dinh] = rows(portal, Account, Account.login == "xa-hai-dinh")
    reset = province.post("/tinh/tai-khoan", {"viec": "dat-lai", "id": str(hai_dinh.id)}, "/tinh/tai-khoan").text
    assert newcomer.get("/don-vi").status_code == 302  # the old session is over
    new_password = re.search(r"<code>([^<]+)</code>", reset).group(1)
    assert new_password != passwords["xa-hai-dinh"]
    again = Browser(portal)
    assert again.sign_in("xa-hai-dinh", new_password).status_code == 302
    province.post("/tinh/tai-khoan", {"viec": "khoa", "id": str(hai_dinh.id)}, "/tinh/tai-khoan")
    assert again.get("/don-vi").status_code == 302
    assert "đã bị khóa" in Browser(portal).sign_in("xa-hai-dinh", new_password).text


def test_a_reset_is_asked_before_it_is_done(portal):
    from pipeline.web.db import Account

    [hai_son] = rows(portal, Account, Account.login == "xa-hai-son")
    clerk = unit(portal)
    page = unit(portal, "snv").post("/tinh/tai-khoan", {"viec": "hoi-dat-lai", "id": str(hai_son.id)}, "/tinh/tai-khoan")
    assert page.status_code == 200 and "Đặt lại mật khẩu của <strong>Xã Hải Sơn</strong>" in page.text
    assert 'value="dat-lai"' in page.text and 'id="mat-khau-moi"' not in page.text  # asked, not done
    assert clerk.get("/don-vi").status_code == 200
    assert Browser(portal).sign_in("xa-hai-son", "mat-khau-dai-1").status_code == 302


def test_a_wrong_list_of_units_names_every_wrong_line_and_comes_back_to_fix(portal):
    from pipeline.web.db import Account

    typed = "xa-moi;Xã Mới\nxa-hai-son;Xã Hải Sơn\nxa-loi;\nKHÔNG HỢP LỆ;X\n"
    page = unit(portal, "snv").post("/tinh/tai-khoan", {"viec": "nhap", "danh-sach": typed}, "/tinh/tai-khoan")
    assert page.status_code == 400
    assert all(f"dòng {n}:" in page.text for n in (2, 3, 4)) and "dòng 1:" not in page.text
    assert "xa-moi;Xã Mới" in page.text.split("<textarea")[1]  # the list, to fix rather than retype
    assert rows(portal, Account, Account.login == "xa-moi") == []


def test_a_made_password_has_no_character_read_two_ways():
    from pipeline.web.accounts import new_password

    passwords = [new_password() for _ in range(200)]
    assert all(len(p) == 12 and not set(p) & set("0O1lI5S") for p in passwords) and len(set(passwords)) == 200


def test_the_audit_log_holds_sign_ins_uploads_and_downloads(portal, tmp_path):
    from pipeline.web.db import AuditEvent, Upload

    browser = unit(portal)
    browser.upload(unit_workbook(tmp_path / "so.xlsx", HAI_SON))
    [upload] = rows(portal, Upload)
    browser.get(f"/lan/{upload.id}/van-ban.zip")
    browser.get(f"/lan/{upload.id}/so.xlsx")
    events = rows(portal, AuditEvent)
    assert [(e.login, e.action) for e in events] == [("xa-hai-son", "dang-nhap"), ("xa-hai-son", "tai-len"),
                                                     ("xa-hai-son", "tai-ve"), ("xa-hai-son", "tai-ve")]
    assert upload.file_hash in events[1].detail


def test_the_province_reads_the_log_and_a_unit_cannot(portal, tmp_path, monkeypatch):
    from pipeline.web import views_log

    browser = unit(portal)
    browser.upload(unit_workbook(tmp_path / "so.xlsx", HAI_SON))
    Browser(portal).sign_in("<b>ai</b>", "sai-mat-khau")  # a login typed by anyone is shown escaped
    Browser(portal).sign_in("xa-hai-an", "sai-mat-khau")
    assert browser.get("/tinh/nhat-ky").status_code == 404
    province = unit(portal, "snv")
    page = province.get("/tinh/nhat-ky").text
    events = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>", page)
    assert events == [("snv", "Đăng nhập"), ("xa-hai-an", "Đăng nhập sai"), ("&lt;b&gt;ai&lt;/b&gt;", "Đăng nhập sai"),
                      ("xa-hai-son", "Tải lên"), ("xa-hai-son", "Đăng nhập")]  # newest first
    assert "<b>ai</b>" not in page
    only = province.get("/tinh/nhat-ky?ai=xa-hai-an").text.split('id="nhat-ky"')[1]
    assert "Đăng nhập sai" in only and "xa-hai-son" not in only
    monkeypatch.setattr(views_log, "PAGE", 2)
    first = province.get("/tinh/nhat-ky").text
    older = re.search(r'href="(/tinh/nhat-ky\?truoc=\d+)"', first).group(1)
    assert "Đăng nhập" in province.get(older).text.split('id="nhat-ky"')[1]


def test_a_new_workbook_is_the_one_init_writes(portal, tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    browser = unit(portal)
    response = browser.get("/so-moi.xlsx?nam=2027")
    assert response.status_code == 200
    assert CliRunner().invoke(main, ["init", str(tmp_path / "moi.xlsx"), "--year", "2027"]).exit_code == 0
    from openpyxl import load_workbook

    ours = load_workbook(io.BytesIO(response.data))
    theirs = load_workbook(tmp_path / "moi.xlsx")
    assert ours.sheetnames == theirs.sheetnames
    for name in ours.sheetnames:
        assert [list(r) for r in ours[name].iter_rows(values_only=True)] == \
               [list(r) for r in theirs[name].iter_rows(values_only=True)]


def test_the_schema_of_the_models_is_the_one_the_migrations_make(portal):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pipeline.web.db import Base

    engine = portal.extensions["make_report"]["database"].engine
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_local_mode_needs_no_account_and_opens_on_the_upload_form(tmp_path):
    app = make_portal(tmp_path, None, local=True)
    browser = Browser(app)
    first = browser.get("/", follow_redirects=True).text
    assert 'type="file" name="so"' in first and 'name="ky"' in first and "Đăng xuất" not in first
    result = browser.get(browser.upload(unit_workbook(tmp_path / "so.xlsx", HAI_SON)).location).text
    import re

    links = re.findall(r'href="(/lan/\d+/van-ban/\d+\.docx)"', result)
    assert len(links) == 3
    assert all(browser.get(link).status_code == 200 for link in links)
    assert "không phải của" not in result  # the one local unit's name is no commune's: never warned
    assert browser.get("/tinh/").status_code == 404
    assert (tmp_path / "du-lieu.db").is_file()  # SQLite beside the data folder by default


def test_the_province_creates_one_account_and_enables_a_disabled_one_again(portal):
    import re

    from pipeline.web.db import Account, AuditEvent

    province = unit(portal, "snv")
    page = province.post("/tinh/tai-khoan", {"viec": "tao", "login": "Dac-Khu-Con-Dao", "ten": "Đặc khu Côn Đảo"},
                         "/tinh/tai-khoan").text
    [(login, password)] = re.findall(r"<tr><td>([a-z-]+)</td><td>[^<]+</td><td><code>([^<]+)</code>", page)
    assert login == "dac-khu-con-dao"  # the login as it must be typed: lower case
    assert Browser(portal).sign_in("dac-khu-con-dao", password).status_code == 302
    again = province.post("/tinh/tai-khoan", {"viec": "tao", "login": "dac-khu-con-dao", "ten": "Côn Đảo"},
                          "/tinh/tai-khoan")
    assert again.status_code == 400 and "đã có" in again.text

    [account] = rows(portal, Account, Account.login == "dac-khu-con-dao")
    province.post("/tinh/tai-khoan", {"viec": "khoa", "id": str(account.id)}, "/tinh/tai-khoan")
    assert "đã bị khóa" in Browser(portal).sign_in("dac-khu-con-dao", password).text
    province.post("/tinh/tai-khoan", {"viec": "mo", "id": str(account.id)}, "/tinh/tai-khoan")
    assert Browser(portal).sign_in("dac-khu-con-dao", password).status_code == 302
    # A unit's id is all the form takes: the province's own account is out of its reach.
    [snv] = rows(portal, Account, Account.login == "snv")
    refused = province.post("/tinh/tai-khoan", {"viec": "khoa", "id": str(snv.id)}, "/tinh/tai-khoan")
    assert refused.status_code == 400 and not rows(portal, Account, Account.login == "snv")[0].disabled
    assert [e.action for e in rows(portal, AuditEvent, AuditEvent.login == "snv")][1:] == \
        ["tao-tai-khoan", "khoa-tai-khoan", "mo-tai-khoan"]


def test_no_form_of_the_portal_is_accepted_without_its_csrf_token(portal):
    from pipeline.web.db import AuditEvent

    before = len(rows(portal, AuditEvent))
    province = unit(portal, "snv")
    posts = sorted(rule.rule for rule in portal.url_map.iter_rules() if "POST" in rule.methods)
    assert posts == ["/dang-nhap", "/dang-xuat", "/dang-xuat-moi-may", "/don-vi/tai-len", "/tinh/han", "/tinh/so-thong-tin",
                     "/tinh/tai-khoan"]
    for url in posts:
        response = province.client.post(url, data={"nam": "2024", "viec": "tao", "login": "xa-moi", "ten": "Xã Mới"})
        assert response.status_code == 400, url
        assert province.get("/tinh/").status_code == 200, url  # still signed in: sign-out was refused too
    assert len(rows(portal, AuditEvent)) == before + 1  # only the province's sign-in


def test_an_uploaded_file_name_is_never_a_path(portal, tmp_path):
    from pipeline.web.db import Upload

    browser = unit(portal)
    data = portal.extensions["make_report"]["store"].root
    browser.upload(unit_workbook(tmp_path / "so.xlsx", HAI_SON), name="../../../khong-duoc/..\\so cua xa.xlsx")
    [upload] = rows(portal, Upload)
    assert upload.original_name == "so cua xa.xlsx"  # kept to show, never to name a file
    assert sorted(p.name for p in data.iterdir()) == ["objects", "tmp"]
    assert not (tmp_path / "khong-duoc").exists() and not (data.parent / "khong-duoc").exists()
    named = [p.name for p in (data / "objects").rglob("*") if p.is_file()]
    assert upload.file_hash in named and all(len(name) == 64 for name in named)


def test_without_libreoffice_each_document_is_shown_as_plain_html(portal, tmp_path):
    import re

    from docx import Document as Docx

    browser = unit(portal)
    page = browser.get(browser.upload(unit_workbook(tmp_path / "so.xlsx", HAI_SON)).location).text
    assert "<img" not in page and "Tải PDF" not in page
    shown = page.split('<div class="ban-xem">')[1:]
    assert len(shown) == 3
    # The report's paragraphs in their order, and its tables as tables.
    report = next(part for part in shown if "BÁO CÁO" in part)
    from pipeline import generate

    written = next(p for p in generate(unit_workbook(tmp_path / "cli.xlsx", HAI_SON), tmp_path / "cli", "quy-1").written
                   if "_bao-cao-" in p.name)
    from markupsafe import escape

    paragraphs = [str(escape(p.text)) for p in Docx(str(written)).paragraphs if p.text.strip()]
    texts = [text for text in re.findall(r"<p class=\"[^\"]*\">(.*?)</p>", report, re.S)]
    assert texts == paragraphs and len(texts) >= 10
    assert "<table><tr><td>" in report


def test_an_unexpected_server_error_is_a_vietnamese_page_without_a_traceback(tmp_path):
    app = make_portal(tmp_path, None, local=True)

    def broken():
        raise RuntimeError("secret detail of the server")

    app.add_url_rule("/hong", "hong", broken)
    response = Browser(app).get("/hong")
    assert response.status_code == 500
    assert "Máy chủ gặp lỗi không mong đợi" in response.text
    assert "secret detail" not in response.text and "Traceback" not in response.text
    app.extensions["make_report"]["database"].dispose()


def test_a_hint_on_the_page_names_no_command_line(portal, tmp_path):
    """The library's hints are written for `make-report`; the portal says what its own user does."""
    from pipeline.errors import UnexpectedFailure
    from pipeline.web.generation import in_portal_words, refused

    browser = unit(portal)
    page = browser.get(browser.upload(unit_workbook(tmp_path / "so.xlsx", HAI_SON), period="quy-3").location).text
    assert "Báo cáo quý III" in page and "rồi tải sổ lên lại" in page  # no such Văn bản row: add it, upload again
    # The text a user reads: a form's random token (`…v--RUz…`) is not a command-line option.
    visible = re.sub(r"<[^>]*>", " ", page.split("<body")[1])
    assert "chạy lại" not in visible and "--" not in visible
    crash = refused(UnexpectedFailure.of(ValueError("x")))["problems"][0]["hint"]
    assert crash == "báo cho người quản trị cổng, kèm sổ đã tải lên"
    assert in_portal_words("nhập kết quả quý III ở trang Kết quả, hoặc chạy riêng sổ này với --ky") == \
        "nhập kết quả quý III ở trang Kết quả, hoặc chọn kỳ khác ở ô Kỳ báo cáo"
    assert in_portal_words("thêm dòng “Báo cáo quý II” rồi chạy lại, hoặc chọn kỳ 6 tháng mà sổ có dòng bằng --ky "
                           "6-thang") == ("thêm dòng “Báo cáo quý II” rồi tải sổ lên lại, hoặc chọn kỳ 6 tháng mà sổ "
                                          "có dòng ở ô Kỳ báo cáo")
