"""A sanction made final (Arts. 23, 24): the disciplinary file's entries and the publications."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.finality_models import DisciplinaryEntry, Publication


async def entry_of(session: AsyncSession, decision_id: int) -> DisciplinaryEntry | None:
    """The file's entry of a decision, if it was entered."""
    return await session.scalar(
        select(DisciplinaryEntry).where(DisciplinaryEntry.decision_id == decision_id)
    )


async def add_entry(session: AsyncSession, entry: DisciplinaryEntry) -> DisciplinaryEntry:
    """Enter a final sanction in the file (its id is known on return)."""
    session.add(entry)
    await session.flush()
    return entry


async def entries_of_managers(
    session: AsyncSession, manager_ids: Sequence[int]
) -> list[DisciplinaryEntry]:
    """A person's file: the entries of their periods (`managers.periods_of_person`), oldest
    first."""
    found = await session.scalars(
        select(DisciplinaryEntry)
        .where(DisciplinaryEntry.manager_id.in_(list(manager_ids)))
        .order_by(DisciplinaryEntry.final_on, DisciplinaryEntry.id)
    )
    return list(found)


async def entries(session: AsyncSession, office_code: str | None = None) -> list[DisciplinaryEntry]:
    """Every entry (of one office's managers, if named), by office, then oldest first."""
    query = select(DisciplinaryEntry)
    if office_code is not None:
        query = query.where(DisciplinaryEntry.office_code == office_code)
    found = await session.scalars(
        query.order_by(
            DisciplinaryEntry.office_code, DisciplinaryEntry.final_on, DisciplinaryEntry.id
        )
    )
    return list(found)


async def publication_of(session: AsyncSession, decision_id: int) -> Publication | None:
    """The publication of a decision, if it was recorded."""
    return await session.scalar(select(Publication).where(Publication.decision_id == decision_id))


async def add_publication(session: AsyncSession, publication: Publication) -> Publication:
    """Record a publication (its id is known on return)."""
    session.add(publication)
    await session.flush()
    return publication


async def publications(session: AsyncSession) -> list[Publication]:
    """Every publication, oldest first."""
    return list(await session.scalars(select(Publication).order_by(Publication.id)))


async def mark_posted(session: AsyncSession, outbox_id: int, now: datetime) -> bool:
    """Record that the publication this outbox row posts was delivered (the first counts)."""
    found = await session.scalar(select(Publication).where(Publication.outbox_id == outbox_id))
    if found is None or found.posted_at is not None:
        return False
    found.posted_at = now
    return True
