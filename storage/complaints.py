"""Complaints, their timelines, their evidence and what their complainants added later."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Complaint, ComplaintAddition, ComplaintEvent, Evidence
from storage.statuses import ComplaintStatus

#: The complaint statuses, in the order of their lifecycle (storage/statuses.py).
STATUSES = tuple(ComplaintStatus)


async def code_taken(session: AsyncSession, code: str) -> bool:
    """Whether a complaint already has this tracking code."""
    found = await session.scalar(select(Complaint.id).where(Complaint.tracking_code == code))
    return found is not None


async def create(session: AsyncSession, *, now: datetime, **fields: Any) -> Complaint:
    """File a complaint (status `received`) and open its timeline."""
    complaint = Complaint(**fields, status="received", created_at=now)
    session.add(complaint)
    await session.flush()
    session.add(ComplaintEvent(complaint_id=complaint.id, kind="status", status="received", at=now))
    await session.flush()
    return complaint


async def filed_since(
    session: AsyncSession, platform: str, user_id: int, since: datetime
) -> list[datetime]:
    """When the user filed each complaint since *since*, oldest first."""
    found = await session.scalars(
        select(Complaint.created_at)
        .where(
            Complaint.platform == platform,
            Complaint.platform_user_id == user_id,
            Complaint.created_at >= since,
        )
        .order_by(Complaint.created_at)
    )
    return list(found)


async def similar_since(
    session: AsyncSession,
    platform: str,
    user_id: int,
    office_code: str,
    violations: Sequence[str],
    since: datetime,
    unclassified: bool = False,
) -> Complaint | None:
    """A complaint by the same user against the same office on the same clauses since *since*.

    "The same clauses" counts "another matter" (`unclassified`) as one of them.
    """
    found = await session.scalars(
        select(Complaint).where(
            Complaint.platform == platform,
            Complaint.platform_user_id == user_id,
            Complaint.office_code == office_code,
            Complaint.created_at >= since,
        )
    )
    wanted = sorted(violations)
    return next(
        (
            c
            for c in found
            if sorted(c.violations) == wanted and bool(c.unclassified) == unclassified
        ),
        None,
    )


async def of_user(session: AsyncSession, platform: str, user_id: int) -> list[Complaint]:
    """The user's complaints, newest first."""
    found = await session.scalars(
        select(Complaint)
        .where(Complaint.platform == platform, Complaint.platform_user_id == user_id)
        .order_by(Complaint.id.desc())
    )
    return list(found)


async def by_code(session: AsyncSession, code: str) -> Complaint | None:
    """The complaint with this tracking code."""
    return await session.scalar(select(Complaint).where(Complaint.tracking_code == code))


async def by_id(session: AsyncSession, complaint_id: int) -> Complaint | None:
    """The complaint with this id."""
    return await session.get(Complaint, complaint_id)


async def timeline(session: AsyncSession, complaint_id: int) -> list[ComplaintEvent]:
    """The complaint's events, oldest first."""
    found = await session.scalars(
        select(ComplaintEvent)
        .where(ComplaintEvent.complaint_id == complaint_id)
        .order_by(ComplaintEvent.at, ComplaintEvent.id)
    )
    return list(found)


async def add_event(
    session: AsyncSession,
    complaint_id: int,
    kind: str,
    now: datetime,
    *,
    status: str | None = None,
    note: str | None = None,
) -> ComplaintEvent:
    """Add a dated event to the complaint's timeline."""
    event = ComplaintEvent(complaint_id=complaint_id, kind=kind, status=status, note=note, at=now)
    session.add(event)
    await session.flush()
    return event


async def set_status(
    session: AsyncSession, complaint: Complaint, status: str, note: str | None, now: datetime
) -> None:
    """Change the complaint's status, recorded in its timeline.

    A move its lifecycle refuses raises TransitionRefused before anything is written.
    """
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    complaint.status = ComplaintStatus(status)
    await add_event(session, complaint.id, "status", now, status=status, note=note)


async def withdrawn_at(session: AsyncSession, complaint_id: int) -> datetime | None:
    """When the complainant withdrew the complaint, if they did."""
    return await session.scalar(
        select(ComplaintEvent.at).where(
            ComplaintEvent.complaint_id == complaint_id, ComplaintEvent.kind == "withdrawn"
        )
    )


async def listing(
    session: AsyncSession, province: str | None = None, status: str | None = None
) -> list[Complaint]:
    """Complaints for staff, oldest first, by the Association's province and status."""
    query = select(Complaint).order_by(Complaint.id)
    if province:
        query = query.where(Complaint.association_province == province)
    if status:
        query = query.where(Complaint.status == status)
    return list(await session.scalars(query))


async def add_evidence(session: AsyncSession, **fields: Any) -> Evidence:
    """Record a file a complainant sent (its bytes are fetched after the commit)."""
    evidence = Evidence(**fields)
    session.add(evidence)
    await session.flush()
    return evidence


