"""The direct transport without a server: raw Bot API JSON read by `JsonView` into events, the
keyboards every transport sends (`markup_json`), and how an error answer is classified."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from bot.handlers.convert import to_event
from bot.handlers.direct_transport import DirectTransport
from bot.handlers.json_view import JsonView, update_view
from bot.handlers.markup import markup_json
from bot.handlers.mending import mend_update
from bot.handlers.profiles import BALE, TELEGRAM, PlatformProfile
from bot.handlers.transport import ApiError
from bot.messages.events import (
    AttachmentEvent,
    ButtonEvent,
    CommandEvent,
    ContactEvent,
    Event,
    TextEvent,
    UnsupportedEvent,
)
from bot.messages.replies import InlineButton, KeyboardButton, Reply
from bot.messages.sender import Classified, Failure

TOKEN = "123456:direct-unit"
BOT = "123456"
USER = {"id": 42, "is_bot": False, "first_name": "Sara", "language_code": "fa"}
CHAT = {"id": 42, "type": "private", "first_name": "Sara"}


def message(**content: Any) -> dict[str, Any]:
    """A raw update of a private message from USER with *content* (text, photo, ...)."""
    return {
        "update_id": 7,
        "message": {"message_id": 3, "date": 1_700_000_000, "chat": CHAT, "from": USER, **content},
    }


def event(raw: dict[str, Any], profile: PlatformProfile = TELEGRAM) -> Event | None:
    """What the runner makes of *raw* through the direct transport: mended, parsed, read."""
    transport = DirectTransport(profile, TOKEN, "http://127.0.0.1:9")
    return to_event(transport.parse(mend_update(raw)), profile, BOT)


COMMON = {
    "platform": "telegram",
    "bot": BOT,
    "update_id": 7,
    "chat_id": 42,
    "user_id": 42,
    "language_code": "fa",
}


def test_a_text_and_a_command_addressed_to_the_bot() -> None:
    assert event(message(text="سلام")) == TextEvent(**COMMON, text="سلام")
    assert event(message(text="/Start@daftar_bot ref-9")) == CommandEvent(
        **COMMON, command="start", args="ref-9"
    )


def test_a_callback_query_reads_from_as_from_user() -> None:
    raw = {
        "update_id": 7,
        "callback_query": {
            "id": "9876",
            "from": USER,
            "message": {"message_id": 3, "date": 0, "chat": CHAT, "text": "?"},
            "chat_instance": "c",
            "data": "tok-1",
        },
    }
    assert event(raw) == ButtonEvent(**COMMON, token="tok-1", callback_id="9876")
    assert JsonView(raw["callback_query"]).from_user.first_name == "Sara"


def test_a_bale_callback_without_chat_instance_nor_message_is_the_senders() -> None:
    raw = {"update_id": 7, "callback_query": {"id": "9", "from": {"id": 42}, "data": "t"}}
    assert event(raw, BALE) == ButtonEvent(
        **{**COMMON, "platform": "bale", "language_code": None}, token="t", callback_id="9"
    )


def test_a_contact_is_own_only_when_its_user_id_is_the_senders() -> None:
    own = message(contact={"phone_number": "+989121234567", "first_name": "S", "user_id": 42})
    other = message(contact={"phone_number": "+989120000000", "first_name": "R", "user_id": 9})
    unnamed = message(contact={"phone_number": "+989120000001", "first_name": "N"})
    assert event(own) == ContactEvent(
        **COMMON, phone_number="+989121234567", own=True, first_name="S"
    )
    assert event(other) == ContactEvent(
        **COMMON, phone_number="+989120000000", own=False, first_name="R"
    )
    read = event(unnamed)
    assert isinstance(read, ContactEvent) and read.own is False


def test_of_a_photos_sizes_the_largest_is_taken() -> None:
    sizes = [
        {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 60, "file_size": 900},
        {"file_id": "big", "file_unique_id": "b", "width": 1280, "height": 853, "file_size": 9000},
        {"file_id": "mid", "file_unique_id": "m", "width": 320, "height": 213, "file_size": 3000},
    ]
    assert event(message(photo=sizes, caption="رسید")) == AttachmentEvent(
        **COMMON,
        kind="photo",
        file_id="big",
        size=9000,
        mime_type="image/jpeg",
        caption="رسید",
    )
    view = JsonView(message(photo=sizes))
    assert [size.file_id for size in view.message.photo] == ["small", "big", "mid"]


def test_a_document_keeps_its_name_and_type() -> None:
    document = {
        "file_id": "doc-1",
        "file_unique_id": "d",
        "file_name": "receipt.pdf",
        "mime_type": "application/pdf",
        "file_size": 12345,
    }
    assert event(message(document=document)) == AttachmentEvent(
        **COMMON,
        kind="document",
        file_id="doc-1",
        size=12345,
        mime_type="application/pdf",
        file_name="receipt.pdf",
    )


def test_a_sticker_is_unsupported_and_an_edit_ignored() -> None:
    sticker = {"file_id": "st", "file_unique_id": "st", "type": "regular", "width": 512}
    assert event(message(sticker=sticker)) == UnsupportedEvent(**COMMON, what="sticker")
    edited = {"update_id": 8, "edited_message": message(text="again")["message"]}
    assert event(edited) is None


@pytest.mark.parametrize(
    "garbage",
    [[1, 2], "update", None, {"message": {"text": "hi"}}, {"update_id": "7"}, {"update_id": True}],
    ids=["list", "string", "null", "no update_id", "update_id a string", "update_id a bool"],
)
def test_garbage_is_refused_as_a_framework_refuses_it(garbage: Any) -> None:
    transport = DirectTransport(TELEGRAM, TOKEN, "http://127.0.0.1:9")
    with pytest.raises(ValueError):
        transport.parse(garbage)
    with pytest.raises(ValueError):
        update_view(garbage)


def test_a_view_is_read_only_and_a_missing_key_is_none() -> None:
    view = JsonView({"a": {"b": [1, {"c": 2}]}})
    assert view.a.b[0] == 1 and view.a.b[1].c == 2
    assert view.missing is None and view.a.missing is None
    with pytest.raises(AttributeError):
        view.a = 3
    with pytest.raises(AttributeError):
        view.__wrapped__  # noqa: B018 (a dunder is never a JSON key)


def test_webhook_info_is_read_as_a_view() -> None:
    transport = DirectTransport(BALE, TOKEN, "http://127.0.0.1:9")
    assert (
        transport.parse_webhook_info({"url": "", "pending_update_count": 3}).pending_update_count
        == 3
    )


INLINE = Reply("x", inline=((InlineButton("بله", "t1"), InlineButton("خیر", "t2")),))
KEYBOARD = Reply(
    "x", keyboard=((KeyboardButton("📱 شماره", request_contact=True),), (KeyboardButton("لغو"),))
)
REMOVE = Reply("x", remove_keyboard=True)
ROWS = [[{"text": "📱 شماره", "request_contact": True}], [{"text": "لغو"}]]


@pytest.mark.parametrize("profile", [TELEGRAM, BALE], ids=["telegram", "bale"])
def test_inline_buttons_carry_their_tokens_on_both_platforms(profile: PlatformProfile) -> None:
    assert markup_json(INLINE, profile) == {
        "inline_keyboard": [
            [{"text": "بله", "callback_data": "t1"}, {"text": "خیر", "callback_data": "t2"}]
        ]
    }
    assert markup_json(None, profile) is None
    assert markup_json(Reply("x"), profile) is None


def test_a_reply_keyboard_is_resized_on_telegram_and_bare_on_bale() -> None:
    assert markup_json(KEYBOARD, TELEGRAM) == {"keyboard": ROWS, "resize_keyboard": True}
    assert markup_json(KEYBOARD, BALE) == {"keyboard": ROWS}


def test_the_keyboard_is_removed_only_where_the_platform_can() -> None:
    assert markup_json(REMOVE, TELEGRAM) == {"remove_keyboard": True}
    assert markup_json(REMOVE, BALE) is None


@pytest.mark.parametrize(
    ("error", "read"),
    [
        (
            ApiError(429, "Too Many Requests: retry after 7", 7.0),
            Classified(Failure.RETRY_AFTER, "Too Many Requests: retry after 7", 7.0),
        ),
        (
            ApiError(403, "Forbidden: bot was blocked by the user"),
            Classified(Failure.RECIPIENT_GONE, "Forbidden: bot was blocked by the user"),
        ),
        (
            ApiError(400, "Bad Request: chat not found"),
            Classified(Failure.RECIPIENT_GONE, "Bad Request: chat not found"),
        ),
        (
            ApiError(400, "Bad Request: message text is empty"),
            Classified(Failure.REJECTED, "Bad Request: message text is empty"),
        ),
        (
            ApiError(500, "Internal Server Error"),
            Classified(Failure.TRANSIENT, "Internal Server Error"),
        ),
        (
            ApiError(0, "ClientConnectorError: refused"),
            Classified(Failure.TRANSIENT, "ClientConnectorError: refused"),
        ),
    ],
    ids=["429", "403", "chat not found", "400", "500", "no answer"],
)
def test_an_error_answer_is_classified_by_its_status(error: ApiError, read: Classified) -> None:
    assert DirectTransport(TELEGRAM, TOKEN, "http://x").classify(error) == read


def test_a_dropped_connection_is_transient_and_a_bug_is_not_a_failure() -> None:
    transport = DirectTransport(TELEGRAM, TOKEN, "http://x")
    for error in (aiohttp.ClientConnectionError("reset"), TimeoutError(), ConnectionResetError()):
        read = transport.classify(error)
        assert read is not None and read.failure is Failure.TRANSIENT
    assert transport.classify(KeyError("chat_id")) is None


SAMPLES = {
    "text": message(text="سلام"),
    "command": message(text="/help@daftar_bot"),
    "contact": message(contact={"phone_number": "+98912", "first_name": "S", "user_id": 42}),
    "photo": message(
        photo=[
            {"file_id": "a", "file_unique_id": "a", "width": 9, "height": 9, "file_size": 80},
            {"file_id": "b", "file_unique_id": "b", "width": 90, "height": 90, "file_size": 800},
        ]
    ),
    "sticker": message(sticker={"file_id": "s", "width": 512, "height": 512}),
    "callback": {
        "update_id": 7,
        "callback_query": {"id": "5", "from": USER, "data": "t", "chat_instance": "c"},
    },
}


@pytest.mark.parametrize("name", list(SAMPLES))
@pytest.mark.parametrize("profile", [TELEGRAM, BALE], ids=["telegram", "bale"])
def test_the_view_reads_as_the_frameworks_models_read(name: str, profile: PlatformProfile) -> None:
    import telegram
    from aiogram import Bot

    from bot.handlers.aiogram_transport import AiogramTransport
    from bot.handlers.ptb_transport import PtbTransport

    aiogram = AiogramTransport(profile, TOKEN, "http://127.0.0.1:9")
    aiogram.bot = Bot(TOKEN)  # parsing wants a bot; nothing is called on it
    ptb = PtbTransport(profile, TOKEN, "http://127.0.0.1:9")
    ptb.bot = telegram.Bot(TOKEN)
    raw = mend_update(SAMPLES[name])
    direct = event(SAMPLES[name], profile)
    assert direct is not None
    assert to_event(aiogram.parse(raw), profile, BOT) == direct
    assert to_event(ptb.parse(raw), profile, BOT) == direct
