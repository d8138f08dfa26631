"""Mark-sent as a group commit: sends that complete close together are marked in one UPDATE.

A caller's `mark` returns once its rows are committed as sent, so what a chat's next update or
the resend sweep reads is as before. The inbox rows whose replies these are go in the same
transaction: that is when the chat's next update may be taken (storage/inbox.py). While one
transaction writes, the marks that arrive queue up; the next caller to get the turn writes all
of them at once, and the others find theirs done. Under load that is one transaction for many
replies; alone, it is one for one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import inbox, outbox

Marks = Sequence[tuple[int, int | None]]  # (outbox id, the platform's message id)


class SentMarks:
    """Marks outbox rows sent, several callers' rows in one transaction."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime]
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._turn = asyncio.Lock()
        self._queued: list[tuple[Marks, Sequence[int], asyncio.Future[None]]] = []

    async def mark(self, marks: Marks, inbox_rows: Sequence[int] = ()) -> None:
        """Commit *marks* as sent and *inbox_rows* as done, with whatever else is queued when
        this caller's turn comes."""
        if not marks and not inbox_rows:
            return
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queued.append((marks, inbox_rows, mine))
        async with self._turn:
            if not mine.done():
                await self._write(mine)
        mine.result()  # a failure of the transaction that carried these marks, raised here too

    async def _write(self, mine: asyncio.Future[None]) -> None:
        batch, self._queued = self._queued, []
        try:
            async with self._sessions() as session, session.begin():
                await outbox.mark_sent_many(
                    session, [pair for marks, _, _ in batch for pair in marks], self._clock()
                )
                await inbox.done_many(session, [row for _, rows, _ in batch for row in rows])
        except Exception as error:
            for _, _, future in batch:
                future.set_exception(error)
            return
        except BaseException:  # cancelled: the others are told, this caller is cancelled
            for _, _, future in batch:
                if future is not mine:
                    future.set_exception(RuntimeError("the marking transaction was cancelled"))
            raise
        for _, _, future in batch:
            future.set_result(None)
