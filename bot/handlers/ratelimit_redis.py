"""The rate limit shared through Redis (`DAFTAR_REDIS_URL`), by every process of one bot.

Each ask is one Lua script, so it is atomic, and it reads the Redis server's clock
(`redis.call('TIME')`), so the processes' clocks need not agree. The keys of one bot share a
hash tag (`daftar:ratelimit:{telegram:123456}:…`), so a Redis Cluster keeps them on one node:

- `…:slots`, a sorted set of the messages let through, each scored with the moment it counts
  from: a running call `hold` seconds ahead (so that a killed process's slots expire), an ended
  one when it ended. Those older than the window are removed first (ZREMRANGEBYSCORE);
- `…:pause`, the moment a 429's `retry_after` ends;
- `…:chat:ID`, the moment a chat's last notice counts from, for its pace.

Every key has a TTL a little longer than it can matter, so nothing lingers after the bot stops.
If Redis cannot be reached the process falls back to an in-process limiter for that call, with
one warning an outage (`bot.handlers.ratelimit_shared`): the bot keeps sending.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any, ClassVar

import redis.asyncio as redis
from redis.exceptions import RedisError

from bot.handlers.ratelimit_shared import HOLD, Answer, SharedLimiter, Wait

# KEYS: slots, pause[, chat]. ARGV: member, limit, window, hold, chat interval (seconds).
# Returns {0, 0}: let through; {1, ms}: paused; {2, ms}: the chat's pace; {3, ms}: the window is
# full. Milliseconds, as Redis turns a Lua number into an integer; -1: as long as a running call
# takes (the chat's last one, or every slot's), so ask again soon.
ASK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local limit, window = tonumber(ARGV[2]), tonumber(ARGV[3])
local hold, interval = tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then
  return {1, math.ceil((paused - now) * 1000)}
end
if #KEYS > 2 then
  local last = tonumber(redis.call('GET', KEYS[3]) or '0')
  if last > now then
    return {2, -1}
  end
  if last + interval > now then
    return {2, math.ceil((last + interval - now) * 1000)}
  end
end
if redis.call('ZCARD', KEYS[1]) >= limit then
  local first = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, 1)
  if #first == 0 then
    return {3, -1}
  end
  return {3, math.ceil((tonumber(first[2]) + window - now) * 1000)}
end
local counts_from = now + hold
redis.call('ZADD', KEYS[1], counts_from, ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.ceil((hold + window) * 1000) + 1000)
if #KEYS > 2 then
  redis.call('SET', KEYS[3], counts_from, 'PX', math.ceil((hold + interval) * 1000) + 1000)
end
return {0, 0}
"""

# KEYS: slots[, chat]. ARGV: member, chat interval. The slot, if still there, counts from now.
END = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
if #KEYS > 1 then
  redis.call('SET', KEYS[2], now, 'PX', math.ceil(tonumber(ARGV[2]) * 1000) + 1000)
end
return 0
"""

# KEYS: pause. ARGV: seconds. A pause ending later than the one recorded replaces it.
PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local ends = now + tonumber(ARGV[1])
if ends > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], ends, 'PX', math.ceil(tonumber(ARGV[1]) * 1000) + 1000)
end
return 0
"""

_WAITS = {1: Wait.PAUSED, 2: Wait.CHAT, 3: Wait.FULL}


class RedisRateLimiter(SharedLimiter):
    """One bot's limit, kept in Redis at *url* for all its processes."""

    unreachable: ClassVar[tuple[type[BaseException], ...]] = (RedisError, OSError)
    store: ClassVar[str] = "Redis"

    def __init__(
        self,
        url: str,
        scope: str,
        per_second: float = 30.0,
        per_chat_per_second: float = 1.0,
        *,
        hold: float = HOLD,
        prefix: str = "daftar:ratelimit",
    ) -> None:
        super().__init__(scope, per_second, per_chat_per_second, hold=hold)
        # Short timeouts: a Redis that does not answer must not hold a send up for long.
        self.client: redis.Redis = redis.Redis.from_url(
            url, socket_timeout=1.0, socket_connect_timeout=1.0
        )
        self.keys = f"{prefix}:{{{scope}}}"
        self._ask_script = self.client.register_script(ASK)
        self._end_script = self.client.register_script(END)
        self._pause_script = self.client.register_script(PAUSE)
        self._member = f"{uuid.uuid4().hex[:12]}:"
        self._count = itertools.count()

    def _chat_key(self, chat_id: int) -> str:
        return f"{self.keys}:chat:{chat_id}"

    async def _ask(self, chat_id: int | None) -> Answer:
        keys = [f"{self.keys}:slots", f"{self.keys}:pause"]
        if chat_id is not None:
            keys.append(self._chat_key(chat_id))
        member = f"{self._member}{next(self._count)}"
        args: list[str | float] = [member, self.limit, self.window, self.hold, self.chat_interval]
        kind, ms = await self._ask_script(keys=keys, args=args)
        if int(kind) == 0:
            return Answer(slot=member)
        return Answer(reason=_WAITS[int(kind)], wait=None if int(ms) < 0 else int(ms) / 1000)

    async def _end(self, slot: Any, chat_id: int | None) -> None:
        keys = [f"{self.keys}:slots"]
        if chat_id is not None:
            keys.append(self._chat_key(chat_id))
        await self._end_script(keys=keys, args=[slot, self.chat_interval])

    async def _pause(self, seconds: float) -> None:
        await self._pause_script(keys=[f"{self.keys}:pause"], args=[seconds])

    async def close(self) -> None:
        """Close the connections to Redis."""
        await self.client.aclose()
