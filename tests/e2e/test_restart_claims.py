"""A reply's claim does not outlive its process (issue #15): on SQLite, one process serves the
store, so at start every claim it finds is a dead process's, and what it held goes at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from storage import outbox
from storage.database import open_engine, session_factory
from storage.models import OutboxMessage
from tests.daftar_harness import settings_for, start_daftar
from tests.fakebotapi import FakeBotApi

CHAT = 4343
HELP = "«دفتر» در کارهای مربوط"


async def test_a_reply_claimed_by_a_start_up_send_killed_in_flight_goes_at_the_next_start(
    tmp_path: Path,
) -> None:
    async with FakeBotApi(platform="telegram") as api:
        settings = settings_for(
            api, f"sqlite+aiosqlite:///{tmp_path / 'claims.db'}", framework="direct", mode="polling"
        )
        daftar = await start_daftar(settings)
        api.fail("sendMessage", times=1000, status=500)
        api.send_command(CHAT, "help")
        await api.wait_until(lambda: len(api.calls_to("sendMessage")) >= 2, timeout=20)
        await daftar.crash()  # the reply is committed, and unsent
        # The next start's send of it was in flight when that process was killed too: the row
        # is left claimed, with a lease of minutes.
        store = open_engine(settings.database_url)
        async with session_factory(store)() as session, session.begin():
            claimed = await outbox.claim_pending_replies(
                session,
                "telegram",
                datetime.now(UTC),
                older_than=timedelta(0),
                lease=timedelta(minutes=5),
            )
        await store.dispose()
        assert len(claimed) == 1
        api.clear_faults()
        daftar = await start_daftar(settings)
        try:
            # Well within the dead claim's five minutes: the reply is sent by this start.
            await api.wait_until(
                lambda: any(HELP in str(m.get("text", "")) for m in api.messages_to(CHAT)),
                timeout=10,
            )
            async with daftar.app.engine.sessions() as session:
                [row] = list(await session.scalars(select(OutboxMessage)))
        finally:
            await daftar.stop()
        assert row.status == "sent"
        assert sum(HELP in str(m.get("text", "")) for m in api.messages_to(CHAT)) == 1
