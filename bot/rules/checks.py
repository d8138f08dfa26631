"""The tests conditions are built from: small, pure, and shared by the clauses that repeat.

Each builder returns a `Test` — (facts, reference date) → `Finding`. None of them guesses: an
answer that is missing gives `unknown`, and a clause with alternatives is decided by `any_of`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import jdatetime

from bot.rules.facts import (
    NAMED_FIELDS,
    Degree,
    DegreeField,
    Duration,
    Facts,
    Gender,
    MilitaryService,
    Occupation,
)
from bot.rules.jalali import age_on, date_of_age
from bot.rules.markers import N_, NP_
from bot.rules.model import Finding, Status, Test

#: The reason of a condition whose only fact is unanswered.
NOT_ANSWERED: Final = N_("Not answered, so this condition cannot be decided yet.")

# Alternatives: the first status in this order that any alternative has wins. `met` beats all;
# a decision the Directorate must take beats an unanswered alternative, because whatever that
# answer is, the condition is no obstacle; `not_met` only when every alternative is not met.
_ALTERNATIVE_ORDER: Final = (
    Status.MET,
    Status.NEEDS_OFFICIAL_DECISION,
    Status.UNKNOWN,
    Status.NOT_MET,
)


def any_of(alternatives: Iterable[Finding], *, none_met: str, unknown: str) -> Finding:
    """Combine the findings of a clause's alternatives.

    Met if any alternative is met; needing the Directorate's decision if one does and none is
    met; unknown if one is unknown and none is met or needs a decision; not met only if every
    alternative is not met — then with the reason *none_met*. An unknown result has the reason
    *unknown* and names the facts of every unknown alternative.
    """
    findings = tuple(alternatives)
    for status in _ALTERNATIVE_ORDER:
        chosen = [f for f in findings if f.status is status]
        if not chosen:
            continue
        if status is Status.NOT_MET:
            return Finding(Status.NOT_MET, none_met)
        if status is Status.UNKNOWN:
            missing = tuple(dict.fromkeys(name for f in chosen for name in f.missing))
            return Finding(Status.UNKNOWN, unknown, missing=missing)
        return chosen[0]
    raise ValueError("a clause needs at least one alternative")


def declared(fact: str, *, holds_when: bool, met: str, not_met: str) -> Test:
    """A condition the applicant declares: met when boolean *fact* is *holds_when*."""

    def test(facts: Facts, reference_date: jdatetime.date) -> Finding:
        value = facts.value(fact)
        if value is None:
            return Finding(Status.UNKNOWN, NOT_ANSWERED, missing=(fact,))
        if value is holds_when:
            return Finding(Status.MET, met)
        return Finding(Status.NOT_MET, not_met)

    return test


def answer_in(fact: str, accepted: frozenset[str], *, met: str, not_met: str) -> Test:
    """A condition met when *fact* has one of the *accepted* values."""

    def test(facts: Facts, reference_date: jdatetime.date) -> Finding:
        value = facts.value(fact)
        if value is None:
            return Finding(Status.UNKNOWN, NOT_ANSWERED, missing=(fact,))
        if value in accepted:
            return Finding(Status.MET, met)
        return Finding(Status.NOT_MET, not_met)

    return test


_SERVICE_SETTLED: Final = frozenset(
    {MilitaryService.COMPLETED, MilitaryService.PERMANENT_EXEMPTION}
)
_SERVICE_MET: Final = N_("You have a military-service completion card or a permanent exemption.")
_SERVICE_NOT_MET: Final = N_(
    "Male applicants need a military-service completion card or a permanent exemption."
)
_SERVICE_FOR_MEN: Final = N_("This clause applies to male applicants only.")
_SERVICE_GENDER_UNKNOWN: Final = N_(
    "This depends on your gender: the clause applies to male applicants only."
)


def military_service_for_men(facts: Facts, reference_date: jdatetime.date) -> Finding:
    """Article 4.6: a completion card or a permanent exemption, for male applicants.

    A settled service is no obstacle even when the gender is not answered.
    """
    if facts.gender is Gender.FEMALE:
        return Finding(Status.NOT_APPLICABLE, _SERVICE_FOR_MEN)
    service = facts.military_service
    if service in _SERVICE_SETTLED:
        return Finding(Status.MET, _SERVICE_MET)
    if facts.gender is Gender.MALE:
        if service is None:
            return Finding(Status.UNKNOWN, NOT_ANSWERED, missing=("military_service",))
        return Finding(Status.NOT_MET, _SERVICE_NOT_MET)
    # Gender unanswered and service not settled: a woman would meet it, a man would not.
    missing = ("gender",) if service is not None else ("gender", "military_service")
    return Finding(Status.UNKNOWN, _SERVICE_GENDER_UNKNOWN, missing=missing)


_DEGREE_NAMED_FIELD: Final = N_(
    "Your bachelor's degree or higher is in law, fiqh or judicial sciences."
)
_DEGREE_RELATED_FIELD: Final = N_(
    "Your degree is in a field you consider related to law, fiqh or judicial sciences: "
    "the Directorate decides whether it is."
)
_DEGREE_SEMINARY: Final = N_(
    "You have completed seminary level {level}; level {minimum} or higher meets this clause."
)
_DEGREE_NOT_MET: Final = N_(
    "You have neither a bachelor's degree or higher in law, fiqh, judicial sciences or a related "
    "field, nor seminary level 2 or higher."
)
_DEGREE_UNKNOWN: Final = N_(
    "Not decided yet: it depends on your degree and its field, or on your seminary level."
)
_NOT_MET_PART: Final = N_("This alternative is not met.")


def university_degree(facts: Facts, minimum: Degree) -> Finding:
    """The university alternative of 5.1, 6.1 and 7.1: *minimum* or higher in a related field."""
    if facts.degree is None:
        return Finding(Status.UNKNOWN, NOT_ANSWERED, missing=("degree",))
    if not facts.degree.at_least(minimum):
        return Finding(Status.NOT_MET, _NOT_MET_PART)
    field = facts.degree_field
    if field is None:
        return Finding(Status.UNKNOWN, NOT_ANSWERED, missing=("degree_field",))
    if field in NAMED_FIELDS:
        return Finding(Status.MET, _DEGREE_NAMED_FIELD)
    if field is DegreeField.RELATED:
        # "مرتبط با" (related to): whether another field is related is for the Directorate.
        return Finding(Status.NEEDS_OFFICIAL_DECISION, _DEGREE_RELATED_FIELD)
    return Finding(Status.NOT_MET, _NOT_MET_PART)


def seminary_degree(facts: Facts, minimum: int) -> Finding:
    """The seminary alternative of 5.1, 6.1 and 7.1: level *minimum* or higher."""
    level = facts.seminary_level
    if level is None:
        return Finding(Status.UNKNOWN, NOT_ANSWERED, missing=("seminary_level",))
    if level >= minimum:
        return Finding(Status.MET, _DEGREE_SEMINARY, {"level": level, "minimum": minimum})
    return Finding(Status.NOT_MET, _NOT_MET_PART)


def degree_or_seminary(minimum: Degree, seminary_minimum: int) -> Test:
    """Articles 5.1, 6.1, 7.1: a university degree in a related field, or a seminary level."""

    def test(facts: Facts, reference_date: jdatetime.date) -> Finding:
        return any_of(
            (university_degree(facts, minimum), seminary_degree(facts, seminary_minimum)),
            none_met=_DEGREE_NOT_MET,
            unknown=_DEGREE_UNKNOWN,
        )

    return test


_AGE_MET: Final = N_("You are {age} on {date}; the clause asks for at least {minimum}.")
_AGE_NOT_MET: Final = N_(
    "You are {age} on {date}; the clause asks for at least {minimum}. "
    "You turn {minimum} on {eligible_on}."
)


def age_at_least(minimum: int) -> Test:
    """A minimum age on the reference date, counted by Jalali birthdays."""

    def test(facts: Facts, reference_date: jdatetime.date) -> Finding:
        birth = facts.birth_date
        if birth is None:
            return Finding(Status.UNKNOWN, NOT_ANSWERED, missing=("birth_date",))
        age = age_on(birth, reference_date)
        params: dict[str, object] = {"age": age, "date": reference_date, "minimum": minimum}
        if age >= minimum:
            return Finding(Status.MET, _AGE_MET, params)
        eligible_on = date_of_age(birth, minimum)
        params["eligible_on"] = eligible_on
        return Finding(Status.NOT_MET, _AGE_NOT_MET, params, met_on=eligible_on)

    return test


_EXPERIENCE: Final = NP_(
    "On {date}, you have {experience} of relevant work experience; the clause asks for at least "
    "{minimum} year.",
    "On {date}, you have {experience} of relevant work experience; the clause asks for at least "
    "{minimum} years.",
    count="minimum",
)


def experience_at_least(minimum: int) -> Test:
    """A minimum length of relevant work experience, counted up to the reference date.

    The answer is the experience the applicant has on the reference date (the question says
    so); its `experience` param is the `Duration` to show ("4 years and 6 months").
    """

    def test(facts: Facts, reference_date: jdatetime.date) -> Finding:
        years = facts.experience_years
        if years is None:
            return Finding(Status.UNKNOWN, NOT_ANSWERED, missing=("experience_years",))
        status = Status.MET if years >= minimum else Status.NOT_MET
        params = {
            "experience": Duration.of_years(years),
            "minimum": minimum,
            "date": reference_date,
        }
        return Finding(status, _EXPERIENCE, params)

    return test


_SKILLS_DECISION: Final = N_(
    "You say you have them; the Directorate must approve your computer skills for this post."
)
_SKILLS_NOT_MET: Final = N_(
    "The clause asks for basic computer knowledge and skills approved by the Directorate."
)


def approved_by_directorate(facts: Facts, reference_date: jdatetime.date) -> Finding:
    """Computer skills "approved by the Directorate": only the Directorate can say yes."""
    skills = facts.computer_skills
    if skills is None:
        return Finding(Status.UNKNOWN, NOT_ANSWERED, missing=("computer_skills",))
    if skills:
        return Finding(Status.NEEDS_OFFICIAL_DECISION, _SKILLS_DECISION)
    return Finding(Status.NOT_MET, _SKILLS_NOT_MET)


_NO_BARRED_OCCUPATION: Final = N_("None of the occupations this clause names applies to you.")
_OCCUPATIONS_UNKNOWN: Final = N_("Not every occupation this clause names has been answered.")


def none_of(barred: tuple[Occupation, ...], *, not_met: str) -> Test:
    """Article 8: not met if any of *barred* applies, met if none does, unknown otherwise."""

    def test(facts: Facts, reference_date: jdatetime.date) -> Finding:
        answers = [facts.occupation(occupation) for occupation in barred]
        if any(answer is True for answer in answers):
            return Finding(Status.NOT_MET, not_met)
        if all(answer is False for answer in answers):
            return Finding(Status.MET, _NO_BARRED_OCCUPATION)
        return Finding(Status.UNKNOWN, _OCCUPATIONS_UNKNOWN, missing=("barred_occupations",))

    return test
