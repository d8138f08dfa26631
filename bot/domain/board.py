"""The Primary Disciplinary Board on a case (Art. 22): its members, the case's facts, the chair's
steps through a sitting (`bot.domain.sittings`), and the ruling (`bot.domain.decisions`).

    association_of_case(session, settings, case) -> str
    case_facts(session, settings, case) -> CaseFacts
    open_case_sitting(session, settings, now, *, case, chair_id) -> Sitting
    put_violation(session, settings, now, *, case, sitting_id, clause) -> SittingQuestion
    put_sanction(session, settings, now, *, case, sitting_id, degree, months) -> SittingQuestion
    current_sitting(session, case) -> Sitting | None
    set_charge(session, now, *, case, offender, clauses, member_id) -> CaseCharge

The Board's members are the active holders of the `board` role for the case's Association
(Art. 12 routes the office to it); one judge member is its chair (note 1). The day of the
violation, for Art. 26 note 3, is read from the case: the earliest incident day its complaints
give, or the inspection's day (the service's reading: the directive records no such day).
Note 3's floor is offered and enforced here before a sanction is put to the vote; it applies to
the office manager only (`bot.domain.offenders`). Before the sitting the chair may charge a
named member of the office's staff instead of the manager (Art. 25), and change the clauses
charged (`set_charge`); once a sitting has opened, the charge stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain import sittings
from bot.domain.cases import Withdrawal, case_complaints, withdrawals
from bot.domain.decisions import check_sanction
from bot.domain.offenders import MANAGER_CHARGED, Offender, checked_offender
from bot.domain.refusals import DisciplineError, clause_ids
from bot.domain.repeat_offence import Floor, check_floor, previous_ruling
from bot.domain.staff_actions import association_of_province
from bot.domain.standing import EarlierDecision, earlier_final_sanctions, manager_at
from bot.rules.violations import VIOLATIONS
from bot.text.jalali import tehran_date
from storage import inspections as inspection_store
from storage import offices as office_store
from storage import sittings as sitting_store
from storage.models import (
    Case,
    CaseCharge,
    Complaint,
    Inspection,
    Manager,
    Sitting,
    SittingQuestion,
)
from storage.statuses import Role


@dataclass(frozen=True)
class CaseFacts:
    """What the Board reads of a case before it rules."""

    association: str
    complaints: tuple[Complaint, ...]
    inspection: Inspection | None
    charged: tuple[str, ...]  # the clauses of Art. 25 charged: the chair's, or those named
    committed_on: jdatetime.date  # the violation's day (see the module's docstring)
    manager: Manager | None  # the office's manager on that day
    floor: Floor | None  # Art. 26 note 3: the previous final ruling (the manager only)
    withdrawn: tuple[Withdrawal, ...]  # Art. 26 note 2
    offender: Offender = MANAGER_CHARGED  # who is charged (Art. 25)
    named: tuple[str, ...] = ()  # the clauses the complaints and findings name
    earlier: tuple[EarlierDecision, ...] = ()  # the manager's final rulings of degree 1 to 4


async def association_of_case(session: AsyncSession, settings: Settings, case: Case) -> str:
    """The Association whose Board hears *case*: the one of its office's province (Art. 12)."""
    office = await office_store.office(session, case.office_code)
    if office is None:
        raise DisciplineError("case", f"case #{case.id}'s office {case.office_code} is unknown")
    return association_of_province(office.province, settings)


