"""Serving the portal: waitress (a production WSGI server, pure Python, also on Windows), one command."""

from __future__ import annotations

import signal
import threading
import webbrowser

from .settings import WebSettings

SERVER_THREADS = 16
BODY_LIMIT_FACTOR = 4
"""waitress refuses a body past its own limit with an English text/plain page; set above the portal's
limit, files a few times too big still reach Flask, which refuses them with the Vietnamese page."""


def serve(settings: WebSettings, host: str, port: int, open_browser: bool, announce, without_province=None) -> None:
    """Run until stopped (Ctrl+C, SIGTERM); `announce(url)` is told the address once the socket listens,
    `without_province(database_url)` when nobody can sign in as the province (not in local mode)."""
    from waitress import create_server

    from .app import create_app

    _stop_cleanly_on_sigterm()
    app = create_app(settings)
    try:
        server = create_server(app, host=host, port=port, threads=SERVER_THREADS, max_request_body_size=
                               BODY_LIMIT_FACTOR * settings.max_upload_bytes, clear_untrusted_proxy_headers=True)
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{server.effective_port}/"
        if without_province is not None and not settings.local and not _province_can_sign_in(app):
            without_province(app.extensions["make_report"]["database"].url)
        announce(url)
        if open_browser:
            threading.Timer(0.5, webbrowser.open, (url,)).start()
        server.run()
    finally:
        app.extensions["make_report"]["generator"].shutdown()
        app.extensions["make_report"]["database"].dispose()


def _province_can_sign_in(app) -> bool:
    from .accounts import has_province_account

    with app.extensions["make_report"]["database"].session() as s:
        return has_province_account(s)


class Stopped(SystemExit):
    """SIGTERM (a service manager's stop): leave the loop like Ctrl+C, through the cleanup below."""


def _stop_cleanly_on_sigterm() -> None:
    # Python's default SIGTERM ends the process at once: the generation pool was never shut down and
    # its forkserver and resource tracker stayed behind. Raising instead runs `serve`'s cleanup.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_stopped)


def _raise_stopped(signum, frame) -> None:
    raise Stopped(0)
