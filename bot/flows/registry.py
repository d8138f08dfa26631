"""Which flows and action buttons this bot has: what the menu lists and the engine runs.

A `Registry` is what a flow's Context offers as `bot.flows.framework.context.FlowDirectory`; the
framework names only that protocol, so that it does not import this module.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.flows.framework.context import CommandHandler, Context, DeepLinkHandler, Flow
from bot.flows.framework.inputs import Input
from bot.flows.framework.messages import Button, Message
from storage.models import Button as StoredButton

ActionHandler = Callable[[Context, dict[str, Any]], Awaitable[list[Message]]]
#: Whether a main-menu button is shown to this chat (asked once an update, from the store).
MenuShown = Callable[[Context], Awaitable[bool]]
#: A press the engine could not resolve to a live button of this chat (an unknown token, another
#: chat's button, an expired one): the messages to answer with, or None to leave it to the
#: engine's "this button has expired".
RefusedPressHandler = Callable[[Context, str, StoredButton | None], Awaitable[list[Message] | None]]


@dataclass
class JobContext:
    """What a job gets: the store, the platform's file download, the settings, the time."""

    sessions: async_sessionmaker[AsyncSession]
    download: Callable[[str], Awaitable[bytes]]
    settings: Settings
    now: datetime


JobHandler = Callable[[JobContext, dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class Home:
    """Where a chat stands when no conversation is open: the home flow (the menu) registers one.

    The engine asks it what to say to a command, to a message outside any conversation, to a
    flow's Cancel, after a stale button, and after a failure, and for the way on from a reply
    that has no button; it knows no flow by name.
    """

    command: Callable[[Context, str, str], Awaitable[list[Message]]]
    idle: Callable[[Context, Input], Awaitable[list[Message]]]
    # Leave the flow (the draft discarded), or first ask whether to, when much would be lost.
    cancel: Callable[[Context], Awaitable[list[Message]]]
    current: Callable[[Context], Awaitable[list[Message]]]
    main_menu: Callable[[Context], list[Message]]
    # The buttons that lead on from a message that has none (the main menu, a draft's Continue).
    way_on: Callable[[Context], list[Button]]


@dataclass
class Registry:
    """The flows (in menu order) and the action-button handlers, by name."""

    flows: dict[str, Flow] = field(default_factory=dict)
    actions: dict[str, ActionHandler] = field(default_factory=dict)
    commands: dict[str, CommandHandler] = field(default_factory=dict)
    jobs: dict[str, JobHandler] = field(default_factory=dict)
    # Extra main-menu buttons that are not flows: (label msgid, action name).
    menu_actions: list[tuple[str, str]] = field(default_factory=list)
    # Menu buttons shown only to some chats: action name -> who sees it.
    menu_shown: dict[str, MenuShown] = field(default_factory=dict)
    refused_presses: list[RefusedPressHandler] = field(default_factory=list)
    deep_link: DeepLinkHandler | None = None
    home: Home | None = None

    def add_flow(self, flow: Flow) -> None:
        """Register *flow*; the menu lists it in the order added."""
        if flow.name in self.flows:
            raise ValueError(f"flow {flow.name!r} registered twice")
        self.flows[flow.name] = flow

    def add_action(self, name: str, handler: ActionHandler) -> None:
        """Register the handler of the action buttons called *name*."""
        if name in self.actions:
            raise ValueError(f"action {name!r} registered twice")
        self.actions[name] = handler

    def add_command(self, name: str, handler: CommandHandler) -> None:
        """Register a /command beyond those every chat has."""
        if name in self.commands:
            raise ValueError(f"command {name!r} registered twice")
        self.commands[name] = handler

    def add_job(self, kind: str, handler: JobHandler) -> None:
        """Register the handler of deferred jobs of *kind* (see Context.defer)."""
        if kind in self.jobs:
            raise ValueError(f"job {kind!r} registered twice")
        self.jobs[kind] = handler

    def add_menu_action(self, label: str, action: str, *, shown: MenuShown | None = None) -> None:
        """Offer the action button *action*, labelled *label* (a msgid), in the main menu.

        With *shown*, only to the chats for which it says yes (see `seen_by`).
        """
        self.menu_actions.append((label, action))
        if shown is not None:
            self.menu_shown[action] = shown

    async def seen_by(self, ctx: Context) -> Registry:
        """This registry as *ctx*'s chat sees it: its main menu without the buttons not shown."""
        if not self.menu_shown:
            return self
        shown = [
            (label, action)
            for label, action in self.menu_actions
            if action not in self.menu_shown or await self.menu_shown[action](ctx)
        ]
        return replace(self, menu_actions=shown)

    def add_deep_link(self, handler: DeepLinkHandler) -> None:
        """Offer /start's parameter to *handler* first, then to the deep link set before it."""
        earlier = self.deep_link
        if earlier is None:
            self.deep_link = handler
            return

        async def either(ctx: Context, args: str) -> list[Message] | None:
            answer = await handler(ctx, args)
            return answer if answer is not None else await earlier(ctx, args)

        self.deep_link = either

    def add_refused_press(self, handler: RefusedPressHandler) -> None:
        """Let *handler* answer (and record) presses the engine cannot resolve for the chat."""
        self.refused_presses.append(handler)

    async def refused_press(
        self, ctx: Context, token: str, button: StoredButton | None
    ) -> list[Message] | None:
        """The first answer of the refused-press handlers, or None when none claims the press."""
        for handler in self.refused_presses:
            answer = await handler(ctx, token, button)
            if answer is not None:
                return answer
        return None

    def set_home(self, home: Home) -> None:
        """Register the home flow; a registry has exactly one."""
        if self.home is not None:
            raise ValueError("a home flow is registered already")
        self.home = home

    def home_flow(self) -> Home:
        """The registered home flow."""
        if self.home is None:
            raise LookupError("no home flow is registered (bot.flows.menu.register does it)")
        return self.home

    def menu_flows(self) -> list[Flow]:
        """The flows the main menu offers."""
        return [flow for flow in self.flows.values() if flow.in_menu]
