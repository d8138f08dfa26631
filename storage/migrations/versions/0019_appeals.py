"""the Appeals Board in session: an appeal's ruling text and sitting; a sitting's ruling question

Revision ID: 0019_appeals
Revises: 0018_board
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_appeals"
down_revision = "0018_board"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appeals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ruling_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("sitting_id", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("sitting_questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ruling", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sitting_questions", schema=None) as batch_op:
        batch_op.drop_column("ruling")
    with op.batch_alter_table("appeals", schema=None) as batch_op:
        batch_op.drop_column("sitting_id")
        batch_op.drop_column("ruling_text")
