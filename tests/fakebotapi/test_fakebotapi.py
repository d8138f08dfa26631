"""The fake Bot API server itself: validation, the control API, long polling, faults, files,
webhooks, and the two client libraries Daftar uses talking to it.

Every test that needs the shared Bot API documents (botapi/ in the shared folder, see
tests/shared.py) skips, saying why, where they are absent; in CI it fails instead.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientError, ClientSession, FormData, web

from tests.fakebotapi import (
    BOT_ID,
    FakeBotApi,
    SpecUnavailable,
    botapi_dir,
    load_bale_profile,
    load_telegram_spec,
    missing_specs,
    require_specs,
)
from tests.fakebotapi.spec import Validator
from tests.fakebotapi.updates import Platform

INLINE = {"inline_keyboard": [[{"text": "Yes", "callback_data": "answer:yes"}]]}


@pytest.fixture
async def http() -> AsyncIterator[ClientSession]:
    async with ClientSession() as session:
        yield session


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApi]:
    require_specs()
    async with FakeBotApi("telegram") as api:
        yield api


@pytest.fixture
async def bale() -> AsyncIterator[FakeBotApi]:
    require_specs()
    async with FakeBotApi("bale") as api:
        yield api


async def call(
    http: ClientSession,
    api: FakeBotApi,
    method: str,
    *,
    json_body: dict[str, Any] | None = None,
    form: dict[str, str] | FormData | None = None,
    query: dict[str, str] | None = None,
    get: bool = False,
) -> tuple[int, dict[str, Any]]:
    """One request as a client would make it; returns (HTTP status, decoded body)."""
    url = api.method_url(method)
    if get:
        async with http.get(url, params=query) as response:
            return response.status, await response.json()
    async with http.post(url, json=json_body, data=form, params=query) as response:
        return response.status, await response.json()


async def assert_violation(
    http: ClientSession,
    api: FakeBotApi,
    method: str,
    fragment: str,
    **request: Any,
) -> None:
    status, body = await call(http, api, method, **request)
    assert status == 400, body
    assert body["ok"] is False
    assert body["error_code"] == 400
    assert body["description"].startswith("Bad Request: ")
    assert fragment in body["description"], body["description"]
    assert any(fragment in violation for violation in api.violations), api.violations
    assert api.calls[-1].status == 400
    with pytest.raises(AssertionError, match="violation"):
        api.assert_no_violations()


# -- the shared documents -------------------------------------------------------------------


def test_absent_documents_give_a_reason_and_refuse_to_start(tmp_path: Path) -> None:
    reason = missing_specs(tmp_path)
    assert reason is not None
    assert "telegram-bot-api-10.1.json" in reason
    assert "bale-profile.json" in reason
    with pytest.raises(SpecUnavailable):
        FakeBotApi("telegram", spec_dir=tmp_path)


def test_require_specs_skips_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"bale-profile\.json"):
        require_specs(tmp_path)


@pytest.mark.parametrize("ci", ["true", "1", "yes", "TRUE"])
def test_require_specs_fails_in_ci_with_the_reason(
    ci: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match=r"bale-profile\.json"):
        require_specs(tmp_path)


def test_the_documents_are_looked_for_where_the_shared_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAFTAR_SHARED_DIR", str(tmp_path))
    assert botapi_dir() == tmp_path / "botapi"
    assert str(tmp_path / "botapi") in (missing_specs() or "")


def test_the_documents_are_looked_for_beside_the_repository() -> None:
    require_specs()
    spec = load_telegram_spec()
    assert spec.version.endswith("10.1")
    assert "sendMessage" in spec.methods
    assert "getUpdates" in load_bale_profile().methods


# -- valid requests, every encoding ---------------------------------------------------------


async def test_a_valid_send_message_is_accepted_and_held(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    status, body = await call(
        http,
        telegram,
        "sendMessage",
        json_body={"chat_id": 42, "text": "Salaam", "reply_markup": INLINE},
    )
    assert status == 200, body
    message = body["result"]
    assert body["ok"] is True
    assert isinstance(message["message_id"], int)
    assert message["chat"]["id"] == 42
    assert isinstance(message["date"], int)
    assert message["text"] == "Salaam"
    assert message["reply_markup"] == INLINE
    assert message["from"]["id"] == BOT_ID
    held = telegram.messages_to(42)
    assert [m["text"] for m in held] == ["Salaam"]
    assert telegram.last_message(42) == message
    assert telegram.calls_to("sendMessage")[0].params["chat_id"] == 42
    assert telegram.calls[0].token == telegram.token
    _, second = await call(http, telegram, "sendMessage", json_body={"chat_id": 42, "text": "2"})
    assert second["result"]["message_id"] != message["message_id"]
    telegram.assert_no_violations()


async def test_form_json_multipart_and_query_string_are_all_read(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    markup = json.dumps({"keyboard": [[{"text": "Menu"}]], "resize_keyboard": True})
    status, _ = await call(
        http,
        telegram,
        "sendMessage",
        form={"chat_id": "42", "text": "form", "reply_markup": markup},
    )
    assert status == 200
    status, _ = await call(
        http,
        telegram,
        "sendMessage",
        json_body={"chat_id": "42", "text": "json", "disable_notification": True},
    )
    assert status == 200
    multipart = FormData(default_to_multipart=True)
    multipart.add_field("chat_id", "42")
    multipart.add_field("text", "multipart")
    multipart.add_field("disable_notification", "false")
    status, _ = await call(http, telegram, "sendMessage", form=multipart)
    assert status == 200
    status, _ = await call(
        http, telegram, "sendMessage", query={"chat_id": "42", "text": "query"}, get=True
    )
    assert status == 200
    assert [m["text"] for m in telegram.messages_to(42)] == ["form", "json", "multipart", "query"]
    first = telegram.calls_to("sendMessage")[0]
    assert first.params["chat_id"] == 42  # read as the Integer it declares
    assert first.params["reply_markup"]["resize_keyboard"] is True
    assert telegram.reply_keyboard(42) == json.loads(markup)
    assert [c.content_type for c in telegram.calls] == [
        "application/x-www-form-urlencoded",
        "application/json",
        "multipart/form-data",
        "",
    ]
    telegram.assert_no_violations()


async def test_method_names_are_read_case_insensitively(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    status, body = await call(http, telegram, "getme", get=True)
    assert status == 200
    assert body["result"]["username"] == "daftar_test_bot"
    assert telegram.calls[0].method == "getMe"


# -- violations -----------------------------------------------------------------------------


async def test_an_unknown_method_is_a_violation(telegram: FakeBotApi, http: ClientSession) -> None:
    await assert_violation(
        http, telegram, "sendTelepathy", 'unknown method "sendTelepathy"', json_body={}
    )


async def test_an_unknown_parameter_is_a_violation(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    await assert_violation(
        http,
        telegram,
        "sendMessage",
        'unknown parameter "colour"',
        json_body={"chat_id": 1, "text": "x", "colour": "red"},
    )
    assert telegram.messages_to(1) == []


async def test_a_missing_required_parameter_is_a_violation(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    await assert_violation(
        http,
        telegram,
        "sendMessage",
        'missing required parameter "text"',
        form={"chat_id": "1"},
    )


@pytest.mark.parametrize(
    ("request_", "fragment"),
    [
        pytest.param({"form": {"chat_id": "abc", "text": "x"}}, "chat_id: expected", id="chat-id"),
        pytest.param(
            {"json_body": {"chat_id": 1, "text": "x", "reply_markup": {**INLINE, "colour": 1}}},
            'unknown field "colour" for InlineKeyboardMarkup',
            id="markup-unknown-field",
        ),
        pytest.param(
            {
                "json_body": {
                    "chat_id": 1,
                    "text": "x",
                    "reply_markup": {
                        "inline_keyboard": [[{"text": "a", "callback_data": "é" * 33}]]
                    },
                }
            },
            "66 bytes",
            id="callback-data-65+-bytes",
        ),
        pytest.param(
            {
                "form": {
                    "chat_id": "1",
                    "text": "x",
                    "reply_markup": json.dumps(
                        {"inline_keyboard": [[{"text": "a", "callback_data": "x" * 65}]]}
                    ),
                }
            },
            "65 bytes",
            id="callback-data-65-bytes-form",
        ),
        pytest.param(
            {"form": {"chat_id": "1", "text": "x", "reply_markup": "{not json"}},
            "expected JSON-serialized",
            id="markup-not-json",
        ),
        pytest.param(
            {"form": {"chat_id": "1", "text": "x", "disable_notification": "yes"}},
            "disable_notification: expected Boolean",
            id="boolean",
        ),
        pytest.param(
            {"json_body": {"chat_id": 1, "text": "x", "reply_markup": {"keyboard": "Menu"}}},
            "reply_markup.keyboard: expected Array of Array of KeyboardButton",
            id="keyboard-not-array",
        ),
        pytest.param(
            {
                "json_body": {
                    "chat_id": 1,
                    "text": "x",
                    "reply_markup": {"keyboard": [[{"text": "a", "request_contact": "yes"}]]},
                }
            },
            "request_contact: expected Boolean",
            id="nested-scalar",
        ),
        pytest.param(
            {
                "json_body": {
                    "chat_id": 1,
                    "text": "x",
                    "reply_markup": {"inline_keyboard": [[{"text": "no action"}]]},
                }
            },
            "needs exactly one of",
            id="inline-button-without-action",
        ),
        pytest.param({"json_body": {"chat_id": 1, "text": "x" * 4097}}, "too long", id="4097"),
        pytest.param({"json_body": {"chat_id": 1, "text": "  "}}, "text is empty", id="empty"),
        pytest.param(
            {"json_body": {"chat_id": 1, "text": "<b>x", "parse_mode": "HTML"}},
            "can't parse entities",
            id="html",
        ),
        pytest.param(
            {"json_body": {"chat_id": 1, "text": "x", "reply_to_message_id": 3}},
            'unknown parameter "reply_to_message_id"',
            id="reply-to-message-id-gone-in-10.1",
        ),
    ],
)
async def test_malformed_send_message_is_a_violation(
    telegram: FakeBotApi, http: ClientSession, request_: dict[str, Any], fragment: str
) -> None:
    await assert_violation(http, telegram, "sendMessage", fragment, **request_)
    assert telegram.messages_to(1) == []


async def test_limits_of_other_methods_are_checked(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    await assert_violation(
        http,
        telegram,
        "answerCallbackQuery",
        "at most 200",
        json_body={"callback_query_id": "1", "text": "x" * 201},
    )
    await assert_violation(
        http,
        telegram,
        "sendChatAction",
        "wrong parameter action",
        json_body={"chat_id": 1, "action": "dancing"},
    )
    await assert_violation(
        http,
        telegram,
        "setMyCommands",
        "lowercase letters",
        json_body={"commands": [{"command": "Start", "description": "Begin"}]},
    )
    await assert_violation(
        http,
        telegram,
        "getUpdates",
        "allowed_updates[0]: expected String",
        json_body={"allowed_updates": [1]},
    )


async def test_a_request_the_api_refuses_is_not_a_violation(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    status, body = await call(
        http, telegram, "answerCallbackQuery", json_body={"callback_query_id": "nope"}
    )
    assert status == 400
    assert "query is too old" in body["description"]
    status, body = await call(
        http, telegram, "editMessageText", json_body={"chat_id": 5, "message_id": 9, "text": "x"}
    )
    assert status == 400
    assert "message to edit not found" in body["description"]
    telegram.assert_no_violations()


# -- Bale -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "request_", "fragment"),
    [
        (
            "sendMessage",
            {"json_body": {"chat_id": 1, "text": "x", "parse_mode": "HTML"}},
            'parameter "parse_mode" is not documented by Bale',
        ),
        (
            "getUpdates",
            {"form": {"allowed_updates": '["message"]'}},
            'parameter "allowed_updates" is not documented by Bale',
        ),
        (
            "setWebhook",
            {"json_body": {"url": "https://example.org/hook", "secret_token": "s3cret"}},
            'parameter "secret_token" is not documented by Bale',
        ),
        (
            "sendMessage",
            {"json_body": {"chat_id": 1, "text": "x", "reply_parameters": {"message_id": 1}}},
            'parameter "reply_parameters" is not documented by Bale',
        ),
        (
            "sendMessage",
            {
                "json_body": {
                    "chat_id": 1,
                    "text": "x",
                    "reply_markup": {"keyboard": [[{"text": "a"}]], "resize_keyboard": True},
                }
            },
            'field "resize_keyboard" of ReplyKeyboardMarkup is not documented by Bale',
        ),
        (
            "sendMessage",
            {"json_body": {"chat_id": 1, "text": "x", "reply_markup": {"remove_keyboard": True}}},
            "ReplyKeyboardRemove is not documented by Bale",
        ),
        (
            "sendMessage",
            {"json_body": {"chat_id": 1, "text": "x", "reply_markup": {"force_reply": True}}},
            "ForceReply is not documented by Bale",
        ),
        (
            "sendMessage",
            {
                "json_body": {
                    "chat_id": 1,
                    "text": "x",
                    "reply_markup": {"keyboard": [[{"text": "a", "request_poll": {}}]]},
                }
            },
            'field "request_poll" of KeyboardButton is not documented by Bale',
        ),
        (
            "setMyCommands",
            {"json_body": {"commands": [{"command": "start", "description": "Begin"}]}},
            "method setMyCommands is not documented by Bale",
        ),
        (
            "sendMessage",
            {"json_body": {"chat_id": 1, "text": "x" * 4097}},
            "at most 4096",
        ),
    ],
)
async def test_what_bale_does_not_document_is_a_violation(
    bale: FakeBotApi,
    http: ClientSession,
    method: str,
    request_: dict[str, Any],
    fragment: str,
) -> None:
    await assert_violation(http, bale, method, fragment, **request_)


async def test_bale_takes_what_it_documents(bale: FakeBotApi, http: ClientSession) -> None:
    bale.send_text(7, "hello")
    keyboard = {"keyboard": [[{"text": "Share", "request_contact": True}]]}
    status, body = await call(
        http,
        bale,
        "sendMessage",
        json_body={"chat_id": 7, "text": "Share your number", "reply_markup": keyboard},
    )
    assert status == 200, body
    status, body = await call(
        http,
        bale,
        "sendMessage",
        form={"chat_id": "7", "text": "re", "reply_to_message_id": "1"},
    )
    assert status == 200, body
    assert body["result"]["reply_to_message"]["message_id"] == 1
    status, body = await call(http, bale, "getMe", get=True)
    assert body["result"]["username"] == "daftar_bale_bot"
    assert body["result"]["id"] == BOT_ID
    status, body = await call(http, bale, "getWebhookInfo", get=True)
    assert body["result"] == {"url": ""}
    bale.assert_no_violations()


async def test_bale_updates_are_bale_shaped(bale: FakeBotApi, http: ClientSession) -> None:
    sender = (1 << 40) + 12345  # 52-bit ids are allowed
    bale.send_text(sender, "hi")
    await call(
        http,
        bale,
        "sendMessage",
        json_body={"chat_id": sender, "text": "?", "reply_markup": INLINE},
    )
    bale.press_button(sender, "answer:yes")
    bale.press_button(sender, "answer:yes", bale_old_client=True)
    bale.send_contact(sender, "+989121234567")
    bale.send_voice(sender)
    _, body = await call(http, bale, "getUpdates", json_body={"offset": 0})
    message, press, old_press, contact, voice = body["result"]
    assert message["message"]["from"]["id"] == sender
    assert "chat_instance" not in press["callback_query"]
    assert set(press["callback_query"]) == {"id", "from", "message", "data"}
    assert press["callback_query"]["id"].isdecimal()
    assert not press["callback_query"]["id"].startswith("1")
    assert old_press["callback_query"]["id"].startswith("1")
    assert contact["message"]["contact"]["user_id"] == sender & 0xFFFFFFFF
    assert "duration" not in voice["message"]["voice"]
    with pytest.raises(ValueError, match="supergroup"):
        bale.send_text(-100, "x", chat_type="supergroup", user_id=5)
    bale.assert_no_violations()


def _sample_updates(api: FakeBotApi) -> None:
    api.send_text(42, "hello", language_code="fa", username="someone")
    api.send_command(42, "start", "deep-link")
    api.send_contact(42, "+989121234567")
    api.send_photo(42, b"jpeg", caption="a photo")
    api.send_document(42, b"%PDF-1.4", file_name="a.pdf", mime_type="application/pdf")
    api.send_sticker(42)
    api.send_voice(42)
    api.send_location(42)
    api.send_text(-5, "in a group", chat_type="group", user_id=77)


@pytest.mark.parametrize("platform", ["telegram", "bale"])
async def test_every_update_the_fake_builds_fits_the_spec(
    platform: Platform, http: ClientSession
) -> None:
    require_specs()
    async with FakeBotApi(platform) as api:
        _sample_updates(api)
        status, body = await call(
            http, api, "sendMessage", json_body={"chat_id": 42, "text": "q", "reply_markup": INLINE}
        )
        assert status == 200
        sent = body["result"]
        api.press_button(42, "answer:yes")
        _, me = await call(http, api, "getMe", get=True)
        _, updates = await call(http, api, "getUpdates", get=True)
        validator = Validator(load_telegram_spec(), api.validator.bale)
        problems = validator.check_sent_object(me["result"], "User")
        problems += validator.check_sent_object(sent, "Message")
        for update in updates["result"]:
            problems += validator.check_sent_object(update, "Update")
        assert problems == []
        assert len(updates["result"]) == 10
        if platform == "telegram":
            _, info = await call(http, api, "getWebhookInfo", get=True)
            assert validator.check_sent_object(info["result"], "WebhookInfo") == []
        api.assert_no_violations()


# -- the control API and what chats hold -----------------------------------------------------


async def test_buttons_answers_and_edits(telegram: FakeBotApi, http: ClientSession) -> None:
    telegram.send_command(42, "start")
    _, body = await call(
        http,
        telegram,
        "sendMessage",
        json_body={"chat_id": 42, "text": "Sure?", "reply_markup": INLINE},
    )
    message_id = body["result"]["message_id"]
    with pytest.raises(ValueError, match="no button"):
        telegram.press_button(42, "answer:no")
    telegram.press_button(42, "answer:yes")
    _, updates = await call(http, telegram, "getUpdates", get=True)
    command, press = updates["result"]
    assert command["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    query = press["callback_query"]
    assert query["message"]["message_id"] == message_id
    assert query["chat_instance"]
    assert telegram.pending_callbacks == [query["id"]]
    status, _ = await call(
        http, telegram, "answerCallbackQuery", json_body={"callback_query_id": query["id"]}
    )
    assert status == 200
    assert telegram.answered_callbacks[0]["data"] == "answer:yes"
    assert telegram.pending_callbacks == []
    status, again = await call(
        http, telegram, "answerCallbackQuery", json_body={"callback_query_id": query["id"]}
    )
    assert status == 400
    assert "query is too old" in again["description"]
    edit = {"chat_id": 42, "message_id": message_id, "text": "Done"}
    status, body = await call(http, telegram, "editMessageText", json_body=edit)
    assert status == 200
    assert "reply_markup" not in body["result"]  # editing without a keyboard removes it
    assert "edit_date" in body["result"]
    status, body = await call(http, telegram, "editMessageText", json_body=edit)
    assert status == 400
    assert "message is not modified" in body["description"]
    assert [m["text"] for m in telegram.messages_to(42)] == ["Done"]
    assert [method for method, _ in telegram.history(42)] == ["sendMessage", "editMessageText"]
    status, _ = await call(
        http, telegram, "deleteMessage", json_body={"chat_id": 42, "message_id": message_id}
    )
    assert status == 200
    assert telegram.messages_to(42) == []
    telegram.assert_no_violations()


async def test_reply_keyboard_taps(telegram: FakeBotApi, http: ClientSession) -> None:
    keyboard = {
        "keyboard": [[{"text": "Share my number", "request_contact": True}], [{"text": "Help"}]]
    }
    await call(
        http,
        telegram,
        "sendMessage",
        json_body={"chat_id": 9, "text": "Menu", "reply_markup": keyboard},
    )
    telegram.press_keyboard(9, "Help")
    telegram.press_keyboard(9, "Share my number")
    with pytest.raises(ValueError, match="no reply keyboard button"):
        telegram.press_keyboard(9, "Nope")
    _, updates = await call(http, telegram, "getUpdates", get=True)
    help_, contact = updates["result"]
    assert help_["message"]["text"] == "Help"
    assert contact["message"]["contact"]["user_id"] == 9
    await call(
        http,
        telegram,
        "sendMessage",
        json_body={"chat_id": 9, "text": "Bye", "reply_markup": {"remove_keyboard": True}},
    )
    assert telegram.reply_keyboard(9) is None


async def test_wait_for_message_and_its_timeout(telegram: FakeBotApi, http: ClientSession) -> None:
    async def bot_replies_later() -> None:
        await asyncio.sleep(0.05)
        await call(http, telegram, "sendMessage", json_body={"chat_id": 3, "text": "late"})

    task = asyncio.create_task(bot_replies_later())
    messages = await telegram.wait_for_message(3, timeout=2)
    await task
    assert messages[0]["text"] == "late"
    with pytest.raises(TimeoutError, match="2 bot message") as raised:
        await telegram.wait_for_message(3, count=2, timeout=0.05)
    assert "sendMessage" in str(raised.value)  # the recent calls are described


# -- long polling ---------------------------------------------------------------------------


async def test_long_polling_waits_for_an_update_and_offset_confirms(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    async def user_writes_later() -> int:
        await asyncio.sleep(0.1)
        return telegram.send_text(42, "hi")

    started = time.monotonic()
    writer = asyncio.create_task(user_writes_later())
    status, body = await call(http, telegram, "getUpdates", json_body={"timeout": 5})
    update_id = await writer
    assert status == 200
    assert time.monotonic() - started < 2
    assert [u["update_id"] for u in body["result"]] == [update_id]
    _, again = await call(http, telegram, "getUpdates", json_body={"offset": update_id})
    assert [u["update_id"] for u in again["result"]] == [update_id]  # not yet confirmed
    _, confirmed = await call(http, telegram, "getUpdates", json_body={"offset": update_id + 1})
    assert confirmed["result"] == []
    assert telegram.pending_updates == []


async def test_long_polling_honours_timeout_and_limit(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    started = time.monotonic()
    _, body = await call(http, telegram, "getUpdates", form={"timeout": "1"})
    assert body["result"] == []
    assert 0.9 <= time.monotonic() - started < 3
    for n in range(3):
        telegram.send_text(42, str(n))
    _, body = await call(http, telegram, "getUpdates", form={"limit": "2"})
    assert [u["message"]["text"] for u in body["result"]] == ["0", "1"]


async def test_negative_offset_keeps_only_the_latest(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    for n in range(4):
        telegram.send_text(42, str(n))
    _, body = await call(http, telegram, "getUpdates", json_body={"offset": -2})
    assert [u["message"]["text"] for u in body["result"]] == ["2", "3"]
    assert len(telegram.pending_updates) == 2


async def test_stopping_releases_a_pending_long_poll(http: ClientSession) -> None:
    require_specs()
    started = time.monotonic()
    async with FakeBotApi("telegram") as api:
        poll = asyncio.create_task(call(http, api, "getUpdates", json_body={"timeout": 30}))
        await api.wait_until(lambda: api.calls_to("getUpdates"))
    status, body = await poll
    assert (status, body["result"]) == (200, [])
    assert time.monotonic() - started < 5


async def test_a_second_poller_ends_the_first_with_a_conflict(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    first = asyncio.create_task(call(http, telegram, "getUpdates", json_body={"timeout": 5}))
    await telegram.wait_until(lambda: telegram.calls_to("getUpdates"))
    second = asyncio.create_task(call(http, telegram, "getUpdates", json_body={"timeout": 5}))
    status, body = await first
    assert status == 409
    assert "terminated by other getUpdates request" in body["description"]
    telegram.send_text(1, "x")
    status, body = await second
    assert status == 200
    assert len(body["result"]) == 1


async def test_raw_updates_are_queued_as_given(telegram: FakeBotApi, http: ClientSession) -> None:
    first = telegram.send_raw_update({"callback_query": {"id": "1"}})
    second = telegram.send_raw_update({"update_id": first + 10, "message": "garbage"})
    assert second == first + 10
    assert telegram.send_text(1, "x") == first + 11
    _, body = await call(http, telegram, "getUpdates", get=True)
    assert body["result"][0] == {"update_id": first, "callback_query": {"id": "1"}}
    assert body["result"][1]["message"] == "garbage"


# -- faults ---------------------------------------------------------------------------------


async def test_429_with_retry_after_then_success(telegram: FakeBotApi, http: ClientSession) -> None:
    telegram.fail("sendMessage", status=429, retry_after=3)
    request = {"chat_id": 1, "text": "x"}
    status, body = await call(http, telegram, "sendMessage", json_body=request)
    assert status == 429
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert telegram.messages_to(1) == []
    status, _ = await call(http, telegram, "sendMessage", json_body=request)
    assert status == 200
    assert [c.status for c in telegram.calls] == [429, 200]
    assert telegram.calls[0].fault == "fail 429"
    assert telegram.calls[0].timestamp <= telegram.calls[1].timestamp
    telegram.assert_no_violations()


async def test_500_twice_then_ok_and_named_errors(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    telegram.fail("sendMessage", times=2, status=500)
    request = {"chat_id": 1, "text": "x"}
    statuses = [(await call(http, telegram, "sendMessage", json_body=request))[0] for _ in range(3)]
    assert statuses == [500, 500, 200]
    assert len(telegram.messages_to(1)) == 1
    telegram.fail("sendMessage", status=403, description="Forbidden: bot was blocked by the user")
    status, body = await call(http, telegram, "sendMessage", json_body=request)
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    assert "parameters" not in body
    telegram.fail("*", status=400, description="Bad Request: chat not found")
    status, body = await call(
        http, telegram, "sendChatAction", json_body={"chat_id": 1, "action": "typing"}
    )
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    telegram.assert_no_violations()  # injected errors are not the bot's violations


async def test_drop_closes_the_connection_without_an_answer(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    telegram.drop("sendMessage")
    with pytest.raises(ClientError):
        await call(http, telegram, "sendMessage", json_body={"chat_id": 1, "text": "lost"})
    assert telegram.messages_to(1) == []
    assert telegram.calls[-1].fault == "drop"
    assert telegram.calls[-1].status is None
    telegram.drop("sendMessage", effect=True)
    with pytest.raises(ClientError):
        await call(http, telegram, "sendMessage", json_body={"chat_id": 1, "text": "sent"})
    assert [m["text"] for m in telegram.messages_to(1)] == ["sent"]
    status, _ = await call(http, telegram, "sendMessage", json_body={"chat_id": 1, "text": "ok"})
    assert status == 200


async def test_delay_and_chaos(telegram: FakeBotApi, http: ClientSession) -> None:
    telegram.delay("getMe", 0.3)
    started = time.monotonic()
    status, _ = await call(http, telegram, "getMe", get=True)
    assert status == 200
    assert time.monotonic() - started >= 0.3
    telegram.chaos("sendChatAction", rate_429=0.3, rate_500=0.2, seed=7)
    request = {"chat_id": 1, "action": "typing"}
    statuses = [
        (await call(http, telegram, "sendChatAction", json_body=request))[0] for _ in range(60)
    ]
    assert {429, 500, 200} == set(statuses)
    assert 5 < statuses.count(429) < 35
    telegram.chaos("sendChatAction", rate_429=0, rate_500=0)
    assert (await call(http, telegram, "sendChatAction", json_body=request))[0] == 200


# -- files ----------------------------------------------------------------------------------


async def test_get_file_and_download(telegram: FakeBotApi, http: ClientSession) -> None:
    photo = b"\xff\xd8 a real-looking photo \xff\xd9"
    telegram.send_photo(42, photo, caption="my card")
    telegram.send_document(42, b"%PDF-1.4 x", file_name="form.pdf", mime_type="application/pdf")
    _, body = await call(http, telegram, "getUpdates", get=True)
    photo_update, document_update = body["result"]
    sizes = photo_update["message"]["photo"]
    assert [s["width"] for s in sizes] == sorted(s["width"] for s in sizes)
    assert photo_update["message"]["caption"] == "my card"
    for file_id, expected in (
        (sizes[-1]["file_id"], photo),
        (document_update["message"]["document"]["file_id"], b"%PDF-1.4 x"),
    ):
        status, got = await call(http, telegram, "getFile", json_body={"file_id": file_id})
        assert status == 200
        assert got["result"]["file_size"] == len(expected)
        async with http.get(telegram.file_url(got["result"]["file_path"])) as response:
            assert response.status == 200
            assert await response.read() == expected
    status, body = await call(http, telegram, "getFile", json_body={"file_id": "nope"})
    assert (status, body["description"]) == (400, "Bad Request: invalid file_id")
    async with http.get(telegram.file_url("photos/none.jpg")) as response:
        assert response.status == 404
    telegram.assert_no_violations()


async def test_multipart_uploads_are_input_files(telegram: FakeBotApi, http: ClientSession) -> None:
    form = FormData()
    form.add_field("url", "https://example.org/hook")
    form.add_field("certificate", "attach://cert")
    status, body = await call(http, telegram, "setWebhook", form=form)
    assert status == 400
    assert "certificate" in body["description"]


def upload(field: str, data: bytes, filename: str, content_type: str, **fields: str) -> FormData:
    form = FormData()
    for key, value in {"chat_id": "42", **fields}.items():
        form.add_field(key, value)
    form.add_field(field, data, filename=filename, content_type=content_type)
    return form


async def test_send_photo_uploaded_is_kept_and_answered_with_a_new_file_id(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    photo = b"\xff\xd8\xff a receipt \xff\xd9"
    form = upload("photo", photo, "receipt.jpg", "image/jpeg", caption="رسید")
    status, body = await call(http, telegram, "sendPhoto", form=form)
    assert status == 200
    message = body["result"]
    [size] = message["photo"]
    assert (message["chat"]["id"], message["caption"]) == (42, "رسید")
    assert size["file_size"] == len(photo)
    [sent] = telegram.files_to(42)
    assert (sent.method, sent.kind, sent.by_file_id, sent.filename, sent.data) == (
        "sendPhoto", "photo", None, "receipt.jpg", photo
    )  # fmt: skip
    assert sent.file_id == size["file_id"] and telegram.file_bytes(sent.file_id) == photo
    _, got = await call(http, telegram, "getFile", json_body={"file_id": sent.file_id})
    async with http.get(telegram.file_url(got["result"]["file_path"])) as response:
        assert await response.read() == photo
    assert telegram.messages_to(42)[-1]["photo"] == message["photo"]
    assert telegram.history(42)[-1][0] == "sendPhoto"
    validator = Validator(load_telegram_spec())
    assert validator.check_sent_object(message, "Message") == []
    telegram.assert_no_violations()


async def test_send_by_file_id_reuses_the_platforms_file(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    telegram.send_photo(42, b"\xff\xd8\xff the citizen's photo")
    telegram.send_document(42, b"%PDF-1.4 y", file_name="bill.pdf", mime_type="application/pdf")
    _, body = await call(http, telegram, "getUpdates", get=True)
    photo_id = body["result"][0]["message"]["photo"][-1]["file_id"]
    document = body["result"][1]["message"]["document"]
    status, sent_photo = await call(
        http, telegram, "sendPhoto", json_body={"chat_id": 7, "photo": photo_id}
    )
    assert status == 200
    status, sent_document = await call(
        http,
        telegram,
        "sendDocument",
        json_body={"chat_id": 7, "document": document["file_id"], "reply_markup": INLINE},
    )
    assert status == 200
    shown = sent_document["result"]["document"]
    assert shown["file_unique_id"] == document["file_unique_id"]
    assert shown["file_id"] != document["file_id"] and shown["mime_type"] == "application/pdf"
    assert sent_document["result"]["reply_markup"] == INLINE
    photo, doc = telegram.files_to(7)
    assert (photo.by_file_id, photo.data) == (photo_id, b"\xff\xd8\xff the citizen's photo")
    assert sent_photo["result"]["photo"][0]["file_id"] == photo.file_id != photo_id
    assert (doc.method, doc.by_file_id, doc.data) == (
        "sendDocument", document["file_id"], b"%PDF-1.4 y"
    )  # fmt: skip
    telegram.assert_no_violations()


async def test_files_the_api_would_refuse_are_refused_and_change_nothing(
    telegram: FakeBotApi, bale: FakeBotApi, http: ClientSession
) -> None:
    telegram.send_document(42, b"%PDF", file_name="f.pdf", mime_type="application/pdf")
    _, body = await call(http, telegram, "getUpdates", get=True)
    document_id = body["result"][0]["message"]["document"]["file_id"]
    refused = [
        (telegram, "sendPhoto", {"chat_id": 42, "photo": "no-such-id"}, None),
        (telegram, "sendPhoto", {"chat_id": 42, "photo": document_id}, None),
        (telegram, "sendPhoto", {"chat_id": 42, "photo": "https://example.org/a.jpg"}, None),
        (telegram, "sendPhoto", None, upload("photo", b"%PDF", "f.pdf", "application/pdf")),
        (telegram, "sendDocument", None, upload("document", b"", "e.txt", "text/plain")),
        (bale, "sendDocument", {"chat_id": 42, "document": document_id}, None),  # Telegram's id
    ]
    descriptions = []
    for api, method, json_body, form in refused:
        status, answer = await call(http, api, method, json_body=json_body, form=form)
        assert status == 400
        descriptions.append(answer["description"])
    assert descriptions == [
        "Bad Request: wrong file identifier/HTTP URL specified",
        "Bad Request: can't use file of type Document as Photo",
        "Bad Request: wrong file identifier/HTTP URL specified",
        "Bad Request: IMAGE_PROCESS_FAILED",
        "Bad Request: file must be non-empty",
        "Bad Request: wrong file identifier/HTTP URL specified",
    ]
    assert telegram.sent_files == [] == bale.sent_files and telegram.messages_to(42) == []
    telegram.assert_no_violations()
    bale.assert_no_violations()


async def test_send_photo_and_document_follow_bales_profile(
    bale: FakeBotApi, http: ClientSession
) -> None:
    form = upload("document", b"%PDF-1.4", "form.pdf", "application/pdf", caption="فرم")
    status, body = await call(http, bale, "sendDocument", form=form)
    assert status == 200
    assert body["result"]["document"]["file_name"] == "form.pdf"
    form = upload("photo", b"\xff\xd8\xff", "a.jpg", "image/jpeg", parse_mode="HTML")
    status, body = await call(http, bale, "sendPhoto", form=form)
    assert status == 400
    assert bale.violations == [
        'sendPhoto: parameter "parse_mode" is not documented by Bale for sendPhoto'
    ]
    assert [sent.filename for sent in bale.sent_files] == ["form.pdf"]


async def test_the_client_libraries_send_photos_and_documents(
    telegram: FakeBotApi, tmp_path: Path
) -> None:
    from aiogram import Bot as AiogramBot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import FSInputFile
    from telegram import Bot as PtbBot
    from telegram import InputFile

    kept = tmp_path / "receipt.jpg"
    kept.write_bytes(b"\xff\xd8\xff kept on disk")
    telegram.send_photo(42)
    session = AiohttpSession(api=TelegramAPIServer.from_base(telegram.base_url))
    aiogram_bot = AiogramBot(telegram.token, session=session)
    try:
        [update] = await aiogram_bot.get_updates(timeout=1)
        assert update.message is not None and update.message.photo
        citizens = update.message.photo[-1].file_id
        await aiogram_bot.send_photo(7, photo=citizens)
        await aiogram_bot.send_document(7, document=FSInputFile(kept, "receipt.jpg"))
        await aiogram_bot.get_updates(offset=update.update_id + 1, timeout=0)
    finally:
        await aiogram_bot.session.close()
    async with PtbBot(telegram.token, base_url=f"{telegram.base_url}/bot") as ptb_bot:
        await ptb_bot.send_photo(8, photo=citizens)
        await ptb_bot.send_photo(8, photo=InputFile(kept.read_bytes(), filename="receipt.jpg"))
    assert [(s.chat_id, s.method, s.by_file_id, s.filename) for s in telegram.sent_files] == [
        (7, "sendPhoto", citizens, None),
        (7, "sendDocument", None, "receipt.jpg"),
        (8, "sendPhoto", citizens, None),
        (8, "sendPhoto", None, "receipt.jpg"),
    ]
    assert telegram.sent_files[1].data == telegram.sent_files[3].data == kept.read_bytes()
    telegram.assert_no_violations()


# -- webhooks -------------------------------------------------------------------------------


class Receiver:
    """A small webhook endpoint: answers with the statuses it is given, then 200."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.statuses = list(statuses or [])
        self.received: list[tuple[dict[str, Any], str | None]] = []
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.received.append(
            (await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)

    async def __aenter__(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/hook", self.handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}/hook"
        await web.SockSite(self.runner, sock).start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self.runner is not None
        await self.runner.cleanup()


async def test_webhook_delivery_with_secret_and_retries(
    telegram: FakeBotApi, http: ClientSession
) -> None:
    async with Receiver(statuses=[500]) as receiver:
        queued_before = telegram.send_text(42, "queued before the webhook")
        status, _ = await call(
            http,
            telegram,
            "setWebhook",
            json_body={"url": receiver.url, "secret_token": "s3cret-token_1"},
        )
        assert status == 200
        update_id = telegram.send_text(42, "hi")
        await telegram.wait_webhook_idle()
        ids = [update["update_id"] for update, _ in receiver.received]
        assert ids == [queued_before, queued_before, update_id]  # the first answered 500 once
        assert {secret for _, secret in receiver.received} == {"s3cret-token_1"}
        attempts = [(d.update_id, d.attempt, d.status) for d in telegram.webhook_deliveries]
        assert attempts == [(queued_before, 1, 500), (queued_before, 2, 200), (update_id, 1, 200)]
        status, body = await call(http, telegram, "getUpdates", get=True)
        assert status == 409
        _, info = await call(http, telegram, "getWebhookInfo", get=True)
        assert info["result"]["url"] == receiver.url
        assert info["result"]["pending_update_count"] == 0
        assert "500" in info["result"]["last_error_message"]
        await call(http, telegram, "deleteWebhook", json_body={})
        telegram.send_text(42, "back to polling")
        _, body = await call(http, telegram, "getUpdates", get=True)
        assert [u["message"]["text"] for u in body["result"]] == ["back to polling"]
    telegram.assert_no_violations()


async def test_webhook_gives_up_after_a_few_attempts(http: ClientSession) -> None:
    require_specs()
    async with (
        FakeBotApi("bale", webhook_attempts=2) as bale,
        Receiver(statuses=[502, 502]) as receiver,
    ):
        await call(http, bale, "setWebhook", form={"url": receiver.url})
        update_id = bale.send_text(8, "hi")
        await bale.wait_webhook_idle()
        assert [d.status for d in bale.webhook_deliveries] == [502, 502]
        assert [u["update_id"] for u in bale.webhook_given_up] == [update_id]
        assert receiver.received[0][1] is None  # Bale sends no secret header
        bale.assert_no_violations()


async def test_webhook_connections_post_in_parallel_one_update_of_a_chat_at_a_time(
    http: ClientSession,
) -> None:
    require_specs()
    in_flight: list[int] = []  # the chats of the posts being answered
    widest = 0
    received: dict[int, list[str]] = {}

    async def slow(request: web.Request) -> web.Response:
        nonlocal widest
        message = (await request.json())["message"]
        chat = message["chat"]["id"]
        assert chat not in in_flight, f"two updates of chat {chat} in flight"
        in_flight.append(chat)
        widest = max(widest, len(in_flight))
        await asyncio.sleep(0.05)
        in_flight.remove(chat)
        received.setdefault(chat, []).append(message["text"])
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", slow)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    await web.SockSite(runner, sock).start()
    try:
        async with FakeBotApi("telegram", webhook_connections=4) as telegram:
            chats = [42, 43, 44]
            for n in range(3):
                for chat in chats:
                    telegram.send_text(chat, f"{chat} {n}")
            url = f"http://127.0.0.1:{sock.getsockname()[1]}/hook"
            # The bot asks for 2 connections at most: fewer than the fake's 4.
            status, _ = await call(
                http, telegram, "setWebhook", json_body={"url": url, "max_connections": 2}
            )
            assert status == 200
            await telegram.wait_webhook_idle()
            telegram.assert_no_violations()
    finally:
        await runner.cleanup()
    assert widest == 2
    assert received == {chat: [f"{chat} {n}" for n in range(3)] for chat in chats}


# -- the client libraries Daftar uses ---------------------------------------------------------


async def test_aiogram_talks_to_the_fake_without_violations(telegram: FakeBotApi) -> None:
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import (
        InlineKeyboardButton,
        InlineKeyboardMarkup,
        KeyboardButton,
        ReplyKeyboardMarkup,
    )

    session = AiohttpSession(api=TelegramAPIServer.from_base(telegram.base_url))
    bot = Bot(telegram.token, session=session)
    try:
        me = await bot.get_me()
        assert me.username == "daftar_test_bot"
        telegram.send_text(42, "hi")
        sent = await bot.send_message(
            42,
            "Choose",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="Yes", callback_data="answer:yes")]]
            ),
        )
        await bot.send_message(
            42,
            "Share",
            reply_markup=ReplyKeyboardMarkup(
                keyboard=[[KeyboardButton(text="Share", request_contact=True)]],
                resize_keyboard=True,
            ),
        )
        telegram.press_button(42, "answer:yes", message_id=sent.message_id)
        telegram.send_photo(42)
        updates = await bot.get_updates(timeout=1)
        assert updates[0].message is not None and updates[0].message.text == "hi"
        query = updates[1].callback_query
        assert query is not None
        await bot.answer_callback_query(query.id, text="Noted")
        await bot.edit_message_text("Chosen", chat_id=42, message_id=sent.message_id)
        photo = updates[2].message.photo if updates[2].message else None
        assert photo
        file = await bot.get_file(photo[-1].file_id)
        assert file.file_path is not None
        downloaded = await bot.download_file(file.file_path)
        assert downloaded is not None and downloaded.read() == telegram.file_bytes(
            photo[-1].file_id
        )
        await bot.set_my_commands([])
        await bot.send_chat_action(42, "typing")
        await bot.delete_message(42, sent.message_id)
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    finally:
        await bot.session.close()
    assert telegram.pending_updates == []
    telegram.assert_no_violations()


