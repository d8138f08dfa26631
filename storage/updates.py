"""Processed updates: which platform updates already took effect, the last one, and pruning.

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ProcessedUpdate
from storage.upsert import dialect_of, insert_in


async def was_processed(session: AsyncSession, platform: str, bot: str, update_id: int) -> bool:
    """Whether this update's effect is already committed."""
    found = await session.get(ProcessedUpdate, (platform, bot, update_id))
    return found is not None


async def record_processed(
    session: AsyncSession, platform: str, bot: str, update_id: int, now: datetime
) -> None:
    """Record the update in the transaction that applies it (a twin insert fails the commit)."""
    session.add(ProcessedUpdate(platform=platform, bot=bot, update_id=update_id, processed_at=now))
    await session.flush()


async def record_first(
    session: AsyncSession, platform: str, bot: str, update_id: int, now: datetime
) -> bool:
    """Record the update in the transaction that applies it; False if it was recorded already.

    One statement decides: the insert that meets the update's row does nothing and returns
    none. On PostgreSQL a twin in another transaction waits for that one's commit, then finds
    the row (or, if it rolled back, inserts it).
    """
    row = {"platform": platform, "bot": bot, "update_id": update_id, "processed_at": now}
    statement = record_first_statement(dialect_of(session))
    return (await session.execute(statement, row)).first() is not None


@functools.cache
def record_first_statement(dialect: str) -> Any:
    """The processed-update insert that returns the id only when it was new."""
    # Built once per dialect, on the table (no ORM): the hot path runs it for every update.
    table = ProcessedUpdate.__table__
    return (
        insert_in(dialect, table)
        .on_conflict_do_nothing(index_elements=["platform", "bot", "update_id"])
        .returning(table.c.update_id)
    )


async def last_id(session: AsyncSession, platform: str, bot: str) -> int:
    """The highest update id processed for this platform and bot, or 0."""
    found = await session.scalar(
        select(func.max(ProcessedUpdate.update_id)).where(
            ProcessedUpdate.platform == platform, ProcessedUpdate.bot == bot
        )
    )
    return int(found or 0)


async def prune(session: AsyncSession, now: datetime, keep: timedelta) -> int:
    """Forget processed updates older than *keep*; return how many went."""
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < now - keep)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
