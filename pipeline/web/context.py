"""What every view needs of the request in hand: the portal's parts, the signed-in account's reach, its address."""

from __future__ import annotations

import secrets

from flask import abort, current_app, g, request, session

from .db import Upload


def portal():
    """The running portal's parts (database, store, generator, settings)."""
    return current_app.extensions["make_report"]


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def owned_upload(session_, upload_id: int) -> Upload:
    """The upload, when the signed-in account may see it (its unit, or the province); 404 otherwise.

    404 rather than 403: a unit guessing ids learns nothing about which exist.
    """
    upload = session_.get(Upload, upload_id)
    account = g.account
    if upload is None or account is None or (not account.is_province and upload.account_id != account.id):
        abort(404)
    return upload


def client_address() -> str:
    return request.remote_addr or ""
