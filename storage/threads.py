"""The thread with the complainant, the service targets' notices, and ratings: all their SQL.

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Complaint, StaffLink, StaffMember, StaffRole
from storage.statuses import Role, StaffStatus
from storage.thread_models import ComplaintQuestion, ComplaintRating, TargetNotice

# ---- questions and answers ----


async def add_question(
    session: AsyncSession, complaint_id: int, member_id: int, question: str, now: datetime
) -> ComplaintQuestion:
    """Record a desk member's question about a complaint."""
    asked = ComplaintQuestion(
        complaint_id=complaint_id,
        member_id=member_id,
        question=question,
        asked_at=now,
        evidence_ids=[],
    )
    session.add(asked)
    await session.flush()
    return asked


async def question_by_id(session: AsyncSession, question_id: int) -> ComplaintQuestion | None:
    """The question with *question_id*, if there is one."""
    return await session.get(ComplaintQuestion, question_id)


async def questions_of(session: AsyncSession, complaint_id: int) -> list[ComplaintQuestion]:
    """A complaint's questions, oldest first."""
    found = await session.scalars(
        select(ComplaintQuestion)
        .where(ComplaintQuestion.complaint_id == complaint_id)
        .order_by(ComplaintQuestion.id)
    )
    return list(found)


async def record_answer(
    session: AsyncSession,
    question: ComplaintQuestion,
    text: str | None,
    evidence_ids: Sequence[int],
    now: datetime,
) -> None:
    """Keep the complainant's answer to *question*."""
    question.answer, question.evidence_ids, question.answered_at = text, list(evidence_ids), now
    await session.flush()


# ---- who hears of a complaint on the staff's side ----


async def staff_links_for(
    session: AsyncSession, roles: Collection[Role], association: str
) -> list[StaffLink]:
    """The chats now linked to active members holding one of *roles* for *association* (or
    nationally), one per chat, by member."""
    found = await session.scalars(
        select(StaffLink)
        .join(StaffMember, StaffMember.id == StaffLink.member_id)
        .join(StaffRole, StaffRole.member_id == StaffLink.member_id)
        .where(
            StaffLink.revoked_at.is_(None),
            StaffMember.status == StaffStatus.ACTIVE,
            StaffRole.revoked_at.is_(None),
            StaffRole.role.in_([str(role) for role in roles]),
            or_(StaffRole.association == association, StaffRole.association.is_(None)),
        )
        .order_by(StaffLink.member_id, StaffLink.id)
    )
    unique: dict[tuple[str, int], StaffLink] = {}
    for link in found:
        unique.setdefault((link.platform, link.chat_id), link)
    return list(unique.values())


# ---- service targets ----


async def overdue(
    session: AsyncSession, statuses: Collection[str], filed_before: datetime, target: str
) -> list[Complaint]:
    """Complaints in one of *statuses*, filed before *filed_before*, whose *target* was not yet
    reminded or reported, oldest first."""
    told = select(TargetNotice.complaint_id).where(TargetNotice.target == target)
    found = await session.scalars(
        select(Complaint)
        .where(
            Complaint.status.in_(list(statuses)),
            Complaint.created_at < filed_before,
            Complaint.id.not_in(told),
        )
        .order_by(Complaint.id)
    )
    return list(found)


async def add_target_notice(
    session: AsyncSession, complaint_id: int, target: str, recipients: int, now: datetime
) -> None:
    """Record that *target* of a complaint was reminded or reported (once)."""
    session.add(
        TargetNotice(complaint_id=complaint_id, target=target, sent_at=now, recipients=recipients)
    )
    await session.flush()


async def target_notices(session: AsyncSession, complaint_id: int) -> list[TargetNotice]:
    """What was reminded or reported of a complaint's targets."""
    found = await session.scalars(
        select(TargetNotice)
        .where(TargetNotice.complaint_id == complaint_id)
        .order_by(TargetNotice.sent_at, TargetNotice.target)
    )
    return list(found)


# ---- ratings ----


async def rating_of(session: AsyncSession, complaint_id: int) -> ComplaintRating | None:
    """The complainant's rating of the complaint's handling, if they gave one."""
    return await session.get(ComplaintRating, complaint_id)


async def add_rating(
    session: AsyncSession, complaint_id: int, stars: int, now: datetime
) -> ComplaintRating:
    """Keep the complainant's rating."""
    rating = ComplaintRating(complaint_id=complaint_id, stars=stars, rated_at=now)
    session.add(rating)
    await session.flush()
    return rating
