"""What a transport hands the engine: one platform update, with no framework types in it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class Event:
    """One update from one chat: who sent it, where, and its place in the platform's order."""

    platform: str
    bot: str
    update_id: int
    chat_id: int
    user_id: int
    chat_type: str = "private"
    language_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class TextEvent(Event):
    """A text message that is not a command."""

    text: str


@dataclass(frozen=True, kw_only=True)
class CommandEvent(Event):
    """A /command, with what followed it on the line."""

    command: str
    args: str = ""


@dataclass(frozen=True, kw_only=True)
class ButtonEvent(Event):
    """An inline button pressed: the opaque token from its callback data.

    `typed` is the number the user typed to name the button by its place on screen (the console
    numbers buttons), None for a press: where the conversation takes text, it is text.
    """

    token: str
    callback_id: str | None = None
    typed: str | None = None


@dataclass(frozen=True, kw_only=True)
class ContactEvent(Event):
    """A shared contact; `own` says whether the contact is the sender's own."""

    phone_number: str
    own: bool
    first_name: str = ""


@dataclass(frozen=True, kw_only=True)
class AttachmentEvent(Event):
    """A photo or a document, by the platform's file id."""

    kind: str  # "photo" or "document"
    file_id: str
    size: int | None = None
    mime_type: str | None = None
    file_name: str | None = None
    caption: str = ""


@dataclass(frozen=True, kw_only=True)
class UnsupportedEvent(Event):
    """Anything else: a sticker, a voice note, a location, ..."""

    what: str = field(default="other")
