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


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply: by the platform's own file id where it is that platform's
    (`platform`), else from `path` on this machine; `kind` "photo" or "document"."""

    kind: str
    file_id: str | None = None
    platform: str | None = None
    path: str | None = None
    name: str | None = None

    def to_payload(self) -> dict[str, Any]:
        """The JSON kept in the outbox."""
        return {
            "kind": self.kind,
            "file_id": self.file_id,
            "platform": self.platform,
            "path": self.path,
            "name": self.name,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Attachment:
        """Read back an attachment stored by `to_payload`."""
        return cls(
            kind=str(payload.get("kind", "document")),
            file_id=payload.get("file_id"),
            platform=payload.get("platform"),
            path=payload.get("path"),
            name=payload.get("name"),
        )

    def by_id_on(self, platform: str) -> str | None:
        """The file id to send it by on *platform* (None: it must be sent from its path)."""
        return self.file_id if self.file_id and self.platform == platform else None


class Replies(list["Reply"]):
    """The replies to one update, and what to answer a pressed button with (None: nothing)."""

    callback_text: str | None = None
    job_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Reply:
    """A text message, with at most one kind of keyboard (and a file sent before it, if any)."""

    text: str
    inline: tuple[tuple[InlineButton, ...], ...] = ()
    keyboard: tuple[tuple[KeyboardButton, ...], ...] = ()
    remove_keyboard: bool = False
    outbox_id: int | None = field(default=None, compare=False)
    attachment: Attachment | None = None

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
        if self.attachment is not None:
            payload["attachment"] = self.attachment.to_payload()
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
            attachment=Attachment.from_payload(payload["attachment"])
            if payload.get("attachment")
            else None,
        )
