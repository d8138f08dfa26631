"""The engine: `handle(Event) -> list[Reply]`, one transaction per update.

For each update, in one transaction: the update id is recorded (its insert meets a redelivery's
row and does nothing, and nothing else is done), the chat's conversation and what the update
needs of its account (language, identity row, whether it ever had a staff link) are read in one
statement, the conversation advanced by its flow, the replies and their buttons written to the
outbox, and last the sender's identity upserted, when it changed or was last seen over a minute
ago. Only then are the replies sent (`process`) and marked sent (`SentMarks`: the marks of sends
that finish together share one transaction). Replies that a crash left unsent are sent at the
next start, or before the chat's next update (`delivery`).

Updates of one chat are handled one at a time, in arrival order (a per-chat lock); different chats
run in parallel. Across processes the conversation's version decides: a lost race rolls back and
is retried against the newer state, never written over it.

Two rules hold for every flow. A number typed to name a button by its place (the console's
`ButtonEvent.typed`) is text wherever the flow takes text now (`Flow.takes_text`): `۲` at an
amount is two, not the second button; a press, or the button's label typed, is still the button.
And every update's replies offer a way on: when none carries a button, the home flow's row (the
main menu, and Continue for a draft) is added to the last.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.engine.chat_locks import ChatLocks
from bot.engine.delivery import Delivery
from bot.flows.framework.context import Context, ConversationState
from bot.flows.framework.inputs import Attachment, Input, Picked, SharedContact, Text, Unsupported
from bot.flows.framework.messages import Action, Choice, Message
from bot.flows.framework.outcomes import FlowCancelled
from bot.flows.registry import JobContext, Registry
from bot.messages.events import (
    AttachmentEvent,
    ButtonEvent,
    CommandEvent,
    ContactEvent,
    Event,
    TextEvent,
)
from bot.messages.replies import InlineButton, KeyboardButton, Replies, Reply
from bot.messages.sender import Sender
from bot.text.i18n import translator
from bot.text.markers import N_, NP_
from storage import buttons, conversations, identities, jobs, outbox, update_trips, updates
from storage.conversations import SeenAs, StoredConversation
from storage.models import Button

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
RETRIES = 5
# How stale an identity's last_seen may grow before an update writes it again (a write an update
# would otherwise cost; the other columns are written whenever they change).
SEEN_EVERY = timedelta(minutes=1)


def system_clock() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


@dataclass
class Engine:
    """Turns events into committed state changes and outbox rows, then sends the replies."""

    sessions: async_sessionmaker[AsyncSession]
    settings: Settings
    registry: Registry
    clock: Clock = system_clock
    locks: ChatLocks = field(default_factory=ChatLocks)
    #: the sending side: an update's replies, and those left pending (`delivery`)
    delivery: Delivery = field(init=False)

    def __post_init__(self) -> None:
        self.registry.home_flow()  # a registry without a home flow fails at start, not later
        self.delivery = Delivery(self.sessions, self.locks, lambda: self.clock())

    async def process(
        self,
        event: Event,
        sender: Sender,
        on_handled: Callable[[Replies], Awaitable[None]] | None = None,
        inbox_row: int | None = None,
    ) -> Replies:
        """Handle *event* and send its replies, holding the chat's turn until both are done.

        *on_handled* runs after the commit and before the replies go (a pressed button is
        answered then: the platform gives it only seconds). *inbox_row*, the update's row in
        the inbox, is deleted with the marks of its replies sent.
        """
        async with self.locks.hold(event.platform, event.chat_id):
            replies = await self._handle(event)
            if on_handled is not None:
                await on_handled(replies)
            done = () if inbox_row is None else (inbox_row,)
            await self.delivery.deliver(sender, event.chat_id, replies, done)
        if replies.job_ids:
            await self.run_jobs(sender, ids=replies.job_ids)
        return replies

    async def handle(self, event: Event) -> Replies:
        """Apply *event* and commit its replies to the outbox; return them (not yet sent)."""
        async with self.locks.hold(event.platform, event.chat_id):
            return await self._handle(event)

    async def _handle(self, event: Event) -> Replies:
        for attempt in range(RETRIES):
            try:
                async with self.sessions() as session, session.begin():
                    return await self._apply(session, event)
            except (conversations.StaleConversation, IntegrityError) as race:
                # Another process got there first (a twin update, a newer state): read again.
                logger.info("update %s: retry %s after %s", event.update_id, attempt + 1, race)
            except Exception:
                logger.exception("update %s of %s failed", event.update_id, event.platform)
                return await self._apologise(event)
        logger.error("update %s: gave up after %s races", event.update_id, RETRIES)
        return Replies()

    async def _apply(self, session: AsyncSession, event: Event) -> Replies:
        now = self.clock()
        if event.chat_type != "private":
            if not await updates.record_first(
                session, event.platform, event.bot, event.update_id, now
            ):
                return Replies()  # a redelivery: its effect is committed already
            return await self._group(session, event, now)
        opened = await self._open(session, event, now)
        if opened is None:
            return Replies()  # a redelivery: its effect is committed already
        row, locale = opened.conversation, opened.locale
        state = state_of(row)
        before = (state.flow, state.step, repr(state.answers), repr(state.trail), state.run)
        ctx = self._context(session, event, locale, state, now)
        ctx.staff_link = opened.staff_link
        ctx.registry = await self.registry.seen_by(ctx)
        messages: list[Message] = []
        if (
            row is not None
            and state.flow
            and now - row.updated_at > self.settings.conversation_idle
        ):
            messages += await self._expired(ctx)
        messages += await self._dispatch(ctx)
        messages = self._with_way_on(ctx, messages)
        after = (state.flow, state.step, repr(state.answers), repr(state.trail), state.run)
        if after != before:
            await conversations.save(
                session,
                event.platform,
                event.chat_id,
                read_version=row.version if row else None,
                flow=state.flow,
                step=state.step,
                answers=state.answers,
                trail=state.trail,
                run=state.run,
                now=now,
            )
        job_ids = (
            tuple(await jobs.add_jobs(session, event.platform, ctx.jobs, now)) if ctx.jobs else ()
        )
        fresh = ctx.new_locale is None and _still_seen(opened.identity, event, now)
        seen = None if fresh else _seen_row(event, now, ctx.new_locale)
        replies = await self._commit_replies(session, event, state, messages, now, seen)
        replies.callback_text = ctx.callback_text
        replies.job_ids = job_ids
        return replies

    async def _open(
        self, session: AsyncSession, event: Event, now: datetime
    ) -> conversations.Opened | None:
        """Record *event*, then read its chat; None for a redelivery."""
        return await update_trips.open_update(
            session,
            platform=event.platform,
            bot=event.bot,
            update_id=event.update_id,
            chat_id=event.chat_id,
            user_id=event.user_id,
            now=now,
        )

    async def _group(self, session: AsyncSession, event: Event, now: datetime) -> Replies:
        """In a group or channel: say once to talk privately; keep no conversation there."""
        if not await identities.note_group_once(session, event.platform, event.chat_id, now):
            return Replies()
        t = translator(self.settings.default_locale)
        note = Message(
            t(N_("I work in private chats only. Please open a chat with me and send /start."))
        )
        return await self._commit_replies(session, event, ConversationState(), [note], now)

    def _context(
        self,
        session: AsyncSession,
        event: Event,
        chosen: str | None,
        state: ConversationState,
        now: datetime,
    ) -> Context:
        locale = chosen or self.settings.default_locale
        return Context(
            session=session,
            settings=self.settings,
            event=event,
            state=state,
            t=translator(locale),
            now=now,
            locale=locale,
            registry=self.registry,
        )

    async def _expired(self, ctx: Context) -> list[Message]:
        flow = self.registry.flows.get(str(ctx.state.flow))
        title = ctx.t(flow.title) if flow else ""
        if flow is not None:
            await flow.discard(ctx)
        ctx.state.end()
        hours = round(self.settings.conversation_idle.total_seconds() / 3600)
        return [
            Message(
                ctx.t(
                    NP_(
                        "Your unfinished “{title}” was closed after {hours} hour without "
                        "activity. You can start it again from the menu.",
                        "Your unfinished “{title}” was closed after {hours} hours without "
                        "activity. You can start it again from the menu.",
                        count="hours",
                    ),
                    title=title,
                    hours=hours,
                )
            )
        ]

    async def _dispatch(self, ctx: Context) -> list[Message]:
        event = ctx.event
        try:
            if isinstance(event, CommandEvent):
                return await self.registry.home_flow().command(ctx, event.command, event.args)
            if isinstance(event, ButtonEvent):
                return await self._pressed(ctx, event)
            received = to_input(event)
            flow = self.registry.flows.get(ctx.state.flow) if ctx.state.flow else None
            if flow is None:
                ctx.state.end()
                return await self.registry.home_flow().idle(ctx, received)
            return await flow.handle(ctx, received)
        except FlowCancelled:
            return await self.registry.home_flow().cancel(ctx)

    def _with_way_on(self, ctx: Context, messages: list[Message]) -> list[Message]:
        """*messages*, the last offering the home's way on if none of them has a button."""
        if not messages or any(m.buttons or m.keyboard or m.request_contact for m in messages):
            return messages
        home = self.registry.home_flow()
        last = messages[-1]
        if last.remove_keyboard:
            # Buttons on it would keep the keyboard it removes: the menu follows instead.
            return [*messages, *home.main_menu(ctx)]
        return [*messages[:-1], replace(last, buttons=[home.way_on(ctx)])]

    async def _pressed(self, ctx: Context, event: ButtonEvent) -> list[Message]:
        button = await buttons.find(ctx.session, event.token)
        state = ctx.state
        if button is None or (button.platform, button.chat_id) != (ctx.platform, ctx.chat_id):
            # Unknown or forged: the token is all the callback carries, and it is not ours.
            return await self._refused(ctx, event.token, button)
        if button.kind == "action":
            handler = self.registry.actions.get(str(button.action))
            if handler is None or button.expires_at < ctx.now:
                return await self._refused(ctx, event.token, button)
            return await handler(ctx, dict(button.value))
        current = self.registry.flows.get(state.flow) if state.flow else None
        if event.typed is not None and current is not None and current.takes_text(ctx):
            # A number typed at a step that takes text is the answer, not the button it numbers.
            return await current.handle(ctx, Text(event.typed))
        if (button.flow, button.step, button.run) != (state.flow, state.step, state.run):
            return await self._stale(ctx)
        flow = self.registry.flows.get(str(state.flow))
        if flow is None:
            return await self._stale(ctx)
        return await flow.handle(ctx, Picked(str(button.value.get("v"))))

    async def _refused(self, ctx: Context, token: str, button: Button | None) -> list[Message]:
        # A flow may answer (and record) a press of its buttons that the engine cannot take.
        answer = await self.registry.refused_press(ctx, token, button)
        return answer if answer is not None else await self._stale(ctx)

    async def _stale(self, ctx: Context) -> list[Message]:
        ctx.callback_text = ctx.t(N_("This button has expired."))
        notice = Message(ctx.t(N_("That button has expired. Here is where we are now:")))
        return [notice, *await self.registry.home_flow().current(ctx)]

    async def _commit_replies(
        self,
        session: AsyncSession,
        event: Event,
        state: ConversationState,
        messages: list[Message],
        now: datetime,
        seen: dict[str, Any] | None = None,
    ) -> Replies:
        """Write *messages* to the outbox with their buttons, and *seen*, the identity's
        upsert (last: `update_trips.write_replies`)."""
        shown: list[dict[str, Any]] = []
        replies = [self._render(event, state, m, now, shown) for m in messages]
        rows = outbox.enqueue_rows(
            platform=event.platform,
            chat_id=event.chat_id,
            kind="reply",
            payloads=[r.to_payload() for r in replies],
            update_id=event.update_id,
            now=now,
        )
        ids = await update_trips.write_replies(session, shown=shown, messages=rows, seen=seen)
        return Replies(
            Reply(r.text, r.inline, r.keyboard, r.remove_keyboard, i, r.attachment)
            for r, i in zip(replies, ids, strict=True)
        )

    def _render(
        self,
        event: Event,
        state: ConversationState,
        message: Message,
        now: datetime,
        stored: list[dict[str, Any]],
    ) -> Reply:
        """The reply *message* becomes; its buttons' server sides are added to *stored*."""
        rows: list[tuple[InlineButton, ...]] = []
        for row in message.buttons:
            shown = []
            for button in row:
                token = secrets.token_urlsafe(9)
                stored.append(self._button(token, event, state, button, now))
                shown.append(InlineButton(button.label, token))
            rows.append(tuple(shown))
        keyboard = [tuple(KeyboardButton(label) for label in row) for row in message.keyboard]
        if message.request_contact:
            keyboard.insert(0, (KeyboardButton(message.request_contact, request_contact=True),))
        return Reply(
            text=message.text,
            inline=tuple(rows),
            keyboard=tuple(keyboard),
            # One reply markup a message: removing the keyboard needs a message without buttons.
            remove_keyboard=message.remove_keyboard and not keyboard and not rows,
            attachment=message.attachment,
        )

    def _button(
        self,
        token: str,
        event: Event,
        state: ConversationState,
        button: Choice | Action,
        now: datetime,
    ) -> dict[str, Any]:
        """The stored side of *button* (the columns of a `Button` row)."""
        common = {"token": token, "platform": event.platform, "chat_id": event.chat_id}
        if isinstance(button, Action):
            days = timedelta(days=self.settings.action_button_days)
            return {
                **common,
                "kind": "action",
                "flow": None,
                "step": None,
                "run": None,
                "action": button.action,
                "value": button.payload,
                "created_at": now,
                "expires_at": now + days,
            }
        return {
            **common,
            "kind": "step",
            "flow": state.flow,
            "step": state.step,
            "run": state.run,
            "action": None,
            "value": {"v": button.value},
            "created_at": now,
            # A step button outlives its step only as long as the conversation could.
            "expires_at": now + self.settings.conversation_idle + timedelta(days=1),
        }

    async def _apologise(self, event: Event) -> Replies:
        """After a failure: nothing of the update stands; record it, say sorry, show the menu."""
        try:
            async with self.sessions() as session, session.begin():
                now = self.clock()
                opened = await self._open(session, event, now)
                if opened is None:
                    return Replies()
                state = state_of(opened.conversation)
                ctx = self._context(session, event, opened.locale, state, now)
                ctx.staff_link = opened.staff_link
                ctx.registry = await self.registry.seen_by(ctx)
                sorry = Message(
                    ctx.t(N_("Sorry, something went wrong on our side. Nothing was changed."))
                )
                said = [sorry, *self.registry.home_flow().main_menu(ctx)]
                return await self._commit_replies(
                    session, event, state, said, now, _seen_row(event, now)
                )
        except Exception:
            logger.exception("update %s: could not even apologise", event.update_id)
            return Replies()

    async def run_jobs(
        self,
        sender: Sender,
        *,
        ids: tuple[int, ...] | None = None,
        older_than: timedelta = timedelta(0),
        attempts: int = 5,
    ) -> int:
        """Run deferred jobs (these *ids*, or any pending this long); return how many ran."""
        lease = timedelta(minutes=5)
        async with self.sessions() as session, session.begin():
            claimed = await jobs.claim_jobs(
                session, sender.platform, self.clock(), lease, ids=ids, older_than=older_than
            )
        context = JobContext(self.sessions, sender.download, self.settings, self.clock())
        for job in claimed:
            handler = self.registry.jobs.get(job.kind)
            error: str | None = None
            try:
                if handler is None:
                    raise LookupError(f"no handler for job {job.kind!r}")
                await handler(context, dict(job.payload))
            except Exception as failure:
                logger.warning("job %s (%s) failed: %s", job.id, job.kind, failure)
                error = repr(failure)
            async with self.sessions() as session, session.begin():
                await jobs.finish_job(
                    session, job.id, error=error, give_up=job.attempts + 1 >= attempts
                )
        return len(claimed)

    async def prune(self) -> None:
        """Forget old processed updates and expired buttons."""
        keep = timedelta(days=self.settings.processed_updates_keep_days)
        async with self.sessions() as session, session.begin():
            now = self.clock()
            await updates.prune(session, now, keep)
            await buttons.prune_expired(session, now)


