"""inspections in chat (Art. 21): announced or not, the inspector, the visit, the checklist, the
report sent to the Council; evidence: an inspector's photos

Revision ID: 0017_inspect
Revises: 0016_finality
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_inspect"
down_revision = "0016_finality"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("announced", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(sa.Column("inspector_member_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("visited_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("checklist", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("conclusion", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("report_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("report_sent_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inspection_id", sa.BigInteger(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_evidence_inspection_id"), ["inspection_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_inspection_id"))
        batch_op.drop_column("inspection_id")
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.drop_column("report_sent_at")
        batch_op.drop_column("report_text")
        batch_op.drop_column("conclusion")
        batch_op.drop_column("checklist")
        batch_op.drop_column("visited_at")
        batch_op.drop_column("inspector_member_id")
        batch_op.drop_column("announced")
