"""`daftar run`'s operations endpoints, on `DAFTAR_OPS_LISTEN`: health, readiness, metrics.

- `/healthz`: 200 while the process serves its event loop (alive).
- `/readyz`: 200 when the store answers and every platform's getMe succeeded at start, else 503;
  a JSON body says which, with the inbox's and the outbox's backlogs and their oldest ages.
- `/metrics`: Prometheus's text format: what this process counted (`bot/handlers/metrics.py`),
  and what the store holds, read at the scrape.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.handlers.metrics import BACKLOG, BACKLOG_AGE, COMPLAINTS, REGISTRY, UNDELIVERABLE
from storage import complaints, inbox, outbox

logger = logging.getLogger(__name__)

STORE_TIMEOUT = 3.0


def application(
    sessions: async_sessionmaker[AsyncSession],
    started: Callable[[], Mapping[str, bool]],
    clock: Callable[[], datetime],
) -> web.Application:
    """The endpoints; *started* says, by platform, whether its getMe succeeded at start."""

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"alive": True})

    async def readyz(_request: web.Request) -> web.Response:
        platforms = dict(started())
        body: dict[str, Any] = {"platforms": platforms}
        try:
            async with asyncio.timeout(STORE_TIMEOUT):
                body["backlog"] = await _backlog(sessions, clock())
            body["store"] = "reachable"
        except Exception as error:  # any failure to reach the store means not ready
            body["store"] = f"unreachable: {type(error).__name__}"
        ready = body["store"] == "reachable" and bool(platforms) and all(platforms.values())
        body["ready"] = ready
        return web.json_response(body, status=200 if ready else 503)

    async def metrics(_request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(STORE_TIMEOUT):
                await _store_figures(sessions, clock())
        except Exception as error:  # the process's own counters are still worth a scrape
            logger.warning("metrics: the store's figures not read: %s", error)
        return web.Response(
            body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    return app


async def _backlog(
    sessions: async_sessionmaker[AsyncSession], now: datetime
) -> dict[str, dict[str, float]]:
    """Each queue's rows waiting and the age of its oldest, in seconds."""
    async with sessions() as session:
        queues = {"inbox": await inbox.backlog(session), **await outbox.backlog(session)}
    return {
        name: {
            "waiting": waiting.count,
            "oldest_seconds": round((now - waiting.oldest).total_seconds(), 3)
            if waiting.oldest is not None
            else 0.0,
        }
        for name, waiting in queues.items()
    }


async def _store_figures(sessions: async_sessionmaker[AsyncSession], now: datetime) -> None:
    queues = await _backlog(sessions, now)
    for name in ("inbox", "reply", "notice"):
        figures = queues.get(name, {"waiting": 0, "oldest_seconds": 0.0})
        BACKLOG.labels(name).set(figures["waiting"])
        BACKLOG_AGE.labels(name).set(figures["oldest_seconds"])
    async with sessions() as session:
        UNDELIVERABLE.set(await outbox.undeliverable_notices(session))
        COMPLAINTS.set(await complaints.count_filed(session))
