"""Filing, part 2: what happened (each choice a clause of Art. 25, or unclassified), when, and how.

```mermaid
flowchart LR
    W[what happened: one or more, then Done] -- More matters --> M[the clauses a client rarely sees]
    M --> W
    W --> D[when: a Jalali date, Today, Yesterday]
    D -- unlikely: before the set year, a Gregorian date, in the future --> Q{Did you mean …?}
    Q -- Yes --> N
    Q -- Change --> D
    D --> N{an overcharge among them?}
    N -- yes --> O[the overcharge, part 3] --> T
    N -- no --> T[description, 10 to 3,000 characters]
```

What a citizen can choose is `bot.rules.violations.CITIZEN_CHOICES`: the clauses a client
witnesses first, the others under "More matters", and "another matter", which files the
complaint unclassified for the Association (never as clause 14). The date's second look (before
`DAFTAR_INCIDENT_PLAUSIBLE_FROM_YEAR`, a Gregorian date, a day still to come) is a plausibility
check of this service, not a rule of the directive. The date is stored in the answers as
`bot.text.jalali.format_stored_date` writes it and read back with `parse_stored_date`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jdatetime

from bot.flows.framework.collecting_steps import MultiChoiceStep
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice
from bot.flows.framework.outcomes import Invalid, Stay
from bot.flows.framework.second_look import Doubt, SecondLook
from bot.flows.framework.steps import match_label
from bot.flows.framework.typed_steps import DateStep, TextStep
from bot.rules.violations import ANOTHER_MATTER, CITIZEN_CHOICES, CITIZEN_CHOICES_BY_KEY
from bot.text.jalali import (
    GREGORIAN_DATE,
    GregorianDateError,
    format_jalali_numeric,
    format_stored_date,
    parse_jalali_date,
    parse_stored_date,
    today_in,
)
from bot.text.markers import N_
from bot.text.persian import InputError, to_ascii_digits

# The citizen's choice that stands for Art. 25 clause 12 (fees above the tariff).
OVERCHARGED = "overcharged"
MORE_MATTERS = "more_matters"
FEWER_MATTERS = "fewer_matters"
#: Where the "what happened" step keeps whether "More matters" is open.
EXPANDED = "what_more"


def incident_date(answers: Answers) -> jdatetime.date | None:
    """The day it happened, once the citizen has said."""
    stored = answers.get("when")
    return parse_stored_date(str(stored)) if stored else None


def overcharged(answers: Answers) -> bool:
    """Whether the citizen says they were charged above the tariff."""
    return OVERCHARGED in (answers.get("what") or [])


def violation_ids(answers: Answers) -> list[str]:
    """The clauses of Art. 25 the citizen's choices stand for, in order ("another matter": none)."""
    chosen = (CITIZEN_CHOICES_BY_KEY[key] for key in answers.get("what") or [])
    return [choice.violation_id for choice in chosen if choice.violation_id is not None]


def unclassified(answers: Answers) -> bool:
    """Whether the citizen chose "another matter", for the Association to classify."""
    return ANOTHER_MATTER in (answers.get("what") or [])


def citation(ctx: Context, key: str) -> str:
    """A choice as the review shows it: its plain words and its clause of Article 25."""
    choice = CITIZEN_CHOICES_BY_KEY[key]
    label = ctx.t(choice.label_msgid)
    violation = choice.violation
    if violation is None:
        return label
    clause = ctx.t(N_("clause {clause} of Article 25"), clause=violation.clause)
    return f"{label} ({clause})"


