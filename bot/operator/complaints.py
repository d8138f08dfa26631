"""`daftar complaints`: the staff's view of complaints, from the command line for now.

    daftar complaints list [--province P] [--status S] [--json]
    daftar complaints show CODE [--json]
    daftar complaints set-status CODE STATUS --note TEXT

`list` prints the complaints, oldest first (of one Association's province: its key, or its
Persian or English name; of one status), as a table or, with `--json`, a JSON array of
`{tracking_code, status, office_code, association_province, violations, unclassified,
incident_date, created_at, withdrawn}`. `violations` are the clauses of Article 25 the
complainant chose; `unclassified` is true when they chose "another matter", for the
Association to classify (the table says "unclassified"). `show` prints one complaint with
every field (the complainant's name, mobile and national id included: the operator sees them),
its timeline and its evidence; with `--json`, one JSON object. In JSON moments are ISO 8601 in
UTC; in the table and the text they are a Jalali date and time of the configured zone
(DAFTAR_TIMEZONE); codes are ASCII digits.

`set-status` moves a complaint to one of received, under_review, referred_to_board, decided or
dismissed, with a note; in one transaction it records the change in the complaint's timeline and
queues a notice to the complainant, in their language, through the outbox. When the move accepts
the complaint (out of received, to under_review or referred_to_board), the office's manager is
sent a notice of it too, with the complainant's identity only if they consented; `show` says
whether that notice was delivered or waits for the manager to link a chat, and lists what the
complainant added after filing. It says what it did on standard error.

A CODE may be typed with any digits, spaces or dashes. Everything is validated before anything is
written: a bad or unknown code, an unknown status, the status the complaint already has, an empty
note — each is reported on standard error naming the field, nothing is written, and the exit
status is 2. So is a move the complaint's lifecycle refuses (storage/statuses.py: nothing is
`decided` but by the Board, a decided or dismissed complaint stays so, a referred one goes only to
the Board's decision). Every command upgrades an embedded SQLite store's schema first.

`register(subparsers)` adds the command to the `daftar` parser (bot/cli.py); `main(argv)` runs it
on its own, for tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import load_settings
from bot.data import bundled_provinces
from bot.domain.complaint_status import OfficeTold, StatusChangeRefused, change_status
from bot.domain.offices_csv import match_province
from bot.domain.tracking import normalize_tracking_code
from bot.notices import office_complaints
from bot.operator.common import (
    BadInput,
    Now,
    fail,
    moment_text,
    run_alone,
    with_store,
    zone_label,
)
from bot.operator.parsers.complaints import register
from bot.rules.violations import UNCLASSIFIED
from bot.text.i18n import translator
from bot.text.jalali import format_stored_date
from bot.text.persian import InputError, to_ascii_digits
from storage import complaints as store
from storage import notices as notice_store
from storage import offices, threads
from storage.models import Complaint, ComplaintAddition, ComplaintEvent, Evidence, Office

PROG = "daftar complaints"
#: The longest note a status change may carry (it goes into a chat message).
NOTE_MAX_CHARS = 1000


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar complaints …` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)


# ---- validating what the operator typed ----


def tracking_code(text: str, field: str = "CODE") -> str:
    """The ASCII code of a typed tracking code, or BadInput with the reason."""
    try:
        return normalize_tracking_code(text)
    except InputError as error:
        reason = translator("en")(error.message, **error.params)
        raise BadInput(f"{field}: {reason} (got {text!r})") from None


def status_value(text: str, field: str) -> str:
    """A complaint status as typed, or BadInput listing the statuses."""
    status = text.strip().lower().replace("-", "_").replace(" ", "_")
    if status not in store.STATUSES:
        raise BadInput(f"{field}: unknown status {text!r}; use one of {', '.join(store.STATUSES)}")
    return status


def province_key(text: str, field: str = "--province") -> str:
    """The key of the province *text* names, or BadInput naming *field*."""
    key = match_province(text, bundled_provinces())
    if key is None:
        raise BadInput(
            f"{field}: there is no province called {text!r} "
            "(use its key, like razavi_khorasan, or its Persian or English name)"
        )
    return key


def note_text(text: str) -> str:
    """The note of a status change: not empty, not too long."""
    note = text.strip()
    if not note:
        raise BadInput("--note: must not be empty (the complainant reads it)")
    if len(note) > NOTE_MAX_CHARS:
        raise BadInput(f"--note: at most {NOTE_MAX_CHARS} characters (got {len(note)})")
    return note


# ---- presentation ----


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def complaint_summary(complaint: Complaint, withdrawn: bool) -> dict[str, object]:
    """A complaint as `list --json` prints it."""
    return {
        "tracking_code": to_ascii_digits(complaint.tracking_code),
        "status": complaint.status,
        "office_code": to_ascii_digits(complaint.office_code),
        "association_province": complaint.association_province,
        "violations": list(complaint.violations),
        "unclassified": bool(complaint.unclassified),
        "incident_date": format_stored_date(complaint.incident_date),
        "created_at": _moment(complaint.created_at),
        "withdrawn": withdrawn,
    }


def event_json(event: ComplaintEvent) -> dict[str, object]:
    """One line of a timeline."""
    return {"at": _moment(event.at), "kind": event.kind, "status": event.status, "note": event.note}


def evidence_json(evidence: Evidence) -> dict[str, object]:
    """One file a complainant sent."""
    return {
        "id": evidence.id,
        "kind": evidence.kind,
        "file_name": evidence.file_name,
        "mime_type": evidence.mime_type,
        "size": evidence.size,
        "sha256": evidence.sha256,
        "stored_path": evidence.stored_path,
        "received_at": _moment(evidence.received_at),
        "stored_at": _moment(evidence.stored_at),
        "problem": evidence.problem,
    }


def complaint_json(
    complaint: Complaint,
    office: Office | None,
    events: Sequence[ComplaintEvent],
    evidence: Sequence[Evidence],
    withdrawn_at: datetime | None,
) -> dict[str, object]:
    """A complaint as `show --json` prints it: every field, its timeline and evidence."""
    return {
        "tracking_code": to_ascii_digits(complaint.tracking_code),
        "status": complaint.status,
        "withdrawn_at": _moment(withdrawn_at),
        "office_code": to_ascii_digits(complaint.office_code),
        "office_name": None if office is None else office.name,
        "association_province": complaint.association_province,
        "violations": list(complaint.violations),
        "unclassified": bool(complaint.unclassified),
        "incident_date": format_stored_date(complaint.incident_date),
        "description": complaint.description,
        "overcharge": complaint.overcharge,
        "complainant_name": complaint.complainant_name,
        "complainant_mobile": complaint.complainant_mobile,
        "complainant_national_id": complaint.complainant_national_id,
        "identity_consent": complaint.identity_consent,
        "platform": complaint.platform,
        "platform_user_id": complaint.platform_user_id,
        "chat_id": complaint.chat_id,
        "locale": complaint.locale,
        "created_at": _moment(complaint.created_at),
        "keep_until": _moment(complaint.keep_until),
        "closed_as": complaint.closed_as,
        "closed_reasons": complaint.closed_reasons,
        "timeline": [event_json(event) for event in events],
        "evidence": [evidence_json(item) for item in evidence],
    }


def office_told_line(told: OfficeTold) -> str:
    """What `set-status` says of the office's notice when the complaint is accepted."""
    if told.notice is None:
        return "the office has no manager on record: the office is not told of this complaint"
    identity = (
        "with the complainant's name and mobile (they consented)"
        if told.identity_shared
        else "without the complainant's identity (they did not consent)"
    )
    where = (
        f"queued to {told.deliveries} linked chat{'' if told.deliveries == 1 else 's'}"
        if told.deliveries
        else "waiting: the manager has linked no chat yet; it is sent when they link"
    )
    return (
        f"notice #{told.notice.id} tells the office's manager ({told.manager_name}) of the "
        f"complaint, {identity}: {where}"
    )


