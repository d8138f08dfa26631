"""The eligibility check's questions: each cites its post's clause and is checked for plausibility.

A question says why it is asked with the clause of the post being checked (`cited_clause`: the
degree question is 5.1 for the manager, 6.1 for the legal expert, 7.1 for the IT expert and
clerks). An answer that cannot be true (a birth date in the future) is refused. Work experience is
counted up to the reference date, in years and months (`CitedExperience`); more of it than the time
since the minimum working age is a check of plausibility (a setting, not the law): the applicant
is asked to confirm the answer or change it, and a confirmed answer is kept.

```mermaid
flowchart LR
    A[experience typed] -- unreadable --> A
    A -- plausible --> N[next question]
    A -- beyond the working age --> P{confirm / change}
    P -- ✔ confirm --> N
    P -- ✎ change --> A
```
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import jdatetime

from bot.domain.eligibility_answers import AnswerError, facts_from, parse_fact
from bot.domain.eligibility_sheet import duration_text, shown_params
from bot.flows.framework import screens
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Button, Choice, Message
from bot.flows.framework.outcomes import Invalid, Stay
from bot.flows.framework.second_look import Doubt, SecondLook
from bot.flows.framework.steps import ChoiceStep, Step, YesNoStep
from bot.flows.framework.typed_steps import DateStep
from bot.rules import (
    BARRED_BY_CLAUSE,
    EDITION_1392,
    FACTS,
    Duration,
    Edition,
    Facts,
    ImplausibleAnswer,
    Role,
    plausibility_problems,
)
from bot.rules.jalali import years_since
from bot.rules.model import CITATION, NOTE_CITATION
from bot.text.i18n import Translator
from bot.text.jalali import parse_jalali_date, parse_stored_date, today_in
from bot.text.markers import N_

ROLE: Final = "role"
EXPERIENCE: Final = "experience_years"
# Article 8 is asked clause by clause; each answer stands for the occupations its clause names.
ART8_KEYS: Final = {clause: "barred_" + clause.replace(".", "_") for clause in BARRED_BY_CLAUSE}


def citation(t: Translator, clause_id: str) -> str:
    """ "Article 5, clause 2", or "Note to Article 5"."""
    article, _, clause = clause_id.partition(".")
    if clause == "note":
        return t(NOTE_CITATION, article=int(article))
    return t(CITATION, article=int(article), clause=int(clause))


def facts_of(answers: Answers) -> Facts:
    """The typed facts behind the flow's stored answers (None stays unknown)."""
    values: dict[str, object] = {}
    for name, raw in answers.items():
        if name in FACTS and name != "barred_occupations":
            try:
                # No "today": a stored date is read in the stored form only (DateStep wrote it).
                values[name] = parse_fact(name, raw, today=None)
            except AnswerError:
                values[name] = None
    if any(key in answers for key in ART8_KEYS.values()):
        values["barred_occupations"] = {
            occupation: answers.get(key)
            for clause, key in ART8_KEYS.items()
            for occupation in BARRED_BY_CLAUSE[clause]
        }
    return facts_from(values)


def reference_date(ctx: Context) -> jdatetime.date:
    """The day ages and experience are counted to: the configured registration date, else today."""
    today = today_in(ctx.settings.zone, ctx.now)
    configured = ctx.settings.eligibility_reference_date
    return parse_jalali_date(configured, today) if configured else today


def _why(edition: Edition, clause_id: str) -> str:
    for condition in edition.conditions:
        if condition.id == clause_id:
            return condition.why
    for priority in edition.priorities:
        if priority.id == clause_id:
            return priority.why
    raise KeyError(clause_id)


def cited_clause(edition: Edition, role: Role | None, serves: tuple[str, ...]) -> str:
    """The clause a question cites for *role*: the first of *serves* among the post's own.

    The degree question serves 5.1, 6.1 and 7.1: a legal expert is told 6.1, a clerk 7.1.
    """
    if role is not None:
        own = {c.id for c in edition.conditions_for(role)}
        own |= {p.id for p in edition.priorities_for(role)}
        for clause in serves:
            if clause in own:
                return clause
    return serves[0]


def role_of(answers: Answers) -> Role | None:
    """The post being checked, once it is chosen."""
    role = answers.get(ROLE)
    return Role(role) if role in set(Role) else None


@dataclass(frozen=True, kw_only=True)
class _Cited(Step):
    """A question of the check: says why it is asked with its clause, and rejects the impossible."""

    serves: tuple[str, ...] = ()

    def why_text(self, ctx: Context) -> str | None:
        clause = cited_clause(EDITION_1392, role_of(ctx.state.answers), self.serves)
        return ctx.t(
            N_("Why we ask ({citation}): {reason}"),
            citation=citation(ctx.t, clause),
            reason=ctx.t(_why(EDITION_1392, clause)),
        )

    def problems(self, ctx: Context, value: Any) -> tuple[ImplausibleAnswer, ...]:
        """What the plausibility checks find in this step's answer *value*."""
        if self.key not in FACTS:
            return ()
        found = plausibility_problems(
            facts_of({**ctx.state.answers, self.key: value}),
            today=today_in(ctx.settings.zone, ctx.now),
            reference_date=reference_date(ctx),
            minimum_working_age=ctx.settings.minimum_working_age,
        )
        return tuple(problem for problem in found if problem.field == self.key)

    async def parse(self, ctx: Context, received: Input) -> Any:
        value = await super().parse(ctx, received)
        for problem in self.problems(ctx, value):
            if not problem.confirmable:
                raise Invalid(problem.message, **problem.params)
        return value


