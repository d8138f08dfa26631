"""`daftar cases`: cases before the Primary Disciplinary Board (Art. 22).

    daftar cases open --office CODE --complaint TRACKING [TRACKING…]
    daftar cases list [--json]
    daftar cases show ID [--json]

`open` opens a case on complaints against one office; each complaint is referred to the Primary
Board (its timeline, and its complainant told). `list` and `show` show the cases, with each
withdrawn complaint shown as mitigation (Art. 26 note 2). The rules live in `bot.domain.cases`;
this module reads what the operator typed and says what was done.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import load_settings
from bot.domain.cases import decision_of_case, open_case_from_complaints
from bot.operator.common import BadInput, Now, clock, fail, moment_text, run_alone
from bot.operator.discipline_args import Checks, number, office_code, tracking
from bot.operator.discipline_transactions import read, write
from bot.operator.discipline_views import (
    case_json,
    decision_json,
    decision_lines,
    dump,
    mitigation_lines,
    say,
    say_settled,
)
from bot.operator.parsers.cases import register
from storage import cases as case_store


def cmd_open_case(args: argparse.Namespace) -> int:
    """`cases open --office CODE --complaint TRACKING…`."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    check = Checks()
    code = check(lambda: office_code(args.office))
    codes = [check(partial(tracking, text)) for text in args.complaint]
    try:
        check.raise_any()
        assert code is not None
        wanted = [c for c in codes if c is not None]

        async def _work(session: AsyncSession) -> dict[str, Any]:
            case = await open_case_from_complaints(
                session, settings, now, office_code=code, tracking_codes=wanted
            )
            return await case_json(session, case)

        done = write(settings, now, {"office": "--office", "complaints": "--complaint"}, _work)
    except BadInput as bad:
        return fail(prog, bad)
    document = done.value
    lines = [
        f"case #{document['id']} opened on office {document['office_code']}: complaints "
        f"{', '.join(c['tracking_code'] for c in document['complaints'])} referred to the "
        "Primary Disciplinary Board; their complainants are told",
    ]
    lines += mitigation_lines(document, settings.zone)
    say(prog, lines)
    say_settled(prog, done)
    return 0


def cmd_list_cases(args: argparse.Namespace) -> int:
    """`cases list`: every case, oldest first, with mitigation."""
    prog: str = args.prog
    settings = load_settings()

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await case_store.listing(session)
        return [await case_json(session, case) for case in found]

    found = read(settings, _list)
    if args.json:
        dump(found)
        return 0
    if not found:
        say(prog, ["no cases"])
        return 0
    for document in found:
        _print_case_line(document, settings.zone)
    print(f"{len(found)} case{'' if len(found) == 1 else 's'}", file=sys.stdout)
    return 0


def _print_case_line(document: dict[str, Any], zone: ZoneInfo) -> None:
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
        f"opened {moment_text(document['opened_at'], zone)}  {what}",
        file=sys.stdout,
    )
    for line in mitigation_lines(document, zone):
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
        case = await case_store.by_id(session, case_id)
        if case is None:
            return None
        document = await case_json(session, case)
        decision = await decision_of_case(session, case.id)
        document["decision"] = (
            None if decision is None else await decision_json(session, decision, settings)
        )
        return document

    document = read(settings, _show)
    if document is None:
        return fail(prog, BadInput(f"ID: no case #{case_id}"))
    if args.json:
        dump(document)
        return 0
    _print_case_line(document, settings.zone)
    for complaint in document["complaints"]:
        print(
            f"  complaint {complaint['tracking_code']}: {complaint['status']}, "
            f"{', '.join(complaint['violations'])}, incident {complaint['incident_date']}"
            + (
                f", withdrawn {moment_text(complaint['withdrawn_at'], settings.zone)}"
                if complaint["withdrawn_at"]
                else ""
            ),
            file=sys.stdout,
        )
    if document["decision"] is not None:
        for line in decision_lines(document["decision"], settings.zone):
            print(f"  {line}", file=sys.stdout)
    return 0


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar cases` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)
