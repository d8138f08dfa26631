"""The inbox: raw updates committed on arrival, taken chat by chat in update order.

A worker claims the oldest row of each chat, with a lease, and holds it (renewing the lease) until
the update's effect is committed and its replies are sent; only then is the row deleted, and only
then may anyone take the chat's next row. So one chat's updates are handled, and their replies
sent, one at a time and in order, across processes: a process that waits out a long 429 still
holds its chat, and one that dies lets it go when the lease runs out. On PostgreSQL the claim
uses FOR UPDATE SKIP LOCKED, so several processes share the work; on SQLite one process runs the
workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import InboxUpdate, OutboxMessage
from storage.outbox import Backlog
from storage.upsert import insert_for


async def store(
    session: AsyncSession,
    platform: str,
    bot: str,
    updates: list[tuple[int, int, dict[str, Any]]],
    now: datetime,
) -> None:
    """Keep (update id, chat key, raw update) triples; a redelivered update id is kept once."""
    if not updates:
        return
    rows = [
        {
            "platform": platform,
            "bot": bot,
            "update_id": update_id,
            "chat_key": chat_key,
            "payload": payload,
            "received_at": now,
            "claimed_until": None,
            "attempts": 0,
        }
        for update_id, chat_key, payload in updates
    ]
    statement = insert_for(session, InboxUpdate).values(rows)
    await session.execute(
        statement.on_conflict_do_nothing(index_elements=["platform", "bot", "update_id"])
    )


@dataclass(frozen=True)
class Claimed:
    """An inbox row taken by this worker, and whether its chat has replies still to send (a
    process that died before sending them, or sends that failed): those go first."""

    row: InboxUpdate
    replies_pending: bool


async def claim(
    session: AsyncSession, platform: str, bot: str, now: datetime, lease: timedelta, limit: int
) -> list[Claimed]:
    """Claim the oldest unclaimed update of up to *limit* chats whose earlier updates are done."""
    earlier = aliased(InboxUpdate)
    free = (InboxUpdate.claimed_until.is_(None)) | (InboxUpdate.claimed_until < now)
    pending = (
        exists()
        .where(
            OutboxMessage.platform == InboxUpdate.platform,
            OutboxMessage.chat_id == InboxUpdate.chat_key,
            OutboxMessage.status == "pending",
            OutboxMessage.kind == "reply",
        )
        .correlate(InboxUpdate)
    )
    query = (
        select(InboxUpdate, pending)
        .where(
            InboxUpdate.platform == platform,
            InboxUpdate.bot == bot,
            free,
            ~exists().where(
                earlier.platform == InboxUpdate.platform,
                earlier.bot == InboxUpdate.bot,
                earlier.chat_key == InboxUpdate.chat_key,
                earlier.id < InboxUpdate.id,
            ),
        )
        .order_by(InboxUpdate.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=InboxUpdate)
    )
    found = [Claimed(row, bool(waiting)) for row, waiting in await session.execute(query)]
    if found:
        await session.execute(
            update(InboxUpdate)
            .where(InboxUpdate.id.in_([claimed.row.id for claimed in found]))
            .values(claimed_until=now + lease, attempts=InboxUpdate.attempts + 1)
            .execution_options(synchronize_session=False)
        )
    return found


async def renew(session: AsyncSession, row_ids: list[int], until: datetime) -> None:
    """Extend the claims on rows still in hand (their work outlasts a lease: a long 429)."""
    await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.id.in_(row_ids))
        .values(claimed_until=until)
        .execution_options(synchronize_session=False)
    )


async def done(session: AsyncSession, row_id: int) -> None:
    """Forget an update whose effect is committed and whose replies went (or that was dropped)."""
    await session.execute(delete(InboxUpdate).where(InboxUpdate.id == row_id))


async def done_many(session: AsyncSession, row_ids: list[int]) -> None:
    """`done` for several rows (the sends that finished together: bot/engine/sent_marks.py)."""
    if row_ids:
        await session.execute(delete(InboxUpdate).where(InboxUpdate.id.in_(row_ids)))


async def waiting(
    session: AsyncSession, platform: str | None = None, bot: str | None = None
) -> int:
    """How many updates wait in the inbox (of *platform*, of its *bot*)."""
    query = select(func.count(InboxUpdate.id))
    if platform:
        query = query.where(InboxUpdate.platform == platform)
    if bot:
        query = query.where(InboxUpdate.bot == bot)
    return int(await session.scalar(query) or 0)


async def release(session: AsyncSession, platform: str, bot: str) -> None:
    """Drop every claim on this bot's updates: a restarted single process takes them again."""
    await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.platform == platform, InboxUpdate.bot == bot)
        .values(claimed_until=None)
    )


async def backlog(session: AsyncSession) -> Backlog:
    """The updates kept and not yet done, and when the oldest arrived."""
    count, oldest = (
        await session.execute(select(func.count(), func.min(InboxUpdate.received_at)))
    ).one()
    return Backlog(int(count), oldest)
