"""SQLite on the event loop's own thread: the standard `sqlite3` module as SQLAlchemy's async DBAPI.

aiosqlite runs every call on a thread of its own and hands each statement, fetch, commit and
rollback across with a future: about 34 hand-offs for one update of the hot path, each dearer than
the statement it carries (a local SQLite statement takes microseconds). Here the statements run
inline, on the loop's thread. That is safe because the waits SQLite can make are ours to schedule:
its own busy timeout is zero, and a statement that finds the store locked outside a transaction
(a `BEGIN IMMEDIATE` while another process writes) is tried again after an `asyncio.sleep`, so the
loop goes on serving while it waits, up to the connection's `timeout`. Inside a transaction begun
IMMEDIATE the write lock is held, so no statement there waits on another writer.

The price: a long statement (a national year's report, seconds) holds the loop while it runs.
Within one process the store's transactions take turns anyway (`SerialSession`); PostgreSQL is the
store for deployments where reports that long meet heavy chat traffic.

Pass `DBAPI` as `create_async_engine(url, module=DBAPI)` with a `sqlite+aiosqlite://` URL: the
dialect stays SQLAlchemy's aiosqlite one, and only the connection underneath changes.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any

from sqlalchemy.util.concurrency import await_, in_greenlet

BUSY = ("database is locked", "database is busy")
FIRST_WAIT = 0.001
LONGEST_WAIT = 0.05


async def _passed() -> None:
    """Nothing, awaited: SQLAlchemy's async engine asks that each execution await once."""


def _pause(seconds: float) -> None:
    """Wait *seconds*, letting the event loop run meanwhile where we can."""
    if in_greenlet():
        await_(asyncio.sleep(seconds))
    else:
        time.sleep(seconds)


class InlineCursor(sqlite3.Cursor):
    """A cursor whose statements, refused for a lock outside a transaction, wait and retry."""

    connection: InlineConnection

    def execute(self, sql: str, parameters: Any = (), /) -> InlineCursor:
        """Run *sql*; a lock held elsewhere is waited out (outside a transaction only)."""
        if in_greenlet():
            await_(_passed())
        deadline: float | None = None
        wait = FIRST_WAIT
        while True:
            try:
                super().execute(sql, parameters)
                return self
            except sqlite3.OperationalError as error:
                if self.connection.in_transaction or str(error) not in BUSY:
                    raise
                now = time.monotonic()
                deadline = deadline if deadline is not None else now + self.connection.busy_wait
                if now >= deadline:
                    raise
                _pause(min(wait, deadline - now))
                wait = min(wait * 2, LONGEST_WAIT)

    async def _async_soft_close(self) -> None:
        """Nothing to do: the async connection's call after a result (rows stay fetchable)."""

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> InlineCursor:
        """Run *sql* once per parameter set (inside the caller's transaction)."""
        if in_greenlet():
            await_(_passed())
        super().executemany(sql, seq_of_parameters)
        return self


class InlineConnection(sqlite3.Connection):
    """An sqlite3 connection with the few members SQLAlchemy's aiosqlite dialect reaches for."""

    busy_wait: float = 30.0

    def cursor(self, factory: Any = InlineCursor) -> Any:
        """A cursor that waits out another process's lock (see `InlineCursor`)."""
        return super().cursor(factory)

    @property
    def _connection(self) -> InlineConnection:
        # The dialect's `get_driver_connection` unwraps an adapter this way; there is none here.
        return self

    def terminate(self) -> None:
        """Close at once (the pool's hard close; nothing runs elsewhere to stop)."""
        self.close()


class InlineDBAPI:
    """The DBAPI module SQLAlchemy's aiosqlite dialect expects, made of `sqlite3` itself."""

    paramstyle = "qmark"
    has_stop = True  # the dialect may terminate a connection (`InlineConnection.terminate`)
    sqlite = sqlite3
    aiosqlite = None  # no aiosqlite underneath: the dialect then reports no driver version
    Binary = sqlite3.Binary
    PARSE_COLNAMES = sqlite3.PARSE_COLNAMES
    PARSE_DECLTYPES = sqlite3.PARSE_DECLTYPES
    sqlite_version = sqlite3.sqlite_version
    sqlite_version_info = sqlite3.sqlite_version_info
    DatabaseError = sqlite3.DatabaseError
    Error = sqlite3.Error
    IntegrityError = sqlite3.IntegrityError
    NotSupportedError = sqlite3.NotSupportedError
    OperationalError = sqlite3.OperationalError
    ProgrammingError = sqlite3.ProgrammingError
    InterfaceError = sqlite3.InterfaceError
    InternalError = sqlite3.InternalError
    DataError = sqlite3.DataError
    Warning = sqlite3.Warning

    @staticmethod
    def connect(database: str, *, timeout: float = 30.0, **kwargs: Any) -> InlineConnection:
        """Open *database*; *timeout* is how long a statement waits out another's lock."""
        kwargs.pop("async_creator_fn", None)
        connection = sqlite3.connect(database, timeout=0, factory=InlineConnection, **kwargs)
        assert isinstance(connection, InlineConnection)
        connection.busy_wait = float(timeout)
        return connection


DBAPI = InlineDBAPI()
