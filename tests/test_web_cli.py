"""`make-report web`'s options: Vietnamese help, the defaults the issue names, local mode on 127.0.0.1
that opens the browser (or not, with --no-browser)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from web_support import ROOT


def test_help_names_every_option_in_vietnamese_with_the_defaults():
    result = CliRunner().invoke(main, ["web", "--help"], terminal_width=200, max_content_width=200)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for option, words in {"--local": "không cần tài khoản", "--host": "Địa chỉ nghe", "--port": "Cổng nghe",
                          "--db": "Cơ sở dữ liệu", "--data": "Thư mục dữ liệu",
                          "--no-browser": "Không tự mở trình duyệt"}.items():
        assert option in text and words in text, option
    assert "[mặc định: 8765;" in text and "[mặc định: du-lieu-web]" in text


@pytest.fixture
def served(monkeypatch):
    """What `serve` was asked for, instead of serving."""
    import pipeline.web.server

    calls = []
    monkeypatch.setattr(pipeline.web.server, "serve",
                        lambda settings, host, port, open_browser, *rest: calls.append((settings, host, port,
                                                                                         open_browser)))
    return calls


def test_local_mode_listens_on_loopback_and_opens_the_browser_unless_told_not_to(served, tmp_path):
    for extra, opens in (([], True), (["--no-browser"], False)):
        result = CliRunner().invoke(main, ["web", "--local", "--data", str(tmp_path / "d"), *extra])
        assert result.exit_code == 0, result.output
        settings, host, port, open_browser = served.pop()
        assert (host, port, open_browser, settings.local) == ("127.0.0.1", 8765, opens, True)
    result = CliRunner().invoke(main, ["web", "--data", str(tmp_path / "d")])
    settings, host, port, open_browser = served.pop()
    assert (host, port, open_browser, settings.local, settings.database_url) == ("127.0.0.1", 8765, False, False, None)
    assert settings.data_dir == tmp_path / "d"


def test_local_mode_refuses_to_listen_on_the_network(served):
    result = CliRunner().invoke(main, ["web", "--local", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--local chỉ nghe ở 127.0.0.1" in result.output
    assert served == []


def test_the_local_server_opens_the_browser_on_its_own_address(tmp_path):
    opened = tmp_path / "da-mo.txt"
    # Written aside then renamed: the test must never read the file created but still empty.
    browser = f"{sys.executable} -c \"import os, pathlib, sys; pathlib.Path(sys.argv[1] + '.tmp').write_text(sys.argv[2]); " \
              f"os.replace(sys.argv[1] + '.tmp', sys.argv[1])\" {opened} %s"
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "web", "--local", "--port", "0", "--khong-pdf",
                                "--data", str(tmp_path / "du-lieu")], cwd=ROOT, env={**os.environ, "BROWSER": browser},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline()).group(0)
        deadline = time.monotonic() + 120  # a hang guard only
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert opened.read_text() == url
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=120)
        _end_group(process.pid)
    assert (tmp_path / "du-lieu.db").is_file()


def _end_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def test_the_sqlite_file_sits_next_to_the_data_folder_by_default():
    from pipeline.web.settings import WebSettings

    settings = WebSettings(data_dir=Path("du-lieu-web"))
    assert settings.resolved_database_url == f"sqlite:///{Path('du-lieu-web.db').resolve()}"
    assert WebSettings(database_url="postgresql://a:b@may/bao-cao").resolved_database_url == \
        "postgresql+psycopg://a:b@may/bao-cao"


def test_the_readme_wsgi_line_serves_the_portal_from_the_environment(tmp_path):
    """`waitress-serve --call pipeline.web:app_from_environment`, configured by MAKE_REPORT_WEB_*."""
    import requests

    environment = {**os.environ, "MAKE_REPORT_WEB_DATA": str(tmp_path / "du-lieu"),
                   "MAKE_REPORT_WEB_DB": f"sqlite:///{tmp_path / 'tinh.db'}", "MAKE_REPORT_WEB_HTTPS": "1"}
    process = subprocess.Popen([sys.executable, "-m", "waitress", "--listen=127.0.0.1:0",
                                "--call", "pipeline.web:app_from_environment"], cwd=ROOT, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        url = re.search(r"Serving on (http://127\.0\.0\.1:\d+)", process.stderr.readline()).group(1)
        page = requests.get(url + "/dang-nhap", timeout=120)
        assert page.status_code == 200 and "Đăng nhập" in page.text
        assert "Secure" in page.headers["Set-Cookie"]  # MAKE_REPORT_WEB_HTTPS=1
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=120)
        _end_group(process.pid)
    assert (tmp_path / "tinh.db").is_file() and (tmp_path / "du-lieu" / "objects").is_dir()


def test_without_the_portals_packages_it_says_how_to_install_them(monkeypatch):
    """A clerk who installed the program without `[web]`: a sentence and the command, not a traceback."""
    import pipeline.cli.web as web_command

    monkeypatch.setattr(web_command, "PORTAL_PACKAGES", ("flask", "goi_khong_co_that"))
    result = CliRunner().invoke(main, ["web", "--local", "--no-browser"])
    assert result.exit_code == 1
    assert "chưa cài phần cổng báo cáo của chương trình (thiếu gói goi_khong_co_that)" in result.output
    assert 'pip install -e ".[web]"' in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [["web", "--help"], ["init", "--help"], ["check", "--help"], ["tong-hop", "--help"],
                                     ["tao", "--help"]])
def test_every_command_takes_the_debug_option_its_hints_name(command):
    result = CliRunner().invoke(main, command, terminal_width=200)
    assert result.exit_code == 0 and "--debug" in result.output
