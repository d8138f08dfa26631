"""A round-robin load balancer for tests and benchmarks: webhook posts to several processes.

Each POST goes to the next target in turn; a target that refuses the connection (a killed
process) is skipped for the next, as a load balancer's health check would, and the post is
answered by the first target that takes it, or 502 when none does.
"""

from __future__ import annotations

import itertools
from collections import Counter
from types import TracebackType

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from tests.daftar_harness import free_port


class RoundRobin:
    """Forwards every request under / to *targets* (base URLs) in turn."""

    def __init__(self, targets: list[str], *, timeout: float = 10.0) -> None:
        self.targets = targets
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.forwarded: Counter[str] = Counter()  # target → posts it answered
        self._next = itertools.cycle(range(len(targets)))
        self._timeout = ClientTimeout(total=timeout)
        self._client: ClientSession | None = None
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> RoundRobin:
        self._client = ClientSession(timeout=self._timeout)
        application = web.Application()
        application.router.add_route("*", "/{path:.*}", self._forward)
        self._runner = web.AppRunner(application, handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def __aexit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _trace: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._client is not None:
            await self._client.close()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._client is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host",)}
        first = next(self._next)
        for step in range(len(self.targets)):
            target = self.targets[(first + step) % len(self.targets)]
            try:
                async with self._client.request(
                    request.method, target + request.path_qs, data=body, headers=headers
                ) as answer:
                    content = await answer.read()
                    self.forwarded[target] += 1
                    return web.Response(
                        status=answer.status, body=content, content_type=answer.content_type
                    )
            except (ClientError, TimeoutError):
                continue  # a dead process: the next one takes it
        return web.Response(status=502, text="no target answered")
