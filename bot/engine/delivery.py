"""Sending what the outbox holds for chats: an update's replies, in order, each marked sent as
soon as the platform took it; and the replies a crash or a failure left pending, chat by chat,
before anything newer of the chat (the inbox worker's step before a chat's next update) or by
the resend sweep.

A kill between the platform's answer and its mark has the message sent again: marking each at
once keeps that window to one write. The marks go in a group commit (`sent_marks`), with the
inbox rows whose replies they are.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.engine.chat_locks import ChatLocks
from bot.engine.sent_marks import SentMarks
from bot.messages.replies import Reply
from bot.messages.sender import RecipientUnavailable, Sender
from storage import identities, outbox
from storage.models import OutboxMessage

logger = logging.getLogger(__name__)


@dataclass
class Delivery:
    """Sends a platform's replies through its sender, and records what became of each."""

    sessions: async_sessionmaker[AsyncSession]
    locks: ChatLocks
    clock: Callable[[], datetime]
    sent_marks: SentMarks = field(init=False)

    def __post_init__(self) -> None:
        self.sent_marks = SentMarks(self.sessions, lambda: self.clock())

    async def deliver(
        self, sender: Sender, chat_id: int, replies: list[Reply], inbox_rows: Sequence[int] = ()
    ) -> int:
        """Send *replies* in order, each marked sent as soon as the platform took it, and the
        last's mark with *inbox_rows* done; stop at the first failure (order matters). The marks
        are committed before this returns (`SentMarks`: with other chats'); return how many the
        platform took."""
        outgoing = [(r, r.outbox_id) for r in replies if r.outbox_id is not None]
        sent: list[tuple[int, int | None]] = []
        failed: tuple[int, Exception] | None = None
        taken = 0
        for index, (reply, outbox_id) in enumerate(outgoing):
            try:
                sent = [(outbox_id, await sender.send(chat_id, reply))]
            except Exception as error:
                failed = (outbox_id, error)
                sent = []
                break
            taken += 1
            if index < len(outgoing) - 1:
                await self.sent_marks.mark(sent)
                sent = []
        await self.sent_marks.mark(sent, inbox_rows)
        if failed is None:
            return taken
        outbox_id, problem = failed
        gone = isinstance(problem, RecipientUnavailable)  # blocked: never again to this chat
        if not gone:
            logger.warning("reply %s to %s not sent: %s", outbox_id, chat_id, problem)
        async with self.sessions() as session, session.begin():
            await outbox.mark_failed_attempt(
                session,
                outbox_id,
                str(problem) if gone else repr(problem),
                final_status="undeliverable" if gone else None,
            )
            if gone:
                await identities.mark_chat_blocked(session, sender.platform, chat_id, self.clock())
        return taken

    async def send_pending(
        self,
        sender: Sender,
        *,
        older_than: timedelta = timedelta(0),
        chat_id: int | None = None,
        bot: str | None = None,
    ) -> int:
        """Send replies left unsent (by a crash or failed sends), chat by chat in order.

        *older_than* keeps off replies that another process may still be sending; *bot* keeps
        off chats whose updates that bot's inbox workers hold (they send these first). With
        *chat_id*, that chat's alone, before its next update: what another process's sweep has
        in flight is waited for, so that nothing newer overtakes it. Return how many were sent.
        """
        lease = timedelta(seconds=max(60.0, older_than.total_seconds()))
        deadline = time.monotonic() + lease.total_seconds()  # a dead sweeper's claim runs out
        sent = 0
        while True:
            async with self.sessions() as session, session.begin():
                rows = await outbox.claim_pending_replies(
                    session,
                    sender.platform,
                    self.clock(),
                    older_than=older_than,
                    lease=lease,
                    chat_id=chat_id,
                    bot=bot,
                )
            sent += await self._deliver_claimed(sender, rows)
            if chat_id is None:
                return sent
            async with self.sessions() as session, session.begin():
                # What failed again goes with the chat's next update, not a lease later.
                await outbox.release_claims(session, [row.id for row in rows])
                held = await outbox.replies_held_elsewhere(
                    session, sender.platform, chat_id, self.clock()
                )
            if not held or time.monotonic() > deadline:
                return sent
            await asyncio.sleep(0.2)

    async def _deliver_claimed(self, sender: Sender, rows: list[OutboxMessage]) -> int:
        """Send claimed replies, chat by chat in order; return how many were sent."""
        by_chat: dict[int, list[Reply]] = {}
        for row in rows:
            by_chat.setdefault(row.chat_id, []).append(Reply.from_payload(row.payload, row.id))
        sent = 0
        for chat, replies in by_chat.items():
            async with self.locks.hold(sender.platform, chat):
                # Inside the chat's turn, read again: its own update may have sent them meanwhile.
                async with self.sessions() as session:
                    waiting = await outbox.still_pending(
                        session, [r.outbox_id or 0 for r in replies]
                    )
                replies = [r for r in replies if r.outbox_id in waiting]
                sent += await self.deliver(sender, chat, replies)
        return sent
