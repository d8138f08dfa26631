"""The Association's service targets on a real store (settings, not law): a complaint past the
first response target is reminded to its Association's desk, past the referral target again,
past the escalation target reported to the Directorate; each once, even after a restart (the
record is in the store); never to another Association's desk, never for a complaint the Board
has, and tried again when no one could be told."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import service_targets
from bot.messages.replies import Reply
from storage import complaints, threads
from storage import staff as store
from storage.database import migrate, open_engine, session_factory
from storage.models import OutboxMessage
from storage.offices import upsert_offices
from storage.statuses import Role
from tests.store.test_staff import FARS_OFFICE, NOW, TEHRAN_OFFICE, complaint, office

DESK, FARS_DESK, DIRECTORATE = 11, 22, 33  # each member's chat id


@pytest.fixture
def settings() -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        association_provinces="tehran,fars",
        desk_first_response_days=7,
        desk_referral_days=30,
        desk_escalation_days=45,
    )


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    db = open_engine(database_url)
    await migrate(db)
    factory = session_factory(db)
    async with factory() as session, session.begin():
        await upsert_offices(
            session, [office(TEHRAN_OFFICE, "tehran"), office(FARS_OFFICE, "fars")], NOW
        )
        for chat, role, association in (
            (DESK, Role.DESK, "tehran"),
            (FARS_DESK, Role.DESK, "fars"),
            (DIRECTORATE, Role.DIRECTORATE, None),
        ):
            member = await store.add_member(session, f"عضو {chat}", NOW)
            await store.add_role(session, member.id, role, association, False, NOW)
            await store.add_link(session, member.id, "telegram", chat, chat, NOW)
    yield factory
    await db.dispose()


async def remind_at(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, days: float
) -> int:
    async with sessions() as session, session.begin():
        return await service_targets.remind(session, settings, NOW + timedelta(days=days))


async def told(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[int, str]]:
    async with sessions() as session:
        found = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.chat_id, Reply.from_payload(row.payload).text) for row in found]


async def test_each_target_is_told_once_to_whom_it_concerns(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        filed = await complaint(session, TEHRAN_OFFICE, "tehran", "1234567890")
    assert await remind_at(sessions, settings, 6.9) == 0
    assert await told(sessions) == []

    assert await remind_at(sessions, settings, 7.1) == 1
    [(chat, text)] = await told(sessions)
    assert chat == DESK  # not Fars's desk, not the Directorate
    assert text == (
        "⏰ هدف خدمت گذشت: شکایت ۱۲۳۴۵۶۷۸۹۰ در کانون دفاتر استان تهران، ثبت‌شده در ۱۵ آبان "
        "۱۴۰۳، هنوز «دریافت شد» است. کانون می‌کوشد ظرف ۷ روز از ثبت پاسخ دهد: این هدف خدمتِ "
        "خود کانون (یک تنظیم) است، نه مهلتی از آیین‌نامه."
    )
    # A restart, or the next round: nothing is told twice.
    assert await remind_at(sessions, settings, 7.2) == 0
    assert len(await told(sessions)) == 1

    assert await remind_at(sessions, settings, 30.5) == 1
    assert [chat for chat, _ in await told(sessions)] == [DESK, DESK]
    assert "ظرف ۳۰ روز از ثبت، شکایت را به هیئت ارجاع دهد یا ببندد" in (await told(sessions))[-1][1]

    assert await remind_at(sessions, settings, 45.5) == 1
    chat, text = (await told(sessions))[-1]
    assert chat == DIRECTORATE
    assert text.startswith("⚠ برای نظارت اداره‌ی کل دفاتر (بند د ماده‌ی ۹): شکایت ۱۲۳۴۵۶۷۸۹۰")
    assert "پس از ۴۵ روز هنوز «دریافت شد» است" in text
    assert await remind_at(sessions, settings, 90) == 0
    async with sessions() as session:
        notices = await threads.target_notices(session, filed)
    assert [(n.target, n.recipients) for n in notices] == [
        ("first_response", 1),
        ("referral", 1),
        ("escalation", 1),
    ]


async def test_a_complaint_the_board_has_is_not_overdue_and_no_one_to_tell_is_tried_again(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        referred = await complaint(session, TEHRAN_OFFICE, "tehran", "1234567890")
        found = await complaints.by_id(session, referred)
        assert found is not None
        await complaints.set_status(session, found, "referred_to_board", None, NOW)
        await complaint(session, FARS_OFFICE, "fars", "2234567890")
        fars_desk = await store.link_of(session, "telegram", FARS_DESK)
        assert fars_desk is not None
        await store.revoke_link(session, fars_desk, NOW)
    assert await remind_at(sessions, settings, 8) == 0  # Fars's desk has no chat now
    assert await told(sessions) == []
    async with sessions() as session, session.begin():
        await store.add_link(session, fars_desk.member_id, "telegram", FARS_DESK, FARS_DESK, NOW)
    assert await remind_at(sessions, settings, 9) == 1
    assert [chat for chat, _ in await told(sessions)] == [FARS_DESK]
