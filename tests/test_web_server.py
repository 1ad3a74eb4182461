"""The portal as a real server process (`make-report web` on 127.0.0.1): many units at once, and a
server killed with SIGKILL in the middle of uploads and generations."""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from web_support import ROOT, Server, add_accounts, database_url

sys.path.insert(0, str(ROOT / "benchmarks"))
from web_load import UnitClient, unit_logins, unit_workbooks, upload_all  # noqa: E402


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def uploads_in(database: str) -> dict[int, dict]:
    from pipeline.web.settings import normalised_database_url

    engine = create_engine(normalised_database_url(database))
    with engine.connect() as connection:
        found = {row.id: row._asdict() for row in connection.execute(text(
            "SELECT u.id, a.login, u.file_hash, u.size, u.state, u.agency FROM uploads u "
            "JOIN accounts a ON a.id = u.account_id"))}
        for row in connection.execute(text("SELECT upload_id, name, docx_hash FROM documents")):
            found[row.upload_id].setdefault("documents", []).append((row.name, row.docx_hash))
    engine.dispose()
    return found


def wait_for_generation(database: str, limit_seconds: float = 900) -> dict[int, dict]:
    """The uploads once none is waiting (a hang guard only: the machine may be loaded)."""
    deadline = time.monotonic() + limit_seconds
    while True:
        found = uploads_in(database)
        if all(u["state"] != "cho" for u in found.values()) or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def assert_store_whole(data: Path) -> None:
    """Every stored file holds exactly the content its name says; no temporary file is left visible."""
    for path in (data / "objects").rglob("*"):
        if path.is_file():
            assert sha256(path.read_bytes()) == path.name, path


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_hundred_units_upload_twenty_at_once_and_nothing_is_lost_or_mixed_up(tmp_path, kind):
    database = database_url(kind, tmp_path)
    logins = unit_logins(100)
    add_accounts(database, [(login, f"Xã số {login[3:]}", "don-vi") for login in logins])
    workbooks = unit_workbooks(tmp_path, logins)
    server = Server(tmp_path / "du-lieu", database, "--khong-pdf").start()
    try:
        result = upload_all(server.url, workbooks, at_once=20)
        found = uploads_in(database)  # recorded at once: generation goes on in the workers
    finally:
        server.stop()
    assert sorted(result.acknowledged) == logins
    assert len(set(result.acknowledged.values())) == 100
    for login, upload_id in result.acknowledged.items():
        upload = found[upload_id]
        sent = workbooks[login].read_bytes()
        assert (upload["login"], upload["file_hash"], upload["size"]) == (login, sha256(sent), len(sent))
        stored = (tmp_path / "du-lieu" / "objects" / upload["file_hash"][:2] / upload["file_hash"]).read_bytes()
        assert stored == sent
    assert len(found) == 100
    done = [u for u in found.values() if u["state"] == "xong"]
    for upload in done:  # those already generated carry their own unit's name
        assert all(name.startswith(f"xa-so-{upload['login'][3:]}_") for name, _ in upload["documents"])
    assert_store_whole(tmp_path / "du-lieu")
    print(f"median upload response {result.median:.3f} s over {len(result.times)} uploads")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_server_killed_during_uploads_and_generations_loses_nothing_it_acknowledged(tmp_path, kind):
    database = database_url(kind, tmp_path)
    logins = unit_logins(8)
    add_accounts(database, [(login, f"Xã số {login[3:]}", "don-vi") for login in logins])
    workbooks = unit_workbooks(tmp_path, logins)
    data = tmp_path / "du-lieu"
    server = Server(data, database, "--khong-pdf", "--jobs", "1").start()
    acknowledged: dict[int, str] = {}
    clients = {}
    for login in logins:
        clients[login] = UnitClient(server.url)
        clients[login].sign_in(login, "mat-khau-dai-1")

    def keep_uploading(login: str) -> None:
        for _ in range(20):
            try:
                upload_id, _ = clients[login].upload(workbooks[login])
            except Exception:  # noqa: BLE001 - the server is gone: this upload was never acknowledged
                return
            if upload_id is None:
                return
            acknowledged[upload_id] = login

    threads = [threading.Thread(target=keep_uploading, args=(login,)) for login in logins]
    for thread in threads:
        thread.start()
    while len(acknowledged) < 12:
        time.sleep(0.05)
    waiting_at_kill = [u for u in uploads_in(database).values() if u["state"] == "cho"]
    server.kill()
    for thread in threads:
        thread.join(timeout=300)
    assert waiting_at_kill, "the kill must catch generations still waiting or running"

    restarted = Server(data, database, "--khong-pdf").start()
    try:
        found = wait_for_generation(database)
        assert not list((data / "tmp").iterdir())  # what the killed server was writing is gone
    finally:
        restarted.stop()
    for upload_id, login in acknowledged.items():
        upload = found[upload_id]
        assert upload["login"] == login
        assert upload["file_hash"] == sha256(workbooks[login].read_bytes())
        assert upload["state"] == "xong"
        assert len(upload["documents"]) == 3
        assert all(name.startswith(f"xa-so-{login[3:]}_") for name, _ in upload["documents"])
    assert all(u["state"] != "cho" for u in found.values())
    assert_store_whole(data)
    for upload in found.values():
        for _, digest in upload.get("documents", []):
            assert (data / "objects" / digest[:2] / digest).is_file()


def test_the_real_server_refuses_a_file_too_big_with_the_vietnamese_page(tmp_path):
    database = f"sqlite:///{tmp_path / 'cong.db'}"
    (login,) = unit_logins(1)
    add_accounts(database, [(login, "Xã số 001", "don-vi")])
    server = Server(tmp_path / "du-lieu", database, "--khong-pdf").start()
    try:
        client = UnitClient(server.url)
        client.sign_in(login, "mat-khau-dai-1")
        token = client.token("/don-vi")
        response = client.http.post(server.url + "/don-vi/tai-len", timeout=300, allow_redirects=False,
                                    data={"csrf_token": token, "nam": "2024", "ky": "quy-1"},
                                    files={"so": ("so.xlsx", b"\0" * (21 * 1024 * 1024))})
    finally:
        server.stop()
    assert response.status_code == 413
    assert "Tệp lớn quá 20 MB" in response.text and "waitress" not in response.text
    assert uploads_in(database) == {}
