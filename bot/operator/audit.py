"""`daftar audit`: the staff's audit log, read-only.

    daftar audit list [--member ID] [--since YYYY/MM/DD] [--json]

Every staff action is in it, allowed or refused: who (the member, or "-" for someone who is no
member, and the role it was done as), what (the action), on what (the subject), when (a Jalali
date and time, Tehran), from which chat, and for a refusal why. Oldest first; `--since` is a
Jalali day (any digits), from its first moment in Tehran. With `--json`, a JSON array of
`{id, at, at_jalali, member_id, role, action, subject_kind, subject_id, outcome, reason, detail,
platform, chat_id, user_id, button}`. Nothing here, nor anywhere, changes an entry.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings, load_settings
from bot.operator.common import BadInput, Now, clock, fail, run_alone
from bot.operator.discipline_args import jalali_date, number
from bot.operator.discipline_transactions import read
from bot.operator.discipline_views import dump, iso_utc, jalali_text, table
from bot.operator.parsers.audit import register
from bot.text.jalali import day_start, today_in
from storage import staff as store
from storage.models import AuditEntry

PROG = "daftar audit"


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar audit …` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)


def entry_json(entry: AuditEntry, settings: Settings) -> dict[str, Any]:
    """One entry as `--json` prints it."""
    return {
        "id": entry.id,
        "at": iso_utc(entry.at),
        "at_jalali": jalali_text(entry.at, settings, with_time=True),
        "member_id": entry.member_id,
        "role": str(entry.role) if entry.role else None,
        "action": entry.action,
        "subject_kind": entry.subject_kind,
        "subject_id": entry.subject_id,
        "outcome": str(entry.outcome),
        "reason": entry.reason,
        "detail": entry.detail,
        "platform": entry.platform,
        "chat_id": entry.chat_id,
        "user_id": entry.user_id,
        "button": entry.button,
    }


def cmd_list(args: argparse.Namespace) -> int:
    """`audit list`: the entries, oldest first."""
    settings = load_settings()
    now = clock(args)()
    try:
        member_id = number(args.member, "--member", "member") if args.member else None
        since: datetime | None = None
        if args.since:
            since = day_start(
                jalali_date(args.since, "--since", today_in(settings.zone, now)), settings.zone
            )
    except BadInput as bad:
        return fail(PROG, bad)

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await store.audit_entries(session, member_id=member_id, since=since)
        return [entry_json(entry, settings) for entry in found]

    documents = read(settings, _list)
    if args.json:
        dump(documents)
        return 0
    rows = [
        [
            d["at_jalali"],
            f"#{d['member_id']}" if d["member_id"] else "-",
            d["role"] or "-",
            d["action"],
            f"{d['subject_kind']}:{d['subject_id']}" if d["subject_kind"] else "-",
            d["outcome"] if not d["reason"] else f"{d['outcome']} ({d['reason']})",
            f"{d['platform']}:{d['chat_id']}" if d["chat_id"] is not None else d["platform"],
        ]
        for d in documents
    ]
    table(["at (Tehran)", "member", "role", "action", "subject", "outcome", "from"], rows)
    print(f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'}")
    return 0