def _seen_row(event: Event, now: datetime, locale: str | None = None) -> dict[str, Any]:
    return identities.seen_row(event.platform, event.user_id, event.chat_id, now, locale=locale)


def _still_seen(identity: SeenAs | None, event: Event, now: datetime) -> bool:
    """Whether the identity's row says all the upsert would (its chat, not blocked), and was
    seen within `SEEN_EVERY`: then the update writes no identity (last_seen to the minute)."""
    return (
        identity is not None
        and identity.chat_id == event.chat_id
        and not identity.blocked
        and timedelta(0) <= now - identity.last_seen < SEEN_EVERY
    )


def state_of(row: StoredConversation | None) -> ConversationState:
    """A working copy of a stored conversation (a fresh one for a chat that has none)."""
    if row is None:
        return ConversationState()
    return ConversationState(row.flow, row.step, dict(row.answers), dict(row.trail), row.run)


def to_input(event: Event) -> Input:
    """What a flow sees of an event that is not a command or a button."""
    if isinstance(event, TextEvent):
        return Text(event.text)
    if isinstance(event, ContactEvent):
        return SharedContact(event.phone_number, event.own)
    if isinstance(event, AttachmentEvent):
        return Attachment(event.kind, event.file_id, event.size, event.mime_type, event.file_name)
    return Unsupported(getattr(event, "what", "other"))
