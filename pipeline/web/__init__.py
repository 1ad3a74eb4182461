"""The web portal (`make-report web`): units upload workbooks, the province follows and rolls up.

Routes call the same library functions as the command line (read and validate a workbook,
generate, check, roll up, init); this package adds only accounts, storage and bookkeeping.

    >>> from pipeline.web import create_app, WebSettings
    >>> app = create_app(WebSettings(data_dir=Path("du-lieu-web")))

A WSGI server can also build it from the environment: `pipeline.web:app_from_environment`.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["WebSettings", "app_from_environment", "create_app"]


def __getattr__(name: str):
    # Lazy: `make-report --help` must not load Flask and SQLAlchemy through the `web` command's options.
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "WebSettings":
        from .settings import WebSettings

        return WebSettings
    raise AttributeError(name)


def app_from_environment():
    """The application for a WSGI server: MAKE_REPORT_WEB_DATA, MAKE_REPORT_WEB_DB, MAKE_REPORT_WEB_WORKERS,
    MAKE_REPORT_WEB_HTTPS, MAKE_REPORT_WEB_PROXIES."""
    from .app import create_app
    from .settings import WebSettings

    settings = WebSettings(
        data_dir=Path(os.environ.get("MAKE_REPORT_WEB_DATA", "du-lieu-web")),
        database_url=os.environ.get("MAKE_REPORT_WEB_DB") or None,
        workers=int(os.environ.get("MAKE_REPORT_WEB_WORKERS", "2")),
        secure_cookies=os.environ.get("MAKE_REPORT_WEB_HTTPS", "") == "1",
        proxies=int(os.environ.get("MAKE_REPORT_WEB_PROXIES", "0") or 0),
    )
    return create_app(settings)
