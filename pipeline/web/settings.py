"""How one portal runs: where its files and database are, who may use it, what it makes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_PORT = 8765
DEFAULT_DATA = Path("du-lieu-web")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""A commune's workbook is well under 1 MB; the package limits of the CLI then bound what it unpacks to."""
LOCAL_LOGIN = "may-nay"
"""The one unit of local mode (`--local`): the clerk's own PC, no account to sign in with."""


@dataclass(frozen=True)
class WebSettings:
    data_dir: Path = DEFAULT_DATA
    database_url: str | None = None
    """None: an SQLite file next to the data folder (`du-lieu-web.db` beside `du-lieu-web/`)."""
    local: bool = False
    workers: int = 2
    """Generation processes; 0 runs each generation in the calling thread (tests of the pages)."""
    pdf: bool | None = None
    """PDF and page previews through LibreOffice; None: when LibreOffice is installed."""
    secret_key: str | None = None
    """None: a random key kept in the data folder, so sessions survive a restart."""
    secure_cookies: bool = False
    """Mark the session cookie Secure: only when the portal is served over HTTPS."""
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    proxies: int = 0
    """Reverse proxies in front of the portal (nginx, Caddy): a visitor's address is then the one they
    add to X-Forwarded-For. 0: the header is ignored, so nobody can name their own address."""

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return normalised_database_url(self.database_url)
        data = Path(self.data_dir).resolve()
        return f"sqlite:///{data.parent / (data.name + '.db')}"


def normalised_database_url(url: str) -> str:
    """`postgresql://…` through psycopg 3 (the driver the [web] extra installs) unless a driver is named."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url
