"""Putting Daftar together: the store, the registry of flows, the engine."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.engine.engine import Clock, Engine, system_clock
from bot.flows import about, complaint, eligibility, manager, manager_statement, menu, staff
from bot.flows.registry import Registry
from storage.database import is_sqlite, migrate, open_engine, session_factory


def build_registry() -> Registry:
    """Every flow and action button Daftar has, in menu order."""
    registry = Registry()
    menu.register(registry)
    complaint.register(registry)
    eligibility.register(registry)
    manager.register(registry)
    manager_statement.register(registry)
    about.register(registry)
    staff.register(registry)  # after manager: its deep link (staff-CODE) is tried first
    return registry


@dataclass
class App:
    """An opened store and the engine working on it."""

    db: AsyncEngine
    engine: Engine

    async def close(self) -> None:
        """Release the store's connections."""
        await self.db.dispose()


async def open_app(
    settings: Settings,
    database_url: str | None = None,
    *,
    registry: Registry | None = None,
    clock: Clock = system_clock,
    upgrade: bool | None = None,
) -> App:
    """Open the store (upgrading an embedded SQLite store first) and build the engine."""
    url = database_url or settings.database_url
    db = open_engine(url)
    if upgrade if upgrade is not None else is_sqlite(url):
        await migrate(db)
    engine = Engine(
        sessions=session_factory(db),
        settings=settings,
        registry=registry or build_registry(),
        clock=clock,
    )
    return App(db=db, engine=engine)
