"""The parser of `daftar notices`; the work is in `bot/operator/notices.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later, group

NOTICE_STATUSES = (
    "waiting",
    "pending",
    "sent",
    "failed",
    "undeliverable",
    "acknowledged",
    "unacknowledged",
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `notices` (list, retry) to `daftar`."""
    actions = group(subparsers, "notices", "notices to office managers and their delivery")
    listing = actions.add_parser(
        "list",
        help="the notices, each with its deliveries and attempts",
        description="The managers' notices, with every delivery, attempt and acknowledgement.",
    )
    listing.add_argument("--status", metavar="S", help=f"one of {', '.join(NOTICE_STATUSES)}")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(
        handler=Later("bot.operator.notices", "cmd_list_notices"), prog="daftar notices"
    )

    retry = actions.add_parser(
        "retry",
        help="queue a notice's failed or undeliverable deliveries again",
        description="Put a notice's failed or undeliverable deliveries back in the queue.",
    )
    retry.add_argument("id", metavar="ID", help="the notice's number")
    retry.set_defaults(
        handler=Later("bot.operator.notices", "cmd_retry_notice"), prog="daftar notices"
    )
