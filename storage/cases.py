"""Cases before the Primary Disciplinary Board (Art. 22): the rows, and their complaints."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Case, Complaint


async def add(session: AsyncSession, case: Case) -> Case:
    """Store a new case (its id is known on return)."""
    session.add(case)
    await session.flush()
    return case


async def by_id(session: AsyncSession, case_id: int) -> Case | None:
    """The case with this number."""
    return await session.get(Case, case_id)


async def of_office(session: AsyncSession, office_code: str) -> list[Case]:
    """The office's cases, oldest first."""
    found = await session.scalars(
        select(Case).where(Case.office_code == office_code).order_by(Case.id)
    )
    return list(found)


async def of_inspection(session: AsyncSession, inspection_id: int) -> int | None:
    """The number of the case opened on an inspection, if one was."""
    return await session.scalar(select(Case.id).where(Case.inspection_id == inspection_id))


async def listing(session: AsyncSession) -> list[Case]:
    """Every case, oldest first."""
    return list(await session.scalars(select(Case).order_by(Case.id)))


async def complaints_of(session: AsyncSession, case: Case) -> list[Complaint]:
    """A case's complaints, in the case's order (one no longer stored is left out)."""
    found = []
    for complaint_id in case.complaint_ids:
        complaint = await session.get(Complaint, complaint_id)
        if complaint is not None:
            found.append(complaint)
    return found
