"""`daftar doctor`: whether this deployment can run, one line a check, before it meets users.

The settings; the store (reachable, its schema at the newest revision); each configured
platform's token (getMe) and webhook (getWebhookInfo); Redis, when `DAFTAR_REDIS_URL` is set.
Each line starts with `ok` or `FAILED`; the exit status is 1 when any check failed. No secret is
printed: not a token, not a store's password, not the webhook path's secret.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.config import Settings, SettingsError, load_settings, sqlite_path
from bot.handlers.direct_transport import DirectTransport
from bot.handlers.profiles import PROFILES
from bot.handlers.transport import ApiError
from bot.handlers.webhook import url_for

TIMEOUT = 10.0


@dataclass(frozen=True)
class Line:
    """One check's outcome."""

    fine: bool
    name: str
    detail: str

    def __str__(self) -> str:
        return f"{'ok' if self.fine else 'FAILED':6} {self.name}: {self.detail}"


def cmd_doctor(args: argparse.Namespace) -> int:
    """Run every check, print a line each; 0 when all passed, else 1."""
    try:
        settings = load_settings()
    except SettingsError:  # load_settings has said which variables, without their values
        print(Line(False, "settings", "invalid (above)"))
        return 1
    lines = asyncio.run(examine(settings))
    for line in lines:
        print(line)
    sys.stdout.flush()
    return 0 if all(line.fine for line in lines) else 1


async def examine(settings: Settings) -> list[Line]:
    """Every check's line, in order."""
    platforms = [
        name
        for name, token in (("telegram", settings.telegram_token), ("bale", settings.bale_token))
        if token is not None
    ]
    mode = "webhook" if settings.webhook_base_url else "polling"
    lines = [
        Line(
            True,
            "settings",
            f"read; platforms: {', '.join(platforms) or 'none (the console chat only)'}; "
            f"mode: {mode}",
        )
    ]
    lines.append(await _guarded("store", lambda: _store(settings)))
    for name in platforms:
        lines += await _platform(settings, name, mode)
    lines.append(await _guarded("redis", lambda: _redis(settings.redis_url)))
    return lines


async def _guarded(name: str, check: Callable[[], Awaitable[Line]]) -> Line:
    try:
        async with asyncio.timeout(TIMEOUT):
            return await check()
    except TimeoutError:
        return Line(False, name, f"no answer within {TIMEOUT:.0f} s")
    except Exception as error:  # any failure is this check's line, not a traceback
        return Line(False, name, f"{type(error).__name__}: {error}")


async def _store(settings: Settings) -> Line:
    # Imported here: the store's stack is for this check only.
    from storage.database import open_engine, schema_revisions, shown_url

    url = settings.database_url
    shown = shown_url(url)
    path = sqlite_path(url)
    if path is not None and not path.exists():  # opening it would create an empty file
        return Line(False, "store", f"{shown}: no such file (`daftar db upgrade` creates it)")
    engine = open_engine(url)
    try:
        at, newest = await schema_revisions(engine)
    finally:
        await engine.dispose()
    if at != newest:
        return Line(
            False,
            "store",
            f"{shown}: schema at {at or 'none'}, the newest is {newest} (`daftar db upgrade`)",
        )
    return Line(True, "store", f"{shown}: reachable, schema at {newest} (the newest)")


async def _platform(settings: Settings, name: str, mode: str) -> list[Line]:
    token = getattr(settings, f"{name}_token").get_secret_value()
    api_url = getattr(settings, f"{name}_api_url")
    transport = DirectTransport(PROFILES[name], token, api_url)
    try:
        me = await _guarded(name, lambda: _me(transport))
        if not me.fine:
            return [me]
        hook = await _guarded(f"{name} webhook", lambda: _webhook(transport, settings, mode))
        return [me, hook]
    finally:
        await transport.close()


async def _me(transport: DirectTransport) -> Line:
    try:
        username = await transport.open()
    except ApiError as error:
        return Line(False, transport.profile.name, f"getMe refused: {error.description}")
    return Line(True, transport.profile.name, f"the token works (getMe: @{username})")


async def _webhook(transport: DirectTransport, settings: Settings, mode: str) -> Line:
    name = f"{transport.profile.name} webhook"
    info = await transport.webhook_info()
    set_to = str(info.url or "")
    where = _origin(set_to)
    pending = int(info.pending_update_count or 0)
    error = str(info.last_error_message or "")
    said = f"{pending} updates waiting" + (f"; the platform's last error: {error}" if error else "")
    if mode == "polling":
        if set_to:
            return Line(True, name, f"set at {where}: polling will remove it; {said}")
        return Line(True, name, f"none set (polling); {said}")
    expected = url_for(settings, transport.profile.name, transport.token)
    if set_to and set_to != expected:
        return Line(False, name, f"set at another address, {where}; `daftar run` will set it")
    return Line(not error, name, f"{'set' if set_to else 'not set yet'} at {where}; {said}")


def _origin(url: str) -> str:
    """*url* without its path (the webhook's path holds its secret)."""
    if not url:
        return "—"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


async def _redis(url: str | None) -> Line:
    if not url:
        return Line(True, "redis", "not configured (DAFTAR_REDIS_URL)")
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 6379
    reader, writer = await asyncio.open_connection(host, port)
    try:
        if parts.password:
            writer.write(f"AUTH {parts.password}\r\n".encode())
            await writer.drain()
            if not (await reader.readline()).startswith(b"+OK"):
                return Line(False, "redis", f"{host}:{port}: the password was refused")
        writer.write(b"PING\r\n")
        await writer.drain()
        answer = (await reader.readline()).strip()
    finally:
        writer.close()
    if answer != b"+PONG":
        return Line(False, "redis", f"{host}:{port}: answered {answer[:60]!r}, not PONG")
    return Line(True, "redis", f"{host}:{port}: answers PING")
