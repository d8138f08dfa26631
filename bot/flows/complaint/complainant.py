"""Filing, part 5: who complains (told first who sees it and for how long), and their consent.

```mermaid
flowchart LR
    N[name, after who sees it and how long it is kept] -- one word --> Q{full name? Yes / Change}
    Q --> M
    N --> M[mobile: shared or typed]
    M --> I[national ID, or Skip] --> K{may the office know who complained?}
    K -- no, the default --> R[review]
    K -- yes --> R
```

Without a yes the office is told of the complaint without the complainant's name or contact
details.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.flows.framework.context import Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice
from bot.flows.framework.outcomes import Invalid
from bot.flows.framework.second_look import Doubt, SecondLook
from bot.flows.framework.steps import ChoiceStep, Step
from bot.flows.framework.typed_steps import MobileStep, TextStep
from bot.text.markers import N_, NP_
from bot.text.persian import InputError, localize_digits, normalize, normalize_national_id

SKIP = "skip"


#: Besides letters (and their marks), what a name may hold: spaces, ZWNJ, hyphens, apostrophes
#: and the dot of an initial.
NAME_MARKS = frozenset(" \u200c-'’.")
ONE_WORD = "one_word"


def written_in_letters(name: str) -> bool:
    """Whether *name* is letters, in any script, with only the marks a name may hold.

    A plausibility check of this service: the directive says nothing of a complainant's name.
    """
    return any(ch.isalpha() for ch in name) and all(
        ch.isalpha() or unicodedata.category(ch).startswith("M") or ch in NAME_MARKS for ch in name
    )


@dataclass(frozen=True, kw_only=True)
class NameStep(SecondLook, TextStep):
    """The complainant's name, after two lines on who sees it and for how long.

    A name in letters only (`written_in_letters`); a single word is asked about once, since a
    full name is usually a first name and a surname (a plausibility check, not a rule).
    """

    async def read(self, ctx: Context, received: Input) -> Any:
        name = normalize(await super().read(ctx, received))
        if not written_in_letters(name):
            raise Invalid(
                N_(
                    "A name is written in letters: please write your full name, without digits "
                    "or symbols."
                )
            )
        return name

    def doubts(self, ctx: Context, value: Any) -> Sequence[Doubt]:
        return [Doubt(ONE_WORD)] if len(str(value).split()) < 2 else []

    def question(self, ctx: Context, kind: str, value: Any, answer: Any) -> str:
        return ctx.t(
            N_(
                "Is “{name}” your full name? A full name is usually a first name and a surname, "
                "and the Association may need both to reach you."
            ),
            name=value,
        )

    def sure_label(self, ctx: Context, kind: str, value: Any) -> str:
        return ctx.t(N_("✔ Yes, that is my full name"))

    def prompt_text(self, ctx: Context) -> str:
        if self.holding(ctx) is not None:
            return super().prompt_text(ctx)
        years = round(ctx.settings.complaint_retention_days / 365, 1)
        return "\n".join(
            [
                ctx.t(
                    N_(
                        "Who sees your details: the Association that handles the complaint and "
                        "its Primary Disciplinary Board; the office only if you allow it."
                    )
                ),
                ctx.t(
                    NP_(
                        "How long they are kept: {years} year after filing (a setting of this "
                        "service).",
                        "How long they are kept: {years} years after filing (a setting of this "
                        "service).",
                        count="years",
                    ),
                    years=years,
                ),
                "",
                ctx.t(self.prompt),
            ]
        )


@dataclass(frozen=True, kw_only=True)
class NationalIdStep(Step):
    """The national ID, optional; its checksum is verified."""

    def choices(self, ctx: Context) -> Sequence[Choice]:
        return [Choice(ctx.t(N_("Skip")), SKIP)]

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, Picked) and received.value == SKIP:
            return ""
        if not isinstance(received, Text):
            raise Invalid(N_("Please type your 10-digit national ID, or press Skip."))
        try:
            return normalize_national_id(received.text)
        except InputError as error:
            raise Invalid.from_input_error(error) from None

    def show(self, ctx: Context, value: Any) -> str:
        return localize_digits(str(value), ctx.locale) if value else ctx.t(N_("not given"))


CONSENT_OPTIONS = (
    ("no", N_("No: keep my identity from the office")),
    ("yes", N_("Yes: the office may know it was me")),
)

FULL_NAME = NameStep(
    key="name",
    label=N_("Your name"),
    prompt=N_("Your full name?"),
    min_length=2,
    max_length=100,
)

MOBILE = MobileStep(
    key="mobile",
    label=N_("Mobile"),
    prompt=N_("Your mobile number? Share it with the button below, or type it."),
)

NATIONAL_ID = NationalIdStep(
    key="national_id",
    label=N_("National ID"),
    prompt=N_("Your national ID (optional: it helps the Association reach you)."),
)

CONSENT = ChoiceStep(
    key="consent",
    label=N_("The office may know who complained"),
    prompt=N_(
        "May the office learn who complained? If you say no, the office is told of the "
        "complaint without your name or contact details."
    ),
    options=CONSENT_OPTIONS,
    columns=1,
)