async def test_python_telegram_bot_talks_to_the_fake_without_violations(
    telegram: FakeBotApi,
) -> None:
    from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardRemove

    bot = Bot(
        telegram.token,
        base_url=f"{telegram.base_url}/bot",
        base_file_url=f"{telegram.base_url}/file/bot",
    )
    async with bot:
        telegram.send_command(42, "start")
        sent = await bot.send_message(
            42,
            "Choose",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("Yes", callback_data="answer:yes")]]
            ),
        )
        telegram.press_button(42, "answer:yes")
        telegram.send_document(42, b"%PDF", file_name="f.pdf", mime_type="application/pdf")
        updates = await bot.get_updates(timeout=1, allowed_updates=["message", "callback_query"])
        assert updates[0].message is not None and updates[0].message.text == "/start"
        query = updates[1].callback_query
        assert query is not None
        await bot.answer_callback_query(query.id)
        await bot.edit_message_reply_markup(42, sent.message_id, reply_markup=None)
        await bot.send_message(42, "Bye", reply_markup=ReplyKeyboardRemove())
        document = updates[2].message.document if updates[2].message else None
        assert document is not None
        file = await bot.get_file(document.file_id)
        assert bytes(await file.download_as_bytearray()) == b"%PDF"
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    telegram.assert_no_violations()
