"""SQLite in line on the event loop (`storage.sqlite_inline`): another process's lock is waited
out with the loop still serving, and a lock held past the timeout is refused, nothing written."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.database import open_engine


async def _store(tmp_path: Path, timeout: float) -> tuple[str, AsyncEngine]:
    path = tmp_path / "locked.db"
    engine = open_engine(f"sqlite+aiosqlite:///{path}", connect_args={"timeout": timeout})
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE said (word TEXT)"))
    return str(path), engine


async def _ticks_while(work: asyncio.Task[None]) -> int:
    ticks = 0
    while not work.done():
        await asyncio.sleep(0.01)
        ticks += 1
    return ticks


async def test_a_lock_held_elsewhere_is_waited_for_while_the_loop_runs(tmp_path: Path) -> None:
    path, engine = await _store(tmp_path, timeout=10)
    other = sqlite3.connect(path, isolation_level=None)  # another process, as far as SQLite knows
    other.execute("BEGIN IMMEDIATE")

    async def write() -> None:
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO said VALUES ('salaam')"))

    work = asyncio.create_task(write())
    asyncio.get_running_loop().call_later(0.3, other.commit)
    ticks = await _ticks_while(work)
    await work
    # The loop went on ticking for the whole 0.3 s wait (a blocking wait would give 0 or 1).
    assert ticks >= 10
    assert other.execute("SELECT word FROM said").fetchall() == [("salaam",)]
    other.close()
    await engine.dispose()


async def test_a_lock_held_past_the_timeout_is_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path, engine = await _store(tmp_path, timeout=0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(OperationalError, match="database is locked"):
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO said VALUES ('salaam')"))
    other.commit()
    assert other.execute("SELECT count(*) FROM said").fetchone() == (0,)
    other.close()
    await engine.dispose()
