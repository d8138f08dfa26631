"""The engine's store, module by module: processed updates, identities, conversations, buttons
and the outbox's replies, on a real store (SQLite, and PostgreSQL where configured)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import buttons, conversations, identities, outbox, updates
from storage.models import Button

NOW = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)


async def test_processed_updates_are_recorded_counted_and_pruned(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        assert await updates.last_id(session, "telegram", "1") == 0
        await updates.record_processed(session, "telegram", "1", 7, NOW - timedelta(days=40))
        await updates.record_processed(session, "telegram", "1", 9, NOW)
        await updates.record_processed(session, "bale", "1", 50, NOW)
    async with sessions() as session, session.begin():
        assert await updates.was_processed(session, "telegram", "1", 7)
        assert not await updates.was_processed(session, "telegram", "1", 8)
        assert await updates.last_id(session, "telegram", "1") == 9
        assert await updates.prune(session, NOW, timedelta(days=30)) == 1
    async with sessions() as session:
        assert not await updates.was_processed(session, "telegram", "1", 7)
        assert await updates.last_id(session, "telegram", "1") == 9


async def test_an_identity_is_made_once_and_unblocked_by_writing(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        assert await identities.find(session, "telegram", 5) is None
        first = await identities.touch(session, "telegram", 5, 500, NOW)
        assert (first.first_seen, first.last_seen, first.locale) == (NOW, NOW, None)
    async with sessions() as session, session.begin():
        await identities.mark_chat_blocked(session, "telegram", 500, NOW)
    async with sessions() as session, session.begin():
        blocked = await identities.find(session, "telegram", 5)
        assert blocked is not None and blocked.blocked_at == NOW
        later = NOW + timedelta(hours=1)
        again = await identities.touch(session, "telegram", 5, 501, later)
        assert (again.first_seen, again.last_seen, again.chat_id) == (NOW, later, 501)
        assert again.blocked_at is None


async def test_a_group_is_noted_once(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session, session.begin():
        assert await identities.note_group_once(session, "bale", -100, NOW)
        assert not await identities.note_group_once(session, "bale", -100, NOW)
        assert await identities.note_group_once(session, "telegram", -100, NOW)


async def test_a_conversation_is_written_only_over_the_version_read(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    fields = {"step": "office", "answers": {"a": 1}, "trail": {}, "run": 1, "now": NOW}
    async with sessions() as session, session.begin():
        assert await conversations.load(session, "telegram", 500) is None
        await conversations.save(
            session, "telegram", 500, read_version=None, flow="complaint", **fields
        )
    async with sessions() as session, session.begin():
        row = await conversations.load(session, "telegram", 500)
        assert row is not None
        assert (row.version, row.flow, row.answers) == (1, "complaint", {"a": 1})
        await conversations.save(session, "telegram", 500, read_version=1, flow="menu", **fields)
    async with sessions() as session:
        with pytest.raises(conversations.StaleConversation):
            async with session.begin():
                await conversations.save(
                    session, "telegram", 500, read_version=1, flow="lost", **fields
                )
    async with sessions() as session:
        row = await conversations.load(session, "telegram", 500)
        assert row is not None and (row.version, row.flow) == (2, "menu")


async def test_buttons_are_found_by_token_and_pruned_when_expired(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    def button(token: str, expires_at: datetime) -> Button:
        return Button(
            token=token,
            platform="telegram",
            chat_id=500,
            kind="action",
            action="notice_ack",
            value={},
            created_at=NOW,
            expires_at=expires_at,
        )

    async with sessions() as session, session.begin():
        await buttons.add(session, button("old", NOW - timedelta(seconds=1)))
        await buttons.add(session, button("new", NOW + timedelta(days=1)))
    async with sessions() as session, session.begin():
        assert await buttons.prune_expired(session, NOW) == 1
    async with sessions() as session:
        assert await buttons.find(session, "old") is None
        found = await buttons.find(session, "new")
        assert found is not None and found.action == "notice_ack"


async def test_replies_are_claimed_once_and_marked(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        ids = await outbox.enqueue(
            session,
            platform="telegram",
            chat_id=500,
            kind="reply",
            payloads=[{"text": "one"}, {"text": "two"}, {"text": "three"}],
            update_id=9,
            now=NOW,
        )
    assert ids == sorted(ids) and len(ids) == 3
    later = NOW + timedelta(minutes=5)
    async with sessions() as session, session.begin():
        claimed = await outbox.claim_pending_replies(
            session, "telegram", later, older_than=timedelta(minutes=1), lease=timedelta(minutes=1)
        )
        assert [row.payload["text"] for row in claimed] == ["one", "two", "three"]
        # Under the lease, a second sweep takes nothing.
        assert not await outbox.claim_pending_replies(
            session, "telegram", later, older_than=timedelta(0), lease=timedelta(minutes=1)
        )
    async with sessions() as session, session.begin():
        await outbox.mark_sent(session, ids[0], 77, later)
        await outbox.mark_failed_attempt(session, ids[1], "timeout")
        await outbox.mark_failed_attempt(session, ids[2], "blocked", final_status="undeliverable")
    async with sessions() as session:
        assert await outbox.still_pending(session, ids) == {ids[1]}
        assert await outbox.notice_id_of(session, ids[0]) is None
        assert await outbox.notice_ids_sent_to(session, "telegram", 500) == set()
