"""Conversations: each chat's place in its flow, written only over the version that was read.

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Table,
    and_,
    bindparam,
    exists,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Conversation, Identity
from storage.staff_models import StaffLink


class StaleConversation(Exception):
    """Another update changed the conversation since it was read: retry the whole update."""


async def load(session: AsyncSession, platform: str, chat_id: int) -> Conversation | None:
    """The chat's conversation row, if it has one."""
    return await session.get(Conversation, (platform, chat_id))


@dataclass(frozen=True)
class Opened:
    """What an update reads first of a private chat: its conversation, and of the sender's
    account its language, what its identity row holds (to write it only when it changes), and
    whether it has ever had a staff link (most accounts have none: the staff check ends there)."""

    conversation: StoredConversation | None
    locale: str | None
    identity: SeenAs | None = None
    staff_link: bool = False


@dataclass(frozen=True)
class StoredConversation:
    """A chat's conversation row as the update read it (the columns of `Conversation`)."""

    flow: str | None
    step: str | None
    answers: dict[str, Any]
    trail: dict[str, Any]
    run: int
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class SeenAs:
    """The sender's identity row as the update found it."""

    chat_id: int
    last_seen: datetime
    blocked: bool


def _open_chat_statement() -> Any:
    # Built once: building a select (its subquery, joins and columns) costs more than running it.
    platform: BindParameter[str] = bindparam("platform")
    user_id: BindParameter[int] = bindparam("user_id")
    chat_id: BindParameter[int] = bindparam("chat_id")
    one = select(literal(1).label("one")).subquery()
    linked = (
        exists()
        .where(StaffLink.platform == platform, StaffLink.platform_user_id == user_id)
        .label("staff_link")
    )
    return (
        # Columns, not the entity: the engine reads the row, and an ORM load costs more.
        select(
            Identity.locale,
            Identity.chat_id.label("identity_chat"),
            Identity.last_seen,
            Identity.blocked_at,
            linked,
            Conversation.version,
            Conversation.flow,
            Conversation.step,
            Conversation.answers,
            Conversation.trail,
            Conversation.run,
            Conversation.updated_at,
        )
        .select_from(one)
        .outerjoin(
            Identity, and_(Identity.platform == platform, Identity.platform_user_id == user_id)
        )
        .outerjoin(
            Conversation, and_(Conversation.platform == platform, Conversation.chat_id == chat_id)
        )
    )


OPEN_CHAT = _open_chat_statement()


def opened(found: Any) -> Opened:
    """What `OPEN_CHAT`'s one row says (the statement runs in `update_trips.open_update`)."""
    locale, identity_chat, last_seen, blocked_at, staff_link, version = found[:6]
    flow, step, answers, trail, run, updated_at = found[6:]
    conversation = (
        None
        if version is None
        else StoredConversation(flow, step, answers, trail, run, version, updated_at)
    )
    seen = (
        None
        if identity_chat is None
        else SeenAs(int(identity_chat), last_seen, blocked_at is not None)
    )
    return Opened(conversation, locale, seen, bool(staff_link))


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
        # A twin insert raises IntegrityError here: the caller retries.
        await session.execute(
            INSERT, {"platform": platform, "chat_id": chat_id, "version": 1, **values}
        )
        return
    result = await session.execute(
        UPDATE,
        {"of_platform": platform, "of_chat": chat_id, "read_version": read_version, **values},
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleConversation(f"{platform}:{chat_id} moved past version {read_version}")


def _update_statement() -> Any:
    table = _TABLE
    return (
        update(table)
        .where(
            # Not named as columns: the values given beside them (flow, step, …) are the SET.
            table.c.platform == bindparam("of_platform"),
            table.c.chat_id == bindparam("of_chat"),
            table.c.version == bindparam("read_version"),
        )
        .values(version=table.c.version + 1)
    )


# Built once, on the table (no ORM): every update that moves a conversation writes it.
_TABLE = cast(Table, Conversation.__table__)
INSERT = insert(_TABLE)
UPDATE = _update_statement()
