"""The province's pages: the units × periods matrix, roll-up and ZIP downloads, accounts, deadlines."""

from __future__ import annotations

import io
from datetime import date

from flask import Blueprint, abort, g, redirect, render_template, request, send_file, url_for
from sqlalchemy import select

from .accounts import AccountProblem, audit, create_account, import_accounts, reset_password, set_disabled
from .context import client_address, portal
from .charts import completion_chart, percent
from .db import Account, Deadline, Setting
from .reporting import YearUploads, absent_units, counted_uploads, deadlines_of, unit_accounts, year_matrix, year_periods
from .rollups import make_rollup
from .views_unit import DOCX, XLSX, zip_of

blueprint = Blueprint("province", __name__, url_prefix="/tinh")
ISSUER_SETTING = "so-thong-tin"
"""The information workbook kept before they were kept per year: what a year with none of its own uses."""


def issuer_setting_key(year: int) -> str:
    return f"{ISSUER_SETTING}-{year}"


def issuer_of(s, year: int) -> Setting | None:
    """The province's information workbook for the year's roll-ups (one a year: its rows, dates and
    signer are the year's)."""
    return issuer_and_notice(s, year)[0]


def issuer_and_notice(s, year: int) -> tuple[Setting | None, str]:
    """`issuer_of`, and what the province page says of a workbook kept from before per-year keys that
    cannot be read (empty when there is none)."""
    notice = _file_kept_before_years(s)
    return s.get(Setting, issuer_setting_key(year)), notice


def _file_kept_before_years(s) -> str:
    """The information workbook a portal kept before they were kept per year goes under its own year,
    once: taken for every year, it signed another year's roll-ups with its year's rows and signer. One
    that cannot be read now (the store unreachable, or stricter rules) is left where it is, unused, and
    tried again on the next page; the page says so (returned here): the province's file is never
    dropped unsaid, nor left unused unsaid."""
    from sqlalchemy import delete
    from sqlalchemy.exc import IntegrityError

    from pipeline import MakeReportError, read_issuer_workbook

    kept = s.get(Setting, ISSUER_SETTING)
    if kept is None:
        return ""
    try:
        with portal()["store"].copy_named(kept.value, "thong-tin.xlsx") as path:
            year = read_issuer_workbook(path).year
    except (MakeReportError, OSError, ValueError) as exc:
        reason = exc.summary() if isinstance(exc, MakeReportError) else "không mở được tệp đã lưu"
        return (f"Sổ thông tin tổng hợp lưu từ phiên bản trước của cổng không đọc được ({reason}) nên chưa "
                "dùng cho năm nào: tải sổ thông tin lên lại ở đây cho từng năm cần tổng hợp (thông báo này hết "
                "khi đã tải lên một sổ).")
    if s.get(Setting, issuer_setting_key(year)) is None:
        try:
            with s.begin_nested():  # two first pages at once: the second finds the key taken
                s.add(Setting(key=issuer_setting_key(year), value=kept.value))
        except IntegrityError:
            pass
    s.execute(delete(Setting).where(Setting.key == ISSUER_SETTING))  # no error when another page did it
    return ""


@blueprint.before_request
def province_only():
    if g.account is None or not g.account.is_province:
        abort(404)


def _year() -> int:
    year = request.args.get("nam", type=int) or request.form.get("nam", type=int) or date.today().year
    if not 1990 <= year <= 2100:
        abort(404)
    return year


def _period(year: int, key: str):
    period = next((p for p in year_periods(year) if p.key == key), None)
    if period is None:
        abort(404)
    return period


@blueprint.get("/")
def matrix():
    year = _year()
    with portal()["database"].session() as s:
        known = YearUploads.read(s, year)
        periods, rows = year_matrix(s, year, known)
        issuer, issuer_notice = issuer_and_notice(s, year)
        due = deadlines_of(s, year)
        counted = {p.key for p in periods if counted_uploads(s, year, p.key, known)}
    labels = [p.short_name for p in periods]
    charts = {row.account.id: completion_chart(labels, row.completion) for row in rows}
    return render_template("tinh.html", year=year, periods=periods, rows=rows, charts=charts, percent=percent,
                           has_issuer=issuer is not None, issuer_notice=issuer_notice, due=due,
                           message=request.args.get("tb", ""), counted=counted,
                           processing=any(c.status == "dang-xu-ly" for row in rows for c in row.cells))


