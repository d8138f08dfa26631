"""Filing, part 3: an overcharge (Art. 25 cl. 12): the service, how many, what was paid, and the
comparison with the tariff of the incident's year where Daftar holds one.

Asked only when the citizen chose "overcharged", and then always all three, whatever the year:
the service (from the list of the tariff held for the incident's year, or typed in words when
it is not listed or no tariff is held), how many pages, persons, sheets or times, and the amount
paid, in digits or words, with its unit (tomans or rials; asked when not said). The amount is
read back in rials, the tariff's unit and the one it is kept in, so that the citizen can correct
it. Then the comparison names the tariff it used ("the tariff we hold for 1403 (websitevakil.ir,
not the official text)"), or says why none was made; the review and the receipt say it again.

```mermaid
flowchart LR
    S[service: the year's list, or typed] --> U[how many?] --> P[amount paid, digits or words]
    P -- no unit said --> R[rials or tomans] --> X
    P -- unit said --> X{a tariff of that year, the service in it, a fixed fee?}
    X -- yes --> C[compared: the fee, what was paid, how much more]
    X -- no --> N[not compared, and why]
```

The tariff of the incident's year is copied into the conversation's trail when the service is
first asked (`hold_tariff`), so that every screen of the step lists the same services even if an
operator imports a tariff meanwhile. What the answers say, and how it is told and stored, is in
`overcharge_answers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from bot.domain.tariff import (
    UNIT_QUESTIONS,
    Tariff,
    bundled_tariffs,
    held_tariff,
    item_record,
    tariff_for,
    tariff_from_record,
    tariff_record,
)
from bot.flows.complaint.incident import incident_date, overcharged
from bot.flows.complaint.overcharge_answers import (
    asks_currency,
    asks_units,
    held_phrase,
    in_rials,
    money,
    overcharge_text,
    paid_of,
    read_back,
    service_of,
)
from bot.flows.framework.context import Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice, Message
from bot.flows.framework.outcomes import Invalid
from bot.flows.framework.steps import ChoiceStep, Step
from bot.flows.framework.typed_steps import NumberStep
from bot.text.amounts import AmountError, parse_amount
from bot.text.markers import N_
from bot.text.persian import format_number, localize_digits, match_key, to_ascii_digits

#: The trail's key for the conversation's copy of the tariff of the incident's year.
TRAIL: Final = "tariff"
#: The most a button's label shows of a service's name (cut at a word, with «…»).
LABEL_LENGTH: Final = 60
SERVICE_LENGTH: Final = 200
MAX_RIALS: Final = 10**12

# ---- the tariff of the incident's year ----


async def hold_tariff(ctx: Context) -> None:
    """Copy into the conversation the tariff held for the incident's year (or that none is)."""
    answers = ctx.state.answers
    incident = incident_date(answers)
    if incident is None or not overcharged(answers):
        return
    kept = ctx.state.trail.get(TRAIL)
    if isinstance(kept, dict) and kept.get("year") == incident.year:
        return
    tariff = await held_tariff(ctx.session, int(incident.year))
    ctx.state.trail[TRAIL] = {
        "year": int(incident.year),
        "tariff": None if tariff is None else tariff_record(tariff),
    }


def listed_tariff(ctx: Context) -> Tariff | None:
    """The tariff the service step lists: the conversation's copy (the bundled one before it)."""
    incident = incident_date(ctx.state.answers)
    if incident is None:
        return None
    kept = ctx.state.trail.get(TRAIL)
    if isinstance(kept, dict) and kept.get("year") == incident.year:
        record = kept.get("tariff")
        return tariff_from_record(record) if record else None
    return tariff_for(incident, bundled_tariffs())


def _said_after_the_amount(ctx: Context) -> list[Message]:
    lines = [read_back(ctx.t, ctx.state.answers), overcharge_text(ctx.t, ctx.state.answers)]
    shown = [line for line in lines if line]
    return [Message("\n\n".join(shown))] if shown else []


def shorten(label: str, length: int = LABEL_LENGTH) -> str:
    """*label* cut to *length* characters at a word, with «…», when it is longer."""
    if len(label) <= length:
        return label
    cut = label[: length - 1].rsplit(" ", 1)[0].rstrip(" ،,/")
    return cut + "…"


# ---- the steps ----


