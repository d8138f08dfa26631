"""Jalali dates: as people type them, as the bot shows them, as the store keeps them.

Three forms, each with its own reader:

- typed: `parse_jalali_date` is lenient (1402/05/12, 12/5/1402 day first, 14020512,
  ۱۲ مرداد ۱۴۰۲, امروز...) and explains a wrong date with a `JalaliDateError` (a
  `GregorianDateError`, with the same day in Jalali, for 2024-08-02); it is for what a person
  typed, nothing else;
- shown: `format_jalali_date` ("۱۲ مرداد ۱۴۰۲"), `format_jalali_numeric` ("1402/05/12"),
  `format_jalali_datetime` and, for the operator's commands, `format_moment` ("1402/05/12 14:30");
- stored: `format_stored_date` writes and `parse_stored_date` reads the one form the project
  stores ("1403/08/15"); `storage.types.JalaliDate` does the same for a column.

Plus the day of a moment in a zone (`today_in`, `tehran_date`, `day_start`) and month arithmetic
(`add_jalali_months`), which jdatetime does not offer.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import jdatetime

from bot.text.markers import N_, NP_
from bot.text.persian import (
    InputError,
    is_persian_locale,
    match_key,
    normalize,
    strip_bidi,
    to_persian_digits,
)

__all__ = [
    "GREGORIAN_DATE",
    "JALALI_MONTHS_EN",
    "JALALI_MONTHS_FA",
    "GregorianDateError",
    "JalaliDateError",
    "add_jalali_months",
    "day_start",
    "days_in_month",
    "format_jalali_date",
    "format_jalali_datetime",
    "format_jalali_numeric",
    "format_moment",
    "format_stored_date",
    "parse_jalali_date",
    "parse_stored_date",
    "tehran_date",
    "today_in",
]


class JalaliDateError(InputError):
    """A typed date that is not a valid Jalali date."""


class GregorianDateError(JalaliDateError):
    """A typed date that is a Gregorian one; `jalali` is the same day in the Jalali calendar."""

    def __init__(self, message: str, jalali: jdatetime.date, **params: object) -> None:
        super().__init__(message, **params)
        self.jalali = jalali


# ---------------------------------------------------------------------------
# Months
# ---------------------------------------------------------------------------

JALALI_MONTHS_FA: tuple[str, ...] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
JALALI_MONTHS_EN: tuple[str, ...] = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)


def days_in_month(year: int, month: int) -> int:
    """How many days a Jalali month has: Esfand has 30 in a leap year, 29 otherwise."""
    # jdatetime keeps a common year's month lengths and knows the leap years: add the leap day.
    leap_day = month == 12 and jdatetime.date(year, 1, 1).isleap()
    return int(jdatetime.j_days_in_month[month - 1]) + leap_day


def add_jalali_months(day: jdatetime.date, months: int) -> jdatetime.date:
    """*day* plus *months* Jalali months, clamped to the last day of a shorter month.

    jdatetime has no month arithmetic (its `timedelta` counts days), hence this one.

    >>> format_jalali_numeric(add_jalali_months(jdatetime.date(1403, 6, 31), 1))
    '1403/07/30'
    >>> format_jalali_numeric(add_jalali_months(jdatetime.date(1403, 11, 30), 3))
    '1404/02/30'
    """
    index = int(day.year) * 12 + int(day.month) - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return jdatetime.date(year, month, min(int(day.day), days_in_month(year, month)))


# ---------------------------------------------------------------------------
# Typed dates
# ---------------------------------------------------------------------------

# Other spellings people really use; variants that differ only by spacing, ZWNJ,
# ي/ك, آ/ا or case are already covered by match_key.
_MONTH_VARIANTS: dict[int, tuple[str, ...]] = {
    5: ("امرداد", "Amordad"),
    10: ("Dei",),
}

_MIN_YEAR = 1200
_MAX_YEAR = 1500
# A year typed in these bounds, in a numeric date, is a Gregorian one (1403 is 2024-25).
_GREGORIAN_YEARS = range(1900, 2101)
_MONTH_SUFFIX = "ماه"  # "مرداد ماه", "دی‌ماه": the word "month" often follows the name


def _month_key(name: str) -> str:
    """Key under which a typed month name is looked up."""
    key = match_key(name).strip(",\u060c")
    if key.endswith(_MONTH_SUFFIX) and len(key) > len(_MONTH_SUFFIX):
        key = key[: -len(_MONTH_SUFFIX)]
    return key


def _build_month_lookup() -> dict[str, int]:
    """Map every accepted month spelling's key to its month number."""
    lookup: dict[str, int] = {}
    for number, (fa, en) in enumerate(zip(JALALI_MONTHS_FA, JALALI_MONTHS_EN, strict=True), 1):
        for name in (fa, en, *_MONTH_VARIANTS.get(number, ())):
            lookup[_month_key(name)] = number
    return lookup


