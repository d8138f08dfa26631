"""Putting a manager's notice back in the queue: its failed or undeliverable deliveries retried.

Staff retry a notice when they believe its chats can be reached now. The attempts made so far are
kept; each delivery retried is pending again, due at once, and its chat is no longer taken as
blocked. Nothing here commits: the caller's transaction holds the change.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage import notices as notice_store
from storage.models import OutboxMessage
from storage.statuses import OutboxStatus

#: The delivery statuses a retry puts back in the queue.
RETRYABLE = ("failed", "undeliverable")


class RetryRefused(ValueError):
    """Nothing to retry: no such notice, or none of its deliveries failed (English, for staff)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def retry_notice(session: AsyncSession, notice_id: int) -> list[OutboxMessage]:
    """Queue a notice's failed or undeliverable deliveries again; return them, oldest first."""
    notice = await notice_store.notice(session, notice_id)
    if notice is None:
        raise RetryRefused(f"no notice #{notice_id}")
    rows = await notice_store.deliveries_of(session, notice.id, statuses=RETRYABLE)
    if not rows:
        raise RetryRefused(
            f"notice #{notice.id} has no failed or undeliverable delivery; nothing to retry"
        )
    for row in rows:
        row.status, row.next_attempt_at = OutboxStatus.PENDING, None
        row.claimed_until = None
        # A chat marked blocked would be refused again without a try: staff who retry
        # believe it may work now, and a refusal marks it again.
        await notice_store.unblock(session, row.platform, row.chat_id)
    return rows
