"""`daftar offices`: the office registry from the command line.

    daftar offices import FILE.csv
    daftar offices list [--province P] [--json]
    daftar offices invite CODE [--json]
    daftar offices unlink CODE
    daftar offices replace-manager CODE --reason withdrawal|death|other --name NAME
                                   --national-id N --mobile 09… [--on DATE] [--note TEXT]
    daftar offices manager-since CODE DATE
    daftar offices managers CODE [--json]

`import` reads a UTF-8 CSV file (a leading BOM is fine; `-` reads standard input) with the
header `code,name,province,city,address,phone,manager_name,manager_mobile,status` and an
optional `suspended_until` (a Jalali date) and `manager_national_id` (see
`bot/domain/offices_csv.py` for every column's rules), and upserts its offices by code in one
transaction. The import never replaces a manager (Art. 19: the Directorate does, with
`replace-manager`): the same person's new mobile is taken; a line naming another person (another
national ID, or where none is on record another name) leaves the office's manager as it is and
is reported, and the rest of the file is imported. A file is imported whole or not at
all: when
any line is bad, every problem is printed on standard error as `line N, column C: reason`, nothing
is written and the exit status is 2. An office whose status a decision set keeps that status; the
import reports each such conflict as a warning and still succeeds. A status move the office's
lifecycle refuses (storage/statuses.py: a revoked licence stays revoked, a closed office is not
suspended) stops the import with that reason, nothing written, exit status 2. A file of 200
offices or more shows its progress when standard error is a terminal.

`list` prints the registry (of one province: its key, or its Persian or English name) as a
table, or with `--json` as a JSON array of offices with every registry field (codes, phones and
dates in ASCII digits).

`invite` issues a one-time code for the office's current manager: 8 characters of an unambiguous
alphabet (upper-case letters and digits without 0, O, 1 and I), valid for `DAFTAR_INVITE_DAYS`
days; a newer code replaces the manager's earlier unused ones. The manager types it in "I manage
an office" or sends `/start CODE`, on any platform; where the platform supports it a deep link
starts the bot with it (Telegram, once the bot's username is known from getMe; no Bale link until
Bale's deep links are proven). It prints the code, its expiry (Jalali date and time in the
configured zone, DAFTAR_TIMEZONE) and the links, or with `--json` `{"code": …, "expires": ISO
UTC, "links": {platform: url}}`.

`replace-manager`, `manager-since` and `managers` are the Directorate's record of the office's
managers over time: see `bot/operator/office_managers.py`.

`unlink` revokes every chat linked to the office's managers (their history is kept) and expires
their unused invite codes; an office with neither is refused (exit 2).

Every command upgrades an embedded SQLite store's schema first; only `import` may create a store
that does not exist (and says so), the others refuse it (exit 2). `register(subparsers)` adds the
command to the `daftar` parser (bot/cli.py); `main(argv)` runs it on its own, for tests.
`load_sample_if_empty` loads the fictional sample registry into a store that has no offices.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import load_settings
from bot.data import bundled_provinces
from bot.domain import manager_links
from bot.domain.offices_csv import (
    COLUMNS,
    CsvProblem,
    OfficeRow,
    match_province,
    parse_offices_csv,
    sample_offices_text,
)
from bot.operator.common import (
    BadInput,
    Now,
    clock,
    counted,
    fail,
    moment_text,
    read_csv_file,
    run_alone,
    with_store,
    zone_label,
)
from bot.operator.parsers.offices import register
from bot.text.i18n import translator
from bot.text.jalali import format_stored_date, today_in
from bot.text.persian import match_key, to_ascii_digits
from storage import managers
from storage.models import InviteCode, Manager, Office
from storage.offices import (
    ImportResult,
    OfficeRecord,
    OtherManager,
    count_offices,
    offices,
    upsert_offices,
)

logger = logging.getLogger(__name__)

PROG = "daftar offices"
#: A file with at least this many offices shows its progress on a terminal.
PROGRESS_FROM_ROWS = 200
#: Offices written per statement batch (all in one transaction).
BATCH = 100
#: The fields of an office in `list --json`, in order.
JSON_FIELDS = (*COLUMNS, "suspended_until")


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar offices …` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)


# ---- import ----


def cmd_import(args: argparse.Namespace) -> int:
    """`offices import FILE`: upsert a registry, all or nothing; exit 2 on any bad line."""
    settings = load_settings()
    now = clock(args)()
    today = today_in(settings.zone, now)
    try:
        text = read_csv_file(args.file)
        rows = _parse(text, args.file, today)
    except BadInput as bad:
        return fail(PROG, bad)
    records = [office_record(row) for row in rows]
    progress = _Progress(len(records))
    try:
        # An import may start a store (with_store says so); every other command expects one.
        result = asyncio.run(
            with_store(settings, lambda s: _write(s, records, now, progress), create=True)
        )
    except BadInput as bad:  # a status move the office's lifecycle refuses: nothing imported
        progress.done()
        return fail(PROG, bad)
    progress.done()
    print(f"{PROG}: imported: {result.added} new, {result.updated} updated", file=sys.stderr)
    for code, wanted, decided in result.conflicts:
        print(
            f"{PROG}: warning: office {code}: the file says {wanted}, but a decision set its "
            f"status to {decided}; the decision's status stays",
            file=sys.stderr,
        )
    _report_managers(result)
    return 0


def _report_managers(result: ImportResult) -> None:
    """The import's lines about managers: new mobiles taken, other persons left unapplied."""
    if result.new_mobiles:
        print(
            f"{PROG}: mobile updated for {counted(len(result.new_mobiles), 'manager')} "
            f"(the same person): {', '.join(result.new_mobiles)}",
            file=sys.stderr,
        )
    for other in result.other_managers:
        print(
            f"{PROG}: warning: office {other.code}: the registry names a different manager "
            f"({other.named}) than the one on record ({other.manager_name}, manager "
            f"#{other.manager_id}), who stays; a manager is replaced only by the Directorate's "
            f"act under Art. 19: daftar offices replace-manager {other.code} --reason "
            "withdrawal|death|other --name NAME --national-id N --mobile 09…",
            file=sys.stderr,
        )
    if result.other_managers:
        print(
            f"{PROG}: {counted(len(result.other_managers), 'line')} naming a different manager "
            "not applied; their offices' other fields were imported",
            file=sys.stderr,
        )


