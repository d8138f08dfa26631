"""Which flows and action buttons this bot has: what the menu lists and the engine runs.

A `Registry` is what a flow's Context offers as `bot.flows.framework.context.FlowDirectory`; the
framework names only that protocol, so that it does not import this module.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.flows.framework.context import CommandHandler, Context, DeepLinkHandler, Flow
from bot.flows.framework.inputs import Input
from bot.flows.framework.messages import Button, Message

ActionHandler = Callable[[Context, dict[str, Any]], Awaitable[list[Message]]]


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

    def add_menu_action(self, label: str, action: str) -> None:
        """Offer the action button *action*, labelled *label* (a msgid), in the main menu."""
        self.menu_actions.append((label, action))

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
