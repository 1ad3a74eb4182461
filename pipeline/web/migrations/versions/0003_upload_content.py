"""What an accepted upload's documents are made of (pipeline.domain.units): the matrix then tells
copies of one workbook from different workbooks of one unit, as the roll-up does. Uploads made
before it keep `""`: their file hash stands in.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("uploads") as batch:
        batch.add_column(sa.Column("content_digest", sa.String(64), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("uploads") as batch:
        batch.drop_column("content_digest")
