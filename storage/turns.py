"""Work that one process at a time must do, among several on one store: a transaction's turn.

On PostgreSQL, `pg_try_advisory_xact_lock` on a key made from the work's name: the first
transaction to ask has the turn until it ends, and another process's transaction that asks
meanwhile is told no at once (it does not wait; the work is being done). On SQLite one process
serves the store, so the turn is always its own.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.upsert import dialect_of

# Advisory lock keys are one bigint space for the whole database: ours live under this prefix.
_NAMESPACE = "daftar:"


async def take_turn(session: AsyncSession, work: str) -> bool:
    """Whether this transaction may do *work* now (False: another process is doing it)."""
    if dialect_of(session) != "postgresql":
        return True
    key = func.hashtextextended(_NAMESPACE + work, 0)
    return bool(await session.scalar(select(func.pg_try_advisory_xact_lock(key))))
