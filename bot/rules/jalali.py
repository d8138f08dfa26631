"""Age in the Jalali calendar, counted by birthdays.

A person is N years old from the day their (month, day) of birth comes round in the year of
birth + N. Someone born on 30 Esfand has no such day in a common year (Esfand then has 29 days):
in those years they turn a year older the next day, 1 Farvardin.

    >>> import jdatetime
    >>> age_on(jdatetime.date(1370, 5, 10), jdatetime.date(1395, 5, 9))
    24
    >>> date_of_age(jdatetime.date(1399, 12, 30), 1)   # 1400 has no Esfand 30
    jdatetime.date(1401, 1, 1)

Pure functions of their arguments; the clock is never read here.
"""

from __future__ import annotations

import jdatetime


def birthday_in(birth: jdatetime.date, year: int) -> jdatetime.date:
    """The day of Jalali *year* on which someone born on *birth* turns a year older."""
    try:
        return jdatetime.date(year, birth.month, birth.day)
    except ValueError:
        # Only 30 Esfand can be missing from a year: the birthday falls on the next day.
        return jdatetime.date(year + 1, 1, 1)


def age_on(birth: jdatetime.date, on: jdatetime.date) -> int:
    """Full years of age on the day *on* of someone born on *birth* (negative before birth)."""
    years = int(on.year - birth.year)
    if on < birthday_in(birth, on.year):
        years -= 1
    return years


def date_of_age(birth: jdatetime.date, years: int) -> jdatetime.date:
    """The day on which someone born on *birth* becomes *years* old."""
    return birthday_in(birth, birth.year + years)


def years_since(start: jdatetime.date, on: jdatetime.date) -> float:
    """Years from *start* to *on*: full years by anniversaries, plus the part of the year begun.

    Zero when *on* is not after *start*. The part year is days / 365, slightly generous in a
    leap year, because this serves plausibility checks that must not reject a true answer.
    """
    if on <= start:
        return 0.0
    full = age_on(start, on)
    anniversary = date_of_age(start, full)
    days: int = (on - anniversary).days
    return full + days / 365
