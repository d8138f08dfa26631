"""`daftar eligibility`: check applicants against Articles 4–8 from the command line.

    daftar eligibility check --role ROLE --answers FILE.json [--on YYYY/MM/DD] [--json]
    daftar eligibility check --role ROLE --csv IN.csv [--on YYYY/MM/DD]
    daftar eligibility coverage [--json]

`--answers -` and `--csv -` read standard input. The reference date for ages and for work
experience (`experience_years` is the experience counted up to it) is `--on`, else
DAFTAR_ELIGIBILITY_REFERENCE_DATE (a registration call's date), else today in Tehran
(DAFTAR_TIMEZONE). With `--json`, one JSON object is printed (see `sheet_to_json`): its
`verdict` is `eligible`, `not_eligible` or `undetermined`, and `waiting_on` lists the clauses
waiting for the Directorate's decision (an `eligible` verdict with clauses there is eligible
subject to that decision). A CSV file gives CSV on standard output, with the header
`id,verdict,unmet,unknown,waiting_on`.

Bad input — an unknown role, fact or value, an impossible date — is reported on standard error,
naming the field (for a CSV file: every bad row, with line and column), and the exit status is
2; nothing is written to standard output then. More experience than the time since the minimum
working age (DAFTAR_MINIMUM_WORKING_AGE, a plausibility check, not law) is reported the same
way, unless `--confirm-experience` says that such answers are right. This tool does not touch
the store: checks made in the chat are stored by the chat flow.

`register(subparsers)` adds the command to the `daftar` parser (bot/cli.py); `main(argv)` runs it
on its own, for tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TextIO

import jdatetime

from bot.config import load_settings
from bot.domain.eligibility_answers import CsvProblem, CsvRow, collect_answers, parse_csv
from bot.domain.eligibility_sheet import render, sheet_to_json
from bot.operator.common import EXIT_BAD_INPUT, Now, run_alone
from bot.operator.parsers.eligibility import register
from bot.rules import (
    EDITIONS,
    Edition,
    Facts,
    NoEditionInForce,
    Role,
    Sheet,
    coverage,
    edition_in_force,
    evaluate,
    missing_clauses,
    plausibility_problems,
)
from bot.rules.eligibility import CoverageLine
from bot.rules.model import ELIGIBLE_SUBJECT_TO, VERDICT_LABELS
from bot.text.jalali import JalaliDateError, format_jalali_numeric, parse_jalali_date, today_in
from bot.text.persian import to_ascii_digits

PROG = "daftar eligibility"
CSV_HEADER = ("id", "verdict", "unmet", "unknown", "waiting_on")
#: A file with at least this many rows shows its progress on a terminal.
PROGRESS_FROM_ROWS = 200


class BadInput(Exception):
    """Input that cannot be used; each line of `lines` names its field."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar eligibility …` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)


# ---- check ----


