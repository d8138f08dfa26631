"""the Primary Board in session: sittings, members, questions, votes; the manager's written
statement; a ruling's offender, mitigation and crime referral; a board member's seat

Revision ID: 0018_board
Revises: 0017_inspect
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0018_board"
down_revision = "0017_inspect"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "sittings",
        sa.Column("id", _ID, primary_key=True),
        sa.Column("body", sa.String(24), nullable=False),
        sa.Column("association", sa.String(32), nullable=True),
        sa.Column("subject_kind", sa.String(24), nullable=False),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("opened_by", sa.BigInteger(), sa.ForeignKey("staff_members.id"), nullable=False),
        sa.Column("opened_at", storage.types.UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("closed_at", storage.types.UtcDateTime(), nullable=True),
        sa.Column("decision_id", sa.BigInteger(), sa.ForeignKey("decisions.id"), nullable=True),
    )
    op.create_index("ix_sittings_association", "sittings", ["association"])
    op.create_table(
        "sitting_members",
        sa.Column(
            "sitting_id",
            sa.BigInteger(),
            sa.ForeignKey("sittings.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "member_id", sa.BigInteger(), sa.ForeignKey("staff_members.id"), primary_key=True
        ),
        sa.Column("seat", sa.String(24), nullable=True),
        sa.Column("chair", sa.Boolean(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "sitting_questions",
        sa.Column("id", _ID, primary_key=True),
        sa.Column(
            "sitting_id",
            sa.BigInteger(),
            sa.ForeignKey("sittings.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("clause", sa.String(8), nullable=True),
        sa.Column("degree", sa.Integer(), nullable=True),
        sa.Column("months", sa.Integer(), nullable=True),
        sa.Column("put_at", storage.types.UtcDateTime(), nullable=False),
        sa.Column("tallied_at", storage.types.UtcDateTime(), nullable=True),
        sa.Column("carried", sa.Boolean(), nullable=True),
        sa.Column("yes_votes", sa.Integer(), nullable=True),
        sa.Column("no_votes", sa.Integer(), nullable=True),
    )
    op.create_index("ix_sitting_questions_sitting_id", "sitting_questions", ["sitting_id"])
    op.create_table(
        "sitting_votes",
        sa.Column("id", _ID, primary_key=True),
        sa.Column(
            "question_id",
            sa.BigInteger(),
            sa.ForeignKey("sitting_questions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("member_id", sa.BigInteger(), sa.ForeignKey("staff_members.id"), nullable=False),
        sa.Column("yes", sa.Boolean(), nullable=False),
        sa.Column("at", storage.types.UtcDateTime(), nullable=False),
        sa.UniqueConstraint("question_id", "member_id", name="uq_sitting_votes"),
    )
    op.create_index("ix_sitting_votes_question_id", "sitting_votes", ["question_id"])
    op.create_table(
        "case_statements",
        sa.Column("id", _ID, primary_key=True),
        sa.Column("case_id", sa.BigInteger(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("manager_id", sa.BigInteger(), sa.ForeignKey("managers.id"), nullable=False),
        sa.Column("invited_by", sa.BigInteger(), sa.ForeignKey("staff_members.id"), nullable=False),
        sa.Column("invited_at", storage.types.UtcDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("sent_at", storage.types.UtcDateTime(), nullable=True),
        sa.UniqueConstraint("case_id"),
    )
    op.create_table(
        "case_charges",
        sa.Column("case_id", sa.BigInteger(), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("offender", sa.String(16), nullable=False),
        sa.Column("offender_name", sa.String(200), nullable=True),
        sa.Column("offender_post", sa.String(24), nullable=True),
        sa.Column("clauses", sa.JSON(), nullable=True),
        sa.Column("set_by", sa.BigInteger(), sa.ForeignKey("staff_members.id"), nullable=False),
        sa.Column("set_at", storage.types.UtcDateTime(), nullable=False),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sitting_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("ruling_text", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("offender", sa.String(16), nullable=False, server_default="manager")
        )
        batch_op.add_column(sa.Column("offender_name", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("offender_post", sa.String(24), nullable=True))
        batch_op.add_column(sa.Column("mitigation", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("crime_authority", sa.String(200), nullable=True))
        batch_op.add_column(
            sa.Column("crime_referred_on", storage.types.JalaliDate(), nullable=True)
        )
        batch_op.add_column(sa.Column("crime_reference", sa.String(100), nullable=True))
        batch_op.create_index("ix_decisions_sitting_id", ["sitting_id"])
    with op.batch_alter_table("staff_roles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seat", sa.String(24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_roles", schema=None) as batch_op:
        batch_op.drop_column("seat")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_decisions_sitting_id")
        for column in (
            "crime_reference",
            "crime_referred_on",
            "crime_authority",
            "mitigation",
            "offender_post",
            "offender_name",
            "offender",
            "ruling_text",
            "sitting_id",
        ):
            batch_op.drop_column(column)
    op.drop_table("case_charges")
    op.drop_table("case_statements")
    op.drop_index("ix_sitting_votes_question_id", "sitting_votes")
    op.drop_table("sitting_votes")
    op.drop_index("ix_sitting_questions_sitting_id", "sitting_questions")
    op.drop_table("sitting_questions")
    op.drop_table("sitting_members")
    op.drop_index("ix_sittings_association", "sittings")
    op.drop_table("sittings")
