"""`daftar doctor` (issue #15): a line a check, `ok` or `FAILED`, exit 1 on any failure, and no
secret printed, against the fake Bot API server, a store, and a stand-in for Redis."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.database import migrate, open_engine
from tests.fakebotapi import FakeBotApi


async def _doctor(cwd: Path, **env: str) -> tuple[int, list[str]]:
    quiet = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "doctor",
        cwd=cwd,
        env={**quiet, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await process.communicate()
    return int(process.returncode or 0), out.decode().splitlines()


@pytest.fixture
async def redis_port() -> AsyncIterator[int]:
    """A stand-in that answers PING as Redis does."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while line := await reader.readline():
            writer.write(b"+PONG\r\n" if line.strip() == b"PING" else b"-ERR unknown\r\n")
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    yield int(server.sockets[0].getsockname()[1])
    server.close()


async def _store(path: Path, revision: str = "head") -> str:
    url = f"sqlite+aiosqlite:///{path}"
    engine = open_engine(url)
    await migrate(engine, revision)
    await engine.dispose()
    return url


def _line(lines: list[str], name: str) -> str:
    [found] = [line for line in lines if line.split(None, 1)[1].startswith(f"{name}:")]
    return found


async def test_a_sound_deployment_is_all_ok(tmp_path: Path, redis_port: int) -> None:
    async with FakeBotApi(platform="telegram") as api:
        status, lines = await _doctor(
            tmp_path,
            DAFTAR_DATABASE_URL=await _store(tmp_path / "ok.db"),
            DAFTAR_TELEGRAM_TOKEN=api.token,
            DAFTAR_TELEGRAM_API_URL=api.base_url,
            DAFTAR_REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        )
    assert status == 0, lines
    assert [line.split()[0] for line in lines] == ["ok"] * 5, lines
    assert "the newest" in _line(lines, "store")
    assert "getMe: @" in _line(lines, "telegram")
    assert "none set (polling)" in _line(lines, "telegram webhook")
    assert "answers PING" in _line(lines, "redis")
    assert api.token not in "\n".join(lines)


async def test_each_failure_is_named_and_the_exit_status_says_so(tmp_path: Path) -> None:
    old = await _store(tmp_path / "old.db", "0021_report_indexes")
    async with FakeBotApi(platform="telegram") as api:
        api.fail("getMe", times=5, status=401, description="Unauthorized")
        status, lines = await _doctor(
            tmp_path,
            DAFTAR_DATABASE_URL=old,
            DAFTAR_TELEGRAM_TOKEN=api.token,
            DAFTAR_TELEGRAM_API_URL=api.base_url,
            DAFTAR_REDIS_URL="redis://:hidden-pass@127.0.0.1:1/0",  # nothing listens on port 1
        )
    assert status == 1
    store, telegram, redis = (_line(lines, n) for n in ("store", "telegram", "redis"))
    assert store.startswith("FAILED") and "0021_report_indexes" in store and "db upgrade" in store
    assert telegram.startswith("FAILED") and "Unauthorized" in telegram
    assert redis.startswith("FAILED")
    shown = "\n".join(lines)
    assert api.token not in shown and "hidden-pass" not in shown


async def test_an_absent_store_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "absent.db"
    status, lines = await _doctor(tmp_path, DAFTAR_DATABASE_URL=f"sqlite+aiosqlite:///{missing}")
    assert status == 1 and "no such file" in _line(lines, "store")
    assert not missing.exists()
