"""The hot path's one-statement forms, on a real store: the processed-update insert that decides
a redelivery, the identity's upsert, the chat's conversation and language in one read, several
buttons in one insert, and mark-sent as a group commit."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.engine.sent_marks import SentMarks
from storage import conversations, identities, outbox, update_trips, updates
from storage.models import Button, OutboxMessage

NOW = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)
_update_ids = itertools.count(1000)


async def seen(
    session: AsyncSession, user: int, chat: int, now: datetime, locale: str | None = None
) -> None:
    """The identity's upsert, as an update writes it last."""
    row = identities.seen_row("telegram", user, chat, now, locale=locale)
    await update_trips.write_replies(session, shown=[], messages=[], seen=row)


async def open_chat(session: AsyncSession, chat: int, user: int) -> conversations.Opened:
    """The chat's read, as a new update makes it."""
    opened = await update_trips.open_update(
        session,
        platform="telegram",
        bot="1",
        update_id=next(_update_ids),
        chat_id=chat,
        user_id=user,
        now=NOW,
    )
    assert opened is not None
    return opened


async def test_the_first_record_of_an_update_wins_and_a_redelivery_finds_it(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        assert await updates.record_first(session, "telegram", "1", 7, NOW)
        assert not await updates.record_first(session, "telegram", "1", 7, NOW)
        assert await updates.record_first(session, "bale", "1", 7, NOW)  # another platform's
    async with sessions() as session, session.begin():
        assert not await updates.record_first(session, "telegram", "1", 7, NOW)
        assert await updates.was_processed(session, "telegram", "1", 7)
    async with sessions() as session:
        await session.begin()
        assert await updates.record_first(session, "telegram", "1", 8, NOW)
        await session.rollback()  # a rolled-back update is not recorded
    async with sessions() as session:
        assert not await updates.was_processed(session, "telegram", "1", 8)


async def test_the_identity_upsert_creates_keeps_the_language_and_unblocks(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    later = NOW + timedelta(hours=1)
    async with sessions() as session, session.begin():
        await seen(session, 5, 500, NOW)
    async with sessions() as session, session.begin():
        await seen(session, 5, 500, NOW, locale="en")
        await identities.mark_chat_blocked(session, "telegram", 500, NOW)
    async with sessions() as session, session.begin():
        await seen(session, 5, 501, later)  # no language: the chosen stays
    async with sessions() as session:
        found = await identities.find(session, "telegram", 5)
    assert found is not None
    assert (found.first_seen, found.last_seen, found.chat_id) == (NOW, later, 501)
    assert (found.locale, found.blocked_at) == ("en", None)


async def test_a_chat_is_opened_with_its_conversation_and_language_in_one_read(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        fresh = await open_chat(session, 500, 5)
    assert (fresh.conversation, fresh.locale) == (None, None)
    async with sessions() as session, session.begin():
        await seen(session, 5, 500, NOW, locale="fa")
        await conversations.save(
            session,
            "telegram",
            500,
            read_version=None,
            flow="pet",
            step="kind",
            answers={"a": 1},
            trail={},
            run=2,
            now=NOW,
        )
    async with sessions() as session:
        opened = await open_chat(session, 500, 5)
        other = await open_chat(session, 600, 6)
    assert opened.locale == "fa" and opened.conversation is not None
    assert (opened.conversation.flow, opened.conversation.step, opened.conversation.run) == (
        "pet",
        "kind",
        2,
    )
    assert (other.conversation, other.locale) == (None, None)


async def test_several_buttons_are_stored_in_one_insert(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    rows = [
        {
            "token": f"t{n}",
            "platform": "telegram",
            "chat_id": 500,
            "kind": "step",
            "flow": "pet",
            "step": "kind",
            "run": 1,
            "action": None,
            "value": {"v": f"choice {n}"},
            "created_at": NOW,
            "expires_at": NOW + timedelta(days=1),
        }
        for n in range(3)
    ]
    async with sessions() as session, session.begin():
        await update_trips.write_replies(session, shown=rows, messages=[], seen=None)
        await update_trips.write_replies(session, shown=[], messages=[], seen=None)
    async with sessions() as session:
        found = list(await session.scalars(select(Button).order_by(Button.token)))
    assert [(b.token, b.value) for b in found] == [
        (f"t{n}", {"v": f"choice {n}"}) for n in range(3)
    ]


async def test_marks_that_arrive_together_commit_together_each_with_its_message_id(
    sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with sessions() as session, session.begin():
        ids = await outbox.enqueue(
            session,
            platform="telegram",
            chat_id=500,
            kind="reply",
            payloads=[{"text": str(n)} for n in range(6)],
            update_id=9,
            now=NOW,
        )
    commits = 0
    real = outbox.mark_sent_many

    async def counted(
        session: AsyncSession, sent: list[tuple[int, int | None]], now: datetime
    ) -> None:
        nonlocal commits
        commits += 1
        await real(session, sent, now)

    monkeypatch.setattr(outbox, "mark_sent_many", counted)
    marks = SentMarks(sessions, lambda: NOW)
    big = 2**40  # a platform's message id past 32 bits
    await asyncio.gather(*(marks.mark([(i, big + i)]) for i in ids[:5]))
    await marks.mark([])
    assert 1 < commits < 5  # the first alone, the others queued behind it together
    async with sessions() as session:
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert [(r.status, r.platform_message_id, r.attempts) for r in rows] == [
        *(("sent", big + i, 1) for i in ids[:5]),
        ("pending", None, 0),
    ]
    assert all(r.sent_at == NOW for r in rows[:5])
