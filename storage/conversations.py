"""Conversations: each chat's place in its flow, written only over the version that was read.

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Conversation, Identity


class StaleConversation(Exception):
    """Another update changed the conversation since it was read: retry the whole update."""


async def load(session: AsyncSession, platform: str, chat_id: int) -> Conversation | None:
    """The chat's conversation row, if it has one."""
    return await session.get(Conversation, (platform, chat_id))


@dataclass(frozen=True)
class Opened:
    """What an update reads first of a private chat: its conversation, its account's language."""

    conversation: Conversation | None
    locale: str | None


async def open_chat(session: AsyncSession, platform: str, chat_id: int, user_id: int) -> Opened:
    """The chat's conversation and the sender's chosen language, in one statement."""
    one = select(literal(1).label("one")).subquery()
    query = (
        select(Identity.locale, Conversation)
        .select_from(one)
        .outerjoin(
            Identity, and_(Identity.platform == platform, Identity.platform_user_id == user_id)
        )
        .outerjoin(
            Conversation, and_(Conversation.platform == platform, Conversation.chat_id == chat_id)
        )
    )
    locale, conversation = (await session.execute(query)).one()
    return Opened(conversation, locale)


async def save(
    session: AsyncSession,
    platform: str,
    chat_id: int,
    *,
    read_version: int | None,
    flow: str | None,
    step: str | None,
    answers: dict[str, Any],
    trail: dict[str, Any],
    run: int,
    now: datetime,
) -> None:
    """Write the conversation if nobody changed it since *read_version* (None: it did not exist)."""
    values = {
        "flow": flow,
        "step": step,
        "answers": answers,
        "trail": trail,
        "run": run,
        "updated_at": now,
    }
    if read_version is None:
        session.add(Conversation(platform=platform, chat_id=chat_id, version=1, **values))
        await session.flush()  # a twin insert raises here: the caller retries
        return
    result = await session.execute(
        update(Conversation)
        .where(
            Conversation.platform == platform,
            Conversation.chat_id == chat_id,
            Conversation.version == read_version,
        )
        .values(version=read_version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleConversation(f"{platform}:{chat_id} moved past version {read_version}")
