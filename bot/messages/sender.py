"""The small interface every transport implements to put a reply in front of a user."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from bot.messages.replies import Reply


class SendError(Exception):
    """The platform did not take the message; it may be tried again later."""


class RecipientUnavailable(SendError):
    """The platform will never deliver to this chat (the user blocked the bot, the chat is gone)."""


class Failure(enum.Enum):
    """What a failed call means for trying again."""

    RETRY_AFTER = "retry_after"  # 429: wait as told, then again
    TRANSIENT = "transient"  # 5xx, a timeout, a dropped connection: back off, then again
    RECIPIENT_GONE = "recipient_gone"  # 403, chat not found: never again
    REJECTED = "rejected"  # any other 4xx: our request is wrong; trying again will not help


@dataclass(frozen=True)
class Classified:
    """A framework's exception, read."""

    failure: Failure
    description: str
    retry_after: float = 0.0


class CallFailed(SendError):
    """A send that failed once, read (for callers that schedule their own retries)."""

    def __init__(self, read: Classified) -> None:
        super().__init__(read.description)
        self.read = read


class Sender(Protocol):
    """Sends replies to chats of one platform."""

    platform: str

    async def send(self, chat_id: int, reply: Reply) -> int | None:
        """Send *reply*; return the platform's message id (None where it gives none)."""
        ...

    async def download(self, file_id: str) -> bytes:
        """The bytes of a file a user sent (never called inside an update's transaction)."""
        ...


class NoticeSender(Protocol):
    """What the notice dispatcher needs: one try at a time, failures read, not retried."""

    platform: str

    async def send(
        self, chat_id: int, reply: Reply, *, per_chat: bool = False, retry: bool = True
    ) -> int | None:
        """Send *reply*; with retry=False a failure raises CallFailed or RecipientUnavailable."""
        ...
