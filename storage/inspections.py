"""Inspections (Art. 21): the rows, and the simple questions asked of them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Inspection


async def add(session: AsyncSession, inspection: Inspection) -> Inspection:
    """Store a new inspection (its id is known on return)."""
    session.add(inspection)
    await session.flush()
    return inspection


async def by_id(session: AsyncSession, inspection_id: int) -> Inspection | None:
    """The inspection with this number."""
    return await session.get(Inspection, inspection_id)


async def listing(session: AsyncSession) -> list[Inspection]:
    """Every inspection, oldest first."""
    return list(await session.scalars(select(Inspection).order_by(Inspection.id)))
