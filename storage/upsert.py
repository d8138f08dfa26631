"""The dialect's INSERT, for the ON CONFLICT clauses that SQLite (≥ 3.35) and PostgreSQL share.

`ON CONFLICT DO NOTHING RETURNING` decides a race in one statement: no row returned is the
conflict. `ON CONFLICT DO UPDATE` writes a row whether or not it exists.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession


def dialect_of(session: AsyncSession) -> str:
    """The name of the dialect of *session*'s store: "sqlite" or "postgresql"."""
    return str(session.get_bind().dialect.name)


def insert_in(dialect: str, table: Any) -> Any:
    """An INSERT into *table* (a model or a Table) in *dialect*."""
    return (pg_insert if dialect == "postgresql" else sqlite_insert)(table)


def insert_for(session: AsyncSession, table: Any) -> Any:
    """An INSERT into *table* (a model or a Table) in the dialect of *session*'s store."""
    return insert_in(dialect_of(session), table)
