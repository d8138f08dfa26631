"""`daftar tariff`: the offices' fee tariffs, year by year (Art. 9(c)), from the command line.

    daftar tariff import YEAR FILE.csv --source TEXT [--official] [--replace]
    daftar tariff list [--json]

`import` reads a UTF-8 CSV file (a leading BOM is fine; `-` reads standard input) with the
header `item,service_fa,service_en,rials,unit` (see `bot/domain/tariff.py` for each column) and
keeps it as the tariff of the Jalali YEAR, in one transaction. A file is imported whole or not
at all: when any line is bad, every problem is printed on standard error as `line N: reason`,
nothing is written and the exit status is 2. `--source` says where the figures come from (a
publication, a site); complainants see it beside every comparison with the tariff, with "not
the official text" unless `--official` says it is the official publication. A year imported
before is replaced only with `--replace`; a year bundled with Daftar (1403) is replaced by its
import without it, since the import is the newer word on that year.

`list` prints every year Daftar holds a tariff for: its services, its source, whether that is
the official text, and whether it was bundled or imported (when); with `--json`, a JSON array of
`{"year", "services", "source", "official", "origin", "imported_at"}` (`origin` "bundled" or
"imported", `imported_at` ISO UTC or null).

Every command upgrades an embedded SQLite store's schema first. `register(subparsers)` adds the
command to the `daftar` parser (bot/cli.py); `main(argv)` runs it on its own, for tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import load_settings
from bot.domain.tariff import (
    Tariff,
    TariffError,
    TariffExists,
    held_tariffs,
    import_tariff,
    load_tariff,
)
from bot.operator.common import (
    BadInput,
    Now,
    clock,
    counted,
    fail,
    read_csv_file,
    run_alone,
    with_store,
)
from bot.operator.parsers.tariff import register
from bot.text.jalali import format_jalali_numeric, today_in
from bot.text.persian import InputError, parse_int

PROG = "daftar tariff"
#: The Jalali years a tariff may be imported for: from the directive's (1392) on.
FIRST_YEAR, LAST_YEAR = 1392, 1499


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar tariff …` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)


# ---- import ----


def cmd_import(args: argparse.Namespace) -> int:
    """`tariff import YEAR FILE`: keep a year's tariff, all or nothing; exit 2 on any bad line."""
    settings = load_settings()
    now = clock(args)()
    try:
        tariff = _parse(args)
    except BadInput as bad:
        return fail(PROG, bad)

    async def _write(sessions: async_sessionmaker[AsyncSession]) -> Tariff | None:
        async with sessions() as session, session.begin():
            return await import_tariff(session, tariff, now, replace_stored=args.replace)

    try:
        replaced = asyncio.run(with_store(settings, _write, create=True))
    except TariffExists as exists:
        return fail(
            PROG,
            BadInput(
                f"YEAR: a tariff for {exists.held.year} was imported before "
                f"({_origin(exists.held)}, source: {exists.held.source}); pass --replace to "
                "replace it. Nothing imported."
            ),
        )
    said = "the official text" if tariff.official else "not the official text"
    print(
        f"{PROG}: imported {tariff.year}: {counted(len(tariff.items), 'service')}, source: "
        f"{tariff.source} ({said})",
        file=sys.stderr,
    )
    if replaced is not None:
        print(f"{PROG}: it replaces the one {_origin(replaced)}", file=sys.stderr)
    return 0


def _parse(args: argparse.Namespace) -> Tariff:
    problems: list[str] = []
    try:
        year = parse_int(args.year)
    except InputError:
        year = None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append(
            f"YEAR: {args.year!r} is not a Jalali year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    source = " ".join(str(args.source).split())
    if not source:
        problems.append("--source: say where the figures come from (a publication, a site)")
    text = read_csv_file(args.file)
    try:
        tariff = load_tariff(text, year or 0, source, args.official)
    except TariffError as error:
        problems += error.problems
        lines = {p.split(":", 1)[0] for p in error.problems if p.startswith("line ")}
        problems.append(
            f"{counted(len(error.problems), 'problem')} on {counted(len(lines), 'line')} of "
            f"{args.file}: nothing imported"
        )
    if problems:
        raise BadInput(*problems)
    return tariff


def _origin(tariff: Tariff) -> str:
    if tariff.imported_at is None:
        return "bundled with Daftar"
    return f"imported {_when(tariff.imported_at)}"


def _when(moment: datetime) -> str:
    """A moment as the operator reads it: the Jalali day and the time, in the configured zone."""
    zone = load_settings().zone
    return f"{format_jalali_numeric(today_in(zone, moment))} {moment.astimezone(zone):%H:%M}"


# ---- list ----


def cmd_list(args: argparse.Namespace) -> int:
    """`tariff list [--json]`: the years Daftar holds a tariff for."""
    settings = load_settings()

    async def _read_all(sessions: async_sessionmaker[AsyncSession]) -> dict[int, Tariff]:
        async with sessions() as session:
            return await held_tariffs(session)

    held = asyncio.run(with_store(settings, _read_all))
    if args.json:
        print(json.dumps([_as_json(t) for t in held.values()], ensure_ascii=False, indent=2))
        return 0
    rows = [("year", "services", "official", "origin", "source")]
    rows += [
        (
            str(t.year),
            str(len(t.items)),
            "yes" if t.official else "no",
            _origin(t),
            t.source,
        )
        for t in held.values()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        print("  ".join([*padded, row[-1]]))
    return 0


def _as_json(tariff: Tariff) -> dict[str, object]:
    return {
        "year": tariff.year,
        "services": len(tariff.items),
        "source": tariff.source,
        "official": tariff.official,
        "origin": "bundled" if tariff.imported_at is None else "imported",
        "imported_at": None if tariff.imported_at is None else tariff.imported_at.isoformat(),
    }
