"""What the limiters shared by processes have in common: one log for every process of one bot.

The log lives in a store every process reaches (Redis, or the PostgreSQL store), scoped by
platform and bot id, so two bots on one store keep two limits. Its clock is the store's, so the
processes' clocks need not agree. A backend answers one question atomically: may a message go
now (and then its slot is taken), or how long to wait. A running call's slot counts from a
moment `hold` seconds ahead, so that the slots of a process killed mid-call stop counting on
their own; when the call ends its slot is moved to the moment it ended, as in
`bot.handlers.ratelimit`.

Within a process, one task at a time asks the store (the others queue on an asyncio lock, as in
the in-process limiter), except that a message waiting for its chat's pace lets the others ask
meanwhile.

If the store cannot be reached the process falls back to an in-process limiter of the same rates
(`RateLimiter`): the bot keeps sending, each process within the rate on its own, so for the
outage the processes together may exceed it. One warning is logged when the outage begins and
one when it ends, not one a message; the store is asked again every `RETRY_EVERY` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from abc import abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, ClassVar

from bot.handlers.ratelimit import MARGIN, Limiter, RateLimiter

logger = logging.getLogger(__name__)

HOLD = 5.0  # seconds a running call's slot counts ahead: how long a killed process's slots last
POLL = 0.05  # seconds between asks while every slot is held by a running call elsewhere
RETRY_EVERY = 5.0  # seconds between tries of an unreachable store


class Wait(enum.Enum):
    """Why a turn was not let through."""

    PAUSED = "paused"  # a 429's retry_after is running
    CHAT = "chat"  # the chat's last message was too recent
    FULL = "full"  # the window holds the rate already


@dataclass(frozen=True)
class Answer:
    """The store's answer: a slot (its handle, to end it), or why and how long to wait."""

    slot: Any = None
    reason: Wait | None = None
    #: seconds to wait; None: as long as a running call takes (ask again soon)
    wait: float | None = None


class SharedLimiter(Limiter):
    """A limiter whose log is shared by every process of one bot (see the module docstring)."""

    #: what the backend's client raises when its store cannot be reached or used
    unreachable: ClassVar[tuple[type[BaseException], ...]] = (OSError,)
    #: the store's name, in the log
    store: ClassVar[str] = "the shared store"

    def __init__(
        self,
        scope: str,
        per_second: float = 30.0,
        per_chat_per_second: float = 1.0,
        *,
        hold: float = HOLD,
    ) -> None:
        self.scope = scope
        self.limit = max(1, int(per_second))
        self.window = 1.0 + MARGIN
        self.chat_interval = (
            (1.0 / per_chat_per_second + MARGIN) if per_chat_per_second > 0 else 0.0
        )
        self.hold = hold
        self.fallback = RateLimiter(per_second, per_chat_per_second)
        self._lock = asyncio.Lock()
        self._ended = asyncio.Event()
        self._down_since: float | None = None
        self._retry_at = 0.0

    @abstractmethod
    async def _ask(self, chat_id: int | None) -> Answer:
        """Atomically: take a slot (for *chat_id*'s pace too, unless None), or say the wait."""

    @abstractmethod
    async def _end(self, slot: Any, chat_id: int | None) -> None:
        """The call of *slot* has ended: it counts from now on (the chat's pace too)."""

    @abstractmethod
    async def _pause(self, seconds: float) -> None:
        """Record that no turn may go for *seconds* from the store's now."""

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: int, *, per_chat: bool = False) -> AsyncIterator[None]:
        """Wait for a free slot in the shared log, hold it while the call runs."""
        chat = chat_id if per_chat and self.chat_interval else None
        slot = await self._acquire(chat)
        if slot is None:  # the store is out of reach: this process's own log, for this call
            async with self.fallback.turn(chat_id, per_chat=per_chat):
                yield
            return
        try:
            yield
        finally:
            try:
                await self._end(slot, chat)
            except self.unreachable as error:  # the slot stops counting after its hold
                self._lost(error)
            self._ended.set()

    async def pause(self, seconds: float) -> None:
        """Pause every process of this bot for *seconds* (this one too, should the store fail)."""
        await self.fallback.pause(seconds)
        if self._out_of_reach():
            return
        try:
            await self._pause(seconds)
        except self.unreachable as error:
            self._lost(error)
        else:
            self._reached()

    async def _acquire(self, chat: int | None) -> Any:
        """The slot taken, or None if the store cannot be reached."""
        while True:
            if self._out_of_reach():
                return None
            async with self._lock:
                if self._out_of_reach():  # found so while this task queued
                    return None
                self._ended.clear()
                try:
                    answer = await self._ask(chat)
                except self.unreachable as error:
                    self._lost(error)
                    return None
                self._reached()
                if answer.slot is not None:
                    return answer.slot
                if answer.reason is not Wait.CHAT:
                    # Holding the lock: the others here would only be told to wait as well.
                    await self._wait(answer.wait)
                    continue
            await asyncio.sleep(max(answer.wait or POLL, 0.001))

    async def _wait(self, seconds: float | None) -> None:
        if seconds is not None:
            await asyncio.sleep(max(seconds, 0.001))
            return
        # Every slot is held by a running call: one of ours ending, or POLL, whichever first.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(POLL):
                await self._ended.wait()

    def _out_of_reach(self) -> bool:
        return self._down_since is not None and time.monotonic() < self._retry_at

    def _lost(self, error: BaseException) -> None:
        now = time.monotonic()
        if self._down_since is None:
            self._down_since = now
            logger.warning(
                "rate limit %s: %s cannot be reached (%s: %s); this process limits its own "
                "sends until it answers again",
                self.scope,
                self.store,
                type(error).__name__,
                error,
            )
        self._retry_at = now + RETRY_EVERY

    def _reached(self) -> None:
        if self._down_since is not None:
            logger.warning(
                "rate limit %s: %s answers again after %.0fs; the limit is shared again",
                self.scope,
                self.store,
                time.monotonic() - self._down_since,
            )
            self._down_since = None
