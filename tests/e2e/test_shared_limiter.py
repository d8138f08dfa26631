"""Two `daftar run` processes of one bot on one PostgreSQL store keep one rate limit (issue #15).

The limit is shared through Redis when `DAFTAR_REDIS_URL` is set, else through the store itself;
each way, a backlog of notices goes out through both processes at no more than
`DAFTAR_RATE_PER_SECOND` in any second, as the platform (the fake Bot API server) counted them on
arrival, and a 429 answered to one process holds the other back for its `retry_after` too.
"""

from __future__ import annotations

import asyncio
import signal
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest

from tests.daftar_harness import free_port
from tests.fakebotapi import FakeBotApi
from tests.processes import Process, queue_notices

RATE = 10
# More than one dispatcher claims in a round (200), so that both processes hold some to send.
NOTICES = 230
CHATS = list(range(880_001, 880_001 + NOTICES))
RETRY_AFTER = 3


async def sent_by(ops: str) -> float | None:
    """The process's count of sends that went (its /metrics), None while it does not answer."""
    try:
        async with aiohttp.ClientSession() as http, http.get(f"http://{ops}/metrics") as answer:
            text = await answer.text()
    except aiohttp.ClientError:
        return None
    return counted(text, "sent")


def counted(metrics: str, outcome: str) -> float:
    for line in metrics.splitlines():
        wanted = f'outcome="{outcome}"' in line and 'platform="telegram"' in line
        if line.startswith("daftar_sends_total{") and wanted:
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def metrics_of(ops: str) -> str:
    async with aiohttp.ClientSession() as http, http.get(f"http://{ops}/metrics") as answer:
        return await answer.text()


async def until(condition: Callable[[], Awaitable[bool]], timeout: float, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"waited {timeout}s for {what}")
        await asyncio.sleep(0.1)


async def stop(process: Process) -> int | None:
    """SIGTERM, and the exit status (None: it had already died, as its log will say)."""
    assert process.proc is not None
    if process.proc.returncode is not None:
        return None
    return await process.signal(signal.SIGTERM)


@pytest.mark.parametrize("shared_by", ["redis", "postgres"])
async def test_two_processes_keep_one_rate_and_one_pause(
    shared_by: str, postgres_url: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    redis_url: str | None = request.getfixturevalue("redis_url") if shared_by == "redis" else None
    await queue_notices(postgres_url, [(chat, f"notice {chat}") for chat in CHATS])
    bot = uuid.uuid4().int % 10**9  # a bot of its own: nothing shared with another test's
    async with FakeBotApi(platform="telegram", token=f"{bot}:TEST") as api:
        base = {
            "DAFTAR_DATABASE_URL": postgres_url,
            "DAFTAR_TELEGRAM_TOKEN": api.token,
            "DAFTAR_TELEGRAM_API_URL": api.base_url,
            "DAFTAR_WEBHOOK_BASE_URL": "https://daftar.example",
            "DAFTAR_RATE_PER_SECOND": str(RATE),
            "DAFTAR_LOG_LEVEL": "INFO",
        }
        if redis_url:
            base["DAFTAR_REDIS_URL"] = redis_url
        ops = [f"127.0.0.1:{free_port()}" for _ in range(2)]
        processes = [
            Process(
                {
                    **base,
                    "DAFTAR_WEBHOOK_LISTEN": f"127.0.0.1:{free_port()}",
                    "DAFTAR_OPS_LISTEN": where,
                },
                tmp_path / f"daftar{n}.log",
            )
            for n, where in enumerate(ops)
        ]
        for process in processes:
            await process.start()
        try:

            async def both_sending() -> bool:
                counts = [await sent_by(where) for where in ops]
                return all(count for count in counts)

            # Mid-backlog, with both processes sending: the platform answers one call 429.
            await until(both_sending, 60, "both processes to send")
            api.fail("sendMessage", times=1, status=429, retry_after=RETRY_AFTER)

            def delivered() -> bool:
                return all(api.messages_to(chat) for chat in CHATS)

            await api.wait_until(delivered, timeout=120, description="every notice delivered")
            metrics = [await metrics_of(where) for where in ops]
        finally:
            codes = [await stop(process) for process in processes]
            for process in processes:  # shown when the test fails
                print(f"--- {process.log.name}\n{process.text()[-3000:]}")
        api.assert_no_violations()
        calls = api.calls_to("sendMessage")

    logs = [process.text() for process in processes]
    assert codes == [0, 0], logs
    for log in logs:
        assert "Traceback" not in log
        assert "cannot be reached" not in log  # the limit stayed shared throughout
    # Every notice delivered once, and both processes delivered some.
    for chat in CHATS:
        assert [m["text"] for m in api.messages_to(chat)] == [f"notice {chat}"]
    sent = [counted(text, "sent") for text in metrics]
    assert sum(sent) == NOTICES and min(sent) > 0, sent
    # One 429, answered to one process.
    assert sorted(counted(text, "retry_after") for text in metrics) == [0.0, 1.0]
    # Never more than the rate in any second, across both, as the platform counted on arrival.
    arrivals = [c.timestamp for c in calls]
    assert len(arrivals) == NOTICES + 1
    busiest = max(sum(start <= t < start + 1.0 for t in arrivals) for start in arrivals)
    assert busiest <= RATE
    # After the 429, neither process sent until its retry_after had passed: nothing from 0.5 s
    # after it was answered (what was already on its way may still arrive just after it) until
    # 0.1 s before the pause ended (for the store's clock against this one).
    [refused] = [c for c in calls if c.status == 429]
    assert refused.answered_at is not None
    during = [t - refused.answered_at for t in arrivals if 0.5 < t - refused.answered_at < 2.9]
    assert during == []
    assert any(t > refused.answered_at + RETRY_AFTER for t in arrivals)
