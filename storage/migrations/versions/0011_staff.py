"""staff members, roles, invites, links, and the insert-only audit log

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

The audit log refuses UPDATE and DELETE in the store itself (a trigger on SQLite and on
PostgreSQL), beside the models' own refusal. A later revision that rebuilds `audit_log` in
SQLite's batch mode must create the triggers again: a rebuilt table has none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
REFUSAL = "the audit log is insert-only"


def upgrade() -> None:
    op.create_table(
        "staff_members",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_members")),
    )
    op.create_table(
        "staff_roles",
        sa.Column("id", ID, nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.String(length=24), nullable=False),
        sa.Column("association", sa.String(length=32), nullable=True),
        sa.Column("chair", sa.Boolean(), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["staff_members.id"], name=op.f("fk_staff_roles_member_id_staff_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_roles")),
    )
    with op.batch_alter_table("staff_roles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_roles_member_id"), ["member_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_staff_roles_association"), ["association"], unique=False
        )

    op.create_table(
        "staff_invites",
        sa.Column("id", ID, nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("role_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_platform", sa.String(length=16), nullable=True),
        sa.Column("used_user_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["staff_members.id"],
            name=op.f("fk_staff_invites_member_id_staff_members"),
        ),
        sa.ForeignKeyConstraint(
            ["role_id"], ["staff_roles.id"], name=op.f("fk_staff_invites_role_id_staff_roles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_invites")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_staff_invites_code_hash")),
    )
    with op.batch_alter_table("staff_invites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_invites_member_id"), ["member_id"], unique=False)

    op.create_table(
        "staff_links",
        sa.Column("id", ID, nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("platform_user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["staff_members.id"], name=op.f("fk_staff_links_member_id_staff_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_links")),
    )
    with op.batch_alter_table("staff_links", schema=None) as batch_op:
        batch_op.create_index(
            "ix_staff_links_account", ["platform", "platform_user_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_staff_links_member_id"), ["member_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", ID, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("member_id", sa.BigInteger(), nullable=True),
        sa.Column("role", sa.String(length=24), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject_kind", sa.String(length=24), nullable=True),
        sa.Column("subject_id", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("button", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["staff_members.id"], name=op.f("fk_audit_log_member_id_staff_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_button"), ["button"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_log_insert_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_insert_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_insert_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
    else:
        op.execute("DROP TRIGGER audit_log_insert_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_insert_only()")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_button"))
        batch_op.drop_index(batch_op.f("ix_audit_log_member_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
    op.drop_table("audit_log")
    with op.batch_alter_table("staff_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_links_member_id"))
        batch_op.drop_index("ix_staff_links_account")
    op.drop_table("staff_links")
    with op.batch_alter_table("staff_invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_invites_member_id"))
    op.drop_table("staff_invites")
    with op.batch_alter_table("staff_roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_roles_association"))
        batch_op.drop_index(batch_op.f("ix_staff_roles_member_id"))
    op.drop_table("staff_roles")
    op.drop_table("staff_members")
