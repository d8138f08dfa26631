"""`daftar offices replace-manager | manager-since | managers`: the office's managers (Art. 19).

    daftar offices replace-manager CODE --reason withdrawal|death|other --name NAME
                                   --national-id N --mobile 09… [--on DATE] [--note TEXT]
    daftar offices manager-since CODE DATE
    daftar offices managers CODE [--json]

`replace-manager` is the Directorate's act (Art. 19: "on the office manager's withdrawal or death,
the Directorate can replace him"): the current manager's period ends the day before *DATE*
(default today, in the configured zone), the new person's starts on it; the reason is recorded
(`withdrawal` and `death` are Art. 19's; `other` is a ground the directive does not name, the
Directorate's act under other rules), with the note; the old manager's chats are unlinked, so their
notices stop (they keep their history, and their decisions follow them as a person, by national
code). A registry import never does this.

`manager-since` records, from the Directorate's records, the day the office's first manager on
record started managing it (they may since have been replaced): without it a violation before
the office's first import has no manager on record and a decision on it is refused.

`managers` prints the office's managers over time: the person, their national ID masked but its
last 4 digits, mobile, first and last day, and why the period ended.

Bad input is reported naming its option, nothing is written, exit status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings, load_settings
from bot.domain import office_managers
from bot.domain.office_managers import EndReason, ManagerRefused, Period
from bot.domain.standing import period_start
from bot.operator.common import BadInput, clock, counted, fail, with_store
from bot.operator.discipline_args import Checks, free_text, jalali_date, office_code
from bot.text.i18n import translator
from bot.text.jalali import format_jalali_numeric, format_stored_date, today_in
from bot.text.persian import (
    InputError,
    normalize,
    normalize_mobile,
    normalize_national_id,
    to_ascii_digits,
)

PROG = "daftar offices"
_T = TypeVar("_T")


# ---- what the operator typed ----


def reason_of(text: str) -> EndReason:
    """--reason as typed."""
    try:
        return EndReason(text.strip().lower())
    except ValueError:
        raise BadInput(
            f"--reason: use withdrawal or death (Art. 19), or other (got {text!r})"
        ) from None


def national_id_of(text: str) -> str:
    """--national-id as typed (any digits), or BadInput with the reason."""
    try:
        return normalize_national_id(text)
    except InputError as error:
        reason = translator("en")(error.message, **error.params)
        raise BadInput(f"--national-id: {reason} (got {text!r})") from None


def mobile_of(text: str) -> str:
    """--mobile as typed (any digits), kept as 09XXXXXXXXX."""
    try:
        return normalize_mobile(text)
    except InputError:
        raise BadInput(
            f"--mobile: not an Iranian mobile number like 09121234567 (got {text!r})"
        ) from None


def name_of(text: str) -> str:
    name = normalize(text)
    if not name:
        raise BadInput("--name: the new manager's name is required")
    if len(name) > 200:
        raise BadInput("--name: at most 200 characters")
    return name


def masked(national_id: str | None) -> str:
    """A national ID shown with only its last 4 digits ("******1234"); "-" when unknown."""
    if national_id is None:
        return "-"
    return "*" * (len(national_id) - 4) + national_id[-4:]


def _run(settings: Settings, work: Callable[[AsyncSession], Awaitable[_T]], *, write: bool) -> _T:
    """Run *work* in one transaction (or a read-only session); a refusal is BadInput."""

    async def _go(sessions: async_sessionmaker[AsyncSession]) -> _T:
        try:
            async with sessions() as session:
                if not write:
                    return await work(session)
                async with session.begin():
                    return await work(session)
        except ManagerRefused as refused:
            raise BadInput(f"{refused.field}: {refused.message}") from None

    return asyncio.run(with_store(settings, _go))


# ---- the commands ----


def cmd_replace(args: argparse.Namespace) -> int:
    """`offices replace-manager CODE …`: the Directorate's act of Art. 19."""
    settings = load_settings()
    now = clock(args)()
    today = today_in(settings.zone, now)
    checks = Checks()
    code = checks(lambda: office_code(args.code, "CODE"))
    reason = checks(lambda: reason_of(args.reason))
    name = checks(lambda: name_of(args.name))
    national_id = checks(lambda: national_id_of(args.national_id))
    mobile = checks(lambda: mobile_of(args.mobile))
    on = checks(lambda: None if args.on is None else jalali_date(args.on, "--on", today))
    note = checks(
        lambda: free_text(args.note, "--note", office_managers.NOTE_MAX_CHARS, required=False)
    )
    try:
        checks.raise_any()
    except BadInput as bad:
        return fail(PROG, bad)
    assert code and reason and name and national_id and mobile

    async def _replace(session: AsyncSession) -> office_managers.Replaced:
        return await office_managers.replace_manager(
            session,
            settings,
            now,
            office_code=code,
            reason=reason,
            name=name,
            national_id=national_id,
            mobile=mobile,
            on=on,
            note=note,
        )

    try:
        done = _run(settings, _replace, write=True)
    except BadInput as bad:
        return fail(PROG, bad)
    first = period_start(done.new, settings.zone)
    if done.old is not None:
        print(
            f"{PROG}: office {done.office.code}: manager #{done.old.id} ({done.old.name}) "
            f"managed until the day before {format_jalali_numeric(first)} ({reason.value}); "
            f"{counted(done.revoked, 'linked chat')} unlinked: their notices stop",
            file=sys.stderr,
        )
    if reason is EndReason.OTHER:
        print(
            f"{PROG}: reason other: Art. 19 names only withdrawal and death; this replacement is "
            "the Directorate's act under other rules, recorded with its note",
            file=sys.stderr,
        )
    print(
        f"{PROG}: office {done.office.code}: manager #{done.new.id} ({done.new.name}) from "
        f"{format_jalali_numeric(first)}; invite them with `daftar offices invite "
        f"{done.office.code}`",
        file=sys.stderr,
    )
    return 0


