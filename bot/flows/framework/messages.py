"""What a flow returns: messages as a flow composes them, and their buttons.

Buttons are `Choice`s (step buttons: valid only while the conversation is at the step that showed
them) or `Action`s (valid for days, authorised afresh when pressed); the engine turns both into
opaque tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.messages.replies import Attachment


@dataclass(frozen=True)
class Choice:
    """A step button: pressing it answers the current step with `value`."""

    label: str
    value: str


@dataclass(frozen=True)
class Action:
    """An action button: stays valid for days; its handler authorises the press afresh."""

    label: str
    action: str
    payload: dict[str, Any] = field(default_factory=dict)


Button = Choice | Action


@dataclass
class Message:
    """A message as a flow composes it; the engine stores and sends it."""

    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    keyboard: list[list[str]] = field(default_factory=list)
    request_contact: str | None = None  # label of a share-contact keyboard button
    remove_keyboard: bool = False
    attachment: Attachment | None = None  # a file sent before the text
