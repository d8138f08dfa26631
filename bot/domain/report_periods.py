"""The periods a report is asked for by name, counted from today's Jalali day.

- `last_month`: the Jalali month before this one, whole (the schedule's, `previous_month`);
- `this_month`: from the first of this month to today;
- `last_quarter`: the quarter before this one (months 1–3, 4–6, 7–9, 10–12), whole;
- `this_year`: from 1 Farvardin to today;
- `last_year`: the Jalali year before this one, whole.

`shape` says whether a period is exactly a month, a quarter or a year, for its name.
"""

from __future__ import annotations

from typing import Final

import jdatetime

from bot.domain.reports import Period

__all__ = ["PRESETS", "preset_period", "previous_month", "shape"]

LAST_MONTH: Final = "last_month"
THIS_MONTH: Final = "this_month"
LAST_QUARTER: Final = "last_quarter"
THIS_YEAR: Final = "this_year"
LAST_YEAR: Final = "last_year"
#: The named periods, in the order a person is offered them (the last month first).
PRESETS: Final = (LAST_MONTH, THIS_MONTH, LAST_QUARTER, THIS_YEAR, LAST_YEAR)


def previous_month(today: jdatetime.date) -> Period:
    """The whole Jalali month before *today*'s."""
    year, month = int(today.year), int(today.month)
    return Period.month(year - 1, 12) if month == 1 else Period.month(year, month - 1)


def preset_period(name: str, today: jdatetime.date) -> Period:
    """The period *name* (one of PRESETS) means on *today*; KeyError for another name."""
    year, month = int(today.year), int(today.month)
    if name == LAST_MONTH:
        return previous_month(today)
    if name == THIS_MONTH:
        return Period(jdatetime.date(year, month, 1), today)
    if name == LAST_QUARTER:
        quarter = (month - 1) // 3 + 1
        return Period.quarter(year - 1, 4) if quarter == 1 else Period.quarter(year, quarter - 1)
    if name == THIS_YEAR:
        return Period(jdatetime.date(year, 1, 1), today)
    if name == LAST_YEAR:
        return Period.year(year - 1)
    raise KeyError(name)


def shape(period: Period) -> tuple[str, int, int] | None:
    """("month", year, month), ("quarter", year, q) or ("year", year, 0) when *period* is
    exactly one; None for any other run of days."""
    year, month = int(period.first.year), int(period.first.month)
    if period == Period.year(year):
        return "year", year, 0
    if month % 3 == 1 and period == Period.quarter(year, month // 3 + 1):
        return "quarter", year, month // 3 + 1
    if period == Period.month(year, month):
        return "month", year, month
    return None
