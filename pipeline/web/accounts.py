"""Accounts: argon2 passwords, sign-in with attempts limited, the province's management, the audit log."""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select

from .db import Account, AuditEvent, EndedSession, utcnow

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
MAX_FAILED_SIGN_INS = 5
"""Per login name from one address, in the lockout window: guessing a unit's password from one
computer stops after five tries, and a stranger elsewhere cannot lock the unit out by failing."""
MAX_FAILED_PER_LOGIN = 50
"""Per login name from every address: a guess spread over many computers stops too."""
MAX_FAILED_FROM_ADDRESS = 50
"""Per address: many units may sit behind one office router, so this bound is wider."""
LOCKOUT = timedelta(minutes=15)
_hasher = PasswordHasher()


class AccountProblem(Exception):
    """Why an account cannot be made or used (Vietnamese, shown on the page)."""


@dataclass(frozen=True)
class NewPassword:
    """A password made by the portal, shown once to the province to hand to the unit."""

    login: str
    name: str
    password: str


def new_password() -> str:
    """Twelve characters a clerk copies by eye without doubt (no 0/O, 1/l/I, 5/S…): about 67 bits."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(12))


PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXYZ2346789"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(account: Account, password: str) -> bool:
    if not account.password_hash:
        return False
    try:
        return _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def has_province_account(session) -> bool:
    """Whether anyone can sign in as the province: without one, nobody can manage the portal."""
    return session.scalar(select(Account.id).where(Account.role == "tinh", Account.disabled.is_(False)).limit(1)) \
        is not None


def valid_login(login: str) -> str:
    login = (login or "").strip().lower()
    if not LOGIN_PATTERN.match(login):
        raise AccountProblem(f"tên đăng nhập “{login}” không hợp lệ — chỉ dùng chữ thường không dấu, số, "
                             "dấu gạch ngang, tối đa 63 ký tự (ví dụ xa-hai-dinh)")
    return login


def create_account(session, login: str, name: str, role: str = "don-vi", password: str | None = None) -> Account:
    login = valid_login(login)
    name = (name or "").strip()
    if not name:
        raise AccountProblem(f"tài khoản {login}: thiếu tên đơn vị — ghi tên, ví dụ “Xã Hải Định”")
    if session.scalar(select(Account).where(Account.login == login)) is not None:
        raise AccountProblem(f"tên đăng nhập “{login}” đã có — chọn tên khác")
    account = Account(login=login, name=name[:255], role=role, disabled=False,
                      password_hash=hash_password(password) if password else None,
                      session_stamp=secrets.token_hex(16))
    session.add(account)
    session.flush()
    return account


def import_accounts(session, text: str) -> list[NewPassword]:
    """Units from a list, one a line: `tên-đăng-nhập;Tên đơn vị` (a comma or a tab works too).

    Every line is checked before any account is made: a bad line leaves the list unimported.
    """
    rows, wrong = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = re.split(r"[;,\t]", line, maxsplit=1)
        if len(parts) != 2 or not parts[1].strip():
            wrong.append(f"dòng {number}: cần “tên-đăng-nhập;Tên đơn vị”, ví dụ “xa-hai-dinh;Xã Hải Định”")
            continue
        rows.append((number, parts[0], parts[1]))
    made = []
    with session.begin_nested():
        for number, login, name in rows:
            password = new_password()
            try:
                account = create_account(session, login, name, password=password)
            except AccountProblem as exc:
                wrong.append(f"dòng {number}: {exc}")
                continue
            made.append(NewPassword(account.login, account.name, password))
        if wrong:  # every wrong line named at once, and no account made
            raise AccountProblem("; ".join(sorted(wrong, key=lambda w: int(w.split()[1].rstrip(":")))))
    return made


def reset_password(account: Account) -> NewPassword:
    password = new_password()
    account.password_hash = hash_password(password)
    end_sessions(account)
    return NewPassword(account.login, account.name, password)


def set_disabled(account: Account, disabled: bool) -> None:
    account.disabled = disabled
    end_sessions(account)


def end_sessions(account: Account) -> None:
    """Every session of the account ends: its cookies name a stamp that is no longer the account's."""
    account.session_stamp = secrets.token_hex(16)


SESSION_DAYS = 30
"""A session lasts at most this long from its sign-in (then the clerk signs in again): an ended
session's id need be kept no longer."""


def start_session(cookie, account: Account) -> None:
    """A new session in the signed cookie: the account, its stamp, an id of its own, when it began."""
    cookie["account_id"], cookie["stamp"] = account.id, account.session_stamp
    cookie["sid"], cookie["since"] = secrets.token_hex(16), int(time.time())


