"""The parser of `daftar eligibility`; the work is in `bot/operator/eligibility.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import NO_STORE, Later
from bot.rules import EDITIONS, Role


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `eligibility check` and `eligibility coverage` to the `daftar` command."""
    eligibility = subparsers.add_parser(
        "eligibility",
        help="check eligibility for a post in an office (Articles 4–8)",
        description="Check applicants against Articles 4–8 of directive 100/9970/9000.",
    )
    actions = eligibility.add_subparsers(
        dest="eligibility_command", required=True, metavar="ACTION"
    )

    check = actions.add_parser(
        "check",
        help="check one applicant (JSON) or many (CSV)",
        description="Check answers against the conditions of a post.",
    )
    check.add_argument("--role", required=True, choices=[role.value for role in Role])
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--answers", metavar="FILE.json", help="a JSON object of answers ('-': standard input)"
    )
    source.add_argument(
        "--csv", metavar="IN.csv", help="a CSV file: an id column and one column per fact"
    )
    check.add_argument(
        "--on", metavar="YYYY/MM/DD", help="the reference date for ages (default: see above)"
    )
    check.add_argument(
        "--edition",
        choices=list(EDITIONS),
        help="the rule set (default: the one in force on the reference date)",
    )
    check.add_argument(
        "--confirm-experience",
        action="store_true",
        help="keep experience beyond the working-age plausibility check (not a rule of the law)",
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.set_defaults(handler=Later("bot.operator.eligibility", "cmd_check"), **NO_STORE)

    listing = actions.add_parser(
        "coverage",
        help="list every clause of Articles 4–8 and how it is encoded",
        description="List every clause of Articles 4–8 and how it is encoded.",
    )
    listing.add_argument(
        "--edition", choices=list(EDITIONS), help="the rule set (default: the latest)"
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=Later("bot.operator.eligibility", "cmd_coverage"), **NO_STORE)
