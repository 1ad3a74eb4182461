"""Signing in and out."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, session, url_for

from .accounts import SignInRefused, audit, end_session, end_sessions, has_province_account, sign_in, start_session
from .context import client_address, portal
from .db import Account

blueprint = Blueprint("auth", __name__)


@blueprint.get("/")
def home():
    return redirect(url_for("province.matrix" if g.account.is_province else "unit.home"))


@blueprint.route("/dang-nhap", methods=["GET", "POST"])
def sign_in_page():
    if portal()["settings"].local:
        return redirect(url_for("unit.home"))
    error = ""
    if request.method == "POST":
        with portal()["database"].session() as s:
            try:
                account = sign_in(s, request.form.get("login", ""), request.form.get("password", ""), client_address())
            except SignInRefused as exc:
                account, error = None, str(exc)
        if account is not None:
            session.clear()  # a new session (and CSRF token) at sign-in: nothing from before it carries over
            start_session(session, account)
            return redirect(url_for("auth.home"))
    with portal()["database"].session() as s:
        without_province = not has_province_account(s)
    return render_template("dang-nhap.html", error=error, without_province=without_province), (401 if error else 200)


@blueprint.post("/dang-xuat")
def sign_out():
    """Ends this session for good: the cookie is signed, not stored, so its id is kept as ended and a
    copy of the cookie is refused too. The account's sessions on other computers go on (a province's
    officers share one login); `sign_out_everywhere` ends them all."""
    return _signed_out(everywhere=False)


@blueprint.post("/dang-xuat-moi-may")
def sign_out_everywhere():
    """Ends every session of the account, on every computer (a password seen by someone else)."""
    return _signed_out(everywhere=True)


def _signed_out(everywhere: bool):
    account = getattr(g, "account", None)
    if account is not None and not portal()["settings"].local:
        with portal()["database"].session() as s:
            signed_in = s.get(Account, account.id)
            if signed_in is not None:
                end_session(s, session.get("sid", ""), signed_in)
                if everywhere:
                    end_sessions(signed_in)
                audit(s, "dang-xuat-moi-may" if everywhere else "dang-xuat", signed_in, address=client_address())
    session.clear()
    return redirect(url_for("auth.sign_in_page"))
