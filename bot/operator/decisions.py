"""`daftar decisions`: the Primary Board's decisions (Arts. 23, 24, 26).

    daftar decisions record --case ID --sitting ID --violations 25.12[,…]
                            --committed-on YYYY/MM/DD --sanction N [--months M] --ruling TEXT
                            [--staff NAME --post POST] [--mitigation TEXT]
                            [--crime-authority A --crime-on DATE --crime-reference R]
                            [--warned-on YYYY/MM/DD] [--json]
    daftar decisions served ID --on YYYY/MM/DD
    daftar decisions list [--json]
    daftar decisions file [--office CODE] [--format csv|json]
    daftar decisions publications [--json]

`record` records the Board's ruling, for automation, from a sitting held in chat: it names the
sitting (`--sitting`), which must have sat on the case with every member present and carried
these violations and this sanction by a majority (Art. 22 note 2); it refuses without one, so the
command line is no way around the Board. Art. 26 note 3 refuses a manager's sanction not above
the previous final ruling, with no override; `--staff NAME --post POST` charges a member of the
office's staff instead (Art. 25; no floor). A withdrawn complaint's case needs `--mitigation`
(Art. 26 note 2); a crime reported (Art. 26) is its authority, date and reference.
A degree 1 names the day the verbal warning was given (`--warned-on`).
`served` records a service made another way (the appeal window starts then). `file` and
`publications` are in `bot.operator.disciplinary_records`. The rules live in
`bot.domain.decisions`; this module reads what the operator typed and says what was done.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import load_settings
from bot.domain.decisions import CrimeReferral, mark_served, record_decision
from bot.domain.offenders import MANAGER_CHARGED, STAFF, STAFF_POSTS, Offender
from bot.domain.staff import OPERATOR, audit
from bot.domain.staff_actions import SubjectRef
from bot.operator import disciplinary_records
from bot.operator.common import BadInput, Now, clock, fail, run_alone, zone_label
from bot.operator.discipline_args import (
    Checks,
    clauses,
    degree,
    free_text,
    group,
    jalali_date,
    months_of,
    number,
)
from bot.operator.discipline_transactions import read, write
from bot.operator.discipline_views import (
    decision_json,
    decision_lines,
    dump,
    iso_utc,
    mitigation_lines,
    notice_line,
    say,
    say_settled,
)
from bot.rules.violations import WITHDRAWAL_MITIGATES
from bot.text.i18n import translator
from bot.text.jalali import format_jalali_numeric, today_in
from storage import decisions as decision_store
from storage.statuses import AuditOutcome


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `decisions` (record, served, list) to `daftar`."""
    actions = group(subparsers, "decisions", "the Primary Board's decisions (Arts. 23, 24, 26)")
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
        "--sitting", required=True, metavar="ID", help="the sitting that ruled (Article 22)"
    )
    record.add_argument("--ruling", required=True, metavar="TEXT", help="the chair's ruling")
    record.add_argument("--staff", metavar="NAME", help="charge this member of the staff")
    record.add_argument("--post", metavar="POST", help="legal_expert, it_expert or clerk")
    record.add_argument("--mitigation", metavar="TEXT", help="Article 26 note 2, as applied")
    record.add_argument("--crime-authority", metavar="A", help="the authority (Article 26)")
    record.add_argument("--crime-on", metavar="DATE", help="when it was reported (Jalali)")
    record.add_argument("--crime-reference", metavar="R", help="the report's reference")
    record.add_argument(
        "--warned-on",
        metavar="DATE",
        help="degree 1: the day the Board gave the verbal warning in person (Jalali)",
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
    disciplinary_records.add_to(actions)


def cmd_record_decision(args: argparse.Namespace) -> int:
    """`decisions record`: the Board's ruling, the manager's notice, the complainants told."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    today = today_in(settings.zone, now)
    check = Checks()
    case_id = check(lambda: number(args.case, "--case", "a case's number"))
    violations = check(lambda: clauses(args.violations, "--violations"))
    committed_on = check(lambda: jalali_date(args.committed_on, "--committed-on", today))
    sanction = check(lambda: degree(args.sanction, "--sanction"))
    months = check(lambda: months_of(args.months, sanction, "--months", "degree"))
    sitting_id = check(lambda: number(args.sitting, "--sitting", "a sitting's number"))
    ruling = check(lambda: free_text(args.ruling, "--ruling", 3000, required=True))
    mitigation = check(lambda: free_text(args.mitigation, "--mitigation", 3000, required=False))
    offender = check(lambda: _offender(args))
    crime = check(lambda: _crime(args, today))
    warned_on = (
        check(lambda: jalali_date(args.warned_on, "--warned-on", today))
        if args.warned_on is not None
        else None
    )
    try:
        check.raise_any()
        assert case_id is not None and violations is not None and sanction is not None
        assert sitting_id is not None and ruling is not None and offender is not None

        async def _work(session: AsyncSession) -> dict[str, Any]:
            recorded = await record_decision(
                session,
                settings,
                now,
                case_id=case_id,
                violations=violations,
                committed_on=committed_on,
                sanction=sanction,
                months=months,
                sitting_id=sitting_id,
                ruling_text=ruling,
                offender=offender,
                mitigation=mitigation,
                crime=crime,
                warned_on=warned_on,
            )
            # The command line's ruling is in the audit log beside the chair's (as the operator).
            await audit(
                session,
                OPERATOR,
                "board.decide",
                now,
                outcome=AuditOutcome.ALLOWED,
                subject=SubjectRef("case", str(case_id)),
                detail=f"command line; sitting #{sitting_id}; decision #{recorded.decision.id}",
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
                    "withdrawn_at": iso_utc(w.withdrawn_at),
                    "note": note,
                }
                for w in recorded.mitigation
            ]
            return document

        done = write(
            settings,
            now,
            {
                "case": "--case",
                "violations": "--violations",
                "committed_on": "--committed-on",
                "sanction": "--sanction",
                "months": "--months",
                "sitting": "--sitting",
                "ruling": "--ruling",
                "offender": "--staff",
                "offender_name": "--staff",
                "offender_post": "--post",
                "mitigation": "--mitigation",
                "crime_authority": "--crime-authority",
                "crime_referred_on": "--crime-on",
                "crime_reference": "--crime-reference",
                "warned_on": "--warned-on",
            },
            _work,
        )
    except BadInput as bad:
        return fail(prog, bad)
    document = done.value
    document["settled"] = done.settled
    if args.json:
        dump(document)
    lines = decision_lines(document, settings.zone)
    lines.append(notice_line(document["notice_id"], document["deliveries"], document["id"]))
    for told in document["complainants_told"]:
        lines.append(
            f"complainant of {told['tracking_code']} told (in {told['locale']}): the clauses "
            "found, not the sanction"
        )
    lines += mitigation_lines(document, settings.zone)
    say(prog, lines)
    say_settled(prog, done)
    return 0


def _offender(args: argparse.Namespace) -> Offender:
    """The manager, or `--staff NAME --post POST` (Art. 25: the office's staff)."""
    if args.staff is None and args.post is None:
        return MANAGER_CHARGED
    if args.staff is None:
        raise BadInput("--post: goes with --staff NAME")
    if args.post not in STAFF_POSTS:
        raise BadInput(f"--post: one of {', '.join(STAFF_POSTS)}")
    return Offender(STAFF, args.staff, args.post)


def _crime(args: argparse.Namespace, today: jdatetime.date) -> CrimeReferral | None:
    """Art. 26: a crime reported is its authority, date and reference, all three, or none."""
    given = [args.crime_authority, args.crime_on, args.crime_reference]
    if all(value is None for value in given):
        return None
    if any(value is None for value in given):
        raise BadInput(
            "--crime-authority: a crime reported (Article 26) is recorded with its authority, "
            "--crime-on DATE and --crime-reference, all three"
        )
    on = jalali_date(args.crime_on, "--crime-on", today)
    return CrimeReferral(args.crime_authority, on, args.crime_reference)


def cmd_served(args: argparse.Namespace) -> int:
    """`decisions served ID --on DATE`: a service made another way starts the appeal window."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    today = today_in(settings.zone, now)
    check = Checks()
    decision_id = check(lambda: number(args.id, "ID", "a decision's number"))
    on = check(lambda: jalali_date(args.on, "--on", today))
    try:
        check.raise_any()
        assert decision_id is not None

        async def _work(session: AsyncSession) -> dict[str, Any]:
            decision = await mark_served(session, settings, now, decision_id=decision_id, on=on)
            return await decision_json(session, decision, settings)

        done = write(settings, now, {"decision": "ID", "on": "--on"}, _work)
    except BadInput as bad:
        return fail(prog, bad)
    document = done.value
    lines = [f"decision #{document['id']}: served on {format_jalali_numeric(on)} (recorded)"]
    if document["appeal_window_closes_at"]:
        lines.append(
            f"the appeal window closes on {document['appeal_window_closes_on']} "
            f"({zone_label(settings.zone)})"
        )
    say(prog, lines)
    say_settled(prog, done)
    return 0


def cmd_list_decisions(args: argparse.Namespace) -> int:
    """`decisions list`: every decision, oldest first."""
    prog: str = args.prog
    settings = load_settings()

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await decision_store.listing(session)
        return [await decision_json(session, decision, settings) for decision in found]

    found = read(settings, _list)
    if args.json:
        dump(found)
        return 0
    if not found:
        say(prog, ["no decisions"])
        return 0
    for document in found:
        lines = decision_lines(document, settings.zone)
        print(lines[0], file=sys.stdout)
        for line in lines[1:]:
            print(f"  {line}", file=sys.stdout)
    return 0


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar decisions` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)
