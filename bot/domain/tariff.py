"""The offices' fee tariffs, year by year, and whether a client paid more than the fee.

Art. 9(c) of the directive makes the service fees the Directorate's to set, and Art. 25.12
makes "charging more than the set fees" a violation. Fees change every Jalali year, so a tariff
is data: one CSV file a year (`bot/data/tariff-1403.csv`), loaded with `load_tariff`.

    >>> tariff = bundled_tariffs()[1403]
    >>> result = compare(tariff.item(8), units=3, paid=25_000, currency="toman")
    >>> result.fee_rials, result.paid_rials, result.difference_rials, result.per_unit
    (210000, 250000, 40000, True)

The CSV has the header `item,service_fa,service_en,rials,unit`. `rials` is a whole number of
rials, or empty when the service is charged "as announced by the responsible bodies" (no fixed
figure). `unit` is one of `each`, `per page`, `per person`, `per sheet`, optionally followed by
" (tariff announced by the responsible bodies)", which only an empty amount may carry.

An incident is compared only with the tariff of its own Jalali year (`tariff_for`): a fee of
another year is never used in its place.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Final, Literal

import jdatetime

from bot.data import read_text
from bot.text.markers import N_
from bot.text.persian import InputError, normalize, parse_int

__all__ = [
    "ANNOUNCED_SUFFIX",
    "RIALS_PER_TOMAN",
    "TARIFF_HEADER",
    "UNIT_LABELS",
    "UNIT_QUESTIONS",
    "Comparison",
    "Currency",
    "Tariff",
    "TariffError",
    "TariffItem",
    "Unit",
    "bundled_tariffs",
    "compare",
    "load_tariff",
    "tariff_for",
]

TARIFF_HEADER: Final = ("item", "service_fa", "service_en", "rials", "unit")
ANNOUNCED_SUFFIX: Final = "(tariff announced by the responsible bodies)"
RIALS_PER_TOMAN: Final = 10

Currency = Literal["rial", "toman"]


class Unit(StrEnum):
    """What one fee pays for: one service, or one page, person or sheet of it."""

    EACH = "each"
    PER_PAGE = "per page"
    PER_PERSON = "per person"
    PER_SHEET = "per sheet"


UNIT_LABELS: Final[Mapping[Unit, str]] = {
    Unit.EACH: N_("each"),
    Unit.PER_PAGE: N_("per page"),
    Unit.PER_PERSON: N_("per person"),
    Unit.PER_SHEET: N_("per sheet"),
}

#: What to ask a client whose fee depends on a count (none for `each`).
UNIT_QUESTIONS: Final[Mapping[Unit, str]] = {
    Unit.PER_PAGE: N_("How many pages?"),
    Unit.PER_PERSON: N_("How many persons?"),
    Unit.PER_SHEET: N_("How many sheets?"),
}


@dataclass(frozen=True)
class TariffItem:
    """One service of the tariff and its fee."""

    item: int  # the item number in the published list
    service_fa: str
    service_en: str
    rials: int | None  # None: "as announced by the responsible bodies", no fixed figure
    unit: Unit

    @property
    def as_announced(self) -> bool:
        """Whether the tariff gives no fixed figure for this service."""
        return self.rials is None

    @property
    def per_unit(self) -> bool:
        """Whether the fee is counted per page, person or sheet (the count must be asked)."""
        return self.unit is not Unit.EACH


@dataclass(frozen=True)
class Tariff:
    """The fees of one Jalali year."""

    year: int
    items: tuple[TariffItem, ...]

    def item(self, number: int) -> TariffItem:
        """The service numbered *number*; KeyError if the tariff has none."""
        for entry in self.items:
            if entry.item == number:
                return entry
        raise KeyError(number)


class TariffError(ValueError):
    """A tariff file that cannot be loaded; `problems` lists every bad line ("line N: …")."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


_DIGITS_ONLY = re.compile(r"[0-9]+")


def _rials(text: str) -> int | None:
    """An amount in rials (thousands separators allowed), or None for an empty cell."""
    if not text:
        return None
    try:
        value = parse_int(text)
    except InputError:
        raise ValueError(f"the amount {text!r} is not a whole number of rials") from None
    if value < 0:
        raise ValueError(f"the amount {value} is negative")
    return value


def _unit(text: str, rials: int | None) -> Unit:
    """The unit of a line; " (tariff announced …)" only beside an empty amount."""
    base = text
    announced = text.endswith(ANNOUNCED_SUFFIX)
    if announced:
        base = text.removesuffix(ANNOUNCED_SUFFIX).strip()
    try:
        unit = Unit(base)
    except ValueError:
        known = ", ".join(u.value for u in Unit)
        raise ValueError(f"unknown unit {text!r} (known: {known})") from None
    if announced and rials is not None:
        raise ValueError(f"a fixed amount ({rials}) with a unit {text!r}")
    return unit


