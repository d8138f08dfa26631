"""Which flows and action buttons this bot has: what the menu lists and the engine runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.flows.framework import Context, Flow, Message

ActionHandler = Callable[[Context, dict[str, Any]], Awaitable[list[Message]]]


@dataclass
class Registry:
    """The flows (in menu order) and the action-button handlers, by name."""

    flows: dict[str, Flow] = field(default_factory=dict)
    actions: dict[str, ActionHandler] = field(default_factory=dict)

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

    def menu_flows(self) -> list[Flow]:
        """The flows the main menu offers."""
        return [flow for flow in self.flows.values() if flow.in_menu]
