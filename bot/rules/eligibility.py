"""Evaluating an applicant against an edition's conditions; plausibility; coverage of the law.

    >>> import jdatetime
    >>> from bot.rules import Facts, Role, evaluate
    >>> sheet = evaluate(Role.CLERK, Facts(), jdatetime.date(1403, 1, 1))
    >>> sheet.verdict
    <Verdict.UNDETERMINED: 'undetermined'>

The verdict never guesses: `not_eligible` if any condition is not met; else `undetermined` if
any is unknown; else `eligible`, which means "nothing you told us rules you out" — the sheet then
lists the declarations the Directorate will verify and the decisions it must take.

Plausibility is separate from the law: `plausibility_problems` finds answers that cannot be true
(a birth date in the future) and answers that are hardly likely (more experience than the time
since the minimum working age, a setting: `confirmable`, for the person to confirm) before they
are evaluated. Call it on every answer, then `evaluate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

import jdatetime

from bot.rules.edition_1392 import EDITION_1392
from bot.rules.facts import Duration, Facts
from bot.rules.jalali import date_of_age, years_since
from bot.rules.markers import N_
from bot.rules.model import (
    Condition,
    ConditionResult,
    Edition,
    Kind,
    Params,
    PrintedClause,
    PriorityResult,
    Question,
    Role,
    Sheet,
    Status,
    Verdict,
)

#: Every edition, by id. A later regulation is added here, beside 1392.
EDITIONS: Final[Mapping[str, Edition]] = {EDITION_1392.id: EDITION_1392}


class NoEditionInForce(LookupError):
    """No edition was in force on the date asked about."""

    def __init__(self, on: jdatetime.date, earliest: Edition) -> None:
        super().__init__(
            f"no edition in force on {on}; the earliest takes effect {earliest.effective}"
        )
        self.on = on
        self.earliest = earliest


def edition_in_force(on: jdatetime.date) -> Edition:
    """The edition in force on *on*: the one with the latest effective date not after it."""
    in_force = [edition for edition in EDITIONS.values() if edition.effective <= on]
    if not in_force:
        raise NoEditionInForce(on, min(EDITIONS.values(), key=lambda e: e.effective))
    return max(in_force, key=lambda edition: edition.effective)


def conditions_for(role: Role, edition: Edition = EDITION_1392) -> tuple[Condition, ...]:
    """The conditions of *role* under *edition*, in the directive's order."""
    return edition.conditions_for(role)


def questions_for(role: Role, edition: Edition = EDITION_1392) -> tuple[Question, ...]:
    """The questions for a *role* applicant, in order; skip those whose `applies` is False."""
    return edition.questions_for(role)


def next_question(
    role: Role,
    facts: Facts,
    asked: frozenset[str] | set[str],
    edition: Edition = EDITION_1392,
) -> Question | None:
    """The first question for *role* not yet *asked* (fact names) that still applies, or None."""
    for question in edition.questions_for(role):
        if question.fact not in asked and question.applies(facts):
            return question
    return None


def verdict_of(statuses: tuple[Status, ...]) -> Verdict:
    """The verdict on a set of condition statuses."""
    if Status.NOT_MET in statuses:
        return Verdict.NOT_ELIGIBLE
    if Status.UNKNOWN in statuses:
        return Verdict.UNDETERMINED
    return Verdict.ELIGIBLE


def evaluate(
    role: Role,
    facts: Facts,
    reference_date: jdatetime.date,
    edition: Edition = EDITION_1392,
) -> Sheet:
    """Apply every condition of *role* under *edition* to *facts*, with ages on *reference_date*.

    `eligible_from` is set when every unmet condition will be met by time alone — in this
    edition, when age is the only unmet condition — and is the day the last of them is met.
    `priority` holds the priorities that apply, and only when the verdict is `eligible`.
    """
    results = tuple(
        ConditionResult(condition, condition.check(facts, reference_date))
        for condition in edition.conditions_for(role)
    )
    verdict = verdict_of(tuple(result.status for result in results))
    unmet = [result for result in results if result.status is Status.NOT_MET]
    eligible_from = None
    if unmet and all(result.finding.met_on is not None for result in unmet):
        eligible_from = max(result.finding.met_on for result in unmet if result.finding.met_on)
    # The note to Article 5 applies "in addition to" the conditions: to an eligible applicant.
    priority = tuple(
        PriorityResult(p)
        for p in edition.priorities_for(role)
        if verdict is Verdict.ELIGIBLE and p.applies(facts) is True
    )
    return Sheet(
        edition=edition,
        role=role,
        reference_date=reference_date,
        results=results,
        verdict=verdict,
        priority=priority,
        eligible_from=eligible_from,
    )


# ---- plausibility: answers that cannot be true, and answers that are hardly likely ----

#: Configuration, not law: the directive sets no minimum working age.
DEFAULT_MINIMUM_WORKING_AGE: Final = 15

