"""Fresh stores for the suite, made fast: each test's store is a copy of one migrated store.

Migrating a new store from nothing runs every Alembic revision, about half a second on SQLite and
a second on PostgreSQL, and dropping a PostgreSQL database forces a checkpoint, about another
second. With hundreds of tests on each store that was a third of the suite's time. So the suite
migrates one template per store kind once, gives each test a copy (a file copy on SQLite,
`CREATE DATABASE … TEMPLATE` on PostgreSQL), and drops the PostgreSQL copies on a thread of
their own while the next tests run. A test that needs a store with no schema at all (the
migration stairway) asks for one with `empty=True`.
"""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import text

from storage.database import migrate, open_engine


def _run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run *coroutine* to its end on an event loop of its own (the test's may be running)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


async def _migrate(url: str) -> None:
    engine = open_engine(url)
    try:
        await migrate(engine)
    finally:
        await engine.dispose()


async def _admin(server_url: str, statement: str) -> None:
    engine = open_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


class SqliteStores:
    """SQLite files: a copy of one migrated file, made on first use."""

    def __init__(self, folder: Path) -> None:
        self._template = folder / "migrated.db"
        self._made = False

    def new(self, path: Path, *, empty: bool = False) -> str:
        """The URL of a new store at *path*: migrated, or with no schema when *empty*."""
        if not empty:
            if not self._made:
                _run(_migrate(f"sqlite+aiosqlite:///{self._template}"))
                self._made = True
            shutil.copyfile(self._template, path)
        return f"sqlite+aiosqlite:///{path}"


class PostgresStores:
    """PostgreSQL databases of their own on the server of *server_url*: each a copy of one
    migrated template database, dropped in the background after its test."""

    def __init__(self, server_url: str) -> None:
        self._server = server_url
        self._base = server_url.rpartition("/")[0]
        self._template: str | None = None
        self._dropper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drop-database")
        self._drops: list[Future[None]] = []

    async def new(self, *, empty: bool = False) -> str:
        """The URL of a new database: migrated, or with no schema when *empty*."""
        if not empty and self._template is None:
            template = f"daftar_template_{uuid.uuid4().hex[:12]}"
            await _admin(self._server, f'CREATE DATABASE "{template}"')
            await _migrate(f"{self._base}/{template}")
            self._template = template
        name = f"daftar_test_{uuid.uuid4().hex[:12]}"
        source = "" if empty else f' TEMPLATE "{self._template}"'
        await _admin(self._server, f'CREATE DATABASE "{name}"{source}')
        return f"{self._base}/{name}"

    def drop(self, url: str) -> None:
        """Drop the database of *url* on the dropper's thread (FORCE closes what a test left)."""
        name = url.rpartition("/")[2]
        statement = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        self._drops.append(self._dropper.submit(asyncio.run, _admin(self._server, statement)))

    def close(self) -> None:
        """Wait for the pending drops, then drop the template."""
        for drop in self._drops:
            drop.result()
        self._dropper.shutdown()
        if self._template is not None:
            _run(_admin(self._server, f'DROP DATABASE IF EXISTS "{self._template}" WITH (FORCE)'))
