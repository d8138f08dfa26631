"""What a step or a flow raises to say how an input went: invalid, not done yet, or cancelled."""

from __future__ import annotations

from bot.flows.framework.messages import Message
from bot.text.persian import InputError


class Invalid(Exception):
    """An answer the step cannot take: `message` (a msgid) says why; nothing changes."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    @classmethod
    def from_input_error(cls, error: InputError) -> Invalid:
        """The same complaint, from the Persian-text parsers."""
        return cls(error.message, **error.params)


class Stay(Exception):
    """The step took the input but is not done (a page turned, a file added): show *messages*."""

    def __init__(self, messages: list[Message]) -> None:
        super().__init__("stay")
        self.messages = messages


class FlowCancelled(Exception):
    """The user left the flow (Cancel, or Back from its first question)."""
