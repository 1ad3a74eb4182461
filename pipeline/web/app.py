"""The Flask application: settings, database, file store, generation pool, and the checks every request passes.

Every request: the signed session cookie names an account whose session stamp still matches (a
reset password or a disabled account ends its sessions) and a session not signed out nor older
than 30 days (accounts.session_is_live); every POST carries the session's CSRF
token; a page of a unit is reached only by that unit or the province (views call `owned_upload`).
In local mode the one unit is signed in by the server itself.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from flask import Flask, abort, g, redirect, render_template, request, session, url_for
from sqlalchemy import select

from .accounts import session_is_live, start_session
from .context import csrf_token, portal
from .db import Account, Database
from .settings import LOCAL_LOGIN, WebSettings
from .store import FileStore

PUBLIC_ENDPOINTS = {"auth.sign_in_page", "static"}


def create_app(settings: WebSettings) -> Flask:
    from pipeline.output import find_libreoffice

    from .jobs import Generator

    app = Flask(__name__)
    data_dir = Path(settings.data_dir).resolve()
    store = FileStore(data_dir)
    store.remove_abandoned()
    database = Database(settings.resolved_database_url)
    pdf = settings.pdf if settings.pdf is not None else find_libreoffice() is not None
    app.config.update(
        SECRET_KEY=settings.secret_key or os.environ.get("MAKE_REPORT_WEB_SECRET") or _kept_secret(data_dir),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_NAME="make_report_phien",
        MAX_CONTENT_LENGTH=settings.max_upload_bytes + 64 * 1024,
    )
    app.extensions["make_report"] = {
        "settings": settings, "database": database, "store": store, "pdf": pdf,
        "generator": Generator(database, str(data_dir), settings.workers, pdf),
    }
    if settings.local:
        _ensure_local_unit(database)
    if settings.proxies:  # else behind nginx every visitor is 127.0.0.1: one stranger's failures lock every unit
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.proxies, x_proto=settings.proxies)  # type: ignore[method-assign]
    from .views_auth import blueprint as auth
    from .views_log import blueprint as log
    from .views_province import blueprint as province
    from .views_unit import blueprint as unit

    for blueprint in (auth, unit, province, log):
        app.register_blueprint(blueprint)
    app.before_request(_signed_in_account)
    app.before_request(_csrf_protected)
    app.after_request(_security_headers)
    app.add_template_filter(_upper_first, "upper_first")
    app.context_processor(lambda: {"csrf_token": csrf_token, "current": g.get("account"), "local": settings.local})
    app.register_error_handler(413, lambda e: (render_template("loi.html", code=413, message=(
        f"tệp lớn quá {settings.max_upload_bytes // (1024 * 1024)} MB — sổ Excel của một đơn vị thường dưới 1 MB; "
        "xóa các trang thừa, ảnh chèn vào sổ rồi lưu lại")), 413))
    app.register_error_handler(404, lambda e: (render_template("loi.html", code=404, message=(
        "không có trang này, hoặc trang không thuộc đơn vị của bạn")), 404))
    app.register_error_handler(400, lambda e: (render_template("loi.html", code=400, message=(
        "yêu cầu không hợp lệ (phiên làm việc hết hạn?) — tải lại trang rồi thử lại")), 400))
    app.register_error_handler(500, lambda e: (render_template("loi.html", code=500, message=(
        "máy chủ gặp lỗi không mong đợi khi làm việc này — thử lại sau ít phút; nếu vẫn lỗi, báo người quản trị "
        "cổng (chi tiết có trong nhật ký của máy chủ)")), 500))
    app.extensions["make_report"]["generator"].resume_waiting()
    return app


def _upper_first(text: str) -> str:
    """`quý II` -> `Quý II` (Jinja's capitalize would lower the numeral)."""
    return text[:1].upper() + text[1:]


def _kept_secret(data_dir: Path) -> str:
    """The session key, made once and kept (owner-only) in the data folder: sessions survive a restart."""
    path = data_dir / "khoa-phien"
    if not path.exists():
        tmp = data_dir / "tmp" / f"khoa-{secrets.token_hex(8)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            pass
        tmp.unlink()
    return path.read_text().strip()


def _ensure_local_unit(database: Database) -> None:
    from .accounts import create_account

    with database.session() as s:
        if s.scalar(select(Account).where(Account.login == LOCAL_LOGIN)) is None:
            create_account(s, LOCAL_LOGIN, "Đơn vị trên máy này")


def _signed_in_account():
    g.account = None
    database = portal()["database"]
    with database.session() as s:
        if portal()["settings"].local:
            account = s.scalar(select(Account).where(Account.login == LOCAL_LOGIN))
            if session.get("account_id") != account.id:
                session.clear()
                start_session(session, account)
        else:
            account = s.get(Account, session["account_id"]) if "account_id" in session else None
            if account is not None and not session_is_live(session, account, s):
                session.clear()
                account = None
        g.account = account
    if g.account is None and request.endpoint not in PUBLIC_ENDPOINTS:
        return redirect(url_for("auth.sign_in_page"))
    return None


def _csrf_protected():
    if request.method != "POST":
        return None
    sent = request.form.get("csrf_token", "")
    if not sent or "csrf" not in session or not hmac.compare_digest(sent, session["csrf"]):
        abort(400)
    return None


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
                                "frame-ancestors 'none'; form-action 'self'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
