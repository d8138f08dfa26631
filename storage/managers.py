"""Office managers, the chats linked to them, invite codes, and the bot's usernames."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import BotAccount, InviteCode, Manager, ManagerLink
from storage.upsert import insert_for


async def current(session: AsyncSession, office_code: str) -> Manager | None:
    """The office's manager now."""
    return await session.scalar(
        select(Manager)
        .where(Manager.office_code == office_code, Manager.ended_at.is_(None))
        .order_by(Manager.id.desc())
    )


async def by_id(session: AsyncSession, manager_id: int) -> Manager | None:
    """The manager with this id (whether or not their period has ended)."""
    return await session.get(Manager, manager_id)


class EndReason(StrEnum):
    """Why a manager's period ended, as the Directorate records it.

    Art. 19 names the manager's withdrawal and death; any other ground (a dismissal, a
    licence revoked under Art. 23) is the Directorate's act under other rules, not Art. 19's,
    and is recorded as `other` with the Directorate's note.
    """

    WITHDRAWAL = "withdrawal"
    DEATH = "death"
    OTHER = "other"


@dataclass(frozen=True)
class RegistryManager:
    """What a registry import did with the manager a line names (Art. 19)."""

    manager: Manager  # the office's manager after the import (never replaced by it)
    new: bool = False  # the office had no manager: the line's person is its first
    mobile_changed: bool = False  # the same person with a new mobile: the mobile updated
    named: str | None = None  # the different person the line names, left unapplied


def same_person(manager: Manager, name: str, national_id: str | None) -> bool:
    """Whether a registry line names the manager on record (Art. 19: a person, not a number).

    Both national IDs known: they decide. Otherwise the names decide (both normalised by the
    registry's reader), spacing and ZWNJ not counted: the service's reading, not the law's.
    """
    if national_id is not None and manager.national_id is not None:
        return national_id == manager.national_id
    return _name_key(name) == _name_key(manager.name)


def _name_key(name: str) -> str:
    return "".join(name.replace("\u200c", "").split()).casefold()


async def ensure(
    session: AsyncSession,
    office_code: str,
    name: str,
    mobile: str,
    now: datetime,
    national_id: str | None = None,
) -> RegistryManager:
    """The office's manager per a registry line; the registry never replaces a manager.

    The office's first manager is created from the line. For the manager on record, the same
    person's new mobile, name spelling or first-known national ID is taken; a line that names
    another person changes nothing and is reported (`named`): Art. 19 leaves a replacement to the
    Directorate's act (`replace`).
    """
    manager = await current(session, office_code)
    if manager is None:
        manager = Manager(
            office_code=office_code,
            name=name,
            mobile=mobile,
            national_id=national_id,
            started_at=now,
        )
        session.add(manager)
        await session.flush()
        return RegistryManager(manager, new=True)
    if not same_person(manager, name, national_id):
        return RegistryManager(manager, named=name)
    changed = manager.mobile != mobile
    manager.name, manager.mobile = name, mobile
    if national_id is not None:
        manager.national_id = national_id
    return RegistryManager(manager, mobile_changed=changed)


async def replace(
    session: AsyncSession,
    office_code: str,
    *,
    name: str,
    mobile: str,
    national_id: str,
    reason: EndReason,
    note: str | None,
    starts_at: datetime,
    now: datetime,
) -> tuple[Manager, Manager | None, int]:
    """End the current period at *starts_at* and start the new person's: (new, old, links revoked).

    The old manager's chats are revoked *now* and their unused invite codes expired; their
    periods, decisions and links' history stay.
    """
    old = await current(session, office_code)
    revoked = 0
    if old is not None:
        old.ended_at, old.end_reason, old.end_note = starts_at, reason.value, note
        revoked = await revoke_links(session, old.id, now)
        await expire_unused_invites(session, [old.id], now)
    manager = Manager(
        office_code=office_code,
        name=name,
        mobile=mobile,
        national_id=national_id,
        started_at=starts_at,
    )
    session.add(manager)
    await session.flush()
    return manager, old, revoked


