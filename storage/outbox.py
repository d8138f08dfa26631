"""The outbox: messages written in the transaction that decided them, sent after its commit.

Here are the outbox's rows in general (enqueuing, which notices a chat already holds) and its
replies (claiming those a crash left unsent, marking each sent or failed). Notice rows are claimed
and their attempts recorded by storage/notices.py.

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import InboxUpdate, OutboxMessage
from storage.statuses import OUTBOX, OutboxStatus

_TABLE = cast(Table, OutboxMessage.__table__)
ENQUEUE = insert(_TABLE).returning(_TABLE.c.id, sort_by_parameter_order=True)
SET_MESSAGE_ID = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("outbox_id"))
    .values(platform_message_id=bindparam("message_id"))
)


async def enqueue(
    session: AsyncSession,
    *,
    platform: str,
    chat_id: int,
    kind: str,
    payloads: Sequence[dict[str, Any]],
    update_id: int | None,
    now: datetime,
    notice_id: int | None = None,
) -> list[int]:
    """Put messages in the outbox (delivering *notice_id*, if given); return their ids in order.

    One multi-row INSERT … RETURNING of a statement built and compiled once, on the table.
    """
    if not payloads:
        return []
    rows = enqueue_rows(
        platform=platform,
        chat_id=chat_id,
        kind=kind,
        payloads=payloads,
        update_id=update_id,
        now=now,
        notice_id=notice_id,
    )
    return list(await session.scalars(ENQUEUE, rows))


def enqueue_rows(
    *,
    platform: str,
    chat_id: int,
    kind: str,
    payloads: Sequence[dict[str, Any]],
    update_id: int | None,
    now: datetime,
    notice_id: int | None = None,
) -> list[dict[str, Any]]:
    """The rows `enqueue` inserts with `ENQUEUE`, one a message."""
    status = OUTBOX.check(None, OutboxStatus.PENDING)  # the lifecycle's start, as the model's
    common = {
        "platform": platform,
        "chat_id": chat_id,
        "kind": kind,
        "status": status,
        "attempts": 0,
        "update_id": update_id,
        "created_at": now,
        "notice_id": notice_id,
    }
    return [{**common, "payload": p} for p in payloads]


async def notice_id_of(session: AsyncSession, outbox_id: int) -> int | None:
    """The notice the outbox row delivers (None: a reply, a plain message, or no such row)."""
    row = await session.get(OutboxMessage, outbox_id)
    return None if row is None else row.notice_id


async def notice_ids_sent_to(session: AsyncSession, platform: str, chat_id: int) -> set[int]:
    """The notices the outbox already holds a message of for this chat (sent or not)."""
    found = await session.scalars(
        select(OutboxMessage.notice_id).where(
            OutboxMessage.platform == platform,
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.notice_id.is_not(None),
        )
    )
    return {notice_id for notice_id in found if notice_id is not None}


async def claim_pending_replies(
    session: AsyncSession,
    platform: str,
    now: datetime,
    *,
    older_than: timedelta,
    lease: timedelta,
    limit: int = 500,
    chat_id: int | None = None,
    bot: str | None = None,
) -> list[OutboxMessage]:
    """Claim replies left unsent (a crash, or failed sends) at least *older_than* old.

    The age keeps the sweep off replies that their own process is still sending; the claim
    (FOR UPDATE SKIP LOCKED, then a lease) keeps two processes' sweeps off the same rows. With
    *chat_id*, only that chat's (an inbox worker sends them before the chat's next update). With
    *bot*, a chat that has an update of that bot in the inbox is left alone: its worker holds the
    chat, waiting out a 429 perhaps, and sends what is pending there before anything newer.
    """
    query = select(OutboxMessage).where(
        OutboxMessage.platform == platform,
        OutboxMessage.kind == "reply",
        OutboxMessage.status == "pending",
        OutboxMessage.created_at <= now - older_than,
        (OutboxMessage.claimed_until.is_(None)) | (OutboxMessage.claimed_until < now),
    )
    if chat_id is not None:
        query = query.where(OutboxMessage.chat_id == chat_id)
    if bot is not None:
        query = query.where(
            ~exists().where(
                InboxUpdate.platform == OutboxMessage.platform,
                InboxUpdate.bot == bot,
                InboxUpdate.chat_key == OutboxMessage.chat_id,
            )
        )
    found = list(
        await session.scalars(
            query.order_by(OutboxMessage.id).limit(limit).with_for_update(skip_locked=True)
        )
    )
    if found:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_([row.id for row in found]))
            .values(claimed_until=now + lease)
        )
    return found


async def replies_held_elsewhere(
    session: AsyncSession, platform: str, chat_id: int, now: datetime
) -> bool:
    """Whether a reply of the chat is still to send and claimed: by another process's sweep, in
    flight (the caller has given its own claims back)."""
    found = await session.scalar(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.platform == platform,
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.status == "pending",
            OutboxMessage.kind == "reply",
            OutboxMessage.claimed_until >= now,
        )
        .limit(1)
    )
    return found is not None


async def release_claims(session: AsyncSession, ids: Sequence[int]) -> None:
    """Give back claims on rows still to send that were not sent (another may take them now)."""
    if ids:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.status == "pending")
            .values(claimed_until=None)
            .execution_options(synchronize_session=False)
        )


async def renew_claims(session: AsyncSession, ids: Sequence[int], until: datetime) -> None:
    """Extend the claims on outbox rows still in hand (notices waiting their turn)."""
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.status == "pending")
        .values(claimed_until=until)
        .execution_options(synchronize_session=False)
    )


async def release(session: AsyncSession, platform: str) -> None:
    """Drop every claim on this platform's outbox rows, replies and notices alike.

    Only for a single process restarting (SQLite): every claim it finds is a dead process's, and
    a reply claimed by a start-up send that was killed in flight must go now, not once its lease
    runs out (the user would face a bot that moved on without it).
    """
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.platform == platform, OutboxMessage.claimed_until.is_not(None))
        .values(claimed_until=None)
    )


@dataclass(frozen=True)
class Backlog:
    """What waits in a queue: how many rows, and since when the oldest."""

    count: int
    oldest: datetime | None


async def backlog(session: AsyncSession) -> dict[str, Backlog]:
    """The outbox's rows still to send, by kind ("reply", "notice", …)."""
    rows = await session.execute(
        select(OutboxMessage.kind, func.count(), func.min(OutboxMessage.created_at))
        .where(OutboxMessage.status == OutboxStatus.PENDING)
        .group_by(OutboxMessage.kind)
    )
    return {str(kind): Backlog(int(count), oldest) for kind, count, oldest in rows}


