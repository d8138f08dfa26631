"""Completing platform JSON before a framework parses it.

Both frameworks validate every object against Telegram's required fields. Bale omits some
(`chat_instance` on callback queries, `duration` on voice notes, most of WebhookInfo), and one such
update would make a whole getUpdates batch unreadable. Each update is completed here with neutral
values; one that still cannot be parsed is dropped alone (see the runner).
"""

from __future__ import annotations

import copy
from typing import Any

JSON = dict[str, Any]

# Required fields of the objects an update may carry, with neutral values.
_FILE = {"file_unique_id": None}
_DEFAULTS: dict[str, JSON] = {
    "voice": {**_FILE, "duration": 0},
    "audio": {**_FILE, "duration": 0},
    "video": {**_FILE, "duration": 0, "width": 0, "height": 0},
    "video_note": {**_FILE, "duration": 0, "length": 0},
    "animation": {**_FILE, "duration": 0, "width": 0, "height": 0},
    "document": {**_FILE},
    "sticker": {
        **_FILE,
        "type": "regular",
        "width": 0,
        "height": 0,
        "is_animated": False,
        "is_video": False,
    },
    "contact": {"first_name": ""},
    "location": {"latitude": 0.0, "longitude": 0.0},
}
_MESSAGE_KEYS = ("message", "edited_message", "channel_post", "edited_channel_post")


def _user(user: Any) -> None:
    if isinstance(user, dict):
        user.setdefault("is_bot", False)
        user.setdefault("first_name", "")


def _message(message: Any) -> None:
    if not isinstance(message, dict):
        return
    message.setdefault("date", 0)
    chat = message.get("chat")
    if isinstance(chat, dict):
        chat.setdefault("type", "private")
    _user(message.get("from"))
    for key, defaults in _DEFAULTS.items():
        value = message.get(key)
        if isinstance(value, dict):
            _fill(value, defaults)
    photos = message.get("photo")
    if isinstance(photos, list):
        for size in photos:
            if isinstance(size, dict):
                _fill(size, {**_FILE, "width": 0, "height": 0})
    _message(message.get("reply_to_message"))


def _fill(target: JSON, defaults: JSON) -> None:
    for key, value in defaults.items():
        if key == "file_unique_id":
            target.setdefault(key, target.get("file_id", ""))
        else:
            target.setdefault(key, value)


def mend_update(raw: JSON, *, in_place: bool = False) -> JSON:
    """*raw* with the fields Telegram requires and Bale may omit filled in: a copy, or with
    *in_place* (for an update nobody else reads) *raw* itself, mended."""
    update = raw if in_place else copy.deepcopy(raw)
    for key in _MESSAGE_KEYS:
        _message(update.get(key))
    query = update.get("callback_query")
    if isinstance(query, dict):
        _user(query.get("from"))
        _message(query.get("message"))
        if "chat_instance" not in query:
            sender = query.get("from")
            query["chat_instance"] = str(sender.get("id", "")) if isinstance(sender, dict) else ""
    return update


def mend_webhook_info(raw: JSON) -> JSON:
    """A copy of a getWebhookInfo result with Telegram's required fields."""
    info = dict(raw)
    info.setdefault("url", "")
    info.setdefault("has_custom_certificate", False)
    info.setdefault("pending_update_count", 0)
    return info


def chat_key(raw: JSON) -> int:
    """The chat an update belongs to, for ordering; 0 when it names none."""
    for key in (*_MESSAGE_KEYS, "callback_query"):
        value = raw.get(key)
        if not isinstance(value, dict):
            continue
        message = value.get("message") if key == "callback_query" else value
        chat = message.get("chat") if isinstance(message, dict) else None
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return int(chat["id"])
        sender = value.get("from")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return int(sender["id"])
    return 0
