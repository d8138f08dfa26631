"""The parser of `daftar appeals`; the work is in `bot/operator/appeals.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later, group


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `appeals` (file, rule) to `daftar`."""
    actions = group(subparsers, "appeals", "appeals to the Appeals Board (Art. 24)")
    filing = actions.add_parser(
        "file",
        help="record an appeal of a sanction of degree 5 or 6",
        description="Record an appeal of a pending decision of degree 5 or 6 (Article 24).",
    )
    filing.add_argument("decision", metavar="DECISION", help="the decision's number")
    filing.add_argument(
        "--by", required=True, metavar="WHO", help="center_head (or manager, on paper)"
    )
    filing.add_argument("--grounds", required=True, metavar="TEXT", help="the appeal's grounds")
    filing.set_defaults(
        handler=Later("bot.operator.appeals", "cmd_file_appeal"), prog="daftar appeals"
    )

    ruling = actions.add_parser(
        "rule",
        help="record the Appeals Board's ruling; the manager is told",
        description="Record the Appeals Board's ruling on an appeal; the manager is sent it.",
    )
    ruling.add_argument("appeal", metavar="APPEAL", help="the appeal's number")
    which = ruling.add_mutually_exclusive_group(required=True)
    which.add_argument("--uphold", action="store_true", help="the sanction stands")
    which.add_argument("--replace", metavar="N", help="replace it with degree N")
    which.add_argument("--overturn", action="store_true", help="no sanction stands")
    ruling.add_argument("--months", metavar="M", help="with --replace 5: 3–24 months")
    ruling.add_argument(
        "--sitting", metavar="ID", help="the Appeals Board's sitting that carried this ruling"
    )
    ruling.add_argument("--ruling", metavar="TEXT", help="with --sitting: the ruling's text")
    ruling.set_defaults(
        handler=Later("bot.operator.appeals", "cmd_rule_appeal"), prog="daftar appeals"
    )
