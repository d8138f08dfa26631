"""Discipline as a service: inspections, cases, decisions, service, appeals, finality and effects.

The Association inspects offices (Arts. 15(b), 21); complaints and inspection findings become a
*case* that the Primary Disciplinary Board hears (Art. 22); its *decision* sanctions the office's
manager at the time (Art. 23), with a crime referred where it found one (Art. 26); sanctions 5 and
6 can be appealed to the Appeals Board (Art. 24) and become final when the appeal window closes
with no appeal, or when the appeal is ruled. Only a final 5 suspends the office and only a final 6
revokes it; `settle` applies those effects, once each.

Every function takes (session, settings, now) first and its subject as keyword arguments; none
commits — the caller's transaction holds the change and the notices it causes (outbox rows written
with it). Every refusal is a `DisciplineError(field, message)` (English, for the operator), raised
before anything is written; Art. 26 note 3 refuses with `RepeatOffence`, an `EscalationRequired`
that also names the earlier decision.

    schedule_inspection(session, settings, now, *, office_code, kind, at, inspector, note)
    record_findings(session, settings, now, *, inspection_id, findings, report_path)
    open_case_from_complaints(session, settings, now, *, office_code, tracking_codes)
    open_case_from_inspection(session, settings, now, *, inspection_id)
    record_decision(session, settings, now, *, case_id, violations, committed_on, sanction,
                    months, crime_referral, override_reason)
    mark_served(session, settings, now, *, decision_id, on)
    file_appeal(session, settings, now, *, decision_id, by, grounds)
    rule_appeal(session, settings, now, *, appeal_id, ruling, sanction, months)
    settle(session, settings, now) -> list[str]

Readings of the directive made here (each is configuration or a choice, never presented as law):

- The appeal window (`settings.appeal_window_days`; Art. 24 sets none) runs from *service*: the
  first successful delivery of the decision's notice, or a service recorded by staff. Until then
  the window has not started and an appeal is allowed. The Head of the Center's appeal has the
  same window as the manager's. A decision is appealed once: the first appeal takes it out of
  `pending`, and a second appeal is refused.
- A 5 or 6 that nobody appealed becomes final at the moment its window closed (service + the
  window), whenever `settle` notices it; an appealed one when the Appeals Board rules. A
  suspension runs from the Jalali date (Tehran) the decision became final for its months,
  counted in Jalali months and clamped to the last day of a shorter month; `suspended_until` is
  its last day, and `settle` makes the office active again the day after.
- Art. 26 note 3 (see `bot.rules.violations.escalation_floor`): the earlier decisions counted are
  the same manager's whose effective sanction (the replacement's, if the Appeals Board replaced
  it) is 1 to 4, final on a Tehran date strictly before the day the new violation was committed.
  The Appeals Board's own ruling is not held to note 3 here: it is final and not ours to refuse.
- "The office's manager at the time": the manager whose period covers the day of the violation,
  periods taken as Tehran dates, half-open: a manager replaced on day D managed until D-1 and
  the new manager from D. A manager is known from the registry import that named them, so a
  violation before the office's first import has no manager on record and is refused.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jdatetime
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.notices import managers as manager_notices
from bot.notices.complainants import shown_code, tell, tell_status
from bot.rules.violations import (
    SANCTIONS,
    SUSPENSION_MAX_MONTHS,
    SUSPENSION_MIN_MONTHS,
    VIOLATIONS,
    EarlierSanction,
    EscalationRequired,
    appealable,
    check_escalation,
    is_final_at_once,
)
from bot.text.i18n import translator
from bot.text.jalali import (
    add_jalali_months,
    day_start,
    format_jalali_numeric,
    tehran_date,
    today_in,
)
from bot.text.markers import N_
from storage import complaints as complaint_store
from storage import discipline as discipline_store
from storage import managers
from storage.models import (
    Appeal,
    Case,
    Complaint,
    Decision,
    Inspection,
    Manager,
    Notice,
    Office,
    OutboxMessage,
)
from storage.statuses import AppealRuling, CaseStatus, DecisionStatus, OfficeStatus

INSPECTION_KINDS = ("periodic", "ad_hoc")
APPELLANTS = ("manager", "center_head")
RULINGS = ("uphold", "replace", "overturn")
#: Office statuses under which there is no office left to inspect.
GONE = ("revoked", "closed")
#: The longest inspector's name and note (the name's column holds 200 characters).
INSPECTOR_MAX_CHARS = 200
TEXT_MAX_CHARS = 3000

DECIDED = N_("The Primary Disciplinary Board has decided on your complaint {code}.")
FOUND = N_("It found these violations by the office:")
FOUND_LINE = N_("• Article 25, clause {clause}: {text}")
SEE_TIMELINE = N_("Send /complaints to see its timeline.")


class DisciplineError(ValueError):
    """A refusal: `field` names what was wrong (office, case, sanction…), `message` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class RepeatOffence(EscalationRequired):
    """Art. 26 note 3 refused a sanction; it names the earlier decision that sets the floor."""

    def __init__(
        self,
        *,
        minimum_degree: int,
        earlier_degree: int,
        new_degree: int,
        earlier_decision_id: int,
        earlier_final_on: str,
        committed_on: str,
    ) -> None:
        super().__init__(
            minimum_degree=minimum_degree, earlier_degree=earlier_degree, new_degree=new_degree
        )
        self.earlier_decision_id = earlier_decision_id
        self.earlier_final_on = earlier_final_on
        self.committed_on = committed_on

    def explain(self) -> str:
        """The refusal in English, citing note 3 and the earlier decision."""
        base = translator("en")(self.message, **self.params)
        return (
            f"{base} The earlier sanction is decision #{self.earlier_decision_id}, final on "
            f"{self.earlier_final_on}; this violation was committed on {self.committed_on}, "
            f"so degree {self.new_degree} is refused."
        )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