def _parse(text: str, path: str, today: jdatetime.date) -> list[OfficeRow]:
    # Lines less the header: an estimate of the offices (a quoted field may hold a line break).
    lines = sum(1 for line in text.splitlines() if line.strip()) - 1
    on_terminal = lines >= PROGRESS_FROM_ROWS and sys.stderr.isatty()
    if on_terminal:
        sys.stderr.write(f"{PROG}: checking {lines} offices of {path}…")
        sys.stderr.flush()
    rows, problems = parse_offices_csv(text, bundled_provinces(), today)
    if on_terminal:
        sys.stderr.write(" done\n")
        sys.stderr.flush()
    if problems:
        bad_lines = len({problem.line for problem in problems})
        raise BadInput(
            *(describe_problem(problem) for problem in problems),
            f"{counted(len(problems), 'problem')} on {counted(bad_lines, 'line')} of {path}: "
            "nothing imported",
        )
    return rows


def describe_problem(problem: CsvProblem) -> str:
    """`line N, column C: reason`, the reason in English."""
    reason = translator("en")(problem.reason_msgid, **dict(problem.params))
    if problem.column is None:
        return f"line {problem.line}: {reason}"
    return f"line {problem.line}, column {problem.column}: {reason}"


def office_record(row: OfficeRow) -> OfficeRecord:
    """A parsed CSV row as the store keeps it."""
    return OfficeRecord(
        code=row.code,
        name=row.name,
        name_key=match_key(row.name),
        province=row.province,
        city=row.city,
        address=row.address,
        phone=row.phone,
        manager_name=row.manager_name,
        manager_mobile=row.manager_mobile,
        status=row.status.value,
        suspended_until=row.suspended_until,
        manager_national_id=row.manager_national_id,
    )


