"""Cases before the Primary Disciplinary Board (Art. 22): opening one, its complaints.

A case is opened on complaints against one office, or on an inspection's findings (one case an
inspection). A complaint its complainant withdrew stays in the case and mitigates (Art. 26
note 2). Every function takes (session, settings, now) first and its subject as keyword
arguments; none commits: the caller's transaction holds the change and the notices it causes.

    open_case_from_complaints(session, settings, now, *, office_code, tracking_codes)
    open_case_from_inspection(session, settings, now, *, inspection_id)
    add_to_open_case(session, settings, now, *, complaint)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.data import bundled_provinces
from bot.domain.complaint_status import tell_office_if_accepted
from bot.domain.refusals import DisciplineError, existing_office
from bot.notices import board_cases
from bot.notices.complainants import tell_status
from bot.rules.routing import nearest_association
from storage import cases as case_store
from storage import complaints as complaint_store
from storage import decisions as decision_store
from storage import inspections as inspection_store
from storage.models import Case, Complaint, Decision


async def open_case_from_complaints(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    office_code: str,
    tracking_codes: Sequence[str],
) -> Case:
    """Open a case on complaints against one office; each is referred to the Board (Art. 22).

    Every complaint must exist, be against that office and be in no other case. Each one's
    status becomes `referred_to_board` (recorded in its timeline) and its complainant is told;
    the office is told of each one accepted so (`bot.domain.complaint_status`).
    """
    office = await existing_office(session, office_code)
    if not tracking_codes:
        raise DisciplineError("complaints", "name at least one complaint by its tracking code")
    twice = sorted({code for code in tracking_codes if list(tracking_codes).count(code) > 1})
    if twice:
        raise DisciplineError("complaints", f"{', '.join(twice)} given more than once")
    in_case = {
        complaint_id: case.id
        for case in await case_store.of_office(session, office.code)
        for complaint_id in case.complaint_ids
    }
    problems: list[str] = []
    found: list[Complaint] = []
    for code in tracking_codes:
        complaint = await complaint_store.by_code(session, code)
        if complaint is None:
            problems.append(f"no complaint with tracking code {code}")
        elif complaint.office_code != office.code:
            problems.append(
                f"complaint {code} is against office {complaint.office_code}, not {office.code}"
            )
        elif complaint.id in in_case:
            problems.append(f"complaint {code} is already in case #{in_case[complaint.id]}")
        else:
            found.append(complaint)
    if problems:
        raise DisciplineError("complaints", "; ".join(problems))
    case = await case_store.add(
        session,
        Case(
            office_code=office.code,
            source="complaints",
            inspection_id=None,
            complaint_ids=[complaint.id for complaint in found],
            opened_at=now,
            status="open",
        ),
    )
    for complaint in found:
        if complaint.status != "referred_to_board":
            before = complaint.status
            await complaint_store.set_status(session, complaint, "referred_to_board", None, now)
            await tell_status(session, complaint, None, now)
            # Referred straight from `received`, the complaint is accepted: the office is told.
            await tell_office_if_accepted(
                session, settings, now, complaint=complaint, before=before
            )
    await _tell_board(session, settings, case, now)
    return case


async def add_to_open_case(
    session: AsyncSession, settings: Settings, now: datetime, *, complaint: Complaint
) -> Case | None:
    """Add *complaint* to the open case against its office, referred to the Board (Art. 22);
    None when no case against the office is open (the caller opens one)."""
    open_cases = [
        case
        for case in await case_store.of_office(session, complaint.office_code)
        if case.status == "open"
    ]
    if not open_cases:
        return None
    case = open_cases[-1]
    if complaint.id not in case.complaint_ids:
        case.complaint_ids = [*case.complaint_ids, complaint.id]  # a new list: JSON is tracked so
    before = complaint.status
    await complaint_store.set_status(session, complaint, "referred_to_board", None, now)
    await tell_status(session, complaint, None, now)
    await tell_office_if_accepted(session, settings, now, complaint=complaint, before=before)
    return case


async def open_case_from_inspection(
    session: AsyncSession, settings: Settings, now: datetime, *, inspection_id: int
) -> Case:
    """Open a case on an inspection's recorded findings (one case an inspection)."""
    inspection = await inspection_store.by_id(session, inspection_id)
    if inspection is None:
        raise DisciplineError("inspection", f"no inspection #{inspection_id}")
    if not inspection.findings:
        raise DisciplineError(
            "inspection", f"inspection #{inspection.id} has no findings recorded: no case to open"
        )
    existing = await case_store.of_inspection(session, inspection.id)
    if existing is not None:
        raise DisciplineError(
            "inspection", f"inspection #{inspection.id} is already case #{existing}"
        )
    case = await case_store.add(
        session,
        Case(
            office_code=inspection.office_code,
            source="inspection",
            inspection_id=inspection.id,
            complaint_ids=[],
            opened_at=now,
            status="open",
        ),
    )
    await _tell_board(session, settings, case, now)
    return case


async def _tell_board(session: AsyncSession, settings: Settings, case: Case, now: datetime) -> None:
    """The case file to every member of the Association's Primary Board (Art. 22), written in
    the transaction that opens the case."""
    office = await existing_office(session, case.office_code)
    association = nearest_association(
        office.province, settings.association_keys, bundled_provinces()
    )
    await board_cases.tell_board(session, settings, case, association, now)


async def decision_of_case(session: AsyncSession, case_id: int) -> Decision | None:
    """The Board's decision on a case, if it has one."""
    return await decision_store.of_case(session, case_id)


@dataclass(frozen=True)
class Withdrawal:
    """A complaint of a case that its complainant withdrew: it mitigates (Art. 26 note 2)."""

    tracking_code: str
    withdrawn_at: datetime


async def case_complaints(session: AsyncSession, case: Case) -> list[Complaint]:
    """A case's complaints, in the case's order."""
    return await case_store.complaints_of(session, case)


async def withdrawals(session: AsyncSession, case: Case) -> list[Withdrawal]:
    """The case's withdrawn complaints: the Board must mitigate (WITHDRAWAL_MITIGATES)."""
    found = []
    for complaint in await case_complaints(session, case):
        at = await complaint_store.withdrawn_at(session, complaint.id)
        if at is not None:
            found.append(Withdrawal(complaint.tracking_code, at))
    return found
