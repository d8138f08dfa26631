"""A new complaint at its Association's desk: one outbox row per chat linked to a desk member.

Written in the filing transaction, so a filed complaint and its desk message commit together.
Each chat reads it in its own language, with the complaint's summary (no complainant's identity:
that is in the complaint's view, which is authorised on every press) and a button that opens it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.messages.replies import Reply
from bot.notices.complainants import button
from bot.notices.staff_chats import queue_to_links
from bot.text.i18n import Translator
from bot.text.jalali import format_jalali_numeric
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import staff as staff_store
from storage.models import Complaint
from storage.statuses import Role

#: The staff action the message's button names (a row of bot/domain/staff_actions.py ACTIONS).
OPEN: Final = "desk.complaint"
#: How long the button stays: as long as the desk might still open the complaint from it.
BUTTON_DAYS: Final = 365


async def tell_desk(
    session: AsyncSession, settings: Settings, complaint: Complaint, now: datetime
) -> list[int]:
    """Queue the new *complaint* to every chat linked to its Association's desk; the row ids."""

    async def write(t: Translator, locale: str, chat: tuple[str, int]) -> Reply:
        clauses = [localize_digits(c.split(".")[-1], locale) for c in complaint.violations]
        lines = [
            t(
                N_("📥 New complaint {code} against office {office}"),
                code=localize_digits(complaint.tracking_code, locale),
                office=localize_digits(complaint.office_code, locale),
            ),
            t(
                N_("Date: {date}"),
                date=localize_digits(format_jalali_numeric(complaint.incident_date), locale),
            ),
        ]
        if clauses:
            lines.append(t(N_("Article 25, clauses: {clauses}"), clauses=t.join(clauses)))
        if complaint.unclassified:
            lines.append(t(N_("Another matter, for the Association to classify.")))
        opening = await button(
            session,
            chat,
            t(N_("📄 Open the complaint")),
            OPEN,
            {"kind": "complaint", "id": str(complaint.id)},
            now,
            days=BUTTON_DAYS,
        )
        return Reply(
            "\n".join(lines),
            inline=((opening,),),
        )

    links = await staff_store.links_of_role(session, Role.DESK, complaint.association_province)
    return await queue_to_links(session, settings, links, now, write)