async def _write(
    sessions: async_sessionmaker[AsyncSession],
    records: Sequence[OfficeRecord],
    now: datetime,
    progress: _Progress,
) -> ImportResult:
    """Upsert *records* in one transaction, in batches that show progress."""
    added = updated = 0
    conflicts: list[tuple[str, str, str]] = []
    others: list[OtherManager] = []
    mobiles: list[str] = []
    async with sessions() as session, session.begin():
        for start in range(0, len(records), BATCH):
            batch = records[start : start + BATCH]
            result = await upsert_offices(session, batch, now)
            added += result.added
            updated += result.updated
            conflicts.extend(result.conflicts)
            others.extend(result.other_managers)
            mobiles.extend(result.new_mobiles)
            progress.show("writing", start + len(batch))
    return ImportResult(added, updated, tuple(conflicts), tuple(others), tuple(mobiles))


class _Progress:
    """Progress of a long file on standard error, only when it is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.on = total >= PROGRESS_FROM_ROWS and sys.stderr.isatty()

    def show(self, what: str, done: int) -> None:
        if self.on:
            sys.stderr.write(f"\r{PROG}: {what} {done}/{self.total} offices")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\n")
            sys.stderr.flush()


# ---- the sample ----


async def load_sample_if_empty(
    sessions: async_sessionmaker[AsyncSession], today: jdatetime.date, now: datetime
) -> int:
    """Load the fictional sample registry when the store has no offices; return how many."""
    rows, problems = parse_offices_csv(sample_offices_text(), bundled_provinces(), today)
    if problems:
        # A shipped file gone stale (a suspension date now past) must not stop the console.
        logger.warning(
            "the sample registry was not loaded: %s",
            "; ".join(describe_problem(problem) for problem in problems),
        )
        return 0
    async with sessions() as session, session.begin():
        if await count_offices(session) > 0:
            return 0
        result = await upsert_offices(session, [office_record(row) for row in rows], now)
    logger.info("loaded %s sample offices", result.added)
    return result.added


# ---- list ----


def province_key(text: str, option: str = "--province") -> str:
    """The key of the province *text* names, or BadInput naming *option*."""
    key = match_province(text, bundled_provinces())
    if key is None:
        raise BadInput(
            f"{option}: there is no province called {text!r} "
            "(use its key, like razavi_khorasan, or its Persian or English name)"
        )
    return key


def office_json(office: Office) -> dict[str, object]:
    """An office as `list --json` prints it."""
    return {
        "code": to_ascii_digits(office.code),
        "name": office.name,
        "province": office.province,
        "city": office.city,
        "address": office.address,
        "phone": to_ascii_digits(office.phone),
        "manager_name": office.manager_name,
        "manager_mobile": to_ascii_digits(office.manager_mobile),
        "status": office.status,
        "suspended_until": (
            None if office.suspended_until is None else format_stored_date(office.suspended_until)
        ),
    }


def cmd_list(args: argparse.Namespace) -> int:
    """`offices list`: the registry as a table or JSON."""
    settings = load_settings()
    try:
        province = None if args.province is None else province_key(args.province)
    except BadInput as bad:
        return fail(PROG, bad)

    async def _offices(sessions: async_sessionmaker[AsyncSession]) -> list[Office]:
        async with sessions() as session:
            return await offices(session, province)

    found = asyncio.run(with_store(settings, _offices))
    if args.json:
        json.dump(
            [office_json(office) for office in found], sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
        return 0
    if not found:
        where = f" in {province}" if province else ""
        print(f"{PROG}: no offices{where}", file=sys.stderr)
        return 0
    _print_table(found)
    return 0


def _status_text(office: Office) -> str:
    if office.status == "suspended" and office.suspended_until is not None:
        return f"suspended until {format_stored_date(office.suspended_until)}"
    return office.status


def _print_table(found: Sequence[Office]) -> None:
    header = ("code", "province", "city", "status", "name")
    rows = [
        (
            to_ascii_digits(office.code),
            office.province,
            to_ascii_digits(office.city),
            _status_text(office),
            to_ascii_digits(office.name),
        )
        for office in found
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=sys.stdout)
    print(f"{counted(len(rows), 'office')}", file=sys.stdout)


# ---- managers: invite and unlink ----


def typed_office_code(text: str) -> str:
    """An office code as the registry keeps it (ASCII digits, upper case), or BadInput."""
    code = to_ascii_digits(text).strip().upper()
    if not code:
        raise BadInput("CODE: the office's code is required")
    return code


def deep_links(accounts: dict[str, str], code: str) -> dict[str, str]:
    """The links that start the bot with *code*: Telegram's, when its username is known.

    Bale gets none until its deep links are proven to carry the parameter.
    """
    links = {}
    if accounts.get("telegram"):
        links["telegram"] = f"https://t.me/{accounts['telegram']}?start={code}"
    return links


def cmd_invite(args: argparse.Namespace) -> int:
    """`offices invite CODE`: a one-time code for the office's current manager."""
    settings = load_settings()
    now = clock(args)()
    try:
        code = typed_office_code(args.code)
    except BadInput as bad:
        return fail(PROG, bad)
    expires = now + timedelta(days=settings.invite_days)

    async def _invite(
        sessions: async_sessionmaker[AsyncSession],
    ) -> tuple[Office, Manager, InviteCode, dict[str, str], int]:
        async with sessions() as session, session.begin():
            try:
                invited = await manager_links.invite(session, code, now, expires)
            except manager_links.LinkRefused as refused:
                raise BadInput(f"CODE: {refused}") from None
            links = deep_links(await managers.bot_accounts(session), invited.invite.code)
            return invited.office, invited.manager, invited.invite, links, invited.replaced

    try:
        office, manager, invite, links, replaced = asyncio.run(with_store(settings, _invite))
    except BadInput as bad:
        return fail(PROG, bad)
    if args.json:
        expires_iso = invite.expires_at.astimezone(UTC).isoformat()
        json.dump(
            {"code": invite.code, "expires": expires_iso, "links": links},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        print(f"code: {invite.code}", file=sys.stdout)
        print(
            f"expires: {moment_text(invite.expires_at, settings.zone)} "
            f"({zone_label(settings.zone)})",
            file=sys.stdout,
        )
        for platform, url in links.items():
            print(f"{platform}: {url}", file=sys.stdout)
    lines = [
        f"invite code for manager #{manager.id} ({manager.name}) of office {office.code}: "
        f'they type it in "I manage an office" or send /start {invite.code}, on any platform',
    ]
    if "telegram" not in links:
        lines.append("no Telegram link: the bot's username is not known yet (run the bot once)")
    if replaced:
        lines.append(f"{replaced} earlier unused code{'' if replaced == 1 else 's'} expired")
    for line in lines:
        print(f"{PROG}: {line}", file=sys.stderr)
    return 0


def cmd_unlink(args: argparse.Namespace) -> int:
    """`offices unlink CODE`: revoke the chats linked to the office's managers."""
    settings = load_settings()
    now = clock(args)()
    try:
        code = typed_office_code(args.code)
    except BadInput as bad:
        return fail(PROG, bad)

    async def _unlink(sessions: async_sessionmaker[AsyncSession]) -> tuple[int, int]:
        async with sessions() as session, session.begin():
            try:
                unlinked = await manager_links.unlink(session, code, now)
            except manager_links.LinkRefused as refused:
                raise BadInput(f"CODE: {refused}") from None
            return unlinked.chats, unlinked.invites

    try:
        revoked, codes = asyncio.run(with_store(settings, _unlink))
    except BadInput as bad:
        return fail(PROG, bad)
    print(
        f"{PROG}: office {code}: {counted(revoked, 'linked chat')} revoked, "
        f"{counted(codes, 'unused invite code')} expired; the links' history is kept",
        file=sys.stderr,
    )
    return 0
