"""The rate limiter's interface, and the in-process limiter (one process on SQLite).

Overall: never more than `per_second` messages in any one-second window (a sliding log, so the
promise holds for every window, not on average). The platform counts a request when it arrives,
which is somewhere between our letting it through and its answer; so a message holds its place
in the log until its call has ended (`turn`), and from then on counts from when it ended. A
message let through while the loop was busy elsewhere, and so late on its way, cannot then bunch
up with the next second's. Per chat, for notices: at least 1 / `per_chat_per_second` seconds
between two messages to one chat. Both windows are kept a little wider than a second (`MARGIN`),
for the clocks' and the network's jitter. After `pause(seconds)` (the platform answered 429 with
that `retry_after`) no turn is let through until the pause has ended.

`Limiter` is what the platform sender uses; `RateLimiter` keeps its log in this process. Several
processes of one bot share one limit through `bot.handlers.ratelimit_redis` (Redis) or
`bot.handlers.ratelimit_postgres` (the PostgreSQL store); `bot.app.serve` chooses.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable

MARGIN = 0.1  # seconds added to each window for jitter


class Limiter(ABC):
    """Waits until a message may go out: the interface of every backend."""

    @abstractmethod
    def turn(
        self, chat_id: int, *, per_chat: bool = False
    ) -> contextlib.AbstractAsyncContextManager[None]:
        """Wait for a free slot for a message to *chat_id* (with *per_chat*, also for that
        chat's pace); hold it while the call runs inside the `async with`."""

    @abstractmethod
    async def pause(self, seconds: float) -> None:
        """The platform said 429, retry after *seconds*: let no turn through until then."""

    async def close(self) -> None:  # noqa: B027 (a backend with nothing to close keeps this)
        """Release the backend's connections."""


class _Slot:
    """One message's place in the log: counted as arriving now until its call has ended."""

    __slots__ = ("ended",)

    def __init__(self) -> None:
        self.ended: float | None = None


class RateLimiter(Limiter):
    """The limit kept by this process alone."""

    def __init__(
        self,
        per_second: float = 30.0,
        per_chat_per_second: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.per_second = per_second
        self.window = 1.0 + MARGIN
        self.chat_interval = (
            (1.0 / per_chat_per_second + MARGIN) if per_chat_per_second > 0 else 0.0
        )
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[_Slot] = deque()
        self._last_by_chat: dict[int, float] = {}
        self._paused_until = float("-inf")
        self._lock = asyncio.Lock()
        self._ended = asyncio.Event()

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: int, *, per_chat: bool = False) -> AsyncIterator[None]:
        """Wait for a free slot for a message to *chat_id*, hold it while the call runs."""
        slot = await self._acquire(chat_id, per_chat=per_chat)
        try:
            yield
        finally:
            slot.ended = self._clock()
            self._ended.set()

    async def pause(self, seconds: float) -> None:
        """Let no turn through for *seconds* from now (a later end of a pause is kept)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def _acquire(self, chat_id: int, *, per_chat: bool) -> _Slot:
        if per_chat and self.chat_interval:
            # Reserve this chat's next slot first (no await in between), then wait for it.
            now = self._clock()
            due = max(
                now, self._last_by_chat.get(chat_id, now - self.chat_interval) + self.chat_interval
            )
            self._last_by_chat[chat_id] = due
            if due > now:
                await self._sleep(due - now)
            if len(self._last_by_chat) > 10_000:
                self._forget_quiet_chats(self._clock())
        async with self._lock:
            while True:
                now = self._clock()
                if now < self._paused_until:
                    await self._sleep(self._paused_until - now)
                    continue
                while self._sent and self._expired(self._sent[0], now):
                    self._sent.popleft()  # in the order let through: a late one keeps later ones
                if len(self._sent) < max(1, int(self.per_second)):
                    break
                self._sent = deque(s for s in self._sent if not self._expired(s, now))
                ended = [s.ended for s in self._sent if s.ended is not None]
                if ended:
                    await self._sleep(self.window - (now - min(ended)))
                else:  # every place is held by a call still running: wait for one to end
                    self._ended.clear()
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(self.window):
                            await self._ended.wait()
            slot = _Slot()
            self._sent.append(slot)
            return slot

    def _expired(self, slot: _Slot, now: float) -> bool:
        return slot.ended is not None and now - slot.ended >= self.window

    def _forget_quiet_chats(self, now: float) -> None:
        quiet = [c for c, t in self._last_by_chat.items() if now - t > self.chat_interval]
        for chat_id in quiet:
            del self._last_by_chat[chat_id]
