"""Realistic Bot API objects: users, chats, messages and updates, Telegram- or Bale-shaped."""

from __future__ import annotations

import random
import secrets
import time
from typing import Any, Literal

Platform = Literal["telegram", "bale"]

BOT_ID = 999000111
BOT_USERNAMES: dict[str, str] = {"telegram": "daftar_test_bot", "bale": "daftar_bale_bot"}
BOT_FIRST_NAME = "Daftar Test"
CHAT_TYPES: dict[str, frozenset[str]] = {
    "telegram": frozenset({"private", "group", "supergroup", "channel"}),
    "bale": frozenset({"private", "group", "channel"}),
}
BALE_CONTACT_MASK = (1 << 32) - 1
MAX_ID_BITS = 52

# Stand-ins for media: a few bytes with the right magic numbers, never real content.
SAMPLE_JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + (b"fake photo " * 40)
    + b"\xff\xd9"
)
SAMPLE_WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"fake sticker" * 4
SAMPLE_OGG = b"OggS\x00\x02" + b"fake voice " * 20


def now() -> int:
    return int(time.time())


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def bot_user(platform: Platform) -> dict[str, Any]:
    """The bot, as getMe returns it and as the sender of its own messages."""
    user: dict[str, Any] = {
        "id": BOT_ID,
        "is_bot": True,
        "first_name": BOT_FIRST_NAME,
        "username": BOT_USERNAMES[platform],
    }
    return user


def get_me(platform: Platform) -> dict[str, Any]:
    me = bot_user(platform)
    if platform == "telegram":
        me.update(
            can_join_groups=True,
            can_read_all_group_messages=False,
            supports_inline_queries=False,
            can_connect_to_business=False,
            has_main_web_app=False,
        )
    return me


def user(
    user_id: int,
    *,
    first_name: str = "Test",
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = None,
) -> dict[str, Any]:
    result: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name is not None:
        result["last_name"] = last_name
    if username is not None:
        result["username"] = username
    if language_code is not None:
        result["language_code"] = language_code
    return result


def chat(
    chat_id: int,
    chat_type: str,
    *,
    first_name: str = "Test",
    username: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    result: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        result["first_name"] = first_name
        if username is not None:
            result["username"] = username
    else:
        result["title"] = title or f"Test {chat_type}"
    return result


def check_id(value: int, what: str) -> None:
    if abs(value) >= 1 << MAX_ID_BITS:
        raise ValueError(f"{what} {value} has more than {MAX_ID_BITS} significant bits")


def new_file_ids(prefix: str) -> tuple[str, str]:
    """A file_id and a file_unique_id that look like the real ones (opaque URL-safe strings)."""
    return prefix + secrets.token_urlsafe(30), "AQAD" + secrets.token_urlsafe(9)


def callback_query_id(platform: Platform, rng: random.Random, *, old_client: bool = False) -> str:
    """A fresh callback query id: a decimal string.

    On Bale an id starting with "1" marks an old client that cannot take answerCallbackQuery,
    so ordinary ids start with 2-9 and old-client ids with 1.
    """
    if platform == "bale":
        first = "1" if old_client else str(rng.randint(2, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in range(18))
    return str(rng.randint(10**17, 2**63 - 1))


def chat_instance(rng: random.Random) -> str:
    return str(rng.randint(-(2**63), 2**63 - 1))


def inline_buttons(markup: Any) -> list[dict[str, Any]]:
    """The buttons of an InlineKeyboardMarkup, row by row."""
    if not isinstance(markup, dict) or not isinstance(markup.get("inline_keyboard"), list):
        return []
    return [
        button
        for row in markup["inline_keyboard"]
        if isinstance(row, list)
        for button in row
        if isinstance(button, dict)
    ]


def keyboard_buttons(markup: Any) -> list[dict[str, Any]]:
    """The buttons of a ReplyKeyboardMarkup, row by row (plain strings read as buttons)."""
    if not isinstance(markup, dict) or not isinstance(markup.get("keyboard"), list):
        return []
    buttons: list[dict[str, Any]] = []
    for row in markup["keyboard"]:
        for button in row if isinstance(row, list) else []:
            if isinstance(button, str):
                buttons.append({"text": button})
            elif isinstance(button, dict):
                buttons.append(button)
    return buttons


def wire_message(message: dict[str, Any]) -> dict[str, Any]:
    """A message as the API returns it: only an inline keyboard ever appears as reply_markup."""
    result = dict(message)
    markup = result.get("reply_markup")
    if not (isinstance(markup, dict) and "inline_keyboard" in markup):
        result.pop("reply_markup", None)
    return result
