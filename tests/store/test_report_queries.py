"""storage/reports.py's queries: a figure the seed of tests/store/test_reports.py does not reach.
The indexes their period filters use are checked in tests/store/test_report_plans.py."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from storage.models import Appeal, Decision
from tests.store.test_discipline import at
from tests.store.test_reports import (
    AUTUMN_MONTH,
    figures,
    report_of,
    sessions,  # noqa: F401  (the fixture: the seeded store)
    settings,  # noqa: F401  (the fixture: two Associations)
)


async def test_24_an_appeal_not_yet_ruled_on_is_counted_as_pending(
    sessions: async_sessionmaker[AsyncSession],  # noqa: F811
    settings: Settings,  # noqa: F811
) -> None:
    async with sessions() as session, session.begin():
        decision = (await session.scalars(select(Decision).where(Decision.sanction == 5))).one()
        session.add(
            Appeal(decision_id=decision.id, by="center_head", grounds="g", filed_at=at(1403, 8, 29))
        )
    report = figures(await report_of(sessions, settings, "national", AUTUMN_MONTH))
    assert report["discipline"]["appeals.filed"] == 2
    assert report["discipline"]["appeals.by_ruling.pending"] == 1
    assert report["discipline"]["appeals.by_ruling.uphold"] == 1
