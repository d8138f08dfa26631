"""Opening the store: an async engine and session factory, and bringing the schema up to date.

SQLite (the default) runs in WAL mode with every transaction begun IMMEDIATE, so two writers
queue for the lock instead of deadlocking on an upgrade from a read lock; its statements run on
the event loop's thread (`storage.sqlite_inline`), not on aiosqlite's. PostgreSQL is reached
through asyncpg by URL.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession

from storage.sqlite_inline import DBAPI as SQLITE_INLINE

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"


def is_sqlite(url: str) -> bool:
    """Whether *url* names an SQLite store."""
    return url.startswith("sqlite")


def open_engine(url: str, *, connect_args: Mapping[str, Any] | None = None) -> AsyncEngine:
    """Create the async engine for *url*, with SQLite's pragmas and IMMEDIATE transactions."""
    if is_sqlite(url):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url, module=SQLITE_INLINE, connect_args={"timeout": 30, **(connect_args or {})}
        )
        _make_sqlite_immediate(engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True, connect_args=dict(connect_args or {}))


def _make_sqlite_immediate(engine: AsyncEngine) -> None:
    """Let SQLAlchemy, not the driver, begin transactions, and begin them IMMEDIATE."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own implicit BEGIN would be DEFERRED; turn it off and issue ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # No busy_timeout: SQLite's own wait would sleep on the loop's thread. The connection
        # waits out a lock with asyncio instead (`sqlite_inline`, up to `timeout`).
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # On the driver's cursor: SQLAlchemy's execution of a statement costs more than the BEGIN
        # itself, on every transaction. Its error is raised as SQLAlchemy's, as an execution's.
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise DBAPIError.instance("BEGIN IMMEDIATE", (), error, sqlite3.Error) from error


class _TaskLock:
    """An asyncio lock its holding task may take again (a nested session must not hang here)."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None
        self._depth = 0

    async def acquire(self) -> None:
        task = asyncio.current_task()
        if self._owner is task and task is not None:
            self._depth += 1
            return
        await self._lock.acquire()
        self._owner, self._depth = task, 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._owner = None
            self._lock.release()


class SerialSession(AsyncSession):
    """A session that holds the process's turn on an SQLite store from `async with` to exit.

    Every SQLite transaction here is IMMEDIATE, so they run one at a time anyway; queueing them
    on an asyncio lock hands the turn over at once, where SQLite's busy handler would make the
    waiters poll and sleep (and exhaust the connection pool under load).
    """

    def __init__(self, *args: Any, turn: _TaskLock, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._turn = turn

    async def __aenter__(self) -> SerialSession:
        await self._turn.acquire()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        try:
            await super().__aexit__(*exc)
        finally:
            self._turn.release()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit; on SQLite, one at a time."""
    if engine.dialect.name == "sqlite":
        return async_sessionmaker(
            engine, class_=SerialSession, expire_on_commit=False, turn=_TaskLock()
        )
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, pointing at the migrations shipped in this package."""
    # Imported here: Alembic (~9 MB) is for migrating, not for serving.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


async def migrate(engine: AsyncEngine, revision: str = "head", *, down: bool = False) -> None:
    """Upgrade (or downgrade) the schema of *engine*'s store to *revision*."""
    from alembic import command

    def _run(connection: Connection) -> None:
        config = alembic_config(connection)
        if down:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(_run)
    logger.debug("schema at %s", revision)


def shown_url(url: str) -> str:
    """*url* as it may be printed: its password hidden."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


async def schema_revisions(engine: AsyncEngine) -> tuple[str | None, str]:
    """The revision *engine*'s store is at (None: no schema) and the newest this release ships;
    raises if the store cannot be reached."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    def current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    newest = ScriptDirectory.from_config(alembic_config()).get_current_head()
    async with engine.connect() as connection:
        at = await connection.run_sync(current)
    return at, str(newest)
