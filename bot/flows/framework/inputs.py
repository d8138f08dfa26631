"""What a flow receives: the user's input, as the engine reads it from a platform's update."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """Typed text."""

    text: str


@dataclass(frozen=True)
class Picked:
    """A step button pressed (or its label typed): the value the step gave it."""

    value: str


@dataclass(frozen=True)
class SharedContact:
    """A contact shared with the platform's button; `own` is checked by the transport."""

    phone_number: str
    own: bool


@dataclass(frozen=True)
class Attachment:
    """A photo or document."""

    kind: str
    file_id: str
    size: int | None
    mime_type: str | None
    file_name: str | None


@dataclass(frozen=True)
class Unsupported:
    """A sticker, a voice note, a location: nothing a step can take."""

    what: str


Input = Text | Picked | SharedContact | Attachment | Unsupported
