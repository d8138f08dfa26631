"""Which rate limiter `daftar run` gives a platform: shared through Redis when it is configured,
else through the store when it is PostgreSQL, else its own: one process on SQLite, or a bot that
polls (its updates go to one process)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from bot.app.serve import limiter_for
from bot.config import Settings
from bot.handlers.direct_transport import DirectTransport
from bot.handlers.profiles import BALE, TELEGRAM
from bot.handlers.ratelimit import RateLimiter
from bot.handlers.ratelimit_postgres import PostgresRateLimiter
from bot.handlers.ratelimit_redis import RedisRateLimiter
from bot.handlers.ratelimit_shared import SharedLimiter
from storage.database import open_engine, session_factory

PG = "postgresql+asyncpg://daftar@db.invalid:5432/daftar"  # never connected to here


def app_on(url: str) -> SimpleNamespace:
    db = open_engine(url)
    return SimpleNamespace(db=db, engine=SimpleNamespace(sessions=session_factory(db)))


WEBHOOK = {"webhook_base_url": "https://daftar.example.ir"}


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, rate_per_second=12, **values)  # type: ignore[call-arg]


async def test_redis_when_configured() -> None:
    app = app_on(PG)
    transport = DirectTransport(TELEGRAM, "4242:SECRET", "http://127.0.0.1:9")
    chosen = settings(redis_url="redis://redis.invalid:6379/0", **WEBHOOK)
    limiter = limiter_for(chosen, app, transport)
    assert isinstance(limiter, RedisRateLimiter)
    assert limiter.keys == "daftar:ratelimit:{telegram:4242}"  # the bot's id, not its secret
    assert limiter.limit == 12
    await limiter.close()
    await app.db.dispose()


async def test_the_postgresql_store_without_redis() -> None:
    app = app_on(PG)
    transport = DirectTransport(BALE, "777:SECRET", "http://127.0.0.1:9")
    limiter = limiter_for(settings(**WEBHOOK), app, transport)
    assert isinstance(limiter, PostgresRateLimiter)
    assert limiter.scope == "bale:777"
    assert limiter.sessions is app.engine.sessions
    await app.db.dispose()


async def test_one_process_on_sqlite_keeps_its_own(tmp_path: Path) -> None:
    app = app_on(f"sqlite+aiosqlite:///{tmp_path / 'd.db'}")
    transport = DirectTransport(TELEGRAM, "4242:SECRET", "http://127.0.0.1:9")
    chosen = settings(redis_url="redis://redis.invalid:6379/0", **WEBHOOK)
    limiter = limiter_for(chosen, app, transport)
    assert isinstance(limiter, RateLimiter)
    assert not isinstance(limiter, SharedLimiter)  # the SQLite store is never asked
    await app.db.dispose()


async def test_a_bot_that_polls_keeps_its_own_whatever_the_store() -> None:
    app = app_on(PG)
    transport = DirectTransport(TELEGRAM, "4242:SECRET", "http://127.0.0.1:9")
    limiter = limiter_for(settings(redis_url="redis://redis.invalid:6379/0"), app, transport)
    assert isinstance(limiter, RateLimiter)
    assert not isinstance(limiter, SharedLimiter)
    await app.db.dispose()
