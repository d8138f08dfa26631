"""The scheduled reports: which period and scope went out, written once however many processes
tick (an insert that does nothing on a conflict: the first to write it owns it)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import jdatetime
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ScheduledReport


class Outcome(StrEnum):
    """What became of a scheduled report (it never changes once written)."""

    SENT = "sent"
    NO_CHAT = "no_chat"
    BEFORE_FIRST_RUN = "before_first_run"


async def written(
    session: AsyncSession, first: jdatetime.date, last: jdatetime.date, scope: str
) -> bool:
    """Whether the report of these days and *scope* was written already."""
    found = await session.get(ScheduledReport, (first, last, scope))
    return found is not None


async def any_of_scope(session: AsyncSession, scope: str) -> bool:
    """Whether any report of *scope* was ever written (the schedule has run for it)."""
    found = await session.scalar(
        select(ScheduledReport.scope).where(ScheduledReport.scope == scope).limit(1)
    )
    return found is not None


async def claim(
    session: AsyncSession,
    first: jdatetime.date,
    last: jdatetime.date,
    scope: str,
    outcome: Outcome,
    chats: int,
    now: datetime,
) -> bool:
    """Write the report's row; False when another transaction wrote it first (nothing changes).

    On PostgreSQL a second writer waits for the first to commit, then does nothing.
    """
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(ScheduledReport)
        .values(first_day=first, last_day=last, scope=scope, outcome=outcome, chats=chats, at=now)
        .on_conflict_do_nothing(index_elements=["first_day", "last_day", "scope"])
        .returning(ScheduledReport.scope)
    )
    return (await session.execute(statement)).first() is not None


async def of_scope(session: AsyncSession, scope: str) -> list[ScheduledReport]:
    """The reports of *scope* written so far, oldest period first."""
    found = await session.scalars(
        select(ScheduledReport)
        .where(ScheduledReport.scope == scope)
        .order_by(ScheduledReport.first_day)
    )
    return list(found)
