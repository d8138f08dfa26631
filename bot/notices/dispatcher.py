"""The notice dispatcher: delivers the outbox's notices, proves each attempt, never loses one.

A notice is an outbox row committed in the transaction of the decision that causes it. The
dispatcher claims due rows with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL, so several
processes share the work; a killed dispatcher's rows are taken again when the lease runs out; on
SQLite one process runs and releases its claims at start), sends them through the platform's
rate limiter (overall, and at most `rate_per_chat_per_second` to one chat; shared by every
process of the bot), and records every attempt:

- sent → `sent`, with the platform's message id;
- 429 → tried again after the platform's `retry_after` (the limiter holds every process of the
  bot back meanwhile);
- 5xx, a timeout, a dropped connection → tried again with exponential backoff and jitter, up to
  `notice_attempts` tries, then `failed`;
- 403 or "chat not found" → `undeliverable` at once, for staff to serve the notice another way;
- any other refusal → `failed`.

One chat's notices go in the order they were written: one to be tried again holds the chat's
later ones back (their claims given up) until it is sent or given up on, and no process takes a
chat's notice while an earlier one is claimed elsewhere. A round's claims are renewed while it
lasts.

Delivery is at least once. A notice is sent twice only if a crash falls between the platform
accepting it and our record of that (the platform's answer lost with the process): the record is
written right after the answer, so that window is one database write wide.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.messages.replies import Reply
from bot.messages.sender import CallFailed, Failure, NoticeSender, RecipientUnavailable
from bot.notices import managers
from storage import finality as finality_store
from storage import notices, outbox
from storage.models import OutboxMessage

logger = logging.getLogger(__name__)


@dataclass
class Dispatcher:
    """Delivers one platform's notices (or one chat's) until stopped."""

    sessions: async_sessionmaker[AsyncSession]
    sender: NoticeSender
    settings: Settings
    clock: Callable[[], datetime]
    #: Deliver to this chat only (the console's user); None: to every chat of the platform.
    chat_id: int | None = None
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    stopping: bool = False

    @property
    def platform(self) -> str:
        """The platform it delivers on."""
        return self.sender.platform

    async def run(self) -> None:
        """Claim and deliver due notices; sleep until woken or a second passes."""
        while not self.stopping:
            delivered = await self.round()
            if not delivered:
                self.wake.clear()
                # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
                # that lands as the wait ends, and the loop would then never stop.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(1.0):
                        await self.wake.wait()

    async def round(self) -> int:
        """One round: claim what is due and deliver it, chats in parallel; return the count.

        The claims are renewed while the round lasts (the rate limiter, or a 429's pause, may
        hold a chat's later notices past a lease), so no other process takes them meanwhile.
        """
        lease = timedelta(seconds=self.settings.notice_lease_seconds)
        async with self.sessions() as session, session.begin():
            rows = await notices.claim(
                session, self.platform, self.clock(), lease, limit=200, chat_id=self.chat_id
            )
        if not rows:
            return 0
        by_chat: dict[int, list[OutboxMessage]] = {}
        for row in rows:
            by_chat.setdefault(row.chat_id, []).append(row)
        in_hand = {row.id for row in rows}
        renewing = asyncio.create_task(self._renew(in_hand, lease))
        try:
            await asyncio.gather(*(self._chat(chat, in_hand) for chat in by_chat.values()))
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
        return len(rows)

    async def _renew(self, in_hand: set[int], lease: timedelta) -> None:
        while True:
            await asyncio.sleep(lease.total_seconds() / 3)
            if in_hand:
                try:
                    async with self.sessions() as session, session.begin():
                        await outbox.renew_claims(session, list(in_hand), self.clock() + lease)
                except Exception:
                    logger.exception("%s: notice claims not renewed", self.platform)

    async def _chat(self, rows: list[OutboxMessage], in_hand: set[int]) -> None:
        """Deliver one chat's notices in order; one that must be tried again holds the rest."""
        for index, row in enumerate(rows):
            try:
                finished = await self.deliver(row)
            except Exception:
                logger.exception("%s: notice %s: delivery failed", self.platform, row.id)
                finished = False
            in_hand.discard(row.id)
            if not finished:
                later = [r.id for r in rows[index + 1 :]]
                in_hand.difference_update(later)
                if later:
                    async with self.sessions() as session, session.begin():
                        await outbox.release_claims(session, later)
                return

    async def deliver(self, row: OutboxMessage) -> bool:
        """Try one notice once and record what happened; whether it is finished with (sent, or
        given up on) rather than due to be tried again."""
        async with self.sessions() as session:
            blocked = await notices.is_blocked(session, self.platform, row.chat_id)
        if blocked:
            await self._record(
                row, "undeliverable", "the user has blocked the bot", status="undeliverable"
            )
            return True
        reply = Reply.from_payload(row.payload, row.id)
        try:
            message_id = await self.sender.send(row.chat_id, reply, per_chat=True, retry=False)
        except RecipientUnavailable as gone:
            await self._record(row, "undeliverable", str(gone), status="undeliverable")
            return True
        except CallFailed as failed:
            read = failed.read
            if read.failure is Failure.RETRY_AFTER:
                later = self.clock() + timedelta(seconds=max(read.retry_after, 1.0))
                await self._record(row, "retry_after", read.description, next_attempt_at=later)
                return False
            if read.failure is Failure.TRANSIENT:
                if row.attempts + 1 >= self.settings.notice_attempts:
                    await self._record(row, "transient", read.description, status="failed")
                    return True
                await self._record(
                    row, "transient", read.description, next_attempt_at=self._backoff(row)
                )
                return False
            await self._record(row, "rejected", read.description, status="failed")
            return True
        await self._record(row, "sent", None, message_id=message_id)
        return True

    def _backoff(self, row: OutboxMessage) -> datetime:
        base = self.settings.notice_backoff_seconds * 2**row.attempts
        delay = min(base, 600.0) * random.uniform(0.5, 1.5)
        return self.clock() + timedelta(seconds=delay)

    async def _record(
        self,
        row: OutboxMessage,
        outcome: str,
        detail: str | None,
        *,
        status: str | None = None,
        message_id: int | None = None,
        next_attempt_at: datetime | None = None,
    ) -> None:
        async with self.sessions() as session, session.begin():
            await notices.record(
                session,
                row.id,
                self.clock(),
                outcome,
                detail=detail,
                message_id=message_id,
                status=status,
                next_attempt_at=next_attempt_at,
            )
            if outcome == "sent":
                await managers.on_delivered(session, row.id, self.clock())
                # A degree-4 reprimand's post (Art. 23, degree 4) records when it was posted.
                await finality_store.mark_posted(session, row.id, self.clock())
        if status == "undeliverable":
            logger.warning(
                "%s: notice %s to chat %s is undeliverable (%s): serve it another way",
                self.platform,
                row.id,
                row.chat_id,
                detail,
            )
