"""Identities (the accounts that write to the bot, with their chat and language) and the group
chats the bot was added to.

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import GroupChat, Identity
from storage.upsert import insert_in


async def find(session: AsyncSession, platform: str, user_id: int) -> Identity | None:
    """The account's identity, if it ever wrote to the bot."""
    return await session.get(Identity, (platform, user_id))


async def touch(
    session: AsyncSession, platform: str, user_id: int, chat_id: int, now: datetime
) -> Identity:
    """The sender's identity, created on first sight; its last-seen moment moved to *now*."""
    identity = await find(session, platform, user_id)
    if identity is None:
        identity = Identity(
            platform=platform,
            platform_user_id=user_id,
            chat_id=chat_id,
            locale=None,
            first_seen=now,
            last_seen=now,
        )
        session.add(identity)
    else:
        identity.last_seen = now
        identity.chat_id = chat_id
        identity.blocked_at = None  # they wrote to us: they have not blocked the bot (any more)
    return identity


def seen_row(
    platform: str, user_id: int, chat_id: int, now: datetime, *, locale: str | None = None
) -> dict[str, Any]:
    """The values of `seen_statement`'s upsert."""
    return {
        "platform": platform,
        "platform_user_id": user_id,
        "chat_id": chat_id,
        "locale": locale,
        "first_seen": now,
        "last_seen": now,
    }


@functools.cache
def seen_statement(dialect: str) -> Any:
    """`touch` in one statement, its values given as `seen_row`'s: the identity created on first
    sight, else its last-seen moment, chat and block cleared (they wrote to us), and the language
    if one is given. Built once per dialect, on the table; run last in the update's transaction
    (`update_trips.write_replies`), it holds the identity's row lock the least."""
    table = Identity.__table__
    statement = insert_in(dialect, table)
    fresh = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=["platform", "platform_user_id"],
        set_={
            "last_seen": fresh.last_seen,
            "chat_id": fresh.chat_id,
            "blocked_at": None,
            "locale": func.coalesce(fresh.locale, table.c.locale),
        },
    )


async def mark_chat_blocked(
    session: AsyncSession, platform: str, chat_id: int, now: datetime
) -> None:
    """Record that the platform refuses to deliver to this chat; sends to it stop."""
    await session.execute(
        update(Identity)
        .where(Identity.platform == platform, Identity.chat_id == chat_id)
        .values(blocked_at=now)
    )


async def note_group_once(
    session: AsyncSession, platform: str, chat_id: int, now: datetime
) -> bool:
    """Record a group chat; True the first time (when it should be told to talk privately)."""
    if await session.get(GroupChat, (platform, chat_id)) is not None:
        return False
    session.add(GroupChat(platform=platform, chat_id=chat_id, noted_at=now))
    await session.flush()
    return True
