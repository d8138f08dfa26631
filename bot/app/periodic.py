"""The application's clock: work that falls due with time, not with an update.

Every `resend_every_seconds`: the directive's deadlines (decisions become final when their appeal
window closes, Art. 24; unacknowledged notices are reminded; complaints past the Association's
service targets, which are settings and not law, are reminded to the desk or reported to the
Directorate; on the first day of each Jalali month, the previous month's report goes to the
Directorate's chats, a setting too), then the sweeps of the spine
(replies and jobs a failure left pending are sent again; old update ids are forgotten now and
then). `daftar run` starts one `Periodic` beside its platforms; the transports know nothing of it.
With several processes on one PostgreSQL store each runs its own, and each piece of due work is
done by one of them at a time (storage/turns.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.documents.monthly_reports import send_monthly_reports
from bot.domain import service_targets
from bot.domain.settlement import settle
from bot.engine.engine import Engine
from bot.messages.sender import Sender
from bot.notices import managers as notice_service
from storage import turns

logger = logging.getLogger(__name__)

DueWork = Callable[[AsyncSession, Settings, datetime], Awaitable[None]]

#: Old update ids are forgotten every this many rounds.
PRUNE_EVERY_ROUNDS = 120


async def settle_decisions(session: AsyncSession, settings: Settings, now: datetime) -> None:
    """Decisions whose appeal window closed become final, and their sanctions take effect."""
    for done in await settle(session, settings, now):
        logger.info("settled: %s", done)


async def remind_notices(session: AsyncSession, settings: Settings, now: datetime) -> None:
    """Managers who have not acknowledged a notice are reminded (bounded)."""
    await notice_service.remind(session, settings, now)


async def remind_targets(session: AsyncSession, settings: Settings, now: datetime) -> None:
    """Complaints past the Association's service targets (not law) are reminded to its desk, and
    past the last one reported to the Directorate, once each."""
    told = await service_targets.remind(session, settings, now)
    if told:
        logger.info("service targets: %d complaints told of", told)


#: The directive's deadlines (and the Association's own targets), each in a transaction of its
#: own so one failure stops no other.
DUE_WORK: tuple[tuple[str, DueWork], ...] = (
    ("settling decisions", settle_decisions),
    ("reminding notices", remind_notices),
    ("reminding service targets", remind_targets),
    ("sending the monthly reports", send_monthly_reports),
)


class Periodic:
    """Runs the work that falls due, every `resend_every_seconds`, until cancelled.

    *senders* are (bot id, sender) pairs: the sweep leaves alone a chat whose updates that
    bot's inbox workers hold (None: no inbox to mind).
    """

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        senders: Sequence[tuple[str | None, Sender]],
        due_work: Sequence[tuple[str, DueWork]] = DUE_WORK,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.senders = senders
        self.due_work = due_work
        self.rounds = 0

    async def run_forever(self) -> None:
        """Tick every `resend_every_seconds`."""
        while True:
            await asyncio.sleep(self.settings.resend_every_seconds)
            await self.tick()

    async def tick(self) -> None:
        """One round: the directive's deadlines, then the sweeps."""
        self.rounds += 1
        for what, work in self.due_work:
            try:
                async with self.engine.sessions() as session, session.begin():
                    # With several processes on one store, one does each piece at a time: two
                    # at once would both find a decision due to settle, a notice due a reminder.
                    if await turns.take_turn(session, what):
                        await work(session, self.settings, self.engine.clock())
            except Exception:
                logger.exception("%s failed", what)
        grace = timedelta(seconds=self.settings.resend_after_seconds)
        for bot, sender in self.senders:
            try:
                await self.engine.delivery.send_pending(sender, older_than=grace, bot=bot)
                await self.engine.run_jobs(sender, older_than=grace)
            except Exception:
                logger.exception("%s: resending pending replies failed", sender.platform)
        if self.rounds % PRUNE_EVERY_ROUNDS == 0:
            await self.engine.prune()
