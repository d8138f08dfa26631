"""The parser of `daftar offices`; the work is in `bot/operator/offices.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `offices import`, `list`, `invite`, `unlink` and the managers' actions to `daftar`."""
    registry = subparsers.add_parser(
        "offices",
        help="the office registry: import, list; invite, unlink and replace managers",
        description="The registry of Judicial Electronic Services Offices.",
    )
    actions = registry.add_subparsers(dest="offices_command", required=True, metavar="ACTION")

    importing = actions.add_parser(
        "import",
        help="upsert offices from a CSV file, all or nothing",
        description=(
            "Upsert offices by code from a UTF-8 CSV file with the header "
            "code,name,province,city,address,phone,manager_name,manager_mobile,status "
            "[,suspended_until][,manager_national_id]. Any bad line: every problem reported, "
            "nothing imported, exit 2. A line naming another manager is reported, not applied: "
            "only the Directorate replaces a manager (Art. 19: replace-manager)."
        ),
    )
    importing.add_argument("file", metavar="FILE.csv", help="the registry ('-': standard input)")
    importing.set_defaults(handler=Later("bot.operator.offices", "cmd_import"))

    listing = actions.add_parser(
        "list",
        help="list the offices",
        description="List the offices of the registry, by province, city and code.",
    )
    listing.add_argument(
        "--province", metavar="P", help="only this province (its key, Persian or English name)"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array of offices")
    listing.set_defaults(handler=Later("bot.operator.offices", "cmd_list"))

    invite = actions.add_parser(
        "invite",
        help="a one-time code that links the office's manager's chat",
        description=(
            "Issue a one-time code for the office's current manager to link their chat "
            "(valid for DAFTAR_INVITE_DAYS days), with a deep link where the platform has one."
        ),
    )
    invite.add_argument("code", metavar="CODE", help="the office's code")
    invite.add_argument("--json", action="store_true", help='print {"code", "expires", "links"}')
    invite.set_defaults(handler=Later("bot.operator.offices", "cmd_invite"))

    unlink = actions.add_parser(
        "unlink",
        help="revoke the chats linked to the office's managers",
        description="Revoke every chat linked to the office's managers and their unused codes.",
    )
    unlink.add_argument("code", metavar="CODE", help="the office's code")
    unlink.set_defaults(handler=Later("bot.operator.offices", "cmd_unlink"))

    register_actions(actions)


def register_actions(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `replace-manager`, `manager-since` and `managers` to `daftar offices`."""
    replace = actions.add_parser(
        "replace-manager",
        help="the Directorate replaces the office's manager (Art. 19)",
        description=(
            "The Directorate's act (Art. 19): end the current manager's period on DATE, start "
            "the new person's, unlink the old manager's chats (their notices stop)."
        ),
    )
    replace.add_argument("code", metavar="CODE", help="the office's code")
    replace.add_argument(
        "--reason",
        required=True,
        metavar="REASON",
        help="withdrawal or death (Art. 19), or other (a ground the directive does not name)",
    )
    replace.add_argument("--name", required=True, help="the new manager's full name")
    replace.add_argument(
        "--national-id", required=True, metavar="N", help="the new manager's national ID"
    )
    replace.add_argument("--mobile", required=True, help="the new manager's mobile (09…)")
    replace.add_argument(
        "--on", metavar="DATE", help="the new manager's first day (Jalali; default today)"
    )
    replace.add_argument("--note", metavar="TEXT", help="the Directorate's note or reference")
    replace.set_defaults(handler=Later("bot.operator.office_managers", "cmd_replace"))

    since = actions.add_parser(
        "manager-since",
        help="since when the office's first manager on record managed it",
        description=(
            "Record, from the Directorate's records, the first day of the office's first manager "
            "on record, so that violations before the office's first import are laid on them."
        ),
    )
    since.add_argument("code", metavar="CODE", help="the office's code")
    since.add_argument("date", metavar="DATE", help="the manager's first day (Jalali)")
    since.set_defaults(handler=Later("bot.operator.office_managers", "cmd_since"))

    listing = actions.add_parser(
        "managers",
        help="the office's managers over time",
        description="The office's managers over time, oldest first.",
    )
    listing.add_argument("code", metavar="CODE", help="the office's code")
    listing.add_argument("--json", action="store_true", help="print a JSON array of periods")
    listing.set_defaults(handler=Later("bot.operator.office_managers", "cmd_managers"))