@blueprint.get("/tong-hop/<int:year>/<key>.<kind>")
def rollup(year: int, key: str, kind: str):
    """The roll-up of the period's counted workbooks, made by `generate_rollup` in a worker."""
    period = _period(year, key)
    if kind not in ("docx", "xlsx"):
        abort(404)
    parts = portal()
    with parts["database"].session() as s:
        issuer = issuer_of(s, year)
        known = YearUploads.read(s, year)
        counted = counted_uploads(s, year, key, known)
        workbooks = [(account.login, upload.file_hash) for account, upload in counted]
        absent = absent_units(s, year, key, counted, known)
    if issuer is None:
        return _refusal("chưa có sổ thông tin của cơ quan tổng hợp — tải lên sổ đó ở mục “Sổ thông tin tổng hợp”", year)
    if not workbooks:
        return _refusal(f"chưa đơn vị nào có báo cáo {period.name} được chấp nhận", year)
    outcome = parts["generator"].run(make_rollup, str(parts["store"].root), workbooks, issuer.value, key, absent)
    if "problems" in outcome:
        problem = outcome["problems"][0]
        return _refusal(problem["message"] + (f" — {problem['hint']}" if problem["hint"] else ""), year)
    suffix = "." + kind
    with parts["database"].session() as s:
        audit(s, "tai-ve", g.account, f"tổng hợp {key}-{year}: {outcome['summary']}", client_address())
    return send_file(parts["store"].path(outcome["files"][suffix]), mimetype=DOCX if kind == "docx" else XLSX,
                     as_attachment=True, download_name=outcome["names"][suffix])


def _refusal(message: str, year: int):
    return render_template("loi.html", code=409, message=message, back=url_for("province.matrix", nam=year)), 409


@blueprint.get("/van-ban/<int:year>/<key>.zip")
def period_zip(year: int, key: str):
    """Every counted unit's documents of the period, one folder per unit."""
    _period(year, key)
    with portal()["database"].session() as s:
        members = []
        for account, upload in counted_uploads(s, year, key):
            for d in upload.documents:
                members.append((f"{account.login}/{d.name}.docx", d.docx_hash))
                if d.pdf_hash:
                    members.append((f"{account.login}/{d.name}.pdf", d.pdf_hash))
        audit(s, "tai-ve", g.account, f"ZIP văn bản {key}-{year}", client_address())
    if not members:
        return _refusal("kỳ này chưa có văn bản nào của đơn vị", year)
    data = zip_of(members, portal()["store"])
    return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                     download_name=f"van-ban_{key}-{year}.zip")


@blueprint.get("/so-thong-tin-trong.xlsx")
def blank_issuer_workbook():
    """`make-report init --tinh`: the province's blank information workbook for the year."""
    import tempfile
    from pathlib import Path

    from pipeline.workbook.new import blank_issuer_workbook as blank

    year = _year()
    with tempfile.TemporaryDirectory(prefix="make-report-so-thong-tin-") as work:
        data = blank(Path(work) / "so.xlsx", year).read_bytes()
    with portal()["database"].session() as s:
        audit(s, "tai-ve", g.account, f"sổ thông tin trống năm {year}", client_address())
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=f"thong-tin-tong-hop-{year}.xlsx")


@blueprint.post("/so-thong-tin")
def issuer_workbook():
    """The province's own small workbook (`tong-hop --thong-tin`), checked by the library before it is kept."""
    from pipeline import MakeReportError, read_issuer_workbook

    year = _year()
    sent = request.files.get("so")
    if sent is None or not sent.filename:
        return _refusal("chưa chọn tệp sổ thông tin", year)
    parts = portal()
    stored = parts["store"].put_stream(sent.stream, parts["settings"].max_upload_bytes)
    if stored is None:
        abort(413)
    try:
        with parts["store"].copy_named(stored[0], "thong-tin.xlsx") as path:
            issuer = read_issuer_workbook(path)
    except MakeReportError as exc:
        return _refusal(f"sổ thông tin không dùng được: {exc.summary()}", year)
    unfit = issuer_unfit(issuer)
    if unfit:
        return _refusal(f"sổ thông tin không dùng được: {unfit}", year)
    if issuer.year != year:
        return _refusal(f"sổ thông tin là của năm {issuer.year}, trang đang xem năm {year} — sửa mục “Năm” ở "
                        f"trang Thông tin thành {year}, hoặc tải sổ lên ở trang năm {issuer.year}", year)
    with parts["database"].session() as s:
        key = issuer_setting_key(year)
        setting = s.get(Setting, key) or Setting(key=key, value="")
        setting.value = stored[0]
        s.add(setting)
        legacy = s.get(Setting, ISSUER_SETTING)  # kept from before per-year keys, unreadable: replaced now
        if legacy is not None:
            s.delete(legacy)
        audit(s, "tai-len", g.account, f"sổ thông tin tổng hợp năm {year}, sha256 {stored[0]}", client_address())
    return redirect(url_for("province.matrix", nam=year, tb="Đã lưu sổ thông tin tổng hợp."), code=303)