async def periods_of_person(session: AsyncSession, manager: Manager) -> list[Manager]:
    """Every period of the person *manager* is, at any office, oldest first.

    The person is their national ID; a period without one is a person of its own.
    """
    if manager.national_id is None:
        return [manager]
    found = await session.scalars(
        select(Manager)
        .where(Manager.national_id == manager.national_id)
        .order_by(Manager.started_at, Manager.id)
    )
    return list(found)


async def of_office(session: AsyncSession, office_code: str) -> list[Manager]:
    """Every manager the office has had, the current one included, oldest first."""
    found = await session.scalars(
        select(Manager).where(Manager.office_code == office_code).order_by(Manager.id)
    )
    return list(found)


async def active_links(session: AsyncSession, manager_id: int) -> list[ManagerLink]:
    """The chats a manager receives notices in."""
    found = await session.scalars(
        select(ManagerLink)
        .where(ManagerLink.manager_id == manager_id, ManagerLink.revoked_at.is_(None))
        .order_by(ManagerLink.id)
    )
    return list(found)


async def link_of(session: AsyncSession, platform: str, user_id: int) -> ManagerLink | None:
    """The active link of this account, if it manages an office."""
    return await session.scalar(
        select(ManagerLink)
        .where(
            ManagerLink.platform == platform,
            ManagerLink.platform_user_id == user_id,
            ManagerLink.revoked_at.is_(None),
        )
        .order_by(ManagerLink.id.desc())
    )


async def add_link(
    session: AsyncSession, manager_id: int, platform: str, user_id: int, chat_id: int, now: datetime
) -> ManagerLink:
    """Link a chat to a manager (an earlier link of the same account is replaced)."""
    await session.execute(
        update(ManagerLink)
        .where(
            ManagerLink.platform == platform,
            ManagerLink.platform_user_id == user_id,
            ManagerLink.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    link = ManagerLink(
        manager_id=manager_id,
        platform=platform,
        platform_user_id=user_id,
        chat_id=chat_id,
        linked_at=now,
    )
    session.add(link)
    await session.flush()
    return link


async def revoke_links(session: AsyncSession, manager_id: int, now: datetime) -> int:
    """Revoke a manager's links; return how many there were."""
    result = await session.execute(
        update(ManagerLink)
        .where(ManagerLink.manager_id == manager_id, ManagerLink.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def add_invite(
    session: AsyncSession, code: str, manager_id: int, now: datetime, expires_at: datetime
) -> InviteCode:
    """Store a one-time invite code for a manager."""
    invite = InviteCode(code=code, manager_id=manager_id, created_at=now, expires_at=expires_at)
    session.add(invite)
    await session.flush()
    return invite


async def invite(session: AsyncSession, code: str) -> InviteCode | None:
    """The invite with this code."""
    return await session.get(InviteCode, code)


async def expire_unused_invites(
    session: AsyncSession, manager_ids: Sequence[int], now: datetime
) -> int:
    """End now the managers' invite codes not used and not expired; return how many."""
    if not manager_ids:
        return 0
    result = await session.execute(
        update(InviteCode)
        .where(
            InviteCode.manager_id.in_(list(manager_ids)),
            InviteCode.used_at.is_(None),
            InviteCode.expires_at > now,
        )
        .values(expires_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def set_bot_account(
    session: AsyncSession, platform: str, username: str, now: datetime
) -> None:
    """Remember the bot's username on a platform.

    One upsert: processes of one bot starting together on a new store would otherwise both
    find no row and both insert it, and the second would fail its start.
    """
    values = {"username": username, "seen_at": now}
    statement = insert_for(session, BotAccount).values(platform=platform, **values)
    await session.execute(
        statement.on_conflict_do_update(index_elements=["platform"], set_=values),
        execution_options={"synchronize_session": False},
    )


async def bot_accounts(session: AsyncSession) -> dict[str, str]:
    """The bot's usernames, by platform."""
    return {a.platform: a.username for a in await session.scalars(select(BotAccount))}


async def periods_of(session: AsyncSession, office_code: str) -> list[Manager]:
    """Every manager the office has had on record, in their succession (the order recorded: a
    period's `since` may put its first day before the moment Daftar learnt of it)."""
    found = await session.scalars(
        select(Manager).where(Manager.office_code == office_code).order_by(Manager.id)
    )
    return list(found)
