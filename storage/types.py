"""Column types shared by the models: moments in UTC, Jalali calendar days, statuses."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Final, TypeVar, cast

import jdatetime
from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC: aware in Python on every store (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware moment (UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment = cast(datetime, value)
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


# The stored form of a Jalali day, zero-padded ASCII "1403/08/15": the same as
# bot.text.jalali.format_stored_date writes (storage imports nothing of bot, so the form is
# spelled here too; tests/units/test_jalali.py holds the two to one form).
_STORED_DAY: Final = re.compile(r"([0-9]{4})/([0-9]{2})/([0-9]{2})")


class JalaliDate(TypeDecorator[jdatetime.date]):
    """A Jalali calendar day, kept as the text "1403/08/15" (String(10), so no schema change).

    Zero-padded, the text sorts as the days do, so comparisons in SQL stay right. Only a
    `jdatetime.date` is written, and anything but that exact form read back is an error rather
    than a guess.
    """

    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: jdatetime.date | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, jdatetime.date):
            raise TypeError(f"a Jalali date is a jdatetime.date, not {value!r}")
        return f"{int(value.year):04d}/{int(value.month):02d}/{int(value.day):02d}"

    def process_result_value(self, value: Any, dialect: Dialect) -> jdatetime.date | None:
        if value is None:
            return None
        found = _STORED_DAY.fullmatch(str(value))
        if found is None:
            raise ValueError(f"not a stored Jalali date: {value!r}")
        year, month, day = (int(part) for part in found.groups())
        return jdatetime.date(year, month, day)


S = TypeVar("S", bound=StrEnum)


class StatusText(TypeDecorator[S]):
    """A status column: the enum's value as `String(length)` in the store, its member in Python.

    The schema is the plain string column it always was; a value that is not one of the enum's
    statuses is refused on the way in (a write or a comparison) and on the way out.
    """

    impl = String
    cache_ok = True

    def __init__(self, statuses: type[S], length: int) -> None:
        super().__init__(length)
        self.statuses = statuses
        self.length = length

    def process_bind_param(self, value: S | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return str(self.statuses(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> S | None:
        if value is None:
            return None
        return self.statuses(value)
