"""An office's managers over time (Art. 19): a manager is a person, replaced by the Directorate.

The law: the office's manager is appointed by the Center's head (Art. 2); "on the office
manager's withdrawal or death, the Directorate can replace him or found a new office from among
the applicants" (Art. 19). So a registry import never replaces a manager
(`storage.managers.ensure`); the Directorate's act does, here:

    replace_manager(session, settings, now, *, office_code, reason, name, national_id, mobile,
                    on, note)
    record_since(session, settings, now, *, office_code, since)
    history(session, office_code)

`replace_manager` ends the current period on *on* (the old manager managed until the day before;
see `bot.domain.standing`), starts the new person's period on it, records the reason (Art. 19's
withdrawal or death, or `other`: a ground the directive does not name, the Directorate's act
under other rules) and note, and revokes the old manager's chat links (their notices stop).
`record_since` records, from the Directorate's records, since when the first manager on record
managed the office, so that a violation before the office's first import can be laid on them.
Both write an audit entry as the operator. Each refuses with `ManagerRefused(field, message)`
(English, for the operator) before anything is written. Neither commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.staff import OPERATOR, audit
from bot.domain.staff_actions import SubjectRef
from bot.domain.standing import period_start
from bot.text.jalali import day_start, format_jalali_numeric, tehran_date, today_in
from storage import managers as manager_store
from storage import offices as office_store
from storage.managers import EndReason
from storage.models import Manager, Office
from storage.statuses import AuditOutcome

__all__ = [
    "EndReason",
    "ManagerRefused",
    "Period",
    "Replaced",
    "history",
    "record_since",
    "replace_manager",
]

#: The longest note the Directorate's act may carry.
NOTE_MAX_CHARS = 1000


class ManagerRefused(ValueError):
    """A refusal: `field` names what was wrong (office, national ID, date…), `message` why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Replaced:
    """What `replace_manager` did."""

    office: Office
    old: Manager | None
    new: Manager
    revoked: int  # the old manager's chat links revoked: their notices stop


@dataclass(frozen=True)
class Period:
    """One manager's period at an office, as Tehran dates (`until` None: the manager now)."""

    manager: Manager
    start: jdatetime.date
    until: jdatetime.date | None  # the period's last day
    reason: str | None


async def _office(session: AsyncSession, code: str) -> Office:
    office = await office_store.office(session, code)
    if office is None:
        raise ManagerRefused("CODE", f"no office with code {code}")
    return office


async def replace_manager(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    office_code: str,
    reason: EndReason,
    name: str,
    national_id: str,
    mobile: str,
    on: jdatetime.date | None = None,
    note: str | None = None,
) -> Replaced:
    """The Directorate replaces the office's manager from day *on* (default today) (Art. 19).

    *national_id* and *mobile* are already normalised (10 digits; 09XXXXXXXXX). Refused: an
    unknown office, a day in the future or before the current period's first day, the same
    person as the manager now, an empty name, an overlong note.
    """
    zone = settings.zone
    office = await _office(session, office_code)
    today = today_in(zone, now)
    day = today if on is None else on
    if day > today:
        raise ManagerRefused(
            "--on",
            f"{format_jalali_numeric(day)} is in the future (today is "
            f"{format_jalali_numeric(today)})",
        )
    name = " ".join(name.split())
    if not name:
        raise ManagerRefused("--name", "the new manager's name is required")
    if note is not None:
        note = note.strip() or None
        if note is not None and len(note) > NOTE_MAX_CHARS:
            raise ManagerRefused("--note", f"at most {NOTE_MAX_CHARS} characters")
    old = await manager_store.current(session, office.code)
    if old is not None:
        start = period_start(old, zone)
        if day < start:
            raise ManagerRefused(
                "--on",
                f"{format_jalali_numeric(day)} is before the current manager's period started "
                f"({format_jalali_numeric(start)})",
            )
        if manager_store.same_person(old, name, national_id):
            raise ManagerRefused(
                "--national-id",
                f"{old.name} is the office's manager now: a replacement names another person "
                "(a new mobile comes with the registry import)",
            )
    starts_at = now if day == today else day_start(day, zone)
    new, old, revoked = await manager_store.replace(
        session,
        office.code,
        name=name,
        mobile=mobile,
        national_id=national_id,
        reason=reason,
        note=note,
        starts_at=min(starts_at, now),
        now=now,
    )
    # The registry's manager fields follow the manager on record.
    office.manager_name, office.manager_mobile = new.name, new.mobile
    office.updated_at = now
    await audit(
        session,
        OPERATOR,
        "offices.replace_manager",
        now,
        outcome=AuditOutcome.ALLOWED,
        subject=SubjectRef("office", office.code),
        detail=(
            f"Art. 19: manager #{old.id if old else '-'} replaced by #{new.id} from "
            f"{format_jalali_numeric(day)}; reason {reason.value}" + (f"; {note}" if note else "")
        ),
    )
    return Replaced(office, old, new, revoked)


async def record_since(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    office_code: str,
    since: jdatetime.date,
) -> Manager:
    """Record, from the Directorate's records, the first day of the first manager on record.

    Only the office's first period can start before Daftar learnt of it: every later one starts
    with the Directorate's act that began it. That first manager may since have been replaced.
    Refused: an unknown office, an office without a manager on record, a day after the day
    Daftar learnt of the manager (so never in the future).
    """
    zone = settings.zone
    office = await _office(session, office_code)
    periods = await manager_store.periods_of(session, office.code)
    if not periods:
        raise ManagerRefused("CODE", f"office {office.code} has no manager on record")
    manager = periods[0]
    learnt = tehran_date(manager.started_at, zone)
    if since > learnt:
        raise ManagerRefused(
            "DATE",
            f"{format_jalali_numeric(since)} is after the day Daftar learnt of the manager "
            f"({format_jalali_numeric(learnt)}): the period already starts then",
        )
    manager.since = since
    await audit(
        session,
        OPERATOR,
        "offices.manager_since",
        now,
        outcome=AuditOutcome.ALLOWED,
        subject=SubjectRef("office", office.code),
        detail=f"manager #{manager.id} managed the office since {format_jalali_numeric(since)}",
    )
    return manager


async def history(session: AsyncSession, office_code: str, settings: Settings) -> list[Period]:
    """The office's managers over time, oldest first; refused for an unknown office."""
    office = await _office(session, office_code)
    periods = []
    for manager in await manager_store.periods_of(session, office.code):
        until = None
        if manager.ended_at is not None:
            until = tehran_date(manager.ended_at, settings.zone) - timedelta(days=1)
        periods.append(
            Period(manager, period_start(manager, settings.zone), until, manager.end_reason)
        )
    return periods