_MONTH_LOOKUP = _build_month_lookup()
_TODAY_WORDS = frozenset(match_key(word) for word in ("امروز", "today"))
_YESTERDAY_WORDS = frozenset(match_key(word) for word in ("دیروز", "yesterday"))

# "٫" is included because it is the separator key on a Persian keyboard's numpad.
_NUMERIC_DATE = re.compile(r"([0-9]+) ?[/\-.\u066b] ?([0-9]+) ?[/\-.\u066b] ?([0-9]+)")
_COMPACT_DATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_NAMED_DATE = re.compile(r"([0-9]{1,2}) ?([^0-9]+?) ?([0-9]+)")

# Dates are often quoted when pasted from a message: «۱۲ مرداد ۱۴۰۲» or "1402/05/12".
_DATE_QUOTES = "\"'«»“”‘’ \t\n"

_BAD_DATE = N_("Please send a date like 1402/05/12.")
GREGORIAN_DATE = N_(
    "That looks like a Gregorian date. Please give the Jalali date, for example {example}."
)


def _gregorian(year: int, month: int, day: int, today: jdatetime.date) -> JalaliDateError:
    """The error for a Gregorian date typed where a Jalali one is asked: with the same day."""
    try:
        jalali = jdatetime.date.fromgregorian(date=datetime.date(year, month, day))
    except ValueError:
        # Not a Gregorian day either (2024/02/30): the example is the Jalali form of today.
        return JalaliDateError(GREGORIAN_DATE, example=format_jalali_numeric(today))
    return GregorianDateError(GREGORIAN_DATE, jalali, example=format_jalali_numeric(jalali))


def _checked_date(
    year_text: str, month: int, day: int, today: jdatetime.date, *, numeric: bool = False
) -> jdatetime.date:
    """Build a Jalali date from typed parts, explaining exactly what is wrong.

    *numeric*: the month was typed as a number, so a Gregorian year means a Gregorian date.
    """
    if len(year_text) <= 2:
        # "02/05/12" could be 1402 or 1302 or a day-first date: asking is safer than guessing.
        raise JalaliDateError(
            N_("Please write the year in full, for example {example}."), example=int(today.year)
        )
    year = int(year_text)
    if numeric and year in _GREGORIAN_YEARS:
        raise _gregorian(year, month, day, today)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise JalaliDateError(N_("Please check the year: {year}."), year=year)
    if not 1 <= month <= 12:
        raise JalaliDateError(
            N_("There is no month {month}; Jalali months run from 1 to 12."), month=month
        )
    if day < 1:
        raise JalaliDateError(_BAD_DATE)
    days = days_in_month(year, month)
    if day > days:
        raise JalaliDateError(
            NP_(
                "That month has only {days} day in {year}.",
                "That month has only {days} days in {year}.",
                count="days",
            ),
            days=days,
            year=year,
            month=month,
            # Extra params let a translation name the month instead of "that month".
            month_name=JALALI_MONTHS_FA[month - 1],
            month_name_en=JALALI_MONTHS_EN[month - 1],
        )
    return jdatetime.date(year, month, day)


def parse_jalali_date(text: str, today: jdatetime.date) -> jdatetime.date:
    """Read a Jalali date as people type it (1402/05/12, 14020512, ۱۲ مرداد ۱۴۰۲, امروز...).

    A numeric date whose last part is the four-digit year is read day first, as it is written
    in Persian: 12/5/1403 is 1403/05/12. A Gregorian year (2024-08-02, 02/08/2024) raises a
    `GregorianDateError` that carries the same day in the Jalali calendar.
    """
    cleaned = normalize(strip_bidi(text).strip(_DATE_QUOTES))
    word = match_key(cleaned)
    if word in _TODAY_WORDS:
        return today
    if word in _YESTERDAY_WORDS:
        return today - datetime.timedelta(days=1)

    found = _NUMERIC_DATE.fullmatch(cleaned) or _COMPACT_DATE.fullmatch(cleaned)
    if found is not None:
        first, month_text, last = found.groups()
        if len(first) <= 2 and len(last) == 4:
            year_text, day_text = last, first  # day first: 12/5/1403
        else:
            year_text, day_text = first, last
        return _checked_date(year_text, int(month_text), int(day_text), today, numeric=True)

    named = _NAMED_DATE.fullmatch(cleaned)
    if named is not None:
        day_text, month_name, year_text = named.groups()
        month = _MONTH_LOOKUP.get(_month_key(month_name))
        if month is not None:
            return _checked_date(year_text, month, int(day_text), today)

    raise JalaliDateError(_BAD_DATE)


