"""Mark-sent as a group commit: sends that complete close together are marked in one UPDATE.

A caller's `mark` returns once its rows are committed as sent, so what a chat's next update or
the resend sweep reads is as before. The inbox rows whose replies these are go in the same
transaction: that is when the chat's next update may be taken (storage/inbox.py). Under load
that is one transaction for many replies; alone, it is one for one (`group_commit`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.engine.group_commit import GroupCommit
from storage import inbox, outbox

Marks = Sequence[tuple[int, int | None]]  # (outbox id, the platform's message id)
# One caller's part: its marks, and the inbox rows done with them.
Marked = tuple[Marks, Sequence[int]]


class SentMarks:
    """Marks outbox rows sent, several callers' rows in one transaction."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime]
    ) -> None:
        self._clock = clock
        self._group: GroupCommit[Marked] = GroupCommit(sessions, self._write)

    async def mark(self, marks: Marks, inbox_rows: Sequence[int] = ()) -> None:
        """Commit *marks* as sent and *inbox_rows* as done, with whatever else is queued when
        this caller's turn comes."""
        if marks or inbox_rows:
            await self._group.add([(marks, inbox_rows)])

    async def _write(self, session: AsyncSession, parts: list[Marked]) -> None:
        pairs = [pair for marks, _ in parts for pair in marks]
        await outbox.mark_sent_many(session, pairs, self._clock())
        await inbox.done_many(session, [row for _, rows in parts for row in rows])
