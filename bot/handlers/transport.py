"""A platform reached through one framework, and the sender that the engine and notices use.

`Transport` is what differs between the direct transport (the Bot API's JSON over aiohttp), aiogram
and python-telegram-bot: opening the bot, parsing an update into the framework's types (or a
view of the JSON), calling methods, and telling the framework's errors apart.
`PlatformSender` is what does not: splitting long texts, the platform's rate limiter (a 429 pauses
it, and so every process sharing it, for the `retry_after`), waiting out 429s, retrying transient
failures with backoff, and turning a 403 into `RecipientUnavailable`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from abc import ABC, abstractmethod
from typing import Any

import aiohttp

from bot.handlers.mending import mend_webhook_info
from bot.handlers.metrics import RATE_LIMIT_WAIT, SENDS
from bot.handlers.profiles import PlatformProfile, split_text
from bot.handlers.ratelimit import Limiter
from bot.messages.replies import Attachment, Reply
from bot.messages.sender import (
    CallFailed,
    Classified,
    Failure,
    RecipientUnavailable,
    SendError,
)

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """An error answer of the Bot API to a raw call."""

    def __init__(self, status: int, description: str, retry_after: float = 0.0) -> None:
        super().__init__(f"{status} {description}")
        self.status = status
        self.description = description
        self.retry_after = retry_after


def classify_status(status: int, description: str, retry_after: float = 0.0) -> Classified:
    """The failure an HTTP status and Bot API description stand for."""
    lowered = description.lower()
    if status == 429:
        return Classified(Failure.RETRY_AFTER, description, max(retry_after, 0.0))
    if status == 403 or "chat not found" in lowered or "user is deactivated" in lowered:
        return Classified(Failure.RECIPIENT_GONE, description)
    if status >= 500 or status == 0:
        return Classified(Failure.TRANSIENT, description)
    return Classified(Failure.REJECTED, description)


class Transport(ABC):
    """One platform through one framework."""

    framework: str

    def __init__(self, profile: PlatformProfile, token: str, api_url: str) -> None:
        self.profile = profile
        self.token = token
        self.api_url = api_url.rstrip("/")
        self.username = ""
        self._http: aiohttp.ClientSession | None = None

    @property
    def http(self) -> aiohttp.ClientSession:
        """A plain HTTP session, for the calls whose raw JSON we read ourselves."""
        if self._http is None:
            self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None))
        return self._http

    async def raw_call(
        self,
        method: str,
        params: dict[str, Any],
        timeout: float = 30.0,
        *,
        form: aiohttp.FormData | None = None,
    ) -> Any:
        """Call *method* and return its raw `result` JSON (getUpdates, getWebhookInfo; every
        call of the direct transport); *params* as a JSON body, or *form* as multipart instead.
        An error answer raises ApiError (status 0: no answer at all)."""
        url = f"{self.api_url}/bot{self.token}/{method}"
        body_of: dict[str, Any] = {"data": form} if form is not None else {"json": params}
        try:
            async with self.http.post(
                url, timeout=aiohttp.ClientTimeout(total=timeout), **body_of
            ) as response:
                body = await response.json(content_type=None)
        except (TimeoutError, aiohttp.ClientError, ValueError) as error:
            raise ApiError(0, f"{type(error).__name__}: {error}") from error
        if not isinstance(body, dict) or not body.get("ok"):
            body = body if isinstance(body, dict) else {}
            parameters = body.get("parameters") or {}
            raise ApiError(
                int(body.get("error_code") or response.status),
                str(body.get("description") or "no description"),
                float(parameters.get("retry_after") or 0),
            )
        return body.get("result")

    async def close(self) -> None:
        """Release the framework's and our own connections."""
        if self._http is not None:
            await self._http.close()
            self._http = None
        await self._close_framework()

    @abstractmethod
    async def open(self) -> str:
        """Start the framework's bot; return the bot's username (getMe)."""

    @abstractmethod
    async def _close_framework(self) -> None:
        """Stop the framework's bot."""

    @abstractmethod
    def parse(self, raw: dict[str, Any]) -> Any:
        """The framework's Update for *raw*; raises if the framework cannot read it."""

    @abstractmethod
    async def send_message(self, chat_id: int, text: str, reply: Reply | None) -> int:
        """sendMessage with *reply*'s keyboard (None: no markup); return the message id."""

    @abstractmethod
    async def send_file(self, chat_id: int, attachment: Attachment) -> int:
        """sendPhoto or sendDocument: by its file id on this platform, else from its path."""

    @abstractmethod
    async def answer_callback(self, callback_id: str, text: str | None) -> None:
        """answerCallbackQuery."""

    @abstractmethod
    async def set_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        """setMyCommands for one language (None: the default list)."""

    @abstractmethod
    async def set_webhook(self, url: str, secret: str | None) -> None:
        """setWebhook (with the secret token where the platform has one)."""

    @abstractmethod
    async def delete_webhook(self) -> None:
        """deleteWebhook, so that getUpdates works."""

    @abstractmethod
    async def download(self, file_id: str, limit: int) -> bytes:
        """getFile, then the file's bytes (refusing more than *limit* bytes)."""

    async def webhook_info(self) -> Any:
        """getWebhookInfo, read by the framework after mending what Bale leaves out."""
        raw = await self.raw_call("getWebhookInfo", {})
        return self.parse_webhook_info(mend_webhook_info(raw if isinstance(raw, dict) else {}))

    @abstractmethod
    def parse_webhook_info(self, raw: dict[str, Any]) -> Any:
        """The framework's WebhookInfo for *raw*."""

    @abstractmethod
    def classify(self, error: BaseException) -> Classified | None:
        """What a framework exception means; None for one that is not a Bot API failure."""


