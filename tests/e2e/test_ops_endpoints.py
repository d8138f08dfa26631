"""`daftar run`'s /healthz, /readyz and /metrics on DAFTAR_OPS_LISTEN (issue #15): alive, ready
when the store answers and the platform was met, and the counters a scrape reads; a stopped
database makes the process not ready."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest

from tests.conftest import POSTGRES_URL
from tests.daftar_harness import Daftar, free_port, settings_for, start_daftar
from tests.fakebotapi import FakeBotApi
from tests.stores import _admin

CHAT = 4646
HELP = "«دفتر» در کارهای مربوط"


@dataclass
class Running:
    api: FakeBotApi
    daftar: Daftar
    base: str
    database_url: str

    async def get(self, path: str) -> tuple[int, str]:
        async with aiohttp.ClientSession() as http, http.get(self.base + path) as answer:
            return answer.status, await answer.text()

    async def counted(self, name: str, **labels: str) -> float:
        _status, text = await self.get("/metrics")
        wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
        found = re.search(rf"^{name}\{{{re.escape(wanted)}\}} (\S+)$", text, re.M)
        return float(found[1]) if found else 0.0


@pytest.fixture
async def running(database_url: str) -> AsyncIterator[Running]:
    async with FakeBotApi(platform="telegram") as api:
        port = free_port()
        settings = settings_for(
            api, database_url, framework="direct", mode="polling", ops_listen=f"127.0.0.1:{port}"
        )
        daftar = await start_daftar(settings)
        try:
            yield Running(api, daftar, f"http://127.0.0.1:{port}", database_url)
        finally:
            await daftar.stop()


async def test_alive_ready_and_counted(running: Running) -> None:
    assert await running.get("/healthz") == (200, '{"alive": true}')
    handled = await running.counted("daftar_updates_total", platform="telegram", outcome="handled")
    sent = await running.counted("daftar_sends_total", platform="telegram", outcome="sent")
    waits = await running.counted("daftar_sends_total", platform="telegram", outcome="retry_after")
    running.api.fail("sendMessage", times=1, status=429, retry_after=1)
    running.api.send_command(CHAT, "help")
    await running.api.wait_until(
        lambda: any(HELP in str(m.get("text", "")) for m in running.api.messages_to(CHAT)),
        timeout=10,
    )
    status, body = await running.get("/readyz")
    assert status == 200, body
    assert '"ready": true' in body and '"telegram": true' in body and '"inbox"' in body
    labels = {"platform": "telegram"}
    assert await running.counted("daftar_updates_total", outcome="handled", **labels) == handled + 1
    assert await running.counted("daftar_sends_total", outcome="sent", **labels) == sent + 1
    assert await running.counted("daftar_sends_total", outcome="retry_after", **labels) == waits + 1
    _status, text = await running.get("/metrics")
    assert 'daftar_backlog{queue="reply"} 0.0' in text
    assert re.search(r"^daftar_complaints_filed \S+$", text, re.M)
    assert re.search(r"^daftar_notices_undeliverable \S+$", text, re.M)
    assert 'daftar_update_handling_seconds_bucket{le="10.0",platform="telegram"}' in text
    assert re.search(r'^daftar_rate_limit_wait_seconds_total\{platform="telegram"\}', text, re.M)


async def test_a_stopped_database_is_not_ready(running: Running) -> None:
    if not running.database_url.startswith("postgresql"):
        pytest.skip("an SQLite store is a file: there is no database server to stop")
    assert POSTGRES_URL is not None
    name = running.database_url.rpartition("/")[2]
    assert (await running.get("/readyz"))[0] == 200
    # As a stopped server looks to this process: its connections gone, and no new one taken.
    await _admin(POSTGRES_URL, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
    await _admin(
        POSTGRES_URL,
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'",
    )
    try:
        status, body = await running.get("/readyz")
        assert status == 503, body
        assert '"ready": false' in body and "unreachable" in body
        assert (await running.get("/healthz"))[0] == 200  # alive all the same
    finally:
        await _admin(POSTGRES_URL, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
