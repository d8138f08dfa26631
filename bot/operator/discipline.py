"""`daftar inspections|cases|decisions|appeals|notices`: discipline from the command line.

    daftar inspections schedule --office CODE --kind periodic|ad_hoc --at "YYYY/MM/DD HH:MM"
                                [--inspector NAME] [--note TEXT] [--json]
    daftar inspections record ID --findings 25.1,25.6|none --report FILE
    daftar inspections list [--json]
    daftar cases open --office CODE --complaint TRACKING [TRACKING…]
    daftar cases list [--json]
    daftar cases show ID [--json]
    daftar decisions record --case ID --violations 25.12[,…] --committed-on YYYY/MM/DD
                            --sanction N [--months M] [--crime-referral] [--override REASON]
                            [--json]
    daftar decisions served ID --on YYYY/MM/DD
    daftar decisions list [--json]
    daftar appeals file DECISION --by center_head|manager --grounds TEXT
    daftar appeals rule APPEAL (--uphold | --replace N [--months M] | --overturn)
    daftar notices list [--status S] [--json]
    daftar notices retry ID

The staff side of Arts. 21–26; the rules live in `bot/domain/discipline.py`, this module only reads
what the operator typed and says what was done. Dates are Jalali (any digits), times Tehran's;
moments in the output are ISO 8601 in UTC, with Jalali dates beside them in the text form.

- `inspections schedule` records an inspection ahead of it and, in the same transaction, queues
  its notice to the office's manager (to every linked chat; an unlinked manager's notice waits).
- `inspections record` stores the findings (clauses of Art. 25, or `none`) and the report — the
  file is copied into `DAFTAR_EVIDENCE_DIR/reports/` (the stored path is the copy's absolute
  path) — and findings open a case (source "inspection").
- `cases open` opens a case on complaints against one office; each complaint is referred to the
  Primary Board (its timeline, and its complainant told). `cases list` / `cases show` show the
  cases, with each withdrawn complaint shown as mitigation (Art. 26 note 2).
- `decisions record` records the Board's ruling against the office's manager at the time; Art. 26
  note 3 refuses a sanction not above an earlier final one unless `--override REASON` (recorded).
  `decisions served` records a service made another way (the appeal window starts then).
- `appeals file` records an appeal of a pending 5 or 6 (Art. 24); `appeals rule` records the
  Appeals Board's ruling and tells the manager.
- `notices list` shows the managers' notices with their deliveries and every attempt;
  `notices retry` puts a notice's failed or undeliverable deliveries back in the queue.

Every write command then settles what is due (windows closed, suspensions and revocations
applied, suspensions ended) in the same transaction and says so. Everything typed is checked
before anything is written: each problem is reported on standard error naming its field, nothing
is written and the exit status is 2. Every command upgrades an embedded SQLite store first.

`register(subparsers)` adds the five command groups to the `daftar` parser; `main(argv)` runs
them on their own, for tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import jdatetime
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings, load_settings
from bot.domain import discipline
from bot.domain.discipline import DisciplineError, RepeatOffence
from bot.domain.tracking import normalize_tracking_code
from bot.notices.managers import sanction_text
from bot.operator.common import (
    BadInput,
    Now,
    clock,
    fail,
    run_alone,
    with_store,
)
from bot.rules.violations import SANCTIONS, VIOLATIONS, WITHDRAWAL_MITIGATES, appealable
from bot.text.i18n import translator
from bot.text.jalali import format_jalali_numeric, parse_jalali_date, today_in
from bot.text.persian import InputError, normalize, to_ascii_digits
from storage import complaints as complaint_store
from storage import discipline as discipline_store
from storage.models import (
    Case,
    Decision,
    Identity,
    Inspection,
    Manager,
    Notice,
    OutboxMessage,
)
from storage.notices import attempts_of
from storage.statuses import OutboxStatus

NOTICE_STATUSES = (
    "waiting",
    "pending",
    "sent",
    "failed",
    "undeliverable",
    "acknowledged",
    "unacknowledged",
)
RETRYABLE = ("failed", "undeliverable")
_T = TypeVar("_T")


# ---- the parser ----


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `inspections`, `cases`, `decisions`, `appeals` and `notices` to `daftar`."""
    _register_inspections(subparsers)
    _register_cases(subparsers)
    _register_decisions(subparsers)
    _register_appeals(subparsers)
    _register_notices(subparsers)


