"""The group commit (bot/engine/group_commit.py): what the webhook's posts keep in the inbox
while a transaction is under way goes in the next one together, and each caller returns only
once its own rows are committed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.engine.group_commit import GroupCommit
from storage import inbox
from storage.models import InboxUpdate

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
Kept = tuple[int, int, dict[str, Any]]


async def test_posts_that_arrive_together_are_kept_in_fewer_transactions(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    transactions = 0

    async def store(session: AsyncSession, rows: list[Kept]) -> None:
        nonlocal transactions
        transactions += 1
        await inbox.store(session, "telegram", "42", rows, NOW)

    kept: GroupCommit[Kept] = GroupCommit(sessions, store)
    posts = [[(700 + n, 9000 + n, {"update_id": 700 + n})] for n in range(6)]
    await asyncio.gather(*(kept.add(post) for post in posts))
    assert 1 < transactions < 6  # the first alone, the others queued behind it together
    async with sessions() as session:
        found = list(await session.scalars(select(InboxUpdate.update_id)))
    assert sorted(found) == [700 + n for n in range(6)]


async def test_a_failed_transaction_fails_every_caller_it_carried(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async def refused(session: AsyncSession, rows: list[Kept]) -> None:
        raise RuntimeError("the store said no")

    kept: GroupCommit[Kept] = GroupCommit(sessions, refused)
    results = await asyncio.gather(
        *(kept.add([(n, n, {})]) for n in range(3)), return_exceptions=True
    )
    assert all(isinstance(r, RuntimeError) for r in results)  # each post answered as failed
    with pytest.raises(RuntimeError):
        await kept.add([(9, 9, {})])
