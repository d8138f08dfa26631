"""The offices' fee tariffs, year by year, and whether a client paid more than the fee.

Art. 9(c) of the directive makes the service fees the Directorate's to set, and Art. 25.12
makes "charging more than the set fees" a violation. Fees change every Jalali year, so a tariff
is data, never a constant: the files bundled in `bot/data/` (`tariff-1403.csv`, with where its
figures come from in `tariff-sources.csv`), and the years an operator imports into the store
(`daftar tariff import YEAR FILE`), which take the place of a bundled year.

    >>> tariff = bundled_tariffs()[1403]
    >>> tariff.source, tariff.official
    ('websitevakil.ir', False)
    >>> result = compare(tariff.item(8), units=3, paid=25_000, currency="toman")
    >>> result.fee_rials, result.paid_rials, result.difference_rials, result.per_unit
    (210000, 250000, 40000, True)

The CSV has the header `item,service_fa,service_en,rials,unit`. `rials` is a whole number of
rials, or empty when the service is charged "as announced by the responsible bodies" (no fixed
figure). `unit` is one of `each`, `per page`, `per person`, `per sheet`, optionally followed by
" (tariff announced by the responsible bodies)", which only an empty amount may carry.

A tariff's `source` says where its figures come from, and `official` whether that is the
official publication; a comparison names both, so that figures from a secondary source are
never presented as the law. An incident is compared only with the tariff of its own Jalali
year (`tariff_for`, `held_tariff`): a fee of another year is never used in its place.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, Final

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.data import TARIFF_HEADER, read_text
from bot.text.amounts import RIALS_PER_TOMAN, Currency
from bot.text.markers import N_
from bot.text.persian import InputError, normalize, parse_int
from storage import tariffs as store
from storage.models import Tariff as StoredTariff

__all__ = [
    "ANNOUNCED_SUFFIX",
    "TARIFF_HEADER",
    "UNIT_QUESTIONS",
    "Comparison",
    "Tariff",
    "TariffError",
    "TariffExists",
    "TariffItem",
    "Unit",
    "bundled_tariffs",
    "compare",
    "held_tariff",
    "held_tariffs",
    "import_tariff",
    "item_from_record",
    "item_record",
    "load_tariff",
    "tariff_for",
    "tariff_from_record",
    "tariff_record",
]

ANNOUNCED_SUFFIX: Final = "(tariff announced by the responsible bodies)"
SOURCES_FILE: Final = "tariff-sources.csv"


class Unit(StrEnum):
    """What one fee pays for: one service, or one page, person or sheet of it."""

    EACH = "each"
    PER_PAGE = "per page"
    PER_PERSON = "per person"
    PER_SHEET = "per sheet"


#: What to ask a client how many of: pages, persons, sheets, or times the service was given.
UNIT_QUESTIONS: Final[Mapping[Unit, str]] = {
    Unit.EACH: N_("How many times did you receive this service? Send 1 if once."),
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
        """Whether the fee is counted per page, person or sheet."""
        return self.unit is not Unit.EACH


@dataclass(frozen=True)
class Tariff:
    """The fees of one Jalali year, and where they come from."""

    year: int
    items: tuple[TariffItem, ...]
    source: str = ""  # where the figures come from, as users are shown it
    official: bool = False  # whether that source is the official publication itself
    imported_at: datetime | None = None  # None: bundled with Daftar

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


class TariffExists(Exception):
    """An import for a year the store already holds a tariff for, without leave to replace."""

    def __init__(self, held: Tariff) -> None:
        super().__init__(f"a tariff for {held.year} is already imported")
        self.held = held


_DIGITS_ONLY = re.compile(r"[0-9]+")


def _item_number(text: str) -> int | None:
    """A positive item number in any digits, or None."""
    digits = normalize(text)
    if _DIGITS_ONLY.fullmatch(digits) is None or int(digits) < 1:
        return None
    return int(digits)


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


def load_tariff(text: str, year: int, source: str = "", official: bool = False) -> Tariff:
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
        wrong: list[str] = []
        number = _item_number(number_text)
        if number is None:
            wrong.append(f"the item number {number_text!r} is not a positive number")
        elif number in seen:
            wrong.append(f"item {number} already appears on line {seen[number]}")
        if not service_fa or not service_en:
            wrong.append("the service has no name in Persian and in English")
        rials: int | None = None
        try:
            rials = _rials(rials_text)
        except ValueError as error:
            wrong.append(str(error))
        try:
            unit = _unit(unit_text, rials)
        except ValueError as error:
            wrong.append(str(error))
        problems += [f"line {line}: {reason}" for reason in wrong]
        if wrong or number is None:
            continue
        seen[number] = line
        items.append(TariffItem(number, normalize(service_fa), service_en, rials, unit))
    if not problems and not items:
        problems.append("the tariff lists no service")
    if problems:
        raise TariffError(problems)
    return Tariff(year=year, items=tuple(items), source=source, official=official)


_TARIFF_FILE = re.compile(r"tariff-([0-9]{4})\.csv")


def _bundled_sources() -> dict[int, tuple[str, bool]]:
    """Where each bundled year's figures come from (`tariff-sources.csv`): source, official."""
    sources: dict[int, tuple[str, bool]] = {}
    for row in csv.DictReader(io.StringIO(read_text(SOURCES_FILE))):
        sources[int(row["year"])] = (row["source"].strip(), row["official"].strip() == "yes")
    return sources


def bundled_tariffs() -> dict[int, Tariff]:
    """Every tariff shipped in `bot/data/` (files named tariff-YYYY.csv), by Jalali year."""
    return dict(_bundled())