# ---- who, and what stands ----


async def manager_at(
    session: AsyncSession, office_code: str, day: jdatetime.date, zone: ZoneInfo
) -> Manager | None:
    """The office's manager on *day*: the one whose period, as Tehran dates, covers it.

    A manager's period starts when the registry first names them, which for the first manager on
    record is only when Daftar learnt of them: a day before that is laid on that first manager
    (otherwise no violation from before the first import could ever be decided).
    """
    found = list(
        await session.scalars(
            select(Manager)
            .where(Manager.office_code == office_code)
            .order_by(Manager.started_at, Manager.id)
        )
    )
    covering = [
        manager
        for manager in found
        if tehran_date(manager.started_at, zone) <= day
        and (manager.ended_at is None or day < tehran_date(manager.ended_at, zone))
    ]
    if covering:
        return covering[-1]
    if found and day < tehran_date(found[0].started_at, zone):
        return found[0]
    return None


async def ruled_appeal(session: AsyncSession, decision_id: int) -> Appeal | None:
    """The appeal of a decision that the Appeals Board ruled on, if any."""
    return await session.scalar(
        select(Appeal)
        .where(Appeal.decision_id == decision_id, Appeal.ruling.is_not(None))
        .order_by(Appeal.id.desc())
    )


async def effective_sanction(
    session: AsyncSession, decision: Decision
) -> tuple[int, int | None] | None:
    """The sanction that stands, (degree, months): the replacement's if replaced; None if
    overturned."""
    if decision.status == "overturned":
        return None
    if decision.status == "replaced":
        appeal = await ruled_appeal(session, decision.id)
        if appeal is not None and appeal.new_sanction is not None:
            return appeal.new_sanction, appeal.new_months
    return decision.sanction, decision.months


@dataclass(frozen=True)
class EarlierDecision:
    """A final sanction of degree 1–4 given earlier to a manager (for Art. 26 note 3)."""

    decision_id: int
    degree: int
    final_on: jdatetime.date


async def earlier_final_sanctions(
    session: AsyncSession, manager_id: int, zone: ZoneInfo
) -> list[EarlierDecision]:
    """The manager's final sanctions of degree 1 to 4, with the Tehran date each became final."""
    found = await session.scalars(
        select(Decision)
        .where(
            Decision.manager_id == manager_id,
            Decision.status.in_(("final", "replaced")),
            Decision.final_at.is_not(None),
        )
        .order_by(Decision.id)
    )
    earlier = []
    for decision in found:
        standing = await effective_sanction(session, decision)
        if standing is None or standing[0] > 4 or decision.final_at is None:
            continue
        earlier.append(
            EarlierDecision(decision.id, standing[0], tehran_date(decision.final_at, zone))
        )
    return earlier


