"""complaints: who on the desk took it, how the desk closed it, what it duplicates

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_member_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("closed_as", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("duplicate_of_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_column("duplicate_of_id")
        batch_op.drop_column("closed_as")
        batch_op.drop_column("assigned_member_id")
