"""The portal in tests: databases (SQLite, and PostgreSQL when MAKE_REPORT_TEST_PG names one), a
signed-in test client, units' workbooks, and the real server started as `make-report web`."""

from __future__ import annotations

import atexit
import functools
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from builders import build_workbook, raw_workbook, sample, set_info, with_headers
from pipeline.workbook import format as F

ROOT = Path(__file__).resolve().parents[1]
PG_ENV = "MAKE_REPORT_TEST_PG"


def postgres_url() -> str:
    """The test PostgreSQL; missing, the test is skipped on a developer's machine and fails in CI."""
    url = os.environ.get(PG_ENV, "")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set: .ci/run must start PostgreSQL and export it")
        pytest.skip(f"{PG_ENV} not set (no PostgreSQL for the tests)")
    return url


def empty_postgres(url: str) -> str:
    """The test database, as a schema of this test run's own with every table of an earlier test dropped.

    Two runs at once (CI and a developer, two worktrees) share the database but never drop each
    other's tables: each connects with its own schema first on the search path.
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from pipeline.web.settings import normalised_database_url

    schema = f"test_run_{os.getpid()}"
    engine = create_engine(normalised_database_url(url))
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    _SCHEMAS.add((url, schema))
    own = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return own.render_as_string(hide_password=False)


_SCHEMAS: set[tuple[str, str]] = set()


@atexit.register
def _drop_own_schemas() -> None:
    from sqlalchemy import create_engine, text

    from pipeline.web.settings import normalised_database_url

    for url, schema in _SCHEMAS:
        try:
            engine = create_engine(normalised_database_url(url))
            with engine.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            engine.dispose()
        except Exception:  # noqa: BLE001 - the database may be gone at exit: a schema is left, harmless
            pass


def database_url(kind: str, tmp_path: Path) -> str:
    return empty_postgres(postgres_url()) if kind == "postgresql" else f"sqlite:///{tmp_path / 'cong.db'}"


def unit_workbook(path: Path, issuer: str, change=None) -> Path:
    """The sample plan (2024, quý I results) as unit `issuer` (`ỦY BAN NHÂN DÂN XÃ HẢI SƠN`)."""
    sheets = sample()
    set_info(sheets, F.INFO_ISSUER, issuer)
    if change:
        change(sheets)
    return build_workbook(path, sheets)


def issuer_workbook(path: Path, labels=("Báo cáo quý I", "Báo cáo quý II")) -> Path:
    """The province's information workbook, as `tong-hop --thong-tin` takes it, with a row for each of `labels`."""
    sheets = {
        F.SHEET_INFO: [[F.INFO_ISSUER, "SỞ NỘI VỤ TỈNH QUẢNG TRỊ"], [F.INFO_SHORT_NAME, "Sở Nội vụ"],
                       [F.INFO_SYMBOL, "SNV"], [F.INFO_PLACE, "Quảng Trị"], [F.INFO_YEAR, 2024],
                       [F.INFO_MANAGING_BODY, "UBND TỈNH QUẢNG TRỊ"]],
        F.SHEET_DOCUMENTS: [[label, 30, "12/4/2024", None, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình",
                             "Ủy ban nhân dân tỉnh Quảng Trị"] for label in labels],
        F.SHEET_RECIPIENTS: [["Báo cáo", "Bộ Nội vụ"]],
    }
    return raw_workbook(path, with_headers(sheets))


class Browser:
    """A Flask test client that signs in and sends forms with their CSRF token, as a person would."""

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()

    def token(self, page: str = "/") -> str:
        html = self.client.get(page, follow_redirects=True).text
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def sign_in(self, login: str, password: str):
        token = self.token("/dang-nhap")
        return self.client.post("/dang-nhap", data={"login": login, "password": password, "csrf_token": token})

    def post(self, url: str, data: dict, token_from: str = "/"):
        return self.client.post(url, data={**data, "csrf_token": self.token(token_from)},
                                content_type="multipart/form-data")

    def upload(self, workbook: Path, period: str = "quy-1", year: int = 2024, name: str | None = None):
        with open(workbook, "rb") as fh:
            return self.post("/don-vi/tai-len", {"nam": str(year), "ky": period, "so": (fh, name or workbook.name)},
                             "/don-vi")

    def get(self, url: str, **kwargs):
        return self.client.get(url, **kwargs)


def make_portal(tmp_path: Path, database: str, **settings):
    from pipeline.web import WebSettings, create_app

    options = {"workers": 0, "pdf": False, "secret_key": "test", **settings}
    return create_app(WebSettings(data_dir=tmp_path / "du-lieu", database_url=database, **options))


@functools.cache
def quick_hash(password: str) -> str:
    """An argon2id hash at the lowest cost, for the tests' own accounts. The portal verifies a hash at the
    cost written in it, so signing in stays the real check at ~1 ms instead of ~0.2 s of CPU (hundreds
    of sign-ins a run); the portal's own hashing, at full cost, is tested on accounts it makes itself."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(password)


def add_account(app, login: str, name: str, password: str = "mat-khau-dai-1", role: str = "don-vi") -> int:
    from pipeline.web.accounts import create_account

    with app.extensions["make_report"]["database"].session() as s:
        account = create_account(s, login, name, role)
        account.password_hash = quick_hash(password)
        return account.id


def add_accounts(database: str, accounts: list[tuple[str, str, str]]) -> None:
    """Accounts in a database before a server starts on it: (login, name, role)."""
    from pipeline.web.accounts import create_account
    from pipeline.web.db import Database
    from pipeline.web.settings import normalised_database_url

    db = Database(normalised_database_url(database))
    with db.session() as s:
        for login, name, role in accounts:
            create_account(s, login, name, role).password_hash = quick_hash("mat-khau-dai-1")
    db.dispose()


class Server:
    """`make-report web` as a process on 127.0.0.1 (a free port), in its own process group."""

    def __init__(self, data: Path, database: str, *options: str):
        self.command = [sys.executable, "-m", "pipeline", "web", "--host", "127.0.0.1", "--port", "0", "--data",
                        str(data), "--db", database, "--no-browser", *options]
        self.process = None
        self.url = ""

    def start(self) -> Server:
        self.process = subprocess.Popen(self.command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, start_new_session=True, preexec_fn=_ctrl_c_as_from_a_terminal)
        line = self.process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if not match:
            self.stop()
            raise AssertionError(f"server did not start: {line}{self.process.stderr.read()}")
        self.url = match.group(1).rstrip("/")
        return self

    def kill(self) -> None:
        """SIGKILL the server process only (its workers are left as a crash leaves them), then the rest."""
        self.process.kill()
        self.process.wait(timeout=60)
        self._end_group()

    def stop(self) -> None:
        """Ctrl+C, as the person who started it would; a server that does not stop on it fails the test."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=300)  # a hang guard only: it waits for the generations running
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=60)
                self._end_group()
                raise AssertionError("the server did not stop on Ctrl+C (SIGINT)") from None
        self._end_group()

    def _end_group(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _ctrl_c_as_from_a_terminal() -> None:
    """In the server's process before it starts: SIGINT back to its default. A shell without job control
    (CI's runner, a `&` in a script) starts the test run with SIGINT ignored, every child inherits that,
    and Python then installs no Ctrl+C handler: `stop` would wait out its hang guard, then kill."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
