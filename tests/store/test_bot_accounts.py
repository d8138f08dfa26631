"""The bot's usernames: two processes of one bot starting together on a new store both start."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import managers

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


async def test_two_processes_remember_the_bot_at_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # Both look for the row in the same moment, before either has committed: neither may fail.
    first_wrote = asyncio.Event()

    async def first() -> None:
        async with sessions() as session, session.begin():
            await managers.set_bot_account(session, "telegram", "daftar_bot", NOW)
            first_wrote.set()
            await asyncio.sleep(0.2)  # the second's write waits for this commit (or its turn)

    async def second() -> None:
        await first_wrote.wait()
        async with sessions() as session, session.begin():
            later = NOW + timedelta(seconds=1)
            await managers.set_bot_account(session, "telegram", "daftar_bot2", later)

    await asyncio.wait_for(asyncio.gather(first(), second()), timeout=20)
    async with sessions() as session:
        assert await managers.bot_accounts(session) == {"telegram": "daftar_bot2"}
    async with sessions() as session, session.begin():  # and a restart updates it again
        await managers.set_bot_account(session, "telegram", "daftar_bot", NOW)
    async with sessions() as session:
        assert await managers.bot_accounts(session) == {"telegram": "daftar_bot"}
