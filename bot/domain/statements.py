"""The office manager's written statement to the Primary Board before its sitting.

The Board's practice for a fair hearing, not a rule of the directive (Art. 22 says who hears a
case; it prescribes no hearing of the manager): the chair invites it once a case
(`invite_statement`), the manager of the office on the violation's day receives it in every
linked chat, and writes it (`send_statement`: text, once); it reaches every member of the Board.

    invite_statement(session, settings, now, *, case, invited_by) -> Invited
    statement_for(session, *, statement_id, platform, user_id) -> CaseStatement | None
    send_statement(session, settings, now, *, statement, text) -> int
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain import board
from bot.domain.refusals import DisciplineError, short_text
from bot.notices import board_statements
from storage import cases as case_store
from storage import managers
from storage import sittings as store
from storage.models import Case, CaseStatement

#: A statement's length, in characters.
STATEMENT_CHARS = range(10, 3001)


@dataclass(frozen=True)
class Invited:
    """An invitation issued, and to how many of the manager's chats it went (0: it waits)."""

    statement: CaseStatement
    chats: int


async def invite_statement(
    session: AsyncSession, settings: Settings, now: datetime, *, case: Case, invited_by: int
) -> Invited:
    """Invite the manager of the office on the violation's day to write to the Board (once)."""
    if case.status != "open":
        raise DisciplineError("case", f"case #{case.id} was decided already")
    if await store.statement_of_case(session, case.id) is not None:
        raise DisciplineError("statement", f"case #{case.id}'s manager was invited already")
    facts = await board.case_facts(session, settings, case)
    if facts.manager is None:
        raise DisciplineError("statement", f"office {case.office_code} has no manager on record")
    invited = await store.add_statement(
        session,
        CaseStatement(
            case_id=case.id, manager_id=facts.manager.id, invited_by=invited_by, invited_at=now
        ),
    )
    chats = await board_statements.invite_manager(
        session, settings, statement=invited, office_code=case.office_code, now=now
    )
    return Invited(invited, chats)


async def statement_for(
    session: AsyncSession, *, statement_id: object, platform: str, user_id: int | None
) -> CaseStatement | None:
    """The invitation a button names, only if this account is linked to its manager now, the
    statement is not sent yet and the case still open."""
    if not isinstance(statement_id, int) or user_id is None:
        return None
    found = await store.statement(session, statement_id)
    link = await managers.link_of(session, platform, user_id)
    if found is None or link is None or link.manager_id != found.manager_id:
        return None
    case = await case_store.by_id(session, found.case_id)
    if found.sent_at is not None or case is None or case.status != "open":
        return None
    return found


async def send_statement(
    session: AsyncSession, settings: Settings, now: datetime, *, statement: CaseStatement, text: str
) -> int:
    """Keep the manager's statement and send it to every member of the Board; how many chats."""
    if statement.sent_at is not None:
        raise DisciplineError("statement", "the statement was sent already")
    written = short_text(text, "statement", STATEMENT_CHARS.stop - 1)
    if written is None or len(written) < STATEMENT_CHARS.start:
        raise DisciplineError("statement", "write at least 10 characters")
    case = await case_store.by_id(session, statement.case_id)
    assert case is not None
    statement.text, statement.sent_at = written, now
    await session.flush()
    association = await board.association_of_case(session, settings, case)
    return await board_statements.to_members(
        session, settings, statement=statement, association=association, now=now
    )
