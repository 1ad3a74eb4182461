"""Nhật ký: the province reads who signed in, uploaded, downloaded and managed accounts, and when."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select

from .context import portal
from .db import AuditEvent
from .reporting import local_time
from .views_province import province_only

blueprint = Blueprint("log", __name__, url_prefix="/tinh")
blueprint.before_request(province_only)

PAGE = 200
"""Events a page shows, newest first; `truoc` (an event id) pages back."""
ACTIONS = {
    "dang-nhap": "Đăng nhập", "dang-nhap-sai": "Đăng nhập sai", "dang-xuat": "Đăng xuất",
    "tai-len": "Tải lên", "tai-ve": "Tải về", "tao-tai-khoan": "Tạo tài khoản",
    "dat-lai-mat-khau": "Đặt lại mật khẩu", "khoa-tai-khoan": "Khóa tài khoản", "mo-tai-khoan": "Mở khóa tài khoản",
}
"""What each logged action is called on the page."""


@blueprint.get("/nhat-ky")
def log_page():
    login = (request.args.get("ai") or "").strip().lower()[:64]
    before = request.args.get("truoc", type=int)
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(PAGE)
    if login:
        query = query.where(AuditEvent.login == login)
    if before:
        query = query.where(AuditEvent.id < before)
    with portal()["database"].session() as s:
        events = list(s.scalars(query))
    rows = [{"at": local_time(e.at).strftime("%d/%m/%Y %H:%M:%S"), "login": e.login,
             "action": ACTIONS.get(e.action, e.action), "detail": e.detail, "address": e.address} for e in events]
    older = events[-1].id if len(events) == PAGE else None
    return render_template("nhat-ky.html", rows=rows, login=login, older=older)
