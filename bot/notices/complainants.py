"""What complainants are told when their complaint moves: outbox rows, in their language.

A complaint decided or dismissed comes with one optional question: how was it handled (1 to 5,
buttons of the action `RATE`, answered in `bot/flows/complaint/answer.py`).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages.replies import InlineButton, Reply
from bot.text.i18n import translator
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import buttons, outbox
from storage.models import Button, Complaint
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


#: The button of a rating: `{"complaint_id": …, "stars": 1..5}`.
RATE: Final = "thread.rate"
#: The statuses a complaint is decided or closed in: its complainant may rate the handling.
CLOSED: Final = frozenset({ComplaintStatus.DECIDED, ComplaintStatus.DISMISSED})
#: How long a notice's buttons stay valid: a choice of this service, not of the law.
NOTICE_BUTTON_DAYS: Final = 90


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
    rows: list[tuple[InlineButton, ...]] = []
    if complaint.status in CLOSED:
        lines += [
            "",
            t(
                N_(
                    "If you like, rate how your complaint was handled, from 1 (poorly) to 5 "
                    "(very well). It is optional, and the office is not told of it."
                )
            ),
        ]
        rows.append(
            tuple(
                [
                    await button(
                        session,
                        (complaint.platform, complaint.chat_id),
                        localize_digits(str(stars), complaint.locale) + " ⭐",
                        RATE,
                        {"complaint_id": complaint.id, "stars": stars},
                        now,
                    )
                    for stars in range(1, 6)
                ]
            )
        )
    return await tell(session, complaint, "\n".join(lines), now, inline=tuple(rows))


async def tell(
    session: AsyncSession,
    complaint: Complaint,
    text: str,
    now: datetime,
    *,
    inline: tuple[tuple[InlineButton, ...], ...] = (),
) -> int:
    """Queue *text* (already in the complainant's language) as a notice to them."""
    [notice_id] = await outbox.enqueue(
        session,
        platform=complaint.platform,
        chat_id=complaint.chat_id,
        kind="notice",
        payloads=[Reply(text, inline=inline).to_payload()],
        update_id=None,
        now=now,
    )
    return notice_id


async def button(
    session: AsyncSession,
    chat: tuple[str, int],
    label: str,
    action: str,
    value: dict[str, Any],
    now: datetime,
    *,
    days: float = NOTICE_BUTTON_DAYS,
) -> InlineButton:
    """An action button of a notice to *chat* (platform, chat id): only that chat may press it,
    for *days*. The notices to managers and to the desk make theirs here too."""
    token = secrets.token_urlsafe(9)
    platform, chat_id = chat
    await buttons.add(
        session,
        Button(
            token=token,
            platform=platform,
            chat_id=chat_id,
            kind="action",
            action=action,
            value=value,
            created_at=now,
            expires_at=now + timedelta(days=days),
        ),
    )
    return InlineButton(label, token)
