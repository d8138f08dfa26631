"""One message to every chat linked to some staff: an outbox row a chat, in its own language.

The notices to a body's members (the desk, the Primary Board, the Council, the Appeals Board) are
written by a `Write` for each chat and queued here, in the caller's transaction.

    queue_to_links(session, settings, links, now, write) -> list[int]

`link_locale` is a linked chat's language: its user's choice, else the default.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.messages.replies import Reply
from bot.text.i18n import Translator, translator
from storage import identities, outbox
from storage.models import StaffLink

#: Writes one chat's message: its translator, its locale and the chat (platform, chat id).
Write = Callable[[Translator, str, tuple[str, int]], Awaitable[Reply]]


async def link_locale(session: AsyncSession, settings: Settings, link: StaffLink) -> str:
    """The language of *link*'s chat: the one its user chose, else the default."""
    identity = await identities.find(session, link.platform, link.platform_user_id)
    return (identity.locale if identity else None) or settings.default_locale


async def queue_to_links(
    session: AsyncSession,
    settings: Settings,
    links: Sequence[StaffLink],
    now: datetime,
    write: Write,
) -> list[int]:
    """Queue *write*'s message to each of *links*' chats, in the chat's language; the row ids."""
    ids: list[int] = []
    for link in links:
        locale = await link_locale(session, settings, link)
        reply = await write(translator(locale), locale, (link.platform, link.chat_id))
        [row_id] = await outbox.enqueue(
            session,
            platform=link.platform,
            chat_id=link.chat_id,
            kind="notice",
            payloads=[reply.to_payload()],
            update_id=None,
            now=now,
        )
        ids.append(row_id)
    return ids
