"""A transport's Update (a `JsonView` of the JSON, or aiogram's or ptb's) as an engine Event.

Both frameworks model the Bot API with the same attribute names (`message.chat.id`,
`callback_query.from_user`, `message.photo[-1].file_size`, ...), and the direct transport's
`JsonView` reads the JSON by those names, so one function reads any of the three.
"""

from __future__ import annotations

from typing import Any

from bot.handlers.profiles import PlatformProfile
from bot.messages.events import (
    AttachmentEvent,
    ButtonEvent,
    CommandEvent,
    ContactEvent,
    Event,
    TextEvent,
    UnsupportedEvent,
)

UNSUPPORTED_KINDS = (
    "sticker",
    "voice",
    "audio",
    "video",
    "video_note",
    "animation",
    "location",
    "venue",
    "poll",
    "dice",
    "game",
)


def to_event(update: Any, profile: PlatformProfile, bot: str) -> Event | None:
    """The event *update* stands for, or None for what the bot ignores (edits, joins, ...)."""
    query = getattr(update, "callback_query", None)
    if query is not None:
        message = getattr(query, "message", None)
        chat = getattr(message, "chat", None) if message is not None else None
        sender = query.from_user
        return ButtonEvent(
            platform=profile.name,
            bot=bot,
            update_id=int(update.update_id),
            chat_id=int(chat.id) if chat is not None else int(sender.id),
            user_id=int(sender.id),
            chat_type=str(chat.type) if chat is not None else "private",
            language_code=getattr(sender, "language_code", None),
            token=str(query.data or ""),
            callback_id=str(query.id),
        )
    message = getattr(update, "message", None)
    if message is None:
        return None
    sender = getattr(message, "from_user", None)
    common: dict[str, Any] = {
        "platform": profile.name,
        "bot": bot,
        "update_id": int(update.update_id),
        "chat_id": int(message.chat.id),
        "user_id": int(sender.id) if sender is not None else int(message.chat.id),
        "chat_type": str(message.chat.type),
        "language_code": getattr(sender, "language_code", None),
    }
    text = getattr(message, "text", None)
    if text:
        if text.startswith("/"):
            head, _, args = text[1:].partition(" ")
            name = head.split("@", 1)[0].lower()
            if name:
                return CommandEvent(**common, command=name, args=args.strip())
        return TextEvent(**common, text=text)
    contact = getattr(message, "contact", None)
    if contact is not None:
        own = sender is not None and profile.same_user(contact.user_id, int(sender.id))
        return ContactEvent(
            **common,
            phone_number=str(contact.phone_number),
            own=own,
            first_name=str(contact.first_name or ""),
        )
    photos = getattr(message, "photo", None)
    if photos:
        largest = max(photos, key=lambda size: (size.file_size or 0, size.width * size.height))
        return AttachmentEvent(
            **common,
            kind="photo",
            file_id=str(largest.file_id),
            size=largest.file_size,
            mime_type="image/jpeg",
            caption=str(getattr(message, "caption", None) or ""),
        )
    document = getattr(message, "document", None)
    if document is not None:
        return AttachmentEvent(
            **common,
            kind="document",
            file_id=str(document.file_id),
            size=document.file_size,
            mime_type=document.mime_type,
            file_name=document.file_name,
            caption=str(getattr(message, "caption", None) or ""),
        )
    what = next((kind for kind in UNSUPPORTED_KINDS if getattr(message, kind, None)), "other")
    return UnsupportedEvent(**common, what=what)
