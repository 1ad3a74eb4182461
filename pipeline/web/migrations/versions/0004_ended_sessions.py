"""Sessions signed out one by one: signing out on one computer no longer ends the account's
sessions on the others (a province's officers share one login).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "ended_sessions",
        sa.Column("session_id", sa.String(32), primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("ended_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_ended_sessions_ended_at", "ended_sessions", ["ended_at"])


def downgrade():
    op.drop_index("ix_ended_sessions_ended_at", "ended_sessions")
    op.drop_table("ended_sessions")
