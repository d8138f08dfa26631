"""`daftar decisions file` and `daftar decisions publications`: what final sanctions left.

    daftar decisions file [--office CODE] [--format csv|json]
    daftar decisions publications [--json]

`file` exports the managers' disciplinary files (every final sanction, entered by
`bot.domain.finality` when it became final; Art. 23) for the Directorate: one row per entry,
with the office, the manager, the decision, the standing degree and months, the clauses of
Art. 25 and the Jalali day it became final. `publications` lists the degree-4 reprimands'
publications (Art. 23, degree 4): where each was posted, or that it is to be published on the
Center's website (the legal venue) when no public chat is configured.
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings, load_settings
from bot.notices.publications import WEBSITE
from bot.operator.common import BadInput, fail, moment_text
from bot.operator.discipline_args import office_code
from bot.operator.discipline_transactions import read
from bot.operator.discipline_views import dump, iso_utc, say
from bot.text.jalali import format_jalali_numeric
from storage import finality as store
from storage import managers as manager_store

FILE_COLUMNS = (
    "office_code",
    "manager_id",
    "manager",
    "decision_id",
    "degree",
    "months",
    "violations",
    "final_on",
    "entered_at",
)


async def file_rows(
    session: AsyncSession, settings: Settings, office: str | None
) -> list[dict[str, Any]]:
    """The disciplinary files' entries as rows of the export."""
    rows = []
    for entry in await store.entries(session, office):
        manager = await manager_store.by_id(session, entry.manager_id)
        rows.append(
            {
                "office_code": entry.office_code,
                "manager_id": entry.manager_id,
                "manager": manager.name if manager else "",
                "decision_id": entry.decision_id,
                "degree": entry.degree,
                "months": entry.months,
                "violations": list(entry.violations),
                "final_on": format_jalali_numeric(entry.final_on),
                "entered_at": iso_utc(entry.entered_at),
            }
        )
    return rows


def cmd_file(args: argparse.Namespace) -> int:
    """`decisions file`: the disciplinary files, as CSV or JSON."""
    prog: str = args.prog
    settings = load_settings()
    try:
        office = office_code(args.office) if args.office is not None else None
    except BadInput as bad:
        return fail(prog, bad)

    async def _rows(session: AsyncSession) -> list[dict[str, Any]]:
        return await file_rows(session, settings, office)

    found = read(settings, _rows)
    if args.format == "json":
        dump(found)
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=FILE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in found:
            writer.writerow({**row, "violations": " ".join(row["violations"])})
    say(prog, [f"{len(found)} entries" + (f" of office {office}" if office else "")])
    return 0


def cmd_publications(args: argparse.Namespace) -> int:
    """`decisions publications`: where each degree-4 reprimand was published, or is to be."""
    prog: str = args.prog
    settings = load_settings()

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        return [
            {
                "id": p.id,
                "decision_id": p.decision_id,
                "office_code": p.office_code,
                "venue": p.venue,
                "queued_at": iso_utc(p.queued_at),
                "posted_at": iso_utc(p.posted_at),
                "text": p.text,
                "text_en": p.text_en,
            }
            for p in await store.publications(session)
        ]

    found = read(settings, _list)
    if args.json:
        dump(found)
        return 0
    if not found:
        say(prog, ["no publications"])
        return 0
    for document in found:
        if document["venue"] == WEBSITE:
            where = "to be published on the Center's website (Article 23, degree 4)"
        elif document["posted_at"]:
            where = (
                f"posted to {document['venue']} on "
                f"{moment_text(document['posted_at'], settings.zone)}; the Center's website "
                "remains the legal venue"
            )
        else:
            where = (
                f"queued to {document['venue']} on "
                f"{moment_text(document['queued_at'], settings.zone)}, not yet posted; the "
                "Center's website remains the legal venue"
            )
        print(
            f"publication #{document['id']} of decision #{document['decision_id']} "
            f"(office {document['office_code']}): {where}",
            file=sys.stdout,
        )
        for line in str(document["text"]).splitlines():
            print(f"  {line}", file=sys.stdout)
    return 0