async def office_notice_json(session: AsyncSession, complaint: Complaint) -> dict[str, Any] | None:
    """The office's notice of the complaint and where it stands (None: the office was not told)."""
    notice = await notice_store.of_subject(session, office_complaints.KIND, complaint.id)
    if notice is None:
        return None
    deliveries = await notice_store.deliveries_of(session, notice.id)
    return {
        "id": notice.id,
        "created_at": _moment(notice.created_at),
        "identity_shared": notice.content.get("complainant") is not None,
        "acknowledged_at": _moment(notice.acknowledged_at),
        "waiting": not deliveries,  # the manager has linked no chat yet
        "deliveries": [
            {"platform": row.platform, "chat_id": row.chat_id, "status": row.status}
            for row in deliveries
        ],
    }


def addition_json(addition: ComplaintAddition) -> dict[str, object]:
    """One thing the complainant added after filing."""
    return {
        "at": _moment(addition.at),
        "text": addition.text,
        "evidence_ids": list(addition.evidence_ids),
    }


def _dump(document: object) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# ---- list ----


def cmd_list(args: argparse.Namespace) -> int:
    """`complaints list`: complaints oldest first, as a table or JSON."""
    settings = load_settings()
    try:
        province = None if args.province is None else province_key(args.province)
        status = None if args.status is None else status_value(args.status, "--status")
    except BadInput as bad:
        return fail(PROG, bad)

    async def _list(
        sessions: async_sessionmaker[AsyncSession],
    ) -> list[tuple[Complaint, bool]]:
        async with sessions() as session:
            found = await store.listing(session, province, status)
            withdrawn = await store.withdrawn_among(session, [c.id for c in found])
        return [(complaint, complaint.id in withdrawn) for complaint in found]

    found = asyncio.run(with_store(settings, _list))
    if args.json:
        _dump([complaint_summary(complaint, withdrawn) for complaint, withdrawn in found])
        return 0
    if not found:
        print(f"{PROG}: no complaints", file=sys.stderr)
        return 0
    filed = f"filed ({zone_label(settings.zone)})"
    header = ("code", "status", "office", "province", "incident", filed, "violations")
    rows = [
        (
            to_ascii_digits(c.tracking_code),
            c.status + (" (withdrawn)" if withdrawn else ""),
            to_ascii_digits(c.office_code),
            c.association_province,
            format_stored_date(c.incident_date),
            moment_text(c.created_at, settings.zone),
            ", ".join([*c.violations, *([UNCLASSIFIED] if c.unclassified else [])]),
        )
        for c, withdrawn in found
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=sys.stdout)
    print(f"{len(rows)} complaint{'' if len(rows) == 1 else 's'}", file=sys.stdout)
    return 0