def appeal_closes_at(decision: Decision, settings: Settings) -> datetime | None:
    """When the appeal window of a served 5 or 6 closes (None: not served, so not started)."""
    if decision.served_at is None:
        return None
    return decision.served_at + timedelta(days=settings.appeal_window_days)


# ---- inspections ----


async def _office(session: AsyncSession, code: str, field: str = "office") -> Office:
    office = await session.get(Office, code)
    if office is None:
        raise DisciplineError(field, f"no office with code {code}")
    return office


def _short_text(value: str | None, field: str, limit: int) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if not text:
        raise DisciplineError(field, "must not be empty when given")
    if len(text) > limit:
        raise DisciplineError(field, f"at most {limit} characters (got {len(text)})")
    return text


async def schedule_inspection(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    office_code: str,
    kind: str,
    at: datetime,
    inspector: str | None = None,
    note: str | None = None,
) -> tuple[Inspection, Notice]:
    """Record an inspection ahead of it and queue its notice to the manager (Art. 21)."""
    office = await _office(session, office_code)
    if office.status in GONE:
        raise DisciplineError("office", f"office {office.code} is {office.status}: not inspected")
    if kind not in INSPECTION_KINDS:
        raise DisciplineError("kind", f"unknown kind {kind!r}; use periodic or ad_hoc")
    if at.tzinfo is None:
        raise ValueError("a timezone-aware moment is required")
    if at <= now:
        raise DisciplineError(
            "at",
            f"{format_jalali_numeric(tehran_date(at, settings.zone))} "
            f"{at.astimezone(settings.zone):%H:%M} (Tehran) is not in the future: an inspection "
            "is scheduled ahead, and its notice tells the manager when it will be",
        )
    inspector = _short_text(inspector, "inspector", INSPECTOR_MAX_CHARS)
    note = _short_text(note, "note", TEXT_MAX_CHARS)
    manager = await managers.current(session, office.code)
    if manager is None:
        raise DisciplineError("office", f"office {office.code} has no manager on record")
    inspection = Inspection(
        office_code=office.code,
        manager_id=manager.id,
        kind=kind,
        at=at,
        inspector=inspector,
        note=note,
        created_at=now,
    )
    session.add(inspection)
    await session.flush()
    notice = await manager_notices.issue(
        session,
        manager_id=manager.id,
        office_code=office.code,
        kind="inspection",
        subject_id=inspection.id,
        content={
            **manager_notices.office_content(office),
            "at": at.astimezone(UTC).isoformat(),
            "kind": kind,
            "inspector": inspector,
            "note": note,
        },
        settings=settings,
        now=now,
    )
    return inspection, notice


def clause_ids(values: Sequence[str], field: str) -> list[str]:
    """Art. 25 clause ids, checked: known, none twice, at least one."""
    if not values:
        raise DisciplineError(field, "name at least one clause of Article 25, like 25.12")
    unknown = [value for value in values if value not in VIOLATIONS]
    if unknown:
        raise DisciplineError(
            field,
            f"{', '.join(unknown)}: Article 25 has clauses 25.1 to 25.{len(VIOLATIONS)}",
        )
    twice = sorted({value for value in values if list(values).count(value) > 1})
    if twice:
        raise DisciplineError(field, f"{', '.join(twice)} given more than once")
    return list(values)


async def record_findings(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    inspection_id: int,
    findings: Sequence[str],
    report_path: str,
) -> tuple[Inspection, Case | None]:
    """Store an inspection's findings and report; findings open a case (source "inspection").

    No findings (an empty list) records a clean inspection and opens nothing.
    """
    inspection = await session.get(Inspection, inspection_id)
    if inspection is None:
        raise DisciplineError("inspection", f"no inspection #{inspection_id}")
    if inspection.recorded_at is not None:
        raise DisciplineError(
            "inspection",
            f"inspection #{inspection.id}'s findings were recorded on "
            f"{_iso(inspection.recorded_at)}; they are not changed",
        )
    if inspection.at > now:
        raise DisciplineError(
            "inspection",
            f"inspection #{inspection.id} is scheduled for {_iso(inspection.at)}: it has not "
            "taken place yet",
        )
    found = clause_ids(findings, "findings") if findings else []
    if not report_path:
        raise DisciplineError("report", "the inspection's report is required (Article 21)")
    inspection.findings = found
    inspection.report_path = report_path
    inspection.recorded_at = now
    await session.flush()
    case = None
    if found:
        case = await open_case_from_inspection(session, settings, now, inspection_id=inspection.id)
    return inspection, case


