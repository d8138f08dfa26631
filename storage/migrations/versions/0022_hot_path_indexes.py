"""the hot path's lookups by chat: identities and outbox rows by (platform, chat_id)

Revision ID: 0022_hot_path_indexes
Revises: 0021_report_indexes
Create Date: 2026-12-02

Every other query one update runs is served by a primary key or an index already; these two
were full scans that grew with the store (benchmarks/store_size.py,
tests/store/test_hot_path_plans.py).
"""

from __future__ import annotations

from alembic import op

revision = "0022_hot_path_indexes"
down_revision = "0021_report_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_identities_chat", "identities", ["platform", "chat_id"])
    op.create_index("ix_outbox_chat", "outbox", ["platform", "chat_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_outbox_chat", table_name="outbox")
    op.drop_index("ix_identities_chat", table_name="identities")
