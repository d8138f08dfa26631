"""Settlement: decisions made final when their appeal window closes, and their effects applied.

Only a final 5 suspends the office and only a final 6 revokes it (Art. 23); `settle` applies
those effects, once each, and ends a suspension whose last day has passed. It takes (session,
settings, now) and does not commit: the caller's transaction holds what it changes.

    settle(session, settings, now) -> list[str]

Readings of the directive made here (each is configuration or a choice, never presented as law):

- A 5 or 6 that nobody appealed becomes final at the moment its window closed (service + the
  window, `settings.appeal_window_days`), whenever `settle` notices it; an appealed one when the
  Appeals Board rules. A suspension runs from the Jalali date (Tehran) the decision became final
  for its months, counted in Jalali months and clamped to the last day of a shorter month;
  `suspended_until` is its last day, and `settle` makes the office active again the day after.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain import finality
from bot.domain.refusals import existing_office
from bot.domain.standing import appeal_closes_at, effective_sanction
from bot.text.jalali import add_jalali_months, format_jalali_numeric, tehran_date, today_in
from storage import cases as case_store
from storage import decisions as decision_store
from storage.models import Decision
from storage.statuses import DecisionStatus, OfficeStatus


async def settle(session: AsyncSession, settings: Settings, now: datetime) -> list[str]:
    """Make due decisions final and apply their effects on the office; say what was done.

    1. A served, unappealed 5 or 6 whose window has closed becomes final, as of the close, and
       is entered in the manager's disciplinary file (`bot.domain.finality.make_final`).
    2. A final 5 suspends the office until the final date + its months (Jalali, clamped); a
       final 6 revokes it; the office remembers the decision (`status_decided_by`). Once each
       (`effect_applied_at`); a replacement by 1–4 or an overturned decision changes nothing.
    3. A suspension set by a decision whose last day has passed ends: the office is active.

    Idempotent: a second call at the same moment does nothing and returns [].
    """
    zone = settings.zone
    done: list[str] = []
    for decision in await decision_store.served_pending(session):
        closes = appeal_closes_at(decision, settings)
        if closes is not None and closes <= now:
            decision.status, decision.final_at = DecisionStatus.FINAL, closes
            # Final now: into the manager's disciplinary file (bot.domain.finality), once.
            await finality.make_final(session, settings, now, decision=decision)
            done.append(
                f"decision #{decision.id}: the appeal window closed on "
                f"{format_jalali_numeric(tehran_date(closes, zone))} with no appeal: final"
            )
    await session.flush()

    for decision in await decision_store.effect_due(session):
        standing = await effective_sanction(session, decision)
        if standing is None or standing[0] < 5:
            continue
        done.append(await _apply(session, settings, now, decision, *standing))
    await session.flush()

    for office in await decision_store.suspensions_ended(session, today_in(zone, now)):
        assert office.suspended_until is not None  # the query asks for one
        done.append(
            f"office {office.code}: the suspension of decision #{office.status_decided_by} "
            f"ended on {format_jalali_numeric(office.suspended_until)}: active again"
        )
        office.status, office.suspended_until = OfficeStatus.ACTIVE, None
        office.status_decided_by = None
        office.updated_at = now
    await session.flush()
    return done


async def _apply(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    decision: Decision,
    degree: int,
    months: int | None,
) -> str:
    """Apply a final 5 or 6 to its office; say what was done."""
    assert decision.final_at is not None
    case = await case_store.by_id(session, decision.case_id)
    assert case is not None
    office = await existing_office(session, case.office_code)
    decision.effect_applied_at = now
    final_on = tehran_date(decision.final_at, settings.zone)
    if degree == 6:
        office.status, office.suspended_until = OfficeStatus.REVOKED, None
        office.status_decided_by, office.updated_at = decision.id, now
        return (
            f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: the licence of "
            f"office {office.code} is revoked (Article 23, degree 6)"
        )
    assert months is not None
    until = add_jalali_months(final_on, months)
    if office.status == "revoked":
        return (
            f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: office "
            f"{office.code} is revoked already; the suspension changes nothing"
        )
    if office.status == "closed":
        # A closed office has no licence in use to suspend, and the suspension's end would make
        # it active again (storage/statuses.py refuses closed -> suspended).
        return (
            f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: office "
            f"{office.code} is closed; the suspension changes nothing"
        )
    if (
        office.status == "suspended"
        and office.suspended_until is not None
        and office.suspended_until > until
    ):
        return (
            f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: office "
            f"{office.code} is suspended already until "
            f"{format_jalali_numeric(office.suspended_until)}, later than this suspension's "
            f"{format_jalali_numeric(until)}; that stands"
        )
    office.status, office.suspended_until = OfficeStatus.SUSPENDED, until
    office.status_decided_by, office.updated_at = decision.id, now
    return (
        f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: office "
        f"{office.code} is suspended for {months} months, until {format_jalali_numeric(until)} "
        "(Article 23, degree 5)"
    )