def report_target(settings: Settings, inspection_id: int, data: bytes, suffix: str) -> Path:
    """Where a report's copy is kept: `evidence_dir/reports/`, absolute.

    The name carries the inspection and the first hex digits of the report's SHA-256, so one
    report never overwrites another.
    """
    folder = Path(settings.evidence_dir) / "reports"
    digest = hashlib.sha256(data).hexdigest()[:16]
    clean_suffix = "".join(c for c in suffix.lower() if c.isalnum() or c == ".")[:10]
    return (folder / f"inspection-{inspection_id}-{digest}{clean_suffix}").resolve()


def keep_report(target: Path, data: bytes) -> Path:
    """Write a report's copy at *target* (whole or not at all); return *target*."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    shutil.move(str(partial), str(target))
    return target


# ---- cases ----


async def _cases_of_office(session: AsyncSession, office_code: str) -> list[Case]:
    return list(
        await session.scalars(select(Case).where(Case.office_code == office_code).order_by(Case.id))
    )


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
    status becomes `referred_to_board` (recorded in its timeline) and its complainant is told.
    """
    office = await _office(session, office_code)
    if not tracking_codes:
        raise DisciplineError("complaints", "name at least one complaint by its tracking code")
    twice = sorted({code for code in tracking_codes if list(tracking_codes).count(code) > 1})
    if twice:
        raise DisciplineError("complaints", f"{', '.join(twice)} given more than once")
    in_case = {
        complaint_id: case.id
        for case in await _cases_of_office(session, office.code)
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
    case = Case(
        office_code=office.code,
        source="complaints",
        inspection_id=None,
        complaint_ids=[complaint.id for complaint in found],
        opened_at=now,
        status="open",
    )
    session.add(case)
    await session.flush()
    for complaint in found:
        if complaint.status != "referred_to_board":
            await complaint_store.set_status(session, complaint, "referred_to_board", None, now)
            await tell_status(session, complaint, None, now)
    return case


async def open_case_from_inspection(
    session: AsyncSession, settings: Settings, now: datetime, *, inspection_id: int
) -> Case:
    """Open a case on an inspection's recorded findings (one case an inspection)."""
    inspection = await session.get(Inspection, inspection_id)
    if inspection is None:
        raise DisciplineError("inspection", f"no inspection #{inspection_id}")
    if not inspection.findings:
        raise DisciplineError(
            "inspection", f"inspection #{inspection.id} has no findings recorded: no case to open"
        )
    existing = await session.scalar(select(Case.id).where(Case.inspection_id == inspection.id))
    if existing is not None:
        raise DisciplineError(
            "inspection", f"inspection #{inspection.id} is already case #{existing}"
        )
    case = Case(
        office_code=inspection.office_code,
        source="inspection",
        inspection_id=inspection.id,
        complaint_ids=[],
        opened_at=now,
        status="open",
    )
    session.add(case)
    await session.flush()
    return case


async def decision_of_case(session: AsyncSession, case_id: int) -> Decision | None:
    """The Board's decision on a case, if it has one."""
    return await session.scalar(
        select(Decision).where(Decision.case_id == case_id).order_by(Decision.id.desc())
    )


@dataclass(frozen=True)
class Withdrawal:
    """A complaint of a case that its complainant withdrew: it mitigates (Art. 26 note 2)."""

    tracking_code: str
    withdrawn_at: datetime


async def case_complaints(session: AsyncSession, case: Case) -> list[Complaint]:
    """A case's complaints, in the case's order."""
    found = []
    for complaint_id in case.complaint_ids:
        complaint = await session.get(Complaint, complaint_id)
        if complaint is not None:
            found.append(complaint)
    return found


async def withdrawals(session: AsyncSession, case: Case) -> list[Withdrawal]:
    """The case's withdrawn complaints: the Board must mitigate (WITHDRAWAL_MITIGATES)."""
    found = []
    for complaint in await case_complaints(session, case):
        at = await complaint_store.withdrawn_at(session, complaint.id)
        if at is not None:
            found.append(Withdrawal(complaint.tracking_code, at))
    return found


# ---- decisions ----


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


async def record_decision(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    case_id: int,
    violations: Sequence[str],
    committed_on: jdatetime.date,
    sanction: int,
    months: int | None = None,
    crime_referral: bool = False,
    override_reason: str | None = None,
) -> DecisionRecorded:
    """Record the Primary Board's ruling on a case against the office's manager at the time.

    Degrees 1–4 are final at once (Art. 24); 5 and 6 wait for the appeal window or a ruling.
    The case's complaints become `decided` and their complainants are told the clauses found
    (not the sanction), in their language; the manager is sent a "decision" notice, which says
    nothing of any complainant.
    """
    zone = settings.zone
    case = await session.get(Case, case_id)
    if case is None:
        raise DisciplineError("case", f"no case #{case_id}")
    if case.status != "open":
        decided = await decision_of_case(session, case.id)
        which = f" (decision #{decided.id})" if decided is not None else ""
        raise DisciplineError("case", f"case #{case.id} was decided already{which}")
    found = clause_ids(violations, "violations")
    check_sanction(sanction, months)
    today = today_in(zone, now)
    if committed_on > today:
        raise DisciplineError(
            "committed_on",
            f"{format_jalali_numeric(committed_on)} is in the future "
            f"(today is {format_jalali_numeric(today)})",
        )
    if override_reason is not None:
        override_reason = override_reason.strip()
        if not override_reason:
            raise DisciplineError("override", "give the Board's reason; it is recorded")
    manager = await manager_at(session, case.office_code, committed_on, zone)
    if manager is None:
        raise DisciplineError(
            "committed_on",
            f"office {case.office_code} had no manager on record on "
            f"{format_jalali_numeric(committed_on)}; the registry knows its managers only from "
            "the import that named them",
        )
    earlier = await earlier_final_sanctions(session, manager.id, zone)
    try:
        check_escalation(
            sanction, [EarlierSanction(e.degree, e.final_on) for e in earlier], committed_on
        )
    except EscalationRequired as required:
        if override_reason is None:
            setting = max(
                (
                    e
                    for e in earlier
                    if e.degree == required.earlier_degree and e.final_on < committed_on
                ),
                key=lambda e: (e.final_on, e.decision_id),
            )
            raise RepeatOffence(
                minimum_degree=required.minimum_degree,
                earlier_degree=required.earlier_degree,
                new_degree=sanction,
                earlier_decision_id=setting.decision_id,
                earlier_final_on=format_jalali_numeric(setting.final_on),
                committed_on=format_jalali_numeric(committed_on),
            ) from None
    else:
        if override_reason is not None:
            raise DisciplineError(
                "override",
                "Article 26 note 3 sets no floor for this sanction (the manager has no earlier "
                "final sanction of degree 1 to 4 before the violation that it fails to exceed): "
                "there is nothing to override",
            )

    final = is_final_at_once(sanction)
    decision = Decision(
        case_id=case.id,
        manager_id=manager.id,
        violations=found,
        committed_on=format_jalali_numeric(committed_on),
        sanction=sanction,
        months=months,
        crime_referral=crime_referral,
        override_reason=override_reason,
        decided_at=now,
        final_at=now if final else None,
        status="final" if final else "pending",
    )
    session.add(decision)
    case.status = CaseStatus.DECIDED
    await session.flush()

    mitigation = tuple(await withdrawals(session, case))
    told = []
    for complaint in await case_complaints(session, case):
        await complaint_store.set_status(session, complaint, "decided", None, now)
        await tell(session, complaint, decided_text(complaint, found), now)
        told.append(complaint)

    office = await _office(session, case.office_code)
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
            "crime_referral": crime_referral,
        },
        settings=settings,
        now=now,
    )
    deliveries = len(
        list(
            await session.scalars(
                select(OutboxMessage.id).where(OutboxMessage.notice_id == notice.id)
            )
        )
    )
    return DecisionRecorded(decision, case, manager, notice, deliveries, tuple(told), mitigation)


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