BIRTH_DATE_IN_FUTURE: Final = N_("The date of birth {birth_date} is in the future.")
BIRTH_DATE_AFTER_REFERENCE: Final = N_(
    "The date of birth {birth_date} is after the reference date {reference_date}."
)
EXPERIENCE_TOO_LONG: Final = N_(
    "{experience} of experience on {date} is more than the time since you turned {minimum} on "
    "{since}. This is only a check of plausibility: it assumes that nobody works before the age "
    "of {minimum}, a setting of this service, not a rule of the directive."
)


class ImplausibleAnswer(ValueError):
    """An answer that cannot be true; `message` is a message id filled with `params`.

    `confirmable` marks a check of plausibility rather than of possibility (experience beyond
    the minimum working age, a setting): the person may confirm the answer and keep it.
    """

    def __init__(
        self, field: str, message: str, params: Params, *, confirmable: bool = False
    ) -> None:
        super().__init__(f"{field}: {message.format(**params)}")
        self.field = field
        self.message = message
        self.params = params
        self.confirmable = confirmable


def plausibility_problems(
    facts: Facts,
    *,
    today: jdatetime.date,
    reference_date: jdatetime.date | None = None,
    minimum_working_age: int = DEFAULT_MINIMUM_WORKING_AGE,
) -> tuple[ImplausibleAnswer, ...]:
    """Every implausible answer in *facts*, judged on *today* (and on *reference_date*, if any).

    A birth date after *today*, or after the reference date, cannot be true. More experience
    than the time from the day the applicant turned *minimum_working_age* to the reference date
    (else *today*) — experience is counted up to the reference date — is a `confirmable` problem.
    """
    problems: list[ImplausibleAnswer] = []
    birth = facts.birth_date
    if birth is not None and birth > today:
        problems.append(
            ImplausibleAnswer("birth_date", BIRTH_DATE_IN_FUTURE, {"birth_date": birth})
        )
    elif birth is not None and reference_date is not None and birth > reference_date:
        problems.append(
            ImplausibleAnswer(
                "birth_date",
                BIRTH_DATE_AFTER_REFERENCE,
                {"birth_date": birth, "reference_date": reference_date},
            )
        )
    years = facts.experience_years
    counted_to = reference_date or today
    if birth is not None and birth <= min(today, counted_to) and years is not None:
        since = date_of_age(birth, minimum_working_age)
        if years > years_since(since, counted_to):
            params = {
                "experience": Duration.of_years(years),
                "date": counted_to,
                "minimum": minimum_working_age,
                "since": since,
            }
            problems.append(
                ImplausibleAnswer("experience_years", EXPERIENCE_TOO_LONG, params, confirmable=True)
            )
    return tuple(problems)


def check_plausibility(
    facts: Facts,
    *,
    today: jdatetime.date,
    reference_date: jdatetime.date | None = None,
    minimum_working_age: int = DEFAULT_MINIMUM_WORKING_AGE,
) -> None:
    """Raise `ImplausibleAnswer` for the first implausible answer in *facts*."""
    problems = plausibility_problems(
        facts,
        today=today,
        reference_date=reference_date,
        minimum_working_age=minimum_working_age,
    )
    if problems:
        raise problems[0]


# ---- coverage: every clause of the law and how it is encoded ----


@dataclass(frozen=True)
class CoverageLine:
    """One printed clause and how an edition encodes it (`encoded_as` None: not encoded)."""

    clause: PrintedClause
    article: int
    encoded_as: Literal["condition", "priority"] | None
    posts: tuple[Role, ...]
    kind: Kind | None
    facts: tuple[str, ...]
    notes: tuple[str, ...]


def coverage(edition: Edition = EDITION_1392) -> tuple[CoverageLine, ...]:
    """Every clause the edition prints, with the condition or priority that encodes it."""
    conditions = {condition.id: condition for condition in edition.conditions}
    priorities = {priority.id: priority for priority in edition.priorities}
    lines = []
    for printed in edition.clauses:
        article = int(printed.id.split(".")[0])
        posts = tuple(role for role, articles in edition.posts.items() if article in articles)
        condition = conditions.get(printed.id)
        priority = priorities.get(printed.id)
        if condition is not None:
            line = CoverageLine(
                printed,
                article,
                "condition",
                posts,
                condition.kind,
                condition.facts,
                condition.notes,
            )
        elif priority is not None:
            line = CoverageLine(printed, article, "priority", posts, None, priority.facts, ())
        else:
            line = CoverageLine(printed, article, None, posts, None, (), ())
        lines.append(line)
    return tuple(lines)


def missing_clauses(edition: Edition = EDITION_1392) -> tuple[str, ...]:
    """The ids of printed clauses that no condition or priority encodes (none, for 1392)."""
    return tuple(line.clause.id for line in coverage(edition) if line.encoded_as is None)
