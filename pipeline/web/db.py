"""The portal's database: accounts, uploads and what each made, deadlines, settings, the audit log.

Files are never in the database: an upload and every document are named by their content hash
in the data folder (store.py); the rows here say whose they are and what they mean. The schema is
created and upgraded by Alembic (migrations/), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Account(Base):
    """Tài khoản: a unit (xã, phường, đặc khu) or the province's officer."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    """`don-vi` (a unit) or `tinh` (the province)."""
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    session_stamp: Mapped[str] = mapped_column(String(32))
    """Changes when the password is reset or the account disabled: older sessions stop working."""
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def is_province(self) -> bool:
        return self.role == "tinh"


class Upload(Base):
    """Lần tải lên: one workbook as received, kept for good; the newest accepted one of a period counts."""

    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    period_key: Mapped[str] = mapped_column(String(16))
    file_hash: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(255))
    """Shown to people only; never a path on disk."""
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="cho")
    """`cho` (waiting for its documents), `xong` (documents made), `tu-choi` (refused, see problems)."""
    problems_json: Mapped[str] = mapped_column(Text, default="[]")
    warnings_json: Mapped[str] = mapped_column(Text, default="[]")
    agency: Mapped[str] = mapped_column(Text, default="")
    agency_key: Mapped[str] = mapped_column(Text, default="")
    content_digest: Mapped[str] = mapped_column(String(64), default="")
    """What the documents are made of (pipeline.domain.units): equal for copies of one workbook,
    however re-saved; `""` for uploads made before it (their file hash stands in)."""
    completion: Mapped[float | None] = mapped_column(Float, nullable=True)
    reported: Mapped[bool] = mapped_column(Boolean, default=True)
    """Whether the workbook reported the period (pipeline.domain.reported); accepted without it, the
    upload's documents stand but the unit has not reported the period."""
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    account: Mapped[Account] = relationship()
    documents: Mapped[list[Document]] = relationship(order_by="Document.position", back_populates="upload")


class Document(Base):
    """One document an upload made: its DOCX, PDF, check result and page previews."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(255))
    """The file name the CLI gives it, without extension (`xa-hai-dinh_ke-hoach-2024`)."""
    docx_hash: Mapped[str] = mapped_column(String(64))
    pdf_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    check_text: Mapped[str] = mapped_column(Text, default="")
    check_ok: Mapped[bool] = mapped_column(Boolean, default=True)
    preview_json: Mapped[str] = mapped_column(Text, default="{}")
    """`{"pages": [png hashes]}` from the PDF, or `{"blocks": [...]}` read from the DOCX."""

    upload: Mapped[Upload] = relationship(back_populates="documents")


class Deadline(Base):
    """Hạn báo cáo: the day a period's report is due at the province."""

    __tablename__ = "deadlines"
    __table_args__ = (UniqueConstraint("year", "period_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    period_key: Mapped[str] = mapped_column(String(16))
    due: Mapped[date] = mapped_column(Date)


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class EndedSession(Base):
    """A session signed out: its cookie (signed, not stored) is refused from then on, while the
    account's other sessions (another officer on the shared province login) go on."""

    __tablename__ = "ended_sessions"
    session_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    ended_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class AuditEvent(Base):
    """Nhật ký: who signed in, uploaded, downloaded what, and when."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), nullable=True)
    login: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(64), default="")


class Database:
    """An engine on the URL, upgraded to the latest schema, and sessions on it."""

    def __init__(self, url: str):
        self.url = url
        options = {"connect_args": {"timeout": 60, "check_same_thread": False}} if url.startswith("sqlite") else {}
        self.engine = create_engine(url, pool_pre_ping=True, **options)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        upgrade(self.engine)

    @contextmanager
    def session(self):
        """A session committed at the end of the block, rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(connection, _record) -> None:
    # WAL: readers never wait for the writer; FULL sync: an acknowledged upload survives a power cut.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def upgrade(engine) -> None:
    """Bring the schema to the latest migration (a new database gets every table)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
