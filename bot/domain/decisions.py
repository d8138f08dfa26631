"""The Primary Board's decisions (Arts. 23, 24, 26): the sanction checked, recorded, served.

A decision sanctions the office's manager at the time of the violation (see `bot.domain.standing`)
with one of Art. 23's six sanctions, with a crime referred where the Board found one (Art. 26).
Degrees 1–4 are final at once; 5 and 6 can be appealed (`bot.domain.appeals`) and become final in
`bot.domain.settlement`; whenever one becomes final, `bot.domain.finality.make_final` enters it in
the manager's disciplinary file (and publishes a degree 4). A degree 1, a verbal warning, is given
by the Board in person (Art. 23, degree 1): the decision records the day it was given
(`warned_on`), and the manager's notice is a record of it, not a written warning.

Every function takes (session, settings, now) first and its subject as
keyword arguments; none commits: the caller's transaction holds the change and the notices it
causes (outbox rows written with it).

    record_decision(session, settings, now, *, case_id, sitting_id, violations, committed_on,
                    sanction, months, ruling_text, offender, mitigation, crime, warned_on)
    mark_served(session, settings, now, *, decision_id, on)

A decision is recorded only from a sitting of the Board on its case that sat with every member
present and carried its violations and sanction by a majority (Art. 22 note 2,
`bot.domain.sittings`). Art. 26 note 3 (`bot.domain.repeat_offence`): a manager's sanction must
exceed the previous final ruling, with no override; a staff member charged (Art. 25,
`bot.domain.offenders`) has no floor. The earlier rulings counted are the same person's, from
any of their periods at any office (Art. 19: a manager is a person; see `bot.domain.standing`).
A violation before the first manager's period known (the office's first import, unless
`daftar offices manager-since` recorded an earlier start from the Directorate's records) has no
manager on record and is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain import finality, sittings
from bot.domain.cases import Withdrawal, case_complaints, decision_of_case, withdrawals
from bot.domain.offenders import MANAGER_CHARGED, STAFF_POSTS, Offender, checked_offender
from bot.domain.refusals import (
    TEXT_MAX_CHARS,
    DisciplineError,
    clause_ids,
    existing_decision,
    existing_office,
    short_text,
)
from bot.domain.repeat_offence import check_floor, previous_ruling
from bot.domain.standing import manager_at
from bot.notices import managers as manager_notices
from bot.notices.complainants import shown_code, tell
from bot.rules.violations import (
    SANCTIONS,
    SUSPENSION_MAX_MONTHS,
    SUSPENSION_MIN_MONTHS,
    VIOLATIONS,
    is_final_at_once,
)
from bot.text.i18n import translator
from bot.text.jalali import day_start, format_jalali_numeric, tehran_date, today_in
from bot.text.markers import N_
from storage import cases as case_store
from storage import complaints as complaint_store
from storage import decisions as decision_store
from storage import notices as notice_store
from storage.models import Case, Complaint, Decision, Manager, Notice
from storage.statuses import CaseStatus

DECIDED = N_("The Primary Disciplinary Board has decided on your complaint {code}.")
FOUND = N_("It found these violations by the office:")
FOUND_LINE = N_("• Article 25, clause {clause}: {text}")
SEE_TIMELINE = N_("Send /complaints to see its timeline.")


@dataclass(frozen=True)
class DecisionRecorded:
    """What `record_decision` did."""

    decision: Decision
    case: Case
    manager: Manager
    notice: Notice
    deliveries: int  # outbox rows queued to the manager's linked chats (0: the notice waits)
    told: tuple[Complaint, ...]  # complainants told of the decision
    mitigation: tuple[Withdrawal, ...]  # withdrawn complaints (Art. 26 note 2)


def check_sanction(degree: int, months: int | None, months_field: str = "months") -> None:
    """Refuse a sanction Art. 23 does not have, or a duration it does not allow."""
    if degree not in SANCTIONS:
        raise DisciplineError(
            "sanction", f"Article 23 has six sanctions, degrees 1 to 6; got {degree}"
        )
    if SANCTIONS[degree].months_allowed(months):
        return
    if degree != 5:
        raise DisciplineError(
            months_field,
            f"only a temporary suspension (degree 5) has a length; degree {degree} has none",
        )
    if months is None:
        raise DisciplineError(
            months_field,
            f"a temporary suspension (Article 23, degree 5) needs its length: "
            f"{SUSPENSION_MIN_MONTHS} to {SUSPENSION_MAX_MONTHS} months",
        )
    raise DisciplineError(
        months_field,
        f"a suspension lasts {SUSPENSION_MIN_MONTHS} to {SUSPENSION_MAX_MONTHS} months "
        f"(Article 23, degree 5: three months to two years); got {months}",
    )


@dataclass(frozen=True)
class CrimeReferral:
    """A crime the Board learnt of, reported to the competent judicial authority (Art. 26)."""

    authority: str  # the competent judicial authority it was reported to
    on: jdatetime.date  # when
    reference: str  # the letter's number, or the authority's reference


async def record_decision(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    case_id: int,
    sitting_id: int,
    violations: Sequence[str],
    committed_on: jdatetime.date,
    sanction: int,
    months: int | None = None,
    ruling_text: str,
    offender: Offender = MANAGER_CHARGED,
    mitigation: str | None = None,
    crime: CrimeReferral | None = None,
    warned_on: jdatetime.date | None = None,
) -> DecisionRecorded:
    """Record the Primary Board's ruling on a case, as its sitting carried it.

    Art. 22 note 2: the sitting sat with every member present, and the ruling is the majority's
    (the violations found and the sanction carried in *sitting_id*, nothing else), written by the
    chair (*ruling_text*). Art. 26 note 3: a manager's sanction exceeds the previous final ruling
    (no override). Art. 26 note 2: where a complaint was withdrawn, *mitigation* says how the
    sanction was mitigated. Art. 26: a crime reported is recorded with its authority, date and
    reference. Degrees 1–4 are final at once (Art. 24); 5 and 6 wait for the appeal window or a
    ruling. The case's complaints become `decided` and their complainants are told the clauses
    found (not the sanction), in their language; the office's manager is sent a "decision"
    notice, which says nothing of any complainant.
    """
    zone = settings.zone
    case = await case_store.by_id(session, case_id)
    if case is None:
        raise DisciplineError("case", f"no case #{case_id}")
    if case.status != "open":
        decided = await decision_of_case(session, case.id)
        which = f" (decision #{decided.id})" if decided is not None else ""
        raise DisciplineError("case", f"case #{case.id} was decided already{which}")
    found = clause_ids(violations, "violations")
    check_sanction(sanction, months)
    today = today_in(zone, now)
    check_warned_on(sanction, warned_on, today)
    if committed_on > today:
        raise DisciplineError(
            "committed_on",
            f"{format_jalali_numeric(committed_on)} is in the future "
            f"(today is {format_jalali_numeric(today)})",
        )
    await _check_sitting(session, sitting_id, case, found, sanction, months)
    ruling_text = _required_text(ruling_text, "ruling", "the ruling's text, as the chair wrote it")
    offender = checked_offender(offender)
    mitigation_due = tuple(await withdrawals(session, case))
    if mitigation_due:
        mitigation = _required_text(
            mitigation,
            "mitigation",
            "a complaint of this case was withdrawn: say how the sanction was mitigated "
            "(Article 26, note 2)",
        )
    elif mitigation is not None:
        raise DisciplineError(
            "mitigation", "no complaint of this case was withdrawn (Article 26, note 2)"
        )
    if crime is not None:
        crime = _checked_crime(crime, today)
    manager = await manager_at(session, case.office_code, committed_on, zone)
    if manager is None:
        raise DisciplineError(
            "committed_on",
            f"office {case.office_code} had no manager on record on "
            f"{format_jalali_numeric(committed_on)}; a manager is known from the import or the "
            "Directorate's act that named them: record since when the office's first manager "
            "managed it, from the Directorate's records, with `daftar offices manager-since "
            f"{case.office_code} DATE`",
        )
    if offender.is_manager:
        floor = await previous_ruling(
            session, settings, manager_id=manager.id, committed_on=committed_on
        )
        check_floor(floor, sanction, committed_on)

    final = is_final_at_once(sanction)
    decision = Decision(
        case_id=case.id,
        manager_id=manager.id,
        violations=found,
        committed_on=committed_on,
        sanction=sanction,
        months=months,
        crime_referral=crime is not None,
        sitting_id=sitting_id,
        ruling_text=ruling_text,
        offender=offender.kind,
        offender_name=offender.name,
        offender_post=offender.post,
        mitigation=mitigation,
        crime_authority=crime.authority if crime is not None else None,
        crime_referred_on=crime.on if crime is not None else None,
        crime_reference=crime.reference if crime is not None else None,
        decided_at=now,
        final_at=now if final else None,
        status="final" if final else "pending",
        warned_on=warned_on,
    )
    case.status = CaseStatus.DECIDED
    await decision_store.add(session, decision)
    await sittings.close(session, now, sitting_id=sitting_id, decision_id=decision.id)
    if final:
        await finality.make_final(session, settings, now, decision=decision)

    told = []
    for complaint in await case_complaints(session, case):
        await complaint_store.set_status(session, complaint, "decided", None, now)
        await tell(session, complaint, decided_text(complaint, found), now)
        told.append(complaint)

    office = await existing_office(session, case.office_code)
    notice = await manager_notices.issue(
        session,
        manager_id=manager.id,
        office_code=office.code,
        kind="decision",
        subject_id=decision.id,
        content={
            **manager_notices.office_content(office),
            "violations": found,
            "sanction": sanction,
            "months": months,
            "crime_referral": crime is not None,
            "ruling": ruling_text,
            **_offender_content(offender),
            **warned_content(warned_on),
        },
        settings=settings,
        now=now,
    )
    deliveries = len(await notice_store.deliveries_of(session, notice.id))
    return DecisionRecorded(
        decision, case, manager, notice, deliveries, tuple(told), mitigation_due
    )


def _offender_content(offender: Offender) -> dict[str, str]:
    """A staff member charged, for the office's notice (nothing when the manager is)."""
    if offender.is_manager:
        return {}
    return {
        "offender": offender.kind,
        "offender_name": str(offender.name),
        "post": str(offender.post),
        "post_label": STAFF_POSTS[str(offender.post)],  # a msgid: the notice translates it
    }


