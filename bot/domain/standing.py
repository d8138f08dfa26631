"""Who answers for an office on a day, and what a decision's sanction stands at.

Readings of the directive made here (each a choice, never presented as law):

- "The office's manager at the time" (Art. 23): the manager whose period covers the day of the
  violation, periods taken as Tehran dates, half-open: a manager replaced on day D managed until
  D-1 and the new manager from D. A period starts on the day Daftar learnt of it (the registry
  import that first named the office's manager, or the Directorate's act replacing one), or
  earlier where the Directorate's records say so (`offices manager-since`). A day before the
  first period known has no manager on record: nobody is presumed to have managed the office then.
- A manager is a person (Art. 19: the manager withdraws or dies, the office stays): the person is
  their national ID, and their earlier final sanctions (Art. 26 note 3) are counted from every
  period they had, at any office. A period stored without a national ID is a person of its own.
- A decision's standing sanction is the Appeals Board's replacement if it replaced it, none if
  it overturned it, else the Primary Board's own.
- The appeal window (`settings.appeal_window_days`; Art. 24 sets none) runs from *service*: the
  first successful delivery of the decision's notice, or a service recorded by staff. Until then
  the window has not started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.text.jalali import tehran_date
from storage import appeals as appeal_store
from storage import decisions as decision_store
from storage import managers as manager_store
from storage.models import Appeal, Decision, Manager


async def manager_at(
    session: AsyncSession, office_code: str, day: jdatetime.date, zone: ZoneInfo
) -> Manager | None:
    """The office's manager on *day*: the one whose period, as Tehran dates, covers it, or None.

    None also for a day before the first period known: recording since when that manager has
    managed the office (`offices manager-since`) lays such a day on them.
    """
    covering = [
        manager
        for manager in await manager_store.periods_of(session, office_code)
        if period_start(manager, zone) <= day
        and (manager.ended_at is None or day < tehran_date(manager.ended_at, zone))
    ]
    return covering[-1] if covering else None


def period_start(manager: Manager, zone: ZoneInfo) -> jdatetime.date:
    """A period's first day: the Directorate's `since`, else the day Daftar learnt of it."""
    learnt = tehran_date(manager.started_at, zone)
    return manager.since if manager.since is not None and manager.since < learnt else learnt


async def ruled_appeal(session: AsyncSession, decision_id: int) -> Appeal | None:
    """The appeal of a decision that the Appeals Board ruled on, if any."""
    return await appeal_store.ruled_of(session, decision_id)


async def effective_sanction(
    session: AsyncSession, decision: Decision
) -> tuple[int, int | None] | None:
    """The sanction that stands, (degree, months): the replacement's if replaced; None if
    overturned."""
    if decision.status == "overturned":
        return None
    if decision.status == "replaced":
        appeal = await ruled_appeal(session, decision.id)
        if appeal is not None and appeal.new_sanction is not None:
            return appeal.new_sanction, appeal.new_months
    return decision.sanction, decision.months


@dataclass(frozen=True)
class EarlierDecision:
    """A final sanction of degree 1–4 given earlier to a manager (for Art. 26 note 3)."""

    decision_id: int
    degree: int
    final_on: jdatetime.date


async def earlier_final_sanctions(
    session: AsyncSession, manager_id: int, zone: ZoneInfo
) -> list[EarlierDecision]:
    """The person's final sanctions of degree 1 to 4, with the Tehran date each became final.

    *manager_id* is one period (the decision's manager); the person's decisions from every period
    they had, at any office, count (Art. 26 note 3 follows the person, not the office).
    """
    manager = await manager_store.by_id(session, manager_id)
    if manager is None:
        return []
    periods = await manager_store.periods_of_person(session, manager)
    earlier = []
    for decision in await decision_store.final_of_managers(session, [p.id for p in periods]):
        standing = await effective_sanction(session, decision)
        if standing is None or standing[0] > 4 or decision.final_at is None:
            continue
        earlier.append(
            EarlierDecision(decision.id, standing[0], tehran_date(decision.final_at, zone))
        )
    return earlier


def appeal_closes_at(decision: Decision, settings: Settings) -> datetime | None:
    """When the appeal window of a served 5 or 6 closes (None: not served, so not started)."""
    if decision.served_at is None:
        return None
    return decision.served_at + timedelta(days=settings.appeal_window_days)
