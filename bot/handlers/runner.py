"""Serving the platforms: long polling handles each fetched batch; a webhook fills the inbox.

Long polling: a fetched batch (at most min(100, workers) updates) is handled at once, each chat's
updates in update order, different chats in parallel. Each update is mended, parsed by the
transport, turned into an Event and handed to the engine, which records it, applies it and writes
its replies in one transaction. Only when every update of the batch is committed does the next
getUpdates move the offset past them; a crash before that has the platform deliver them again,
and the engine recognises those that took effect. At start, polling waits until the inbox is
empty (rows an older version, or the webhook, left): they go first.

A webhook must answer 200 before the work, so there the raw update is committed to the inbox
first; workers take each chat's rows in update order and hold a row, renewing its lease, until
its effect is committed and its replies are sent; then it is deleted, and the chat's next row
may go, in this process or another. A crash leaves the row, and its lease runs out: whoever
takes it sends first what the chat still has pending (the dead process's replies), so one
chat's replies leave in the order of its messages.

```mermaid
flowchart LR
    P[getUpdates] --> B{batch: chats in parallel} --> E[engine.process] --> S[sender: replies]
    B -. all committed .-> O[next offset]
    W[webhook POST] --> I[(inbox)] --> D{worker: oldest row of a free chat} --> E
```
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.engine.engine import Engine
from bot.engine.group_commit import GroupCommit
from bot.handlers import webhook
from bot.handlers.convert import to_event
from bot.handlers.mending import JSON, chat_key, mend_update
from bot.handlers.metrics import HANDLING, UPDATES
from bot.handlers.transport import ApiError, PlatformSender, Transport
from bot.messages.events import ButtonEvent, Event
from bot.messages.replies import Replies
from bot.text.i18n import translator
from bot.text.markers import N_
from storage import inbox, managers
from storage.inbox import Claimed

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
    # Whether start() met the platform (getMe succeeded): what /readyz reports.
    started: bool = False
    # What is in hand: inbox rows by id, polled updates by ("update", update id).
    _working: dict[object, asyncio.Task[None]] = field(default_factory=dict)
    _freed: asyncio.Event = field(default_factory=asyncio.Event)
    _inbox_drained: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        # The counters of every update, looked up once (a label lookup per update costs).
        self._handled = UPDATES.labels(self.platform, "handled")
        self._handling = HANDLING.labels(self.platform)
        self._kept: GroupCommit[tuple[int, int, JSON]] = GroupCommit(
            self.engine.sessions, self._store
        )

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
        self.started = True
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
        await self.engine.delivery.send_pending(
            self.sender, older_than=resend_older_than, bot=self.bot
        )

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
        await self._kept.add(batch)  # with the posts that arrived meanwhile, in one transaction
        self.wake.set()

    async def _store(self, session: AsyncSession, batch: list[tuple[int, int, JSON]]) -> None:
        await inbox.store(session, self.platform, self.bot, batch, self.engine.clock())

    async def poll(self) -> None:
        """Long polling: fetch a batch, commit each update's effect, then move the offset."""
        await self._inbox_drained.wait()  # what the inbox holds is older: it goes first
        offset: int | None = None
        delay = 1.0
        limit = max(1, min(100, self.settings.workers))
        while not self.stopping:
            while len(self._working) >= self.settings.workers:
                self._freed.clear()
                await self._freed.wait()
            params: dict[str, Any] = {"timeout": self.settings.poll_timeout, "limit": limit}
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
            ids = await self.take(updates)
            if ids:
                offset = max(ids) + 1

    async def take(self, updates: list[dict[str, Any]]) -> list[int]:
        """Handle fetched *updates*; return their ids once every one's effect is committed.

        Their replies may still be on their way: those are in the outbox already.
        """
        committed: list[asyncio.Future[None]] = []
        ids: list[int] = []
        for raw in updates:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            if not isinstance(update_id, int):
                logger.warning("%s: an update without an update_id dropped", self.platform)
                continue
            ids.append(update_id)
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            committed.append(done)
            # Started in update order; the engine's chat locks keep that order per chat.
            self._start(("update", update_id), self._handle_polled(update_id, raw, done))
        if committed:
            await asyncio.wait(committed)
        return ids

    async def settled(self) -> None:
        """Wait until every update in hand is handled and its replies sent."""
        while self._working:
            await asyncio.gather(*self._working.values(), return_exceptions=True)

    def _start(self, key: object, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._working[key] = task
        task.add_done_callback(functools.partial(self._finished, key))

    async def _handle_polled(
        self, update_id: int, raw: dict[str, Any], committed: asyncio.Future[None]
    ) -> None:
        try:
            event = self._event_of(update_id, raw)
            if event is not None:
                await self._process(event, committed)
        except Exception:
            UPDATES.labels(self.platform, "failed").inc()
            logger.exception("%s: update %s failed; skipped", self.platform, update_id)
        finally:
            if not committed.done():
                committed.set_result(None)

    async def work(self) -> None:
        """Take updates from the inbox until stopped, each chat's in order, chats in parallel."""
        lease = timedelta(seconds=self.settings.inbox_lease_seconds)
        renewing = asyncio.create_task(self._renew_leases(lease))
        try:
            await self._take_inbox(lease)
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing

    async def _take_inbox(self, lease: timedelta) -> None:
        while True:
            if self.stopping:
                break
            # Cleared before the claim, not after it: a post kept, or a chat let go, while the
            # claim's transaction runs must wake the next round, not be lost until the timeout.
            self.wake.clear()
            free = self.settings.workers - len(self._working)
            claimed: list[Claimed] = []
            if free > 0 and not self._inbox_drained.is_set():
                async with self.engine.sessions() as session, session.begin():
                    claimed = await inbox.claim(
                        session, self.platform, self.bot, self.engine.clock(), lease, free
                    )
            for one in claimed:
                self._start(one.row.id, self._handle(one))
            if not claimed:
                if self.mode == "polling" and not self._inbox_drained.is_set():
                    await self._check_drained()
                # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
                # that lands as the wait ends, and the loop would then never stop.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(1.0):
                        await self.wake.wait()
        if self._working:
            await asyncio.gather(*self._working.values(), return_exceptions=True)

    async def _renew_leases(self, lease: timedelta) -> None:
        """Keep the inbox rows in hand claimed while their work lasts (a 429 may outlast a
        lease): a live process keeps its chats, and only a dead one's run out."""
        while True:
            await asyncio.sleep(lease.total_seconds() / 3)
            held = [key for key in self._working if isinstance(key, int)]
            if not held:
                continue
            try:
                async with self.engine.sessions() as session, session.begin():
                    await inbox.renew(session, held, self.engine.clock() + lease)
            except Exception:
                logger.exception("%s: inbox leases not renewed", self.platform)

    async def _check_drained(self) -> None:
        """In polling mode: once no inbox row is left or in hand, polling may begin."""
        if any(isinstance(key, int) for key in self._working):
            return
        async with self.engine.sessions() as session:
            left = await inbox.waiting(session, self.platform, self.bot)
        if not left:
            self._inbox_drained.set()

    def _finished(self, key: object, _task: asyncio.Task[None]) -> None:
        self._working.pop(key, None)
        self._freed.set()

    def _event_of(self, update_id: int, raw: dict[str, Any]) -> Event | None:
        """The event a raw update stands for (None: ignored, or unreadable and dropped)."""
        try:
            # In place: the raw update is this runner's own (just fetched, or read from the inbox
            # for this turn), and only gains the defaults; a deep copy per update costs.
            update = self.transport.parse(mend_update(raw, in_place=True))
            event = to_event(update, self.transport.profile, self.bot)
        except Exception as error:
            UPDATES.labels(self.platform, "unreadable").inc()
            logger.warning("%s: update %s dropped, unreadable: %s", self.platform, update_id, error)
            return None
        if event is None:
            UPDATES.labels(self.platform, "ignored").inc()
        return event

    async def _process(
        self,
        event: Event,
        committed: asyncio.Future[None] | None = None,
        inbox_row: int | None = None,
    ) -> None:
        """Hand *event* to the engine; *committed* is resolved once its effect is committed;
        *inbox_row* is deleted once its replies are sent."""

        async def handled(replies: Replies) -> None:
            if committed is not None and not committed.done():
                committed.set_result(None)
            if isinstance(event, ButtonEvent):
                await self.sender.answer_callback(event.callback_id, replies.callback_text)

        began = time.monotonic()
        await self.engine.process(event, self.sender, on_handled=handled, inbox_row=inbox_row)
        self._handling.observe(time.monotonic() - began)
        self._handled.inc()

    async def _handle(self, claimed: Claimed) -> None:
        row = claimed.row
        # Whether the row is not this block's to delete: it went with its replies' marks
        # (bot/engine/sent_marks.py), or, cancelled as in a crash, it stays for whoever takes
        # it after the lease.
        leave = False
        try:
            if claimed.replies_pending:  # older than this update: they go first
                await self.engine.delivery.send_pending(self.sender, chat_id=row.chat_key)
            event = self._event_of(row.update_id, row.payload)
            if event is not None:
                await self._process(event, inbox_row=row.id)
                leave = True
        except asyncio.CancelledError:
            leave = True
            raise
        except Exception:
            UPDATES.labels(self.platform, "failed").inc()
            logger.exception("%s: update %s failed; skipped", self.platform, row.update_id)
        finally:
            if not leave:
                # Unreadable, ignored or failed: the chat's next update may now go, here or in
                # another process.
                async with self.engine.sessions() as session, session.begin():
                    await inbox.done(session, row.id)
            self.wake.set()

    async def release_claims(self) -> None:
        """Forget every claim (only where one process serves the store: SQLite)."""
        async with self.engine.sessions() as session, session.begin():
            await inbox.release(session, self.platform, self.bot)
