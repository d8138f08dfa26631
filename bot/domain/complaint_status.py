"""Staff moving a complaint to another status: recorded in its timeline, the complainant told,
and, when the Association accepts it, the office told.

One call does it all in the caller's transaction, or refuses before writing anything: an unknown
tracking code, or the status the complaint already has. A withdrawn complaint may still move
(Art. 26, note 2: withdrawal does not stop the proceedings); the caller is told it was withdrawn.

A complaint is *accepted* when it first leaves `received` for review by the Association
(Art. 15(e)) or for the Primary Disciplinary Board (Art. 22); a dismissal is no acceptance. Then
the office's manager now is sent the office's notice of it (`bot.notices.office_complaints`),
with the complainant's identity only where they consented; an office whose manager has linked no
chat gets it when they link, and one with no manager on record is not told (the caller says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.notices import managers as manager_notices
from bot.notices import office_complaints
from bot.notices.complainants import tell_status
from storage import complaints, managers, offices
from storage import notices as notice_store
from storage.models import Complaint, Notice
from storage.statuses import ComplaintStatus

#: The moves that accept a complaint: out of `received`, to be pursued (Arts. 15(e), 22).
ACCEPTED = frozenset({ComplaintStatus.UNDER_REVIEW, ComplaintStatus.REFERRED_TO_BOARD})


class StatusChangeRefused(Exception):
    """The change cannot be made; `field` names what was wrong (the code, or the status)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class OfficeTold:
    """What the office was sent when its complaint was accepted."""

    notice: Notice | None  # None: the office has no manager on record, so no one was told
    manager_name: str | None
    deliveries: int  # outbox rows queued to the manager's linked chats (0: the notice waits)
    identity_shared: bool  # whether the complainant consented to the office knowing them


@dataclass(frozen=True)
class StatusChanged:
    """What a status change did."""

    complaint: Complaint
    before: str
    notice_id: int  # the outbox row that tells the complainant
    withdrawn_at: datetime | None  # when the complainant withdrew it, if they did
    office: OfficeTold | None = None  # None: this move did not accept the complaint


async def change_status(
    session: AsyncSession,
    code: str,
    status: str,
    note: str | None,
    now: datetime,
    *,
    settings: Settings,
) -> StatusChanged:
    """Move the complaint with tracking *code* to *status*, with *note*; tell its complainant,
    and its office when this accepts it."""
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
    office = await tell_office_if_accepted(
        session, settings, now, complaint=complaint, before=before
    )
    return StatusChanged(complaint, before, notice_id, withdrawn, office)


def accepts(before: str, after: str) -> bool:
    """Whether moving a complaint from *before* to *after* is the Association accepting it."""
    return before == ComplaintStatus.RECEIVED and after in ACCEPTED


async def tell_office_if_accepted(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    complaint: Complaint,
    before: str,
) -> OfficeTold | None:
    """After *complaint* moved from *before*: if that accepted it, notify the office's manager.

    None when the move was no acceptance (or the office was told already).
    """
    if not accepts(before, complaint.status):
        return None
    if await notice_store.of_subject(session, office_complaints.KIND, complaint.id) is not None:
        return None
    consent = bool(complaint.identity_consent)
    manager = await managers.current(session, complaint.office_code)
    if manager is None:
        return OfficeTold(None, None, 0, consent)
    office = await offices.office(session, complaint.office_code)
    notice = await manager_notices.issue(
        session,
        manager_id=manager.id,
        office_code=complaint.office_code,
        kind=office_complaints.KIND,
        subject_id=complaint.id,
        content=office_complaints.content_of(complaint, office),
        settings=settings,
        now=now,
    )
    deliveries = len(await notice_store.deliveries_of(session, notice.id))
    return OfficeTold(notice, manager.name, deliveries, consent)