def _required_text(value: str | None, field: str, what: str) -> str:
    text = short_text(value, field, TEXT_MAX_CHARS)
    if text is None:
        raise DisciplineError(field, what)
    return text


def _checked_crime(crime: CrimeReferral, today: jdatetime.date) -> CrimeReferral:
    """Art. 26: the authority, the day and the reference of a crime reported, all given."""
    authority = _required_text(crime.authority, "crime_authority", "the authority it went to")
    reference = short_text(crime.reference, "crime_reference", 100)
    if reference is None:
        raise DisciplineError("crime_reference", "the report's reference")
    if crime.on > today:
        raise DisciplineError(
            "crime_referred_on",
            f"{format_jalali_numeric(crime.on)} is in the future "
            f"(today is {format_jalali_numeric(today)})",
        )
    return CrimeReferral(authority[:200], crime.on, reference)


async def _check_sitting(
    session: AsyncSession,
    sitting_id: int,
    case: Case,
    found: Sequence[str],
    sanction: int,
    months: int | None,
) -> None:
    """Art. 22 note 2: the sitting sat on this case with every member present, and carried
    exactly these violations and this sanction."""
    sitting = await sittings.in_session(session, sitting_id)
    if (sitting.body, sitting.subject_kind, sitting.subject_id) != (
        "board",
        "case",
        str(case.id),
    ):
        raise DisciplineError(
            "sitting", f"sitting #{sitting.id} is not the Board's on case #{case.id}"
        )
    carried = await sittings.outcome(session, sitting.id)
    if carried.untallied:
        raise DisciplineError(
            "sitting", f"sitting #{sitting.id} has {carried.untallied} question(s) not tallied"
        )
    if sorted(found) != sorted(carried.found):
        shown = ", ".join(carried.found) or "none"
        raise DisciplineError(
            "violations",
            f"the ruling is the majority's (Article 22, note 2): sitting #{sitting.id} found "
            f"{shown}",
        )
    if carried.sanction != (sanction, months):
        shown = "none" if carried.sanction is None else f"degree {carried.sanction[0]}"
        if carried.sanction is not None and carried.sanction[1] is not None:
            shown += f", {carried.sanction[1]} months"
        raise DisciplineError(
            "sanction",
            f"the ruling is the majority's (Article 22, note 2): sitting #{sitting.id} carried "
            f"{shown}; with no majority on a sanction there is no ruling, and the chair puts one "
            "again",
        )


