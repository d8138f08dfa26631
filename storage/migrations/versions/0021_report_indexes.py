"""the indexes a report's period queries need: the moments they filter on, by office too

Revision ID: 0021_report_indexes
Revises: 0020_scheduled_reports
Create Date: 2026-12-10
"""

from __future__ import annotations

from alembic import op

revision = "0021_report_indexes"
down_revision = "0020_scheduled_reports"
branch_labels = None
depends_on = None

#: (name, table, columns): storage/models.py and storage/discipline_models.py name the same.
INDEXES = (
    ("ix_complaints_created_at", "complaints", ["created_at"]),
    ("ix_complaints_office_created", "complaints", ["office_code", "created_at"]),
    ("ix_complaint_events_moves", "complaint_events", ["complaint_id", "kind", "status", "at"]),
    ("ix_notices_created_at", "notices", ["created_at"]),
    ("ix_notices_office_created", "notices", ["office_code", "created_at"]),
    ("ix_outbox_notice_status", "outbox", ["notice_id", "status"]),
    ("ix_cases_opened_at", "cases", ["opened_at"]),
    ("ix_decisions_decided_at", "decisions", ["decided_at"]),
    ("ix_decisions_final_at", "decisions", ["final_at"]),
    ("ix_appeals_filed_at", "appeals", ["filed_at"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
