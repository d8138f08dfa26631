"""Builders of the Primary Board for tests: its members, and a sitting that carried a ruling.

`board_of(session, settings, now)` gives an Association's Board of three (a chair and a judge,
and the chair's representative), made once; `carried_sitting(...)` opens a sitting on a case with
every member present, puts the violations and the sanction, and has every member vote yes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain import decisions, sittings
from bot.domain.decisions import DecisionRecorded
from bot.domain.staff_actions import association_of_province
from storage import cases as case_store
from storage import offices
from storage import staff as staff_store
from storage.models import Case, Sitting, StaffMember
from storage.statuses import Role

BOARD_NAMES = ("قاضی رضایی", "قاضی کریمی", "نماینده‌ی رئیس کانون")
SEATS = ("judge", "judge", "chair_representative")


async def association_of_case(session: AsyncSession, settings: Settings, case: Case) -> str:
    """The Association whose Board hears *case* (Art. 12, by the office's province)."""
    office = await offices.office(session, case.office_code)
    assert office is not None
    return association_of_province(office.province, settings)


async def board_of(
    session: AsyncSession, settings: Settings, now: datetime, association: str = "tehran"
) -> list[StaffMember]:
    """The Association's Board: made of three the first time (the first is the chair)."""
    roles = await sittings.members(session, Role.BOARD, association)
    if not roles:
        for index, (name, seat) in enumerate(zip(BOARD_NAMES, SEATS, strict=True)):
            member = await staff_store.add_member(session, name, now)
            await staff_store.add_role(
                session, member.id, Role.BOARD, association, index == 0, now, seat=seat
            )
        roles = await sittings.members(session, Role.BOARD, association)
    found = [await staff_store.member(session, r.member_id) for r in roles]
    return [m for m in found if m is not None]


async def carried_sitting(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    case: Case,
    *,
    violations: Sequence[str],
    sanction: int,
    months: int | None = None,
) -> Sitting:
    """A sitting on *case*, every member present, that found *violations* and carried
    *sanction* unanimously."""
    association = await association_of_case(session, settings, case)
    members = await board_of(session, settings, now, association)
    sitting = await sittings.open_sitting(
        session,
        now,
        body=Role.BOARD,
        association=association,
        subject_kind="case",
        subject_id=str(case.id),
        chair_id=members[0].id,
        present=[m.id for m in members],
    )
    questions = [
        await sittings.put_question(session, now, sitting_id=sitting.id, clause=clause)
        for clause in violations
    ]
    questions.append(
        await sittings.put_question(
            session, now, sitting_id=sitting.id, degree=sanction, months=months
        )
    )
    for question in questions:
        for member in members:
            await sittings.vote(
                session, now, question_id=question.id, member_id=member.id, yes=True
            )
        await sittings.tally(session, now, question_id=question.id)
    return sitting


RULING_TEXT = "هیئت با حضور همه‌ی اعضا تشکیل شد و به اکثریت آرا تخلف را احراز کرد."


async def record_ruling(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    case_id: int,
    violations: Sequence[str],
    sanction: int,
    months: int | None = None,
    ruling_text: str = RULING_TEXT,
    **more: Any,
) -> DecisionRecorded:
    """`record_decision` from a sitting that carried exactly this ruling (Art. 22 note 2).

    A verbal warning (degree 1) is given on the violation's day unless `warned_on` says
    otherwise (Art. 23.1: it is recorded with the day it was given)."""
    if sanction == 1:
        more.setdefault("warned_on", more.get("committed_on"))
    case = await case_store.by_id(session, case_id)
    assert case is not None
    sitting = await carried_sitting(
        session, settings, now, case, violations=violations, sanction=sanction, months=months
    )
    return await decisions.record_decision(
        session,
        settings,
        now,
        case_id=case_id,
        sitting_id=sitting.id,
        violations=violations,
        sanction=sanction,
        months=months,
        ruling_text=ruling_text,
        **more,
    )