def cmd_check(args: argparse.Namespace) -> int:
    """`eligibility check`: evaluate answers; exit 2 on bad input."""
    settings = load_settings()
    clock: Now = getattr(args, "now", None) or (lambda: datetime.now(UTC))
    today = today_in(settings.zone, clock())
    try:
        on = _reference_date(args.on, settings.eligibility_reference_date, today)
        if args.edition is not None:
            edition = EDITIONS[args.edition]
        else:
            source = "--on" if args.on else "DAFTAR_ELIGIBILITY_REFERENCE_DATE"
            if args.on is None and settings.eligibility_reference_date is None:
                source = "today"
            edition = _edition(on, source)
        role = Role(args.role)
        plausible = _Plausibility(
            today, on, settings.minimum_working_age, confirmed=args.confirm_experience
        )
        if args.csv is not None:
            if args.json:
                raise BadInput("--json: not with --csv (a CSV file gives CSV)")
            return _check_csv(args.csv, role, edition, on, today, plausible)
        return _check_answers(args.answers, role, edition, on, today, plausible, args.json)
    except BadInput as bad:
        for line in bad.lines:
            print(f"{PROG}: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _reference_date(on: str | None, setting: str | None, today: jdatetime.date) -> jdatetime.date:
    """`--on`, else the setting, else today; a bad date names where it came from."""
    for source, text in (("--on", on), ("DAFTAR_ELIGIBILITY_REFERENCE_DATE", setting)):
        if text is not None:
            try:
                return parse_jalali_date(text, today)
            except JalaliDateError as error:
                raise BadInput(f"{source}: {error} (got {text!r})") from None
    return today


def _edition(on: jdatetime.date, source: str) -> Edition:
    try:
        return edition_in_force(on)
    except NoEditionInForce as error:
        raise BadInput(
            f"{source}: no edition of the rules is in force on {format_jalali_numeric(on)}; "
            f"the earliest ({error.earliest.id}) applies from "
            f"{format_jalali_numeric(error.earliest.effective)}"
        ) from None


def _read(path: str, option: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read().removeprefix("\ufeff")
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise BadInput(f"{option}: {path} is not UTF-8 text") from None
    except OSError as error:
        raise BadInput(f"{option}: cannot read {path}: {error.strerror}") from None


class _Plausibility:
    """The plausibility checks of a run: the dates, the setting, and what the operator confirmed."""

    def __init__(
        self, today: jdatetime.date, on: jdatetime.date, minimum_age: int, *, confirmed: bool
    ) -> None:
        self.today, self.on, self.minimum_age, self.confirmed = today, on, minimum_age, confirmed

    def problems(self, facts: Facts) -> list[tuple[str, str]]:
        """(field, English message) for each implausible answer the operator has not confirmed."""
        found = plausibility_problems(
            facts, today=self.today, reference_date=self.on, minimum_working_age=self.minimum_age
        )
        lines = []
        for problem in found:
            if problem.confirmable and self.confirmed:
                continue
            text = render(problem.message, problem.params)
            if problem.confirmable:
                text += f" (DAFTAR_MINIMUM_WORKING_AGE={self.minimum_age}; {CONFIRM_HINT})"
            lines.append((problem.field, text))
        return lines


CONFIRM_HINT = "--confirm-experience keeps such answers"


def _check_answers(
    path: str,
    role: Role,
    edition: Edition,
    on: jdatetime.date,
    today: jdatetime.date,
    plausible: _Plausibility,
    as_json: bool,
) -> int:
    text = _read(path, "--answers")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(
            f"--answers: not JSON ({error.msg}, line {error.lineno} column {error.colno})"
        ) from None
    facts, problems = collect_answers(raw, today=today)
    if facts is None:
        raise BadInput(*(f"{problem.field}: {problem.text}" for problem in problems))
    implausible = plausible.problems(facts)
    if implausible:
        raise BadInput(*(f"{field}: {text}" for field, text in implausible))
    sheet = evaluate(role, facts, on, edition)
    if as_json:
        json.dump(sheet_to_json(sheet), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_sheet(sheet, sys.stdout)
    return 0


def _check_csv(
    path: str,
    role: Role,
    edition: Edition,
    on: jdatetime.date,
    today: jdatetime.date,
    plausible: _Plausibility,
) -> int:
    text = _read(path, "--csv")
    rows, problems = parse_csv(text, today=today)
    progress = _Progress(len(rows))
    # The whole file is checked before anything is written: all bad rows, or all verdicts.
    found: list[CsvProblem] = list(problems)
    for index, row in enumerate(rows, 1):
        for field, message in plausible.problems(row.facts):
            found.append(CsvProblem(row.line, field, message))
        progress.show("validating", index)
    if found:
        progress.done()
        found.sort(key=lambda problem: problem.line)
        raise BadInput(*(str(problem) for problem in found))
    sheets: list[tuple[CsvRow, Sheet]] = []
    for index, row in enumerate(rows, 1):
        sheets.append((row, evaluate(role, row.facts, on, edition)))
        progress.show("checking", index)
    progress.done()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row, sheet in sheets:
        writer.writerow(
            (
                row.id,
                sheet.verdict.value,
                ";".join(sheet.unmet),
                ";".join(sheet.unknown),
                ";".join(sheet.waiting_on),
            )
        )
    return 0


class _Progress:
    """Progress of a long file on standard error, only when it is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.on = total >= PROGRESS_FROM_ROWS and sys.stderr.isatty()
        self.step = max(1, total // 100)

    def show(self, what: str, done: int) -> None:
        if self.on and (done % self.step == 0 or done == self.total):
            sys.stderr.write(f"\r{PROG}: {what} {done}/{self.total} rows")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\n")
            sys.stderr.flush()


# ---- presentation ----


def _print_sheet(sheet: Sheet, out: TextIO) -> None:
    edition = sheet.edition
    issued, on = format_jalali_numeric(edition.issued), format_jalali_numeric(sheet.reference_date)
    print(
        f"{sheet.role.value} under edition {edition.id} (directive {edition.number} of {issued}), "
        f"on {on}",
        file=out,
    )
    label = VERDICT_LABELS[sheet.verdict]
    if sheet.subject_to_decision:
        label = render(ELIGIBLE_SUBJECT_TO, {"clauses": ", ".join(sheet.waiting_on)})
    print(f"verdict: {sheet.verdict.value} ({label})", file=out)
    if sheet.waiting_on:
        print(f"waiting on the Directorate's decision: {', '.join(sheet.waiting_on)}", file=out)
    for result in sheet.results:
        print(
            f"  {result.id:<4} {result.status.value:<24} {render(result.reason, result.params)}",
            file=out,
        )
    if sheet.declarations:
        print(f"declarations the Directorate verifies: {', '.join(sheet.declarations)}", file=out)
    for item in sheet.priority:
        print(f"priority ({item.id}): {item.reason}", file=out)
    if sheet.eligible_from is not None:
        print(f"eligible from: {format_jalali_numeric(sheet.eligible_from)}", file=out)


# ---- coverage ----


def _coverage_json(line: CoverageLine) -> dict[str, object]:
    return {
        "id": line.clause.id,
        "article": line.article,
        "printed": line.clause.printed,
        "encoded_as": line.encoded_as,
        "posts": [role.value for role in line.posts],
        "kind": line.kind.value if line.kind else None,
        "facts": list(line.facts),
        "notes": list(line.notes),
        "text": line.clause.text,
    }


def cmd_coverage(args: argparse.Namespace) -> int:
    """`eligibility coverage`: every clause of Articles 4–8 and how it is encoded."""
    if args.edition is not None:
        edition = EDITIONS[args.edition]
    else:
        edition = max(EDITIONS.values(), key=lambda candidate: candidate.effective)
    lines = coverage(edition)
    missing = missing_clauses(edition)
    if args.json:
        document = {
            "edition": edition.id,
            "clauses": [_coverage_json(line) for line in lines],
            "missing": list(missing),
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 1 if missing else 0
    print(
        f"Edition {edition.id}: directive {edition.number} of "
        f"{format_jalali_numeric(edition.issued)}, Articles 4–8",
        file=sys.stdout,
    )
    for line in lines:
        printed = ""
        number = line.clause.id.split(".")[1]
        if number.isdigit() and to_ascii_digits(line.clause.printed) != number:
            printed = f" (printed {line.clause.printed})"
        if line.encoded_as is None:
            how = "NOT ENCODED"
        elif line.encoded_as == "priority":
            how = "priority, not a condition"
        else:
            how = f"condition, {line.kind.value if line.kind else '?'}"
        posts = ", ".join(role.value for role in line.posts)
        facts = ", ".join(line.facts) or "-"
        print(f"{line.clause.id}{printed}: {how}; posts: {posts}; facts: {facts}", file=sys.stdout)
        print(f"    {line.clause.text}", file=sys.stdout)
        for note in line.notes:
            print(f"    note: {note}", file=sys.stdout)
    if missing:
        print(f"missing: {', '.join(missing)}", file=sys.stdout)
        return 1
    print(f"all {len(lines)} clauses of Articles 4–8 are encoded; none is missing", file=sys.stdout)
    return 0