def check_warned_on(degree: int, warned_on: jdatetime.date | None, today: jdatetime.date) -> None:
    """Art. 23, degree 1: a verbal warning is given by the Board in person; the record names the
    day it was given (not in the future). Only a degree 1 has that day."""
    if degree != 1:
        if warned_on is not None:
            raise DisciplineError(
                "warned_on",
                f"only a verbal warning (Article 23, degree 1) is given on a day in person; "
                f"degree {degree} has no such day",
            )
        return
    if warned_on is None:
        raise DisciplineError(
            "warned_on",
            "a verbal warning (Article 23, degree 1) is given by the Board in person: give the "
            "day it was given; this records it",
        )
    if warned_on > today:
        raise DisciplineError(
            "warned_on",
            f"{format_jalali_numeric(warned_on)} is in the future "
            f"(today is {format_jalali_numeric(today)})",
        )


def warned_content(warned_on: jdatetime.date | None) -> dict[str, str]:
    """What a degree 1's notice says of the day the verbal warning was given (Art. 23.1)."""
    return {} if warned_on is None else {"warned_on": format_jalali_numeric(warned_on)}


def decided_text(complaint: Complaint, violations: Sequence[str]) -> str:
    """What a complainant is told of the decision: the clauses found, never the sanction."""
    t = translator(complaint.locale)
    lines = [
        t(DECIDED, code=shown_code(complaint.tracking_code, complaint.locale)),
        t(FOUND),
    ]
    for clause in violations:
        violation = VIOLATIONS[clause]
        lines.append(t(FOUND_LINE, clause=violation.clause, text=t(violation.name)))
    lines.append(t(SEE_TIMELINE))
    return "\n".join(lines)


async def mark_served(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    decision_id: int,
    on: jdatetime.date,
) -> Decision:
    """Record that a decision was served another way, on a Jalali day (its start, Tehran)."""
    zone = settings.zone
    decision = await existing_decision(session, decision_id)
    if decision.served_at is not None:
        raise DisciplineError(
            "decision",
            f"decision #{decision.id} was served already on "
            f"{format_jalali_numeric(tehran_date(decision.served_at, zone))} "
            f"({decision.served_how}); service is recorded once",
        )
    today = today_in(zone, now)
    if on > today:
        raise DisciplineError(
            "on",
            f"{format_jalali_numeric(on)} is in the future "
            f"(today is {format_jalali_numeric(today)})",
        )
    decided_on = tehran_date(decision.decided_at, zone)
    if on < decided_on:
        raise DisciplineError(
            "on",
            f"{format_jalali_numeric(on)} is before the decision "
            f"(decided on {format_jalali_numeric(decided_on)})",
        )
    decision.served_at = day_start(on, zone)
    decision.served_how = "recorded"
    await session.flush()
    return decision
