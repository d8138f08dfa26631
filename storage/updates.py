"""Processed updates: which platform updates already took effect, the last one, and pruning.

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ProcessedUpdate


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