@dataclass(frozen=True, kw_only=True)
class WhatStep(MultiChoiceStep):
    """What happened: what a client witnesses at once, the other clauses under "More matters"."""

    def _expanded(self, ctx: Context) -> bool:
        return bool(ctx.state.trail.get(EXPANDED))

    def prompt_text(self, ctx: Context) -> str:
        lines = [
            ctx.t(self.prompt),
            "",
            ctx.t(
                N_(
                    "Each choice is a violation listed in Article 25 of the directive. If none "
                    "fits, choose “Another matter”: the Association will classify it."
                )
            ),
        ]
        if self._expanded(ctx):
            lines += [
                "",
                ctx.t(
                    N_(
                        "The further matters are the office's duties to the Center, the "
                        "inspectors and the accounts it pays into: choose one only if you know "
                        "of it."
                    )
                ),
            ]
        return "\n".join(lines)

    def choices(self, ctx: Context) -> Sequence[Choice]:
        expanded = self._expanded(ctx)
        picked = self._picked(ctx)
        shown = {c.key for c in CITIZEN_CHOICES if c.common or expanded or c.key in picked}
        *marks, done = super().choices(ctx)
        toggle = (
            Choice(ctx.t(N_("‹ Fewer matters")), FEWER_MATTERS)
            if expanded
            else Choice(ctx.t(N_("More matters ›")), MORE_MATTERS)
        )
        return [*(c for c in marks if c.value in shown), toggle, done]

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, Text):
            numbered = self._numbered(ctx, received)
            if isinstance(numbered, list):
                return self._done(ctx, numbered)
            received = numbered
        if isinstance(received, Text):
            typed = match_label(received, self.choices(ctx)[-2:-1])  # the toggle's label
            received = Picked(typed) if typed is not None else received
        if isinstance(received, Picked) and received.value in {MORE_MATTERS, FEWER_MATTERS}:
            ctx.state.trail[EXPANDED] = received.value == MORE_MATTERS
            raise Stay([])
        return self._done(ctx, await super().parse(ctx, received))

    def _done(self, ctx: Context, chosen: list[str]) -> list[str]:
        self._set(ctx, [])
        ctx.state.trail.pop(EXPANDED, None)
        return chosen

    def _numbered(self, ctx: Context, received: Text) -> Input | list[str]:
        """Typed numbers count the buttons as shown: one is its press; several choose those."""
        parts = to_ascii_digits(received.text).replace("،", ",").split(",")
        if not all(part.strip().isdigit() for part in parts):
            return received
        shown = self.choices(ctx)
        numbers = sorted({int(part) for part in parts})
        options = [value for value, _label in self.options]
        values = [shown[n - 1].value for n in numbers if 1 <= n <= len(shown)]
        if len(values) == len(numbers) == 1:
            return Picked(values[0])
        if len(values) < len(numbers) or not all(value in options for value in values):
            raise Invalid(N_("Please choose from the buttons, then press Done."))
        return sorted(values, key=options.index)

    def show(self, ctx: Context, value: Any) -> str:
        return ctx.t.join([citation(ctx, key) for key in value if key in CITIZEN_CHOICES_BY_KEY])


#: The kinds of the date's second look.
GREGORIAN = "gregorian"
FUTURE = "future"
EARLY = "early"


def a_year_earlier(day: jdatetime.date) -> jdatetime.date:
    """The same day a year earlier (30 Esfand of a leap year: 29 Esfand)."""
    try:
        return jdatetime.date(day.year - 1, day.month, day.day)
    except ValueError:
        return jdatetime.date(day.year - 1, day.month, day.day - 1)


@dataclass(frozen=True, kw_only=True)
class IncidentDateStep(SecondLook, DateStep):
    """When it happened; an unlikely day is asked about once (a plausibility check)."""

    not_future: bool = False  # a day still to come is asked about instead (see `doubts`)

    async def read(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, Text):
            try:
                parse_jalali_date(received.text, today_in(ctx.settings.zone, ctx.now))
            except GregorianDateError as error:
                self.hold(ctx, GREGORIAN, format_stored_date(error.jalali), received.text.strip())
            except InputError:
                pass  # the date step words it
        return await super().read(ctx, received)

    def doubts(self, ctx: Context, value: Any) -> Sequence[Doubt]:
        day = parse_stored_date(str(value))
        today = today_in(ctx.settings.zone, ctx.now)
        if day > today:
            earlier = a_year_earlier(day)
            if earlier > today:
                raise Invalid(N_("That date is in the future; please check it."))
            return [Doubt(FUTURE, format_stored_date(earlier))]
        if day.year < ctx.settings.incident_plausible_from_year:
            return [Doubt(EARLY)]
        return []

    def question(self, ctx: Context, kind: str, value: Any, answer: Any) -> str:
        day = parse_stored_date(str(value))
        if kind == GREGORIAN:
            return "\n".join(
                [
                    ctx.t(GREGORIAN_DATE, example=format_jalali_numeric(day)),
                    ctx.t(N_("Did you mean {date}?"), date=day),
                ]
            )
        if kind == FUTURE:
            return ctx.t(
                N_("That date is in the future: {given} has not come yet. Did you mean {date}?"),
                given=parse_stored_date(str(answer)),
                date=day,
            )
        return ctx.t(
            N_(
                "Did you mean {date}? That is before {year}, earlier than this service expects "
                "(a check of this service, not a rule of the directive)."
            ),
            date=day,
            year=ctx.settings.incident_plausible_from_year,
        )

    def sure_label(self, ctx: Context, kind: str, value: Any) -> str:
        return ctx.t(N_("✔ Yes, {date}"), date=parse_stored_date(str(value)))


WHAT = WhatStep(
    key="what",
    label=N_("What happened"),
    prompt=N_("What happened? Choose everything that applies, then press Done."),
    options=tuple((c.key, c.label_msgid) for c in CITIZEN_CHOICES),
)

WHEN = IncidentDateStep(
    key="when", label=N_("Date"), prompt=N_("When did it happen? For example 1403/05/12.")
)

DESCRIPTION = TextStep(
    key="description",
    label=N_("Description"),
    prompt=N_("Please describe what happened, in at least 10 and at most 3,000 characters."),
    min_length=10,
    max_length=3000,
)