@dataclass(frozen=True, kw_only=True)
class CitedYesNo(_Cited, YesNoStep):
    """A yes-or-no fact."""


@dataclass(frozen=True, kw_only=True)
class CitedChoice(_Cited, ChoiceStep):
    """A fact chosen from a few values."""


#: The doubt of a birth date that makes the applicant older than the setting expects.
OLD: Final = "old"


@dataclass(frozen=True, kw_only=True)
class CitedDate(SecondLook, _Cited, DateStep):
    """A Jalali date (the birth date); an age past the plausible one is asked about once."""

    def doubts(self, ctx: Context, value: Any) -> Sequence[Doubt]:
        age = years_since(parse_stored_date(str(value)), reference_date(ctx))
        # A plausibility check of this service (DAFTAR_PLAUSIBLE_MAXIMUM_AGE), not the law's:
        # Art. 5 sets no upper age for an applicant.
        return [Doubt(OLD)] if age > ctx.settings.plausible_maximum_age else []

    def question(self, ctx: Context, kind: str, value: Any, answer: Any) -> str:
        day = parse_stored_date(str(value))
        return ctx.t(
            N_(
                "Is {date} right? That would make you {age} on {reference}, older than this "
                "service expects (a check of plausibility, not a rule of the directive)."
            ),
            date=day,
            age=int(years_since(day, reference_date(ctx))),
            reference=reference_date(ctx),
        )


EXPERIENCE_PROMPT: Final = N_(
    "How much work experience relevant to an office's work do you have, counted up to {date}? "
    'In years, or years and months: for example "5", "3.5", "42 months" or "3 years and 6 '
    'months".'
)
EXPERIENCE_UNREADABLE: Final = N_(
    'Please send your experience in years, or years and months: for example "5", "3.5", '
    '"42 months" or "3 years and 6 months".'
)
EXPERIENCE_CHECK: Final = N_("Please check your answer: {problem}")
EXPERIENCE_KEEP: Final = N_("If it is right, confirm it; otherwise change it.")
# The buttons of the plausibility check: the value to keep travels in the confirming button, so
# a button of an earlier answer keeps that answer, never a later one.
CONFIRM_EXPERIENCE: Final = "experience_confirmed:"
CHANGE_EXPERIENCE: Final = "experience_change"


@dataclass(frozen=True, kw_only=True)
class CitedExperience(_Cited):
    """Work experience up to the reference date, in years and months; a plausibility check asks."""

    def prompt_text(self, ctx: Context) -> str:
        return ctx.t(EXPERIENCE_PROMPT, date=reference_date(ctx))

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, Picked) and received.value.startswith(CONFIRM_EXPERIENCE):
            # The applicant confirmed an answer the plausibility check questioned.
            return self._years(received.value.removeprefix(CONFIRM_EXPERIENCE))
        if isinstance(received, Picked) and received.value == CHANGE_EXPERIENCE:
            raise Stay([screens.ask(ctx, self)])
        if not isinstance(received, Text):
            raise Invalid(EXPERIENCE_UNREADABLE)
        value = self._years(received.text)
        for problem in self.problems(ctx, value):
            if problem.confirmable:
                raise Stay([self._plausibility_check(ctx, value, problem)])
            raise Invalid(problem.message, **problem.params)
        return value

    def _years(self, raw: str) -> Any:
        try:
            return parse_fact(self.key, raw, today=None)
        except AnswerError:
            raise Invalid(EXPERIENCE_UNREADABLE) from None

    def _plausibility_check(self, ctx: Context, value: Any, problem: ImplausibleAnswer) -> Message:
        t = ctx.t
        said = t(problem.message, **shown_params(t, problem.params))
        lines = [t(EXPERIENCE_CHECK, problem=said), "", t(EXPERIENCE_KEEP)]
        buttons: list[list[Button]] = [
            [
                Choice(
                    t(N_("✔ Yes, {experience} is right"), experience=self.show(ctx, value)),
                    CONFIRM_EXPERIENCE + repr(value),
                )
            ],
            [Choice(t(N_("✎ Change my answer")), CHANGE_EXPERIENCE)],
            screens.controls(ctx),
        ]
        return Message("\n".join(lines), buttons=buttons)

    def show(self, ctx: Context, value: Any) -> str:
        return duration_text(ctx.t, Duration.of_years(float(value)))