async def case_facts(session: AsyncSession, settings: Settings, case: Case) -> CaseFacts:
    """The case's complaints, findings, clauses charged, day, manager and note 3's floor."""
    complaints = tuple(await case_complaints(session, case))
    inspection = (
        await inspection_store.by_id(session, case.inspection_id)
        if case.inspection_id is not None
        else None
    )
    named = {clause for c in complaints for clause in c.violations}
    if inspection is not None:
        named |= set(inspection.findings or ())
    order = list(VIOLATIONS)
    by_case = tuple(sorted((c for c in named if c in VIOLATIONS), key=order.index))
    charge = await sitting_store.charge_of(session, case.id)
    charged = tuple(charge.clauses) if charge is not None and charge.clauses else by_case
    offender = (
        Offender(charge.offender, charge.offender_name, charge.offender_post)
        if charge is not None
        else MANAGER_CHARGED
    )
    days = [c.incident_date for c in complaints]
    if inspection is not None:
        days.append(tehran_date(inspection.at, settings.zone))
    committed_on = min(days) if days else tehran_date(case.opened_at, settings.zone)
    manager = await manager_at(session, case.office_code, committed_on, settings.zone)
    floor = (
        await previous_ruling(session, settings, manager_id=manager.id, committed_on=committed_on)
        if manager is not None and offender.is_manager
        else None
    )
    earlier = (
        tuple(await earlier_final_sanctions(session, manager.id, settings.zone))
        if manager is not None
        else ()
    )
    return CaseFacts(
        await association_of_case(session, settings, case),
        complaints,
        inspection,
        charged,
        committed_on,
        manager,
        floor,
        tuple(await withdrawals(session, case)),
        offender,
        by_case,
        earlier,
    )


async def set_charge(
    session: AsyncSession,
    now: datetime,
    *,
    case: Case,
    offender: Offender,
    clauses: Sequence[str] | None,
    member_id: int,
) -> CaseCharge:
    """The chair's charge: the manager or a named staff member (Art. 25), and the clauses
    (None: as the complaints and findings name them). Refused once a sitting has opened."""
    sitting = await current_sitting(session, case)
    if sitting is not None and sitting.status != sittings.ADJOURNED:
        raise DisciplineError("charge", f"sitting #{sitting.id} has opened: the charge stands")
    checked = checked_offender(offender)
    found = clause_ids(list(clauses), "clauses") if clauses is not None else None
    return await sitting_store.set_charge(
        session,
        CaseCharge(
            case_id=case.id,
            offender=checked.kind,
            offender_name=checked.name,
            offender_post=checked.post,
            clauses=found,
            set_by=member_id,
            set_at=now,
        ),
    )


async def current_sitting(session: AsyncSession, case: Case) -> Sitting | None:
    """The case's latest sitting before the Board, if any."""
    found = await sitting_store.of_subject(session, Role.BOARD, "case", str(case.id))
    return found[-1] if found else None


async def open_case_sitting(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    case: Case,
    chair_id: int,
) -> Sitting:
    """The chair opens a sitting on *case*, saying every member is present (Art. 22 note 2:
    the chat offers no sitting with one absent; `sittings.open_sitting` records one so)."""
    association = await association_of_case(session, settings, case)
    members = await sittings.members(session, Role.BOARD, association)
    present = [r.member_id for r in members]
    return await sittings.open_sitting(
        session,
        now,
        body=Role.BOARD,
        association=association,
        subject_kind="case",
        subject_id=str(case.id),
        chair_id=chair_id,
        present=present,
    )


async def put_violation(
    session: AsyncSession, now: datetime, *, case: Case, sitting_id: int, clause: str
) -> SittingQuestion:
    """Put to the sitting whether a clause of Art. 25 charged is found."""
    await _of_case(session, case, sitting_id)
    return await sittings.put_question(session, now, sitting_id=sitting_id, clause=clause)


async def put_sanction(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    case: Case,
    sitting_id: int,
    degree: int,
    months: int | None,
) -> SittingQuestion:
    """Put a sanction of Art. 23 to the sitting; one below note 3's floor is refused."""
    await _of_case(session, case, sitting_id)
    check_sanction(degree, months)
    facts = await case_facts(session, settings, case)
    check_floor(facts.floor, degree, facts.committed_on)
    return await sittings.put_question(
        session, now, sitting_id=sitting_id, degree=degree, months=months
    )


async def _of_case(session: AsyncSession, case: Case, sitting_id: int) -> Sitting:
    sitting = await sittings.in_session(session, sitting_id)
    if (sitting.subject_kind, sitting.subject_id) != ("case", str(case.id)):
        raise DisciplineError("sitting", f"sitting #{sitting.id} is not on case #{case.id}")
    return sitting
