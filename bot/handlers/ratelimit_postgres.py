"""The rate limit shared through the PostgreSQL store, by every process of one bot.

Chosen when the store is PostgreSQL and no Redis is configured. Each ask is one short
transaction of `storage.rate_slots` (an advisory lock on the bot's scope, the server's clock, the
old rows pruned, the slot inserted or the wait read), and the end of a call another. If the store
cannot be reached the process falls back to an in-process limiter for that call, with one warning
an outage (`bot.handlers.ratelimit_shared`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.handlers.ratelimit_shared import HOLD, Answer, SharedLimiter, Wait
from storage import rate_slots


class PostgresRateLimiter(SharedLimiter):
    """One bot's limit, kept in the store's `rate_slots` for all its processes."""

    unreachable: ClassVar[tuple[type[BaseException], ...]] = (SQLAlchemyError, OSError)
    store: ClassVar[str] = "the PostgreSQL store"

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        scope: str,
        per_second: float = 30.0,
        per_chat_per_second: float = 1.0,
        *,
        hold: float = HOLD,
    ) -> None:
        super().__init__(scope, per_second, per_chat_per_second, hold=hold)
        self.sessions = sessions

    async def _ask(self, chat_id: int | None) -> Answer:
        async with self.sessions() as session, session.begin():
            found = await rate_slots.take(
                session,
                self.scope,
                chat_id=chat_id,
                limit=self.limit,
                window=self.window,
                hold=self.hold,
                chat_interval=self.chat_interval,
            )
        if found.slot_id is not None:
            return Answer(slot=found.slot_id)
        now = found.now
        if found.paused_until is not None and found.paused_until > now:
            return Answer(reason=Wait.PAUSED, wait=_seconds(found.paused_until, now))
        if found.chat_from is not None and found.chat_from > now:  # its last call still runs
            return Answer(reason=Wait.CHAT)
        if found.chat_from is not None:
            due = _seconds(found.chat_from, now) + self.chat_interval
            if due > 0:
                return Answer(reason=Wait.CHAT, wait=due)
        if found.first_ended is None:  # every slot is held by a running call
            return Answer(reason=Wait.FULL)
        return Answer(reason=Wait.FULL, wait=_seconds(found.first_ended, now) + self.window)

    async def _end(self, slot: Any, chat_id: int | None) -> None:
        async with self.sessions() as session, session.begin():
            await rate_slots.end(session, int(slot))

    async def _pause(self, seconds: float) -> None:
        async with self.sessions() as session, session.begin():
            await rate_slots.pause(session, self.scope, seconds)


def _seconds(moment: datetime, now: datetime) -> float:
    return (moment - now).total_seconds()
