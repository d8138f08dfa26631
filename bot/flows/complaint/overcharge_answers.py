"""What the overcharge answers say (Art. 25 cl. 12): the service, the count, the amount, and the
comparison with the tariff of the incident's year; and how each is told and stored.

The answers (written by the steps of `overcharge`): `service` is `{"year", "tariff"}` (the held
tariff's `source` and `official`, or None when no tariff is held for that year) with either the
service of the tariff (`bot.domain.tariff.item_record`) or the `text` the citizen typed; `units`
a whole number; `paid` `{"amount", "currency"}` (currency None until `currency` answers it). An
earlier version's bare item number and amount are read too.

Every comparison names the tariff it used: "the tariff we hold for 1403 (websitevakil.ir, not
the official text)"; figures from a source other than the official text are never stated as the
law. Amounts are shown grouped in the locale's digits («۱٬۲۳۰٬۰۰۰ ریال») and kept in rials.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, cast

from bot.domain.tariff import (
    Comparison,
    TariffItem,
    bundled_tariffs,
    compare,
    item_from_record,
    tariff_for,
)
from bot.flows.complaint.incident import incident_date, overcharged
from bot.flows.framework.context import Answers
from bot.text.amounts import RIALS_PER_TOMAN, Currency
from bot.text.i18n import Translator
from bot.text.markers import N_, NP_
from bot.text.persian import format_number

NO_TARIFF: Final = N_(
    "We hold no fee tariff for {year}, so what you paid was not compared with a fee; the "
    "Association receives the service, the count and the amount as you gave them."
)
NOT_LISTED: Final = N_(
    "The service you named is not in {tariff}, so what you paid was not compared with a fee; "
    "the Association receives it as you gave it."
)
NO_FIGURE: Final = N_(
    "No fixed fee for this service is set in {tariff} (it is charged as announced by the "
    "responsible bodies), so what you paid was not compared with a fee."
)
OTHER_YEAR: Final = N_(
    "The service was chosen before the date changed, so what you paid was not compared; choose "
    "the service again to compare it with the tariff of {year}."
)
MORE: Final = N_("By {tariff}, the fee is {fee}; you paid {paid}, {difference} more than that.")
NOT_MORE: Final = N_("By {tariff}, the fee is {fee}; you paid {paid}, not more than that.")
LAW_OFFICIAL: Final = N_("Charging more than the set fees is a violation (Article 25, clause 12).")
LAW_UNOFFICIAL: Final = N_(
    "Charging more than the set fees is a violation (Article 25, clause 12). Our copy of the "
    "tariff is not the official text, so the Association checks the fee against the official one."
)


def held_phrase(t: Translator, year: int, source: str, official: bool) -> str:
    """ "the tariff we hold for 1403 (websitevakil.ir, not the official text)"."""
    said = N_("{source}, the official text") if official else N_("{source}, not the official text")
    named = t(said, source=source)
    return t(N_("the tariff we hold for {year} ({source})"), year=year, source=named)


# ---- what the answers say ----


@dataclass(frozen=True)
class Service:
    """The service the citizen named, and the tariff held for the year it was named for."""

    year: int
    item: TariffItem | None  # None: typed in words
    text: str | None  # what was typed, when it was
    source: str | None  # the held tariff's source; None when no tariff is held for the year
    official: bool

    def name(self, locale: str) -> str:
        """The service as the citizen knows it."""
        if self.item is None:
            return self.text or ""
        return self.item.service_fa if locale == "fa" else self.item.service_en


def service_of(answers: Answers) -> Service | None:
    """The service answered, if it has been (an earlier version's bare item number too)."""
    value = answers.get("service")
    if isinstance(value, dict):
        held = value.get("tariff")
        return Service(
            year=int(value["year"]),
            item=item_from_record(value) if "item" in value else None,
            text=str(value["text"]) if "text" in value else None,
            source=str(held["source"]) if held else None,
            official=bool(held and held.get("official")),
        )
    incident = incident_date(answers)
    tariff = tariff_for(incident, bundled_tariffs()) if incident else None
    if isinstance(value, str) and value.isdigit() and tariff is not None:
        try:
            item = tariff.item(int(value))
        except KeyError:
            return None
        return Service(tariff.year, item, None, tariff.source, tariff.official)
    return None


def paid_of(answers: Answers) -> tuple[int, Currency] | None:
    """What was paid and in which unit, once both are known."""
    value = answers.get("paid")
    if isinstance(value, dict):
        amount, currency = value.get("amount"), value.get("currency") or answers.get("currency")
    elif isinstance(value, int):  # an earlier version's bare number
        amount, currency = value, answers.get("currency")
    else:
        return None
    if amount is None or currency not in ("rial", "toman"):
        return None
    return int(amount), cast(Currency, currency)


def in_rials(amount: int, currency: Currency) -> int:
    """An amount in rials, the unit tariffs and complaints keep."""
    return amount * RIALS_PER_TOMAN if currency == "toman" else amount


def comparison_of(answers: Answers) -> Comparison | None:
    """The service's fee against what was paid, where the incident's year has a tariff with it."""
    service, paid, incident = service_of(answers), paid_of(answers), incident_date(answers)
    if service is None or paid is None or incident is None or service.item is None:
        return None
    if service.year != incident.year:
        return None
    return compare(service.item, int(answers.get("units") or 1), *paid)


def asks_units(answers: Answers) -> bool:
    """Whether to ask how many: once the service is named."""
    return overcharged(answers) and answers.get("service") is not None


def asks_currency(answers: Answers) -> bool:
    """Whether to ask rials or tomans: the amount was sent without its unit."""
    value = answers.get("paid")
    unsaid = isinstance(value, int) or (isinstance(value, dict) and not value.get("currency"))
    return overcharged(answers) and unsaid


# ---- how it is said ----


def money(t: Translator, amount: int, currency: Currency) -> str:
    """ "۱۲۳٬۰۰۰ تومان", "1,230,000 rials": always grouped, in the locale's digits."""
    unit = (
        NP_("{amount} toman", "{amount} tomans", count="value")
        if currency == "toman"
        else NP_("{amount} rial", "{amount} rials", count="value")
    )
    return t(unit, amount=format_number(amount, t.locale), value=amount)


def read_back(t: Translator, answers: Answers) -> str | None:
    """The amount as it was read and as it is kept (in rials), for the citizen to correct."""
    paid = paid_of(answers)
    if paid is None:
        return None
    amount, currency = paid
    rials = money(t, in_rials(amount, currency), "rial")
    if currency == "toman":
        return t(
            N_(
                "I read that as {amount}, which is {rials}; amounts are kept in rials. If that is "
                "not right, press Back and send it again."
            ),
            amount=money(t, amount, currency),
            rials=rials,
        )
    return t(
        N_(
            "I read that as {rials}; amounts are kept in rials. If that is not right, press Back "
            "and send it again."
        ),
        rials=rials,
    )


def _fee(t: Translator, result: Comparison) -> str:
    total = money(t, result.fee_rials or 0, "rial")
    if result.units == 1 or result.item.rials is None:
        return total
    each = money(t, result.item.rials, "rial")
    return t(N_("{total} ({units} × {each})"), total=total, units=result.units, each=each)


def overcharge_text(t: Translator, answers: Answers) -> str | None:
    """What the comparison found, or why none was made; None before the amount is known."""
    service, paid, incident = service_of(answers), paid_of(answers), incident_date(answers)
    if service is None or paid is None or incident is None:
        return None
    if service.year != incident.year:
        return t(OTHER_YEAR, year=incident.year)
    if service.source is None:
        return t(NO_TARIFF, year=service.year)
    tariff = held_phrase(t, service.year, service.source, service.official)
    result = comparison_of(answers)
    if result is None:
        return t(NOT_LISTED, tariff=tariff)
    if not result.comparable:
        return t(NO_FIGURE, tariff=tariff)
    fee, spent = _fee(t, result), money(t, result.paid_rials, "rial")
    if not result.overcharged:
        return t(NOT_MORE, tariff=tariff, fee=fee, paid=spent)
    difference = money(t, result.difference_rials or 0, "rial")
    found = t(MORE, tariff=tariff, fee=fee, paid=spent, difference=difference)
    return found + " " + t(LAW_OFFICIAL if service.official else LAW_UNOFFICIAL)


def overcharge_record(answers: Answers) -> dict[str, Any] | None:
    """What the citizen said of the overcharge and what the comparison found, as stored.

    Amounts in rials (`paid_rials`, `fee_rials`, `difference_rials`); `paid` and `currency` as
    the citizen gave them. `tariff_year`, `tariff_source` and `tariff_official` name the tariff
    held for the incident's year (None: none is held); `compared` says whether the service's fee
    in it was compared with what was paid.
    """
    if not overcharged(answers):
        return None
    service, paid, incident = service_of(answers), paid_of(answers), incident_date(answers)
    result = comparison_of(answers)
    held = (
        service
        if service is not None
        and service.source is not None
        and incident is not None
        and service.year == incident.year
        else None
    )
    units = answers.get("units")
    return {
        "service": service.name("fa") if service else None,
        "service_en": service.item.service_en if service and service.item else None,
        "item": service.item.item if service and service.item else None,
        "units": int(units) if units is not None else None,
        "paid": paid[0] if paid else None,
        "currency": paid[1] if paid else None,
        "paid_rials": in_rials(*paid) if paid else None,
        "tariff_year": held.year if held else None,
        "tariff_source": held.source if held else None,
        "tariff_official": held.official if held else None,
        "fee_rials": result.fee_rials if result else None,
        "difference_rials": result.difference_rials if result else None,
        "compared": bool(result and result.comparable),
    }
