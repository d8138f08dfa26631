"""Filing, part 3: an overcharge (Art. 25 cl. 12) against the fee tariff in force that day.

Asked only when the citizen chose "overcharged": which service of the tariff of the incident's
year, how many pages, persons or sheets when the fee counts them, what was paid, and in rials or
tomans (asked, never assumed); then the comparison, in words. Without a tariff for that year the
complaint still goes, not compared.

```mermaid
flowchart LR
    S{a tariff for the incident's year?} -- no --> C[Continue: not compared] --> X
    S -- yes --> V[service] -- a fee per unit --> U[how many?] --> P
    V --> P[amount paid] --> R[rials or tomans] --> X[the comparison with the tariff]
```
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.domain.tariff import (
    UNIT_QUESTIONS,
    Tariff,
    TariffItem,
    bundled_tariffs,
    compare,
    tariff_for,
)
from bot.flows.complaint.incident import incident_date, overcharged
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice, Message
from bot.flows.framework.outcomes import Invalid
from bot.flows.framework.steps import ChoiceStep, Step
from bot.flows.framework.typed_steps import NumberStep
from bot.text.i18n import Translator
from bot.text.markers import N_
from bot.text.persian import localize_digits, to_ascii_digits


@cache
def tariffs() -> dict[int, Tariff]:
    """The tariffs shipped with Daftar, by Jalali year."""
    return bundled_tariffs()


def tariff_of(answers: Answers) -> Tariff | None:
    """The tariff in force on the day it happened, if Daftar has one."""
    incident = incident_date(answers)
    return tariff_for(incident, tariffs()) if incident else None


def tariff_item(answers: Answers) -> TariffItem | None:
    """The service of that tariff the citizen chose, if any."""
    tariff = tariff_of(answers)
    number = answers.get("service")
    if tariff is None or number in (None, ""):
        return None
    try:
        return tariff.item(int(number))
    except (KeyError, ValueError):
        return None


def asks_amounts(answers: Answers) -> bool:
    """Whether to ask what was paid: an overcharge, on a service of the tariff."""
    return overcharged(answers) and tariff_item(answers) is not None


def asks_units(answers: Answers) -> bool:
    """Whether to ask how many: the service's fee counts pages, persons or sheets."""
    item = tariff_item(answers)
    return overcharged(answers) and item is not None and item.per_unit


@dataclass(frozen=True, kw_only=True)
class ServiceStep(Step):
    """The service that was overcharged, from the tariff of the incident's year."""

    def prompt_text(self, ctx: Context) -> str:
        if tariff_of(ctx.state.answers) is None:
            incident = incident_date(ctx.state.answers)
            return ctx.t(
                N_(
                    "I have no fee tariff for {year}, so I cannot compare what you paid. Your "
                    "complaint is still recorded; press Continue."
                ),
                year=incident.year if incident else 0,
            )
        return ctx.t(self.prompt)

    def choices(self, ctx: Context) -> Sequence[Choice]:
        tariff = tariff_of(ctx.state.answers)
        if tariff is None:
            return [Choice(ctx.t(N_("Continue")), "none")]
        return [
            Choice(
                localize_digits(
                    f"{i.item}. " + (i.service_fa if ctx.locale == "fa" else i.service_en),
                    ctx.locale,
                )[:60],
                str(i.item),
            )
            for i in tariff.items
        ]

    @property
    def columns(self) -> int:
        return 1

    async def parse(self, ctx: Context, received: Input) -> Any:
        values = {choice.value for choice in self.choices(ctx)}
        if isinstance(received, Picked) and received.value in values:
            return None if received.value == "none" else received.value
        if isinstance(received, Text) and to_ascii_digits(received.text.strip()) in values:
            return to_ascii_digits(received.text.strip())
        raise Invalid(N_("Please choose one of the buttons."))

    def show(self, ctx: Context, value: Any) -> str:
        item = tariff_item({**ctx.state.answers, "service": value})
        if item is None:
            return ctx.t(N_("not compared"))
        return item.service_fa if ctx.locale == "fa" else item.service_en


@dataclass(frozen=True, kw_only=True)
class UnitsStep(NumberStep):
    """How many pages, persons or sheets the fee counts."""

    def prompt_text(self, ctx: Context) -> str:
        item = tariff_item(ctx.state.answers)
        return (
            ctx.t(UNIT_QUESTIONS[item.unit])
            if item and item.unit in UNIT_QUESTIONS
            else ctx.t(self.prompt)
        )


@dataclass(frozen=True, kw_only=True)
class CurrencyStep(ChoiceStep):
    """Rials or tomans (asked, never assumed); then the comparison with the tariff."""

    def after(self, ctx: Context, value: Any) -> list[Message]:
        return [Message(overcharge_text(ctx.t, ctx.state.answers))]


def overcharge_text(t: Translator, answers: Answers) -> str:
    """The comparison of what was paid with the tariff, in words."""
    item = tariff_item(answers)
    if item is None:
        return t(N_("Not compared with the tariff."))
    result = compare(
        item, int(answers.get("units") or 1), int(answers["paid"]), answers["currency"]
    )
    return t(result.message, **dict(result.params))


def overcharge_record(answers: Answers) -> dict[str, Any] | None:
    """What was paid against the tariff, as stored with the complaint."""
    if not overcharged(answers):
        return None
    item = tariff_item(answers)
    tariff = tariff_of(answers)
    if item is None:
        return {"tariff_year": tariff.year if tariff else None, "compared": False}
    result = compare(
        item, int(answers.get("units") or 1), int(answers["paid"]), answers["currency"]
    )
    return {
        "tariff_year": tariff.year if tariff else None,
        "item": item.item,
        "units": result.units,
        "paid": int(answers["paid"]),
        "currency": answers["currency"],
        "paid_rials": result.paid_rials,
        "fee_rials": result.fee_rials,
        "difference_rials": result.difference_rials,
        "compared": result.comparable,
    }


SERVICE = ServiceStep(
    key="service",
    label=N_("Service"),
    prompt=N_("Which service were you overcharged for?"),
    when=overcharged,
)

UNITS = UnitsStep(
    key="units",
    label=N_("Pages, persons or sheets"),
    prompt=N_("How many?"),
    minimum=1,
    maximum=10_000,
    when=asks_units,
)

PAID = NumberStep(
    key="paid",
    label=N_("Amount paid"),
    prompt=N_("How much did you pay for it? Just the number; I will ask rials or tomans next."),
    minimum=0,
    maximum=10**12,
    when=asks_amounts,
)

CURRENCY = CurrencyStep(
    key="currency",
    label=N_("Currency"),
    prompt=N_("Was that amount in rials or in tomans?"),
    options=(("rial", N_("Rials")), ("toman", N_("Tomans"))),
    when=asks_amounts,
)
