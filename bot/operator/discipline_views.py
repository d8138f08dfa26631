"""What the disciplinary commands print: inspections, cases and decisions as JSON and as lines.

The JSON documents are what `--json` prints (moments ISO 8601 in UTC, with the Jalali date in the
configured zone beside them); the text lines are built from the same documents, so both forms
always agree, and show every moment as a Jalali date and time in that zone (`moment_text`).
Standard error carries what was done (`say`), standard output what was asked for.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.cases import case_complaints, decision_of_case
from bot.domain.standing import appeal_closes_at, effective_sanction
from bot.notices.managers import sanction_text
from bot.operator.common import moment_text, zone_label
from bot.operator.discipline_transactions import Done
from bot.rules.violations import VIOLATIONS, WITHDRAWAL_MITIGATES, appealable
from bot.text.i18n import translator
from bot.text.jalali import format_jalali_numeric, format_stored_date, today_in
from storage import appeals as appeal_store
from storage import cases as case_store
from storage import complaints as complaint_store
from storage import inspections as inspection_store
from storage import managers as manager_store
from storage.models import Case, Decision, Inspection


def say(prog: str, lines: Sequence[str]) -> None:
    """Tell the operator what was done: each line on standard error, after the command."""
    for line in lines:
        print(f"{prog}: {line}", file=sys.stderr)


def dump(document: object) -> None:
    """Print a JSON document on standard output (Persian kept as it is)."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def iso_utc(value: datetime | None) -> str | None:
    """A moment as the output shows it: ISO 8601 in UTC."""
    return None if value is None else value.astimezone(UTC).isoformat()


def jalali_text(value: datetime | None, settings: Settings, with_time: bool = False) -> str:
    """A moment's Jalali date in the configured zone (and its time of day), or "-"."""
    if value is None or with_time:
        return moment_text(value, settings.zone)
    return format_jalali_numeric(today_in(settings.zone, value))


def sanction_en(degree_: int | None, months: int | None) -> str:
    """A sanction in English, as Article 23 names it ("none" for no sanction)."""
    return sanction_text(translator("en"), degree_, months) or "none"


def inspection_json(inspection: Inspection, settings: Settings) -> dict[str, Any]:
    """An inspection as the commands print it."""
    return {
        "id": inspection.id,
        "office_code": inspection.office_code,
        "manager_id": inspection.manager_id,
        "kind": inspection.kind,
        "at": iso_utc(inspection.at),
        "at_tehran": jalali_text(inspection.at, settings, with_time=True),
        "inspector": inspection.inspector,
        "note": inspection.note,
        "created_at": iso_utc(inspection.created_at),
        "findings": inspection.findings,
        "report_path": inspection.report_path,
        "recorded_at": iso_utc(inspection.recorded_at),
        "announced": inspection.announced,
        "inspector_member_id": inspection.inspector_member_id,
        "visited_at": iso_utc(inspection.visited_at),
        "checklist": inspection.checklist,
        "report_sent_at": iso_utc(inspection.report_sent_at),
    }


async def case_json(session: AsyncSession, case: Case) -> dict[str, Any]:
    """A case with its complaints, findings, decision and mitigation."""
    complaints = []
    for complaint in await case_complaints(session, case):
        withdrawn = await complaint_store.withdrawn_at(session, complaint.id)
        complaints.append(
            {
                "tracking_code": complaint.tracking_code,
                "status": complaint.status,
                "violations": list(complaint.violations),
                "incident_date": format_stored_date(complaint.incident_date),
                "withdrawn_at": iso_utc(withdrawn),
            }
        )
    inspection = (
        None
        if case.inspection_id is None
        else await inspection_store.by_id(session, case.inspection_id)
    )
    decision = await decision_of_case(session, case.id)
    mitigation = translator("en")(WITHDRAWAL_MITIGATES)
    return {
        "id": case.id,
        "office_code": case.office_code,
        "source": case.source,
        "inspection_id": case.inspection_id,
        "findings": None if inspection is None else inspection.findings,
        "complaints": complaints,
        "opened_at": iso_utc(case.opened_at),
        "status": case.status,
        "decision_id": None if decision is None else decision.id,
        "mitigation": [
            {
                "tracking_code": item["tracking_code"],
                "withdrawn_at": item["withdrawn_at"],
                "note": mitigation,
            }
            for item in complaints
            if item["withdrawn_at"] is not None
        ],
    }


