"""The portal's first schema: accounts, uploads, documents, deadlines, settings, audit log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("login", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("session_stamp", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("period_key", sa.String(16), nullable=False),
        sa.Column("file_hash", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("original_name", sa.String(255), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("problems_json", sa.Text, nullable=False),
        sa.Column("warnings_json", sa.Text, nullable=False),
        sa.Column("agency", sa.Text, nullable=False),
        sa.Column("agency_key", sa.Text, nullable=False),
        sa.Column("completion", sa.Float, nullable=True),
        sa.Column("finished_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_uploads_account_id", "uploads", ["account_id"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("docx_hash", sa.String(64), nullable=False),
        sa.Column("pdf_hash", sa.String(64), nullable=True),
        sa.Column("check_text", sa.Text, nullable=False),
        sa.Column("check_ok", sa.Boolean, nullable=False),
        sa.Column("preview_json", sa.Text, nullable=False),
    )
    op.create_index("ix_documents_upload_id", "documents", ["upload_id"])
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("period_key", sa.String(16), nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.UniqueConstraint("year", "period_key"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_events_at", "audit_events", ["at"])


def downgrade():
    for table in ("audit_events", "settings", "deadlines", "documents", "uploads", "accounts"):
        op.drop_table(table)
