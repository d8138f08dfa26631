"""Office managers, the chats linked to them, invite codes, and the bot's usernames."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import BotAccount, InviteCode, Manager, ManagerLink


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


async def ensure(
    session: AsyncSession, office_code: str, name: str, mobile: str, now: datetime
) -> tuple[Manager, Manager | None]:
    """The office's manager per the registry: (manager, the one replaced if the mobile changed).

    A different mobile is a different person (Art. 19): the old manager's period ends and their
    links are revoked; their history stays.
    """
    manager = await current(session, office_code)
    if manager is not None and manager.mobile == mobile:
        manager.name = name
        return manager, None
    replaced = manager
    if replaced is not None:
        replaced.ended_at = now
        await revoke_links(session, replaced.id, now)
    manager = Manager(office_code=office_code, name=name, mobile=mobile, started_at=now)
    session.add(manager)
    await session.flush()
    return manager, replaced


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
    """Remember the bot's username on a platform."""
    account = await session.get(BotAccount, platform)
    if account is None:
        session.add(BotAccount(platform=platform, username=username, seen_at=now))
    else:
        account.username, account.seen_at = username, now


async def bot_accounts(session: AsyncSession) -> dict[str, str]:
    """The bot's usernames, by platform."""
    return {a.platform: a.username for a in await session.scalars(select(BotAccount))}


async def periods_of(session: AsyncSession, office_code: str) -> list[Manager]:
    """Every manager the office has had on record, in the order their periods started."""
    found = await session.scalars(
        select(Manager)
        .where(Manager.office_code == office_code)
        .order_by(Manager.started_at, Manager.id)
    )
    return list(found)
