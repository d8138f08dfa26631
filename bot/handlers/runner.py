"""Serving the platforms: long polling or a webhook fills the inbox; workers empty it in order.

Both modes meet in the inbox: a raw update is committed there before the platform is told it
arrived (the next getUpdates offset, or the webhook's 200). Workers take each chat's updates in
update order, different chats in parallel; an update is mended, parsed by the framework, turned
into an Event and handed to the engine, and its row deleted once the effect is committed. A crash
leaves the row for the next start; a redelivered update is recognised by the engine.

```mermaid
flowchart LR
    P[getUpdates] --> I[(inbox)]
    W[webhook POST] --> I
    I --> D{worker: oldest row of a free chat} --> E[engine.process] --> S[sender: replies]
```
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot.config import Settings
from bot.engine.engine import Engine
from bot.handlers import webhook
from bot.handlers.convert import to_event
from bot.handlers.mending import chat_key, mend_update
from bot.handlers.transport import ApiError, PlatformSender, Transport
from bot.messages.events import ButtonEvent
from bot.messages.replies import Replies
from bot.text.i18n import translator
from bot.text.markers import N_
from storage import inbox, managers
from storage.models import InboxUpdate

logger = logging.getLogger(__name__)

COMMANDS = (
    ("start", N_("Start")),
    ("menu", N_("The main menu")),
    ("cancel", N_("Stop what you are doing")),
    ("language", N_("Change the language")),
    ("help", N_("What Daftar does")),
    ("about", N_("What Daftar applies of the directive")),
)


@dataclass
class PlatformRunner:
    """One platform: its transport and sender, its polling loop or webhook, and its workers."""

    transport: Transport
    sender: PlatformSender
    engine: Engine
    settings: Settings
    mode: str  # "polling" or "webhook"
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    stopping: bool = False
    _working: dict[int, asyncio.Task[None]] = field(default_factory=dict)

    @property
    def platform(self) -> str:
        """The platform's name."""
        return self.transport.profile.name

    @property
    def bot(self) -> str:
        """The bot's id: the token's numeric part (known before getMe, stable across restarts)."""
        return self.transport.token.split(":", 1)[0]

    async def start(self, *, resend_older_than: timedelta = timedelta(0)) -> None:
        """Open the bot, set its commands and webhook, and send replies a crash left unsent."""
        username = await self.transport.open()
        async with self.engine.sessions() as session, session.begin():
            await managers.set_bot_account(session, self.platform, username, self.engine.clock())
        logger.info(
            "platform=%s framework=%s mode=%s bot=@%s",
            self.platform,
            self.transport.framework,
            self.mode,
            username,
        )
        if self.transport.profile.set_my_commands:
            for language in (None, "fa", "en"):
                t = translator(language or self.settings.default_locale)
                commands = [(name, t(text)) for name, text in COMMANDS]
                await self.transport.set_commands(commands, language)
        if self.mode == "webhook":
            secret = webhook.secret_for(self.transport.token)
            url = webhook.url_for(self.settings, self.platform, self.transport.token)
            header = secret if self.transport.profile.webhook_secret_header else None
            await self.transport.set_webhook(url, header)
            info = await self.transport.webhook_info()
            logger.info(
                "%s: webhook set; %s updates waiting at the platform",
                self.platform,
                info.pending_update_count,
            )
        else:
            await self.transport.delete_webhook()
        await self.engine.send_pending(self.sender, older_than=resend_older_than)

    async def keep(self, updates: list[dict[str, Any]]) -> None:
        """Commit raw updates to the inbox and wake the workers."""
        batch = [
            (int(raw["update_id"]), chat_key(raw), raw)
            for raw in updates
            if isinstance(raw, dict) and isinstance(raw.get("update_id"), int)
        ]
        if len(batch) < len(updates):
            logger.warning(
                "%s: %s updates without an update_id dropped",
                self.platform,
                len(updates) - len(batch),
            )
        if not batch:
            return
        async with self.engine.sessions() as session, session.begin():
            await inbox.store(session, self.platform, self.bot, batch, self.engine.clock())
        self.wake.set()

    async def poll(self) -> None:
        """Long polling: fetch, commit to the inbox, then confirm by moving the offset."""
        offset: int | None = None
        delay = 1.0
        while not self.stopping:
            params: dict[str, Any] = {"timeout": self.settings.poll_timeout, "limit": 100}
            if offset is not None:
                params["offset"] = offset
            try:
                result = await self.transport.raw_call(
                    "getUpdates", params, timeout=self.settings.poll_timeout + 15
                )
            except ApiError as error:
                if error.status == 409:  # a webhook is set: polling needs it gone
                    await self.transport.delete_webhook()
                    continue
                wait = error.retry_after or delay
                logger.warning(
                    "%s: getUpdates failed (%s); again in %.0fs", self.platform, error, wait
                )
                await asyncio.sleep(wait)
                delay = min(delay * 2, 30.0)
                continue
            delay = 1.0
            updates = result if isinstance(result, list) else []
            await self.keep(updates)
            ids = [
                u["update_id"]
                for u in updates
                if isinstance(u, dict) and isinstance(u.get("update_id"), int)
            ]
            if ids:
                offset = max(ids) + 1

    async def work(self) -> None:
        """Take updates from the inbox until stopped, each chat's in order, chats in parallel."""
        lease = timedelta(seconds=self.settings.inbox_lease_seconds)
        while True:
            if self.stopping:
                break
            free = self.settings.workers - len(self._working)
            rows: list[InboxUpdate] = []
            if free > 0:
                async with self.engine.sessions() as session, session.begin():
                    rows = await inbox.claim(
                        session, self.platform, self.bot, self.engine.clock(), lease, free
                    )
            for row in rows:
                task = asyncio.create_task(self._handle(row))
                self._working[row.id] = task
                task.add_done_callback(functools.partial(self._finished, row.id))
            if not rows:
                self.wake.clear()
                # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
                # that lands as the wait ends, and the loop would then never stop.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(1.0):
                        await self.wake.wait()
        if self._working:
            await asyncio.gather(*self._working.values(), return_exceptions=True)

    def _finished(self, row_id: int, _task: asyncio.Task[None]) -> None:
        self._working.pop(row_id, None)

    async def _handle(self, row: InboxUpdate) -> None:
        try:
            try:
                update = self.transport.parse(mend_update(row.payload))
                event = to_event(update, self.transport.profile, self.bot)
            except Exception as error:
                logger.warning(
                    "%s: update %s dropped, unreadable: %s", self.platform, row.update_id, error
                )
                event = None
            if isinstance(event, ButtonEvent):
                callback_id = event.callback_id

                async def answer(replies: Replies) -> None:
                    await self.sender.answer_callback(callback_id, replies.callback_text)

                await self.engine.process(event, self.sender, on_handled=answer)
            elif event is not None:
                await self.engine.process(event, self.sender)
        except Exception:
            logger.exception("%s: update %s failed; skipped", self.platform, row.update_id)
        finally:
            async with self.engine.sessions() as session, session.begin():
                await inbox.done(session, row.id)
            self.wake.set()  # the chat's next update may now go

    async def release_claims(self) -> None:
        """Forget every claim (only where one process serves the store: SQLite)."""
        async with self.engine.sessions() as session, session.begin():
            await inbox.release(session, self.platform, self.bot)
