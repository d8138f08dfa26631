"""The parser of `daftar tariff`; the work is in `bot/operator/tariff.py`."""

from __future__ import annotations

import argparse

from bot.data import TARIFF_HEADER
from bot.operator.parsing import Later


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `tariff import` and `tariff list` to the `daftar` command."""
    tariff = subparsers.add_parser(
        "tariff",
        help="the offices' fee tariffs, year by year: import, list",
        description="The fee tariffs of Judicial E-Services Offices, one a Jalali year.",
    )
    actions = tariff.add_subparsers(dest="tariff_command", required=True, metavar="ACTION")

    importing = actions.add_parser(
        "import",
        help="keep a CSV file as the tariff of a year, all or nothing",
        description=(
            "Keep a UTF-8 CSV file with the header " + ",".join(TARIFF_HEADER) + " as the "
            "tariff of the Jalali YEAR. Any bad line: every problem reported, nothing imported, "
            "exit 2."
        ),
    )
    importing.add_argument("year", metavar="YEAR", help="the Jalali year, e.g. 1404")
    importing.add_argument("file", metavar="FILE.csv", help="the tariff ('-': standard input)")
    importing.add_argument(
        "--source",
        required=True,
        help="where the figures come from, as complainants are shown it",
    )
    importing.add_argument(
        "--official",
        action="store_true",
        help="the source is the official publication itself (else: 'not the official text')",
    )
    importing.add_argument(
        "--replace", action="store_true", help="replace a tariff imported before for that year"
    )
    importing.set_defaults(handler=Later("bot.operator.tariff", "cmd_import"))

    listing = actions.add_parser(
        "list",
        help="list the years Daftar holds a tariff for",
        description="List each year's tariff: services, source, official or not, and origin.",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array of tariffs")
    listing.set_defaults(handler=Later("bot.operator.tariff", "cmd_list"))
