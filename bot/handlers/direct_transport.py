"""A platform through the Bot API's JSON itself, over aiohttp: no framework, no models.

The frameworks build a model for every update read and every request sent (aiogram's ~460
pydantic types cost ~170 MB at import alone: issue #14). Here an update is read through a
`JsonView` of its dict, a request is the JSON of the method's parameters (a file from disk goes
as multipart), and an error answer is an `ApiError` read by `classify_status`. The keyboards come
from `bot/handlers/markup.py`, as for the frameworks.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp

from bot.handlers.json_view import JsonView, update_view
from bot.handlers.markup import markup_json
from bot.handlers.transport import ApiError, Transport, classify_status
from bot.messages.replies import Attachment, Reply
from bot.messages.sender import Classified, Failure

#: sendPhoto / sendDocument and the name of their file parameter, by attachment kind.
_FILE_METHODS = {"photo": ("sendPhoto", "photo"), "document": ("sendDocument", "document")}


def _given(params: dict[str, Any]) -> dict[str, Any]:
    """*params* without the ones left out (None): an optional parameter is absent, not null."""
    return {key: value for key, value in params.items() if value is not None}


def _message_id(result: Any) -> int:
    if not isinstance(result, dict) or not isinstance(result.get("message_id"), int):
        # Answered ok, so likely sent: rejected (not retried, which could send it twice).
        raise ApiError(200, f"the platform's answer has no message_id: {result!r:.200}")
    return int(result["message_id"])


class DirectTransport(Transport):
    """Telegram or Bale through plain Bot API calls."""

    framework = "direct"

    async def open(self) -> str:
        me = await self.raw_call("getMe", {})
        self.username = str(me.get("username") or "") if isinstance(me, dict) else ""
        return self.username

    async def _close_framework(self) -> None:
        return None  # nothing but the HTTP session, which `close` ends

    def parse(self, raw: dict[str, Any]) -> Any:
        return update_view(raw)

    async def send_message(self, chat_id: int, text: str, reply: Reply | None) -> int:
        markup = markup_json(reply, self.profile)
        params = {"chat_id": chat_id, "text": text, "reply_markup": markup}
        return _message_id(await self.raw_call("sendMessage", _given(params)))

    async def send_file(self, chat_id: int, attachment: Attachment) -> int:
        method, field = _FILE_METHODS.get(attachment.kind, _FILE_METHODS["document"])
        by_id = attachment.by_id_on(self.profile.name)
        if by_id is not None:
            return _message_id(await self.raw_call(method, {"chat_id": chat_id, field: by_id}))
        if attachment.path is None:
            raise ValueError("an attachment needs this platform's file id or a path")
        path = Path(attachment.path)
        data = await asyncio.to_thread(path.read_bytes)
        form = aiohttp.FormData()
        form.add_field("chat_id", str(chat_id))
        form.add_field(field, data, filename=attachment.name or path.name)
        return _message_id(await self.raw_call(method, {}, timeout=120.0, form=form))

    async def answer_callback(self, callback_id: str, text: str | None) -> None:
        await self.raw_call(
            "answerCallbackQuery", _given({"callback_query_id": callback_id, "text": text})
        )

    async def set_commands(self, commands: list[tuple[str, str]], language: str | None) -> None:
        listed = [{"command": name, "description": text} for name, text in commands]
        await self.raw_call(
            "setMyCommands", _given({"commands": listed, "language_code": language})
        )

    async def set_webhook(self, url: str, secret: str | None) -> None:
        await self.raw_call("setWebhook", _given({"url": url, "secret_token": secret}))

    async def delete_webhook(self) -> None:
        await self.raw_call("deleteWebhook", {})

    async def download(self, file_id: str, limit: int) -> bytes:
        found = await self.raw_call("getFile", {"file_id": file_id})
        found = found if isinstance(found, dict) else {}
        size = found.get("file_size")
        if isinstance(size, int) and size > limit:
            raise ValueError(f"file of {size} bytes is over the limit of {limit}")
        file_path = found.get("file_path")
        if not file_path:
            raise ValueError("the platform gave no file path")
        url = f"{self.api_url}/file/bot{self.token}/{file_path}"
        async with self.http.get(url, timeout=aiohttp.ClientTimeout(total=120.0)) as response:
            if response.status != 200:
                # The URL holds the token: the error names the status alone.
                raise ApiError(response.status, f"the file download answered {response.status}")
            if response.content_length is not None and response.content_length > limit:
                raise ValueError(
                    f"file of {response.content_length} bytes is over the limit of {limit}"
                )
            data = bytearray()
            async for chunk in response.content.iter_chunked(64 * 1024):
                data += chunk
                if len(data) > limit:
                    raise ValueError(f"file of over {limit} bytes is over the limit of {limit}")
        return bytes(data)

    def parse_webhook_info(self, raw: dict[str, Any]) -> Any:
        return JsonView(raw)

    def classify(self, error: BaseException) -> Classified | None:
        if isinstance(error, ApiError):
            return classify_status(error.status, error.description, error.retry_after)
        if isinstance(error, aiohttp.ClientError | TimeoutError | ConnectionError):
            return Classified(Failure.TRANSIENT, f"{type(error).__name__}: {error}")
        return None