async def undeliverable_notices(session: AsyncSession) -> int:
    """How many notices' messages were given up on as undeliverable."""
    found = await session.scalar(
        select(func.count()).where(
            OutboxMessage.kind == "notice", OutboxMessage.status == OutboxStatus.UNDELIVERABLE
        )
    )
    return int(found or 0)


async def still_pending(session: AsyncSession, ids: Sequence[int]) -> set[int]:
    """Which of the outbox rows *ids* are still waiting to be sent."""
    found = await session.scalars(
        select(OutboxMessage.id).where(
            OutboxMessage.id.in_(list(ids)), OutboxMessage.status == "pending"
        )
    )
    return set(found)


async def mark_sent(
    session: AsyncSession, outbox_id: int, message_id: int | None, now: datetime
) -> None:
    """Record that the platform accepted the message (TransitionRefused if it may not be)."""
    await OUTBOX.update(
        session,
        OutboxMessage,
        OutboxMessage.id == outbox_id,
        OutboxStatus.SENT,
        sent_at=now,
        platform_message_id=message_id,
        attempts=OutboxMessage.attempts + 1,
    )


async def mark_sent_many(
    session: AsyncSession, sent: Sequence[tuple[int, int | None]], now: datetime
) -> None:
    """`mark_sent` for several (outbox id, platform message id) pairs: one UPDATE of their
    status, then the message ids by one executemany."""
    if not sent:
        return
    await OUTBOX.update(
        session,
        OutboxMessage,
        OutboxMessage.id.in_([outbox_id for outbox_id, _ in sent]),
        OutboxStatus.SENT,
        sent_at=now,
        attempts=OutboxMessage.attempts + 1,
    )
    # The platform's message ids, one row each, by a statement compiled once (a CASE over the
    # ids would be a new statement for every number of rows).
    known = [{"outbox_id": i, "message_id": m} for i, m in sent if m is not None]
    if known:
        await session.execute(SET_MESSAGE_ID, known)


async def mark_failed_attempt(
    session: AsyncSession,
    outbox_id: int,
    error: str,
    *,
    final_status: OutboxStatus | str | None = None,
) -> None:
    """Record a failed attempt; with *final_status* the message is given up on.

    A move the outbox's lifecycle refuses raises TransitionRefused (storage/statuses.py).
    """
    values: dict[str, Any] = {"attempts": OutboxMessage.attempts + 1, "last_error": error[:2000]}
    this = OutboxMessage.id == outbox_id
    if final_status:
        await OUTBOX.update(session, OutboxMessage, this, final_status, **values)
    else:
        await session.execute(update(OutboxMessage).where(this).values(**values))
