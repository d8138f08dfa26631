"""One rate limiter a platform, shared by replies and notices.

Overall: never more than `per_second` messages in any one-second window (a sliding log, so the
promise holds for every window, not on average). Per chat, for notices: at least
1 / `per_chat_per_second` seconds between two messages to one chat. Both windows are kept a
little wider than a second (`MARGIN`), because the platform counts requests when they arrive,
and two requests let through exactly a second apart can arrive closer together.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

MARGIN = 0.1  # seconds added to each window for the trip to the platform


class RateLimiter:
    """Waits until a message may go out."""

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
        self._sent: deque[float] = deque()
        self._last_by_chat: dict[int, float] = {}
        self._lock = asyncio.Lock()

    async def acquire(self, chat_id: int, *, per_chat: bool = False) -> None:
        """Wait for a free slot for a message to *chat_id*, and take it."""
        if per_chat and self.chat_interval:
            # Reserve this chat's next slot first (no await in between), then wait for it.
            now = self._clock()
            slot = max(
                now, self._last_by_chat.get(chat_id, now - self.chat_interval) + self.chat_interval
            )
            self._last_by_chat[chat_id] = slot
            if slot > now:
                await self._sleep(slot - now)
            if len(self._last_by_chat) > 10_000:
                self._forget_quiet_chats(self._clock())
        async with self._lock:
            while True:
                now = self._clock()
                while self._sent and now - self._sent[0] >= self.window:
                    self._sent.popleft()
                if len(self._sent) < max(1, int(self.per_second)):
                    break
                await self._sleep(self.window - (now - self._sent[0]))
            self._sent.append(now)

    def _forget_quiet_chats(self, now: float) -> None:
        quiet = [c for c, t in self._last_by_chat.items() if now - t > self.chat_interval]
        for chat_id in quiet:
            del self._last_by_chat[chat_id]