# ---------------------------------------------------------------------------
# Stored dates
# ---------------------------------------------------------------------------

_STORED = re.compile(r"([0-9]{4})/([0-9]{2})/([0-9]{2})")


def format_stored_date(day: jdatetime.date) -> str:
    """The form in which a Jalali date is stored: zero-padded ASCII "1403/08/15"."""
    return format_jalali_numeric(day)


def parse_stored_date(text: str) -> jdatetime.date:
    """Read back a date written by `format_stored_date`; anything else is a ValueError."""
    found = _STORED.fullmatch(text)
    if found is None:
        raise ValueError(f"not a stored Jalali date: {text!r}")
    year, month, day = (int(part) for part in found.groups())
    return jdatetime.date(year, month, day)


# ---------------------------------------------------------------------------
# Shown dates
# ---------------------------------------------------------------------------


def _to_jalali(value: jdatetime.date | datetime.date) -> jdatetime.date:
    """Return *value* as a Jalali date, converting a Gregorian one."""
    if isinstance(value, jdatetime.date):
        return value
    if isinstance(value, datetime.datetime):
        value = value.date()
    return jdatetime.date.fromgregorian(date=value)


def format_jalali_date(value: jdatetime.date | datetime.date, locale: str) -> str:
    """Format a date in words: fa "۱۲ مرداد ۱۴۰۲", otherwise "12 Mordad 1402"."""
    jalali = _to_jalali(value)
    day, month, year = int(jalali.day), int(jalali.month), int(jalali.year)
    if is_persian_locale(locale):
        return to_persian_digits(f"{day} {JALALI_MONTHS_FA[month - 1]} {year}")
    return f"{day} {JALALI_MONTHS_EN[month - 1]} {year}"


def format_jalali_numeric(value: jdatetime.date) -> str:
    """Format a date as zero-padded ASCII "1402/05/12"."""
    jalali = _to_jalali(value)
    return f"{int(jalali.year):04d}/{int(jalali.month):02d}/{int(jalali.day):02d}"


def _require_aware(moment: datetime.datetime) -> None:
    """Refuse naive datetimes: their zone would be a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required")


def format_jalali_datetime(moment: datetime.datetime, zone: zoneinfo.ZoneInfo, locale: str) -> str:
    """Format an aware moment in *zone*: "۱۲ مرداد ۱۴۰۲، ساعت ۱۴:۳۰" or "12 Mordad 1402, 14:30"."""
    _require_aware(moment)
    local = moment.astimezone(zone)
    date_text = format_jalali_date(local.date(), locale)
    time_text = f"{local.hour:02d}:{local.minute:02d}"
    if is_persian_locale(locale):
        return f"{date_text}، ساعت {to_persian_digits(time_text)}"
    return f"{date_text}, {time_text}"


def format_moment(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """An aware moment as its Jalali date and time of day in *zone*, ASCII: "1402/05/12 14:30"."""
    _require_aware(moment)
    local = moment.astimezone(zone)
    return f"{format_jalali_numeric(_to_jalali(local.date()))} {local.hour:02d}:{local.minute:02d}"


# ---------------------------------------------------------------------------
# The day of a moment
# ---------------------------------------------------------------------------


def today_in(zone: zoneinfo.ZoneInfo, now: datetime.datetime) -> jdatetime.date:
    """Return the Jalali date of the aware moment *now* as seen in *zone*."""
    _require_aware(now)
    return jdatetime.date.fromgregorian(date=now.astimezone(zone).date())


def tehran_date(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> jdatetime.date:
    """The Jalali date of an aware moment in *zone*."""
    return today_in(zone, moment)


def day_start(day: jdatetime.date, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The first moment of a Jalali day in *zone*, in UTC."""
    start = datetime.datetime.combine(day.togregorian(), datetime.time(0, 0), tzinfo=zone)
    return start.astimezone(datetime.UTC)
