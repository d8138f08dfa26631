"""The application's clock (bot/app/periodic.py): due work runs alone; a failure stops no other;
among processes on one PostgreSQL store, one does each piece at a time."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App, open_app
from bot.app.periodic import DUE_WORK, DueWork, Periodic
from bot.config import Settings
from bot.flows.registry import Registry
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


async def test_two_processes_on_one_store_do_each_piece_of_due_work_once_at_a_time(
    app: App,
    database_url: str,
    settings: Settings,
    registry: Registry,
    sender: RecordingSender,
) -> None:
    """Two processes' clocks tick together: on PostgreSQL one of them settles, the other finds
    the turn taken and goes on (on SQLite one process serves the store: its turn is its own)."""
    other = await open_app(settings, database_url, registry=registry, clock=app.engine.clock)
    ran: list[str] = []
    both_asked = asyncio.Barrier(2)

    def settling(name: str) -> DueWork:
        async def work(session: AsyncSession, settings: Settings, now: datetime) -> None:
            ran.append(name)
            await asyncio.sleep(0.5)  # long enough for the other's tick to ask meanwhile

        return work

    async def tick(engine_app: App, name: str) -> None:
        periodic = Periodic(
            engine_app.engine, settings, [], due_work=[("settling", settling(name))]
        )
        await both_asked.wait()
        await periodic.tick()

    try:
        await asyncio.gather(tick(app, "first"), tick(other, "second"))
    finally:
        await other.close()
    if database_url.startswith("postgresql"):
        assert len(ran) == 1, ran
    else:
        assert sorted(ran) == ["first", "second"]
