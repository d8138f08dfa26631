"""managers: a person's national ID, the Directorate's start, and why a period ended (Art. 19)

Revision ID: 0015_persons
Revises: 0014
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_persons"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("managers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("national_id", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("since", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("end_reason", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("end_note", sa.Text(), nullable=True))
        batch_op.create_index("ix_managers_national_id", ["national_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("managers", schema=None) as batch_op:
        batch_op.drop_index("ix_managers_national_id")
        batch_op.drop_column("end_note")
        batch_op.drop_column("end_reason")
        batch_op.drop_column("since")
        batch_op.drop_column("national_id")
