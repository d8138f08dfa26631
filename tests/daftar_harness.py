"""Running Daftar in-process against the fake Bot API server, and crashing it on purpose."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from typing import Any

from bot.app import App, build_registry, open_app
from bot.app.serve import Server
from bot.config import Settings
from bot.flows.registry import Registry
from tests.fakebotapi import FakeBotApi
from tests.support import Probe


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def probe_registry() -> Registry:
    """The product's flows, and the end-to-end probe."""
    registry = build_registry()
    registry.add_flow(Probe())
    return registry


@dataclass
class Daftar:
    """One running Daftar process (in this event loop)."""

    server: Server
    app: App

    async def stop(self) -> None:
        """Stop as on SIGTERM: finish what is in hand, close cleanly."""
        await self.server.stop()
        await self.app.close()

    async def crash(self) -> None:
        """Die at once, as on SIGKILL: every task cancelled wherever it stands, nothing tidied."""
        working = [task for r in self.server.runners.values() for task in r._working.values()]
        for task in [*working, *self.server._tasks]:
            task.cancel()
        # A killed process runs nothing more: wait until every cancelled task is really gone.
        await asyncio.gather(*working, *self.server._tasks, return_exceptions=True)
        if self.server._site is not None:
            await self.server._site.cleanup()
        if self.server._ops is not None:
            await self.server._ops.cleanup()
        for runner in self.server.runners.values():
            await runner.transport.close()
        await self.app.close()


def settings_for(
    api: FakeBotApi, database_url: str, *, framework: str, mode: str, **extra: Any
) -> Settings:
    platform = api.platform
    values: dict[str, Any] = {
        "database_url": database_url,
        f"{platform}_token": api.token,
        f"{platform}_api_url": api.base_url,
        f"{platform}_framework": framework,
        "poll_timeout": 1,
        "inbox_lease_seconds": 2,
        "resend_every_seconds": 0.5,
    }
    if mode == "webhook":
        port = free_port()
        values["webhook_base_url"] = f"http://127.0.0.1:{port}"
        values["webhook_listen"] = f"127.0.0.1:{port}"
    values.update(extra)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def start_daftar(settings: Settings, registry: Registry | None = None) -> Daftar:
    app = await open_app(settings, registry=registry or probe_registry(), upgrade=True)
    server = Server(settings, app)
    await server.start()
    return Daftar(server, app)
