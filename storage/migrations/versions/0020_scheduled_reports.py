"""the monthly reports to the Directorate: one row a period and a scope, written once

Revision ID: 0020_scheduled_reports
Revises: 0019_appeals
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_scheduled_reports"
down_revision = "0019_appeals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheduled_reports",
        sa.Column("first_day", sa.String(length=10), nullable=False),
        sa.Column("last_day", sa.String(length=10), nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("chats", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "first_day", "last_day", "scope", name=op.f("pk_scheduled_reports")
        ),
    )


def downgrade() -> None:
    op.drop_table("scheduled_reports")
