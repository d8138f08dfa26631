"""Inspections (Art. 21): the rows, and the simple questions asked of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Complaint, ComplaintEvent, Evidence, Inspection, Office


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


async def with_offices(session: AsyncSession) -> list[tuple[Inspection, Office]]:
    """Every inspection with its office, soonest first (the lists sort them further)."""
    rows = await session.execute(
        select(Inspection, Office)
        .join(Office, Office.code == Inspection.office_code)
        .order_by(Inspection.at, Inspection.id)
    )
    return [(inspection, office) for inspection, office in rows]


async def photos_of(session: AsyncSession, inspection_id: int) -> list[Evidence]:
    """The photos and documents an inspector sent at an inspection's checklist, in order."""
    found = await session.scalars(
        select(Evidence).where(Evidence.inspection_id == inspection_id).order_by(Evidence.id)
    )
    return list(found)


async def proposals(session: AsyncSession, association: str) -> list[tuple[Complaint, datetime]]:
    """The complaints of an Association whose desk proposed an inspection of the office (a
    "proposal" line of the timeline, bot/domain/desk.py), with when, newest first."""
    rows = await session.execute(
        select(Complaint, ComplaintEvent.at)
        .join(ComplaintEvent, ComplaintEvent.complaint_id == Complaint.id)
        .where(Complaint.association_province == association, ComplaintEvent.kind == "proposal")
        .order_by(ComplaintEvent.at.desc(), ComplaintEvent.id.desc())
    )
    return [(complaint, at) for complaint, at in rows]
