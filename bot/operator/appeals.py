"""`daftar appeals`: appeals to the Appeals Board (Art. 24).

    daftar appeals file DECISION --by center_head|manager --grounds TEXT
    daftar appeals rule APPEAL (--uphold | --replace N [--months M] | --overturn)
                        [--sitting ID --ruling TEXT]

`file` records an appeal of a pending 5 or 6; `rule` records the Appeals Board's ruling and
tells the manager. With `--sitting` (and the ruling's text, `--ruling`) the ruling must be the
one that Appeals Board sitting carried, every member present (the service's reading of Art. 24,
which sets no session rule; the chat's way). Unlike `decisions record`, whose `--sitting` is
required, a ruling without a sitting is still taken here, for the automation that records a
ruling the Council gave on paper. The rules live in `bot.domain.appeals`; this module reads
what the operator typed and says what was done.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import load_settings
from bot.domain.appeals import APPELLANTS, file_appeal, rule_appeal
from bot.domain.refusals import TEXT_MAX_CHARS
from bot.operator.common import BadInput, Now, clock, fail, run_alone
from bot.operator.discipline_args import Checks, degree, free_text, months_of, number
from bot.operator.discipline_transactions import write
from bot.operator.discipline_views import (
    decision_json,
    decision_lines,
    notice_line,
    say,
    say_settled,
)
from bot.operator.parsers.appeals import register
from storage import notices as notice_store


def cmd_file_appeal(args: argparse.Namespace) -> int:
    """`appeals file DECISION --by WHO --grounds TEXT`."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    check = Checks()
    decision_id = check(lambda: number(args.decision, "DECISION", "a decision's number"))
    by = check(lambda: appellant(args.by))
    grounds = check(lambda: free_text(args.grounds, "--grounds", TEXT_MAX_CHARS, required=True))
    try:
        check.raise_any()
        assert decision_id is not None and by is not None and grounds is not None

        async def _work(session: AsyncSession) -> tuple[int, int]:
            appeal = await file_appeal(
                session, settings, now, decision_id=decision_id, by=by, grounds=grounds
            )
            return appeal.id, appeal.decision_id

        done = write(
            settings, now, {"decision": "DECISION", "by": "--by", "grounds": "--grounds"}, _work
        )
    except BadInput as bad:
        return fail(prog, bad)
    appeal_id, decided = done.value
    say(
        prog,
        [
            f"appeal #{appeal_id} of decision #{decided} by {by} recorded; the decision waits "
            "for the Appeals Board's ruling (`daftar appeals rule "
            f"{appeal_id} --uphold | --replace N | --overturn`)"
        ],
    )
    say_settled(prog, done)
    return 0


def appellant(text: str) -> str:
    """manager or center_head (Art. 24: the sanctioned person or the Head of the Center)."""
    who = text.strip().lower().replace("-", "_").replace(" ", "_")
    if who not in APPELLANTS:
        raise BadInput(f"--by: unknown appellant {text!r}; use center_head or manager")
    return who


def cmd_rule_appeal(args: argparse.Namespace) -> int:
    """`appeals rule APPEAL --uphold | --replace N [--months M] | --overturn`."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    check = Checks()
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
    sitting_id = (
        check(lambda: number(args.sitting, "--sitting", "a sitting's number"))
        if args.sitting is not None
        else None
    )
    text = check(
        lambda: free_text(args.ruling, "--ruling", TEXT_MAX_CHARS, required=sitting_id is not None)
    )
    if text is not None and args.sitting is None:
        check(lambda: _ruling_needs_sitting())
    try:
        check.raise_any()
        assert appeal_id is not None

        async def _work(session: AsyncSession) -> dict[str, Any]:
            ruled = await rule_appeal(
                session,
                settings,
                now,
                appeal_id=appeal_id,
                ruling=ruling,
                sanction=sanction,
                months=months,
                sitting_id=sitting_id,
                ruling_text=text,
            )
            document = await decision_json(session, ruled.decision, settings)
            document["notice_id"] = ruled.notice.id
            document["deliveries"] = len(await notice_store.deliveries_of(session, ruled.notice.id))
            return document

        done = write(
            settings,
            now,
            {
                "appeal": "APPEAL",
                "sanction": "--replace",
                "months": "--months",
                "sitting": "--sitting",
                "ruling_text": "--ruling",
            },
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
    lines += decision_lines(document, settings.zone)[1:]
    lines.append(notice_line(document["notice_id"], document["deliveries"]))
    say(prog, lines)
    say_settled(prog, done)
    return 0


def _ruling_needs_sitting() -> None:
    raise BadInput("--ruling: goes with --sitting, the sitting that carried it")


def _no_months(ruling: str) -> None:
    raise BadInput(f"--months: only --replace 5 has a length; not --{ruling}")


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar appeals` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)
