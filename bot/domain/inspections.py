"""The Association's inspections of offices (Arts. 15(b), 21): scheduling, findings, the report.

An inspection is scheduled ahead and its notice queued to the office's manager at once (to every
linked chat; an unlinked manager's notice waits). Its findings are clauses of Art. 25 (none for a
clean inspection) with the inspection's report; findings open a case (source "inspection").
Every function takes (session, settings, now) first and its subject as keyword arguments; none
commits: the caller's transaction holds the change and the notices it causes.

    schedule_inspection(session, settings, now, *, office_code, kind, at, inspector, note,
                        inspector_member_id)
    record_unannounced_visit(session, settings, now, *, office_code, visited_at, inspector,
                             inspector_member_id, note)
    record_findings(session, settings, now, *, inspection_id, findings, report_path)

An unannounced visit (`record_unannounced_visit`) is ad hoc only: a periodic inspection is always
scheduled and announced (the service's practice: Art. 20 leaves the inspection rules to the
Center's head and the Head of the Judiciary, and Art. 21 names both kinds). The visit is recorded
as it happens or after it, never ahead, and no notice is sent to the manager before or after it
(the service's practice, not the directive's: the manager met the inspector in the office, and
hears of any findings through the case the Board hears). The reasoned report of a visit, with its
checklist, is `bot.domain.inspection_report`.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.cases import open_case_from_inspection
from bot.domain.refusals import (
    TEXT_MAX_CHARS,
    DisciplineError,
    clause_ids,
    existing_office,
    iso,
    short_text,
)
from bot.notices import managers as manager_notices
from bot.text.jalali import format_jalali_numeric, tehran_date
from storage import inspections as inspection_store
from storage import managers
from storage.models import Case, Inspection, Notice

INSPECTION_KINDS = ("periodic", "ad_hoc")
#: Office statuses under which there is no office left to inspect.
GONE = ("revoked", "closed")
#: The longest inspector's name (the name's column holds 200 characters).
INSPECTOR_MAX_CHARS = 200


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
    inspector_member_id: int | None = None,
) -> tuple[Inspection, Notice]:
    """Record an inspection ahead of it and queue its notice to the manager (Art. 21)."""
    office = await existing_office(session, office_code)
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
    inspector = short_text(inspector, "inspector", INSPECTOR_MAX_CHARS)
    note = short_text(note, "note", TEXT_MAX_CHARS)
    manager = await managers.current(session, office.code)
    if manager is None:
        raise DisciplineError("office", f"office {office.code} has no manager on record")
    inspection = await inspection_store.add(
        session,
        Inspection(
            office_code=office.code,
            manager_id=manager.id,
            kind=kind,
            at=at,
            inspector=inspector,
            note=note,
            created_at=now,
            announced=True,
            inspector_member_id=inspector_member_id,
        ),
    )
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


async def record_unannounced_visit(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    office_code: str,
    visited_at: datetime,
    kind: str = "ad_hoc",
    inspector: str | None = None,
    inspector_member_id: int | None = None,
    note: str | None = None,
) -> Inspection:
    """Record an ad-hoc visit made without notice (Art. 21), as it happens or after; no notice.

    A periodic inspection is refused here: it is scheduled and announced (`schedule_inspection`),
    the service's practice under Art. 20. A visit in the future is refused: an unannounced visit
    is recorded when it is made, not planned in the bot.
    """
    office = await existing_office(session, office_code)
    if office.status in GONE:
        raise DisciplineError("office", f"office {office.code} is {office.status}: not inspected")
    if kind == "periodic":
        raise DisciplineError(
            "kind",
            "a periodic inspection is scheduled and announced to the manager ahead; only an "
            "ad-hoc inspection is recorded as an unannounced visit (the service's practice, "
            "Articles 20 and 21)",
        )
    if kind not in INSPECTION_KINDS:
        raise DisciplineError("kind", f"unknown kind {kind!r}; use ad_hoc")
    if visited_at.tzinfo is None:
        raise ValueError("a timezone-aware moment is required")
    if visited_at > now:
        raise DisciplineError(
            "at",
            f"{format_jalali_numeric(tehran_date(visited_at, settings.zone))} "
            f"{visited_at.astimezone(settings.zone):%H:%M} (Tehran) is in the future: an "
            "unannounced visit is recorded when it is made or after, never ahead",
        )
    inspector = short_text(inspector, "inspector", INSPECTOR_MAX_CHARS)
    note = short_text(note, "note", TEXT_MAX_CHARS)
    manager = await managers.current(session, office.code)
    return await inspection_store.add(
        session,
        Inspection(
            office_code=office.code,
            manager_id=manager.id if manager is not None else None,
            kind=kind,
            at=visited_at,
            visited_at=visited_at,
            inspector=inspector,
            inspector_member_id=inspector_member_id,
            note=note,
            created_at=now,
            announced=False,
        ),
    )


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
    inspection = await inspection_store.by_id(session, inspection_id)
    if inspection is None:
        raise DisciplineError("inspection", f"no inspection #{inspection_id}")
    if inspection.recorded_at is not None:
        raise DisciplineError(
            "inspection",
            f"inspection #{inspection.id}'s findings were recorded on "
            f"{iso(inspection.recorded_at)}; they are not changed",
        )
    if inspection.at > now:
        raise DisciplineError(
            "inspection",
            f"inspection #{inspection.id} is scheduled for {iso(inspection.at)}: it has not "
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
