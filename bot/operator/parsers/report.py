"""The parser of `daftar report`; the work is in `bot/operator/report.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later
from bot.text.i18n import LOCALES


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
    parser.add_argument("--format", choices=("json", "csv", "pdf"), default="json")
    parser.add_argument(
        "--locale", choices=LOCALES, help="the labels' language (default: default_locale)"
    )
    parser.add_argument(
        "--output", metavar="PATH", help="write the report here, not to standard output"
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="draw the progress bar on standard error even when it is not a terminal",
    )
    parser.set_defaults(handler=Later("bot.operator.report", "cmd_report"))
