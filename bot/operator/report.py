"""`daftar report`: the figures for the Directorate and the Council (Arts. 15(b), 15(c), 15(e),
21), for a period and a scope, as JSON, CSV or a PDF with charts.

    daftar report (--from DATE --to DATE | --month 1403/08 | --quarter 1403/3 | --year 1403)
                  [--scope national|association:KEY|province:KEY] [--format json|csv|pdf]
                  [--locale fa|en] [--output PATH] [--progress]

Dates are Jalali (any digits), both days included; the period runs from the first moment of the
first day to the end of the last, in the configured zone (Tehran). The scope is the whole
country (the default), one Association (the offices of the provinces it serves, Art. 12) or one
province. JSON: the period, the scope and the sections, each figure with the article it reports
under and its label; CSV: the same figures, one row each (section, key, label, value, article);
PDF: the report in Persian (right to left) or English, with its bar charts (`bot/documents/`).
The labels are in `--locale` (default: the settings' `default_locale`); JSON keys stay English.

The report goes to standard output, or to `--output PATH`; a PDF is not written to a terminal.
While the figures are counted, a one-line bar on standard error shows the sections done, when
standard error is a terminal or `--progress` asks for it; otherwise nothing is drawn, so that a
pipe stays clean. A malformed date, a period that ends before it starts, an unknown scope, a PDF
for the terminal: one line, exit status 2, nothing read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final, TextIO

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings, load_settings
from bot.documents.report_csv import report_csv
from bot.documents.report_json import report_document
from bot.documents.report_pdf import render_report_pdf
from bot.domain.reports import (
    Period,
    Progress,
    Report,
    ReportError,
    Scope,
    build_report,
    scope_named,
)
from bot.operator.common import EXIT_BAD_INPUT, BadInput, Now, clock, fail, run_alone
from bot.operator.discipline_args import jalali_date
from bot.operator.discipline_transactions import read
from bot.operator.parsers.report import register
from bot.text.jalali import today_in
from bot.text.persian import to_ascii_digits

PROG = "daftar report"
#: The progress bar's width, in characters.
BAR_WIDTH: Final = 30
_YEAR_AND = re.compile(r"([0-9]{4})/([0-9]{1,2})")
_YEAR = re.compile(r"[0-9]{4}")


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


def progress_bar(stream: TextIO) -> Progress:
    """A one-line bar on *stream*, redrawn as each section is counted, ended by a line break."""

    def draw(done: int, total: int) -> None:
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        stream.write(f"\r{PROG}: counting [{bar}] {done}/{total} sections")
        if done == total:
            stream.write("\n")
        stream.flush()

    return draw


def rendered(report: Report, settings: Settings, fmt: str, locale: str) -> bytes:
    """The report in *fmt* (json, csv, pdf), its labels in *locale*, as the bytes to write."""
    if fmt == "pdf":
        return render_report_pdf(report, settings, locale)
    if fmt == "csv":
        return report_csv(report, locale).encode("utf-8")
    text = json.dumps(report_document(report, locale), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def cmd_report(args: argparse.Namespace) -> int:
    """`report`: count the figures and write them."""
    settings = load_settings()
    now = clock(args)()
    try:
        period = period_of(args, today_in(settings.zone, now))
        try:
            scope: Scope = scope_named(args.scope, settings)
        except ReportError as bad:
            raise BadInput(f"--scope: {bad}") from None
        if args.format == "pdf" and args.output is None and sys.stdout.isatty():
            raise BadInput("a PDF is not for the terminal: name a file with --output PATH")
    except BadInput as bad:
        return fail(PROG, bad)
    locale = args.locale or settings.default_locale
    shown = progress_bar(sys.stderr) if args.progress or sys.stderr.isatty() else None

    async def _count(session: AsyncSession) -> Report:
        return await build_report(session, settings, period, scope, now, shown)

    data = rendered(read(settings, _count), settings, args.format, locale)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        print(f"{PROG}: --output: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0
