"""What the Primary Board's members are sent: a case to hear, and a question to vote on.

One outbox row per chat linked to a member, written in the deciding transaction (the case
opened; the question put), each in the chat's language. A case's message names the office, the
clauses and where it came from, and its button opens the case file (`board.case`, authorised on
press: the file itself — complaints, their files, findings, the office's record, earlier final
rulings — is read there, from the store). A question's message carries the member's Yes and No
(`board.vote`; a vote changes until the chair tallies).

    tell_board(session, settings, case, association, now) -> list[int]
    ask_votes(session, settings, *, case_id, sitting_id, question, now) -> list[int]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.messages.replies import InlineButton, Reply
from bot.notices.complainants import button
from bot.notices.staff_chats import queue_to_links
from bot.rules.violations import SANCTIONS, VIOLATIONS
from bot.text.i18n import Translator
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import cases, inspections
from storage import sittings as sitting_store
from storage import staff as staff_store
from storage.models import Case, SittingQuestion
from storage.statuses import Role

#: The staff actions the messages' buttons name (rows of bot/domain/staff_actions.py ACTIONS).
OPEN_CASE: Final = "board.case"
VOTE: Final = "board.vote"
#: How long a case's button stays: as long as the Board may still hear it.
BUTTON_DAYS: Final = 365

SOURCES: Final = {
    "complaints": N_("from complaints"),
    "inspection": N_("from an inspection's findings"),
}


def question_text(t: Translator, question: SittingQuestion, locale: str) -> str:
    """A question as put: "Is clause 12 of Article 25 found?" or "Sanction of degree 3?"; on
    appeal (Art. 24): uphold, replace by a sanction, overturn."""
    if question.kind == "ruling" and question.ruling in RULING_QUESTIONS:
        return t(RULING_QUESTIONS[question.ruling], sanction=_sanction(t, question, locale))
    if question.clause is not None:
        violation = VIOLATIONS[question.clause]
        return t(
            N_("Is Article 25, clause {clause} found: {text}?"),
            clause=localize_digits(str(violation.clause), locale),
            text=t(violation.name),
        )
    return t(N_("Is the sanction {sanction}?"), sanction=_sanction(t, question, locale))


#: The Appeals Board's questions (Art. 24), by ruling.
RULING_QUESTIONS: Final = {
    "uphold": N_("Is the Primary Board's sanction upheld?"),
    "replace": N_("Is the sanction replaced by {sanction}?"),
    "overturn": N_("Is the Primary Board's decision overturned, no sanction standing?"),
}


def _sanction(t: Translator, question: SittingQuestion, locale: str) -> str:
    if question.degree is None:
        return ""
    sanction = t(
        N_("Article 23, degree {degree}: {name}"),
        degree=localize_digits(str(question.degree), locale),
        name=t(SANCTIONS[question.degree].name_msgid),
    )
    if question.months is not None:
        sanction += " " + t(
            N_("({months} months)"), months=localize_digits(str(question.months), locale)
        )
    return sanction


async def tell_board(
    session: AsyncSession, settings: Settings, case: Case, association: str, now: datetime
) -> list[int]:
    """Queue a new *case* to every chat linked to a member of *association*'s Board."""
    links = await staff_store.links_of_role(session, Role.BOARD, association)
    named = {
        c for complaint in await cases.complaints_of(session, case) for c in complaint.violations
    }
    if case.inspection_id is not None:
        inspection = await inspections.by_id(session, case.inspection_id)
        named |= set(inspection.findings or ()) if inspection is not None else set()
    clauses = sorted((c for c in named if c in VIOLATIONS), key=list(VIOLATIONS).index)

    async def write(t: Translator, locale: str, chat: tuple[str, int]) -> Reply:
        lines = [
            t(
                N_("⚖ Case {number} against office {office}, for the Primary Board (Article 22)"),
                number=localize_digits(str(case.id), locale),
                office=localize_digits(case.office_code, locale),
            ),
            t(SOURCES.get(case.source, SOURCES["complaints"])),
        ]
        if clauses:
            shown = [localize_digits(c.split(".")[-1], locale) for c in clauses]
            lines.append(t(N_("Article 25, clauses: {clauses}"), clauses=t.join(shown)))
        opening = await button(
            session,
            chat,
            t(N_("📂 Open the case file")),
            OPEN_CASE,
            {"kind": "case", "id": str(case.id)},
            now,
            days=BUTTON_DAYS,
        )
        return Reply("\n".join(lines), inline=((opening,),))

    return await queue_to_links(session, settings, links, now, write)


async def ask_votes(
    session: AsyncSession,
    settings: Settings,
    *,
    case_id: int,
    sitting_id: int,
    question: SittingQuestion,
    now: datetime,
) -> list[int]:
    """Queue the question put to every chat linked to a member of the sitting, with Yes and No."""
    return await ask_members(
        session,
        settings,
        sitting_id=sitting_id,
        question=question,
        now=now,
        ballot=Ballot(
            VOTE,
            {"kind": "case", "id": str(case_id)},
            N_("🗳 Sitting {sitting} on case {case}, question {number}:"),
            N_("Your vote counts until the chair tallies it (Article 22, note 2)."),
        ),
    )


@dataclass(frozen=True)
class Ballot:
    """What a body's ballot says and does: its vote action, subject, heading and last line (the
    heading takes {sitting}, {case}: the subject's id, and {number})."""

    action: str
    subject: dict[str, str]
    heading: str
    footer: str


async def ask_members(
    session: AsyncSession,
    settings: Settings,
    *,
    sitting_id: int,
    question: SittingQuestion,
    now: datetime,
    ballot: Ballot,
) -> list[int]:
    """Queue *question* to every chat linked to a member of the sitting, with Yes and No."""
    members = [m.member_id for m in await sitting_store.members_of(session, sitting_id)]
    links = await staff_store.links_of(session, members)
    subject = {**ballot.subject, "question": question.id}
    number = await sitting_store.position(session, question)

    async def write(t: Translator, locale: str, chat: tuple[str, int]) -> Reply:
        text = "\n".join(
            [
                t(
                    ballot.heading,
                    sitting=localize_digits(str(sitting_id), locale),
                    case=localize_digits(ballot.subject["id"], locale),
                    number=localize_digits(str(number), locale),
                ),
                question_text(t, question, locale),
                t(ballot.footer),
            ]
        )
        action = ballot.action
        row: list[InlineButton] = [
            await button(session, chat, t(N_("✔ Yes")), action, {**subject, "yes": True}, now),
            await button(session, chat, t(N_("✖ No")), action, {**subject, "yes": False}, now),
        ]
        return Reply(text, inline=(tuple(row),))

    return await queue_to_links(session, settings, links, now, write)
