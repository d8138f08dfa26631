"""Buttons: the server side of every inline button sent (its token is all a press carries).

Each function takes the session it works in; none commits. The caller's transaction decides.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Button

_TABLE = cast(Table, Button.__table__)
# Built and compiled once, executed with the rows as parameters (the driver's executemany: a
# VALUES list would be compiled anew for each number of rows), in `update_trips.write_replies`.
ADD_MANY = insert(_TABLE)


async def add(session: AsyncSession, button: Button) -> None:
    """Store a button's server side."""
    session.add(button)


async def find(session: AsyncSession, token: str) -> Button | None:
    """The button behind *token*, if there is one."""
    return await session.get(Button, token)


async def prune_expired(session: AsyncSession, now: datetime) -> int:
    """Forget buttons past their expiry; return how many went."""
    result = await session.execute(delete(Button).where(Button.expires_at < now))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