# ---- show ----


def cmd_show(args: argparse.Namespace) -> int:
    """`complaints show CODE`: one complaint, its timeline and evidence."""
    settings = load_settings()
    try:
        code = tracking_code(args.code)
    except BadInput as bad:
        return fail(PROG, bad)

    async def _show(sessions: async_sessionmaker[AsyncSession]) -> dict[str, Any] | None:
        async with sessions() as session:
            complaint = await store.by_code(session, code)
            if complaint is None:
                return None
            document = complaint_json(
                complaint,
                await offices.office(session, complaint.office_code),
                await store.timeline(session, complaint.id),
                await store.evidence_of(session, complaint.id),
                await store.withdrawn_at(session, complaint.id),
            )
            document["additions"] = [
                addition_json(a) for a in await store.additions_of(session, complaint.id)
            ]
            document["office_notice"] = await office_notice_json(session, complaint)
            rating = await threads.rating_of(session, complaint.id)
            document["rating"] = (
                None
                if rating is None
                else {"stars": rating.stars, "rated_at": _moment(rating.rated_at)}
            )
            return document

    document = asyncio.run(with_store(settings, _show))
    if document is None:
        return fail(PROG, BadInput(f"CODE: no complaint with tracking code {code}"))
    if args.json:
        _dump(document)
    else:
        _print_complaint(document, settings.zone)
    return 0


#: The fields of a complaint's document that are moments (shown in the zone, not as ISO UTC).
_MOMENTS = frozenset({"withdrawn_at", "created_at", "keep_until"})


