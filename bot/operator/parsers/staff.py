"""The parser of `daftar staff`; the work is in `bot/operator/staff.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later, group
from storage.statuses import Role

ROLE_NAMES = ", ".join(Role)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `staff` (invite, list, revoke) to `daftar`."""
    actions = group(subparsers, "staff", "the staff who act in chat: invite, list, revoke")
    invite = actions.add_parser(
        "invite",
        help="grant a role and issue a one-time code that links a chat",
        description="Grant a role (to a new member, or to --member) and issue a one-time code.",
    )
    who = invite.add_mutually_exclusive_group(required=True)
    who.add_argument("--name", metavar="N", help="a new member's name")
    who.add_argument("--member", metavar="ID", help="an existing member's number")
    invite.add_argument("--role", metavar="R", help=f"one of {ROLE_NAMES}")
    invite.add_argument("--association", metavar="A", help="the Association's province")
    invite.add_argument(
        "--chair",
        action="store_true",
        help="the Primary Board's chair; on appeals_board, who presides (the service's practice)",
    )
    invite.add_argument(
        "--seat", metavar="S", help="a Board member's seat: judge or chair_representative"
    )
    invite.add_argument("--json", action="store_true", help="print the code as JSON")
    invite.set_defaults(handler=Later("bot.operator.staff", "cmd_invite"))

    listing = actions.add_parser("list", help="every member, their roles and chats")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=Later("bot.operator.staff", "cmd_list"))

    revoke = actions.add_parser(
        "revoke",
        help="revoke a member (or one of their roles)",
        description="Revoke a member: every role, linked chat and unused code; or one role.",
    )
    revoke.add_argument("id", metavar="ID", help="the member's number")
    revoke.add_argument("--role", metavar="R", help="only this role")
    revoke.add_argument("--association", metavar="A", help="the role's Association")
    revoke.set_defaults(handler=Later("bot.operator.staff", "cmd_revoke"))
