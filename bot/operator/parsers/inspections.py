"""The parser of `daftar inspections`; the work is in `bot/operator/inspections.py`."""

from __future__ import annotations

import argparse

from bot.operator.parsing import Later, group


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `inspections` (schedule, record, list) to `daftar`."""
    actions = group(subparsers, "inspections", "the Association's inspections (Art. 21)")
    schedule = actions.add_parser(
        "schedule",
        help="record an inspection ahead of it; the manager is sent a notice",
        description="Record an inspection and queue its notice to the office's manager.",
    )
    schedule.add_argument("--office", required=True, metavar="CODE", help="the office's code")
    schedule.add_argument("--kind", required=True, metavar="KIND", help="periodic or ad_hoc")
    schedule.add_argument(
        "--at", required=True, metavar="WHEN", help='"YYYY/MM/DD HH:MM", Jalali, Tehran time'
    )
    schedule.add_argument("--inspector", metavar="NAME", help="who inspects (the notice says)")
    schedule.add_argument("--note", metavar="TEXT", help="a note for the manager")
    schedule.add_argument("--json", action="store_true", help="print the inspection as JSON")
    schedule.set_defaults(
        handler=Later("bot.operator.inspections", "cmd_schedule"), prog="daftar inspections"
    )

    record = actions.add_parser(
        "record",
        help="store an inspection's findings and report; findings open a case",
        description=(
            "Store the findings (clauses of Article 25, comma-separated, or 'none') and the "
            "report (copied into DAFTAR_EVIDENCE_DIR/reports/). Findings open a case."
        ),
    )
    record.add_argument("id", metavar="ID", nargs="?", help="the inspection's number")
    record.add_argument(
        "--unannounced",
        action="store_true",
        help="an ad-hoc visit made without notice (no ID: --office and --at name it)",
    )
    record.add_argument("--office", metavar="CODE", help="with --unannounced: the office's code")
    record.add_argument(
        "--at", metavar="WHEN", help='with --unannounced: "YYYY/MM/DD HH:MM", Jalali, Tehran time'
    )
    record.add_argument("--inspector", metavar="NAME", help="with --unannounced: who inspected")
    record.add_argument("--findings", required=True, metavar="CLAUSES", help="25.1,25.6 or none")
    record.add_argument("--report", required=True, metavar="FILE", help="the inspection report")
    record.set_defaults(
        handler=Later("bot.operator.inspections", "cmd_record_findings"), prog="daftar inspections"
    )

    listing = actions.add_parser("list", help="list the inspections", description="Inspections.")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(
        handler=Later("bot.operator.inspections", "cmd_list_inspections"), prog="daftar inspections"
    )
