"""The Appeals Board in session (Art. 24), on a real store: bot/domain/appeals_board.py through
bot/domain/sittings.py, and `rule_appeal` from a sitting. Art. 24 sets no quorum, majority or
chair: the rule applied is this service's reading (Art. 22 note 2's), and says so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import appeals, appeals_board, sittings, staff_members
from bot.domain.appeals_board import Choice
from bot.domain.refusals import DisciplineError
from bot.domain.sittings import APPEALS_ABSENT, SittingRefused
from bot.domain.staff_members import StaffRefused
from storage.models import Decision, StaffMember
from storage.statuses import Role
from tests.store.test_discipline import add_office, at, decide, jd

NOW = at(1403, 8, 15)


async def council(session: AsyncSession, settings: Settings) -> list[StaffMember]:
    """Three members of the Appeals Board, the first presiding (the service's practice)."""
    found = []
    for index, name in enumerate(("احمدی", "کریمی", "موسوی")):
        invited = await staff_members.invite(
            session,
            settings,
            NOW,
            NOW + timedelta(days=7),
            name=name,
            role=Role.APPEALS_BOARD,
            chair=index == 0,
        )
        found.append(invited.member)
    return found


async def appealed(session: AsyncSession, settings: Settings) -> Decision:
    await add_office(session)
    decision = await decide(
        session, settings, at(1403, 8, 1), committed_on=jd(1403, 7, 20), sanction=5, months=6
    )
    await appeals.file_appeal(
        session, settings, at(1403, 8, 5), decision_id=decision.id, by="manager", grounds="زیاد است"
    )
    return decision


async def test_24_one_member_presides_over_the_appeals_board(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await council(session, settings)
        with pytest.raises(StaffRefused, match="presiding member already"):
            await staff_members.invite(
                session,
                settings,
                NOW,
                NOW + timedelta(days=7),
                name="دیگری",
                role=Role.APPEALS_BOARD,
                chair=True,
            )


async def test_24_the_appeals_board_does_not_sit_with_a_member_absent_by_the_services_reading(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        members = await council(session, settings)
        decision = await appealed(session, settings)
        sitting = await sittings.open_sitting(
            session,
            NOW,
            body=Role.APPEALS_BOARD,
            association=None,
            subject_kind="decision",
            subject_id=str(decision.id),
            chair_id=members[0].id,
            present=[members[0].id, members[1].id],
        )
        assert sitting.status == sittings.ADJOURNED
        with pytest.raises(SittingRefused) as refused:
            await appeals_board.put_ruling(
                session,
                settings,
                NOW,
                decision=decision,
                sitting_id=sitting.id,
                choice=Choice("uphold"),
            )
    assert refused.value.msgid == APPEALS_ABSENT
    assert "Article 24 sets no quorum" in str(refused.value)
    assert "this service applies Article 22 note 2's rule" in str(refused.value)


async def test_24_a_member_who_does_not_preside_cannot_open_the_sitting(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        members = await council(session, settings)
        decision = await appealed(session, settings)
        with pytest.raises(SittingRefused) as refused:
            await appeals_board.open_appeal_sitting(
                session, NOW, decision=decision, chair_id=members[1].id
            )
    assert "Article 24 names no" in str(refused.value)


async def test_24_the_ruling_recorded_is_the_one_the_sitting_carried(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        members = await council(session, settings)
        decision = await appealed(session, settings)
        sitting = await appeals_board.open_appeal_sitting(
            session, NOW, decision=decision, chair_id=members[0].id
        )
        replace = Choice("replace", 5, 3)
        question = await appeals_board.put_ruling(
            session, settings, NOW, decision=decision, sitting_id=sitting.id, choice=replace
        )
        for member, yes in zip(members, (True, False, True), strict=True):
            await sittings.vote(session, NOW, question_id=question.id, member_id=member.id, yes=yes)
        await sittings.tally(session, NOW, question_id=question.id)
        [appeal] = await appeals_board.unruled(session, decision)
        # Not what the sitting carried: refused, nothing ruled.
        with pytest.raises(DisciplineError, match="carried"):
            await appeals.rule_appeal(
                session, settings, NOW, appeal_id=appeal.id, ruling="uphold", sitting_id=sitting.id
            )
        assert appeal.ruling is None
        ruled = await appeals_board.record_ruling(
            session, settings, NOW, decision=decision, sitting_id=sitting.id, ruling_text="سه ماه"
        )
        assert (ruled.decision.status, appeal.ruling, appeal.new_months) == (
            "replaced",
            "replace",
            3,
        )
        assert (appeal.ruling_text, appeal.sitting_id, sitting.status) == (
            "سه ماه",
            sitting.id,
            "ruled",
        )


async def test_24_a_heavier_replacement_on_the_managers_own_appeal_is_not_put(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        members = await council(session, settings)
        decision = await appealed(session, settings)
        sitting = await appeals_board.open_appeal_sitting(
            session, NOW, decision=decision, chair_id=members[0].id
        )
        offered = appeals_board.choices(
            settings, decision, await appeals_board.unruled(session, decision), (3, 6, 12)
        )
        assert Choice("replace", 6) not in offered and Choice("replace", 5, 12) not in offered
        assert Choice("replace", 5, 3) in offered and Choice("replace", 5, 6) not in offered
        with pytest.raises(DisciplineError, match="heavier"):
            await appeals_board.put_ruling(
                session,
                settings,
                NOW,
                decision=decision,
                sitting_id=sitting.id,
                choice=Choice("replace", 6),
            )
