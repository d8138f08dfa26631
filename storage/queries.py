"""The spine's queries: identities, conversations, processed updates, buttons and the outbox.

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Button,
    Conversation,
    GroupChat,
    Identity,
    OutboxMessage,
    ProcessedUpdate,
)


class StaleConversation(Exception):
    """Another update changed the conversation since it was read: retry the whole update."""


async def was_processed(session: AsyncSession, platform: str, bot: str, update_id: int) -> bool:
    """Whether this update's effect is already committed."""
    found = await session.get(ProcessedUpdate, (platform, bot, update_id))
    return found is not None


async def record_processed(
    session: AsyncSession, platform: str, bot: str, update_id: int, now: datetime
) -> None:
    """Record the update in the transaction that applies it (a twin insert fails the commit)."""
    session.add(ProcessedUpdate(platform=platform, bot=bot, update_id=update_id, processed_at=now))
    await session.flush()


async def last_update_id(session: AsyncSession, platform: str, bot: str) -> int:
    """The highest update id processed for this platform and bot, or 0."""
    found = await session.scalar(
        select(func.max(ProcessedUpdate.update_id)).where(
            ProcessedUpdate.platform == platform, ProcessedUpdate.bot == bot
        )
    )
    return int(found or 0)


async def prune(session: AsyncSession, now: datetime, keep: timedelta) -> None:
    """Forget processed updates older than *keep* and buttons past their expiry."""
    await session.execute(delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < now - keep))
    await session.execute(delete(Button).where(Button.expires_at < now))


async def touch_identity(
    session: AsyncSession, platform: str, user_id: int, chat_id: int, now: datetime
) -> Identity:
    """The sender's identity, created on first sight; its last-seen moment moved to *now*."""
    identity = await session.get(Identity, (platform, user_id))
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


async def note_group_once(
    session: AsyncSession, platform: str, chat_id: int, now: datetime
) -> bool:
    """Record a group chat; True the first time (when it should be told to talk privately)."""
    if await session.get(GroupChat, (platform, chat_id)) is not None:
        return False
    session.add(GroupChat(platform=platform, chat_id=chat_id, noted_at=now))
    await session.flush()
    return True


async def load_conversation(
    session: AsyncSession, platform: str, chat_id: int
) -> Conversation | None:
    """The chat's conversation row, if it has one."""
    return await session.get(Conversation, (platform, chat_id))


async def save_conversation(
    session: AsyncSession,
    platform: str,
    chat_id: int,
    *,
    read_version: int | None,
    flow: str | None,
    step: str | None,
    answers: dict[str, Any],
    trail: dict[str, Any],
    run: int,
    now: datetime,
) -> None:
    """Write the conversation if nobody changed it since *read_version* (None: it did not exist)."""
    values = {
        "flow": flow,
        "step": step,
        "answers": answers,
        "trail": trail,
        "run": run,
        "updated_at": now,
    }
    if read_version is None:
        session.add(Conversation(platform=platform, chat_id=chat_id, version=1, **values))
        await session.flush()  # a twin insert raises here: the caller retries
        return
    result = await session.execute(
        update(Conversation)
        .where(
            Conversation.platform == platform,
            Conversation.chat_id == chat_id,
            Conversation.version == read_version,
        )
        .values(version=read_version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleConversation(f"{platform}:{chat_id} moved past version {read_version}")


async def add_button(session: AsyncSession, button: Button) -> None:
    """Store a button's server side."""
    session.add(button)


async def find_button(session: AsyncSession, token: str) -> Button | None:
    """The button behind *token*, if there is one."""
    return await session.get(Button, token)


async def enqueue(
    session: AsyncSession,
    *,
    platform: str,
    chat_id: int,
    kind: str,
    payloads: Sequence[dict[str, Any]],
    update_id: int | None,
    now: datetime,
) -> list[int]:
    """Put messages in the outbox; return their ids in order."""
    rows = [
        OutboxMessage(
            platform=platform,
            chat_id=chat_id,
            kind=kind,
            payload=payload,
            status="pending",
            attempts=0,
            update_id=update_id,
            created_at=now,
        )
        for payload in payloads
    ]
    session.add_all(rows)
    await session.flush()
    return [row.id for row in rows]


async def claim_pending_replies(
    session: AsyncSession,
    platform: str,
    now: datetime,
    *,
    older_than: timedelta,
    lease: timedelta,
    limit: int = 500,
) -> list[OutboxMessage]:
    """Claim replies left unsent (a crash, or failed sends) at least *older_than* old.

    The age keeps the sweep off replies that their own process is still sending; the claim
    (FOR UPDATE SKIP LOCKED, then a lease) keeps two processes' sweeps off the same rows.
    """
    found = list(
        await session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.platform == platform,
                OutboxMessage.kind == "reply",
                OutboxMessage.status == "pending",
                OutboxMessage.created_at <= now - older_than,
                (OutboxMessage.claimed_until.is_(None)) | (OutboxMessage.claimed_until < now),
            )
            .order_by(OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if found:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_([row.id for row in found]))
            .values(claimed_until=now + lease)
        )
    return found


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
    """Record that the platform accepted the message."""
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id)
        .values(
            status="sent",
            sent_at=now,
            platform_message_id=message_id,
            attempts=OutboxMessage.attempts + 1,
        )
    )


async def mark_failed_attempt(
    session: AsyncSession, outbox_id: int, error: str, *, final_status: str | None = None
) -> None:
    """Record a failed attempt; with *final_status* the message is given up on."""
    values: dict[str, Any] = {"attempts": OutboxMessage.attempts + 1, "last_error": error[:2000]}
    if final_status:
        values["status"] = final_status
    await session.execute(
        update(OutboxMessage).where(OutboxMessage.id == outbox_id).values(**values)
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
