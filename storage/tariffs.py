"""The fee tariffs an operator imported, one row a Jalali year (the bundled ones are not here)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Tariff


async def stored(session: AsyncSession) -> list[Tariff]:
    """Every imported tariff, by year."""
    return list(await session.scalars(select(Tariff).order_by(Tariff.year)))


async def of_year(session: AsyncSession, year: int) -> Tariff | None:
    """The tariff imported for Jalali *year*, if any."""
    return await session.get(Tariff, year)


async def put(
    session: AsyncSession,
    *,
    year: int,
    source: str,
    official: bool,
    items: Sequence[dict[str, Any]],
    now: datetime,
) -> bool:
    """Keep the tariff of *year*, in place of any imported before; whether one was replaced."""
    row = await session.get(Tariff, year)
    replaced = row is not None
    if row is None:
        row = Tariff(year=year)
        session.add(row)
    row.source, row.official, row.items, row.imported_at = source, official, list(items), now
    await session.flush()
    return replaced