async def decision_json(
    session: AsyncSession, decision: Decision, settings: Settings
) -> dict[str, Any]:
    """A decision with what stands, its appeal window and its appeals."""
    case = await case_store.by_id(session, decision.case_id)
    manager = await manager_store.by_id(session, decision.manager_id)
    standing = await effective_sanction(session, decision)
    closes = appeal_closes_at(decision, settings) if appealable(decision.sanction) else None
    return {
        "id": decision.id,
        "case_id": decision.case_id,
        "office_code": None if case is None else case.office_code,
        "manager_id": decision.manager_id,
        "manager_name": None if manager is None else manager.name,
        "violations": list(decision.violations),
        "committed_on": format_stored_date(decision.committed_on),
        "sanction": decision.sanction,
        "months": decision.months,
        "crime_referral": decision.crime_referral,
        "crime_authority": decision.crime_authority,
        "crime_referred_on": (
            None
            if decision.crime_referred_on is None
            else format_stored_date(decision.crime_referred_on)
        ),
        "crime_reference": decision.crime_reference,
        "override_reason": decision.override_reason,
        "sitting_id": decision.sitting_id,
        "ruling_text": decision.ruling_text,
        "offender": decision.offender,
        "offender_name": decision.offender_name,
        "offender_post": decision.offender_post,
        "mitigation_applied": decision.mitigation,
        "decided_at": iso_utc(decision.decided_at),
        "decided_on": jalali_text(decision.decided_at, settings),
        "status": decision.status,
        "served_at": iso_utc(decision.served_at),
        "served_on": (
            None if decision.served_at is None else jalali_text(decision.served_at, settings)
        ),
        "served_how": decision.served_how,
        "appeal_window_days": settings.appeal_window_days,
        "appeal_window_closes_at": iso_utc(closes),
        "appeal_window_closes_on": None if closes is None else jalali_text(closes, settings, True),
        "final_at": iso_utc(decision.final_at),
        "final_on": None if decision.final_at is None else jalali_text(decision.final_at, settings),
        "standing": None if standing is None else {"sanction": standing[0], "months": standing[1]},
        "effect_applied_at": iso_utc(decision.effect_applied_at),
        "appeals": [
            {
                "id": appeal.id,
                "by": appeal.by,
                "grounds": appeal.grounds,
                "filed_at": iso_utc(appeal.filed_at),
                "ruling": appeal.ruling,
                "new_sanction": appeal.new_sanction,
                "new_months": appeal.new_months,
                "ruled_at": iso_utc(appeal.ruled_at),
            }
            for appeal in await appeal_store.appeals_of(session, decision.id)
        ],
    }


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print rows in columns under *header* (the last column runs free)."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=sys.stdout)


def say_settled(prog: str, done: Done) -> None:
    """Tell the operator what settling did after a write command."""
    say(prog, [f"settled: {line}" for line in done.settled])


def notice_line(notice_id: int, deliveries: int, decision_id: int | None = None) -> str:
    """What became of a notice: queued to linked chats, or waiting (and how to serve it)."""
    if deliveries:
        chats = "chat" if deliveries == 1 else "chats"
        return f"notice #{notice_id} queued to the manager's {deliveries} linked {chats}"
    line = (
        f"notice #{notice_id} waits: the manager has not linked a chat (it is sent when they "
        "link; `daftar offices invite CODE` gives them a code)"
    )
    if decision_id is not None:
        line += (
            "; or serve it another way and record that with "
            f"`daftar decisions served {decision_id} --on DATE`"
        )
    return line


def mitigation_lines(document: dict[str, Any], zone: ZoneInfo) -> list[str]:
    """A line for each withdrawn complaint of a case or decision document (Art. 26 note 2)."""
    return [
        f"mitigation: complaint {item['tracking_code']} was withdrawn on "
        f"{moment_text(item['withdrawn_at'], zone)}. {item['note']}"
        for item in document["mitigation"]
    ]


def decision_lines(document: dict[str, Any], zone: ZoneInfo) -> list[str]:
    """A decision document as text: the ruling, what stands, service, window and appeals."""
    lines = [
        f"decision #{document['id']} on case #{document['case_id']}: {document['status']}, "
        f"against manager #{document['manager_id']} ({document['manager_name']}) of office "
        f"{document['office_code']}",
        "violations: "
        + "; ".join(
            f"{clause} ({translator('en')(VIOLATIONS[clause].name)})"
            for clause in document["violations"]
        ),
        f"committed on {document['committed_on']}",
        f"sanction: {sanction_en(document['sanction'], document['months'])}",
    ]
    if document["status"] == "replaced" and document["standing"]:
        standing = document["standing"]
        lines.append(
            f"replaced on appeal by: {sanction_en(standing['sanction'], standing['months'])}"
        )
    if document["offender"] == "staff":
        lines.append(
            f"charged: {document['offender_name']}, {document['offender_post']} of the office "
            "(Article 25)"
        )
    if document["sitting_id"] is not None:
        lines.append(f"ruled in sitting #{document['sitting_id']} (Article 22, note 2)")
    if document["crime_authority"]:
        lines.append(
            f"a crime was reported to {document['crime_authority']} on "
            f"{document['crime_referred_on']}, reference {document['crime_reference']} "
            "(Article 26)"
        )
    elif document["crime_referral"]:
        lines.append("a crime was reported to the competent judicial authority (Article 26)")
    if document["mitigation_applied"]:
        lines.append(f"mitigation (Article 26, note 2): {document['mitigation_applied']}")
    if document["override_reason"]:
        reason = document["override_reason"]
        lines.append(f"Article 26 note 3 overridden (before 0018_board): {reason}")
    if document["served_at"]:
        lines.append(f"served on {document['served_on']} ({document['served_how']})")
    if document["status"] == "pending":
        if document["appeal_window_closes_at"]:
            lines.append(
                f"appealable (Article 24) until {document['appeal_window_closes_on']} "
                f"({zone_label(zone)}): {document['appeal_window_days']} days "
                "from service, a setting of this service (the directive sets none)"
            )
        else:
            lines.append(
                f"appealable (Article 24) for {document['appeal_window_days']} days from "
                "service (a setting of this service; the directive sets none); not served yet: "
                "the window starts when the notice is delivered, or with "
                f"`daftar decisions served {document['id']} --on DATE`"
            )
    if document["final_at"]:
        lines.append(f"final since {document['final_on']}")
    for appeal in document["appeals"]:
        ruled = (
            f", ruled {appeal['ruling']} on {moment_text(appeal['ruled_at'], zone)}"
            if appeal["ruling"]
            else ""
        )
        lines.append(
            f"appeal #{appeal['id']} by {appeal['by']}, filed "
            f"{moment_text(appeal['filed_at'], zone)}{ruled}"
        )
    return lines
