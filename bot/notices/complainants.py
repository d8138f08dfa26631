"""What complainants are told when their complaint moves: outbox rows, in their language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages.replies import Reply
from bot.text.i18n import translator
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import outbox
from storage.models import Complaint
from storage.statuses import ComplaintStatus

#: What a complainant reads for each status. Keyed by the enum; typed by `str` so that a status
#: read as a plain string (a timeline line's) finds its label too.
STATUS_LABELS: Final[Mapping[str, str]] = {
    ComplaintStatus.RECEIVED: N_("received"),
    ComplaintStatus.UNDER_REVIEW: N_("under review by the Association"),
    ComplaintStatus.REFERRED_TO_BOARD: N_("referred to the Primary Disciplinary Board"),
    ComplaintStatus.DECIDED: N_("decided"),
    ComplaintStatus.DISMISSED: N_("dismissed"),
}


def shown_code(code: str, locale: str) -> str:
    """A tracking code in the locale's digits."""
    return localize_digits(code, locale)


async def tell_status(
    session: AsyncSession, complaint: Complaint, note: str | None, now: datetime
) -> int:
    """Queue a notice to the complainant that the complaint's status changed; return its id."""
    t = translator(complaint.locale)
    lines = [
        t(
            N_("Your complaint {code} is now: {status}."),
            code=shown_code(complaint.tracking_code, complaint.locale),
            status=t(STATUS_LABELS[complaint.status]),
        )
    ]
    if note:
        lines.append(t(N_("Note from the Association: {note}"), note=note))
    lines.append(t(N_("Send /complaints to see its timeline.")))
    return await tell(session, complaint, "\n".join(lines), now)


async def tell(session: AsyncSession, complaint: Complaint, text: str, now: datetime) -> int:
    """Queue *text* (already in the complainant's language) as a notice to them."""
    [notice_id] = await outbox.enqueue(
        session,
        platform=complaint.platform,
        chat_id=complaint.chat_id,
        kind="notice",
        payloads=[Reply(text).to_payload()],
        update_id=None,
        now=now,
    )
    return notice_id
