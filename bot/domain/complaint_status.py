"""Staff moving a complaint to another status: recorded in its timeline, the complainant told.

One call does it all in the caller's transaction, or refuses before writing anything: an unknown
tracking code, or the status the complaint already has. A withdrawn complaint may still move
(Art. 26, note 2: withdrawal does not stop the proceedings); the caller is told it was withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.notices.complainants import tell_status
from storage import complaints
from storage.models import Complaint


class StatusChangeRefused(Exception):
    """The change cannot be made; `field` names what was wrong (the code, or the status)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class StatusChanged:
    """What a status change did."""

    complaint: Complaint
    before: str
    notice_id: int  # the outbox row that tells the complainant
    withdrawn_at: datetime | None  # when the complainant withdrew it, if they did


async def change_status(
    session: AsyncSession, code: str, status: str, note: str | None, now: datetime
) -> StatusChanged:
    """Move the complaint with tracking *code* to *status*, with *note*; tell its complainant."""
    complaint = await complaints.by_code(session, code)
    if complaint is None:
        raise StatusChangeRefused("CODE", f"no complaint with tracking code {code}")
    if complaint.status == status:
        raise StatusChangeRefused(
            "STATUS", f"complaint {code} is already {status}; nothing changed"
        )
    before = complaint.status
    withdrawn = await complaints.withdrawn_at(session, complaint.id)
    await complaints.set_status(session, complaint, status, note, now)
    notice_id = await tell_status(session, complaint, note, now)
    return StatusChanged(complaint, before, notice_id, withdrawn)
