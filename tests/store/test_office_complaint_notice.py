"""The office is told of a complaint the Association accepts (bot/domain/complaint_status.py):
the clauses in plain words and the day, in the manager's language, and the complainant only with
their consent; waiting for a manager who has linked no chat; never a second time."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import jdatetime
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import cases
from bot.domain.complaint_status import change_status
from bot.notices import managers as manager_notices
from bot.text.persian import to_persian_digits
from storage import complaints, identities, managers
from storage.database import migrate, open_engine, session_factory
from storage.models import Complaint, Notice, OutboxMessage
from storage.offices import OfficeRecord, upsert_offices

FILED = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)  # noon in Tehran, 1403/08/15
NOW = datetime(2024, 11, 8, 8, 30, tzinfo=UTC)  # 1403/08/18
OFFICE = "2001"
MANAGER_CHAT = 7_000_000_001
NAME, MOBILE, NATIONAL_ID = "زهرا محمدی", "09121234567", "0499370899"
DESCRIPTION = "در دفتر به من گفتند آقای رضایی مسئول است و رسید ندادند."


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    db = open_engine(database_url)
    await migrate(db)
    factory = session_factory(db)
    record = OfficeRecord(
        code=OFFICE,
        name="دفتر آزمایشی ۲۰۰۱",
        name_key="دفترآزمایشی۲۰۰۱",
        province="tehran",
        city="تهران",
        address="نشانی آزمایشی",
        phone="",
        manager_name="مدیر آزمایشی",
        manager_mobile="09120000001",
        status="active",
        suspended_until=None,
    )
    async with factory() as session, session.begin():
        await upsert_offices(session, [record], FILED)
    yield factory
    await db.dispose()


async def file(
    session: AsyncSession, code: str, *, consent: bool, user_id: int = 111, locale: str = "fa"
) -> Complaint:
    return await complaints.create(
        session,
        now=FILED,
        tracking_code=code,
        platform="telegram",
        platform_user_id=user_id,
        chat_id=user_id,
        office_code=OFFICE,
        association_province="tehran",
        violations=["25.6", "25.12"],
        incident_date=jdatetime.date(1403, 8, 10),
        description=DESCRIPTION,
        overcharge=None,
        complainant_name=NAME,
        complainant_mobile=MOBILE,
        complainant_national_id=NATIONAL_ID,
        identity_consent=consent,
        locale=locale,
        keep_until=datetime(2029, 11, 5, tzinfo=UTC),
    )


async def link_manager(session: AsyncSession, locale: str) -> None:
    """The office's manager links a Telegram chat and speaks *locale* there."""
    manager = await managers.current(session, OFFICE)
    assert manager is not None
    identity = await identities.touch(session, "telegram", MANAGER_CHAT, MANAGER_CHAT, FILED)
    identity.locale = locale
    await managers.add_link(session, manager.id, "telegram", MANAGER_CHAT, MANAGER_CHAT, FILED)


async def to_manager(session: AsyncSession) -> list[OutboxMessage]:
    found = await session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.chat_id == MANAGER_CHAT)
        .order_by(OutboxMessage.id)
    )
    return list(found)


async def office_notices(session: AsyncSession) -> list[Notice]:
    return list(await session.scalars(select(Notice).where(Notice.kind == "complaint")))


def leaks(code: str) -> list[str]:
    """What of the complainant the office must not see without consent."""
    return [
        NAME,
        "زهرا",
        MOBILE,
        to_persian_digits(MOBILE),
        NATIONAL_ID,
        to_persian_digits(NATIONAL_ID),
        code,
        to_persian_digits(code),
        "رضایی",  # from the description
    ]


