"""A fake Bot API server for end-to-end tests: Telegram's, or Bale's, on 127.0.0.1.

    async with FakeBotApi(platform="bale") as api:
        ...  # point the bot at api.base_url with api.token
        api.send_text(42, "/start")
        await api.wait_for_message(42)
        api.assert_no_violations()

Every request is validated (see ``spec.py``): a violation is answered with HTTP 400 and kept in
``api.violations``. The control API (plain Python methods) builds realistic updates and queues
them for getUpdates or posts them to the webhook (one at a time, or with
``webhook_connections=N`` over up to N connections, or setWebhook's max_connections if fewer, as
the real platform does: never two updates of one chat at once); faults (429, 5xx, delays,
dropped connections) can be injected per method.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import random
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from tests.fakebotapi import media
from tests.fakebotapi import updates as build
from tests.fakebotapi.media import SentFile
from tests.fakebotapi.spec import (
    Upload,
    Validator,
    load_bale_profile,
    load_telegram_spec,
)
from tests.fakebotapi.updates import Platform

T = TypeVar("T")

DEFAULT_TOKEN = "123456:TEST"
DEFAULT_GROUP_MEMBER = 555000111
POLL_INTERVAL = 0.01
MAX_UPLOAD_BYTES = 60 * 1024 * 1024
DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024
ANY_METHOD = "*"

_ERROR_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class ApiError(Exception):
    """An answer of the API that is not a violation: chat not found, message not modified..."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class Call:
    """One request the bot made."""

    method: str  # the documented name; as requested when the method is unknown
    params: dict[str, Any]  # decoded (typed) when valid; as received otherwise
    timestamp: float  # time.monotonic() on arrival
    token: str
    http_method: str
    content_type: str
    status: int | None = None  # the HTTP status answered; None while pending or when dropped
    response: dict[str, Any] | None = None
    violations: list[str] = field(default_factory=list)
    fault: str | None = None  # the injected fault that shaped the answer, if any
    answered_at: float | None = None

    def __str__(self) -> str:
        shown = ", ".join(f"{key}={_short(value)}" for key, value in self.params.items())
        status = "dropped" if self.fault == "drop" else self.status
        return f"{self.method}({shown}) -> {status}"


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value) if not isinstance(value, Upload) else f"<upload {value.filename}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass
class WebhookDelivery:
    """One attempt to post an update to the webhook."""

    update_id: int
    attempt: int
    url: str
    status: int | None  # None when the connection failed
    error: str | None
    timestamp: float
    secret_token: str | None


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    mime_type: str | None = None


@dataclass
class _Fault:
    kind: str  # "fail" or "drop"
    remaining: int
    status: int = 0
    description: str = ""
    retry_after: int | None = None
    effect: bool = False


@dataclass
class _Delay:
    seconds: float
    remaining: int


@dataclass
class _Chaos:
    rng: random.Random
    rate_429: float
    rate_500: float
    retry_after: int


@dataclass
class _ChatState:
    chat: dict[str, Any]
    chat_instance: str
    user: dict[str, Any] | None = None
    next_message_id: int = 1
    bot_messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    user_message_ids: set[int] = field(default_factory=set)
    history: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    reply_keyboard: dict[str, Any] | None = None

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


