"""The parser of `daftar audit`; the work is in `bot/operator/audit.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later, group


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `audit list` to `daftar`."""
    actions = group(subparsers, "audit", "the staff's audit log (read-only)")
    listing = actions.add_parser("list", help="the audit log, oldest first")
    listing.add_argument("--member", metavar="ID", help="only this member's entries")
    listing.add_argument("--since", metavar="DATE", help="from this Jalali day on (Tehran)")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=Later("bot.operator.audit", "cmd_list"))
