"""A reply's keyboard as Bot API JSON, by the platform's rules; every transport sends this.

The rules live here once: inline buttons carry their token as `callback_data`; a reply keyboard
is `{text}` or `{text, request_contact: true}`, resized on Telegram and bare on Bale (Bale
documents `keyboard` alone: no resize or one-time flags); `remove_keyboard` only where the
platform has it. The direct transport sends the dict as it is; aiogram and python-telegram-bot
read it into their own markup objects.
"""

from __future__ import annotations

from typing import Any

from bot.handlers.profiles import PlatformProfile
from bot.messages.replies import Reply


def markup_json(reply: Reply | None, profile: PlatformProfile) -> dict[str, Any] | None:
    """The `reply_markup` of *reply* on *profile*'s platform; None for no markup."""
    if reply is None:
        return None
    if reply.inline:
        return {
            "inline_keyboard": [
                [{"text": b.label, "callback_data": b.token} for b in row] for row in reply.inline
            ]
        }
    if reply.keyboard:
        rows = [
            [
                {"text": k.label, "request_contact": True}
                if k.request_contact
                else {"text": k.label}
                for k in row
            ]
            for row in reply.keyboard
        ]
        if profile.name == "bale":
            return {"keyboard": rows}
        return {"keyboard": rows, "resize_keyboard": True}
    if reply.remove_keyboard and profile.remove_keyboard:
        return {"remove_keyboard": True}
    return None