def _group(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    parser = subparsers.add_parser(name, help=text, description=text)
    return parser.add_subparsers(dest=f"{name}_command", required=True, metavar="ACTION")


def _register_inspections(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = _group(subparsers, "inspections", "the Association's inspections (Art. 21)")
    schedule = actions.add_parser(
        "schedule",
        help="record an inspection ahead of it; the manager is sent a notice",
        description="Record an inspection and queue its notice to the office's manager.",
    )
    schedule.add_argument("--office", required=True, metavar="CODE", help="the office's code")
    schedule.add_argument("--kind", required=True, metavar="KIND", help="periodic or ad_hoc")
    schedule.add_argument(
        "--at", required=True, metavar="WHEN", help='"YYYY/MM/DD HH:MM", Jalali, Tehran time'
    )
    schedule.add_argument("--inspector", metavar="NAME", help="who inspects (the notice says)")
    schedule.add_argument("--note", metavar="TEXT", help="a note for the manager")
    schedule.add_argument("--json", action="store_true", help="print the inspection as JSON")
    schedule.set_defaults(handler=cmd_schedule, prog="daftar inspections")

    record = actions.add_parser(
        "record",
        help="store an inspection's findings and report; findings open a case",
        description=(
            "Store the findings (clauses of Article 25, comma-separated, or 'none') and the "
            "report (copied into DAFTAR_EVIDENCE_DIR/reports/). Findings open a case."
        ),
    )
    record.add_argument("id", metavar="ID", help="the inspection's number")
    record.add_argument("--findings", required=True, metavar="CLAUSES", help="25.1,25.6 or none")
    record.add_argument("--report", required=True, metavar="FILE", help="the inspection report")
    record.set_defaults(handler=cmd_record_findings, prog="daftar inspections")

    listing = actions.add_parser("list", help="list the inspections", description="Inspections.")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_list_inspections, prog="daftar inspections")


def _register_cases(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = _group(subparsers, "cases", "cases before the Primary Disciplinary Board (Art. 22)")
    opening = actions.add_parser(
        "open",
        help="open a case on complaints against one office",
        description="Open a case on one or more complaints against one office.",
    )
    opening.add_argument("--office", required=True, metavar="CODE", help="the office's code")
    opening.add_argument(
        "--complaint",
        required=True,
        action="extend",
        nargs="+",
        metavar="TRACKING",
        help="a complaint's tracking code (several, or the option repeated)",
    )
    opening.set_defaults(handler=cmd_open_case, prog="daftar cases")

    listing = actions.add_parser("list", help="list the cases", description="The cases.")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_list_cases, prog="daftar cases")

    show = actions.add_parser("show", help="one case", description="One case, in full.")
    show.add_argument("id", metavar="ID", help="the case's number")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.set_defaults(handler=cmd_show_case, prog="daftar cases")


def _register_decisions(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = _group(subparsers, "decisions", "the Primary Board's decisions (Arts. 23, 24, 26)")
    record = actions.add_parser(
        "record",
        help="record the Board's ruling on a case",
        description=(
            "Record the Primary Board's ruling against the office's manager at the time of the "
            "violation; the manager is sent a notice, the complainants are told."
        ),
    )
    record.add_argument("--case", required=True, metavar="ID", help="the case's number")
    record.add_argument(
        "--violations", required=True, metavar="CLAUSES", help="clauses of Article 25: 25.12,25.6"
    )
    record.add_argument(
        "--committed-on", required=True, metavar="DATE", help="when (Jalali YYYY/MM/DD)"
    )
    record.add_argument("--sanction", required=True, metavar="N", help="Article 23's degree, 1–6")
    record.add_argument("--months", metavar="M", help="a suspension's length (degree 5: 3–24)")
    record.add_argument(
        "--crime-referral", action="store_true", help="a crime was reported (Article 26)"
    )
    record.add_argument(
        "--override", metavar="REASON", help="depart from Article 26 note 3, for this reason"
    )
    record.add_argument("--json", action="store_true", help="print the decision as JSON")
    record.set_defaults(handler=cmd_record_decision, prog="daftar decisions")

    served = actions.add_parser(
        "served",
        help="record a service made another way",
        description="Record that a decision's notice was served another way, on a Jalali date.",
    )
    served.add_argument("id", metavar="ID", help="the decision's number")
    served.add_argument("--on", required=True, metavar="DATE", help="Jalali YYYY/MM/DD")
    served.set_defaults(handler=cmd_served, prog="daftar decisions")

    listing = actions.add_parser("list", help="list the decisions", description="Decisions.")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_list_decisions, prog="daftar decisions")


def _register_appeals(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = _group(subparsers, "appeals", "appeals to the Appeals Board (Art. 24)")
    filing = actions.add_parser(
        "file",
        help="record an appeal of a sanction of degree 5 or 6",
        description="Record an appeal of a pending decision of degree 5 or 6 (Article 24).",
    )
    filing.add_argument("decision", metavar="DECISION", help="the decision's number")
    filing.add_argument(
        "--by", required=True, metavar="WHO", help="center_head (or manager, on paper)"
    )
    filing.add_argument("--grounds", required=True, metavar="TEXT", help="the appeal's grounds")
    filing.set_defaults(handler=cmd_file_appeal, prog="daftar appeals")

    ruling = actions.add_parser(
        "rule",
        help="record the Appeals Board's ruling; the manager is told",
        description="Record the Appeals Board's ruling on an appeal; the manager is sent it.",
    )
    ruling.add_argument("appeal", metavar="APPEAL", help="the appeal's number")
    which = ruling.add_mutually_exclusive_group(required=True)
    which.add_argument("--uphold", action="store_true", help="the sanction stands")
    which.add_argument("--replace", metavar="N", help="replace it with degree N")
    which.add_argument("--overturn", action="store_true", help="no sanction stands")
    ruling.add_argument("--months", metavar="M", help="with --replace 5: 3–24 months")
    ruling.set_defaults(handler=cmd_rule_appeal, prog="daftar appeals")


def _register_notices(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = _group(subparsers, "notices", "notices to office managers and their delivery")
    listing = actions.add_parser(
        "list",
        help="the notices, each with its deliveries and attempts",
        description="The managers' notices, with every delivery, attempt and acknowledgement.",
    )
    listing.add_argument("--status", metavar="S", help=f"one of {', '.join(NOTICE_STATUSES)}")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_list_notices, prog="daftar notices")

    retry = actions.add_parser(
        "retry",
        help="queue a notice's failed or undeliverable deliveries again",
        description="Put a notice's failed or undeliverable deliveries back in the queue.",
    )
    retry.add_argument("id", metavar="ID", help="the notice's number")
    retry.set_defaults(handler=cmd_retry_notice, prog="daftar notices")


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run the discipline commands on their own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)


# ---- running ----


def _say(prog: str, lines: Sequence[str]) -> None:
    for line in lines:
        print(f"{prog}: {line}", file=sys.stderr)


def _dump(document: object) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@dataclass(frozen=True)
class Done:
    """A write command's result, and what settling did after it."""

    value: Any
    settled: list[str]


def _write(
    settings: Settings,
    now: datetime,
    fields: dict[str, str],
    work: Callable[[AsyncSession], Awaitable[Any]],
) -> Done:
    """Run *work* and `settle` in one transaction; a refusal rolls everything back.

    A `DisciplineError` becomes BadInput with the field as the operator typed it (*fields*).
    """

    async def _run(sessions: async_sessionmaker[AsyncSession]) -> Done:
        try:
            async with sessions() as session, session.begin():
                value = await work(session)
                settled = await discipline.settle(session, settings, now)
                return Done(value, settled)
        except RepeatOffence as refused:
            raise BadInput(
                f"--sanction: {refused.explain()} To depart from note 3, give --override REASON "
                "(the reason is recorded with the decision)."
            ) from None
        except DisciplineError as refused:
            raise BadInput(
                f"{fields.get(refused.field, refused.field)}: {refused.message}"
            ) from None

    return asyncio.run(with_store(settings, _run))


def _read(settings: Settings, work: Callable[[AsyncSession], Awaitable[_T]]) -> _T:
    async def _run(sessions: async_sessionmaker[AsyncSession]) -> _T:
        async with sessions() as session:
            return await work(session)

    return asyncio.run(with_store(settings, _run))


class _Checks:
    """Collects every problem of a command line before anything is opened."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def __call__(self, check: Callable[[], _T]) -> _T | None:
        try:
            return check()
        except BadInput as bad:
            self.problems.extend(bad.lines)
            return None

    def raise_any(self) -> None:
        if self.problems:
            raise BadInput(*self.problems)


# ---- what the operator typed ----


def number(text: str, field: str, what: str) -> int:
    """A positive whole number (any digits, an optional '#')."""
    cleaned = to_ascii_digits(text).strip().lstrip("#")
    if not cleaned.isdigit() or int(cleaned) < 1:
        raise BadInput(f"{field}: {what} is a whole number like 12 (got {text!r})")
    return int(cleaned)


def office_code(text: str, field: str = "--office") -> str:
    """An office code as the registry keeps it (ASCII digits, upper case)."""
    code = to_ascii_digits(text).strip().upper()
    if not code:
        raise BadInput(f"{field}: the office's code is required")
    return code


def jalali_date(text: str, field: str, today: jdatetime.date) -> jdatetime.date:
    """A Jalali date as typed, or BadInput with the reason in English."""
    try:
        return parse_jalali_date(text, today)
    except InputError as error:
        reason = translator("en")(error.message, **error.params)
        raise BadInput(f"{field}: {reason} (got {text!r})") from None


_AT = re.compile(r"(.+?)[ T،,]+([0-9]{1,2}):([0-9]{2})")


def moment(text: str, field: str, settings: Settings, today: jdatetime.date) -> datetime:
    """A Jalali date and a Tehran time, "YYYY/MM/DD HH:MM", as an aware UTC moment."""
    found = _AT.fullmatch(normalize(text))
    if found is None:
        raise BadInput(f'{field}: use "YYYY/MM/DD HH:MM" (Jalali date, Tehran time); got {text!r}')
    day = jalali_date(found.group(1), field, today)
    hour, minute = int(found.group(2)), int(found.group(3))
    if hour > 23 or minute > 59:
        raise BadInput(f"{field}: {hour:02d}:{minute:02d} is not a time of day")
    local = datetime.combine(day.togregorian(), time(hour, minute), tzinfo=settings.zone)
    return local.astimezone(UTC)


def inspection_kind(text: str) -> str:
    """periodic or ad_hoc (ad-hoc and "ad hoc" too)."""
    kind = text.strip().lower().replace("-", "_").replace(" ", "_")
    if kind not in discipline.INSPECTION_KINDS:
        raise BadInput(f"--kind: unknown kind {text!r}; use periodic or ad_hoc")
    return kind


def clauses(text: str, field: str, *, none_allowed: bool = False) -> list[str]:
    """Clauses of Article 25 as typed: "25.12,25.6" (a bare "12" is 25.12)."""
    cleaned = to_ascii_digits(text).strip()
    if none_allowed and cleaned.lower() == "none":
        return []
    items = [item.strip() for item in re.split(r"[,،\s]+", cleaned) if item.strip()]
    if not items:
        hint = " (or none)" if none_allowed else ""
        raise BadInput(f"{field}: name clauses of Article 25, like 25.12,25.6{hint}")
    found = [f"25.{item}" if item.isdigit() else item for item in items]
    unknown = [item for item in found if item not in VIOLATIONS]
    if unknown:
        raise BadInput(
            f"{field}: {', '.join(unknown)}: Article 25 has clauses 25.1 to 25.{len(VIOLATIONS)}"
        )
    twice = sorted({item for item in found if found.count(item) > 1})
    if twice:
        raise BadInput(f"{field}: {', '.join(twice)} given more than once")
    return found


def degree(text: str, field: str) -> int:
    """A sanction's degree, 1 to 6 (Article 23)."""
    cleaned = to_ascii_digits(text).strip()
    if not cleaned.isdigit() or int(cleaned) not in SANCTIONS:
        raise BadInput(f"{field}: Article 23 has six sanctions, degrees 1 to 6 (got {text!r})")
    return int(cleaned)


def months_of(text: str | None, sanction: int | None, field: str, degree_field: str) -> int | None:
    """A suspension's months: required for degree 5 (3–24), refused otherwise."""
    if text is None:
        if sanction == 5:
            raise BadInput(
                f"{field}: a temporary suspension (degree 5) needs its length: 3 to 24 months"
            )
        return None
    cleaned = to_ascii_digits(text).strip()
    if not cleaned.isdigit():
        raise BadInput(f"{field}: a whole number of months, 3 to 24 (got {text!r})")
    months = int(cleaned)
    if sanction is not None and sanction != 5:
        raise BadInput(
            f"{field}: only a temporary suspension (degree 5) has a length; "
            f"{degree_field} {sanction} has none"
        )
    if not 3 <= months <= 24:
        raise BadInput(
            f"{field}: a suspension lasts 3 to 24 months "
            f"(Article 23, degree 5: three months to two years); got {months}"
        )
    return months


def free_text(text: str | None, field: str, limit: int, *, required: bool) -> str | None:
    """A note, name or reason: not empty (when given), not too long."""
    if text is None:
        if required:
            raise BadInput(f"{field}: is required")
        return None
    cleaned = text.strip()
    if not cleaned:
        raise BadInput(f"{field}: must not be empty")
    if len(cleaned) > limit:
        raise BadInput(f"{field}: at most {limit} characters (got {len(cleaned)})")
    return cleaned


def tracking(text: str) -> str:
    """A complaint's tracking code as typed (any digits, spaces or dashes)."""
    try:
        return normalize_tracking_code(text)
    except InputError as error:
        reason = translator("en")(error.message, **error.params)
        raise BadInput(f"--complaint: {reason} (got {text!r})") from None


def report_file(text: str, settings: Settings) -> tuple[bytes, str]:
    """The report's bytes and suffix: a readable, non-empty file within the evidence limit."""
    path = Path(text).expanduser()
    if not path.is_file():
        raise BadInput(f"--report: no such file: {text}")
    limit = settings.evidence_max_mb * 1024 * 1024
    try:
        size = path.stat().st_size
        if size == 0:
            raise BadInput(f"--report: {text} is empty")
        if size > limit:
            raise BadInput(
                f"--report: {text} is {size} bytes; at most {settings.evidence_max_mb} MB "
                "(DAFTAR_EVIDENCE_MAX_MB)"
            )
        return path.read_bytes(), path.suffix
    except OSError as error:
        raise BadInput(f"--report: cannot read {text}: {error.strerror}") from None


# ---- presentation ----


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def _jalali(value: datetime | None, settings: Settings, with_time: bool = False) -> str:
    if value is None:
        return "-"
    text = format_jalali_numeric(today_in(settings.zone, value))
    if with_time:
        text += f" {value.astimezone(settings.zone):%H:%M}"
    return text


def _sanction_en(degree_: int | None, months: int | None) -> str:
    return sanction_text(translator("en"), degree_, months) or "none"


def inspection_json(inspection: Inspection, settings: Settings) -> dict[str, Any]:
    """An inspection as the commands print it."""
    return {
        "id": inspection.id,
        "office_code": inspection.office_code,
        "manager_id": inspection.manager_id,
        "kind": inspection.kind,
        "at": _moment(inspection.at),
        "at_tehran": _jalali(inspection.at, settings, with_time=True),
        "inspector": inspection.inspector,
        "note": inspection.note,
        "created_at": _moment(inspection.created_at),
        "findings": inspection.findings,
        "report_path": inspection.report_path,
        "recorded_at": _moment(inspection.recorded_at),
    }


async def case_json(session: AsyncSession, case: Case) -> dict[str, Any]:
    """A case with its complaints, findings, decision and mitigation."""
    complaints = []
    for complaint in await discipline.case_complaints(session, case):
        withdrawn = await complaint_store.withdrawn_at(session, complaint.id)
        complaints.append(
            {
                "tracking_code": complaint.tracking_code,
                "status": complaint.status,
                "violations": list(complaint.violations),
                "incident_date": to_ascii_digits(complaint.incident_date),
                "withdrawn_at": _moment(withdrawn),
            }
        )
    inspection = (
        None if case.inspection_id is None else await session.get(Inspection, case.inspection_id)
    )
    decision = await discipline.decision_of_case(session, case.id)
    mitigation = translator("en")(WITHDRAWAL_MITIGATES)
    return {
        "id": case.id,
        "office_code": case.office_code,
        "source": case.source,
        "inspection_id": case.inspection_id,
        "findings": None if inspection is None else inspection.findings,
        "complaints": complaints,
        "opened_at": _moment(case.opened_at),
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
    case = await session.get(Case, decision.case_id)
    manager = await session.get(Manager, decision.manager_id)
    standing = await discipline.effective_sanction(session, decision)
    closes = (
        discipline.appeal_closes_at(decision, settings) if appealable(decision.sanction) else None
    )
    return {
        "id": decision.id,
        "case_id": decision.case_id,
        "office_code": None if case is None else case.office_code,
        "manager_id": decision.manager_id,
        "manager_name": None if manager is None else manager.name,
        "violations": list(decision.violations),
        "committed_on": decision.committed_on,
        "sanction": decision.sanction,
        "months": decision.months,
        "crime_referral": decision.crime_referral,
        "override_reason": decision.override_reason,
        "decided_at": _moment(decision.decided_at),
        "decided_on": _jalali(decision.decided_at, settings),
        "status": decision.status,
        "served_at": _moment(decision.served_at),
        "served_on": None if decision.served_at is None else _jalali(decision.served_at, settings),
        "served_how": decision.served_how,
        "appeal_window_days": settings.appeal_window_days,
        "appeal_window_closes_at": _moment(closes),
        "appeal_window_closes_on": None if closes is None else _jalali(closes, settings, True),
        "final_at": _moment(decision.final_at),
        "final_on": None if decision.final_at is None else _jalali(decision.final_at, settings),
        "standing": None if standing is None else {"sanction": standing[0], "months": standing[1]},
        "effect_applied_at": _moment(decision.effect_applied_at),
        "appeals": [
            {
                "id": appeal.id,
                "by": appeal.by,
                "grounds": appeal.grounds,
                "filed_at": _moment(appeal.filed_at),
                "ruling": appeal.ruling,
                "new_sanction": appeal.new_sanction,
                "new_months": appeal.new_months,
                "ruled_at": _moment(appeal.ruled_at),
            }
            for appeal in await discipline_store.appeals_of(session, decision.id)
        ],
    }


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=sys.stdout)


def _settled(prog: str, done: Done) -> None:
    _say(prog, [f"settled: {line}" for line in done.settled])


# ---- inspections ----


def cmd_schedule(args: argparse.Namespace) -> int:
    """`inspections schedule`: the inspection and its notice, in one transaction."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    today = today_in(settings.zone, now)
    check = _Checks()
    code = check(lambda: office_code(args.office))
    kind = check(lambda: inspection_kind(args.kind))
    at = check(lambda: moment(args.at, "--at", settings, today))
    inspector = check(
        lambda: free_text(
            args.inspector, "--inspector", discipline.INSPECTOR_MAX_CHARS, required=False
        )
    )
    note = check(lambda: free_text(args.note, "--note", discipline.TEXT_MAX_CHARS, required=False))
    try:
        check.raise_any()
        assert code is not None and kind is not None and at is not None

        async def _work(session: AsyncSession) -> dict[str, Any]:
            inspection, notice = await discipline.schedule_inspection(
                session,
                settings,
                now,
                office_code=code,
                kind=kind,
                at=at,
                inspector=inspector,
                note=note,
            )
            document = inspection_json(inspection, settings)
            document["notice_id"] = notice.id
            document["deliveries"] = await _deliveries(session, notice.id)
            return document

        done = _write(
            settings,
            now,
            {"office": "--office", "kind": "--kind", "at": "--at", "inspector": "--inspector"},
            _work,
        )
    except BadInput as bad:
        return fail(prog, bad)
    document = done.value
    if args.json:
        _dump(document)
    _say(
        prog,
        [
            f"inspection #{document['id']} of office {document['office_code']}: {document['kind']}"
            f" on {document['at_tehran']} (Tehran), {document['at']}",
            _notice_line(document["notice_id"], document["deliveries"]),
        ],
    )
    _settled(prog, done)
    return 0


async def _deliveries(session: AsyncSession, notice_id: int) -> int:
    found = await session.scalars(
        select(OutboxMessage.id).where(OutboxMessage.notice_id == notice_id)
    )
    return len(list(found))


def _notice_line(notice_id: int, deliveries: int, decision_id: int | None = None) -> str:
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


def cmd_record_findings(args: argparse.Namespace) -> int:
    """`inspections record ID`: findings and report; findings open a case."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    check = _Checks()
    inspection_id = check(lambda: number(args.id, "ID", "an inspection's number"))
    findings = check(lambda: clauses(args.findings, "--findings", none_allowed=True))
    report = check(lambda: report_file(args.report, settings))
    try:
        check.raise_any()
        assert inspection_id is not None and findings is not None and report is not None
        data, suffix = report

        target = discipline.report_target(settings, inspection_id, data, suffix)
        existed = target.exists()

        async def _work(session: AsyncSession) -> tuple[Inspection, Case | None]:
            inspection, case = await discipline.record_findings(
                session,
                settings,
                now,
                inspection_id=inspection_id,
                findings=findings,
                report_path=str(target),
            )
            discipline.keep_report(target, data)
            return inspection, case

        try:
            done = _write(settings, now, {"inspection": "ID", "findings": "--findings"}, _work)
        except BaseException:
            # Nothing written: a copy made for a refused or failed command goes too.
            if not existed:
                target.unlink(missing_ok=True)
            raise
    except BadInput as bad:
        return fail(prog, bad)
    inspection, case = done.value
    lines = [
        f"inspection #{inspection.id}: findings "
        f"{', '.join(inspection.findings) if inspection.findings else 'none'} recorded",
        f"report copied to {target}",
    ]
    if case is not None:
        lines.append(f"case #{case.id} opened on the findings (source inspection)")
    else:
        lines.append("no violation found: no case opened")
    _say(prog, lines)
    _settled(prog, done)
    return 0


def cmd_list_inspections(args: argparse.Namespace) -> int:
    """`inspections list`: every inspection, oldest first."""
    prog: str = args.prog
    settings = load_settings()

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await session.scalars(select(Inspection).order_by(Inspection.id))
        return [inspection_json(inspection, settings) for inspection in found]

    found = _read(settings, _list)
    if args.json:
        _dump(found)
        return 0
    if not found:
        _say(prog, ["no inspections"])
        return 0
    _table(
        ("id", "office", "kind", "at (Tehran)", "inspector", "findings"),
        [
            (
                str(i["id"]),
                i["office_code"],
                i["kind"],
                i["at_tehran"],
                i["inspector"] or "-",
                "not recorded"
                if i["recorded_at"] is None
                else (", ".join(i["findings"]) or "none"),
            )
            for i in found
        ],
    )
    return 0


# ---- cases ----


def cmd_open_case(args: argparse.Namespace) -> int:
    """`cases open --office CODE --complaint TRACKING…`."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    check = _Checks()
    code = check(lambda: office_code(args.office))
    codes = [check(partial(tracking, text)) for text in args.complaint]
    try:
        check.raise_any()
        assert code is not None
        wanted = [c for c in codes if c is not None]

        async def _work(session: AsyncSession) -> dict[str, Any]:
            case = await discipline.open_case_from_complaints(
                session, settings, now, office_code=code, tracking_codes=wanted
            )
            return await case_json(session, case)

        done = _write(settings, now, {"office": "--office", "complaints": "--complaint"}, _work)
    except BadInput as bad:
        return fail(prog, bad)
    document = done.value
    lines = [
        f"case #{document['id']} opened on office {document['office_code']}: complaints "
        f"{', '.join(c['tracking_code'] for c in document['complaints'])} referred to the "
        "Primary Disciplinary Board; their complainants are told",
    ]
    lines += _mitigation_lines(document)
    _say(prog, lines)
    _settled(prog, done)
    return 0


def _mitigation_lines(document: dict[str, Any]) -> list[str]:
    return [
        f"mitigation: complaint {item['tracking_code']} was withdrawn on {item['withdrawn_at']}. "
        f"{item['note']}"
        for item in document["mitigation"]
    ]


def cmd_list_cases(args: argparse.Namespace) -> int:
    """`cases list`: every case, oldest first, with mitigation."""
    prog: str = args.prog
    settings = load_settings()

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await session.scalars(select(Case).order_by(Case.id))
        return [await case_json(session, case) for case in found]

    found = _read(settings, _list)
    if args.json:
        _dump(found)
        return 0
    if not found:
        _say(prog, ["no cases"])
        return 0
    for document in found:
        _print_case_line(document)
    print(f"{len(found)} case{'' if len(found) == 1 else 's'}", file=sys.stdout)
    return 0


def _print_case_line(document: dict[str, Any]) -> None:
    if document["source"] == "inspection":
        what = (
            f"inspection #{document['inspection_id']}: "
            f"{', '.join(document['findings'] or []) or 'none'}"
        )
    else:
        what = "complaints " + (
            ", ".join(
                c["tracking_code"] + (" (withdrawn)" if c["withdrawn_at"] else "")
                for c in document["complaints"]
            )
            or "-"
        )
    decision = f", decision #{document['decision_id']}" if document["decision_id"] else ""
    print(
        f"#{document['id']}  office {document['office_code']}  {document['status']}{decision}  "
        f"opened {document['opened_at']}  {what}",
        file=sys.stdout,
    )
    for line in _mitigation_lines(document):
        print(f"    {line}", file=sys.stdout)


def cmd_show_case(args: argparse.Namespace) -> int:
    """`cases show ID`: one case in full."""
    prog: str = args.prog
    settings = load_settings()
    try:
        case_id = number(args.id, "ID", "a case's number")
    except BadInput as bad:
        return fail(prog, bad)

    async def _show(session: AsyncSession) -> dict[str, Any] | None:
        case = await session.get(Case, case_id)
        if case is None:
            return None
        document = await case_json(session, case)
        decision = await discipline.decision_of_case(session, case.id)
        document["decision"] = (
            None if decision is None else await decision_json(session, decision, settings)
        )
        return document

    document = _read(settings, _show)
    if document is None:
        return fail(prog, BadInput(f"ID: no case #{case_id}"))
    if args.json:
        _dump(document)
        return 0
    _print_case_line(document)
    for complaint in document["complaints"]:
        print(
            f"  complaint {complaint['tracking_code']}: {complaint['status']}, "
            f"{', '.join(complaint['violations'])}, incident {complaint['incident_date']}"
            + (f", withdrawn {complaint['withdrawn_at']}" if complaint["withdrawn_at"] else ""),
            file=sys.stdout,
        )
    if document["decision"] is not None:
        for line in _decision_lines(document["decision"]):
            print(f"  {line}", file=sys.stdout)
    return 0


# ---- decisions ----


def _decision_lines(document: dict[str, Any]) -> list[str]:
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
        f"sanction: {_sanction_en(document['sanction'], document['months'])}",
    ]
    if document["status"] == "replaced" and document["standing"]:
        standing = document["standing"]
        lines.append(
            f"replaced on appeal by: {_sanction_en(standing['sanction'], standing['months'])}"
        )
    if document["crime_referral"]:
        lines.append("a crime was reported to the competent judicial authority (Article 26)")
    if document["override_reason"]:
        lines.append(f"Article 26 note 3 overridden: {document['override_reason']}")
    if document["served_at"]:
        lines.append(
            f"served on {document['served_on']} ({document['served_how']}), {document['served_at']}"
        )
    if document["status"] == "pending":
        if document["appeal_window_closes_at"]:
            lines.append(
                f"appealable (Article 24) until {document['appeal_window_closes_on']} (Tehran), "
                f"{document['appeal_window_closes_at']}: {document['appeal_window_days']} days "
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
        lines.append(f"final since {document['final_on']}, {document['final_at']}")
    for appeal in document["appeals"]:
        ruled = f", ruled {appeal['ruling']} {appeal['ruled_at']}" if appeal["ruling"] else ""
        lines.append(f"appeal #{appeal['id']} by {appeal['by']} {appeal['filed_at']}{ruled}")
    return lines


def cmd_record_decision(args: argparse.Namespace) -> int:
    """`decisions record`: the Board's ruling, the manager's notice, the complainants told."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    today = today_in(settings.zone, now)
    check = _Checks()
    case_id = check(lambda: number(args.case, "--case", "a case's number"))
    violations = check(lambda: clauses(args.violations, "--violations"))
    committed_on = check(lambda: jalali_date(args.committed_on, "--committed-on", today))
    sanction = check(lambda: degree(args.sanction, "--sanction"))
    months = check(lambda: months_of(args.months, sanction, "--months", "degree"))
    override = check(lambda: free_text(args.override, "--override", 2000, required=False))
    try:
        check.raise_any()
        assert case_id is not None and violations is not None and sanction is not None

        async def _work(session: AsyncSession) -> dict[str, Any]:
            recorded = await discipline.record_decision(
                session,
                settings,
                now,
                case_id=case_id,
                violations=violations,
                committed_on=committed_on,
                sanction=sanction,
                months=months,
                crime_referral=args.crime_referral,
                override_reason=override,
            )
            document = await decision_json(session, recorded.decision, settings)
            document["notice_id"] = recorded.notice.id
            document["deliveries"] = recorded.deliveries
            document["complainants_told"] = [
                {"tracking_code": c.tracking_code, "locale": c.locale} for c in recorded.told
            ]
            note = translator("en")(WITHDRAWAL_MITIGATES)
            document["mitigation"] = [
                {
                    "tracking_code": w.tracking_code,
                    "withdrawn_at": _moment(w.withdrawn_at),
                    "note": note,
                }
                for w in recorded.mitigation
            ]
            return document

        done = _write(
            settings,
            now,
            {
                "case": "--case",
                "violations": "--violations",
                "committed_on": "--committed-on",
                "sanction": "--sanction",
                "months": "--months",
                "override": "--override",
            },
            _work,
        )
    except BadInput as bad:
        return fail(prog, bad)
    document = done.value
    document["settled"] = done.settled
    if args.json:
        _dump(document)
    lines = _decision_lines(document)
    lines.append(_notice_line(document["notice_id"], document["deliveries"], document["id"]))
    for told in document["complainants_told"]:
        lines.append(
            f"complainant of {told['tracking_code']} told (in {told['locale']}): the clauses "
            "found, not the sanction"
        )
    lines += _mitigation_lines(document)
    _say(prog, lines)
    _settled(prog, done)
    return 0


def cmd_served(args: argparse.Namespace) -> int:
    """`decisions served ID --on DATE`: a service made another way starts the appeal window."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    today = today_in(settings.zone, now)
    check = _Checks()
    decision_id = check(lambda: number(args.id, "ID", "a decision's number"))
    on = check(lambda: jalali_date(args.on, "--on", today))
    try:
        check.raise_any()
        assert decision_id is not None

        async def _work(session: AsyncSession) -> dict[str, Any]:
            decision = await discipline.mark_served(
                session, settings, now, decision_id=decision_id, on=on
            )
            return await decision_json(session, decision, settings)

        done = _write(settings, now, {"decision": "ID", "on": "--on"}, _work)
    except BadInput as bad:
        return fail(prog, bad)
    document = done.value
    lines = [f"decision #{document['id']}: served on {format_jalali_numeric(on)} (recorded)"]
    if document["appeal_window_closes_at"]:
        lines.append(
            f"the appeal window closes on {document['appeal_window_closes_on']} (Tehran), "
            f"{document['appeal_window_closes_at']}"
        )
    _say(prog, lines)
    _settled(prog, done)
    return 0


def cmd_list_decisions(args: argparse.Namespace) -> int:
    """`decisions list`: every decision, oldest first."""
    prog: str = args.prog
    settings = load_settings()

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await session.scalars(select(Decision).order_by(Decision.id))
        return [await decision_json(session, decision, settings) for decision in found]

    found = _read(settings, _list)
    if args.json:
        _dump(found)
        return 0
    if not found:
        _say(prog, ["no decisions"])
        return 0
    for document in found:
        lines = _decision_lines(document)
        print(lines[0], file=sys.stdout)
        for line in lines[1:]:
            print(f"  {line}", file=sys.stdout)
    return 0


# ---- appeals ----


def cmd_file_appeal(args: argparse.Namespace) -> int:
    """`appeals file DECISION --by WHO --grounds TEXT`."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    check = _Checks()
    decision_id = check(lambda: number(args.decision, "DECISION", "a decision's number"))
    by = check(lambda: appellant(args.by))
    grounds = check(
        lambda: free_text(args.grounds, "--grounds", discipline.TEXT_MAX_CHARS, required=True)
    )
    try:
        check.raise_any()
        assert decision_id is not None and by is not None and grounds is not None

        async def _work(session: AsyncSession) -> tuple[int, int]:
            appeal = await discipline.file_appeal(
                session, settings, now, decision_id=decision_id, by=by, grounds=grounds
            )
            return appeal.id, appeal.decision_id

        done = _write(
            settings, now, {"decision": "DECISION", "by": "--by", "grounds": "--grounds"}, _work
        )
    except BadInput as bad:
        return fail(prog, bad)
    appeal_id, decided = done.value
    _say(
        prog,
        [
            f"appeal #{appeal_id} of decision #{decided} by {by} recorded; the decision waits "
            "for the Appeals Board's ruling (`daftar appeals rule "
            f"{appeal_id} --uphold | --replace N | --overturn`)"
        ],
    )
    _settled(prog, done)
    return 0


def appellant(text: str) -> str:
    """manager or center_head (Art. 24: the sanctioned person or the Head of the Center)."""
    who = text.strip().lower().replace("-", "_").replace(" ", "_")
    if who not in discipline.APPELLANTS:
        raise BadInput(f"--by: unknown appellant {text!r}; use center_head or manager")
    return who


def cmd_rule_appeal(args: argparse.Namespace) -> int:
    """`appeals rule APPEAL --uphold | --replace N [--months M] | --overturn`."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    check = _Checks()
    appeal_id = check(lambda: number(args.appeal, "APPEAL", "an appeal's number"))
    ruling = "replace" if args.replace is not None else "uphold" if args.uphold else "overturn"
    sanction = None
    if ruling == "replace":
        sanction = check(lambda: degree(args.replace, "--replace"))
        months = check(lambda: months_of(args.months, sanction, "--months", "--replace"))
    elif args.months is not None:
        check(lambda: _no_months(ruling))
        months = None
    else:
        months = None
    try:
        check.raise_any()
        assert appeal_id is not None

        async def _work(session: AsyncSession) -> dict[str, Any]:
            ruled = await discipline.rule_appeal(
                session,
                settings,
                now,
                appeal_id=appeal_id,
                ruling=ruling,
                sanction=sanction,
                months=months,
            )
            document = await decision_json(session, ruled.decision, settings)
            document["notice_id"] = ruled.notice.id
            document["deliveries"] = await _deliveries(session, ruled.notice.id)
            return document

        done = _write(
            settings,
            now,
            {"appeal": "APPEAL", "sanction": "--replace", "months": "--months"},
            _work,
        )
    except BadInput as bad:
        return fail(prog, bad)
    document = done.value
    outcome = {
        "uphold": "upheld: the sanction is final",
        "replace": "replaced: the new sanction is final",
        "overturn": "overturned: no sanction stands",
    }[ruling]
    lines = [f"appeal #{appeal_id}: decision #{document['id']} {outcome}"]
    lines += _decision_lines(document)[1:]
    lines.append(_notice_line(document["notice_id"], document["deliveries"]))
    _say(prog, lines)
    _settled(prog, done)
    return 0


def _no_months(ruling: str) -> None:
    raise BadInput(f"--months: only --replace 5 has a length; not --{ruling}")


# ---- notices ----


async def notice_json(session: AsyncSession, notice: Notice) -> dict[str, Any]:
    """A notice with its deliveries (outbox rows) and every attempt of each."""
    manager = await session.get(Manager, notice.manager_id)
    rows = await session.scalars(
        select(OutboxMessage).where(OutboxMessage.notice_id == notice.id).order_by(OutboxMessage.id)
    )
    deliveries = []
    for row in rows:
        deliveries.append(
            {
                "outbox_id": row.id,
                "platform": row.platform,
                "chat_id": row.chat_id,
                "status": row.status,
                "tries": row.attempts,
                "sent_at": _moment(row.sent_at),
                "platform_message_id": row.platform_message_id,
                "next_attempt_at": _moment(row.next_attempt_at),
                "last_error": row.last_error,
                "attempts": [
                    {
                        "at": _moment(attempt.at),
                        "outcome": attempt.outcome,
                        "detail": attempt.detail,
                        "platform_message_id": attempt.platform_message_id,
                    }
                    for attempt in await attempts_of(session, row.id)
                ],
            }
        )
    return {
        "id": notice.id,
        "kind": notice.kind,
        "subject_id": notice.subject_id,
        "office_code": notice.office_code,
        "manager_id": notice.manager_id,
        "manager_name": None if manager is None else manager.name,
        "created_at": _moment(notice.created_at),
        "acknowledged_at": _moment(notice.acknowledged_at),
        "acknowledged_via": notice.acknowledged_via,
        "reminders": notice.reminders,
        "content": notice.content,
        "deliveries": deliveries,
    }


def _matches(document: dict[str, Any], status: str | None) -> bool:
    if status is None:
        return True
    if status == "waiting":
        return not document["deliveries"]
    if status == "acknowledged":
        return document["acknowledged_at"] is not None
    if status == "unacknowledged":
        return document["acknowledged_at"] is None
    return any(d["status"] == status for d in document["deliveries"])


def notice_status(text: str) -> str:
    """A filter of `notices list --status`."""
    status = text.strip().lower()
    if status not in NOTICE_STATUSES:
        raise BadInput(
            f"--status: unknown status {text!r}; use one of {', '.join(NOTICE_STATUSES)}"
        )
    return status


def cmd_list_notices(args: argparse.Namespace) -> int:
    """`notices list`: the notices, oldest first, with deliveries and attempts."""
    prog: str = args.prog
    settings = load_settings()
    try:
        status = None if args.status is None else notice_status(args.status)
    except BadInput as bad:
        return fail(prog, bad)

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await session.scalars(select(Notice).order_by(Notice.id))
        documents = [await notice_json(session, notice) for notice in found]
        return [document for document in documents if _matches(document, status)]

    found = _read(settings, _list)
    if args.json:
        _dump(found)
        return 0
    if not found:
        _say(prog, ["no notices" + (f" ({status})" if status else "")])
        return 0
    for document in found:
        acknowledged = (
            f"acknowledged {document['acknowledged_at']} via {document['acknowledged_via']}"
            if document["acknowledged_at"]
            else "not acknowledged"
        )
        print(
            f"#{document['id']}  {document['kind']} #{document['subject_id']}  office "
            f"{document['office_code']}  manager #{document['manager_id']} "
            f"({document['manager_name']})  created {document['created_at']}  {acknowledged}",
            file=sys.stdout,
        )
        if not document["deliveries"]:
            print("    waiting: the manager has linked no chat", file=sys.stdout)
        for delivery in document["deliveries"]:
            sent = (
                f", sent {delivery['sent_at']}, message {delivery['platform_message_id']}"
                if delivery["sent_at"]
                else ""
            )
            print(
                f"    delivery #{delivery['outbox_id']} {delivery['platform']} chat "
                f"{delivery['chat_id']}: {delivery['status']}, {delivery['tries']} "
                f"attempt{'' if delivery['tries'] == 1 else 's'}{sent}",
                file=sys.stdout,
            )
            for attempt in delivery["attempts"]:
                extra = attempt["detail"] or (
                    f"message {attempt['platform_message_id']}"
                    if attempt["platform_message_id"]
                    else ""
                )
                print(f"        {attempt['at']}  {attempt['outcome']}  {extra}".rstrip())
    print(f"{len(found)} notice{'' if len(found) == 1 else 's'}", file=sys.stdout)
    return 0


def cmd_retry_notice(args: argparse.Namespace) -> int:
    """`notices retry ID`: failed or undeliverable deliveries back to pending (attempts kept)."""
    prog: str = args.prog
    settings = load_settings()
    try:
        notice_id = number(args.id, "ID", "a notice's number")
    except BadInput as bad:
        return fail(prog, bad)

    async def _retry(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
        async with sessions() as session, session.begin():
            notice = await session.get(Notice, notice_id)
            if notice is None:
                raise BadInput(f"ID: no notice #{notice_id}")
            rows = list(
                await session.scalars(
                    select(OutboxMessage)
                    .where(
                        OutboxMessage.notice_id == notice.id,
                        OutboxMessage.status.in_(RETRYABLE),
                    )
                    .order_by(OutboxMessage.id)
                )
            )
            if not rows:
                raise BadInput(
                    f"ID: notice #{notice.id} has no failed or undeliverable delivery; "
                    "nothing to retry"
                )
            for row in rows:
                row.status, row.next_attempt_at = OutboxStatus.PENDING, None
                row.claimed_until = None
                # A chat marked blocked would be refused again without a try: staff who retry
                # believe it may work now, and a refusal marks it again.
                await session.execute(
                    update(Identity)
                    .where(Identity.platform == row.platform, Identity.chat_id == row.chat_id)
                    .values(blocked_at=None)
                )
            return rows

    try:
        rows = asyncio.run(with_store(settings, _retry))
    except BadInput as bad:
        return fail(prog, bad)
    _say(
        prog,
        [
            f"notice #{notice_id}: delivery #{row.id} ({row.platform} chat {row.chat_id}) queued "
            f"again after {row.attempts} attempt{'' if row.attempts == 1 else 's'}"
            for row in rows
        ],
    )
    return 0
