"""bot/notices/retries.py: a notice's failed deliveries put back in the queue, on a real store."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain.inspections import schedule_inspection
from bot.notices.retries import RetryRefused, retry_notice
from storage import notices as notice_store
from storage.identities import mark_chat_blocked
from storage.models import Identity, OutboxMessage
from tests.store.test_discipline import OFFICE, add_office, at, link

FIRST_CHAT, SECOND_CHAT = 7_000_000_001, 7_000_000_002


async def test_only_failed_deliveries_are_queued_again_and_their_chat_unblocked(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await link(session, manager.id, at(1403, 8, 1), user_id=FIRST_CHAT)
        await link(session, manager.id, at(1403, 8, 1), user_id=SECOND_CHAT)
        _, notice = await schedule_inspection(
            session,
            settings,
            at(1403, 8, 2),
            office_code=OFFICE,
            kind="periodic",
            at=at(1403, 8, 20, 10),
        )
        failed, sent = await notice_store.deliveries_of(session, notice.id)
        await notice_store.record(
            session, failed.id, at(1403, 8, 2), "failed", detail="Forbidden", status="failed"
        )
        await notice_store.record(session, sent.id, at(1403, 8, 2), "sent", message_id=41)
        await mark_chat_blocked(session, failed.platform, failed.chat_id, at(1403, 8, 2))

    async with sessions() as session, session.begin():
        retried = await retry_notice(session, notice.id)
        assert [row.id for row in retried] == [failed.id]

    async with sessions() as session:
        again = await session.get(OutboxMessage, failed.id)
        untouched = await session.get(OutboxMessage, sent.id)
        identity = await session.get(Identity, (failed.platform, failed.chat_id))
        assert again is not None and untouched is not None and identity is not None
        assert (again.status, again.attempts, again.next_attempt_at) == ("pending", 1, None)
        assert again.claimed_until is None
        assert (untouched.status, untouched.platform_message_id) == ("sent", 41)
        assert identity.blocked_at is None  # the chat is tried again, not refused unseen
        assert [a.outcome for a in await notice_store.attempts_of(session, failed.id)] == ["failed"]


async def test_nothing_to_retry_is_refused(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await link(session, manager.id, at(1403, 8, 1), user_id=FIRST_CHAT)
        _, notice = await schedule_inspection(
            session,
            settings,
            at(1403, 8, 2),
            office_code=OFFICE,
            kind="ad_hoc",
            at=at(1403, 8, 20, 10),
        )

    async with sessions() as session:
        with pytest.raises(RetryRefused, match=f"no notice #{notice.id + 1}$"):
            await retry_notice(session, notice.id + 1)
        with pytest.raises(RetryRefused, match="has no failed or undeliverable delivery"):
            await retry_notice(session, notice.id)
