"""`daftar report`: the figures for the Directorate and the Council (Arts. 15(b), 15(c), 15(e),
21), for a period and a scope, as JSON or CSV.

    daftar report (--from DATE --to DATE | --month 1403/08 | --quarter 1403/3 | --year 1403)
                  [--scope national|association:KEY|province:KEY] [--format json|csv]

Dates are Jalali (any digits), both days included; the period runs from the first moment of the
first day to the end of the last, in the configured zone (Tehran). The scope is the whole
country (the default), one Association (the offices of the provinces it serves, Art. 12) or one
province. JSON: the period, the scope and the sections, each figure with the article it reports
under; CSV: the same figures, one row each (section, key, value, article). A malformed date, a
period that ends before it starts, an unknown scope: one line, exit status 2, nothing read.
The PDF with charts and the delivery in chat come later.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import load_settings
from bot.domain.reports import Period, Report, ReportError, Scope, build_report, scope_named
from bot.operator.common import BadInput, Now, clock, fail, run_alone
from bot.operator.discipline_args import jalali_date
from bot.operator.discipline_transactions import read
from bot.operator.discipline_views import dump
from bot.text.jalali import today_in
from bot.text.persian import to_ascii_digits

PROG = "daftar report"
_YEAR_AND = re.compile(r"([0-9]{4})/([0-9]{1,2})")
_YEAR = re.compile(r"[0-9]{4}")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report` to `daftar`."""
    text = "the figures for the Directorate and the Council, for a period and a scope"
    parser = subparsers.add_parser("report", help=text, description=text)
    parser.add_argument("--from", dest="first", metavar="DATE", help="the first Jalali day")
    parser.add_argument("--to", dest="last", metavar="DATE", help="the last Jalali day")
    parser.add_argument("--month", metavar="YYYY/MM", help="a Jalali month, 1403/08")
    parser.add_argument("--quarter", metavar="YYYY/Q", help="a Jalali quarter, 1403/3")
    parser.add_argument("--year", metavar="YYYY", help="a Jalali year, 1403")
    parser.add_argument(
        "--scope",
        default="national",
        metavar="SCOPE",
        help="national (default), association:KEY or province:KEY",
    )
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.set_defaults(handler=cmd_report)


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar report …` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)


def _year_and(text: str, field: str, what: str) -> tuple[int, int]:
    found = _YEAR_AND.fullmatch(to_ascii_digits(text).strip())
    if found is None:
        example = "1403/08" if what == "month" else "1403/3"
        raise BadInput(f"{field}: a {what} is written like {example} (got {text!r})")
    return int(found.group(1)), int(found.group(2))


def period_of(args: argparse.Namespace, today: jdatetime.date) -> Period:
    """The period the command line names, or BadInput (one line)."""
    chosen = [name for name in ("month", "quarter", "year") if getattr(args, name)]
    ranged = args.first is not None or args.last is not None
    if len(chosen) + ranged != 1:
        raise BadInput("name one period: --from and --to, --month, --quarter or --year")
    try:
        if args.month:
            return Period.month(*_year_and(args.month, "--month", "month"))
        if args.quarter:
            return Period.quarter(*_year_and(args.quarter, "--quarter", "quarter"))
        if args.year:
            year = to_ascii_digits(args.year).strip()
            if not _YEAR.fullmatch(year):
                raise BadInput(f"--year: a year is written like 1403 (got {args.year!r})")
            return Period.year(int(year))
        if args.first is None or args.last is None:
            raise BadInput("--from and --to go together: name both days")
        first = jalali_date(args.first, "--from", today)
        last = jalali_date(args.last, "--to", today)
        return Period(first, last)
    except ReportError as bad:
        raise BadInput(str(bad)) from None


def write_csv(report: Report) -> None:
    """The report's figures, one CSV row each, with a header."""
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["section", "key", "value", "article"])
    for section, key, value, article in report.rows():
        out.writerow([section, key, "" if value is None else value, article])


def cmd_report(args: argparse.Namespace) -> int:
    """`report`: count the figures and print them."""
    settings = load_settings()
    now = clock(args)()
    try:
        period = period_of(args, today_in(settings.zone, now))
        try:
            scope: Scope = scope_named(args.scope, settings)
        except ReportError as bad:
            raise BadInput(f"--scope: {bad}") from None
    except BadInput as bad:
        return fail(PROG, bad)

    async def _count(session: AsyncSession) -> Report:
        return await build_report(session, settings, period, scope, now)

    report = read(settings, _count)
    if args.format == "csv":
        write_csv(report)
    else:
        dump(report.document())
    return 0
