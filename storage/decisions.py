"""The Primary Board's decisions (Arts. 23, 24, 26): the rows, and what is due of them.

The questions `settle` asks are here too: which decisions' appeal windows may have closed,
which final decisions have not yet changed their office, and which offices a decision suspended
whose suspension has ended.
"""

from __future__ import annotations

from collections.abc import Sequence

import jdatetime
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Decision, Office


async def add(session: AsyncSession, decision: Decision) -> Decision:
    """Store a new decision (its id is known on return)."""
    session.add(decision)
    await session.flush()
    return decision


async def by_id(session: AsyncSession, decision_id: int) -> Decision | None:
    """The decision with this number."""
    return await session.get(Decision, decision_id)


async def of_case(session: AsyncSession, case_id: int) -> Decision | None:
    """The Board's decision on a case (the latest, should there be more), if it has one."""
    return await session.scalar(
        select(Decision).where(Decision.case_id == case_id).order_by(Decision.id.desc())
    )


async def listing(session: AsyncSession) -> list[Decision]:
    """Every decision, oldest first."""
    return list(await session.scalars(select(Decision).order_by(Decision.id)))


async def final_of_managers(session: AsyncSession, manager_ids: Sequence[int]) -> list[Decision]:
    """The decisions against these manager periods that became final (upheld or replaced on
    appeal), oldest first: those against the manager, not a staff member of the office (Art. 26
    note 3 names the manager)."""
    found = await session.scalars(
        select(Decision)
        .where(
            Decision.manager_id.in_(list(manager_ids)),
            Decision.offender == "manager",
            Decision.status.in_(("final", "replaced")),
            Decision.final_at.is_not(None),
        )
        .order_by(Decision.id)
    )
    return list(found)


async def served_pending(session: AsyncSession) -> list[Decision]:
    """Served decisions still pending: their appeal window runs (or has closed)."""
    found = await session.scalars(
        select(Decision)
        .where(Decision.status == "pending", Decision.served_at.is_not(None))
        .order_by(Decision.id)
    )
    return list(found)


async def effect_due(session: AsyncSession) -> list[Decision]:
    """Final decisions that may change their office and have not yet, in the order final."""
    found = await session.scalars(
        select(Decision)
        .where(
            Decision.status.in_(("final", "replaced")),
            Decision.effect_applied_at.is_(None),
            Decision.final_at.is_not(None),
            # Only a 5 or 6, or a replacement (which may be one), can change the office.
            (Decision.sanction >= 5) | (Decision.status == "replaced"),
        )
        .order_by(Decision.final_at, Decision.id)
    )
    return list(found)


async def suspensions_ended(session: AsyncSession, today: jdatetime.date) -> list[Office]:
    """Offices a decision suspended whose last day is before *today*.

    *today* is bound through the column's type (storage.types.JalaliDate): the days compare in
    SQL as their zero-padded stored text, which sorts as the days do.
    """
    found = await session.scalars(
        select(Office)
        .where(
            Office.status == "suspended",
            Office.status_decided_by.is_not(None),
            Office.suspended_until.is_not(None),
            Office.suspended_until < today,
        )
        .order_by(Office.code)
    )
    return list(found)


async def before_the_appeals_board(session: AsyncSession) -> list[Decision]:
    """Decisions of degree 5 or 6 still pending or appealed (Art. 24), oldest first."""
    found = await session.scalars(
        select(Decision)
        .where(Decision.status.in_(("pending", "appealed")), Decision.sanction >= 5)
        .order_by(Decision.id)
    )
    return list(found)
