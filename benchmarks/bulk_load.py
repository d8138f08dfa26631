"""Writing generated rows into a store fast: a batch a statement, in the store's own types.

Each value goes through its column's bind processor, as the ORM would write it (an aware moment
as SQLite's text or PostgreSQL's timestamptz, a Jalali day as "1403/08/15", a list as JSON), and
a column the rows leave out takes the model's default; so the store reads back what the product
writes. SQLite takes each batch in one `executemany` and transaction; PostgreSQL takes it by
COPY (asyncpg's `copy_records_to_table`), then its id sequences are moved past the ids given and
the tables are vacuumed and analysed, as autovacuum does on a store that grew over a year.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.national_year import Rows
from storage.models import Base

__all__ = ["load"]

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Writing:
    """How a table's batches are written: the columns, the models' scalar defaults for those the
    rows leave out, each column's bind processor."""

    columns: tuple[str, ...]
    defaults: tuple[Any, ...]
    processors: tuple[Processor, ...]

    @classmethod
    def of(cls, dialect: Dialect, rows: Rows) -> _Writing:
        table = Base.metadata.tables[rows.table]
        left = [
            c
            for c in table.c
            if c.name not in rows.columns and c.default is not None and c.default.is_scalar
        ]
        columns = rows.columns + tuple(c.name for c in left)
        processors = tuple(
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns
        )
        return cls(columns, tuple(getattr(c.default, "arg", None) for c in left), processors)

    def records(self, rows: Rows) -> list[tuple[Any, ...]]:
        """The batch's rows as the store takes them."""
        processors, defaults = self.processors, self.defaults
        return [
            tuple(v if p is None else p(v) for v, p in zip(row + defaults, processors, strict=True))
            for row in rows.rows
        ]


async def load(engine: AsyncEngine, batches: Iterable[Rows]) -> None:
    """Write every batch of *batches* into *engine*'s store (migrated, and empty of them)."""
    writings: dict[tuple[str, tuple[str, ...]], _Writing] = {}  # batches may differ in columns

    def writing(rows: Rows) -> _Writing:
        key = (rows.table, rows.columns)
        if key not in writings:
            writings[key] = _Writing.of(engine.dialect, rows)
        return writings[key]

    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver: Any = raw.driver_connection  # sqlite3's (called in line) or asyncpg's
        if engine.dialect.name == "sqlite":
            # Only while seeding: a crash would leave a broken file, and it is thrown away then.
            driver.execute("PRAGMA synchronous=OFF")
            for rows in batches:
                how = writing(rows)
                names = ", ".join(f'"{c}"' for c in how.columns)
                marks = ", ".join("?" for _ in how.columns)
                driver.execute("BEGIN")  # the connection is in autocommit: begin here
                driver.executemany(
                    f'INSERT INTO "{rows.table}" ({names}) VALUES ({marks})', how.records(rows)
                )
                driver.execute("COMMIT")
            driver.execute("PRAGMA synchronous=NORMAL")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return
        for rows in batches:
            how = writing(rows)
            await driver.copy_records_to_table(
                rows.table, records=how.records(rows), columns=how.columns
            )
        for table in sorted({table for table, _columns in writings}):
            if "id" in Base.metadata.tables[table].c:
                await driver.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f'(SELECT coalesce(max(id), 0) + 1 FROM "{table}"), false)'
                )
            await driver.execute(f'VACUUM ANALYZE "{table}"')
