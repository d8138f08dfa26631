"""`daftar inspections`: the Association's inspections of offices (Art. 21).

    daftar inspections schedule --office CODE --kind periodic|ad_hoc --at "YYYY/MM/DD HH:MM"
                                [--inspector NAME] [--note TEXT] [--json]
    daftar inspections record ID --findings 25.1,25.6|none --report FILE
    daftar inspections record --unannounced --office CODE --at "YYYY/MM/DD HH:MM"
                              [--inspector NAME] --findings 25.1|none --report FILE
    daftar inspections list [--json]

`schedule` records an inspection ahead of it and, in the same transaction, queues its notice to
the office's manager (to every linked chat; an unlinked manager's notice waits). `record` stores
the findings (clauses of Art. 25, or `none`) and the report — the file is copied into
`DAFTAR_EVIDENCE_DIR/reports/` (the stored path is the copy's absolute path) — and findings open
a case (source "inspection"). The rules live in `bot.domain.inspections`; this module reads what
the operator typed and says what was done. `record --unannounced` records an ad-hoc visit made
without notice (now or earlier; no notice goes to the manager: the service's practice) and its
findings at once. A write command then settles what is due, in the same
transaction, and says so; bad input is reported naming its field, nothing is written, exit 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings, load_settings
from bot.domain.inspections import (
    INSPECTION_KINDS,
    INSPECTOR_MAX_CHARS,
    keep_report,
    record_findings,
    record_unannounced_visit,
    report_target,
    schedule_inspection,
)
from bot.domain.refusals import TEXT_MAX_CHARS
from bot.operator.common import BadInput, Now, clock, fail, run_alone, zone_label
from bot.operator.discipline_args import (
    Checks,
    clauses,
    free_text,
    moment,
    number,
    office_code,
    report_file,
)
from bot.operator.discipline_transactions import read, write
from bot.operator.discipline_views import (
    dump,
    inspection_json,
    notice_line,
    say,
    say_settled,
    table,
)
from bot.operator.parsers.inspections import register
from bot.text.jalali import today_in
from storage import inspections as inspection_store
from storage import notices as notice_store
from storage.models import Case, Inspection


def inspection_kind(text: str) -> str:
    """periodic or ad_hoc (ad-hoc and "ad hoc" too)."""
    kind = text.strip().lower().replace("-", "_").replace(" ", "_")
    if kind not in INSPECTION_KINDS:
        raise BadInput(f"--kind: unknown kind {text!r}; use periodic or ad_hoc")
    return kind


def cmd_schedule(args: argparse.Namespace) -> int:
    """`inspections schedule`: the inspection and its notice, in one transaction."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    today = today_in(settings.zone, now)
    check = Checks()
    code = check(lambda: office_code(args.office))
    kind = check(lambda: inspection_kind(args.kind))
    at = check(lambda: moment(args.at, "--at", settings, today))
    inspector = check(
        lambda: free_text(args.inspector, "--inspector", INSPECTOR_MAX_CHARS, required=False)
    )
    note = check(lambda: free_text(args.note, "--note", TEXT_MAX_CHARS, required=False))
    try:
        check.raise_any()
        assert code is not None and kind is not None and at is not None

        async def _work(session: AsyncSession) -> dict[str, Any]:
            inspection, notice = await schedule_inspection(
                session,
                settings,
                now,
                office_code=code,
                kind=kind,
                at=at,
                inspector=inspector,
                note=note,
            )
            document = inspection_json(inspection, settings)
            document["notice_id"] = notice.id
            document["deliveries"] = len(await notice_store.deliveries_of(session, notice.id))
            return document

        done = write(
            settings,
            now,
            {"office": "--office", "kind": "--kind", "at": "--at", "inspector": "--inspector"},
            _work,
        )
    except BadInput as bad:
        return fail(prog, bad)
    document = done.value
    if args.json:
        dump(document)
    say(
        prog,
        [
            f"inspection #{document['id']} of office {document['office_code']}: {document['kind']}"
            f" on {document['at_tehran']} ({zone_label(settings.zone)})",
            notice_line(document["notice_id"], document["deliveries"]),
        ],
    )
    say_settled(prog, done)
    return 0


@dataclass(frozen=True)
class Visit:
    """An unannounced visit as typed: the office, when, who (`record --unannounced`)."""

    office: str
    at: datetime
    inspector: str | None