async def evidence_by_id(session: AsyncSession, evidence_id: int) -> Evidence | None:
    """The piece of evidence with this id."""
    return await session.get(Evidence, evidence_id)


async def evidence_of(session: AsyncSession, complaint_id: int) -> list[Evidence]:
    """The complaint's evidence, in the order received."""
    found = await session.scalars(
        select(Evidence).where(Evidence.complaint_id == complaint_id).order_by(Evidence.id)
    )
    return list(found)


async def link_evidence(
    session: AsyncSession, platform: str, user_id: int, ids: Sequence[int], complaint_id: int
) -> None:
    """Attach the user's unattached evidence *ids* to their new complaint."""
    await session.execute(
        update(Evidence)
        .where(
            Evidence.id.in_(list(ids)),
            Evidence.platform == platform,
            Evidence.platform_user_id == user_id,
            Evidence.complaint_id.is_(None),
        )
        .values(complaint_id=complaint_id)
    )


async def discard_evidence(
    session: AsyncSession, platform: str, user_id: int, ids: Sequence[int]
) -> list[str]:
    """Delete the user's unattached evidence *ids* (a draft thrown away); return where the
    files of those already fetched are kept."""
    if not ids:
        return []
    rows = list(
        await session.scalars(
            select(Evidence).where(
                Evidence.id.in_(list(ids)),
                Evidence.platform == platform,
                Evidence.platform_user_id == user_id,
                Evidence.complaint_id.is_(None),
            )
        )
    )
    await session.execute(delete(Evidence).where(Evidence.id.in_([row.id for row in rows])))
    return [row.stored_path for row in rows if row.stored_path]


async def evidence_paths_in_use(session: AsyncSession, paths: Sequence[str]) -> set[str]:
    """Which of these stored files some piece of evidence still names (a file is kept once for
    equal contents)."""
    if not paths:
        return set()
    found = await session.scalars(
        select(Evidence.stored_path).where(Evidence.stored_path.in_(list(paths)))
    )
    return {str(path) for path in found}


async def withdrawn_among(session: AsyncSession, ids: Sequence[int]) -> set[int]:
    """Which of the complaints *ids* their complainants withdrew."""
    if not ids:
        return set()
    found = await session.scalars(
        select(ComplaintEvent.complaint_id).where(
            ComplaintEvent.kind == "withdrawn", ComplaintEvent.complaint_id.in_(list(ids))
        )
    )
    return set(found)


async def add_addition(
    session: AsyncSession,
    complaint_id: int,
    text: str | None,
    evidence_ids: Sequence[int],
    now: datetime,
) -> ComplaintAddition:
    """Record what the complainant added to their complaint (a text, files, or both)."""
    addition = ComplaintAddition(
        complaint_id=complaint_id, text=text, evidence_ids=list(evidence_ids), at=now
    )
    session.add(addition)
    await session.flush()
    return addition


async def additions_of(session: AsyncSession, complaint_id: int) -> list[ComplaintAddition]:
    """What the complainant added to the complaint, oldest first."""
    found = await session.scalars(
        select(ComplaintAddition)
        .where(ComplaintAddition.complaint_id == complaint_id)
        .order_by(ComplaintAddition.at, ComplaintAddition.id)
    )
    return list(found)


# ---- the desk (bot/domain/desk.py) ----

#: The statuses of a complaint still waiting for the Association's decision (Art. 15(e)).
WAITING = (ComplaintStatus.RECEIVED, ComplaintStatus.UNDER_REVIEW)


async def waiting(
    session: AsyncSession,
    province: str,
    *,
    member_id: int | None = None,
    filed_before: datetime | None = None,
) -> list[Complaint]:
    """The Association's waiting complaints, oldest first: all, one member's, or older ones."""
    query = (
        select(Complaint)
        .where(Complaint.association_province == province, Complaint.status.in_(WAITING))
        .order_by(Complaint.created_at, Complaint.id)
    )
    if member_id is not None:
        query = query.where(Complaint.assigned_member_id == member_id)
    if filed_before is not None:
        query = query.where(Complaint.created_at < filed_before)
    return list(await session.scalars(query))


async def search(session: AsyncSession, province: str, typed: str) -> list[Complaint]:
    """The Association's complaints whose tracking code or office code is *typed*, oldest first."""
    found = await session.scalars(
        select(Complaint)
        .where(
            Complaint.association_province == province,
            (Complaint.tracking_code == typed) | (Complaint.office_code == typed),
        )
        .order_by(Complaint.created_at, Complaint.id)
    )
    return list(found)


async def of_office(session: AsyncSession, office_code: str) -> list[Complaint]:
    """The complaints against an office, oldest first."""
    found = await session.scalars(
        select(Complaint)
        .where(Complaint.office_code == office_code)
        .order_by(Complaint.created_at, Complaint.id)
    )
    return list(found)


async def count_filed(session: AsyncSession) -> int:
    """How many complaints the store holds."""
    return int(await session.scalar(select(func.count()).select_from(Complaint)) or 0)
