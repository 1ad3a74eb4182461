"""Starting the portal on the right database, and stopping it the way a service manager does (SIGTERM)
with no process left behind: the generation workers, the forkserver and the resource tracker all end;
the province's accounts page in the usual order of units."""

from __future__ import annotations

import os
import signal
import sys
import time

from click.testing import CliRunner

from pipeline.cli import main
from test_web_server import wait_for_generation
from web_support import ROOT, Browser, Server, add_account, add_accounts, make_portal

sys.path.insert(0, str(ROOT / "benchmarks"))
from web_load import UnitClient, unit_logins, unit_workbooks  # noqa: E402


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def group_members(pgid: int) -> list[str]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.getpgid(int(pid)) == pgid:
                found.append(open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()[:120])
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            pass
    return found


def test_sigterm_stops_the_server_and_every_process_it_started(tmp_path):
    database = f"sqlite:///{tmp_path / 'cong.db'}"
    (login,) = unit_logins(1)
    add_accounts(database, [(login, "Xã số 001", "don-vi")])
    workbook = unit_workbooks(tmp_path, [login])[login]
    server = Server(tmp_path / "du-lieu", database, "--khong-pdf", "--jobs", "1").start()
    pgid = server.process.pid
    try:
        client = UnitClient(server.url)
        client.sign_in(login, "mat-khau-dai-1")
        upload_ids = [client.upload(workbook)[0] for _ in range(5)]  # one worker: most wait their turn
        assert None not in upload_ids
        assert len(group_members(pgid)) >= 3  # the server, its forkserver and resource tracker, a worker
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=300)  # a hang guard only
        deadline = time.monotonic() + 120  # a hang guard: exiting is quick
        while group_alive(pgid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not group_alive(pgid), group_members(pgid)
    finally:
        server.stop()
    # What the stopped server had acknowledged is made at the next start, whether or not it was done.
    restarted = Server(tmp_path / "du-lieu", database, "--khong-pdf", "--jobs", "1").start()
    try:
        found = wait_for_generation(database)
    finally:
        restarted.stop()
    assert [(found[i]["state"], len(found[i]["documents"])) for i in upload_ids] == [("xong", 3)] * 5


def test_a_killed_server_leaves_no_generation_process_behind(tmp_path):
    database = f"sqlite:///{tmp_path / 'cong.db'}"
    (login,) = unit_logins(1)
    add_accounts(database, [(login, "Xã số 001", "don-vi")])
    workbook = unit_workbooks(tmp_path, [login])[login]
    server = Server(tmp_path / "du-lieu", database, "--khong-pdf", "--jobs", "2").start()
    pgid = server.process.pid
    try:
        client = UnitClient(server.url)
        client.sign_in(login, "mat-khau-dai-1")
        assert client.upload(workbook)[0] is not None
        assert len(group_members(pgid)) >= 3
        server.process.kill()  # the server only: its workers are left as a crash leaves them
        server.process.wait(timeout=300)
        deadline = time.monotonic() + 120  # a hang guard: the workers notice within seconds
        while group_alive(pgid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not group_alive(pgid), group_members(pgid)
    finally:
        server.stop()


def test_making_the_province_account_prints_the_command_for_that_same_database(tmp_path):
    data = tmp_path / "du lieu web"
    database = f"sqlite:///{tmp_path / 'tinh.db'}"
    result = CliRunner().invoke(main, ["web", "--tao-tai-khoan-tinh", "snv", "--data", str(data), "--db", database],
                                input="mat-khau-dai-1\nmat-khau-dai-1\n")
    assert result.exit_code == 0, result.output
    assert f'make-report web --host 0.0.0.0 --data "{data.resolve()}" --db {database}' in result.output


def test_the_sign_in_page_says_when_nobody_can_sign_in_as_the_province(tmp_path):
    app = make_portal(tmp_path, f"sqlite:///{tmp_path / 'cong.db'}")
    try:
        add_account(app, "xa-hai-son", "Xã Hải Sơn")
        assert 'id="chua-co-tai-khoan-tinh"' in Browser(app).get("/dang-nhap").text
        add_account(app, "snv", "Sở Nội vụ", role="tinh")
        assert 'id="chua-co-tai-khoan-tinh"' not in Browser(app).get("/dang-nhap").text
    finally:
        app.extensions["make_report"]["database"].dispose()


def test_a_server_started_on_a_database_without_a_province_account_says_so(tmp_path):
    database = f"sqlite:///{tmp_path / 'trong.db'}"
    server = Server(tmp_path / "du-lieu", database, "--khong-pdf").start()
    try:
        server.process.send_signal(signal.SIGTERM)
        _, errors = server.process.communicate(timeout=300)  # a hang guard only
    finally:
        server.stop()
    assert f"cơ sở dữ liệu {database} chưa có tài khoản tỉnh nào" in errors
    assert f"make-report web --tao-tai-khoan-tinh TÊN --data {(tmp_path / 'du-lieu').resolve()} --db {database}" \
        in errors


def test_the_accounts_page_lists_xa_then_phuong_then_dac_khu(tmp_path):
    app = make_portal(tmp_path, f"sqlite:///{tmp_path / 'cong.db'}")
    try:
        for login, name in (("dk-con-dao", "Đặc khu Côn Đảo"), ("xa-an", "Xã An"), ("phuong-binh", "Phường Bình"),
                            ("xa-cat", "Xã Cát")):
            add_account(app, login, name)
        add_account(app, "snv", "Sở Nội vụ", role="tinh")
        browser = Browser(app)
        assert browser.sign_in("snv", "mat-khau-dai-1").status_code == 302
        page = browser.get("/tinh/tai-khoan").text
        at = [page.index(name) for name in ("Xã An", "Xã Cát", "Phường Bình", "Đặc khu Côn Đảo")]
        assert at == sorted(at)
    finally:
        app.extensions["make_report"]["database"].dispose()


def test_generation_works_where_processes_can_only_be_spawned_as_on_windows(tmp_path, monkeypatch):
    import multiprocessing

    from pipeline.web.db import Upload
    from web_support import unit_workbook

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    app = make_portal(tmp_path, f"sqlite:///{tmp_path / 'cong.db'}", workers=1)
    try:
        add_account(app, "xa-hai-son", "Xã Hải Sơn")
        browser = Browser(app)
        assert browser.sign_in("xa-hai-son", "mat-khau-dai-1").status_code == 302
        browser.upload(unit_workbook(tmp_path / "so.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI SƠN"))
        generator = app.extensions["make_report"]["generator"]
        assert generator._executor()._mp_context.get_start_method() == "spawn"
        generator.shutdown()  # waits for the generation
        with app.extensions["make_report"]["database"].session() as s:
            [upload] = s.query(Upload).all()
            assert (upload.state, len(upload.documents)) == ("xong", 3)
    finally:
        app.extensions["make_report"]["database"].dispose()


def test_a_dying_worker_gets_no_other_upload_refused(tmp_path):
    """A worker killed (out of memory) fails every generation queued in its pool: each runs again
    alone, and only a workbook whose own worker dies is refused."""
    from pipeline.web.db import Upload
    from web_support import unit_workbook

    app = make_portal(tmp_path, f"sqlite:///{tmp_path / 'cong.db'}", workers=1)
    generator = app.extensions["make_report"]["generator"]
    try:
        add_account(app, "xa-hai-son", "Xã Hải Sơn")
        browser = Browser(app)
        assert browser.sign_in("xa-hai-son", "mat-khau-dai-1").status_code == 302
        workbook = unit_workbook(tmp_path / "so.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI SƠN")
        broken, _ = generator._submit(wait_for_file, str(tmp_path / "never"))  # the one worker, kept busy
        for _ in range(3):
            assert browser.upload(workbook).status_code == 303  # queued behind it
        assert generator._pool is broken
        for pid in list(broken._processes):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 600  # a hang guard only
        while time.monotonic() < deadline:
            with app.extensions["make_report"]["database"].session() as s:
                found = [(u.state, len(u.documents)) for u in s.query(Upload).order_by(Upload.id)]
            if all(state != "cho" for state, _ in found):
                break
            time.sleep(0.3)
        assert generator._pool is not broken  # the kill did break the pool
        assert found == [("xong", 3)] * 3
    finally:
        generator.shutdown()
        app.extensions["make_report"]["database"].dispose()


def test_a_workbook_whose_own_worker_dies_is_refused_with_a_message(tmp_path):
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from pipeline.web.db import Upload

    app = make_portal(tmp_path, f"sqlite:///{tmp_path / 'cong.db'}", workers=1)
    generator = app.extensions["make_report"]["generator"]
    try:
        account = add_account(app, "xa-hai-son", "Xã Hải Sơn")
        with app.extensions["make_report"]["database"].session() as s:
            upload = Upload(account_id=account, year=2024, period_key="quy-1", file_hash="a" * 64, size=1,
                            original_name="so.xlsx", state="cho")
            s.add(upload)
            s.flush()
            upload_id = upload.id
        died = Future()
        died.set_exception(BrokenProcessPool("a worker died"))
        generator._finished(upload_id, (), died, None)  # it ran alone: no pool to try again in
        with app.extensions["make_report"]["database"].session() as s:
            upload = s.get(Upload, upload_id)
            assert upload.state == "tu-choi" and "dừng đột ngột khi xử lý sổ này" in upload.problems_json
    finally:
        app.extensions["make_report"]["database"].dispose()


def wait_for_file(path: str) -> str:
    """A generation that takes until the test says so (runs in a worker)."""
    while not os.path.exists(path):
        time.sleep(0.05)
    return "xong"


def test_a_roll_up_is_not_queued_behind_the_uploads_generations(tmp_path):
    import threading

    from web_support import make_portal as portal_with

    app = portal_with(tmp_path, f"sqlite:///{tmp_path / 'cong.db'}", workers=1)
    generator = app.extensions["make_report"]["generator"]
    release = tmp_path / "tha"
    try:
        # The one generation worker is busy until released.
        pool, busy = generator._submit(wait_for_file, str(release))
        answered = []
        asking = threading.Thread(target=lambda: answered.append(generator.run(os.getpid)))
        asking.start()
        asking.join(timeout=300)  # a hang guard: queued behind the busy worker it would never answer
        assert answered and not busy.done()
    finally:
        release.touch()
        generator.shutdown()
        app.extensions["make_report"]["database"].dispose()
