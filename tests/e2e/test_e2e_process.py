"""`daftar run` as a real process on the fake Bot API server: signals, kills, both platforms."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.daftar_harness import free_port
from tests.fakebotapi import FakeBotApi
from tests.processes import Process

CHAT = 5151


def environment(apis: list[FakeBotApi], tmp_path: Path, *, webhook: bool) -> dict[str, str]:
    env = {
        "DAFTAR_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
        "DAFTAR_POLL_TIMEOUT": "1",
        "DAFTAR_LOG_LEVEL": "INFO",
    }
    for api in apis:
        prefix = f"DAFTAR_{api.platform.upper()}"
        env[f"{prefix}_TOKEN"] = api.token
        env[f"{prefix}_API_URL"] = api.base_url
    if webhook:
        port = free_port()
        env["DAFTAR_WEBHOOK_BASE_URL"] = f"http://127.0.0.1:{port}"
        env["DAFTAR_WEBHOOK_LISTEN"] = f"127.0.0.1:{port}"
    return env


@pytest.fixture
async def both() -> AsyncIterator[tuple[FakeBotApi, FakeBotApi]]:
    async with FakeBotApi(platform="telegram") as telegram, FakeBotApi(platform="bale") as bale:
        yield telegram, bale
        telegram.assert_no_violations()
        bale.assert_no_violations()


async def test_both_platforms_in_one_process_and_sigterm_stops_cleanly(
    both: tuple[FakeBotApi, FakeBotApi], tmp_path: Path
) -> None:
    telegram, bale = both
    daftar = Process(environment([telegram, bale], tmp_path, webhook=False), tmp_path / "log")
    await daftar.start()
    started = time.monotonic()
    for api in (telegram, bale):
        api.send_command(CHAT, "start")
    for api in (telegram, bale):
        await api.wait_for_message(CHAT, timeout=30)
        assert "خوش آمدید" in str(api.messages_to(CHAT)[0]["text"])
    assert time.monotonic() - started < 30
    assert await daftar.signal(signal.SIGTERM) == 0
    log = daftar.text()
    # Both through the default transport: the Bot API's JSON itself (issue #14).
    assert "platform=telegram framework=direct mode=polling bot=@daftar_test_bot" in log
    assert "platform=bale framework=direct mode=polling bot=@daftar_bale_bot" in log
    assert "Traceback" not in log


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_a_killed_process_loses_no_update(tmp_path: Path, webhook: bool) -> None:
    # Like the real platforms, the fake keeps redelivering to a webhook that does not answer.
    async with FakeBotApi(
        platform="telegram", webhook_attempts=200, webhook_retry_delay=0.2
    ) as telegram:
        await _kill_and_restart(telegram, tmp_path, webhook)
        telegram.assert_no_violations()


async def _kill_and_restart(telegram: FakeBotApi, tmp_path: Path, webhook: bool) -> None:
    env = environment([telegram], tmp_path, webhook=webhook)
    daftar = Process(env, tmp_path / "log")
    await daftar.start()
    telegram.send_command(CHAT, "start")
    await telegram.wait_for_message(CHAT, timeout=30)
    # Many updates, then SIGKILL while they are being taken in and handled.
    for n in range(20):
        telegram.send_command(CHAT, "help" if n % 2 else "menu")
    await telegram.wait_for_message(CHAT, count=3, timeout=30)
    assert await daftar.signal(signal.SIGKILL) == -signal.SIGKILL
    again = Process(env, tmp_path / "log")
    await again.start()
    await telegram.wait_for_message(CHAT, count=21, timeout=60)
    await asyncio.sleep(1.0)
    texts = [str(m["text"]) for m in telegram.messages_to(CHAT)]
    # Every update answered; none twice except where the kill fell between send and record.
    assert 21 <= len(texts) <= 23
    assert await again.signal(signal.SIGTERM) == 0
