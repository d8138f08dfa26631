"""The small interface every transport implements to put a reply in front of a user."""

from __future__ import annotations

from typing import Protocol

from bot.engine.replies import Reply


class SendError(Exception):
    """The platform did not take the message; it may be tried again later."""


class RecipientUnavailable(SendError):
    """The platform will never deliver to this chat (the user blocked the bot, the chat is gone)."""


class Sender(Protocol):
    """Sends replies to chats of one platform."""

    platform: str

    async def send(self, chat_id: int, reply: Reply) -> int | None:
        """Send *reply*; return the platform's message id (None where it gives none)."""
        ...

    async def download(self, file_id: str) -> bytes:
        """The bytes of a file a user sent (never called inside an update's transaction)."""
        ...
