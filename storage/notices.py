"""Notice delivery: claiming notice rows of the outbox, and the record of every attempt; the
notices to office managers themselves (stored, found, due a reminder)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import DeliveryAttempt, Identity, Notice, OutboxMessage
from storage.statuses import OUTBOX, OutboxStatus


async def claim(
    session: AsyncSession,
    platform: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    *,
    chat_id: int | None = None,
) -> list[OutboxMessage]:
    """Claim due notices, oldest first, for this dispatcher (FOR UPDATE SKIP LOCKED + lease).

    One chat's notices go in order: a notice is not taken while an earlier one of its chat is
    still to send and claimed (by another process, perhaps one that died: until its lease runs
    out) or waiting for its next attempt. With *chat_id*, only that chat's (the console
    delivers to its own user only).
    """
    earlier = aliased(OutboxMessage)
    query = select(OutboxMessage).where(
        OutboxMessage.platform == platform,
        OutboxMessage.kind == "notice",
        OutboxMessage.status == "pending",
        (OutboxMessage.claimed_until.is_(None)) | (OutboxMessage.claimed_until < now),
        (OutboxMessage.next_attempt_at.is_(None)) | (OutboxMessage.next_attempt_at <= now),
        ~exists().where(
            earlier.platform == OutboxMessage.platform,
            earlier.chat_id == OutboxMessage.chat_id,
            earlier.status == "pending",
            earlier.kind == "notice",
            earlier.id < OutboxMessage.id,
            (earlier.claimed_until >= now) | (earlier.next_attempt_at > now),
        ),
    )
    if chat_id is not None:
        query = query.where(OutboxMessage.chat_id == chat_id)
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


async def is_blocked(session: AsyncSession, platform: str, chat_id: int) -> bool:
    """Whether the platform said this chat's user blocked the bot."""
    found = await session.scalar(
        select(Identity.blocked_at).where(
            Identity.platform == platform, Identity.chat_id == chat_id
        )
    )
    return found is not None


async def record(
    session: AsyncSession,
    outbox_id: int,
    now: datetime,
    outcome: str,
    *,
    detail: str | None = None,
    message_id: int | None = None,
    status: OutboxStatus | str | None = None,
    next_attempt_at: datetime | None = None,
) -> None:
    """Record one attempt, and move the notice on (sent, retried later, or given up).

    A move the outbox's lifecycle refuses raises TransitionRefused (storage/statuses.py).
    """
    session.add(
        DeliveryAttempt(
            outbox_id=outbox_id,
            at=now,
            outcome=outcome,
            detail=detail[:2000] if detail else None,
            platform_message_id=message_id,
        )
    )
    values: dict[str, Any] = {
        "attempts": OutboxMessage.attempts + 1,
        "claimed_until": None,
        "next_attempt_at": next_attempt_at,
    }
    if outcome == "sent":
        status = OutboxStatus.SENT
        values.update(sent_at=now, platform_message_id=message_id)
    elif detail:
        values["last_error"] = detail[:2000]
    this = OutboxMessage.id == outbox_id
    if status:
        await OUTBOX.update(session, OutboxMessage, this, status, **values)
    else:
        await session.execute(update(OutboxMessage).where(this).values(**values))


async def attempts_of(session: AsyncSession, outbox_id: int) -> list[DeliveryAttempt]:
    """Every attempt at one message, in order."""
    found = await session.scalars(
        select(DeliveryAttempt)
        .where(DeliveryAttempt.outbox_id == outbox_id)
        .order_by(DeliveryAttempt.id)
    )
    return list(found)


# --- the notices to office managers -----------------------------------------------------------


async def add_notice(session: AsyncSession, notice: Notice) -> Notice:
    """Store a notice the domain made (its id is known on return)."""
    session.add(notice)
    await session.flush()
    return notice


async def notice(session: AsyncSession, notice_id: int) -> Notice | None:
    """The notice with this id."""
    return await session.get(Notice, notice_id)


async def of_subject(session: AsyncSession, kind: str, subject_id: int) -> Notice | None:
    """The first notice of *kind* about *subject_id* (a complaint, an inspection, ...)."""
    return await session.scalar(
        select(Notice)
        .where(Notice.kind == kind, Notice.subject_id == subject_id)
        .order_by(Notice.id)
        .limit(1)
    )


async def of_manager(session: AsyncSession, manager_id: int) -> list[Notice]:
    """Every notice to a manager, oldest first."""
    found = await session.scalars(
        select(Notice).where(Notice.manager_id == manager_id).order_by(Notice.id)
    )
    return list(found)


async def latest_of_manager(session: AsyncSession, manager_id: int, limit: int) -> list[Notice]:
    """A manager's latest notices, newest first."""
    found = await session.scalars(
        select(Notice)
        .where(Notice.manager_id == manager_id)
        .order_by(Notice.id.desc())
        .limit(limit)
    )
    return list(found)


async def unacknowledged(
    session: AsyncSession, *, created_before: datetime, reminded_fewer_than: int
) -> list[Notice]:
    """Notices not acknowledged, issued by *created_before*, reminded fewer times than given."""
    found = await session.scalars(
        select(Notice)
        .where(
            Notice.acknowledged_at.is_(None),
            Notice.reminders < reminded_fewer_than,
            Notice.created_at <= created_before,
        )
        .order_by(Notice.id)
    )
    return list(found)


async def notices(session: AsyncSession) -> list[Notice]:
    """Every notice to a manager, oldest first."""
    return list(await session.scalars(select(Notice).order_by(Notice.id)))


async def deliveries_of(
    session: AsyncSession, notice_id: int, statuses: Sequence[str] | None = None
) -> list[OutboxMessage]:
    """A notice's deliveries (one outbox row a linked chat), in order; only *statuses* if given."""
    query = select(OutboxMessage).where(OutboxMessage.notice_id == notice_id)
    if statuses is not None:
        query = query.where(OutboxMessage.status.in_(list(statuses)))
    return list(await session.scalars(query.order_by(OutboxMessage.id)))


async def unblock(session: AsyncSession, platform: str, chat_id: int) -> None:
    """Forget that this chat's user blocked the bot."""
    await session.execute(
        update(Identity)
        .where(Identity.platform == platform, Identity.chat_id == chat_id)
        .values(blocked_at=None)
    )
