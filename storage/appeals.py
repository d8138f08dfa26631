"""Appeals to the Appeals Board (Art. 24): the rows, and the simple questions asked of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Appeal, Decision
from storage.statuses import DecisionStatus


async def add_appeal(
    session: AsyncSession, decision: Decision, by: str, grounds: str, now: datetime
) -> Appeal:
    """Record an appeal to the Appeals Board; the decision waits for its ruling (Art. 24)."""
    appeal = Appeal(decision_id=decision.id, by=by, grounds=grounds, filed_at=now)
    session.add(appeal)
    decision.status = DecisionStatus.APPEALED
    await session.flush()
    return appeal


async def by_id(session: AsyncSession, appeal_id: int) -> Appeal | None:
    """The appeal with this number."""
    return await session.get(Appeal, appeal_id)


async def appeals_of(session: AsyncSession, decision_id: int) -> list[Appeal]:
    """The appeals filed against a decision, oldest first."""
    found = await session.scalars(
        select(Appeal).where(Appeal.decision_id == decision_id).order_by(Appeal.id)
    )
    return list(found)


async def ruled_of(session: AsyncSession, decision_id: int) -> Appeal | None:
    """The latest appeal of a decision that the Appeals Board ruled on, if any."""
    return await session.scalar(
        select(Appeal)
        .where(Appeal.decision_id == decision_id, Appeal.ruling.is_not(None))
        .order_by(Appeal.id.desc())
    )
