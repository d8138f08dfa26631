"""An update's own statements, grouped into two trips to the driver.

Every statement run through the async session costs a greenlet's start and switches on top of
its own work; the engine's first two statements (the processed-update insert, then the chat's
read) and its last ones (the buttons, the outbox rows, the identity) run here inside one
`run_sync` each, on the session's connection (Core statements need no ORM execution), which
costs about half as much a statement. The statements are
built once beside their aggregates: `updates.record_first_statement`, `conversations.OPEN_CHAT`,
`buttons.ADD_MANY`, `outbox.ENQUEUE` and `identities.seen_statement`.

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage import buttons, conversations, identities, outbox, updates
from storage.upsert import dialect_of


async def open_update(
    session: AsyncSession,
    *,
    platform: str,
    bot: str,
    update_id: int,
    chat_id: int,
    user_id: int,
    now: datetime,
) -> conversations.Opened | None:
    """Record the update, then read its chat (`conversations.OPEN_CHAT`: its conversation, the
    sender's language and identity row, whether it ever had a staff link); None, and nothing
    read, when the update was recorded already (a redelivery)."""
    recorded = {"platform": platform, "bot": bot, "update_id": update_id, "processed_at": now}
    chat = {"platform": platform, "user_id": user_id, "chat_id": chat_id}
    first = updates.record_first_statement(dialect_of(session))

    def trip(sync: Session) -> conversations.Opened | None:
        connection = sync.connection()  # Core statements: the connection's own execute
        if connection.execute(first, recorded).first() is None:
            return None
        return conversations.opened(connection.execute(conversations.OPEN_CHAT, chat).one())

    return await session.run_sync(trip)


async def write_replies(
    session: AsyncSession,
    *,
    shown: Sequence[dict[str, Any]],
    messages: Sequence[dict[str, Any]],
    seen: dict[str, Any] | None,
) -> list[int]:
    """Store the buttons *shown* (`Button` columns), the outbox rows *messages*
    (`outbox.enqueue_rows`) and, if given, the identity's `identities.seen_row`, last; return
    the outbox ids in order."""
    upsert = identities.seen_statement(dialect_of(session)) if seen is not None else None

    def trip(sync: Session) -> list[int]:
        connection = sync.connection()
        if shown:
            connection.execute(buttons.ADD_MANY, list(shown))
        ids = list(connection.scalars(outbox.ENQUEUE, list(messages))) if messages else []
        if upsert is not None:
            # Last: on PostgreSQL the identity's row is locked from here to the commit only.
            connection.execute(upsert, seen)
        return ids

    return await session.run_sync(trip)
