"""bot/domain/manager_links.py and the store beneath it: invite codes, unlinking an office, and
the notices a manager has (stored, waiting for a chat, due a reminder)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain import manager_links
from storage import managers, notices, outbox
from storage.database import migrate, open_engine, session_factory
from storage.models import Notice
from storage.offices import OfficeRecord, upsert_offices

NOW = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)
OFFICE = "2001"


def record(mobile: str) -> OfficeRecord:
    return OfficeRecord(
        code=OFFICE,
        name="دفتر آزمایشی",
        name_key="دفترآزمایشی",
        province="tehran",
        city="تهران",
        address="نشانی آزمایشی",
        phone="",
        manager_name="مدیر آزمایشی",
        manager_mobile=mobile,
        status="active",
        suspended_until=None,
    )


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    db = open_engine(database_url)
    await migrate(db)
    factory = session_factory(db)
    async with factory() as session, session.begin():
        await upsert_offices(session, [record("09120000001")], NOW)
    yield factory
    await db.dispose()


def codes(*given: str) -> Iterator[str]:
    yield from given


async def test_a_new_invite_replaces_the_unused_ones(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    week = NOW + timedelta(days=7)
    async with sessions() as session, session.begin():
        first = await manager_links.invite(session, OFFICE, NOW, week)
        assert first.replaced == 0 and len(first.invite.code) == manager_links.INVITE_LENGTH
        assert set(first.invite.code) <= set(manager_links.INVITE_ALPHABET)
    later = NOW + timedelta(hours=1)
    taken = codes(first.invite.code, "ABCDEFGH")
    async with sessions() as session, session.begin():
        # A code already issued is drawn again: another is drawn.
        second = await manager_links.invite(
            session, OFFICE, later, week, new_code=lambda: next(taken)
        )
        assert (second.invite.code, second.replaced) == ("ABCDEFGH", 1)
        assert second.manager.id == first.manager.id
    async with sessions() as session:
        old = await managers.invite(session, first.invite.code)
        assert old is not None and old.expires_at == later


async def test_an_unknown_office_or_one_without_manager_is_refused(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        with pytest.raises(manager_links.LinkRefused, match="no office with code 9999"):
            await manager_links.invite(session, "9999", NOW, NOW + timedelta(days=1))
        manager = await managers.current(session, OFFICE)
        assert manager is not None
        manager.ended_at = NOW
        with pytest.raises(manager_links.LinkRefused, match="has no manager on record"):
            await manager_links.invite(session, OFFICE, NOW, NOW + timedelta(days=1))


async def test_unlinking_reaches_every_manager_the_office_had(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        with pytest.raises(manager_links.LinkRefused, match="nothing revoked"):
            await manager_links.unlink(session, OFFICE, NOW)
    async with sessions() as session, session.begin():
        before = await managers.current(session, OFFICE)
        assert before is not None
        await managers.add_link(session, before.id, "telegram", 5, 500, NOW)
        # The Directorate replaces the manager (Art. 19): the first one's links are revoked then.
        await managers.replace(
            session,
            OFFICE,
            name="مدیر دوم",
            mobile="09120000002",
            national_id="0012345679",
            reason=managers.EndReason.WITHDRAWAL,
            note=None,
            starts_at=NOW,
            now=NOW,
        )
        after = await managers.current(session, OFFICE)
        assert after is not None and after.id != before.id
        await managers.add_link(session, after.id, "bale", 6, 600, NOW)
        await managers.add_invite(session, "ZZZZZZZZ", before.id, NOW, NOW + timedelta(days=1))
        assert [m.id for m in await managers.of_office(session, OFFICE)] == [before.id, after.id]
    async with sessions() as session, session.begin():
        then = NOW + timedelta(minutes=1)
        done = await manager_links.unlink(session, OFFICE, then)
        assert (done.chats, done.invites) == (1, 1)
        assert await managers.expire_unused_invites(session, [before.id, after.id], then) == 0
        assert await managers.expire_unused_invites(session, [], then) == 0


async def test_a_managers_notices_waiting_and_due(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        manager = await managers.current(session, OFFICE)
        assert manager is not None
        made = []
        for day in (0, 1, 2):
            notice = Notice(
                manager_id=manager.id,
                office_code=OFFICE,
                kind="inspection",
                subject_id=day,
                content={},
                created_at=NOW + timedelta(days=day),
                reminders=day,
            )
            made.append(await notices.add_notice(session, notice))
        made[1].acknowledged_at = NOW
        [row_id] = await outbox.enqueue(
            session,
            platform="telegram",
            chat_id=500,
            kind="notice",
            payloads=[{"text": "notice"}],
            update_id=None,
            now=NOW,
            notice_id=made[0].id,
        )
    ids = [notice.id for notice in made]
    async with sessions() as session:
        assert await outbox.notice_id_of(session, row_id) == ids[0]
        assert await outbox.notice_ids_sent_to(session, "telegram", 500) == {ids[0]}
        assert await outbox.notice_ids_sent_to(session, "bale", 500) == set()
        assert [n.id for n in await notices.of_manager(session, manager.id)] == ids
        latest = await notices.latest_of_manager(session, manager.id, 2)
        assert [n.id for n in latest] == [ids[2], ids[1]]
        found = await notices.notice(session, ids[2])
        assert found is not None and found.subject_id == 2
        due = await notices.unacknowledged(
            session, created_before=NOW + timedelta(days=2), reminded_fewer_than=2
        )
        assert [n.id for n in due] == [ids[0]]  # [1] acknowledged, [2] reminded twice
