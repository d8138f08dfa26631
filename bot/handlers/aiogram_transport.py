"""A platform through aiogram: its Bot for calls, its models to read updates; nothing else of it.

aiogram's Dispatcher, FSM and run loop are not used: the engine owns conversations and Daftar owns
the event loop and the signals.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    FSInputFile,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
    WebhookInfo,
)

from bot.handlers.markup import markup_json
from bot.handlers.transport import Transport, classify_status
from bot.messages.replies import Attachment, Reply
from bot.messages.sender import Classified, Failure

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


class AiogramTransport(Transport):
    """Telegram or Bale through aiogram."""

    framework = "aiogram"

    async def open(self) -> str:
        session = AiohttpSession(api=TelegramAPIServer.from_base(self.api_url))
        self.bot = Bot(self.token, session=session)
        me = await self.bot.get_me()
        self.username = me.username or ""
        return self.username

    async def _close_framework(self) -> None:
        if hasattr(self, "bot"):
            await self.bot.session.close()

    def parse(self, raw: dict[str, Any]) -> Any:
        return Update.model_validate(raw, context={"bot": self.bot})

    def _markup(self, reply: Reply | None) -> Markup | None:
        found = markup_json(reply, self.profile)
        if found is None:
            return None
        if "inline_keyboard" in found:
            return InlineKeyboardMarkup.model_validate(found)
        if "keyboard" in found:
            return ReplyKeyboardMarkup.model_validate(found)
        return ReplyKeyboardRemove.model_validate(found)

    async def send_message(self, chat_id: int, text: str, reply: Reply | None) -> int:
        sent = await self.bot.send_message(
            chat_id=chat_id, text=text, reply_markup=self._markup(reply)
        )
        return sent.message_id

    async def send_file(self, chat_id: int, attachment: Attachment) -> int:
        by_id = attachment.by_id_on(self.profile.name)
        if by_id is None and attachment.path is None:
            raise ValueError("an attachment needs this platform's file id or a path")
        what: Any = (
            by_id if by_id is not None else FSInputFile(str(attachment.path), attachment.name)
        )
        if attachment.kind == "photo":
            sent = await self.bot.send_photo(chat_id=chat_id, photo=what)
        else:
            sent = await self.bot.send_document(chat_id=chat_id, document=what)
        return sent.message_id

    async def answer_callback(self, callback_id: str, text: str | None) -> None:
        await self.bot.answer_callback_query(callback_query_id=callback_id, text=text)

    async def set_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        await self.bot.set_my_commands(
            commands=[BotCommand(command=name, description=text) for name, text in commands],
            language_code=language,
        )

    async def set_webhook(self, url: str, secret: str | None) -> None:
        await self.bot.set_webhook(url=url, secret_token=secret)

    async def delete_webhook(self) -> None:
        await self.bot.delete_webhook()

    async def download(self, file_id: str, limit: int) -> bytes:
        found = await self.bot.get_file(file_id)
        if found.file_size and found.file_size > limit:
            raise ValueError(f"file of {found.file_size} bytes is over the limit of {limit}")
        if not found.file_path:
            raise ValueError("the platform gave no file path")
        data = await self.bot.download_file(found.file_path)
        return data.read() if data is not None else b""

    def parse_webhook_info(self, raw: dict[str, Any]) -> Any:
        return WebhookInfo.model_validate(raw)

    def classify(self, error: BaseException) -> Classified | None:
        if isinstance(error, TelegramRetryAfter):
            return Classified(Failure.RETRY_AFTER, error.message, float(error.retry_after))
        if isinstance(error, TelegramForbiddenError):
            return Classified(Failure.RECIPIENT_GONE, error.message)
        if isinstance(error, TelegramBadRequest | TelegramNotFound):
            return classify_status(400, error.message)
        if isinstance(error, TelegramServerError | TelegramNetworkError):
            return Classified(Failure.TRANSIENT, str(error))
        if isinstance(error, TelegramAPIError):
            return Classified(Failure.REJECTED, error.message)
        if isinstance(error, TimeoutError | ConnectionError):
            return Classified(Failure.TRANSIENT, repr(error))
        return None
