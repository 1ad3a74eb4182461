"""Whether an accepted upload reported its period (pipeline.domain.reported): the matrix and the
roll-up then agree on who reported. Uploads made before it count as reported, as they did.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("uploads") as batch:
        batch.add_column(sa.Column("reported", sa.Boolean, nullable=False, server_default=sa.true()))


def downgrade():
    with op.batch_alter_table("uploads") as batch:
        batch.drop_column("reported")
