"""Stored eligibility checks: kept for the user who made them, listed, opened, forgotten."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import jdatetime
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import EligibilityCheck


async def add_check(
    session: AsyncSession,
    *,
    platform: str,
    user_id: int,
    role: str,
    edition: str,
    reference_date: jdatetime.date,
    answers: dict[str, Any],
    verdict: str,
    sheet: dict[str, Any],
    now: datetime,
) -> EligibilityCheck:
    """Store one finished check."""
    check = EligibilityCheck(
        platform=platform,
        platform_user_id=user_id,
        role=role,
        edition=edition,
        reference_date=reference_date,
        answers=answers,
        verdict=verdict,
        sheet=sheet,
        created_at=now,
    )
    session.add(check)
    await session.flush()
    return check


async def checks_of(
    session: AsyncSession, platform: str, user_id: int, limit: int = 10
) -> list[EligibilityCheck]:
    """The user's checks, newest first."""
    found = await session.scalars(
        select(EligibilityCheck)
        .where(EligibilityCheck.platform == platform, EligibilityCheck.platform_user_id == user_id)
        .order_by(EligibilityCheck.id.desc())
        .limit(limit)
    )
    return list(found)


async def check_of(
    session: AsyncSession, platform: str, user_id: int, check_id: int
) -> EligibilityCheck | None:
    """One check, only if it belongs to the user asking."""
    check = await session.get(EligibilityCheck, check_id)
    if check is None or (check.platform, check.platform_user_id) != (platform, user_id):
        return None
    return check


async def forget(
    session: AsyncSession, platform: str, user_id: int, check_id: int | None = None
) -> int:
    """Delete one of the user's checks, or all of them; return how many went."""
    query = delete(EligibilityCheck).where(
        EligibilityCheck.platform == platform, EligibilityCheck.platform_user_id == user_id
    )
    if check_id is not None:
        query = query.where(EligibilityCheck.id == check_id)
    result = await session.execute(query)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
