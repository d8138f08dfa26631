"""The parser of `daftar decisions`; the work is in `bot/operator/decisions.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later, group


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `decisions` (record, served, list) to `daftar`."""
    actions = group(subparsers, "decisions", "the Primary Board's decisions (Arts. 23, 24, 26)")
    record = actions.add_parser(
        "record",
        help="record the Board's ruling on a case",
        description=(
            "Record the Primary Board's ruling against the office's manager at the time of the "
            "violation; the manager is sent a notice, the complainants are told."
        ),
    )
    record.add_argument("--case", required=True, metavar="ID", help="the case's number")
    record.add_argument(
        "--violations", required=True, metavar="CLAUSES", help="clauses of Article 25: 25.12,25.6"
    )
    record.add_argument(
        "--committed-on", required=True, metavar="DATE", help="when (Jalali YYYY/MM/DD)"
    )
    record.add_argument("--sanction", required=True, metavar="N", help="Article 23's degree, 1–6")
    record.add_argument("--months", metavar="M", help="a suspension's length (degree 5: 3–24)")
    record.add_argument(
        "--sitting", required=True, metavar="ID", help="the sitting that ruled (Article 22)"
    )
    record.add_argument("--ruling", required=True, metavar="TEXT", help="the chair's ruling")
    record.add_argument("--staff", metavar="NAME", help="charge this member of the staff")
    record.add_argument("--post", metavar="POST", help="legal_expert, it_expert or clerk")
    record.add_argument("--mitigation", metavar="TEXT", help="Article 26 note 2, as applied")
    record.add_argument("--crime-authority", metavar="A", help="the authority (Article 26)")
    record.add_argument("--crime-on", metavar="DATE", help="when it was reported (Jalali)")
    record.add_argument("--crime-reference", metavar="R", help="the report's reference")
    record.add_argument(
        "--warned-on",
        metavar="DATE",
        help="degree 1: the day the Board gave the verbal warning in person (Jalali)",
    )
    record.add_argument("--json", action="store_true", help="print the decision as JSON")
    record.set_defaults(
        handler=Later("bot.operator.decisions", "cmd_record_decision"), prog="daftar decisions"
    )

    served = actions.add_parser(
        "served",
        help="record a service made another way",
        description="Record that a decision's notice was served another way, on a Jalali date.",
    )
    served.add_argument("id", metavar="ID", help="the decision's number")
    served.add_argument("--on", required=True, metavar="DATE", help="Jalali YYYY/MM/DD")
    served.set_defaults(
        handler=Later("bot.operator.decisions", "cmd_served"), prog="daftar decisions"
    )

    listing = actions.add_parser("list", help="list the decisions", description="Decisions.")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(
        handler=Later("bot.operator.decisions", "cmd_list_decisions"), prog="daftar decisions"
    )
    add_to(actions)


def add_to(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `file` and `publications` to the `decisions` group."""
    export = actions.add_parser(
        "file",
        help="export the managers' disciplinary files",
        description=(
            "Export every final sanction entered in the managers' disciplinary files (Article "
            "23), as CSV or JSON on standard output."
        ),
    )
    export.add_argument("--office", metavar="CODE", help="only this office's managers")
    export.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default)")
    export.set_defaults(
        handler=Later("bot.operator.disciplinary_records", "cmd_file"), prog="daftar decisions"
    )

    listing = actions.add_parser(
        "publications",
        help="list the degree-4 reprimands' publications",
        description=(
            "The publications of final degree-4 reprimands (Article 23, degree 4): posted to the "
            "configured public chat, or to be published on the Center's website."
        ),
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(
        handler=Later("bot.operator.disciplinary_records", "cmd_publications"),
        prog="daftar decisions",
    )
