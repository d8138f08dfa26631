"""A body's sittings (the Primary Board's, later the Appeals Board's): the rows and their reads.

The rules (who must be present, what carries) are `bot.domain.sittings`'; this module only
stores and reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.sitting_models import (
    CaseCharge,
    CaseStatement,
    Sitting,
    SittingMember,
    SittingQuestion,
    SittingVote,
)
from storage.staff_models import StaffMember, StaffRole
from storage.statuses import Role, StaffStatus


async def body_roles(session: AsyncSession, body: Role, association: str | None) -> list[StaffRole]:
    """The roles held now, by active members, of *body* for *association* (None: national),
    in the order the members were granted them."""
    found = await session.scalars(
        select(StaffRole)
        .join(StaffMember, StaffMember.id == StaffRole.member_id)
        .where(
            StaffRole.role == body,
            StaffRole.association.is_(None)
            if association is None
            else StaffRole.association == association,
            StaffRole.revoked_at.is_(None),
            StaffMember.status == StaffStatus.ACTIVE,
        )
        .order_by(StaffRole.id)
    )
    return list(found)


async def add_sitting(
    session: AsyncSession, sitting: Sitting, members: Sequence[SittingMember]
) -> Sitting:
    """Store a new sitting with the members it expected (its id is known on return)."""
    session.add(sitting)
    await session.flush()
    for member in members:
        member.sitting_id = sitting.id
        session.add(member)
    await session.flush()
    return sitting


async def by_id(session: AsyncSession, sitting_id: int) -> Sitting | None:
    """The sitting with this number."""
    return await session.get(Sitting, sitting_id)


async def of_subject(
    session: AsyncSession, body: str, subject_kind: str, subject_id: str
) -> list[Sitting]:
    """A subject's sittings before *body*, oldest first."""
    found = await session.scalars(
        select(Sitting)
        .where(
            Sitting.body == body,
            Sitting.subject_kind == subject_kind,
            Sitting.subject_id == subject_id,
        )
        .order_by(Sitting.id)
    )
    return list(found)


async def members_of(session: AsyncSession, sitting_id: int) -> list[SittingMember]:
    """The members a sitting expected, in the order they were listed."""
    found = await session.scalars(
        select(SittingMember)
        .where(SittingMember.sitting_id == sitting_id)
        .order_by(SittingMember.member_id)
    )
    return list(found)


async def add_question(session: AsyncSession, question: SittingQuestion) -> SittingQuestion:
    """Store a question put to a sitting."""
    session.add(question)
    await session.flush()
    return question


async def question(session: AsyncSession, question_id: int) -> SittingQuestion | None:
    """The question with this number."""
    return await session.get(SittingQuestion, question_id)


async def questions_of(session: AsyncSession, sitting_id: int) -> list[SittingQuestion]:
    """A sitting's questions, in the order put."""
    found = await session.scalars(
        select(SittingQuestion)
        .where(SittingQuestion.sitting_id == sitting_id)
        .order_by(SittingQuestion.id)
    )
    return list(found)


async def votes_on(session: AsyncSession, question_id: int) -> list[SittingVote]:
    """The votes cast on a question, by member."""
    found = await session.scalars(
        select(SittingVote)
        .where(SittingVote.question_id == question_id)
        .order_by(SittingVote.member_id)
    )
    return list(found)


async def cast(
    session: AsyncSession, question_id: int, member_id: int, yes: bool, now: datetime
) -> SittingVote:
    """A member's vote on a question: a new one, or their earlier one changed."""
    vote = await session.scalar(
        select(SittingVote).where(
            SittingVote.question_id == question_id, SittingVote.member_id == member_id
        )
    )
    if vote is None:
        vote = SittingVote(question_id=question_id, member_id=member_id, yes=yes, at=now)
        session.add(vote)
    else:
        vote.yes, vote.at = yes, now
    await session.flush()
    return vote


async def position(session: AsyncSession, question: SittingQuestion) -> int:
    """The question's number within its sitting: 1 for the first put."""
    found = await session.scalar(
        select(func.count())
        .select_from(SittingQuestion)
        .where(SittingQuestion.sitting_id == question.sitting_id, SittingQuestion.id <= question.id)
    )
    return int(found or 0)


async def statement_of_case(session: AsyncSession, case_id: int) -> CaseStatement | None:
    """The manager's written statement on a case (invited, perhaps sent), if invited."""
    return await session.scalar(select(CaseStatement).where(CaseStatement.case_id == case_id))


async def statement(session: AsyncSession, statement_id: int) -> CaseStatement | None:
    """The statement with this number."""
    return await session.get(CaseStatement, statement_id)


async def add_statement(session: AsyncSession, invited: CaseStatement) -> CaseStatement:
    """Store an invitation to a written statement."""
    session.add(invited)
    await session.flush()
    return invited


async def charge_of(session: AsyncSession, case_id: int) -> CaseCharge | None:
    """The chair's charge on a case, if the chair set one."""
    return await session.get(CaseCharge, case_id)


async def set_charge(session: AsyncSession, charge: CaseCharge) -> CaseCharge:
    """Store (or replace) the chair's charge on a case."""
    merged = await session.merge(charge)
    await session.flush()
    return merged
