"""The parser of `daftar law`; the work is in `bot/operator/law.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import NO_STORE, Later
from bot.rules.law_coverage import DIRECTIVE, ISSUED


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `law coverage` to the `daftar` command."""
    law = subparsers.add_parser(
        "law",
        help="the directive, article by article, and what Daftar does with it",
        description=f"Directive {DIRECTIVE} of {ISSUED}, and what Daftar does with it.",
    )
    actions = law.add_subparsers(dest="law_command", required=True, metavar="ACTION")
    coverage = actions.add_parser(
        "coverage",
        help="every article and note: encoded, out of scope, or configuration",
        description=(
            "List the directive's 26 articles and 9 notes, each encoded (where), out of scope "
            "(why) or configuration (which setting); the known defects of the published text; "
            "and the 1401 regulation's caveat."
        ),
    )
    coverage.add_argument("--json", action="store_true", help="print JSON")
    coverage.set_defaults(handler=Later("bot.operator.law", "cmd_coverage"), **NO_STORE)
