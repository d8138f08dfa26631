"""the rate limit shared by the processes of one bot on PostgreSQL: its slots and pauses

Revision ID: 0023_rate_slots
Revises: 0022_hot_path_indexes
Create Date: 2026-12-12

Created on SQLite too, where it stays empty: one process there keeps its limit in memory
(bot/handlers/ratelimit.py); several on PostgreSQL share this table (storage/rate_slots.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023_rate_slots"
down_revision = "0022_hot_path_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_slots",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("counts_from", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_slots")),
    )
    op.create_index("ix_rate_slots_scope", "rate_slots", ["scope", "counts_from"])


def downgrade() -> None:
    op.drop_index("ix_rate_slots_scope", table_name="rate_slots")
    op.drop_table("rate_slots")
