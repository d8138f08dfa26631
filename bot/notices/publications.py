"""A final degree-4 reprimand's publication (Art. 23, degree 4): its text, and its post.

Art. 23, degree 4 is a reprimand "published on the Center's website": the website is the legal
venue, and the Center publishes there. Where `settings.publication_chat` names a public chat,
this service also posts the text there (the service's extra, not the law's venue), as one outbox
row written in the transaction that made the sanction final. The text names the office, its
manager, the clauses of Art. 25, the sanction and the day it became final; never a complainant.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.messages.replies import Reply
from bot.text.i18n import Translator
from bot.text.jalali import format_jalali_date
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import outbox

#: Where a publication is recorded when no public chat is configured (Art. 23, degree 4).
WEBSITE = "website"


def publication_text(
    t: Translator,
    *,
    office_name: str,
    office_code: str,
    manager_name: str,
    violations: Sequence[str],
    final_on: jdatetime.date,
) -> str:
    """The publication of a final degree-4 reprimand in *t*'s language (no complainant)."""
    clauses = [localize_digits(clause.split(".")[-1], t.locale) for clause in violations]
    lines = [
        t(N_("📢 Reprimand of an office manager (Article 23, degree 4)")),
        t(
            N_(
                "By a final disciplinary decision, {manager}, manager of the Judicial E-Services "
                "Office {office}, is reprimanded for violating Article 25, clauses {clauses}."
            ),
            manager=manager_name,
            office=localize_digits(f"{office_name} ({office_code})", t.locale),
            clauses=t.join(clauses),
        ),
        t(
            N_("Final on {date}."),
            date=format_jalali_date(final_on, t.locale),
        ),
        t(
            N_(
                "The legal venue of this publication is the Center's website (Article 23, "
                "degree 4); this post is an extra notice of this service."
            )
        ),
    ]
    return "\n".join(lines)


async def post(
    session: AsyncSession, settings: Settings, text: str, now: datetime
) -> tuple[str, int | None]:
    """Queue *text* to the configured public chat; (venue, outbox id), or (WEBSITE, None)."""
    target = settings.publication_target
    if target is None:
        return WEBSITE, None
    platform, chat_id = target
    [row_id] = await outbox.enqueue(
        session,
        platform=platform,
        chat_id=chat_id,
        kind="notice",
        payloads=[Reply(text).to_payload()],
        update_id=None,
        now=now,
    )
    return f"{platform}:{chat_id}", row_id
