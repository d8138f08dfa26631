"""the thread with the complainant, the service targets' notices, and ratings

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "complaint_questions",
        sa.Column("id", ID, nullable=False),
        sa.Column("complaint_id", sa.BigInteger(), nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("asked_at", MOMENT, nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("evidence_ids", sa.JSON(), nullable=False),
        sa.Column("answered_at", MOMENT, nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_questions_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["staff_members.id"],
            name=op.f("fk_complaint_questions_member_id_staff_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_questions")),
    )
    op.create_index(
        op.f("ix_complaint_questions_complaint_id"), "complaint_questions", ["complaint_id"]
    )
    op.create_index(op.f("ix_complaint_questions_member_id"), "complaint_questions", ["member_id"])
    op.create_table(
        "target_notices",
        sa.Column("complaint_id", sa.BigInteger(), nullable=False),
        sa.Column("target", sa.String(length=24), nullable=False),
        sa.Column("sent_at", MOMENT, nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_target_notices_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("complaint_id", "target", name=op.f("pk_target_notices")),
    )
    op.create_table(
        "complaint_ratings",
        sa.Column("complaint_id", sa.BigInteger(), nullable=False),
        sa.Column("stars", sa.SmallInteger(), nullable=False),
        sa.Column("rated_at", MOMENT, nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_ratings_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_complaint_ratings")),
    )


def downgrade() -> None:
    op.drop_table("complaint_ratings")
    op.drop_table("target_notices")
    op.drop_index(op.f("ix_complaint_questions_member_id"), table_name="complaint_questions")
    op.drop_index(op.f("ix_complaint_questions_complaint_id"), table_name="complaint_questions")
    op.drop_table("complaint_questions")
