"""The rate limit shared through the PostgreSQL store: its slots and pauses (`rate_slots`).

One bot's rows share a `scope` (platform and bot id). `take` serialises the bot's processes on a
transaction-scoped advisory lock derived from the scope, reads the server's `clock_timestamp()`
(so the processes' clocks need not agree), deletes the scope's rows past every window, and either
inserts the slot or says what stands in the way, in one statement. `end` moves a slot to the
moment its call ended; `pause` records when a 429's `retry_after` ends. PostgreSQL only: on
SQLite one process keeps its limit in memory, and these functions refuse to run.

Each function takes the session it works in; none commits. One short transaction an ask.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

LOCK = text("SELECT pg_advisory_xact_lock(:key)")

# The lock is held: what the scope's rows say now, and the slot inserted if nothing stands in
# the way. A data-modifying CTE sees the snapshot its statement began with, so the counts below
# filter on the windows themselves rather than trusting the DELETE.
TAKE = text(
    """
WITH clock AS MATERIALIZED (SELECT clock_timestamp() AS now),
pruned AS (
    DELETE FROM rate_slots
    WHERE scope = CAST(:scope AS VARCHAR)
      AND counts_from < (SELECT now FROM clock) - make_interval(secs => :keep)
),
state AS (
    SELECT
        clock.now,
        (SELECT max(counts_from) FROM rate_slots
          WHERE scope = CAST(:scope AS VARCHAR) AND kind = 'pause') AS paused_until,
        (SELECT max(counts_from) FROM rate_slots
          WHERE scope = CAST(:scope AS VARCHAR) AND kind = 'slot'
            AND chat_id = CAST(:chat_id AS BIGINT)) AS chat_from,
        (SELECT count(*) FROM rate_slots
          WHERE scope = CAST(:scope AS VARCHAR) AND kind = 'slot'
            AND counts_from > clock.now - make_interval(secs => :window)) AS live,
        (SELECT min(counts_from) FROM rate_slots
          WHERE scope = CAST(:scope AS VARCHAR) AND kind = 'slot'
            AND counts_from > clock.now - make_interval(secs => :window)
            AND counts_from <= clock.now) AS first_ended
    FROM clock
),
taken AS (
    INSERT INTO rate_slots (scope, kind, chat_id, counts_from)
    SELECT CAST(:scope AS VARCHAR), 'slot', CAST(:chat_id AS BIGINT),
           state.now + make_interval(secs => :hold)
    FROM state
    WHERE (state.paused_until IS NULL OR state.paused_until <= state.now)
      AND (state.chat_from IS NULL
           OR state.chat_from + make_interval(secs => :chat_interval) <= state.now)
      AND state.live < :limit
    RETURNING id
)
SELECT (SELECT id FROM taken) AS slot_id, now, paused_until, chat_from, live, first_ended
FROM state
"""
)

END = text("UPDATE rate_slots SET counts_from = clock_timestamp() WHERE id = :slot_id")

PAUSE = text(
    """
INSERT INTO rate_slots (scope, kind, chat_id, counts_from)
VALUES (CAST(:scope AS VARCHAR), 'pause', NULL,
        clock_timestamp() + make_interval(secs => :seconds))
"""
)


@dataclass(frozen=True)
class Taken:
    """What `take` found: the slot it inserted (None: none), and the scope's state at its now."""

    slot_id: int | None
    now: datetime
    paused_until: datetime | None
    chat_from: datetime | None
    live: int
    first_ended: datetime | None


def lock_key(scope: str) -> int:
    """The advisory lock's key of *scope*: a stable signed 64-bit number."""
    digest = hashlib.sha256(f"daftar rate_slots {scope}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _refuse_sqlite(session: AsyncSession) -> None:
    if session.get_bind().dialect.name != "postgresql":
        raise RuntimeError("the shared rate limit runs on PostgreSQL only")


async def take(
    session: AsyncSession,
    scope: str,
    *,
    chat_id: int | None,
    limit: int,
    window: float,
    hold: float,
    chat_interval: float,
) -> Taken:
    """Take a slot of *scope* counting from `hold` seconds ahead, unless a pause runs, the chat
    (None: no chat's pace) had its last message under *chat_interval* ago, or *limit* slots count
    within *window*; delete the rows past every window."""
    _refuse_sqlite(session)
    await session.execute(LOCK, {"key": lock_key(scope)})
    row = (
        await session.execute(
            TAKE,
            {
                "scope": scope,
                "chat_id": chat_id,
                "limit": limit,
                "window": float(window),
                "hold": float(hold),
                "chat_interval": float(chat_interval),
                "keep": float(max(window, chat_interval) + 1.0),
            },
        )
    ).one()
    return Taken(
        slot_id=row.slot_id,
        now=row.now,
        paused_until=row.paused_until,
        chat_from=row.chat_from,
        live=int(row.live),
        first_ended=row.first_ended,
    )


async def end(session: AsyncSession, slot_id: int) -> None:
    """The call of *slot_id* ended: it counts from the server's now."""
    _refuse_sqlite(session)
    await session.execute(END, {"slot_id": slot_id})


async def pause(session: AsyncSession, scope: str, seconds: float) -> None:
    """No slot of *scope* until *seconds* from the server's now."""
    _refuse_sqlite(session)
    await session.execute(PAUSE, {"scope": scope, "seconds": float(seconds)})
