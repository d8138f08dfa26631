"""The parser of `daftar cases`; the work is in `bot/operator/cases.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later, group


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `cases` (open, list, show) to `daftar`."""
    actions = group(subparsers, "cases", "cases before the Primary Disciplinary Board (Art. 22)")
    opening = actions.add_parser(
        "open",
        help="open a case on complaints against one office",
        description="Open a case on one or more complaints against one office.",
    )
    opening.add_argument("--office", required=True, metavar="CODE", help="the office's code")
    opening.add_argument(
        "--complaint",
        required=True,
        action="extend",
        nargs="+",
        metavar="TRACKING",
        help="a complaint's tracking code (several, or the option repeated)",
    )
    opening.set_defaults(handler=Later("bot.operator.cases", "cmd_open_case"), prog="daftar cases")

    listing = actions.add_parser("list", help="list the cases", description="The cases.")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=Later("bot.operator.cases", "cmd_list_cases"), prog="daftar cases")

    show = actions.add_parser("show", help="one case", description="One case, in full.")
    show.add_argument("id", metavar="ID", help="the case's number")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.set_defaults(handler=Later("bot.operator.cases", "cmd_show_case"), prog="daftar cases")
