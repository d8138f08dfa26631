"""finality: the disciplinary file, publications of degree-4 reprimands, a verbal warning's day

Revision ID: 0016_finality
Revises: 0015_persons
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_finality"
down_revision = "0015_persons"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("warned_on", sa.String(length=10), nullable=True))
    op.create_table(
        "disciplinary_entries",
        sa.Column("id", _ID, nullable=False),
        sa.Column("manager_id", sa.BigInteger(), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("decision_id", sa.BigInteger(), nullable=False),
        sa.Column("degree", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=True),
        sa.Column("violations", sa.JSON(), nullable=False),
        sa.Column("final_on", sa.String(length=10), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"]),
        sa.ForeignKeyConstraint(["manager_id"], ["managers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("decision_id"),
    )
    op.create_index("ix_disciplinary_entries_manager_id", "disciplinary_entries", ["manager_id"])
    op.create_index("ix_disciplinary_entries_office_code", "disciplinary_entries", ["office_code"])
    op.create_table(
        "publications",
        sa.Column("id", _ID, nullable=False),
        sa.Column("decision_id", sa.BigInteger(), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("venue", sa.String(length=64), nullable=False),
        sa.Column("outbox_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("decision_id"),
    )
    op.create_index("ix_publications_office_code", "publications", ["office_code"])


def downgrade() -> None:
    op.drop_index("ix_publications_office_code", table_name="publications")
    op.drop_table("publications")
    op.drop_index("ix_disciplinary_entries_office_code", table_name="disciplinary_entries")
    op.drop_index("ix_disciplinary_entries_manager_id", table_name="disciplinary_entries")
    op.drop_table("disciplinary_entries")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_column("warned_on")
