"""The monthly report to the Directorate: the service's schedule, not the directive's.

The directive has the Association report its inspections, its performance and the complaints
to the Directorate (Art. 15(b), (c), (e)), which supervises (Art. 9(d)); it sets no calendar.
So when and what is configuration (`bot/config.py`): with `monthly_report` on, from
`monthly_report_hour` on the first day of each Jalali month (in the configured zone), the
previous month's report of each of `monthly_report_scope_names` goes to every chat linked to
the directorate role, each in its chat's language (`report_delivery.deliver`).

The default is the national report alone: it holds every province's figures already, and one
more pair of files per Association each month, to the same few chats, would be noise; a
deployment that wants them sets `monthly_report_scopes=national,associations`.

Once per month and scope, whatever restarts or processes: a `ScheduledReport` row (keyed by the
period and the scope) is written in the transaction that queues the report, by an insert that
does nothing when another process wrote it first. A missed first day (the bot was down) is made
up on the next tick within that month; a month already past is never sent. The first tick of a
scope records its previous month as `before_first_run` and sends nothing, so a new install is not
flooded with the months before it ran. With no chat linked to the role, the month is recorded as
`no_chat` and the log says so, once.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.documents.report_delivery import Chat, deliver, directorate_chats, remove
from bot.domain.report_periods import previous_month
from bot.domain.reports import Period, scope_named
from bot.text.jalali import format_stored_date, today_in
from storage import scheduled_reports as store
from storage.scheduled_reports import Outcome

logger = logging.getLogger(__name__)


async def send_monthly_reports(session: AsyncSession, settings: Settings, now: datetime) -> None:
    """Queue the previous month's reports that are due and not yet written (a DueWork of
    bot/app/periodic.py: in its transaction)."""
    if not settings.monthly_report:
        return
    today = today_in(settings.zone, now)
    if int(today.day) == 1 and now.astimezone(settings.zone).hour < settings.monthly_report_hour:
        return  # from the hour on the 1st, the report is due all month
    period = previous_month(today)
    month = format_stored_date(period.first)[:7]
    sent = 0
    # Every file written in this transaction: a failure rolls back every scope's rows together.
    written: list[Path] = []
    try:
        for name in settings.monthly_report_scope_names:
            sent += await _send(session, settings, now, period, name, written)
    except BaseException:
        remove(written)
        raise
    if sent:
        logger.info("monthly report %s: queued to %d chats", month, sent)


async def _send(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    period: Period,
    name: str,
    written: list[Path],
) -> int:
    """The report of *period* and the scope *name*, if due: how many chats it was queued to."""
    if await store.written(session, period.first, period.last, name):
        return 0
    chats: list[Chat] = []
    if not await store.any_of_scope(session, name):
        outcome = Outcome.BEFORE_FIRST_RUN
    else:
        chats = await directorate_chats(session, settings)
        outcome = Outcome.SENT if chats else Outcome.NO_CHAT
    if not await store.claim(session, period.first, period.last, name, outcome, len(chats), now):
        return 0  # another process wrote it first
    month = format_stored_date(period.first)[:7]
    if outcome is Outcome.BEFORE_FIRST_RUN:
        logger.info(
            "monthly report %s %s: the schedule begins; the next month's is sent", month, name
        )
        return 0
    if outcome is Outcome.NO_CHAT:
        logger.warning(
            "monthly report %s %s: no chat is linked to the directorate role; nothing sent",
            month,
            name,
        )
        return 0
    scope = scope_named(name, settings)
    await deliver(session, settings, now, period, scope, chats, written, monthly=True)
    return len(chats)