def session_is_live(cookie, account: Account, session) -> bool:
    """Whether the cookie's session still opens the pages: the account's stamp unchanged (no password
    reset, not disabled), not signed out, not older than SESSION_DAYS."""
    if account.disabled or account.session_stamp != cookie.get("stamp"):
        return False
    sid, since = cookie.get("sid"), cookie.get("since")
    if not isinstance(sid, str) or not isinstance(since, int) or time.time() - since > SESSION_DAYS * 86400:
        return False  # (a cookie from before sessions had ids: signed in again once)
    return session.get(EndedSession, sid) is None


def end_session(session, sid: str, account: Account) -> None:
    """This session ends: its id is kept as ended (while a cookie naming it could still be live)."""
    session.execute(delete(EndedSession).where(EndedSession.ended_at < utcnow() - timedelta(days=SESSION_DAYS + 1)))
    if sid and session.get(EndedSession, sid) is None:
        session.add(EndedSession(session_id=sid[:32], account_id=account.id))


def audit(session, action: str, account: Account | None = None, detail: str = "", address: str = "",
          login: str = "") -> None:
    session.add(AuditEvent(action=action, account_id=account.id if account else None,
                           login=(account.login if account else login)[:64], detail=detail, address=address[:64]))


def lockout(session, login: str, address: str) -> str:
    """Why this login may not try from this address now (Vietnamese), or "".

    Five failures of the login from this address stop that computer. Fifty of the login from
    anywhere, or fifty of anyone from this address, stop every computer but one the login signed in
    from before (`KNOWN_COMPUTER`): a stranger spreading guesses over many addresses, or sharing the
    office's router, does not lock the unit out of its own computer. The login's failures before the
    province gave it a new password do not count: the new one works at once.
    """
    login, address = login[:64], address[:64]
    now = utcnow()
    since = now - LOCKOUT
    reset = session.scalar(select(func.max(AuditEvent.at)).where(
        AuditEvent.action == "dat-lai-mat-khau", AuditEvent.detail == login, AuditEvent.at >= since))
    since_reset = max(since, reset) if reset is not None else since

    def count(action: str, after, *where) -> int:
        return session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == action, AuditEvent.at >= after, *where))

    wait = f"chờ {LOCKOUT.seconds // 60} phút rồi thử lại"
    if count("dang-nhap-sai", since_reset, AuditEvent.login == login, AuditEvent.address == address) >= MAX_FAILED_SIGN_INS:
        return f"đã nhập sai {MAX_FAILED_SIGN_INS} lần từ máy này — {wait}, hoặc nhờ cán bộ tỉnh đặt lại mật khẩu"
    if count("dang-nhap", now - KNOWN_COMPUTER, AuditEvent.login == login, AuditEvent.address == address):
        return ""
    if count("dang-nhap-sai", since_reset, AuditEvent.login == login) >= MAX_FAILED_PER_LOGIN:
        return (f"tài khoản này bị thử sai mật khẩu nhiều lần từ nhiều máy — {wait} (máy đã đăng nhập trước đây "
                "vẫn vào được), hoặc nhờ cán bộ tỉnh đặt lại mật khẩu")
    if count("dang-nhap-sai", since, AuditEvent.address == address) >= MAX_FAILED_FROM_ADDRESS:
        return f"máy này đã nhập sai mật khẩu quá nhiều lần — {wait}"
    return ""


KNOWN_COMPUTER = timedelta(days=60)
"""A computer the login signed in from this recently is the unit's own (or its office's)."""


class SignInRefused(Exception):
    pass


def sign_in(session, login: str, password: str, address: str) -> Account:
    """The account whose password this is; SignInRefused (Vietnamese) otherwise, the attempt logged."""
    login = (login or "").strip().lower()[:64]
    refusal = lockout(session, login, address)
    if refusal:
        raise SignInRefused(refusal)
    account = session.scalar(select(Account).where(Account.login == login))
    if account is None or not password_matches(account, password):
        audit(session, "dang-nhap-sai", login=login, address=address)
        raise SignInRefused("sai tên đăng nhập hoặc mật khẩu")
    if account.disabled:
        audit(session, "dang-nhap-sai", account, "tài khoản đã khóa", address)
        raise SignInRefused("tài khoản đã bị khóa — liên hệ cán bộ tỉnh để mở lại")
    audit(session, "dang-nhap", account, address=address)
    return account
