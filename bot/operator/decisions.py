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
from bot.operator.common import BadInput, Now, clock, fail, run_alone, zone_label
from bot.operator.discipline_args import (
    Checks,
    clauses,
    degree,
    free_text,
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
from bot.operator.parsers.decisions import register
from bot.rules.violations import WITHDRAWAL_MITIGATES
from bot.text.i18n import translator
from bot.text.jalali import format_jalali_numeric, today_in
from storage import decisions as decision_store
from storage.statuses import AuditOutcome


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