def cmd_since(args: argparse.Namespace) -> int:
    """`offices manager-since CODE DATE`: the first manager's first day, per the Directorate."""
    settings = load_settings()
    now = clock(args)()
    today = today_in(settings.zone, now)
    checks = Checks()
    code = checks(lambda: office_code(args.code, "CODE"))
    since = checks(lambda: jalali_date(args.date, "DATE", today))
    try:
        checks.raise_any()
    except BadInput as bad:
        return fail(PROG, bad)
    assert code and since

    async def _since(session: AsyncSession) -> str:
        manager = await office_managers.record_since(
            session, settings, now, office_code=code, since=since
        )
        return f"manager #{manager.id} ({manager.name})"

    try:
        who = _run(settings, _since, write=True)
    except BadInput as bad:
        return fail(PROG, bad)
    print(
        f"{PROG}: office {code}: {who} managed it from {format_jalali_numeric(since)}, per the "
        "Directorate's records",
        file=sys.stderr,
    )
    return 0


def period_json(period: Period) -> dict[str, object]:
    """One period as `managers --json` prints it."""
    manager = period.manager
    return {
        "manager_id": manager.id,
        "name": manager.name,
        "national_id": masked(manager.national_id),
        "mobile": to_ascii_digits(manager.mobile),
        "from": format_stored_date(period.start),
        "to": None if period.until is None else format_stored_date(period.until),
        "reason": period.reason,
        "note": manager.end_note,
    }


def _reason_text(reason: object) -> str:
    """Why a period ended, as the table shows it: `other` is not a ground of Art. 19."""
    if reason is None:
        return "-"
    return "other (not Art. 19)" if reason == EndReason.OTHER else str(reason)


def cmd_managers(args: argparse.Namespace) -> int:
    """`offices managers CODE`: the office's managers over time."""
    settings = load_settings()
    try:
        code = office_code(args.code, "CODE")
    except BadInput as bad:
        return fail(PROG, bad)

    async def _history(session: AsyncSession) -> list[Period]:
        return await office_managers.history(session, code, settings)

    try:
        periods = _run(settings, _history, write=False)
    except BadInput as bad:
        return fail(PROG, bad)
    documents = [period_json(period) for period in periods]
    if args.json:
        json.dump(documents, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    header = ("#", "national ID", "mobile", "from", "to", "reason", "name")
    rows = [
        (
            str(d["manager_id"]),
            str(d["national_id"]),
            str(d["mobile"]),
            str(d["from"]),
            "now" if d["to"] is None else str(d["to"]),
            _reason_text(d["reason"]),
            str(d["name"]),
        )
        for d in documents
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=sys.stdout)
    print(f"{counted(len(rows), 'manager')} of office {code}", file=sys.stdout)
    return 0
