"""The parser of `daftar complaints` (list, show, set-status); the work is in
`bot/operator/complaints.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later
from storage.statuses import ComplaintStatus

WORK = "bot.operator.complaints"
STATUSES = tuple(ComplaintStatus)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `complaints list`, `complaints show` and `complaints set-status` to `daftar`."""
    complaints = subparsers.add_parser(
        "complaints",
        help="complaints against offices: list, show, set a status",
        description="Complaints against offices, for the Association's staff.",
    )
    actions = complaints.add_subparsers(dest="complaints_command", required=True, metavar="ACTION")

    listing = actions.add_parser(
        "list",
        help="list complaints, oldest first",
        description="List complaints, oldest first, by the Association's province and status.",
    )
    listing.add_argument(
        "--province", metavar="P", help="the Association's province (key, Persian or English name)"
    )
    listing.add_argument("--status", metavar="S", help=f"one of {', '.join(STATUSES)}")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=Later(WORK, "cmd_list"))

    show = actions.add_parser(
        "show",
        help="one complaint with its timeline and evidence",
        description="Show one complaint: every field, its timeline and its evidence.",
    )
    show.add_argument("code", metavar="CODE", help="the tracking code (any digits)")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.set_defaults(handler=Later(WORK, "cmd_show"))

    status = actions.add_parser(
        "set-status",
        help="change a complaint's status; the complainant is told",
        description=(
            "Change a complaint's status: recorded in its timeline with the note, and the "
            "complainant is told in their language."
        ),
    )
    status.add_argument("code", metavar="CODE", help="the tracking code (any digits)")
    status.add_argument("status", metavar="STATUS", help=f"one of {', '.join(STATUSES)}")
    status.add_argument(
        "--note", required=True, metavar="TEXT", help="why (the complainant reads it)"
    )
    status.set_defaults(handler=Later(WORK, "cmd_set_status"))