async def test_without_consent_the_office_learns_of_the_complaint_but_not_who_made_it(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await link_manager(session, "fa")
        complaint = await file(session, "1234567890", consent=False)
        changed = await change_status(
            session, "1234567890", "under_review", "بررسی آغاز شد", NOW, settings=settings
        )
        [row] = await to_manager(session)
        [notice] = await office_notices(session)
        complainant_rows = list(
            await session.scalars(select(OutboxMessage).where(OutboxMessage.chat_id == 111))
        )
    assert changed.office is not None and changed.office.notice is not None
    assert (changed.office.deliveries, changed.office.identity_shared) == (1, False)
    assert (notice.subject_id, notice.office_code, notice.created_at) == (
        complaint.id,
        OFFICE,
        NOW,
    )
    assert (row.kind, row.platform, row.status, row.notice_id) == (
        "notice",
        "telegram",
        "pending",
        notice.id,
    )
    text = str(row.payload["text"])
    assert text.splitlines()[0] == "📨 شکایتی از دفتر شما"
    assert "دفتر: دفتر آزمایشی ۲۰۰۱ (۲۰۰۱)" in text
    assert "بند هـ ماده‌ی ۱۵" in text and "هنوز درباره‌ی آن تصمیمی گرفته نشده است" in text
    assert "عدم تحویل قبض رسید وجوه به ارباب رجوع" in text  # clause 6, in plain words
    assert "دریافت وجه بیشتر از هزینه‌های تعیین‌شده" in text  # clause 12
    assert "روز رخداد: ۱۰ آبان ۱۴۰۳" in text
    assert "شاکی خواسته است هویتش از دفتر پنهان بماند" in text
    assert "دستورالعمل این ابلاغ را الزامی نکرده است" in text  # a practice, not the law
    assert [label for r in row.payload["inline"] for label, _token in r] == ["✔ تأیید دریافت"]
    stored = json.dumps(row.payload, ensure_ascii=False) + json.dumps(
        notice.content, ensure_ascii=False
    )
    for secret in leaks(complaint.tracking_code):
        assert secret not in stored, secret
    assert notice.content["complainant"] is None
    assert len(complainant_rows) == 1  # the complainant is told of the review, as before


async def test_with_consent_the_office_learns_the_name_and_mobile_in_the_managers_language(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await link_manager(session, "en")
        await file(session, "1234567890", consent=True)
        changed = await change_status(
            session, "1234567890", "referred_to_board", "to the Board", NOW, settings=settings
        )
        [row] = await to_manager(session)
    assert changed.office is not None and changed.office.identity_shared
    text = str(row.payload["text"])
    assert text.splitlines()[0] == "📨 A complaint against your office"
    assert "• Article 25, clause 6: Not giving clients a receipt for money paid" in text
    assert "• Article 25, clause 12: Charging more than the set fees" in text
    assert "Day of the incident: 10 Aban 1403" in text
    assert f"who they are: {NAME}, {MOBILE}." in text
    assert "withheld" not in text
    # Consent reveals who complained, not their national ID, their story or their code.
    for secret in (NATIONAL_ID, "1234567890", "رضایی"):
        assert secret not in json.dumps(row.payload, ensure_ascii=False)
    assert [label for r in row.payload["inline"] for label, _token in r] == [
        "✔ Acknowledge receipt"
    ]


async def test_only_accepting_tells_the_office_and_only_once(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await link_manager(session, "fa")
        await file(session, "1111111111", consent=False)
        await file(session, "2222222222", consent=False, user_id=222)
        await file(session, "3333333333", consent=True, user_id=333)
        await change_status(session, "1111111111", "under_review", "x", NOW, settings=settings)
        again = await change_status(
            session, "1111111111", "referred_to_board", "x", NOW, settings=settings
        )
        dismissed = await change_status(
            session, "2222222222", "dismissed", "nothing to pursue", NOW, settings=settings
        )
        # A complaint referred straight to the Board with a case is accepted too.
        await cases.open_case_from_complaints(
            session, settings, NOW, office_code=OFFICE, tracking_codes=["3333333333"]
        )
        rows = await to_manager(session)
        found = await office_notices(session)
    assert again.office is None and dismissed.office is None
    assert len(found) == 2 and len(rows) == 2
    assert "زهرا محمدی" in str(rows[1].payload["text"])  # the one with consent


async def test_a_manager_with_no_linked_chat_gets_the_notice_when_they_link(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await file(session, "1234567890", consent=False)
        changed = await change_status(
            session, "1234567890", "under_review", "x", NOW, settings=settings
        )
        waiting = await to_manager(session)
        [notice] = await office_notices(session)
    assert changed.office is not None and changed.office.notice is not None
    assert changed.office.deliveries == 0 and waiting == []
    assert changed.office.manager_name == "مدیر آزمایشی"
    async with sessions() as session, session.begin():
        await link_manager(session, "fa")
        manager = await managers.current(session, OFFICE)
        assert manager is not None
        [link] = await managers.active_links(session, manager.id)
        assert await manager_notices.on_link(session, link, settings, NOW) == 1
        [row] = await to_manager(session)
    assert row.notice_id == notice.id
    assert "شاکی خواسته است هویتش از دفتر پنهان بماند" in str(row.payload["text"])


async def test_an_office_with_no_manager_on_record_is_not_told_and_the_move_goes_on(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await managers.current(session, OFFICE)
        assert manager is not None
        manager.ended_at = FILED
        complaint = await file(session, "1234567890", consent=True)
        changed = await change_status(
            session, "1234567890", "under_review", "x", NOW, settings=settings
        )
        found: list[Any] = await office_notices(session)
    assert changed.office is not None
    assert (changed.office.notice, changed.office.manager_name) == (None, None)
    assert found == [] and complaint.status == "under_review"
