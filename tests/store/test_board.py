"""The Primary Board in session (Arts. 22, 25, 26), on a real store, as cases of the law:
bot/domain/sittings.py, the ruling recorded from a sitting (bot/domain/decisions.py), note 3's
floor (bot/domain/repeat_offence.py) and the offender (bot/domain/offenders.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import board, decisions, inspections, sittings, staff_members
from bot.domain.offenders import Offender
from bot.domain.refusals import DisciplineError, RepeatOffence
from bot.domain.repeat_offence import previous_ruling
from bot.domain.sittings import SittingRefused
from bot.text.persian import to_persian_digits
from storage import staff as staff_store
from storage.models import Case, Decision, OutboxMessage, Sitting, StaffMember
from storage.statuses import Role
from tests.store.board_builders import board_of, carried_sitting, record_ruling
from tests.store.test_discipline import add_office, at, bare_case, count, jd

NOW = at(1403, 8, 15)


async def sitting_on(
    session: AsyncSession, case: Case, members: list[StaffMember], present: list[StaffMember]
) -> Sitting:
    return await sittings.open_sitting(
        session,
        NOW,
        body=Role.BOARD,
        association="tehran",
        subject_kind="case",
        subject_id=str(case.id),
        chair_id=members[0].id,
        present=[m.id for m in present],
    )


async def votes(
    session: AsyncSession, question_id: int, members: list[StaffMember], ayes: list[bool]
) -> None:
    for member, yes in zip(members, ayes, strict=True):
        await sittings.vote(session, NOW, question_id=question_id, member_id=member.id, yes=yes)


def ruling(case: Case, sitting: Sitting, **kw: Any) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "sitting_id": sitting.id,
        "violations": ["25.12"],
        "committed_on": jd(1403, 8, 1),
        "sanction": 3,
        "ruling_text": "رأی اکثریت",
        **kw,
    }


async def test_22_note2_ruling_with_a_member_absent_is_refused(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        case = await bare_case(session, NOW)
        members = await board_of(session, settings, NOW)
        sitting = await sitting_on(session, case, members, present=members[:2])
        assert sitting.status == "adjourned"
        with pytest.raises(SittingRefused) as refused:
            await sittings.put_question(session, NOW, sitting_id=sitting.id, clause="25.12")
        assert refused.value.msgid == sittings.ABSENT
        assert "1 of 3 members are absent" in refused.value.message
        assert "Article 22, note 2" in refused.value.message
        with pytest.raises(SittingRefused):
            await decisions.record_decision(session, settings, NOW, **ruling(case, sitting))
        assert await count(session, Decision) == 0
        assert case.status == "open"


async def test_22_note2_two_of_three_votes_carry(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        case = await bare_case(session, NOW)
        members = await board_of(session, settings, NOW)
        sitting = await sitting_on(session, case, members, present=members)
        found = await sittings.put_question(session, NOW, sitting_id=sitting.id, clause="25.12")
        await votes(session, found.id, members, [True, True, False])
        not_found = await sittings.put_question(session, NOW, sitting_id=sitting.id, clause="25.6")
        await votes(session, not_found.id, members, [True, False, False])
        sanction = await sittings.put_question(session, NOW, sitting_id=sitting.id, degree=3)
        await votes(session, sanction.id, members, [False, True, True])
        for question in (found, not_found, sanction):
            await sittings.tally(session, NOW, question_id=question.id)
        assert (found.carried, found.yes_votes, found.no_votes) == (True, 2, 1)
        assert (not_found.carried, sanction.carried) == (False, True)
        carried = await sittings.outcome(session, sitting.id)
        assert (carried.found, carried.not_found, carried.sanction) == (
            ("25.12",),
            ("25.6",),
            (3, None),
        )
        recorded = await decisions.record_decision(session, settings, NOW, **ruling(case, sitting))
        assert (recorded.decision.sitting_id, recorded.decision.ruling_text) == (
            sitting.id,
            "رأی اکثریت",
        )
        assert (sitting.status, sitting.decision_id) == ("ruled", recorded.decision.id)


async def test_22_note2_no_majority_on_the_sanction_no_ruling_and_the_chair_puts_it_again(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        case = await bare_case(session, NOW)
        members = await board_of(session, settings, NOW)
        sitting = await sitting_on(session, case, members, present=members)
        found = await sittings.put_question(session, NOW, sitting_id=sitting.id, clause="25.12")
        await votes(session, found.id, members, [True, True, True])
        await sittings.tally(session, NOW, question_id=found.id)
        first = await sittings.put_question(session, NOW, sitting_id=sitting.id, degree=4)
        await votes(session, first.id, members, [True, False, False])
        await sittings.tally(session, NOW, question_id=first.id)
        carried = await sittings.outcome(session, sitting.id)
        assert (carried.sanction, carried.sanction_failed) == (None, True)
        with pytest.raises(DisciplineError) as refused:
            await decisions.record_decision(
                session, settings, NOW, **ruling(case, sitting, sanction=4)
            )
        assert "the chair puts one again" in refused.value.message
        again = await sittings.put_question(session, NOW, sitting_id=sitting.id, degree=3)
        await votes(session, again.id, members, [True, True, False])
        await sittings.tally(session, NOW, question_id=again.id)
        recorded = await decisions.record_decision(session, settings, NOW, **ruling(case, sitting))
        assert recorded.decision.sanction == 3


async def test_a_vote_changes_until_the_tally_and_only_members_vote(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        case = await bare_case(session, NOW)
        members = await board_of(session, settings, NOW)
        sitting = await sitting_on(session, case, members, present=members)
        question = await sittings.put_question(session, NOW, sitting_id=sitting.id, clause="25.12")
        await votes(session, question.id, members[:2], [False, False])
        with pytest.raises(SittingRefused) as early:
            await sittings.tally(session, NOW, question_id=question.id)
        assert "2 of 3 members have voted" in early.value.message
        await votes(session, question.id, members, [True, True, False])  # two change theirs
        outsider = await board_of(session, settings, NOW, association="isfahan")
        with pytest.raises(SittingRefused) as stranger:
            await sittings.vote(
                session, NOW, question_id=question.id, member_id=outsider[0].id, yes=False
            )
        assert stranger.value.msgid == sittings.NOT_A_MEMBER
        tallied = await sittings.tally(session, NOW, question_id=question.id)
        assert (tallied.carried, tallied.yes_votes) == (True, 2)
        with pytest.raises(SittingRefused) as late:
            await sittings.vote(
                session, NOW, question_id=question.id, member_id=members[2].id, yes=True
            )
        assert late.value.msgid == sittings.TALLIED


async def test_22_note1_only_the_chair_opens_and_a_representative_is_not_chair(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        case = await bare_case(session, NOW)
        members = await board_of(session, settings, NOW)
        with pytest.raises(SittingRefused) as refused:
            await sittings.open_sitting(
                session,
                NOW,
                body=Role.BOARD,
                association="tehran",
                subject_kind="case",
                subject_id=str(case.id),
                chair_id=members[1].id,
                present=[m.id for m in members],
            )
        assert refused.value.msgid == sittings.NO_CHAIR
        with pytest.raises(staff_members.StaffRefused) as representative:
            await staff_members.invite(
                session,
                settings,
                NOW,
                NOW + timedelta(days=7),
                name="نماینده",
                role=Role.BOARD,
                association="tehran",
                chair=True,
                seat="chair_representative",
            )
        assert "Article 22, note 1" in str(representative.value)


async def decided(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    committed_on: Any,
    sanction: int,
    **kw: Any,
) -> Decision:
    case = await bare_case(session, now)
    recorded = await record_ruling(
        session,
        settings,
        now,
        case_id=case.id,
        violations=["25.12"],
        committed_on=committed_on,
        sanction=sanction,
        **kw,
    )
    return recorded.decision


async def test_26_note3_second_offence_after_a_final_degree_2_cannot_be_below_3(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        earlier = await decided(
            session, settings, at(1403, 4, 1), committed_on=jd(1403, 3, 1), sanction=2
        )
        floor = await previous_ruling(
            session, settings, manager_id=manager.id, committed_on=jd(1403, 8, 1)
        )
        assert floor is not None
        assert (floor.decision_id, floor.degree, floor.minimum) == (earlier.id, 2, 3)
        for degree in (1, 2):
            with pytest.raises(RepeatOffence) as refused:
                await decided(session, settings, NOW, committed_on=jd(1403, 8, 1), sanction=degree)
            assert refused.value.minimum_degree == 3
            assert "Article 26, note 3" in refused.value.explain()
        later = await decided(session, settings, NOW, committed_on=jd(1403, 8, 1), sanction=3)
        assert later.sanction == 3


async def test_26_note3_offence_before_that_ruling_became_final_can(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await decided(session, settings, at(1403, 4, 1), committed_on=jd(1403, 3, 1), sanction=2)
        # Committed on 1403/03/20: before the degree 2 became final on 1403/04/01.
        assert (
            await previous_ruling(
                session, settings, manager_id=manager.id, committed_on=jd(1403, 3, 20)
            )
            is None
        )
        later = await decided(session, settings, NOW, committed_on=jd(1403, 3, 20), sanction=1)
        assert later.sanction == 1


async def test_25_8_a_staff_member_of_an_office_is_charged(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await decided(session, settings, at(1403, 4, 1), committed_on=jd(1403, 3, 1), sanction=2)
        clerk = Offender("staff", "رضا موسوی", "clerk")
        # Note 3 names the office manager: the clerk has no floor.
        charged = await decided(
            session, settings, NOW, committed_on=jd(1403, 8, 1), sanction=1, offender=clerk
        )
        assert (charged.offender, charged.offender_name, charged.offender_post) == (
            "staff",
            "رضا موسوی",
            "clerk",
        )
        assert charged.manager_id == manager.id  # the office's manager is told
        # ... and the clerk's sanction is no "previous ruling" of the manager's.
        floor = await previous_ruling(
            session, settings, manager_id=manager.id, committed_on=jd(1403, 9, 1)
        )
        assert floor is not None and floor.degree == 2
        with pytest.raises(DisciplineError) as nameless:
            await decided(
                session,
                settings,
                NOW,
                committed_on=jd(1403, 8, 1),
                sanction=3,
                offender=Offender("staff", None, "clerk"),
            )
        assert nameless.value.field == "offender_name"


async def test_26_a_crime_referred_is_its_authority_date_and_reference(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        crime = decisions.CrimeReferral("دادسرای عمومی و انقلاب تهران", jd(1403, 8, 14), "۴۵/ج")
        referred = await decided(
            session, settings, NOW, committed_on=jd(1403, 8, 1), sanction=3, crime=crime
        )
        assert (
            referred.crime_referral,
            referred.crime_authority,
            referred.crime_referred_on,
            referred.crime_reference,
        ) == (True, "دادسرای عمومی و انقلاب تهران", jd(1403, 8, 14), "۴۵/ج")
        with pytest.raises(DisciplineError) as future:
            await decided(
                session,
                settings,
                NOW,
                committed_on=jd(1403, 8, 1),
                sanction=4,
                crime=decisions.CrimeReferral("دادسرا", jd(1403, 8, 20), "1"),
            )
        assert future.value.field == "crime_referred_on"


async def test_a_ruling_from_another_cases_sitting_is_refused(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        first, second = await bare_case(session, NOW), await bare_case(session, NOW)
        sitting = await carried_sitting(
            session, settings, NOW, first, violations=["25.12"], sanction=3
        )
        with pytest.raises(DisciplineError) as refused:
            await decisions.record_decision(
                session, settings, NOW, **{**ruling(second, sitting), "case_id": second.id}
            )
        assert (
            refused.value.message
            == f"sitting #{sitting.id} is not the Board's on case #{second.id}"
        )


async def test_22_an_inspections_case_reaches_every_linked_member_of_the_board(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        members = await board_of(session, settings, NOW)
        for n, member in enumerate(members[:2]):  # the third has linked no chat
            await staff_store.add_link(session, member.id, "telegram", 900 + n, 900 + n, NOW)
        planned, _ = await inspections.schedule_inspection(
            session, settings, at(1403, 8, 1), office_code="2001", kind="ad_hoc", at=at(1403, 8, 5)
        )
        _, case = await inspections.record_findings(
            session,
            settings,
            at(1403, 8, 6),
            inspection_id=planned.id,
            findings=["25.9", "25.1"],
            report_path="/archive/report.pdf",
        )
        assert case is not None
        rows = list(
            await session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.chat_id.in_([900, 901]))
                .order_by(OutboxMessage.chat_id)
            )
        )
        facts = await board.case_facts(session, settings, case)
    assert [row.chat_id for row in rows] == [900, 901]
    assert rows[0].payload["text"] == (
        f"⚖ پرونده‌ی {to_persian_digits(str(case.id))} علیه دفتر ۲۰۰۱، برای هیئت بدوی (ماده‌ی ۲۲)\n"
        "بر پایه‌ی یافته‌های بازرسی\nماده‌ی ۲۵، بندهای ۱، ۹"
    )
    # The inspection's day is the violation's day (the service's reading), and its clauses charged.
    assert (facts.charged, facts.committed_on) == (("25.1", "25.9"), jd(1403, 8, 5))
