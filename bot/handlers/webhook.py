"""Webhook mode: one path a platform, holding a secret; the raw update is committed before the 200.

The path's secret is derived from the bot's token, so every process behind a load balancer serves
the same URL and nobody without the token can guess it. Telegram also sends the secret in the
X-Telegram-Bot-Api-Secret-Token header, which is checked; Bale has no such header.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from typing import Any, Protocol

from aiohttp import web

from bot.config import Settings
from bot.handlers.mending import chat_key
from bot.handlers.transport import Transport

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def secret_for(token: str) -> str:
    """The webhook secret of the bot with *token*: unguessable, and the same in every process."""
    return hmac.new(token.encode(), b"daftar-webhook", hashlib.sha256).hexdigest()[:40]


def url_for(settings: Settings, platform: str, token: str) -> str:
    """The public URL the platform posts this bot's updates to."""
    base = (settings.webhook_base_url or "").rstrip("/")
    return f"{base}/webhook/{platform}/{secret_for(token)}"


class Receiver(Protocol):
    """What the webhook needs of a platform's runner: its transport, and a place for updates.

    A protocol, not the runner itself, so that the runner (which sets the webhook up with this
    module's secret and URL) and this module do not import each other.
    """

    @property
    def transport(self) -> Transport:
        """The platform's transport (its token and profile)."""
        ...

    @property
    def platform(self) -> str:
        """The platform's name."""
        ...

    async def keep(self, updates: list[dict[str, Any]]) -> None:
        """Commit raw updates to the inbox."""
        ...


BIGINT = 2**63  # the store's ids are signed 64-bit integers


def readable(body: bytes) -> dict[str, Any] | str:
    """The update a webhook body holds, or why it is refused (not JSON, nested past Python's
    limit, not an object, no update_id, an id the store cannot hold)."""
    try:
        raw = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "the body is not JSON"
    except RecursionError:
        return "the body is nested too deep"
    if not isinstance(raw, dict):
        return "the body is not a JSON object"
    update_id = raw.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return "the update has no integer update_id"
    if not 0 <= update_id < BIGINT or not -BIGINT <= chat_key(raw) < BIGINT:
        return "an id of the update is out of range"
    return raw


def application(runners: Mapping[str, Receiver]) -> web.Application:
    """The aiohttp application that receives every platform's updates."""

    async def receive(request: web.Request) -> web.Response:
        runner = runners.get(request.match_info["platform"])
        if runner is None:
            raise web.HTTPNotFound()
        secret = secret_for(runner.transport.token)
        if not hmac.compare_digest(request.match_info["secret"], secret):
            raise web.HTTPNotFound()
        if runner.transport.profile.webhook_secret_header and not hmac.compare_digest(
            request.headers.get(SECRET_HEADER, ""), secret
        ):
            raise web.HTTPForbidden()
        raw = readable(await request.read())
        if isinstance(raw, str):
            # A 4xx, not a 500: the platform would retry a 500 for ever. Nothing is kept.
            logger.warning("%s: webhook body refused: %s", runner.platform, raw)
            raise web.HTTPBadRequest(text=raw)
        # Committed before the 200; a failure here answers 500 so that the platform retries.
        await runner.keep([raw])
        return web.Response(text="ok")

    app = web.Application(client_max_size=2 * 1024 * 1024)
    app.router.add_post("/webhook/{platform}/{secret}", receive)
    return app