async def _decision(session: AsyncSession, decision_id: int) -> Decision:
    decision = await session.get(Decision, decision_id)
    if decision is None:
        raise DisciplineError("decision", f"no decision #{decision_id}")
    return decision


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
    decision = await _decision(session, decision_id)
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


async def file_appeal(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    decision_id: int,
    by: str,
    grounds: str,
) -> Appeal:
    """Record an appeal to the Appeals Board of a pending 5 or 6 (Art. 24).

    By the sanctioned manager or the Head of the Center, within the appeal window counted from
    service (not yet served: the window has not started, so an appeal is allowed).
    """
    decision = await _decision(session, decision_id)
    if by not in APPELLANTS:
        raise DisciplineError("by", f"unknown appellant {by!r}; use manager or center_head")
    text = grounds.strip()
    if not text:
        raise DisciplineError("grounds", "must not be empty: the Appeals Board reads them")
    if len(text) > TEXT_MAX_CHARS:
        raise DisciplineError("grounds", f"at most {TEXT_MAX_CHARS} characters (got {len(text)})")
    if not appealable(decision.sanction):
        raise DisciplineError(
            "decision",
            f"decision #{decision.id} is a sanction of degree {decision.sanction}: degrees 1 to 4 "
            "are final and cannot be appealed (Article 24)",
        )
    if decision.status != "pending":
        earlier = await discipline_store.appeals_of(session, decision.id)
        which = f" (appeal #{earlier[-1].id})" if earlier and decision.status == "appealed" else ""
        raise DisciplineError(
            "decision", f"decision #{decision.id} is {decision.status}{which}: no appeal is open"
        )
    closes = appeal_closes_at(decision, settings)
    if closes is not None and now >= closes:
        raise DisciplineError(
            "decision",
            f"the appeal window of decision #{decision.id} closed on {_iso(closes)} "
            f"({settings.appeal_window_days} days from service, a setting of this service)",
        )
    return await discipline_store.add_appeal(session, decision, by, text, now)


