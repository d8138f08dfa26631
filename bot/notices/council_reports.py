"""An inspection's reasoned report to the Council (Art. 21): one outbox row per linked chat.

Art. 21 has the Association submit its reasoned, documented report to the Council (the Advisory
Council). The Appeals Board's members are the Council's members (Art. 24), so the service reaches
the Council through the chats linked to the `appeals_board` role: the role stands for the
Council here. Each chat gets, in its own language, a summary and the report itself as a document
(the file kept on this machine). Written in the recording transaction, like every notice.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.messages.replies import Attachment, Reply
from bot.notices.staff_chats import queue_to_links
from bot.text.i18n import Translator
from bot.text.jalali import format_jalali_datetime
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import staff as staff_store
from storage.models import Case, Inspection, Office
from storage.statuses import Role

#: The role whose members are the Council's (Art. 24: the Appeals Board is the Council's members).
COUNCIL_ROLE = Role.APPEALS_BOARD


async def tell_council(
    session: AsyncSession,
    settings: Settings,
    inspection: Inspection,
    office: Office,
    case: Case | None,
    now: datetime,
) -> list[int]:
    """Queue the recorded *inspection*'s report to every chat linked to the Council's members."""
    report = inspection.report_path
    assert report is not None

    async def write(t: Translator, locale: str, chat: tuple[str, int]) -> Reply:
        moment = inspection.visited_at or inspection.at
        found = inspection.findings or []
        lines = [
            t(
                N_(
                    "📋 The reasoned report of inspection no. {number} of office {office} "
                    "(Article 21)"
                ),
                number=localize_digits(str(inspection.id), locale),
                office=localize_digits(office.code, locale),
            ),
            t(
                N_("Visit: {when}, {how}"),
                when=format_jalali_datetime(moment, settings.zone, locale),
                how=t(N_("announced ahead") if inspection.announced else N_("unannounced")),
            ),
            t(
                N_("Findings: Article 25, clauses {clauses}"),
                clauses=t.join([localize_digits(c.split(".")[-1], locale) for c in found]),
            )
            if found
            else t(N_("Findings: none under Article 25")),
        ]
        if case is not None:
            lines.append(
                t(
                    N_("Case no. {case} was opened for the Primary Board (Article 22)."),
                    case=localize_digits(str(case.id), locale),
                )
            )
        lines.append(t(N_("The report is the attached file.")))
        return Reply(
            "\n".join(lines),
            attachment=Attachment(
                "document",
                path=report,
                name=Path(report).name,
            ),
        )

    links = await staff_store.links_of_role(session, COUNCIL_ROLE, None)
    return await queue_to_links(session, settings, links, now, write)
