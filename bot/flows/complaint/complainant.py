"""Filing, part 5: who complains (told first who sees it and for how long), and their consent.

```mermaid
flowchart LR
    N[name, after who sees it and how long it is kept] --> M[mobile: shared or typed]
    M --> I[national ID, or Skip] --> K{may the office know who complained?}
    K -- no, the default --> R[review]
    K -- yes --> R
```

Without a yes the office is told of the complaint without the complainant's name or contact
details.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.flows.framework.context import Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice
from bot.flows.framework.outcomes import Invalid
from bot.flows.framework.steps import ChoiceStep, Step
from bot.flows.framework.typed_steps import MobileStep, TextStep
from bot.text.markers import N_, NP_
from bot.text.persian import InputError, localize_digits, normalize_national_id

SKIP = "skip"


@dataclass(frozen=True, kw_only=True)
class NameStep(TextStep):
    """The complainant's name, after two lines on who sees it and for how long."""

    def prompt_text(self, ctx: Context) -> str:
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
