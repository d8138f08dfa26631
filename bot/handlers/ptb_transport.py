"""A platform through python-telegram-bot: its Bot for calls, its classes to read updates.

No Application, ConversationHandler, persistence or run_polling: the engine owns conversations and
Daftar owns the event loop and the signals. The Bot is started and stopped with its own
initialize() and shutdown().
"""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

# Opt in to python-telegram-bot's coming behaviour (retry_after as a timedelta), read at import.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
    WebhookInfo,
)
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from bot.handlers.markup import markup_json
from bot.handlers.transport import Transport, classify_status
from bot.messages.replies import Attachment, Reply
from bot.messages.sender import Classified, Failure

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def _read(attachment: Attachment) -> bytes:
    return Path(str(attachment.path)).read_bytes()


class PtbTransport(Transport):
    """Telegram or Bale through python-telegram-bot."""

    framework = "ptb"

    async def open(self) -> str:
        self.bot = Bot(
            token=self.token,
            base_url=f"{self.api_url}/bot",
            base_file_url=f"{self.api_url}/file/bot",
            request=HTTPXRequest(connection_pool_size=16),
        )
        await self.bot.initialize()
        self.username = self.bot.username or ""
        return self.username

    async def _close_framework(self) -> None:
        if hasattr(self, "bot"):
            await self.bot.shutdown()

    def parse(self, raw: dict[str, Any]) -> Any:
        update = Update.de_json(raw, self.bot)
        if update is None:
            raise ValueError("empty update")
        return update

    def _markup(self, reply: Reply | None) -> Markup | None:
        found = markup_json(reply, self.profile)
        if found is None:
            return None
        if "inline_keyboard" in found:
            return InlineKeyboardMarkup.de_json(found, self.bot)
        if "keyboard" in found:
            rows = [[KeyboardButton.de_json(k, self.bot) for k in row] for row in found["keyboard"]]
            return ReplyKeyboardMarkup(rows, resize_keyboard=found.get("resize_keyboard"))
        return ReplyKeyboardRemove()

    async def send_message(self, chat_id: int, text: str, reply: Reply | None) -> int:
        sent = await self.bot.send_message(
            chat_id=chat_id, text=text, reply_markup=self._markup(reply)
        )
        return sent.message_id

    async def send_file(self, chat_id: int, attachment: Attachment) -> int:
        by_id = attachment.by_id_on(self.profile.name)
        if by_id is None and attachment.path is None:
            raise ValueError("an attachment needs this platform's file id or a path")
        sent = await asyncio.to_thread(_read, attachment) if by_id is None else None
        what: Any = by_id if by_id is not None else InputFile(sent or b"", filename=attachment.name)
        if attachment.kind == "photo":
            message = await self.bot.send_photo(chat_id=chat_id, photo=what)
        else:
            message = await self.bot.send_document(chat_id=chat_id, document=what)
        return message.message_id

    async def answer_callback(self, callback_id: str, text: str | None) -> None:
        await self.bot.answer_callback_query(callback_query_id=callback_id, text=text)

    async def set_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        await self.bot.set_my_commands(
            [BotCommand(name, text) for name, text in commands], language_code=language
        )

    async def set_webhook(self, url: str, secret: str | None) -> None:
        await self.bot.set_webhook(url=url, secret_token=secret)

    async def delete_webhook(self) -> None:
        await self.bot.delete_webhook()

    async def download(self, file_id: str, limit: int) -> bytes:
        found = await self.bot.get_file(file_id)
        if found.file_size and found.file_size > limit:
            raise ValueError(f"file of {found.file_size} bytes is over the limit of {limit}")
        return bytes(await found.download_as_bytearray())

    def parse_webhook_info(self, raw: dict[str, Any]) -> Any:
        return WebhookInfo.de_json(raw, self.bot)

    def classify(self, error: BaseException) -> Classified | None:
        if isinstance(error, RetryAfter):
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            return Classified(Failure.RETRY_AFTER, error.message, seconds)
        if isinstance(error, Forbidden):
            return Classified(Failure.RECIPIENT_GONE, error.message)
        if isinstance(error, BadRequest):
            return classify_status(400, error.message)
        if isinstance(error, TimedOut | NetworkError):
            return Classified(Failure.TRANSIENT, error.message)
        if isinstance(error, TelegramError):
            return Classified(Failure.REJECTED, error.message)
        if isinstance(error, TimeoutError | ConnectionError):
            return Classified(Failure.TRANSIENT, repr(error))
        return None