def load_tariff(text: str, year: int) -> Tariff:
    """Parse the tariff CSV of Jalali *year*; `TariffError` lists every bad line."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(rows, None)
    if header is None or tuple(cell.strip() for cell in header) != TARIFF_HEADER:
        raise TariffError([f"line 1: the header must be {','.join(TARIFF_HEADER)}"])
    problems: list[str] = []
    items: list[TariffItem] = []
    seen: dict[int, int] = {}
    end = 1
    for row in rows:
        line, end = end + 1, rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(TARIFF_HEADER):
            problems.append(f"line {line}: {len(row)} fields, expected {len(TARIFF_HEADER)}")
            continue
        number_text, service_fa, service_en, rials_text, unit_text = (c.strip() for c in row)
        try:
            number_ascii = normalize(number_text)
            if _DIGITS_ONLY.fullmatch(number_ascii) is None or int(number_ascii) < 1:
                raise ValueError(f"the item number {number_text!r} is not a positive number")
            number = int(number_ascii)
            if number in seen:
                raise ValueError(f"item {number} already appears on line {seen[number]}")
            if not service_fa or not service_en:
                raise ValueError("the service has no name")
            rials = _rials(rials_text)
            unit = _unit(unit_text, rials)
        except ValueError as error:
            problems.append(f"line {line}: {error}")
            continue
        seen[number] = line
        items.append(TariffItem(number, normalize(service_fa), service_en, rials, unit))
    if not problems and not items:
        problems.append("the tariff lists no service")
    if problems:
        raise TariffError(problems)
    return Tariff(year=year, items=tuple(items))


_TARIFF_FILE = re.compile(r"tariff-([0-9]{4})\.csv")


def bundled_tariffs() -> dict[int, Tariff]:
    """Every tariff shipped in `bot/data/` (files named tariff-YYYY.csv), by Jalali year."""
    tariffs: dict[int, Tariff] = {}
    for entry in sorted(resources.files("bot.data").iterdir(), key=lambda e: e.name):
        found = _TARIFF_FILE.fullmatch(entry.name)
        if found is not None:
            year = int(found.group(1))
            tariffs[year] = load_tariff(read_text(entry.name), year)
    return tariffs


def tariff_for(incident: jdatetime.date, tariffs: Mapping[int, Tariff]) -> Tariff | None:
    """The tariff of the incident's Jalali year, or None: never another year's in its place."""
    return tariffs.get(int(incident.year))


NOT_COMPARABLE: Final = N_(
    "The tariff sets no fixed fee for this service (it is charged as announced by the "
    "responsible bodies), so the bot cannot compare what you paid with it."
)
OVERCHARGED: Final = N_(
    "The tariff fee is {fee} rials and you paid {paid} rials: {difference} rials more than the "
    "fee. Charging more than the set fee is a violation (Article 25, clause 12)."
)
NOT_OVERCHARGED: Final = N_(
    "The tariff fee is {fee} rials and you paid {paid} rials: not more than the fee."
)


@dataclass(frozen=True)
class Comparison:
    """What a client paid for a service against its tariff fee, all in rials.

    `message` is a message id filled with `params` (amounts in rials, as ints).
    """

    item: TariffItem
    units: int
    fee_rials: int | None  # the fee for *units* units; None when the tariff has no figure
    paid_rials: int
    difference_rials: int | None  # paid − fee (≤ 0: not overcharged); None when not comparable
    comparable: bool
    per_unit: bool  # whether the fee counts pages, persons or sheets
    message: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def overcharged(self) -> bool:
        """Whether the client paid more than the fee (Art. 25.12)."""
        return self.difference_rials is not None and self.difference_rials > 0


def compare(item: TariffItem, units: int, paid: int, currency: Currency) -> Comparison:
    """Compare *paid* (in *currency*; 1 toman = 10 rials) with the fee of *units* units of *item*.

    The fee is the tariff's amount times *units* — of pages, persons or sheets for a fee counted
    per unit, of services for a fee `each` (where a client who had one service passes 1).
    ValueError for fewer than one unit, a negative amount or an unknown currency.
    """
    if units < 1:
        raise ValueError(f"units must be at least 1, not {units}")
    if paid < 0:
        raise ValueError(f"the amount paid cannot be negative: {paid}")
    if currency == "toman":
        paid_rials = paid * RIALS_PER_TOMAN
    elif currency == "rial":
        paid_rials = paid
    else:
        raise ValueError(f"unknown currency {currency!r}")
    if item.rials is None:
        return Comparison(
            item=item,
            units=units,
            fee_rials=None,
            paid_rials=paid_rials,
            difference_rials=None,
            comparable=False,
            per_unit=item.per_unit,
            message=NOT_COMPARABLE,
            params={"paid": paid_rials},
        )
    fee = item.rials * units
    difference = paid_rials - fee
    return Comparison(
        item=item,
        units=units,
        fee_rials=fee,
        paid_rials=paid_rials,
        difference_rials=difference,
        comparable=True,
        per_unit=item.per_unit,
        message=OVERCHARGED if difference > 0 else NOT_OVERCHARGED,
        params={"fee": fee, "paid": paid_rials, "difference": difference},
    )
