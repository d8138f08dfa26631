"""`daftar run`: every platform whose token is set, in one process, until SIGINT or SIGTERM.

Daftar owns the event loop and the signals; each platform goes through its transport (the direct
Bot API calls by default, or aiogram or python-telegram-bot, started and stopped through their own
lower-level calls). On a signal: stop taking updates, finish the ones in hand, close cleanly.

Each platform's rate limit is shared by every process of its bot (`limiter_for`): through Redis
when `DAFTAR_REDIS_URL` is set, else through the store when it is PostgreSQL; a bot that polls,
or one on SQLite, has one process, which keeps it in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import signal
from datetime import timedelta

from aiohttp import web

from bot.app import App, open_app, ops
from bot.app.periodic import Periodic
from bot.config import Settings
from bot.handlers import webhook
from bot.handlers.profiles import PROFILES
from bot.handlers.ratelimit import Limiter, RateLimiter
from bot.handlers.ratelimit_postgres import PostgresRateLimiter
from bot.handlers.runner import PlatformRunner
from bot.handlers.transport import PlatformSender, Transport
from bot.notices.dispatcher import Dispatcher
from storage import outbox
from storage.database import is_sqlite

logger = logging.getLogger(__name__)

FRAMEWORKS = {
    "direct": ("bot.handlers.direct_transport", "DirectTransport"),
    "aiogram": ("bot.handlers.aiogram_transport", "AiogramTransport"),
    "ptb": ("bot.handlers.ptb_transport", "PtbTransport"),
}


def transport_class(framework: str) -> type[Transport]:
    """The transport of *framework*, imported only when used (aiogram and ptb are heavy)."""
    module, name = FRAMEWORKS[framework]
    found: type[Transport] = getattr(importlib.import_module(module), name)
    return found


def transports(settings: Settings) -> list[Transport]:
    """A transport for every platform whose token is set, through its configured framework."""
    found: list[Transport] = []
    if settings.telegram_token is not None:
        found.append(
            transport_class(settings.telegram_framework)(
                PROFILES["telegram"],
                settings.telegram_token.get_secret_value(),
                settings.telegram_api_url,
            )
        )
    if settings.bale_token is not None:
        found.append(
            transport_class(settings.bale_framework)(
                PROFILES["bale"], settings.bale_token.get_secret_value(), settings.bale_api_url
            )
        )
    return found


def limiter_for(settings: Settings, app: App, transport: Transport) -> Limiter:
    """The rate limiter of *transport*'s platform, shared by every process of its bot: Redis
    when configured, else the store if it is PostgreSQL, else this process's own. A bot that
    polls, or whose store is SQLite, has one process (the platform gives a bot's updates to one
    getUpdates at a time; SQLite serves one process): its limit is its own, asked of nobody."""
    rates = (settings.rate_per_second, settings.rate_per_chat_per_second)
    if not settings.webhook_base_url or is_sqlite(str(app.db.url)):
        return RateLimiter(*rates)
    # The bot's id (the token's numeric part): two bots on one Redis or store keep two limits.
    scope = f"{transport.profile.name}:{transport.token.split(':', 1)[0]}"
    if settings.redis_url:
        # Imported only when used, as the transports are.
        from bot.handlers.ratelimit_redis import RedisRateLimiter

        return RedisRateLimiter(settings.redis_url, scope, *rates)
    return PostgresRateLimiter(app.engine.sessions, scope, *rates)


class Server:
    """Every configured platform, served by one process."""

    def __init__(self, settings: Settings, app: App) -> None:
        self.settings = settings
        self.app = app
        self.mode = "webhook" if settings.webhook_base_url else "polling"
        self.runners: dict[str, PlatformRunner] = {}
        for transport in transports(settings):
            limiter = limiter_for(settings, app, transport)
            sender = PlatformSender(transport, limiter, attempts=settings.send_attempts)
            self.runners[transport.profile.name] = PlatformRunner(
                transport, sender, app.engine, settings, self.mode
            )
        self.dispatchers = {
            name: Dispatcher(app.engine.sessions, runner.sender, settings, app.engine.clock)
            for name, runner in self.runners.items()
        }
        self.periodic = Periodic(
            app.engine, settings, [(runner.bot, runner.sender) for runner in self.runners.values()]
        )
        self.stop_requested = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        # Polling and the periodic work are cancelled at stop; the workers finish what they hold.
        self._cancel_at_stop: list[asyncio.Task[None]] = []
        self._site: web.AppRunner | None = None
        self._ops: web.AppRunner | None = None

    async def start(self) -> None:
        """Open every platform and start polling (or the webhook server) and the workers."""
        if self.settings.ops_listen:
            # First: /healthz answers, and /readyz says "not yet", while the platforms open.
            self._ops = await _listen(
                ops.application(
                    self.app.engine.sessions,
                    lambda: {name: r.started for name, r in self.runners.items()},
                    self.app.engine.clock,
                ),
                self.settings.ops_listen,
            )
            logger.info("health and metrics on %s", self.settings.ops_listen)
        single_process = is_sqlite(str(self.app.db.url))
        for runner in self.runners.values():
            if single_process:
                await runner.release_claims()
                async with self.app.engine.sessions() as session, session.begin():
                    await outbox.release(session, runner.platform)
            # Alone on the store, what is unsent is nobody else's to send: send it now.
            grace = 0.0 if single_process else self.settings.resend_after_seconds
            await runner.start(resend_older_than=timedelta(seconds=grace))
        if self.mode == "webhook":
            self._site = await _listen(
                webhook.application(self.runners), self.settings.webhook_listen
            )
            logger.info("webhook server listening on %s", self.settings.webhook_listen)
        for dispatcher in self.dispatchers.values():
            self._tasks.append(asyncio.create_task(dispatcher.run()))
        for runner in self.runners.values():
            self._tasks.append(asyncio.create_task(runner.work()))
            if self.mode == "polling":
                self._cancel_at_stop.append(asyncio.create_task(runner.poll()))
        self._cancel_at_stop.append(asyncio.create_task(self.periodic.run_forever()))
        self._tasks.extend(self._cancel_at_stop)

    async def stop(self) -> None:
        """Stop taking updates, finish those in hand, close every connection."""
        if self._site is not None:
            await self._site.cleanup()  # no more webhook posts: what arrived is committed
        if self._ops is not None:
            await self._ops.cleanup()
        for runner in self.runners.values():
            runner.stopping = True
            runner.wake.set()
        for dispatcher in self.dispatchers.values():
            dispatcher.stopping = True
            dispatcher.wake.set()
        for task in self._cancel_at_stop:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for runner in self.runners.values():
            with contextlib.suppress(Exception):
                await runner.transport.close()
            with contextlib.suppress(Exception):
                await runner.sender.limiter.close()

    async def run_until_stopped(self) -> None:
        """Serve until SIGINT or SIGTERM (or `stop_requested` is set)."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, self.stop_requested.set)
        await self.start()
        try:
            await self.stop_requested.wait()
        finally:
            logger.info("stopping: finishing the updates in hand")
            await self.stop()


async def _listen(application: web.Application, where: str) -> web.AppRunner:
    """Serve *application* on *where* (HOST:PORT); the runner, to clean up at stop."""
    host, _, port = where.rpartition(":")
    runner = web.AppRunner(application, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, host or "127.0.0.1", int(port)).start()
    return runner


async def serve(settings: Settings) -> int:
    """Run every configured platform until a signal; return the exit status."""
    app = await open_app(settings)
    try:
        server = Server(settings, app)
        await server.run_until_stopped()
    finally:
        await app.close()
    return 0
