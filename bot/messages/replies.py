"""What the engine hands back: messages to send, shaped for no platform in particular.

A reply is stored in the outbox as JSON (`to_payload`) and read back by the transport
(`from_payload`), so a reply that was decided but not sent survives a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class InlineButton:
    """A button under a message; `token` is resolved on the server when it is pressed."""

    label: str
    token: str


@dataclass(frozen=True)
class KeyboardButton:
    """A button of the reply keyboard: pressing it sends its label as text."""

    label: str
    request_contact: bool = False


class Replies(list["Reply"]):
    """The replies to one update, and what to answer a pressed button with (None: nothing)."""

    callback_text: str | None = None
    job_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Reply:
    """A text message, with at most one kind of keyboard."""

    text: str
    inline: tuple[tuple[InlineButton, ...], ...] = ()
    keyboard: tuple[tuple[KeyboardButton, ...], ...] = ()
    remove_keyboard: bool = False
    outbox_id: int | None = field(default=None, compare=False)

    def to_payload(self) -> dict[str, Any]:
        """The JSON kept in the outbox."""
        payload: dict[str, Any] = {"text": self.text}
        if self.inline:
            payload["inline"] = [[[b.label, b.token] for b in row] for row in self.inline]
        if self.keyboard:
            payload["keyboard"] = [
                [[b.label, b.request_contact] for b in row] for row in self.keyboard
            ]
        if self.remove_keyboard:
            payload["remove_keyboard"] = True
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any], outbox_id: int | None = None) -> Reply:
        """Read back a reply stored by `to_payload`."""
        return cls(
            text=str(payload["text"]),
            inline=tuple(
                tuple(InlineButton(str(label), str(token)) for label, token in row)
                for row in payload.get("inline", [])
            ),
            keyboard=tuple(
                tuple(KeyboardButton(str(label), bool(contact)) for label, contact in row)
                for row in payload.get("keyboard", [])
            ),
            remove_keyboard=bool(payload.get("remove_keyboard", False)),
            outbox_id=outbox_id,
        )
