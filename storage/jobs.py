"""Jobs: work a flow asked for, run after its update's transaction has committed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Job
from storage.statuses import JOB, JobStatus


async def add_jobs(
    session: AsyncSession, platform: str, jobs: Sequence[tuple[str, dict[str, Any]]], now: datetime
) -> list[int]:
    """Store jobs with the update that asks for them; return their ids."""
    rows = [
        Job(
            platform=platform,
            kind=kind,
            payload=payload,
            status="pending",
            attempts=0,
            created_at=now,
        )
        for kind, payload in jobs
    ]
    session.add_all(rows)
    await session.flush()
    return [row.id for row in rows]


async def claim_jobs(
    session: AsyncSession,
    platform: str,
    now: datetime,
    lease: timedelta,
    *,
    ids: Sequence[int] | None = None,
    older_than: timedelta = timedelta(0),
    limit: int = 50,
) -> list[Job]:
    """Claim pending jobs (these *ids*, or any old enough) for this process, with a lease."""
    query = (
        select(Job)
        .where(
            Job.platform == platform,
            Job.status == "pending",
            (Job.claimed_until.is_(None)) | (Job.claimed_until < now),
        )
        .order_by(Job.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if ids is not None:
        query = query.where(Job.id.in_(list(ids)))
    else:
        query = query.where(Job.created_at <= now - older_than)
    found = list(await session.scalars(query))
    if found:
        await session.execute(
            update(Job)
            .where(Job.id.in_([job.id for job in found]))
            .values(claimed_until=now + lease, attempts=Job.attempts + 1)
        )
    return found


async def finish_job(
    session: AsyncSession, job_id: int, *, error: str | None = None, give_up: bool = False
) -> None:
    """Record a job done, or failed (to be tried again, or given up).

    A move the jobs' lifecycle refuses raises TransitionRefused (storage/statuses.py).
    """
    values: dict[str, Any] = {"claimed_until": None}
    status: JobStatus | None = None
    if error is None:
        status = JobStatus.DONE
    else:
        values["last_error"] = error[:2000]
        if give_up:
            status = JobStatus.FAILED
    this = Job.id == job_id
    if status is None:
        await session.execute(update(Job).where(this).values(**values))
    else:
        await JOB.update(session, Job, this, status, **values)