@dataclass(frozen=True, kw_only=True)
class ServiceStep(Step):
    """The service that was overcharged: from the tariff of the incident's year, or typed."""

    def prompt_text(self, ctx: Context) -> str:
        tariff = listed_tariff(ctx)
        if tariff is None:
            incident = incident_date(ctx.state.answers)
            return ctx.t(
                N_(
                    "We hold no fee tariff for {year}, so what you paid cannot be compared with a "
                    "fee; the Association still receives the service, the count and the amount. "
                    "Which service were you overcharged for? Type it in a few words."
                ),
                year=incident.year if incident else 0,
            )
        return ctx.t(
            N_(
                "Which service were you overcharged for? Choose it from {tariff}, or send its "
                "number. If it is not in the list, type it in a few words."
            ),
            tariff=held_phrase(ctx.t, tariff.year, tariff.source, tariff.official),
        )

    def choices(self, ctx: Context) -> Sequence[Choice]:
        tariff = listed_tariff(ctx)
        if tariff is None:
            return []
        return [
            Choice(
                shorten(
                    localize_digits(f"{i.item}. ", ctx.locale)
                    + (i.service_fa if ctx.locale == "fa" else i.service_en)
                ),
                str(i.item),
            )
            for i in tariff.items
        ]

    @property
    def columns(self) -> int:
        return 1

    async def parse(self, ctx: Context, received: Input) -> Any:
        await hold_tariff(ctx)
        tariff = listed_tariff(ctx)
        incident = incident_date(ctx.state.answers)
        year = int(incident.year) if incident else 0
        if isinstance(received, Picked) and tariff is not None:
            if received.value.isdigit():
                return self._chosen(tariff, int(received.value))
            raise Invalid(N_("Please choose one of the buttons, or type the service in words."))
        if not isinstance(received, Text):
            raise Invalid(N_("Please type the service in words."))
        typed = received.text.strip()
        if to_ascii_digits(typed).isdigit():
            if tariff is None:
                raise Invalid(N_("Please type the service in words, not a number."))
            return self._chosen(tariff, int(to_ascii_digits(typed)))
        if tariff is not None:
            key = match_key(typed)
            for item in tariff.items:
                if key in (match_key(item.service_fa), match_key(item.service_en)):
                    return self._chosen(tariff, item.item)
        if len(typed) < 2:
            raise Invalid(N_("Please name the service in a few words."))
        if len(typed) > SERVICE_LENGTH:
            raise Invalid(
                N_("Please name the service in at most {maximum} characters."),
                maximum=SERVICE_LENGTH,
            )
        held = None if tariff is None else {"source": tariff.source, "official": tariff.official}
        return {"year": year, "tariff": held, "text": typed}

    @staticmethod
    def _chosen(tariff: Tariff, number: int) -> dict[str, Any]:
        try:
            item = tariff.item(number)
        except KeyError:
            raise Invalid(
                N_("The list has no service numbered {number}: choose a button, or type it."),
                number=number,
            ) from None
        held = {"source": tariff.source, "official": tariff.official}
        return {"year": tariff.year, "tariff": held, **item_record(item)}

    def show(self, ctx: Context, value: Any) -> str:
        service = service_of({**ctx.state.answers, "service": value})
        return service.name(ctx.locale) if service else str(value)


@dataclass(frozen=True, kw_only=True)
class UnitsStep(NumberStep):
    """How many pages, persons, sheets or times the citizen was charged for."""

    def prompt_text(self, ctx: Context) -> str:
        service = service_of(ctx.state.answers)
        if service is not None and service.item is not None:
            return ctx.t(UNIT_QUESTIONS[service.item.unit])
        return ctx.t(self.prompt)


@dataclass(frozen=True, kw_only=True)
class PaidStep(Step):
    """What was paid, in digits or words, with its unit when said; never zero."""

    async def parse(self, ctx: Context, received: Input) -> Any:
        if not isinstance(received, Text):
            raise Invalid(N_("Please send the amount as text, for example 50,000 tomans."))
        try:
            typed = parse_amount(received.text)
        except AmountError as error:
            raise Invalid.from_input_error(error) from None
        if typed.value == 0:
            raise Invalid(
                N_(
                    "That reads as zero, and an overcharge needs the amount you paid. Please send "
                    "what you paid, for example 50,000 tomans."
                )
            )
        if in_rials(typed.value, typed.currency or "toman") > MAX_RIALS:
            raise Invalid(N_("That is more than I can take; please check the amount."))
        return {"amount": typed.value, "currency": typed.currency}

    def show(self, ctx: Context, value: Any) -> str:
        answers = {**ctx.state.answers, "paid": value}
        paid = paid_of(answers)
        if paid is None:
            amount = value.get("amount") if isinstance(value, dict) else value
            return format_number(int(amount or 0), ctx.locale)
        amount, currency = paid
        shown = money(ctx.t, amount, currency)
        if currency == "toman":
            shown += f" ({money(ctx.t, in_rials(amount, currency), 'rial')})"
        found = overcharge_text(ctx.t, answers)
        return f"{shown}\n    {found}" if found else shown

    def after(self, ctx: Context, value: Any) -> list[Message]:
        return _said_after_the_amount(ctx) if paid_of(ctx.state.answers) else []


@dataclass(frozen=True, kw_only=True)
class CurrencyStep(ChoiceStep):
    """Rials or tomans, when the amount came without its unit (asked, never assumed)."""

    def prompt_text(self, ctx: Context) -> str:
        value = ctx.state.answers.get("paid")
        amount = value.get("amount") if isinstance(value, dict) else value
        if not isinstance(amount, int):
            return ctx.t(self.prompt)
        shown = format_number(amount, ctx.locale)
        return ctx.t(N_("Was {amount} in rials or in tomans?"), amount=shown)

    def after(self, ctx: Context, value: Any) -> list[Message]:
        return _said_after_the_amount(ctx)


SERVICE = ServiceStep(
    key="service",
    label=N_("Service"),
    prompt=N_("Which service were you overcharged for?"),
    when=overcharged,
)

UNITS = UnitsStep(
    key="units",
    label=N_("How many"),
    prompt=N_(
        "How many pages, persons, sheets or times were you charged for? Send 1 if it was once."
    ),
    minimum=1,
    maximum=10_000,
    when=asks_units,
)

PAID = PaidStep(
    key="paid",
    label=N_("Amount paid"),
    prompt=N_(
        "How much did you pay for it in all? Send the amount and its unit, for example 123,000 "
        "tomans, 120,000 rials or 123 thousand tomans."
    ),
    when=overcharged,
)

CURRENCY = CurrencyStep(
    key="currency",
    label=N_("Currency"),
    prompt=N_("Was that amount in rials or in tomans?"),
    options=(("rial", N_("Rials")), ("toman", N_("Tomans"))),
    when=asks_currency,
)