class FakeBotApi:
    """A fake Telegram (or Bale) Bot API server that checks every request against the spec."""

    def __init__(
        self,
        platform: Platform = "telegram",
        *,
        token: str = DEFAULT_TOKEN,
        spec_dir: Path | None = None,
        strict_chats: bool = False,
        webhook_attempts: int = 3,
        webhook_retry_delay: float = 0.05,
        webhook_timeout: float = 5.0,
        webhook_connections: int = 1,
        seed: int = 0,
    ) -> None:
        if platform not in ("telegram", "bale"):
            raise ValueError(f"platform must be 'telegram' or 'bale', not {platform!r}")
        self.platform: Platform = platform
        self.token = token
        self.strict_chats = strict_chats
        self.webhook_attempts = webhook_attempts
        self.webhook_retry_delay = webhook_retry_delay
        self.webhook_timeout = webhook_timeout
        if webhook_connections < 1:
            raise ValueError("webhook_connections: at least 1")
        # How many updates the webhook has in flight at once, at most (setWebhook's
        # max_connections may lower it); 1, the default, posts them one after another.
        self.webhook_connections = webhook_connections
        spec = load_telegram_spec(spec_dir)
        bale = load_bale_profile(spec_dir) if platform == "bale" else None
        self.validator = Validator(spec, bale)

        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.warnings: list[str] = []
        self.answered_callbacks: list[dict[str, Any]] = []
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.webhook_given_up: list[dict[str, Any]] = []
        self.downloads: list[str] = []
        self.sent_files: list[SentFile] = []
        self.queued: list[dict[str, Any]] = []  # every update the control API made, as made
        self.commands: dict[str, list[dict[str, Any]]] = {}

        self._rng = random.Random(seed)
        self._next_update_id = 700_000_001
        self._pending: list[dict[str, Any]] = []
        self._allowed_updates: list[str] = []
        self._wakeup = asyncio.Event()
        self._poll_generation = 0
        self._poll_superseded_by = ""
        self._closing = False
        self._chats: dict[int, _ChatState] = {}
        self._callbacks: dict[str, dict[str, Any]] = {}
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[_Delay]] = {}
        self._chaos: dict[str, _Chaos] = {}
        self._webhook_url = ""
        self._webhook_secret: str | None = None
        self._webhook_max_connections: int | None = None
        self._webhook_last_error: tuple[int, str] | None = None
        self._webhook_tasks: list[asyncio.Task[None]] = []
        # The updates being posted (by id(update)), each with its chat: one of a chat at a time.
        self._webhook_in_flight: dict[int, object] = {}
        self._runner: web.AppRunner | None = None
        self._client: ClientSession | None = None
        self._port: int | None = None
        self._handlers: dict[str, Callable[[dict[str, Any]], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "sendChatAction": self._send_chat_action,
            "getFile": self._get_file,
            "deleteMessage": self._delete_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
        }

    # -- life cycle -----------------------------------------------------------------------

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = int(sock.getsockname()[1])
        await web.SockSite(self._runner, sock).start()
        self._client = ClientSession()

    async def stop(self) -> None:
        self._closing = True
        self._notify()
        for task in self._webhook_tasks:
            task.cancel()
        for task in self._webhook_tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._webhook_tasks = []
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._client is not None:
            await self._client.close()
            self._client = None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the fake Bot API is not running: use `async with FakeBotApi()`")
        return self._port

    @property
    def base_url(self) -> str:
        """Where the API is: clients call {base_url}/bot{token}/{method}."""
        return f"http://127.0.0.1:{self.port}"

    def method_url(self, method: str, token: str | None = None) -> str:
        return f"{self.base_url}/bot{token or self.token}/{method}"

    def file_url(self, file_path: str, token: str | None = None) -> str:
        return f"{self.base_url}/file/bot{token or self.token}/{file_path}"

    # -- HTTP -----------------------------------------------------------------------------

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, Upload], list[str]]:
        params: dict[str, Any] = dict(request.query)
        uploads: dict[str, Upload] = {}
        problems: list[str] = []
        if not request.can_read_body:
            return params, uploads, problems
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = json.loads(await request.text())
            except ValueError as error:
                return params, uploads, [f"can't parse JSON body: {error}"]
            if not isinstance(body, dict):
                return params, uploads, ["a JSON body must be an object"]
            params.update(body)
        elif content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    upload = Upload(key, value.filename, value.content_type, value.file.read())
                    uploads[key] = upload
                    params[key] = upload
                else:
                    params[key] = value
        elif await request.read():
            problems.append(f"unsupported Content-Type {content_type!r}")
        return params, uploads, problems

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        arrived = time.monotonic()
        name = request.match_info["method"]
        content_type = request.content_type if request.can_read_body else ""
        raw, uploads, problems = await self._read_params(request)
        checked = self.validator.check_request(name, raw, uploads)
        problems = problems + checked.problems
        method = checked.method or name
        call = Call(
            method=method,
            params=_attached(checked.params, uploads) if not problems else dict(raw),
            timestamp=arrived,
            token=request.match_info["token"],
            http_method=request.method,
            content_type=content_type,
        )
        self.calls.append(call)
        self.warnings.extend(checked.warnings)
        if problems:
            call.violations = [f"{method}: {problem}" for problem in problems]
            self.violations.extend(call.violations)
            return self._answer(
                call, 400, ApiError(400, "Bad Request: " + "; ".join(problems)).body()
            )
        handler = self._handlers.get(method)
        if handler is None:
            violation = f"{method}: valid, but the fake Bot API does not implement it"
            call.violations = [violation]
            self.violations.append(violation)
            body = ApiError(501, f"Not Implemented: the fake does not implement {method}").body()
            return self._answer(call, 501, body)

        delay = self._take_delay(method)
        if delay is not None:
            call.fault = f"delay {delay}s"
            await asyncio.sleep(delay)
        fault = self._take_fault(method)
        if fault is not None and fault.kind == "drop":
            call.fault = "drop"
            if fault.effect:
                with contextlib.suppress(ApiError):
                    await handler(call.params)
            call.answered_at = time.monotonic()
            if request.transport is not None:
                request.transport.abort()
            return web.Response()
        if fault is not None:
            call.fault = f"fail {fault.status}"
            error = ApiError(fault.status, fault.description, fault.retry_after)
            return self._answer(call, fault.status, error.body())
        try:
            result = await handler(call.params)
        except ApiError as error:
            return self._answer(call, error.status, error.body())
        return self._answer(call, 200, {"ok": True, "result": result})

    def _answer(self, call: Call, status: int, body: dict[str, Any]) -> web.Response:
        call.status = status
        call.response = body
        call.answered_at = time.monotonic()
        return web.json_response(body, status=status, dumps=_dumps)

    async def _download(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["file_path"]
        stored = self._files_by_path.get(path)
        if stored is None:
            return web.json_response(ApiError(404, "Not Found").body(), status=404)
        self.downloads.append(path)
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    # -- faults ---------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        times: int = 1,
        status: int = 429,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next `times` valid calls of `method` ("*": any) with an error.

        429 carries parameters.retry_after. The call is recorded with that status and has no
        effect (no message is stored).
        """
        if description is None:
            base = _ERROR_DESCRIPTIONS.get(status, "Error")
            description = f"{base}: retry after {retry_after}" if status == 429 else base
        fault = _Fault(
            "fail",
            times,
            status=status,
            description=description,
            retry_after=retry_after if status == 429 else None,
        )
        self._faults.setdefault(method, []).append(fault)

    def drop(self, method: str, *, times: int = 1, effect: bool = False) -> None:
        """Close the connection of the next `times` calls of `method` without an answer.

        With effect=True the call takes effect first (a sent message is stored), as when a
        response is lost on its way back.
        """
        self._faults.setdefault(method, []).append(_Fault("drop", times, effect=effect))

    def delay(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Hold the next `times` calls of `method` for `seconds` before handling them."""
        self._delays.setdefault(method, []).append(_Delay(seconds, times))

    def chaos(
        self,
        method: str,
        *,
        rate_429: float = 0.10,
        rate_500: float = 0.05,
        retry_after: int = 1,
        seed: int | None = None,
    ) -> None:
        """Fail calls of `method` ("*": any) at random: 429 at rate_429, 500 at rate_500.

        Rates of 0 switch it off. Explicit faults (fail/drop) take precedence.
        """
        if rate_429 <= 0 and rate_500 <= 0:
            self._chaos.pop(method, None)
            return
        self._chaos[method] = _Chaos(random.Random(seed), rate_429, rate_500, retry_after)

    def clear_faults(self) -> None:
        self._faults.clear()
        self._delays.clear()
        self._chaos.clear()

    def _take_delay(self, method: str) -> float | None:
        for key in (method, ANY_METHOD):
            for delay in self._delays.get(key, []):
                if delay.remaining > 0:
                    delay.remaining -= 1
                    return delay.seconds
        return None

    def _take_fault(self, method: str) -> _Fault | None:
        for key in (method, ANY_METHOD):
            for fault in self._faults.get(key, []):
                if fault.remaining > 0:
                    fault.remaining -= 1
                    return fault
        for key in (method, ANY_METHOD):
            chaos = self._chaos.get(key)
            if chaos is None:
                continue
            roll = chaos.rng.random()
            if roll < chaos.rate_429:
                return _Fault(
                    "fail",
                    1,
                    status=429,
                    description=f"Too Many Requests: retry after {chaos.retry_after}",
                    retry_after=chaos.retry_after,
                )
            if roll < chaos.rate_429 + chaos.rate_500:
                return _Fault("fail", 1, status=500, description="Internal Server Error")
            return None
        return None

    # -- method handlers ------------------------------------------------------------------

    async def _get_me(self, params: dict[str, Any]) -> Any:
        return build.get_me(self.platform)

    async def _get_updates(self, params: dict[str, Any]) -> Any:
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self._supersede_poll(
            "terminated by other getUpdates request; make sure that only one "
            "bot instance is running"
        )
        generation = self._poll_generation
        if "allowed_updates" in params:
            self._allowed_updates = list(params["allowed_updates"])
        offset = params.get("offset")
        if isinstance(offset, int):
            self._confirm(offset)
        limit = min(max(int(params.get("limit", 100)), 1), 100)
        deadline = time.monotonic() + max(int(params.get("timeout", 0)), 0)
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, f"Conflict: {self._poll_superseded_by}")
            batch = self._select(limit)
            remaining = deadline - time.monotonic()
            if batch or self._closing or remaining <= 0:
                return copy.deepcopy(batch)
            wakeup = self._wakeup
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), timeout=remaining)

    def _supersede_poll(self, reason: str) -> None:
        self._poll_generation += 1
        self._poll_superseded_by = reason
        self._notify()

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self._pending = self._pending[offset:]
        else:
            self._pending = [u for u in self._pending if _update_id(u) >= offset]

    def _select(self, limit: int) -> list[dict[str, Any]]:
        if self._allowed_updates:
            allowed = set(self._allowed_updates)
            self._pending = [u for u in self._pending if _kind_of(u) in allowed | {None}]
        return self._pending[:limit]

    async def _set_webhook(self, params: dict[str, Any]) -> Any:
        url = params["url"]
        if not url:
            return await self._delete_webhook(params)
        self._webhook_url = url
        self._webhook_secret = params.get("secret_token")
        self._webhook_max_connections = params.get("max_connections")
        if "allowed_updates" in params:
            self._allowed_updates = list(params["allowed_updates"])
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self._supersede_poll("terminated by setWebhook request")
        self._webhook_tasks = [task for task in self._webhook_tasks if not task.done()]
        connections = min(self.webhook_connections, self._webhook_max_connections or 40)
        while len(self._webhook_tasks) < connections:
            self._webhook_tasks.append(
                asyncio.get_running_loop().create_task(self._webhook_worker())
            )
        self._notify()
        return True

    async def _delete_webhook(self, params: dict[str, Any]) -> Any:
        self._webhook_url = ""
        self._webhook_secret = None
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self._notify()
        return True

    async def _get_webhook_info(self, params: dict[str, Any]) -> Any:
        if self.platform == "bale":
            return {"url": self._webhook_url}
        info: dict[str, Any] = {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self._webhook_url:
            info["max_connections"] = self._webhook_max_connections or 40
            info["ip_address"] = "127.0.0.1"
            if self._allowed_updates:
                info["allowed_updates"] = list(self._allowed_updates)
        if self._webhook_last_error is not None:
            info["last_error_date"], info["last_error_message"] = self._webhook_last_error
        return info

    async def _send_message(self, params: dict[str, Any]) -> Any:
        state = self._chat_for(params["chat_id"])
        reply_to = params.get("reply_to_message_id")
        reply_parameters = params.get("reply_parameters")
        if isinstance(reply_parameters, dict):
            reply_to = reply_parameters.get("message_id")
        replied: dict[str, Any] | None = None
        if isinstance(reply_to, int):
            replied = state.bot_messages.get(reply_to)
            if replied is None and reply_to in state.user_message_ids:
                replied = {"message_id": reply_to, "chat": copy.deepcopy(state.chat)}
            if replied is None and not (
                isinstance(reply_parameters, dict)
                and reply_parameters.get("allow_sending_without_reply")
            ):
                raise ApiError(400, "Bad Request: message to be replied not found")
        message: dict[str, Any] = {
            "message_id": state.take_message_id(),
            "from": build.bot_user(self.platform),
            "chat": copy.deepcopy(state.chat),
            "date": build.now(),
            "text": params["text"],
        }
        if replied is not None:
            message["reply_to_message"] = build.wire_message(replied)
        markup = params.get("reply_markup")
        if markup is not None:
            message["reply_markup"] = markup
            if "keyboard" in markup:
                state.reply_keyboard = markup
            elif "remove_keyboard" in markup:
                state.reply_keyboard = None
        state.bot_messages[message["message_id"]] = message
        state.history.append(("sendMessage", copy.deepcopy(message)))
        return build.wire_message(message)

    async def _send_photo(self, params: dict[str, Any]) -> Any:
        return self._send_media("sendPhoto", "photo", params)

    async def _send_document(self, params: dict[str, Any]) -> Any:
        return self._send_media("sendDocument", "document", params)

    def _send_media(self, method: str, kind: str, params: dict[str, Any]) -> Any:
        """sendPhoto or sendDocument: by a file_id this platform holds, or an upload."""
        state = self._chat_for(params["chat_id"])
        sent = params[kind]
        if isinstance(sent, Upload):
            problem = media.upload_problem(kind, sent, self.validator.bale)
            if problem is not None:
                raise ApiError(413 if problem.startswith("Request Entity") else 400, problem)
            suffix = Path(sent.filename).suffix if sent.filename else ""
            stored = self._register_file(
                media.MEDIA_FOLDERS[kind], suffix, sent.data, media.mime_type_of(sent)
            )
            by_id, filename, file_name = None, sent.filename, sent.filename
        else:
            held = self._files.get(sent)
            problem = media.by_id_problem(kind, _held_as(held))
            if problem is not None or held is None:
                raise ApiError(400, problem or media.WRONG_FILE)
            # The API answers with a file_id of its own for the same file (same unique id).
            file_id, _ = build.new_file_ids(held.file_id[:15])
            stored = StoredFile(
                file_id, held.file_unique_id, held.file_path, held.data, held.mime_type
            )
            self._files[file_id] = stored
            by_id, filename, file_name = sent, None, held.file_path.rsplit("/", 1)[-1]
        message: dict[str, Any] = {
            "message_id": state.take_message_id(),
            "from": build.bot_user(self.platform),
            "chat": copy.deepcopy(state.chat),
            "date": build.now(),
        }
        if kind == "photo":
            message["photo"] = media.photo_sizes(
                stored.file_id, stored.file_unique_id, len(stored.data)
            )
        else:
            message["document"] = media.document_object(
                stored.file_id, stored.file_unique_id, len(stored.data), file_name, stored.mime_type
            )
        caption = params.get("caption")
        if caption is not None:
            message["caption"] = caption
        markup = params.get("reply_markup")
        if markup is not None:
            message["reply_markup"] = markup
        state.bot_messages[message["message_id"]] = message
        state.history.append((method, copy.deepcopy(message)))
        self.sent_files.append(
            SentFile(
                method=method,
                chat_id=int(state.chat["id"]),
                kind=kind,
                message_id=message["message_id"],
                file_id=stored.file_id,
                by_file_id=by_id,
                filename=filename,
                data=stored.data,
                caption=caption,
            )
        )
        return build.wire_message(message)

    def _message_to_edit(self, params: dict[str, Any]) -> tuple[_ChatState, dict[str, Any]]:
        if "inline_message_id" in params:
            raise ApiError(400, "Bad Request: the fake has no inline messages")
        state = self._chat_for(params["chat_id"])
        message_id = params["message_id"]
        message = state.bot_messages.get(message_id)
        if message is None:
            if message_id in state.user_message_ids:
                raise ApiError(400, "Bad Request: message can't be edited")
            raise ApiError(400, "Bad Request: message to edit not found")
        return state, message

    async def _edit_message_text(self, params: dict[str, Any]) -> Any:
        state, message = self._message_to_edit(params)
        markup = params.get("reply_markup")
        old_markup = build.wire_message(message).get("reply_markup")
        if message.get("text") == params["text"] and old_markup == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        message["text"] = params["text"]
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = build.now()
        state.history.append(("editMessageText", copy.deepcopy(message)))
        return build.wire_message(message)

    async def _edit_message_reply_markup(self, params: dict[str, Any]) -> Any:
        state, message = self._message_to_edit(params)
        markup = params.get("reply_markup")
        if build.wire_message(message).get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = build.now()
        state.history.append(("editMessageReplyMarkup", copy.deepcopy(message)))
        return build.wire_message(message)

    async def _answer_callback_query(self, params: dict[str, Any]) -> Any:
        query_id = params["callback_query_id"]
        pressed = self._callbacks.get(query_id)
        if pressed is None or pressed["answered"]:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        pressed["answered"] = True
        self.answered_callbacks.append(
            {
                "callback_query_id": query_id,
                "text": params.get("text"),
                "show_alert": params.get("show_alert", False),
                "url": params.get("url"),
                "cache_time": params.get("cache_time"),
                "chat_id": pressed["chat_id"],
                "message_id": pressed["message_id"],
                "data": pressed["data"],
                "old_client": pressed["old_client"],
                "timestamp": time.monotonic(),
            }
        )
        return True

    async def _set_my_commands(self, params: dict[str, Any]) -> Any:
        scope = params.get("scope") or {"type": "default"}
        key = json.dumps(scope, sort_keys=True) + "|" + str(params.get("language_code") or "")
        self.commands[key] = list(params["commands"])
        return True

    async def _send_chat_action(self, params: dict[str, Any]) -> Any:
        self._chat_for(params["chat_id"])
        return True

    async def _get_file(self, params: dict[str, Any]) -> Any:
        stored = self._files.get(params["file_id"])
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if len(stored.data) > DOWNLOAD_LIMIT_BYTES:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    async def _delete_message(self, params: dict[str, Any]) -> Any:
        state = self._chat_for(params["chat_id"])
        message_id = params["message_id"]
        if state.bot_messages.pop(message_id, None) is not None:
            return True
        if message_id in state.user_message_ids:
            state.user_message_ids.discard(message_id)
            return True
        raise ApiError(400, "Bad Request: message to delete not found")

    # -- chats ----------------------------------------------------------------------------

    def _chat_for(self, chat_ref: int | str) -> _ChatState:
        if isinstance(chat_ref, str):
            for state in self._chats.values():
                if "@" + str(state.chat.get("username", "")) == chat_ref:
                    return state
            raise ApiError(400, "Bad Request: chat not found")
        known = self._chats.get(chat_ref)
        if known is not None:
            return known
        if self.strict_chats:
            raise ApiError(400, "Bad Request: chat not found")
        chat_type = "private" if chat_ref > 0 else "group"
        return self._new_chat(build.chat(chat_ref, chat_type))

    def _new_chat(self, chat: dict[str, Any]) -> _ChatState:
        state = _ChatState(chat=chat, chat_instance=build.chat_instance(self._rng))
        self._chats[chat["id"]] = state
        return state

    def _sender(
        self,
        chat_id: int,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        first_name: str | None = None,
        language_code: str | None = None,
        username: str | None = None,
    ) -> tuple[_ChatState, dict[str, Any]]:
        """The chat and the user a control-API message comes from, remembered per chat."""
        build.check_id(chat_id, "chat_id")
        state = self._chats.get(chat_id)
        kind = chat_type or (state.chat["type"] if state is not None else "private")
        if kind not in build.CHAT_TYPES[self.platform]:
            raise ValueError(
                f"chat_type {kind!r} does not exist on {self.platform} "
                f"(it has {sorted(build.CHAT_TYPES[self.platform])})"
            )
        previous = state.user if state is not None else None
        if user_id is None:
            if previous is not None:
                user_id = int(previous["id"])
            else:
                user_id = chat_id if kind == "private" else DEFAULT_GROUP_MEMBER
        build.check_id(user_id, "user_id")
        if kind == "private" and user_id != chat_id:
            raise ValueError(f"a private chat's id is its user's id: {chat_id} != {user_id}")
        same = previous is not None and previous["id"] == user_id
        sender = build.user(
            user_id,
            first_name=first_name or (previous["first_name"] if same and previous else "Test"),
            username=username or (previous.get("username") if same and previous else None),
            language_code=language_code
            or (previous.get("language_code") if same and previous else None),
        )
        chat = build.chat(
            chat_id,
            kind,
            first_name=sender["first_name"],
            username=sender.get("username"),
        )
        if state is None:
            state = self._new_chat(chat)
        else:
            state.chat = chat
        state.user = sender
        return state, sender

    # -- the control API: what users do ----------------------------------------------------

    def _user_message(
        self, state: _ChatState, sender: dict[str, Any], content: dict[str, Any]
    ) -> int:
        message_id = state.take_message_id()
        state.user_message_ids.add(message_id)
        message = {
            "message_id": message_id,
            "from": copy.deepcopy(sender),
            "chat": copy.deepcopy(state.chat),
            "date": build.now(),
            **content,
        }
        return self._queue({"message": message})

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        first_name: str | None = None,
        language_code: str | None = None,
        username: str | None = None,
    ) -> int:
        """A user writes `text` in the chat. Returns the update_id.

        The chat is private unless chat_type says otherwise (or an earlier message set it); a
        private chat's user is the chat itself; the sender is remembered for later calls.
        """
        state, sender = self._sender(
            chat_id,
            user_id=user_id,
            chat_type=chat_type,
            first_name=first_name,
            language_code=language_code,
            username=username,
        )
        return self._user_message(state, sender, {"text": text})

    def send_command(self, chat_id: int, command: str, args: str = "", **sender: Any) -> int:
        """A user sends "/command args" (with its bot_command entity). Returns the update_id."""
        command = command if command.startswith("/") else "/" + command
        text = f"{command} {args}" if args else command
        state, user = self._sender(chat_id, **sender)
        entity = {"type": "bot_command", "offset": 0, "length": build.utf16_length(command)}
        return self._user_message(state, user, {"text": text, "entities": [entity]})

    def press_button(
        self,
        chat_id: int,
        callback_data: str,
        *,
        message_id: int | None = None,
        user_id: int | None = None,
        bale_old_client: bool = False,
        check: bool = True,
    ) -> int:
        """A user presses an inline button on the bot's last message in the chat (or message_id).

        With check=True (the default) the message must carry a button with that callback_data,
        as a real client can only press what it shows. Returns the update_id; the query's id is
        in the update (and in `pending_callbacks`).
        """
        if bale_old_client and self.platform != "bale":
            raise ValueError("bale_old_client applies to Bale only")
        state = self._chats.get(chat_id)
        if state is None or not state.bot_messages:
            raise LookupError(f"the bot has sent no message to chat {chat_id} to press on")
        if message_id is None:
            message_id = max(state.bot_messages)
        message = state.bot_messages.get(message_id)
        if message is None:
            raise LookupError(f"chat {chat_id} holds no bot message {message_id}")
        if check:
            offered = [
                b.get("callback_data")
                for b in build.inline_buttons(build.wire_message(message).get("reply_markup"))
            ]
            if callback_data not in offered:
                raise ValueError(
                    f"message {message_id} in chat {chat_id} has no button with callback_data "
                    f"{callback_data!r}; it offers {offered}"
                )
        if user_id is not None or state.user is None:
            state, sender = self._sender(chat_id, user_id=user_id)
        else:
            sender = state.user
        query_id = build.callback_query_id(self.platform, self._rng, old_client=bale_old_client)
        query: dict[str, Any] = {
            "id": query_id,
            "from": copy.deepcopy(sender),
            "message": build.wire_message(copy.deepcopy(message)),
        }
        if self.platform == "telegram":
            query["chat_instance"] = state.chat_instance
        query["data"] = callback_data
        self._callbacks[query_id] = {
            "chat_id": chat_id,
            "message_id": message_id,
            "data": callback_data,
            "old_client": bale_old_client,
            "answered": False,
        }
        return self._queue({"callback_query": query})

    def press_keyboard(self, chat_id: int, text: str) -> int:
        """A user taps a button of the reply keyboard the chat holds.

        A plain button sends its text; a request_contact button shares the user's own contact;
        a request_location button sends a location.
        """
        state = self._chats.get(chat_id)
        keyboard = state.reply_keyboard if state is not None else None
        buttons = build.keyboard_buttons(keyboard)
        for button in buttons:
            if button.get("text") == text:
                if button.get("request_contact"):
                    return self.send_contact(chat_id, "+989121234567")
                if button.get("request_location"):
                    return self.send_location(chat_id)
                return self.send_text(chat_id, text)
        raise ValueError(
            f"chat {chat_id} holds no reply keyboard button {text!r}; "
            f"it has {[b.get('text') for b in buttons]}"
        )

    def send_contact(
        self,
        chat_id: int,
        phone_number: str,
        *,
        contact_user_id: int | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        omit_user_id: bool = False,
        user_id: int | None = None,
    ) -> int:
        """A user shares a contact: their own by default (contact.user_id = the sender's id).

        On Bale contact.user_id carries only 32 significant bits, as Bale sends it.
        """
        state, sender = self._sender(chat_id, user_id=user_id)
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": first_name or sender["first_name"],
        }
        if last_name is not None:
            contact["last_name"] = last_name
        if not omit_user_id:
            owner = sender["id"] if contact_user_id is None else contact_user_id
            if self.platform == "bale":
                owner &= build.BALE_CONTACT_MASK
            contact["user_id"] = owner
        return self._user_message(state, sender, {"contact": contact})

    def _register_file(self, folder: str, suffix: str, data: bytes, mime_type: str) -> StoredFile:
        file_id, unique_id = build.new_file_ids(
            {"photos": "AgACAgIAAxkBAAI", "documents": "BQACAgIAAxkBAAI"}.get(folder, "CAACAgIAAxk")
        )
        path = f"{folder}/file_{len(self._files)}{suffix}"
        stored = StoredFile(file_id, unique_id, path, data, mime_type)
        self._files[file_id] = stored
        self._files_by_path[path] = stored
        return stored

    def send_photo(
        self,
        chat_id: int,
        data: bytes = build.SAMPLE_JPEG,
        *,
        caption: str | None = None,
        user_id: int | None = None,
    ) -> int:
        """A user sends a photo: three PhotoSize of increasing size, the largest being `data`.

        The smaller sizes are stand-in thumbnails of their own; every size can be fetched with
        getFile and downloaded.
        """
        state, sender = self._sender(chat_id, user_id=user_id)
        sizes = []
        for width, height, payload in (
            (90, 67, b"\xff\xd8thumb-90x67\xff\xd9"),
            (320, 240, b"\xff\xd8medium-320x240" + b"." * 64 + b"\xff\xd9"),
            (1280, 960, data),
        ):
            stored = self._register_file("photos", ".jpg", payload, "image/jpeg")
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(payload),
                    "width": width,
                    "height": height,
                }
            )
        content: dict[str, Any] = {"photo": sizes}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(state, sender, content)

    def send_document(
        self,
        chat_id: int,
        data: bytes,
        *,
        file_name: str,
        mime_type: str,
        caption: str | None = None,
        user_id: int | None = None,
    ) -> int:
        """A user sends a file; getFile and the file URL give its bytes back."""
        state, sender = self._sender(chat_id, user_id=user_id)
        suffix = "." + file_name.rsplit(".", 1)[1] if "." in file_name else ""
        stored = self._register_file("documents", suffix, data, mime_type)
        document = {
            "file_name": file_name,
            "mime_type": mime_type,
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(data),
        }
        content: dict[str, Any] = {"document": document}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(state, sender, content)

    def send_sticker(self, chat_id: int, *, user_id: int | None = None) -> int:
        state, sender = self._sender(chat_id, user_id=user_id)
        stored = self._register_file("stickers", ".webp", build.SAMPLE_WEBP, "image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
            "file_size": len(build.SAMPLE_WEBP),
        }
        return self._user_message(state, sender, {"sticker": sticker})

    def send_voice(self, chat_id: int, *, duration: int = 3, user_id: int | None = None) -> int:
        """A user sends a voice note; on Bale without `duration` (Bale documents only ids)."""
        state, sender = self._sender(chat_id, user_id=user_id)
        stored = self._register_file("voice", ".oga", build.SAMPLE_OGG, "audio/ogg")
        voice: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
        }
        if self.platform == "telegram":
            voice.update(duration=duration, mime_type="audio/ogg", file_size=len(build.SAMPLE_OGG))
        return self._user_message(state, sender, {"voice": voice})

    def send_location(
        self,
        chat_id: int,
        *,
        latitude: float = 35.6997,
        longitude: float = 51.3380,
        user_id: int | None = None,
    ) -> int:
        state, sender = self._sender(chat_id, user_id=user_id)
        return self._user_message(
            state, sender, {"location": {"latitude": latitude, "longitude": longitude}}
        )

    def send_raw_update(self, update: dict[str, Any]) -> int:
        """Queue any JSON object as an update (malformed on purpose, if wanted).

        An update_id is assigned when it has none. Returns the update_id.
        """
        return self._queue(copy.deepcopy(update))

    def _queue(self, update: dict[str, Any]) -> int:
        update_id = update.get("update_id")
        if isinstance(update_id, int) and not isinstance(update_id, bool):
            self._next_update_id = max(self._next_update_id, update_id + 1)
        else:
            update_id = self._next_update_id
            self._next_update_id += 1
            update = {"update_id": update_id, **update}
        self._pending.append(update)
        self.queued.append(copy.deepcopy(update))
        self._notify()
        return update_id

    def _notify(self) -> None:
        self._wakeup.set()
        self._wakeup = asyncio.Event()

    # -- webhook delivery -----------------------------------------------------------------

    async def _webhook_worker(self) -> None:
        """One connection to the webhook: posts the next update it may, until the webhook goes."""
        while not self._closing and self._webhook_url:
            update = self._next_for_webhook()
            if update is None:
                wakeup = self._wakeup
                await wakeup.wait()
                continue
            self._webhook_in_flight[id(update)] = _chat_of(update)
            try:
                delivered = await self._deliver(update)
                self._pending = [u for u in self._pending if u is not update]
                if not delivered:
                    self.webhook_given_up.append(update)
            finally:
                del self._webhook_in_flight[id(update)]
                self._notify()  # a worker may be waiting for this update's chat to be free

    def _next_for_webhook(self) -> dict[str, Any] | None:
        """The oldest pending update of a chat with none in flight: each chat's updates go one
        at a time, in order (an older one of the chat is in flight, or gone)."""
        busy = set(self._webhook_in_flight.values())
        for update in self._select(len(self._pending)):
            if _chat_of(update) not in busy:
                return update
        return None

    async def _deliver(self, update: dict[str, Any]) -> bool:
        assert self._client is not None
        headers = {"Content-Type": "application/json"}
        secret = self._webhook_secret if self.platform == "telegram" else None
        if secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        for attempt in range(1, self.webhook_attempts + 1):
            url = self._webhook_url
            if not url:
                return False
            status: int | None = None
            error: str | None = None
            try:
                async with self._client.post(
                    url,
                    data=_dumps(update).encode("utf-8"),
                    headers=headers,
                    timeout=ClientTimeout(total=self.webhook_timeout),
                ) as response:
                    status = response.status
                    await response.read()
            except (ClientError, TimeoutError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            self.webhook_deliveries.append(
                WebhookDelivery(
                    update_id=_update_id(update),
                    attempt=attempt,
                    url=url,
                    status=status,
                    error=error,
                    timestamp=time.monotonic(),
                    secret_token=secret,
                )
            )
            if status is not None and 200 <= status < 300:
                return True
            message = error or f"Wrong response from the webhook: {status}"
            self._webhook_last_error = (build.now(), message)
            if attempt < self.webhook_attempts:
                await asyncio.sleep(self.webhook_retry_delay)
        return False

    async def wait_webhook_idle(self, timeout: float = 5.0) -> None:
        """Wait until every queued update has been delivered (or given up) on the webhook."""
        await self.wait_until(
            lambda: not self._pending and not self._webhook_in_flight,
            timeout,
            description="the webhook queue to drain",
        )

    # -- reading what chats received --------------------------------------------------------

    @property
    def webhook_url(self) -> str:
        return self._webhook_url

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed (polling) or delivered (webhook)."""
        return copy.deepcopy(self._pending)

    @property
    def tokens_seen(self) -> set[str]:
        return {call.token for call in self.calls}

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def messages_to(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages the chat holds now, in the order sent, each as last edited.

        Deleted messages are gone. reply_markup is kept whatever it was (a reply keyboard too,
        which the real API never echoes back in results).
        """
        state = self._chats.get(chat_id)
        if state is None:
            return []
        return [copy.deepcopy(message) for message in state.bot_messages.values()]

    def last_message(self, chat_id: int) -> dict[str, Any] | None:
        messages = self.messages_to(chat_id)
        return messages[-1] if messages else None

    def history(self, chat_id: int) -> list[tuple[str, dict[str, Any]]]:
        """Every sendMessage, sendPhoto, sendDocument and edit result in the chat, in order:
        (method, message)."""
        state = self._chats.get(chat_id)
        return copy.deepcopy(state.history) if state is not None else []

    def reply_keyboard(self, chat_id: int) -> dict[str, Any] | None:
        """The reply keyboard the chat shows now (the last sent, until removed)."""
        state = self._chats.get(chat_id)
        keyboard = state.reply_keyboard if state is not None else None
        return copy.deepcopy(keyboard)

    def files_to(self, chat_id: int) -> list[SentFile]:
        """The photos and documents the bot sent the chat, in order."""
        return [sent for sent in self.sent_files if sent.chat_id == chat_id]

    def file_bytes(self, file_id: str) -> bytes:
        return self._files[file_id].data

    @property
    def pending_callbacks(self) -> list[str]:
        """Ids of pressed buttons not yet answered with answerCallbackQuery."""
        return [key for key, value in self._callbacks.items() if not value["answered"]]

    async def wait_until(
        self,
        predicate: Callable[[], T],
        timeout: float = 5.0,
        *,
        description: str | None = None,
    ) -> T:
        """Poll `predicate` every 10 ms until it returns something truthy, and return that."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                what = description or getattr(predicate, "__name__", "the condition")
                raise TimeoutError(f"waited {timeout}s for {what}\n{self.describe()}")
            await asyncio.sleep(POLL_INTERVAL)

    async def wait_for_message(
        self, chat_id: int, *, count: int = 1, timeout: float = 5.0
    ) -> list[dict[str, Any]]:
        """Wait until the chat holds at least `count` bot messages; return them all."""

        def enough() -> list[dict[str, Any]]:
            messages = self.messages_to(chat_id)
            return messages if len(messages) >= count else []

        return await self.wait_until(
            enough,
            timeout,
            description=f"{count} bot message(s) in chat {chat_id} "
            f"(it holds {len(self.messages_to(chat_id))})",
        )

    def describe(self, last: int = 12) -> str:
        """A summary for failure messages: the latest calls, pending updates and violations."""
        lines = [f"fake {self.platform} Bot API: {len(self.calls)} call(s)"]
        lines.extend(f"  {call}" for call in self.calls[-last:])
        lines.append(f"pending updates: {[_update_id(u) for u in self._pending]}")
        if self.violations:
            lines.append("violations:")
            lines.extend(f"  {violation}" for violation in self.violations)
        return "\n".join(lines)

    def assert_no_violations(self) -> None:
        """Fail, listing them, when the bot broke the Bot API (or Bale's profile) anywhere."""
        if self.violations:
            listed = "\n".join(f"  {n}. {v}" for n, v in enumerate(self.violations, 1))
            raise AssertionError(
                f"{len(self.violations)} Bot API violation(s) on {self.platform}:\n{listed}"
            )


def _attached(params: dict[str, Any], uploads: dict[str, Upload]) -> dict[str, Any]:
    """The parameters with each "attach://name" replaced by the upload it names."""
    prefix = "attach://"
    return {
        key: uploads.get(value[len(prefix) :], value)
        if isinstance(value, str) and value.startswith(prefix)
        else value
        for key, value in params.items()
    }


def _held_as(stored: StoredFile | None) -> str | None:
    """The kind of file the platform holds under an id ("photo", "document", "stickers"...)."""
    if stored is None:
        return None
    folder = stored.file_path.split("/", 1)[0]
    return {"photos": "photo", "documents": "document"}.get(folder, folder)


def _update_id(update: dict[str, Any]) -> int:
    value = update.get("update_id")
    return value if isinstance(value, int) else -1


def _kind_of(update: dict[str, Any]) -> str | None:
    for key in update:
        if key != "update_id":
            return key
    return None


def _chat_of(update: dict[str, Any]) -> object:
    """The chat an update belongs to (its message's, a press's message's), else its sender;
    None when it names neither (such updates then go one at a time among themselves)."""
    kind = _kind_of(update)
    body = update.get(kind) if kind is not None else None
    if not isinstance(body, dict):
        return None
    for holder in (body, body.get("message"), {"chat": body.get("from")}):
        if isinstance(holder, dict) and isinstance(holder.get("chat"), dict):
            found = holder["chat"].get("id")
            # Only a plain id: a malformed update's list or object would not hash.
            return found if isinstance(found, int | str) else None
    return None
