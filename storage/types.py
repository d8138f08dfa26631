"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar, cast

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