@cache
def _bundled() -> Mapping[int, Tariff]:
    sources = _bundled_sources()
    tariffs: dict[int, Tariff] = {}
    for entry in sorted(resources.files("bot.data").iterdir(), key=lambda e: e.name):
        found = _TARIFF_FILE.fullmatch(entry.name)
        if found is not None:
            year = int(found.group(1))
            if year not in sources:
                raise ValueError(f"{entry.name} has no line in {SOURCES_FILE}: say its source")
            source, official = sources[year]
            tariffs[year] = load_tariff(read_text(entry.name), year, source, official)
    return tariffs


def tariff_for(incident: jdatetime.date, tariffs: Mapping[int, Tariff]) -> Tariff | None:
    """The tariff of the incident's Jalali year, or None: never another year's in its place."""
    return tariffs.get(int(incident.year))


# ---- kept in the store and in conversations ----


def item_record(item: TariffItem) -> dict[str, Any]:
    """A service of a tariff as JSON keeps it."""
    return {
        "item": item.item,
        "service_fa": item.service_fa,
        "service_en": item.service_en,
        "rials": item.rials,
        "unit": item.unit.value,
    }


def item_from_record(record: Mapping[str, Any]) -> TariffItem:
    """A service of a tariff from what `item_record` wrote."""
    rials = record.get("rials")
    return TariffItem(
        item=int(record["item"]),
        service_fa=str(record["service_fa"]),
        service_en=str(record["service_en"]),
        rials=None if rials is None else int(rials),
        unit=Unit(record["unit"]),
    )


def tariff_record(tariff: Tariff) -> dict[str, Any]:
    """A year's tariff as JSON keeps it (a conversation's copy of the list it shows)."""
    return {
        "year": tariff.year,
        "source": tariff.source,
        "official": tariff.official,
        "items": [item_record(item) for item in tariff.items],
    }


def tariff_from_record(record: Mapping[str, Any]) -> Tariff:
    """A year's tariff from what `tariff_record` wrote."""
    return Tariff(
        year=int(record["year"]),
        items=tuple(item_from_record(item) for item in record["items"]),
        source=str(record["source"]),
        official=bool(record["official"]),
    )


async def held_tariffs(session: AsyncSession) -> dict[int, Tariff]:
    """The tariffs Daftar holds, by year: the bundled ones, and in their place those imported."""
    held = bundled_tariffs()
    for row in await store.stored(session):
        held[row.year] = _from_row(row)
    return dict(sorted(held.items()))


async def held_tariff(session: AsyncSession, year: int) -> Tariff | None:
    """The tariff Daftar holds for Jalali *year* (imported, else bundled), or None."""
    row = await store.of_year(session, year)
    return _from_row(row) if row is not None else bundled_tariffs().get(year)


async def import_tariff(
    session: AsyncSession, tariff: Tariff, now: datetime, *, replace_stored: bool = False
) -> Tariff | None:
    """Keep *tariff* for its year; the imported one it replaced, if any.

    `TariffExists` when a tariff for that year was imported before and *replace_stored* is
    false (a bundled year is replaced without asking: the import is the newer word on it).
    """
    before = await store.of_year(session, tariff.year)
    if before is not None and not replace_stored:
        raise TariffExists(_from_row(before))
    await store.put(
        session,
        year=tariff.year,
        source=tariff.source,
        official=tariff.official,
        items=[item_record(item) for item in tariff.items],
        now=now,
    )
    return _from_row(before) if before is not None else None


def _from_row(row: StoredTariff) -> Tariff:
    return Tariff(
        year=row.year,
        items=tuple(item_from_record(record) for record in row.items),
        source=row.source,
        official=row.official,
        imported_at=row.imported_at,
    )


# ---- comparing ----


@dataclass(frozen=True)
class Comparison:
    """What a client paid for a service against its tariff fee, all in rials."""

    item: TariffItem
    units: int
    fee_rials: int | None  # the fee for *units* units; None when the tariff has no figure
    paid_rials: int
    difference_rials: int | None  # paid − fee (≤ 0: not overcharged); None when not comparable

    @property
    def comparable(self) -> bool:
        """Whether the tariff has a figure to compare with."""
        return self.fee_rials is not None

    @property
    def per_unit(self) -> bool:
        """Whether the fee counts pages, persons or sheets."""
        return self.item.per_unit

    @property
    def overcharged(self) -> bool:
        """Whether the client paid more than the fee (Art. 25.12)."""
        return self.difference_rials is not None and self.difference_rials > 0


def compare(item: TariffItem, units: int, paid: int, currency: Currency) -> Comparison:
    """Compare *paid* (in *currency*; 1 toman = 10 rials) with the fee of *units* units of *item*.

    The fee is the tariff's amount times *units*: of pages, persons or sheets for a fee counted
    per unit, of services for a fee `each`. ValueError for fewer than one unit, a negative
    amount or an unknown currency.
    """
    if units < 1:
        raise ValueError(f"units must be at least 1, not {units}")
    if paid < 0:
        raise ValueError(f"the amount paid cannot be negative: {paid}")
    if currency not in ("rial", "toman"):
        raise ValueError(f"unknown currency {currency!r}")
    paid_rials = paid * RIALS_PER_TOMAN if currency == "toman" else paid
    if item.rials is None:
        return Comparison(item, units, None, paid_rials, None)
    fee = item.rials * units
    return Comparison(item, units, fee, paid_rials, paid_rials - fee)
