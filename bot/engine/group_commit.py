"""A group commit: writes that arrive while a transaction is under way go together in the next.

A caller's `add` returns once its items are committed, so whoever reads after it sees them, as
with a transaction of its own. While one transaction writes, the items that arrive queue up;
the next caller to get the turn writes all of them at once, and the others find theirs done.
Under load that is one transaction for many callers; alone, it is one for one. Used for the
sent replies' marks (`sent_marks`) and the webhook's inbox rows (bot/handlers/runner.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

Item = TypeVar("Item")


class GroupCommit(Generic[Item]):
    """Commits several callers' items in one transaction, by *write*(session, items)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        write: Callable[[AsyncSession, list[Item]], Awaitable[None]],
    ) -> None:
        self._sessions = sessions
        self._write_items = write
        self._turn = asyncio.Lock()
        self._queued: list[tuple[Sequence[Item], asyncio.Future[None]]] = []

    async def add(self, items: Sequence[Item]) -> None:
        """Commit *items*, with whatever else is queued when this caller's turn comes."""
        if not items:
            return
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queued.append((items, mine))
        async with self._turn:
            if not mine.done():
                await self._write(mine)
        mine.result()  # a failure of the transaction that carried these, raised here too

    async def _write(self, mine: asyncio.Future[None]) -> None:
        batch, self._queued = self._queued, []
        try:
            async with self._sessions() as session, session.begin():
                await self._write_items(session, [item for items, _ in batch for item in items])
        except Exception as error:
            for _, future in batch:
                future.set_exception(error)
            return
        except BaseException:  # cancelled: the others are told, this caller is cancelled
            for _, future in batch:
                if future is not mine:
                    future.set_exception(RuntimeError("the group's transaction was cancelled"))
            raise
        for _, future in batch:
            future.set_result(None)
