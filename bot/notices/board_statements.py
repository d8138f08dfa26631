"""The manager's written statement to the Primary Board: the invitation, and the statement sent.

The Board's practice for a fair hearing, not a rule of the directive: before its sitting the
chair may invite the office's manager to write to the Board. The invitation goes to every chat
linked to the manager, with "✍ Send a written statement" (`statement.write`: the manager's flow,
checked again on press); the statement, once sent, goes to every chat linked to a member of the
Board. Both are outbox rows written in the deciding transaction.

    invite_manager(session, settings, *, statement, office_code, now) -> int
    to_members(session, settings, *, statement, association, now) -> int
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.messages.replies import Reply
from bot.notices.board_cases import OPEN_CASE
from bot.notices.complainants import button
from bot.text.i18n import translator
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import identities, managers, outbox
from storage import staff as staff_store
from storage.models import CaseStatement
from storage.statuses import Role

#: The manager's button (bot/flows/manager_statement.py).
WRITE: Final = "statement.write"
#: The label that says what this is, everywhere it is shown.
PRACTICE: Final = N_(
    "This is the Board's practice for a fair hearing, not a rule of the directive."
)


async def _queue(
    session: AsyncSession, platform: str, chat_id: int, reply: Reply, now: datetime
) -> None:
    await outbox.enqueue(
        session,
        platform=platform,
        chat_id=chat_id,
        kind="notice",
        payloads=[reply.to_payload()],
        update_id=None,
        now=now,
    )


async def _locale(session: AsyncSession, settings: Settings, platform: str, user_id: int) -> str:
    identity = await identities.find(session, platform, user_id)
    return (identity.locale if identity else None) or settings.default_locale


async def invite_manager(
    session: AsyncSession,
    settings: Settings,
    *,
    statement: CaseStatement,
    office_code: str,
    now: datetime,
) -> int:
    """Queue the invitation to every chat linked to the manager; how many (0: none linked)."""
    sent = 0
    for link in await managers.active_links(session, statement.manager_id):
        locale = await _locale(session, settings, link.platform, link.platform_user_id)
        t = translator(locale)
        text = "\n".join(
            [
                t(
                    N_(
                        "📝 The Primary Disciplinary Board hears case {case} against office "
                        "{office} (Article 22). Its chair invites your written statement before "
                        "the sitting."
                    ),
                    case=localize_digits(str(statement.case_id), locale),
                    office=localize_digits(office_code, locale),
                ),
                t(PRACTICE),
            ]
        )
        write = await button(
            session,
            (link.platform, link.chat_id),
            t(N_("✍ Send a written statement")),
            WRITE,
            {"statement_id": statement.id},
            now,
        )
        await _queue(session, link.platform, link.chat_id, Reply(text, inline=((write,),)), now)
        sent += 1
    return sent


async def to_members(
    session: AsyncSession,
    settings: Settings,
    *,
    statement: CaseStatement,
    association: str,
    now: datetime,
) -> int:
    """Queue the statement sent to every chat linked to a member of the Board; how many."""
    sent = 0
    for link in await staff_store.links_of_role(session, Role.BOARD, association):
        locale = await _locale(session, settings, link.platform, link.platform_user_id)
        t = translator(locale)
        text = "\n".join(
            [
                t(
                    N_("📝 The office manager's written statement on case {case}:"),
                    case=localize_digits(str(statement.case_id), locale),
                ),
                "",
                statement.text or "",
            ]
        )
        opening = await button(
            session,
            (link.platform, link.chat_id),
            t(N_("📂 Open the case file")),
            OPEN_CASE,
            {"kind": "case", "id": str(statement.case_id)},
            now,
        )
        await _queue(session, link.platform, link.chat_id, Reply(text, inline=((opening,),)), now)
        sent += 1
    return sent
