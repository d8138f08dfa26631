"""Staff members, their roles, invite codes and linked chats, and the audit log.

Each function takes the session it works in; none commits. The caller's transaction decides.
The audit log has only `add_audit` and reads: nothing here updates or deletes an entry (and the
models and the store refuse it, see `storage.staff_models`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.staff_models import AuditEntry, StaffInvite, StaffLink, StaffMember, StaffRole
from storage.statuses import AuditOutcome, Role, StaffStatus

# ---- members ----


async def add_member(session: AsyncSession, name: str, now: datetime) -> StaffMember:
    """A new, active staff member."""
    member = StaffMember(name=name, status=StaffStatus.ACTIVE, created_at=now)
    session.add(member)
    await session.flush()
    return member


async def member(session: AsyncSession, member_id: int) -> StaffMember | None:
    """The member with this id (active or revoked)."""
    return await session.get(StaffMember, member_id)


async def members(session: AsyncSession) -> list[StaffMember]:
    """Every member there has been, oldest first."""
    return list(await session.scalars(select(StaffMember).order_by(StaffMember.id)))


async def revoke_member(session: AsyncSession, revoked: StaffMember, now: datetime) -> None:
    """Revoke a member: their roles, their chats' links and their unused codes end now."""
    revoked.status = StaffStatus.REVOKED
    revoked.revoked_at = now
    await session.execute(
        update(StaffRole)
        .where(StaffRole.member_id == revoked.id, StaffRole.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await session.execute(
        update(StaffLink)
        .where(StaffLink.member_id == revoked.id, StaffLink.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await expire_unused_invites(session, revoked.id, now)


# ---- roles ----


async def add_role(
    session: AsyncSession,
    member_id: int,
    role: Role,
    association: str | None,
    chair: bool,
    now: datetime,
    *,
    seat: str | None = None,
) -> StaffRole:
    """Grant a member a role, from now (a Primary Board member with their seat)."""
    granted = StaffRole(
        member_id=member_id,
        role=role,
        association=association,
        chair=chair,
        seat=seat,
        granted_at=now,
    )
    session.add(granted)
    await session.flush()
    return granted


async def roles_of(
    session: AsyncSession, member_ids: Sequence[int], *, revoked_too: bool = False
) -> list[StaffRole]:
    """The roles the members hold (and, with *revoked_too*, held), by member and grant."""
    if not member_ids:
        return []
    query = select(StaffRole).where(StaffRole.member_id.in_(list(member_ids)))
    if not revoked_too:
        query = query.where(StaffRole.revoked_at.is_(None))
    return list(await session.scalars(query.order_by(StaffRole.member_id, StaffRole.id)))


async def board_chair(
    session: AsyncSession, association: str | None, role: Role = Role.BOARD
) -> StaffRole | None:
    """The role of the chair of *role*'s body for *association* (None: national) now, if any."""
    where = (
        StaffRole.association.is_(None)
        if association is None
        else StaffRole.association == association
    )
    return await session.scalar(
        select(StaffRole).where(
            StaffRole.role == role,
            where,
            StaffRole.chair.is_(True),
            StaffRole.revoked_at.is_(None),
        )
    )


async def revoke_role(session: AsyncSession, revoked: StaffRole, now: datetime) -> None:
    """End one role of a member, from now."""
    revoked.revoked_at = now
    await session.flush()


# ---- invite codes ----


async def add_invite(
    session: AsyncSession,
    member_id: int,
    role_id: int | None,
    code_hash: str,
    now: datetime,
    expires_at: datetime,
) -> StaffInvite:
    """Store a one-time code (its hash) that links a chat to a member."""
    invite = StaffInvite(
        code_hash=code_hash,
        member_id=member_id,
        role_id=role_id,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(invite)
    await session.flush()
    return invite


async def invite_by_hash(session: AsyncSession, code_hash: str) -> StaffInvite | None:
    """The invite whose code has this hash."""
    return await session.scalar(select(StaffInvite).where(StaffInvite.code_hash == code_hash))


async def pending_invites(
    session: AsyncSession, member_ids: Sequence[int], now: datetime
) -> list[StaffInvite]:
    """The members' codes not used and not expired, oldest first."""
    if not member_ids:
        return []
    found = await session.scalars(
        select(StaffInvite)
        .where(
            StaffInvite.member_id.in_(list(member_ids)),
            StaffInvite.used_at.is_(None),
            StaffInvite.expires_at > now,
        )
        .order_by(StaffInvite.id)
    )
    return list(found)


async def expire_unused_invites(session: AsyncSession, member_id: int, now: datetime) -> int:
    """End now the member's codes not used and not expired; return how many."""
    result = await session.execute(
        update(StaffInvite)
        .where(
            StaffInvite.member_id == member_id,
            StaffInvite.used_at.is_(None),
            StaffInvite.expires_at > now,
        )
        .values(expires_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# ---- linked chats ----


async def link_of(session: AsyncSession, platform: str, user_id: int) -> StaffLink | None:
    """The account's link to a member now, if it has one."""
    return await session.scalar(
        select(StaffLink)
        .where(
            StaffLink.platform == platform,
            StaffLink.platform_user_id == user_id,
            StaffLink.revoked_at.is_(None),
        )
        .order_by(StaffLink.id.desc())
    )


async def last_link_of(session: AsyncSession, platform: str, user_id: int) -> StaffLink | None:
    """The account's newest link, revoked or not (to tell a former member why they cannot act)."""
    return await session.scalar(
        select(StaffLink)
        .where(StaffLink.platform == platform, StaffLink.platform_user_id == user_id)
        .order_by(StaffLink.id.desc())
    )


async def links_of(session: AsyncSession, member_ids: Sequence[int]) -> list[StaffLink]:
    """The members' links now, by member and age."""
    if not member_ids:
        return []
    found = await session.scalars(
        select(StaffLink)
        .where(StaffLink.member_id.in_(list(member_ids)), StaffLink.revoked_at.is_(None))
        .order_by(StaffLink.member_id, StaffLink.id)
    )
    return list(found)


async def add_link(
    session: AsyncSession, member_id: int, platform: str, user_id: int, chat_id: int, now: datetime
) -> StaffLink:
    """Link an account's chat to a member (an earlier link of the same account ends now)."""
    await session.execute(
        update(StaffLink)
        .where(
            StaffLink.platform == platform,
            StaffLink.platform_user_id == user_id,
            StaffLink.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    link = StaffLink(
        member_id=member_id,
        platform=platform,
        platform_user_id=user_id,
        chat_id=chat_id,
        linked_at=now,
    )
    session.add(link)
    await session.flush()
    return link


async def revoke_link(session: AsyncSession, link: StaffLink, now: datetime) -> None:
    """End one chat's link, from now."""
    link.revoked_at = now
    await session.flush()


# ---- the audit log (insert and read only) ----


async def add_audit(session: AsyncSession, **fields: Any) -> AuditEntry:
    """Write one audit entry (see `AuditEntry` for the fields)."""
    entry = AuditEntry(**fields)
    session.add(entry)
    await session.flush()
    return entry


async def audit_entries(
    session: AsyncSession, *, member_id: int | None = None, since: datetime | None = None
) -> list[AuditEntry]:
    """The audit log, oldest first (of one member; from *since* on)."""
    query = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
    if member_id is not None:
        query = query.where(AuditEntry.member_id == member_id)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    return list(await session.scalars(query))


async def button_acted(session: AsyncSession, token: str) -> bool:
    """Whether an allowed action was already done with the button behind *token*."""
    found = await session.scalar(
        select(AuditEntry.id)
        .where(AuditEntry.button == token, AuditEntry.outcome == AuditOutcome.ALLOWED)
        .limit(1)
    )
    return found is not None


async def links_of_role(
    session: AsyncSession, role: Role, association: str | None
) -> list[StaffLink]:
    """The chats linked now to active members who hold *role* for *association* itself (not a
    national role; None: the national role itself), by member and age."""
    holders = select(StaffRole.member_id).where(
        StaffRole.role == role,
        StaffRole.association.is_(None)
        if association is None
        else StaffRole.association == association,
        StaffRole.revoked_at.is_(None),
    )
    found = await session.scalars(
        select(StaffLink)
        .join(StaffMember, StaffMember.id == StaffLink.member_id)
        .where(
            StaffLink.member_id.in_(holders),
            StaffLink.revoked_at.is_(None),
            StaffMember.status == StaffStatus.ACTIVE,
        )
        .order_by(StaffLink.member_id, StaffLink.id)
    )
    return list(found)
