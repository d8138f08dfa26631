"""bot/domain/desk.py and the desk's notice on a real store: a new complaint reaches only its own
Association's linked desk; a referral joins the open case against the same office or opens one;
a closing keeps its ground and the desk's reasons and tells both to the complainant in their
language; a repeat must be of the
same office; a move the lifecycle refuses writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import desk, staff_members
from bot.domain.staff import ChatIdentity
from bot.domain.staff_actions import ACTIONS
from bot.messages.replies import Reply
from bot.notices.desk_complaints import OPEN, tell_desk
from storage import complaints
from storage.models import Button, Case, ComplaintEvent, OutboxMessage
from storage.statuses import Role, TransitionRefused
from tests.store.test_staff import (
    FARS_OFFICE,
    NOW,
    SARA,
    SARA_ON_BALE,
    TEHRAN_OFFICE,
    complaint,
    member_with,
    sessions,  # noqa: F401  (the fixture)
    two_associations,  # noqa: F401  (the fixture)
)

REASONS = "The office sells stamps; no service of the directive was asked for."


async def outbox_rows(session: AsyncSession) -> list[OutboxMessage]:
    return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_a_new_complaint_reaches_its_own_associations_linked_desk_only(
    sessions: async_sessionmaker[AsyncSession],  # noqa: F811
    two_associations: Settings,  # noqa: F811
) -> None:
    settings = two_associations
    tehran_desk = await member_with(sessions, settings, Role.DESK, "tehran")
    await member_with(sessions, settings, Role.DESK, "fars", SARA_ON_BALE)
    await member_with(sessions, settings, Role.INSPECTOR, "tehran", ChatIdentity("bale", 5, 5))
    async with sessions() as session, session.begin():
        found = await complaints.by_id(session, await complaint(session, TEHRAN_OFFICE, "tehran"))
        assert found is not None
        ids = await tell_desk(session, settings, found, NOW)
        rows = await outbox_rows(session)
        [button] = list(await session.scalars(select(Button)))
    assert [(r.id, r.platform, r.chat_id, r.kind) for r in rows] == [
        (ids[0], "telegram", SARA.chat_id, "notice")
    ]
    reply = Reply.from_payload(rows[0].payload)
    assert reply.text.startswith("📥 شکایت تازه‌ی ۳۰۰۱۰۰۰۰۰۰ از دفتر ۳۰۰۱")
    assert "شاکی" not in reply.text
    assert (button.action, button.value, button.chat_id) == (
        OPEN,
        {"kind": "complaint", "id": str(found.id)},
        SARA.chat_id,
    )
    assert OPEN in ACTIONS
    # A revoked member's chat hears of nothing more.
    async with sessions() as session, session.begin():
        await staff_members.revoke(session, tehran_desk, NOW)
        again = await complaints.by_id(
            session, await complaint(session, TEHRAN_OFFICE, "tehran", "3001000001")
        )
        assert again is not None
        assert await tell_desk(session, settings, again, NOW) == []


async def test_a_referral_joins_the_open_case_against_the_office_or_opens_one(
    sessions: async_sessionmaker[AsyncSession],  # noqa: F811
    two_associations: Settings,  # noqa: F811
) -> None:
    settings = two_associations
    async with sessions() as session, session.begin():
        first = await complaints.by_id(session, await complaint(session, TEHRAN_OFFICE, "tehran"))
        assert first is not None
        opened = await desk.refer(session, settings, NOW, complaint=first)
        assert opened.opened and opened.case.complaint_ids == [first.id]
        second = await complaints.by_id(
            session, await complaint(session, TEHRAN_OFFICE, "tehran", "3001000001")
        )
        assert second is not None
        joined = await desk.refer(session, settings, NOW, complaint=second)
        assert not joined.opened and joined.case.id == opened.case.id
    async with sessions() as session:
        [case] = list(await session.scalars(select(Case)))
        assert case.complaint_ids == [first.id, second.id]
        statuses = [
            (e.complaint_id, e.status)
            for e in await session.scalars(select(ComplaintEvent).order_by(ComplaintEvent.id))
        ]
    assert statuses == [
        (first.id, "received"),
        (first.id, "referred_to_board"),
        (second.id, "received"),
        (second.id, "referred_to_board"),
    ]


async def test_closing_keeps_its_ground_and_tells_it_in_the_complainants_language(
    sessions: async_sessionmaker[AsyncSession],  # noqa: F811
    two_associations: Settings,  # noqa: F811
) -> None:
    settings = two_associations
    async with sessions() as session, session.begin():
        found = await complaints.by_id(session, await complaint(session, FARS_OFFICE, "fars"))
        assert found is not None
        found.locale = "en"
        # Reasons are required, 10 to 1,000 characters: a short one closes nothing.
        with pytest.raises(ValueError):
            await desk.close(
                session, settings, NOW, complaint=found, ground="outside", reasons=" too short "
            )
        assert found.status == "received" and await outbox_rows(session) == []
        await desk.close(
            session, settings, NOW, complaint=found, ground="outside", reasons=f"  {REASONS}\n"
        )
        [told] = await outbox_rows(session)
        [_, closing] = await complaints.timeline(session, found.id)
    assert (found.status, found.closed_as, found.closed_reasons) == (
        "dismissed",
        "outside",
        REASONS,
    )
    note = (
        "Closed as outside the directive: what it describes is not a matter of the directive on "
        "Judicial Electronic Services Offices (Article 15(e)).\n"
        f"The Association's reasons: {REASONS}"
    )
    assert Reply.from_payload(told.payload).text.startswith(
        "Your complaint 3002000000 is now: dismissed.\n"
        f"Note from the Association: {note}\n"
        "Send /complaints to see its timeline.\n\nIf you like, rate how"
    )
    assert (closing.status, closing.note) == ("dismissed", note)
    async with sessions() as session, session.begin():
        again = await complaints.by_id(session, found.id)
        assert again is not None
        # Dismissed is final (Art. 15(e)): nothing is written.
        with pytest.raises(TransitionRefused):
            await desk.refer(session, settings, NOW, complaint=again)
    async with sessions() as session:
        assert len(await outbox_rows(session)) == 1
        assert list(await session.scalars(select(Case))) == []


async def test_a_repeat_is_of_another_complaint_against_the_same_office(
    sessions: async_sessionmaker[AsyncSession],  # noqa: F811
    two_associations: Settings,  # noqa: F811
) -> None:
    settings = two_associations
    async with sessions() as session, session.begin():
        tehran = await complaints.by_id(session, await complaint(session, TEHRAN_OFFICE, "tehran"))
        fars = await complaints.by_id(session, await complaint(session, FARS_OFFICE, "fars"))
        assert tehran is not None and fars is not None
        with pytest.raises(desk.DeskRefused) as other_office:
            await desk.mark_duplicate(
                session, settings, NOW, complaint=fars, original_code=tehran.tracking_code
            )
        assert other_office.value.values == {"code": tehran.tracking_code}
        with pytest.raises(desk.DeskRefused):
            await desk.mark_duplicate(
                session, settings, NOW, complaint=fars, original_code=fars.tracking_code
            )
        assert fars.status == "received" and fars.duplicate_of_id is None
        await desk.propose_inspection(session, settings, NOW, complaint=fars)
        [event] = [e for e in await complaints.timeline(session, fars.id) if e.kind == "proposal"]
        assert event.note == "میز رسیدگی بازرسی از دفتر را پیشنهاد کرد (بند ب ماده‌ی ۱۵ و ماده‌ی ۲۱)."
        assert await outbox_rows(session) == []  # no move, nothing told
