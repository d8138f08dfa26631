"""Jalali dates as the store keeps them and as the law counts them.

What people type is read by the lenient `bot.text.persian.parse_jalali_date`; a date the project
stored itself ("1403/08/15") is read back by `parse_stored_date`, which accepts only that form.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import jdatetime

from bot.text.persian import format_jalali_numeric, today_in

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


def tehran_date(moment: datetime, zone: ZoneInfo) -> jdatetime.date:
    """The Jalali date of an aware moment in *zone*."""
    return today_in(zone, moment)


def day_start(day: jdatetime.date, zone: ZoneInfo) -> datetime:
    """The first moment of a Jalali day in *zone*, in UTC."""
    return datetime.combine(day.togregorian(), time(0, 0), tzinfo=zone).astimezone(UTC)


def days_in_month(year: int, month: int) -> int:
    """How many days a Jalali month has (Esfand 30 in a leap year)."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def add_jalali_months(day: jdatetime.date, months: int) -> jdatetime.date:
    """*day* plus *months* Jalali months, clamped to the last day of a shorter month.

    >>> format_jalali_numeric(add_jalali_months(jdatetime.date(1403, 6, 31), 1))
    '1403/07/30'
    >>> format_jalali_numeric(add_jalali_months(jdatetime.date(1403, 11, 30), 3))
    '1404/02/30'
    """
    index = int(day.year) * 12 + int(day.month) - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return jdatetime.date(year, month, min(int(day.day), days_in_month(year, month)))
