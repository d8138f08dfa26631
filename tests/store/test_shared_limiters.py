"""The rate limit shared by the processes of one bot, on the real servers (PostgreSQL, Redis).

Two limiters on one backend stand for two processes of one bot; each test keeps to a bot id of
its own (and on PostgreSQL a database of its own). The promises are checked from the moments
the calls were let through and ended, strictly on "never above the rate", with generous margins
on "at least this soon".
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import pytest
import redis.asyncio as redis
from sqlalchemy import func, select

from bot.handlers.ratelimit_postgres import PostgresRateLimiter
from bot.handlers.ratelimit_redis import RedisRateLimiter
from bot.handlers.ratelimit_shared import HOLD, SharedLimiter
from storage.database import open_engine, session_factory
from storage.models import RateSlot
from tests.conftest import needed
from tests.daftar_harness import free_port
from tests.stores import PostgresStores


@dataclass
class Backend:
    """Limiters of one backend for one test: of its bot by default, or of another bot."""

    name: str
    make_one: Callable[[str, float, float, float], SharedLimiter]
    bot: str = field(default_factory=lambda: str(uuid.uuid4().int % 10**12))
    made: list[SharedLimiter] = field(default_factory=list)

    def make(
        self,
        per_second: float = 10,
        per_chat_per_second: float = 1,
        *,
        hold: float = HOLD,
        bot: str | None = None,
    ) -> SharedLimiter:
        limiter = self.make_one(
            f"telegram:{bot or self.bot}", per_second, per_chat_per_second, hold
        )
        self.made.append(limiter)
        return limiter


@pytest.fixture(params=["postgres", "redis"])
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    if request.param == "redis":
        url: str = request.getfixturevalue("redis_url")
        found = Backend(
            "redis",
            lambda scope, rate, chat, hold: RedisRateLimiter(url, scope, rate, chat, hold=hold),
        )
        yield found
        for limiter in found.made:
            await limiter.close()
        return
    stores: PostgresStores | None = request.getfixturevalue("postgres_stores")
    if stores is None:
        needed("no PostgreSQL: set DAFTAR_TEST_POSTGRES_URL")
    database = await stores.new()
    engine = open_engine(database)
    sessions = session_factory(engine)
    yield Backend(
        "postgres",
        lambda scope, rate, chat, hold: PostgresRateLimiter(sessions, scope, rate, chat, hold=hold),
    )
    await engine.dispose()
    stores.drop(database)


@dataclass
class Call:
    """One call made in a turn: when it was let through and when it ended (monotonic)."""

    began: float
    ended: float


async def call_in_turn(
    limiter: SharedLimiter, chat_id: int, calls: list[Call], *, per_chat: bool = False
) -> None:
    async with limiter.turn(chat_id, per_chat=per_chat):
        began = time.monotonic()
        await asyncio.sleep(0.005)  # the platform's answer
        calls.append(Call(began, time.monotonic()))


def most_in_one_second(moments: list[float]) -> int:
    return max(sum(start <= m < start + 1.0 for m in moments) for start in moments)


async def test_two_processes_together_never_exceed_the_rate(backend: Backend) -> None:
    first, second = backend.make(10), backend.make(10)
    calls: list[Call] = []
    started = time.monotonic()
    await asyncio.wait_for(
        asyncio.gather(
            *(call_in_turn(first, 100 + n, calls) for n in range(15)),
            *(call_in_turn(second, 200 + n, calls) for n in range(15)),
        ),
        timeout=30,
    )
    assert len(calls) == 30
    assert most_in_one_second([c.ended for c in calls]) <= 10
    assert most_in_one_second([c.began for c in calls]) <= 10
    # Three windows' worth went out in about two windows' time, not one after another.
    assert time.monotonic() - started < 10


async def test_one_chat_is_paced_across_both_processes(backend: Backend) -> None:
    first, second = backend.make(30, 2), backend.make(30, 2)  # a notice to a chat every 0.6 s
    calls: list[Call] = []
    started = time.monotonic()
    paced = asyncio.gather(
        *(call_in_turn(limiter, 7, calls, per_chat=True) for limiter in [first, second] * 3)
    )
    await asyncio.sleep(0.3)
    other: list[Call] = []
    asked = time.monotonic()
    await call_in_turn(second, 8, other, per_chat=True)  # another chat is not held up by 7
    assert other[0].began - asked < 1.0
    await asyncio.wait_for(paced, timeout=30)
    calls.sort(key=lambda c: c.began)
    assert len(calls) == 6
    assert time.monotonic() - started < 10  # six, 0.6 s apart: not held for a running call's hold
    for before, after in itertools.pairwise(calls):
        assert after.began - before.ended >= 0.5  # the chat's rate, 2 a second, never exceeded


async def test_a_pause_by_one_process_holds_the_other_back(backend: Backend) -> None:
    first, second = backend.make(10), backend.make(10)
    calls: list[Call] = []
    await call_in_turn(second, 1, calls)
    paused = time.monotonic()
    await first.pause(1.5)  # first was told 429, retry_after=1.5
    await call_in_turn(second, 2, calls)
    waited = calls[-1].began - paused
    assert waited >= 1.45
    assert waited < 1.5 + 2.0
    asked = time.monotonic()
    await call_in_turn(first, 3, calls)  # once it has ended, turns go at once again
    assert calls[-1].began - asked < 1.0


async def test_a_killed_process_slots_stop_counting_after_their_hold(backend: Backend) -> None:
    # A process let a call through and was killed in it: its slot never ends. With one message
    # a second, the other process waits for the slot's hold (0.5 s) and window (1.1 s), then goes.
    killed, alive = backend.make(1, hold=0.5), backend.make(1, hold=0.5)
    held = killed.turn(1)
    await held.__aenter__()
    asked = time.monotonic()
    calls: list[Call] = []
    await asyncio.wait_for(call_in_turn(alive, 2, calls), timeout=10)
    waited = calls[0].began - asked
    assert waited >= 1.5
    assert waited < 1.6 + 2.5
    await held.__aexit__(None, None, None)


async def test_two_bots_on_one_backend_keep_two_limits(backend: Backend) -> None:
    mine, theirs = backend.make(1), backend.make(1, bot=f"{backend.bot}0")
    calls: list[Call] = []
    await call_in_turn(mine, 1, calls)
    asked = time.monotonic()
    await call_in_turn(theirs, 1, calls)
    assert calls[-1].began - asked < 0.5  # the other bot's slot is not this bot's
    await call_in_turn(mine, 2, calls)
    assert calls[-1].began - calls[0].ended >= 1.0  # while this bot's one a second holds


async def test_redis_keys_expire(redis_url: str) -> None:
    # Nothing of the limit lingers in Redis once the bot stops: every key has a TTL.
    bot = str(uuid.uuid4().int % 10**12)
    limiter = RedisRateLimiter(redis_url, f"telegram:{bot}", 10, 1)
    client = redis.Redis.from_url(redis_url)
    try:
        calls: list[Call] = []
        await call_in_turn(limiter, 1, calls)
        await call_in_turn(limiter, 2, calls, per_chat=True)
        await limiter.pause(0.2)
        keys = [key async for key in client.scan_iter(match=f"{limiter.keys}:*")]
        assert len(keys) == 3  # the slots, the pause, chat 2's pace
        ttls = [await client.pttl(key) for key in keys]
        assert all(0 < ttl <= (HOLD + 1.1) * 1000 + 1000 for ttl in ttls), ttls
    finally:
        await limiter.close()
        await client.aclose()


async def test_postgres_prunes_the_rows_past_every_window(postgres_url: str) -> None:
    engine = open_engine(postgres_url)
    sessions = session_factory(engine)
    limiter = PostgresRateLimiter(sessions, "telegram:1", 30, 1)
    try:
        calls: list[Call] = []
        for n in range(20):
            await call_in_turn(limiter, n, calls, per_chat=True)
        await limiter.pause(0.1)
        await asyncio.sleep(2.3)  # past the windows (1.1 s) and the 1 s kept beyond them
        await call_in_turn(limiter, 99, calls)
        async with sessions() as session:
            left = await session.scalar(select(func.count()).select_from(RateSlot))
        assert left == 1  # the slot just taken; the twenty and the pause are gone
    finally:
        await engine.dispose()


@pytest.mark.parametrize("store", ["postgres", "redis"])
async def test_an_unreachable_store_falls_back_with_one_warning(
    store: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Nothing listens on the port: every process limits its own sends, and says so once.
    port = free_port()
    limiter: SharedLimiter
    if store == "redis":
        limiter = RedisRateLimiter(f"redis://127.0.0.1:{port}/0", "telegram:1", 5, 1)
    else:
        engine = open_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/none")
        limiter = PostgresRateLimiter(session_factory(engine), "telegram:1", 5, 1)
    calls: list[Call] = []
    with caplog.at_level(logging.WARNING, logger="bot.handlers.ratelimit_shared"):
        await asyncio.wait_for(
            asyncio.gather(*(call_in_turn(limiter, n, calls) for n in range(10))), timeout=30
        )
        await limiter.pause(0.1)
    await limiter.close()
    if store == "postgres":
        await engine.dispose()
    assert len(calls) == 10
    assert most_in_one_second([c.ended for c in calls]) <= 5  # this process's own limit holds
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "cannot be reached" in warnings[0].getMessage()