@dataclass(frozen=True)
class AppealRuled:
    """What `rule_appeal` did."""

    appeal: Appeal
    decision: Decision
    notice: Notice


async def rule_appeal(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    appeal_id: int,
    ruling: str,
    sanction: int | None = None,
    months: int | None = None,
) -> AppealRuled:
    """Record the Appeals Board's ruling, make the decision final (or overturned), tell the
    manager ("appeal_ruling" notice). Effects on the office follow in `settle`."""
    appeal = await session.get(Appeal, appeal_id)
    if appeal is None:
        raise DisciplineError("appeal", f"no appeal #{appeal_id}")
    if appeal.ruling is not None:
        raise DisciplineError(
            "appeal",
            f"appeal #{appeal.id} was ruled already ({appeal.ruling}) on {_iso(appeal.ruled_at)}",
        )
    decision = await _decision(session, appeal.decision_id)
    if decision.status != "appealed":
        raise DisciplineError(
            "appeal", f"decision #{decision.id} is {decision.status}, not under appeal"
        )
    if ruling not in RULINGS:
        raise DisciplineError("ruling", f"unknown ruling {ruling!r}; use uphold, replace, overturn")
    if ruling == "replace":
        if sanction is None:
            raise DisciplineError("sanction", "a replacement needs the new sanction's degree")
        check_sanction(sanction, months)
        if (sanction, months) == (decision.sanction, decision.months):
            raise DisciplineError(
                "sanction",
                f"the same sanction as decision #{decision.id}: that is to uphold it",
            )
    elif sanction is not None or months is not None:
        raise DisciplineError("sanction", f"only a replacement names a sanction, not {ruling}")

    appeal.ruling = AppealRuling(ruling)
    appeal.ruled_at = now
    if ruling == "replace":
        appeal.new_sanction, appeal.new_months = sanction, months
        decision.status, decision.final_at = DecisionStatus.REPLACED, now
        shown: tuple[int | None, int | None] = (sanction, months)
    elif ruling == "uphold":
        decision.status, decision.final_at = DecisionStatus.FINAL, now
        shown = (decision.sanction, decision.months)
    else:
        decision.status, decision.final_at = DecisionStatus.OVERTURNED, None
        shown = (None, None)
    await session.flush()

    case = await session.get(Case, decision.case_id)
    assert case is not None
    office = await _office(session, case.office_code)
    notice = await manager_notices.issue(
        session,
        manager_id=decision.manager_id,
        office_code=office.code,
        kind="appeal_ruling",
        subject_id=appeal.id,
        content={
            **manager_notices.office_content(office),
            "decided_on": format_jalali_numeric(tehran_date(decision.decided_at, settings.zone)),
            "ruling": ruling,
            "sanction": shown[0],
            "months": shown[1],
        },
        settings=settings,
        now=now,
    )
    return AppealRuled(appeal, decision, notice)