def _unannounced(
    args: argparse.Namespace, check: Checks, settings: Settings, now: datetime
) -> Visit | None:
    """The visit `--unannounced` names, or None (problems go to *check*)."""
    if not args.unannounced:
        given = [flag for flag, value in (("--office", args.office), ("--at", args.at)) if value]
        if args.inspector is not None:
            given.append("--inspector")
        for flag in given:
            check(partial(_only_unannounced, flag))
        return None
    if args.id is not None:
        check(lambda: _only_unannounced("ID", with_id=True))
    today = today_in(settings.zone, now)
    code = check(lambda: office_code(args.office or ""))
    at = check(lambda: moment(args.at or "", "--at", settings, today))
    inspector = check(
        lambda: free_text(args.inspector, "--inspector", INSPECTOR_MAX_CHARS, required=False)
    )
    return Visit(code, at, inspector) if code is not None and at is not None else None


def _only_unannounced(flag: str, *, with_id: bool = False) -> None:
    if with_id:
        raise BadInput("ID: an unannounced visit has no number yet; give --office and --at")
    raise BadInput(f"{flag}: only with --unannounced (an inspection's ID names the rest)")


def cmd_record_findings(args: argparse.Namespace) -> int:
    """`inspections record ID` (or `--unannounced`): findings and report; findings open a case."""
    prog: str = args.prog
    settings = load_settings()
    now = clock(args)()
    check = Checks()
    visit = _unannounced(args, check, settings, now)
    inspection_id = (
        None
        if args.unannounced
        else check(lambda: number(args.id or "", "ID", "an inspection's number"))
    )
    findings = check(lambda: clauses(args.findings, "--findings", none_allowed=True))
    report = check(lambda: report_file(args.report, settings))
    targets: list[Path] = []
    try:
        check.raise_any()
        assert findings is not None and report is not None
        data, suffix = report

        async def _work(session: AsyncSession) -> tuple[Inspection, Case | None]:
            number_ = inspection_id
            if visit is not None:
                made = await record_unannounced_visit(
                    session,
                    settings,
                    now,
                    office_code=visit.office,
                    visited_at=visit.at,
                    inspector=visit.inspector,
                )
                number_ = made.id
            assert number_ is not None
            target = report_target(settings, number_, data, suffix)
            targets.append(target)
            existed.append(target.exists())
            inspection, case = await record_findings(
                session,
                settings,
                now,
                inspection_id=number_,
                findings=findings,
                report_path=str(target),
            )
            keep_report(target, data)
            return inspection, case

        existed: list[bool] = []
        fields = {"inspection": "ID", "findings": "--findings", "office": "--office", "at": "--at"}
        try:
            done = write(settings, now, fields, _work)
        except BaseException:
            # Nothing written: a copy made for a refused or failed command goes too.
            for target, was in zip(targets, existed, strict=False):
                if not was:
                    target.unlink(missing_ok=True)
            raise
    except BadInput as bad:
        return fail(prog, bad)
    inspection, case = done.value
    lines = [
        f"inspection #{inspection.id}: findings "
        f"{', '.join(inspection.findings) if inspection.findings else 'none'} recorded",
        f"report copied to {targets[-1]}",
    ]
    if not inspection.announced:
        lines.insert(0, f"unannounced ad-hoc visit #{inspection.id} recorded; no notice was sent")
    if case is not None:
        lines.append(f"case #{case.id} opened on the findings (source inspection)")
    else:
        lines.append("no violation found: no case opened")
    say(prog, lines)
    say_settled(prog, done)
    return 0


def cmd_list_inspections(args: argparse.Namespace) -> int:
    """`inspections list`: every inspection, oldest first."""
    prog: str = args.prog
    settings = load_settings()

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await inspection_store.listing(session)
        return [inspection_json(inspection, settings) for inspection in found]

    found = read(settings, _list)
    if args.json:
        dump(found)
        return 0
    if not found:
        say(prog, ["no inspections"])
        return 0
    table(
        ("id", "office", "kind", f"at ({zone_label(settings.zone)})", "inspector", "findings"),
        [
            (
                str(i["id"]),
                i["office_code"],
                i["kind"],
                i["at_tehran"],
                i["inspector"] or "-",
                "not recorded"
                if i["recorded_at"] is None
                else (", ".join(i["findings"]) or "none"),
            )
            for i in found
        ],
    )
    return 0


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar inspections` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)
