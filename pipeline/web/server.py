"""Serving the portal: waitress (a production WSGI server, pure Python, also on Windows), one command."""

from __future__ import annotations

import threading
import webbrowser

from .settings import WebSettings

SERVER_THREADS = 16


def serve(settings: WebSettings, host: str, port: int, open_browser: bool, announce) -> None:
    """Run until stopped (Ctrl+C); `announce(url)` is told the address once the socket listens."""
    from waitress import create_server

    from .app import create_app

    app = create_app(settings)
    server = create_server(app, host=host, port=port, threads=SERVER_THREADS, max_request_body_size=
                           settings.max_upload_bytes + 64 * 1024, clear_untrusted_proxy_headers=True)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{server.effective_port}/"
    announce(url)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.run()
    finally:
        app.extensions["make_report"]["generator"].shutdown()
        app.extensions["make_report"]["database"].dispose()
