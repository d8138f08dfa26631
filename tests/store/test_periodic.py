"""The application's clock (bot/app/periodic.py): due work runs alone; a failure stops no other."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.app.periodic import DUE_WORK, Periodic
from bot.config import Settings
from tests.conftest import RecordingSender


def test_the_directive_deadlines_are_the_applications() -> None:
    assert [what for what, _ in DUE_WORK] == [
        "settling decisions",
        "reminding notices",
        "reminding service targets",
        "sending the monthly reports",
    ]


async def test_a_failing_deadline_leaves_the_next_one_and_the_sweeps_running(
    app: App, settings: Settings, sender: RecordingSender, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[str] = []

    async def broken(session: AsyncSession, settings: Settings, now: datetime) -> None:
        raise RuntimeError("the store said no")

    async def working(session: AsyncSession, settings: Settings, now: datetime) -> None:
        ran.append(now.isoformat())

    periodic = Periodic(
        app.engine,
        settings,
        [("test", sender)],
        due_work=[("breaking", broken), ("working", working)],
    )
    await periodic.tick()

    assert ran == [app.engine.clock().isoformat()]
    assert "breaking failed" in caplog.text
    assert periodic.rounds == 1


async def test_the_real_deadlines_run_on_an_empty_store(
    app: App, settings: Settings, sender: RecordingSender, caplog: pytest.LogCaptureFixture
) -> None:
    await Periodic(app.engine, settings, [("test", sender)]).tick()
    assert "failed" not in caplog.text
    assert sender.sent == []