def _print_complaint(document: dict[str, Any], zone: ZoneInfo) -> None:
    out = sys.stdout
    timeline = document["timeline"]
    evidence = document["evidence"]
    skip = {"timeline", "evidence", "additions", "office_notice", "rating"}
    width = max(len(name) for name in document if name not in skip)
    for name, value in document.items():
        if name in skip:
            continue
        if isinstance(value, list | dict):
            shown = json.dumps(value, ensure_ascii=False)
        elif name in _MOMENTS:
            shown = moment_text(value, zone)
        elif value is None:
            shown = "-"
        else:
            shown = str(value)
        print(f"{name.ljust(width)}  {shown}", file=out)
    print(f"timeline ({len(timeline)}):", file=out)
    for event in timeline:
        what = event["kind"] + (f" {event['status']}" if event["status"] else "")
        note = f": {event['note']}" if event["note"] else ""
        print(f"  {moment_text(event['at'], zone)}  {what}{note}", file=out)
    print(f"evidence ({len(evidence)}):", file=out)
    for item in evidence:
        parts = [
            f"#{item['id']}",
            item["kind"],
            item["file_name"] or "-",
            item["mime_type"] or "-",
            "-" if item["size"] is None else f"{item['size']} bytes",
            f"sha256 {item['sha256']}" if item["sha256"] else "not stored yet",
            item["stored_path"] or "-",
            f"received {moment_text(item['received_at'], zone)}",
        ]
        if item["problem"]:
            parts.append(f"problem: {item['problem']}")
        print("  " + "  ".join(parts), file=out)
    additions = document.get("additions", [])
    print(f"additions by the complainant ({len(additions)}):", file=out)
    for addition in additions:
        files = ", ".join(f"#{n}" for n in addition["evidence_ids"]) or "none"
        print(f"  {addition['at']}  files: {files}  {addition['text'] or ''}".rstrip(), file=out)
    print(f"office told: {_office_notice_text(document.get('office_notice'))}", file=out)
    rating = document.get("rating")
    rated = f"{rating['stars']} of 5 ({moment_text(rating['rated_at'], zone)})" if rating else "no"
    print(f"rated by the complainant: {rated}", file=out)


def _office_notice_text(notice: dict[str, Any] | None) -> str:
    if notice is None:
        return "no (not accepted yet, or the office has no manager on record)"
    identity = "with" if notice["identity_shared"] else "without"
    if notice["waiting"]:
        where = "waiting: the manager has linked no chat yet"
    else:
        where = ", ".join(
            f"{d['platform']} chat {d['chat_id']} {d['status']}" for d in notice["deliveries"]
        )
    return f"notice #{notice['id']}, {identity} the complainant's identity, {where}"


# ---- set-status ----


def cmd_set_status(args: argparse.Namespace) -> int:
    """`complaints set-status CODE STATUS --note TEXT`: timeline and notice in one transaction."""
    settings = load_settings()
    clock: Now = getattr(args, "now", None) or (lambda: datetime.now(UTC))
    # Every argument is checked, and every problem reported, before the store is opened.
    problems: list[str] = []

    def _checked(check: Callable[[], str]) -> str:
        try:
            return check()
        except BadInput as bad:
            problems.extend(bad.lines)
            return ""

    code = _checked(lambda: tracking_code(args.code))
    status = _checked(lambda: status_value(args.status, "STATUS"))
    note = _checked(lambda: note_text(args.note))
    if problems:
        return fail(PROG, BadInput(*problems))
    now = clock()

    async def _set(sessions: async_sessionmaker[AsyncSession]) -> str:
        async with sessions() as session, session.begin():
            try:
                changed = await change_status(session, code, status, note, now, settings=settings)
            except StatusChangeRefused as refused:
                raise BadInput(str(refused)) from None
        complaint = changed.complaint
        lines = [
            f"complaint {code}: {changed.before} -> {status}, recorded in its timeline",
            f"notice #{changed.notice_id} queued for the complainant "
            f"({complaint.platform} chat {complaint.chat_id}, in {complaint.locale})",
        ]
        if changed.office is not None:
            lines.append(office_told_line(changed.office))
        if changed.withdrawn_at is not None:
            lines.append(
                f"note: the complainant withdrew this complaint on {_moment(changed.withdrawn_at)} "
                "(Art. 26 note 2: proceedings may go on)"
            )
        return "\n".join(lines)

    try:
        done = asyncio.run(with_store(settings, _set))
    except BadInput as bad:
        return fail(PROG, bad)
    for line in done.splitlines():
        print(f"{PROG}: {line}", file=sys.stderr)
    return 0