class PlatformSender:
    """The engine's Sender for one platform: limits, retries, and proof of what was sent."""

    def __init__(
        self,
        transport: Transport,
        limiter: Limiter,
        *,
        attempts: int = 5,
        backoff: float = 0.5,
        max_retry_after: float = 300.0,
    ) -> None:
        self.transport = transport
        self.profile = transport.profile
        self.platform = transport.profile.name
        self.limiter = limiter
        self.attempts = attempts
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        # The counters of every send, looked up once (a label lookup per send costs).
        self._sent = SENDS.labels(self.platform, "sent")
        self._waited = RATE_LIMIT_WAIT.labels(self.platform)

    async def send(
        self, chat_id: int, reply: Reply, *, per_chat: bool = False, retry: bool = True
    ) -> int | None:
        """Send *reply* (in pieces if long; buttons on the last); return the last message id.

        With `retry=False` a failure is not retried here but raised as `CallFailed` (or
        `RecipientUnavailable`), for a caller that schedules its own retries.
        """
        text = self.profile.safe_text(reply.text)
        pieces = split_text(text, self.profile.text_limit)
        message_id: int | None = None
        if reply.attachment is not None:
            attachment = reply.attachment
            message_id = await self._call(
                chat_id,
                lambda: self.transport.send_file(chat_id, attachment),
                per_chat=per_chat,
                retry=retry,
            )
        for index, piece in enumerate(pieces):
            markup = reply if index == len(pieces) - 1 else None
            message_id = await self._call(
                chat_id,
                lambda p=piece, m=markup: self.transport.send_message(chat_id, p, m),
                per_chat=per_chat,
                retry=retry,
            )
        return message_id

    async def answer_callback(self, callback_id: str | None, text: str | None) -> None:
        """Answer a button press (where the client can take it); a failure is only logged."""
        if not callback_id or not self.profile.can_answer_callback(callback_id):
            return
        if text:
            text = text[: self.profile.callback_answer_limit]
        try:
            # Not a message to a chat: outside the message rate limiter, and never retried
            # for long (the platform drops an unanswered query after a few seconds anyway).
            await self.transport.answer_callback(callback_id, text)
        except Exception as error:
            read = self.transport.classify(error)
            if read is None:
                raise
            logger.info("callback %s not answered: %s", callback_id, read.description)

    async def download(self, file_id: str) -> bytes:
        """A file's bytes, within the platform's download limit."""
        result: bytes = await self._call(
            0, lambda: self.transport.download(file_id, self.profile.download_limit_bytes)
        )
        return result

    async def _call(
        self, chat_id: int, call: Any, *, per_chat: bool = False, retry: bool = True
    ) -> Any:
        failures = 0
        waits = 0
        while True:
            asked = time.monotonic()
            try:
                async with self.limiter.turn(chat_id, per_chat=per_chat):
                    self._waited.inc(time.monotonic() - asked)
                    result = await call()
                self._sent.inc()
                return result
            except Exception as error:
                read = self.transport.classify(error)
                if read is None:
                    raise
                SENDS.labels(self.platform, read.failure.value).inc()
                if read.failure is Failure.RETRY_AFTER:
                    # Every process of this bot holds back, not only the one told.
                    await self.limiter.pause(min(read.retry_after or 1.0, self.max_retry_after))
                if read.failure is Failure.RECIPIENT_GONE:
                    raise RecipientUnavailable(read.description) from error
                if not retry:
                    raise CallFailed(read) from error
                if read.failure is Failure.REJECTED:
                    raise SendError(read.description) from error
                if read.failure is Failure.RETRY_AFTER and waits < 20:
                    waits += 1
                    delay = min(read.retry_after or 1.0, self.max_retry_after)
                    logger.info("%s: 429, waiting %.1fs", self.platform, delay)
                    await asyncio.sleep(delay)
                    continue
                failures += 1
                if failures >= self.attempts:
                    raise SendError(read.description) from error
                delay = self.backoff * 2 ** (failures - 1)
                await asyncio.sleep(delay + random.uniform(0, delay / 2))
