"""The staff's tables: members, their roles, invite codes, linked chats, and the audit log.

- `StaffMember`: a person who acts for one of the directive's bodies; active or revoked
  (`storage.statuses.STAFF_MEMBER`).
- `StaffRole`: one role a member holds (`storage.statuses.Role`), scoped to an Association (the
  province key Art. 12 routes by, as `Complaint.association_province`) or national (None); a
  Primary Board member may be its chair (Art. 22 note 1). Granted and revoked by dates.
- `StaffInvite`: a one-time code that links a chat to a member. Only the code's SHA-256 is kept:
  the code is shown once, to the operator who issued it.
- `StaffLink`: a chat (platform, user, chat) through which a member acts; revoked links keep
  their history.
- `AuditEntry`: one line of the audit log: who (member, role), what (action), on what (subject),
  when, from which chat, and whether it was allowed or refused (and why). The log is insert-only:
  the ORM refuses to update or delete an entry (`AuditImmutable`, below), and the store itself
  refuses it too (triggers of migration 0011_staff).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Mapper, ORMExecuteState, Session, mapped_column, validates

from storage.base import Base
from storage.statuses import STAFF_MEMBER, AuditOutcome, Role, StaffStatus
from storage.types import StatusText

__all__ = [
    "AuditEntry",
    "AuditImmutable",
    "StaffInvite",
    "StaffLink",
    "StaffMember",
    "StaffRole",
]

_ID = BigInteger().with_variant(Integer, "sqlite")


class StaffMember(Base):
    """A person who acts for the Association, a board, the Directorate or the Center."""

    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[StaffStatus] = mapped_column(StatusText(StaffStatus, 16))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    @validates("status")
    def _status_moves(self, key: str, value: StaffStatus | str) -> StaffStatus | None:
        return STAFF_MEMBER.assign(self, key, value)


class StaffRole(Base):
    """One role a member holds, for one Association or (None) for the whole country."""

    __tablename__ = "staff_roles"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    member_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("staff_members.id"), index=True)
    role: Mapped[Role] = mapped_column(StatusText(Role, 24))
    # The Association's province key (Art. 12); None for a national role.
    association: Mapped[str | None] = mapped_column(String(32), index=True)
    # The Primary Board's chair, one of its judge members (Art. 22 note 1).
    chair: Mapped[bool] = mapped_column(Boolean, default=False)
    # A Primary Board member's seat (Art. 22): "judge" (a judge on the Association's board) or
    # "chair_representative" (the Association's chair's representative); None: not said.
    seat: Mapped[str | None] = mapped_column(String(24))
    granted_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class StaffInvite(Base):
    """A one-time code that links a chat to a member; the code itself is never stored."""

    __tablename__ = "staff_invites"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256, hex
    member_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("staff_members.id"), index=True)
    # The role the code was issued with (None: a code to link one more chat).
    role_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("staff_roles.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_platform: Mapped[str | None] = mapped_column(String(16))
    used_user_id: Mapped[int | None] = mapped_column(BigInteger)


class StaffLink(Base):
    """A chat through which a member acts; a revoked link keeps its history."""

    __tablename__ = "staff_links"
    __table_args__ = (Index("ix_staff_links_account", "platform", "platform_user_id"),)

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    member_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("staff_members.id"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    linked_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class AuditEntry(Base):
    """One staff action, allowed or refused: written once, never changed."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    # Who: the member (None for someone who is no staff member, or the operator's command line).
    member_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("staff_members.id"), index=True
    )
    role: Mapped[Role | None] = mapped_column(StatusText(Role, 24))  # the role it was done as
    action: Mapped[str] = mapped_column(String(64))
    subject_kind: Mapped[str | None] = mapped_column(String(24))
    subject_id: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[AuditOutcome] = mapped_column(StatusText(AuditOutcome, 8))
    reason: Mapped[str | None] = mapped_column(String(32))  # why it was refused
    detail: Mapped[str | None] = mapped_column(Text)
    # From which chat ("cli" and no chat for the operator's commands).
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    # The token of the button pressed, if any: a button of a one-time action acts once.
    button: Mapped[str | None] = mapped_column(String(32), index=True)


class AuditImmutable(RuntimeError):
    """An audit entry was about to be changed or deleted: the audit log is insert-only."""


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(_mapper: Mapper[Any], _connection: Any, target: AuditEntry) -> None:
    raise AuditImmutable(f"audit entry {target.id} cannot be changed: the log is insert-only")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(_mapper: Mapper[Any], _connection: Any, target: AuditEntry) -> None:
    raise AuditImmutable(f"audit entry {target.id} cannot be deleted: the log is insert-only")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    # update(AuditEntry) / delete(AuditEntry) run without loading rows, past the hooks above.
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is AuditEntry for mapper in state.all_mappers
    ):
        raise AuditImmutable("the audit log is insert-only: no UPDATE or DELETE of it")