# ---- finality and effects ----


async def settle(session: AsyncSession, settings: Settings, now: datetime) -> list[str]:
    """Make due decisions final and apply their effects on the office; say what was done.

    1. A served, unappealed 5 or 6 whose window has closed becomes final, as of the close.
    2. A final 5 suspends the office until the final date + its months (Jalali, clamped); a
       final 6 revokes it; the office remembers the decision (`status_decided_by`). Once each
       (`effect_applied_at`); a replacement by 1–4 or an overturned decision changes nothing.
    3. A suspension set by a decision whose last day has passed ends: the office is active.

    Idempotent: a second call at the same moment does nothing and returns [].
    """
    zone = settings.zone
    done: list[str] = []
    pending = await session.scalars(
        select(Decision)
        .where(Decision.status == "pending", Decision.served_at.is_not(None))
        .order_by(Decision.id)
    )
    for decision in pending:
        closes = appeal_closes_at(decision, settings)
        if closes is not None and closes <= now:
            decision.status, decision.final_at = DecisionStatus.FINAL, closes
            done.append(
                f"decision #{decision.id}: the appeal window closed on "
                f"{format_jalali_numeric(tehran_date(closes, zone))} with no appeal: final"
            )
    await session.flush()

    due = await session.scalars(
        select(Decision)
        .where(
            Decision.status.in_(("final", "replaced")),
            Decision.effect_applied_at.is_(None),
            Decision.final_at.is_not(None),
            # Only a 5 or 6, or a replacement (which may be one), can change the office.
            (Decision.sanction >= 5) | (Decision.status == "replaced"),
        )
        .order_by(Decision.final_at, Decision.id)
    )
    for decision in list(due):
        standing = await effective_sanction(session, decision)
        if standing is None or standing[0] < 5:
            continue
        done.append(await _apply(session, settings, now, decision, *standing))
    await session.flush()

    today = format_jalali_numeric(today_in(zone, now))
    ended = await session.scalars(
        select(Office)
        .where(
            Office.status == "suspended",
            Office.status_decided_by.is_not(None),
            Office.suspended_until.is_not(None),
            Office.suspended_until < today,
        )
        .order_by(Office.code)
    )
    for office in ended:
        done.append(
            f"office {office.code}: the suspension of decision #{office.status_decided_by} "
            f"ended on {office.suspended_until}: active again"
        )
        office.status, office.suspended_until = OfficeStatus.ACTIVE, None
        office.status_decided_by = None
        office.updated_at = now
    await session.flush()
    return done


async def _apply(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    decision: Decision,
    degree: int,
    months: int | None,
) -> str:
    """Apply a final 5 or 6 to its office; say what was done."""
    assert decision.final_at is not None
    case = await session.get(Case, decision.case_id)
    assert case is not None
    office = await _office(session, case.office_code)
    decision.effect_applied_at = now
    final_on = tehran_date(decision.final_at, settings.zone)
    if degree == 6:
        office.status, office.suspended_until = OfficeStatus.REVOKED, None
        office.status_decided_by, office.updated_at = decision.id, now
        return (
            f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: the licence of "
            f"office {office.code} is revoked (Article 23, degree 6)"
        )
    assert months is not None
    until = format_jalali_numeric(add_jalali_months(final_on, months))
    if office.status == "revoked":
        return (
            f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: office "
            f"{office.code} is revoked already; the suspension changes nothing"
        )
    if office.status == "closed":
        # A closed office has no licence in use to suspend, and the suspension's end would make
        # it active again (storage/statuses.py refuses closed -> suspended).
        return (
            f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: office "
            f"{office.code} is closed; the suspension changes nothing"
        )
    if (
        office.status == "suspended"
        and office.suspended_until is not None
        and office.suspended_until > until
    ):
        return (
            f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: office "
            f"{office.code} is suspended already until {office.suspended_until}, later than "
            f"this suspension's {until}; that stands"
        )
    office.status, office.suspended_until = OfficeStatus.SUSPENDED, until
    office.status_decided_by, office.updated_at = decision.id, now
    return (
        f"decision #{decision.id} final on {format_jalali_numeric(final_on)}: office "
        f"{office.code} is suspended for {months} months, until {until} (Article 23, degree 5)"
    )