def issuer_unfit(issuer) -> str:
    """Why a readable information workbook would still make a wrong roll-up, kept for every roll-up to
    come: example text left from the blank one (`Họ và tên` signing). (A commune's own workbook is
    refused by read_issuer_workbook, on the command line as here.)"""
    examples = [f"{w.sheet}!{w.cell} “{w.example}”" for w in issuer.warnings if w.example]
    if examples:
        more = f" và {len(examples) - 3} ô khác" if len(examples) > 3 else ""
        return ("sổ còn chữ ví dụ của sổ mẫu ở " + ", ".join(examples[:3]) + more
                + " — thay bằng nội dung thật trong Excel, lưu rồi tải lên lại")
    return ""



@blueprint.post("/han")
def deadlines():
    year = _year()
    with portal()["database"].session() as s:
        for period in year_periods(year):
            text = request.form.get(f"han-{period.key}", "").strip()
            row = s.scalar(select(Deadline).where(Deadline.year == year, Deadline.period_key == period.key))
            if not text:
                if row is not None:
                    s.delete(row)
                continue
            try:
                due = date.fromisoformat(text)
            except ValueError:
                return _refusal(f"hạn {period.name} “{text}” không phải ngày (dạng 2026-04-10)", year)
            if row is None:
                s.add(Deadline(year=year, period_key=period.key, due=due))
            else:
                row.due = due
    return redirect(url_for("province.matrix", nam=year, tb="Đã lưu hạn báo cáo."), code=303)


@blueprint.route("/tai-khoan", methods=["GET", "POST"])
def accounts():
    made, error, confirming = [], "", None
    if request.method == "POST" and request.form.get("viec") == "hoi-dat-lai":  # nothing changes before a yes
        with portal()["database"].session() as s:
            confirming = s.get(Account, request.form.get("id", type=int) or 0)
        if confirming is None or confirming.is_province:
            abort(404)
    elif request.method == "POST":
        action = request.form.get("viec", "")
        with portal()["database"].sessions() as s:
            try:
                with s.begin():
                    made = _account_action(s, action)
            except AccountProblem as exc:
                error = str(exc)
    with portal()["database"].session() as s:
        units = unit_accounts(s)
    typed_list = request.form.get("danh-sach", "") if error else ""  # a wrong list is shown again to fix
    return render_template("tai-khoan.html", units=units, made=made, error=error, typed_list=typed_list,
                           confirming=confirming), (400 if error else 200)


def _account_action(s, action: str) -> list:
    from .accounts import NewPassword, new_password

    form = request.form
    if action == "tao":
        password = new_password()
        account = create_account(s, form.get("login", ""), form.get("ten", ""), password=password)
        audit(s, "tao-tai-khoan", g.account, account.login, client_address())
        return [NewPassword(account.login, account.name, password)]
    if action == "nhap":
        made = import_accounts(s, form.get("danh-sach", ""))
        audit(s, "tao-tai-khoan", g.account, ", ".join(m.login for m in made), client_address())
        return made
    account = s.get(Account, form.get("id", type=int) or 0)
    if account is None or account.is_province:
        raise AccountProblem("không có tài khoản đơn vị này")
    if action == "dat-lai":
        audit(s, "dat-lai-mat-khau", g.account, account.login, client_address())
        return [reset_password(account)]
    if action in ("khoa", "mo"):
        set_disabled(account, action == "khoa")
        audit(s, "khoa-tai-khoan" if action == "khoa" else "mo-tai-khoan", g.account, account.login, client_address())
        return []
    raise AccountProblem("việc không rõ")
