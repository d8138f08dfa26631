"""An appeal filed (Art. 24): its file, to every chat linked to a member of the Appeals Board.

Written in the filing transaction, one outbox row per chat, each in its own language: the
decision (office, manager, clauses, sanction), who appealed and their grounds, and what the case
held (its complaints as the Board read them, by tracking code, without the complainants'
identity; an inspection's findings), with the button that opens it in chat (`appeals.view`).
A ruling put to the Appeals Board's sitting reaches every member's chat with Yes and No
(`ask_appeal_votes`, `appeals.vote`). The ruling itself is recorded through
`bot.domain.appeals.rule_appeal`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.messages.replies import Reply
from bot.notices.board_cases import BUTTON_DAYS, Ballot, ask_members
from bot.notices.complainants import button
from bot.notices.managers import sanction_text
from bot.notices.staff_chats import queue_to_links
from bot.rules.violations import VIOLATIONS
from bot.text.i18n import Translator
from bot.text.jalali import format_jalali_date, tehran_date
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import appeals as appeal_store
from storage import cases as case_store
from storage import complaints as complaint_store
from storage import decisions as decision_store
from storage import inspections as inspection_store
from storage import managers as manager_store
from storage import offices as office_store
from storage import staff as staff_store
from storage.models import Appeal, Decision, SittingQuestion
from storage.statuses import Role

#: Who appealed, as the file names them (Art. 24: the sanctioned person or the Center's head).
APPELLANTS: Final = {
    "manager": N_("the sanctioned office manager"),
    "center_head": N_("the Head of the Center"),
}
#: How much of one complaint's description the file quotes (a chat message has a limit).
DESCRIPTION_CHARS: Final = 300
#: The staff actions the messages' buttons name (rows of bot/domain/staff_actions.py ACTIONS).
VIEW: Final = "appeals.view"
VOTE: Final = "appeals.vote"


async def tell_appeals_board(
    session: AsyncSession, settings: Settings, appeal: Appeal, now: datetime
) -> list[int]:
    """Queue the appeal's file to every chat linked to the Appeals Board; the row ids."""
    decision = await decision_store.by_id(session, appeal.decision_id)
    assert decision is not None

    async def write(t: Translator, locale: str, chat: tuple[str, int]) -> Reply:
        text = await appeal_file(session, settings, t, appeal, decision)
        opening = await button(
            session,
            chat,
            t(N_("📂 Open the appeal")),
            VIEW,
            {"kind": "decision", "id": str(decision.id)},
            now,
            days=BUTTON_DAYS,
        )
        return Reply(text, inline=((opening,),))

    links = await staff_store.links_of_role(session, Role.APPEALS_BOARD, None)
    return await queue_to_links(session, settings, links, now, write)


def _clause_line(t: Translator, clause: str) -> str:
    violation = VIOLATIONS[clause]
    return t(
        N_("• Article 25, clause {clause}: {text}"), clause=violation.clause, text=t(violation.name)
    )


async def appeal_file(
    session: AsyncSession, settings: Settings, t: Translator, appeal: Appeal, decision: Decision
) -> str:
    """The appeal's file as the Appeals Board reads it, in *t*'s language."""
    case = await case_store.by_id(session, decision.case_id)
    assert case is not None
    office = await office_store.office(session, case.office_code)
    manager = await manager_store.by_id(session, decision.manager_id)
    zone = settings.zone
    lines = [
        t(
            N_("⚖️ Appeal no. {appeal} of decision no. {decision} (Article 24)"),
            appeal=localize_digits(str(appeal.id), t.locale),
            decision=localize_digits(str(decision.id), t.locale),
        ),
        t(
            N_("Office: {office}"),
            office=localize_digits(
                f"{office.name if office else ''} ({case.office_code})", t.locale
            ),
        ),
        t(N_("Manager: {name}"), name=manager.name if manager else ""),
        t(
            N_("Decided on {date}: {sanction}"),
            date=format_jalali_date(tehran_date(decision.decided_at, zone), t.locale),
            sanction=sanction_text(t, decision.sanction, decision.months),
        ),
        t(N_("Violations found:")),
        *(_clause_line(t, clause) for clause in decision.violations),
        "",
        t(N_("Appealed by {who}, with these grounds:"), who=t(APPELLANTS[appeal.by])),
        appeal.grounds,
    ]
    others = [
        earlier
        for earlier in await appeal_store.appeals_of(session, decision.id)
        if earlier.id != appeal.id and earlier.ruling is None
    ]
    for earlier in others:
        lines += [
            "",
            t(
                N_("Also appealed by {who} (appeal no. {appeal}); the Board rules on both."),
                who=t(APPELLANTS[earlier.by]),
                appeal=localize_digits(str(earlier.id), t.locale),
            ),
        ]
    lines += ["", t(N_("The case before the Primary Board:"))]
    if case.inspection_id is not None:
        inspection = await inspection_store.by_id(session, case.inspection_id)
        if inspection is not None:
            lines.append(
                t(
                    N_("Inspection of {date}; findings:"),
                    date=format_jalali_date(tehran_date(inspection.at, zone), t.locale),
                )
            )
            lines += [_clause_line(t, clause) for clause in inspection.findings or []]
    for complaint_id in case.complaint_ids:
        complaint = await complaint_store.by_id(session, complaint_id)
        if complaint is None:
            continue
        described = complaint.description.strip()
        if len(described) > DESCRIPTION_CHARS:
            described = described[:DESCRIPTION_CHARS].rstrip() + "…"
        lines.append(
            t(
                N_("Complaint {code} (incident of {date}): {description}"),
                code=localize_digits(complaint.tracking_code, t.locale),
                date=format_jalali_date(complaint.incident_date, t.locale),
                description=described,
            )
        )
    return "\n".join(lines)


async def ask_appeal_votes(
    session: AsyncSession,
    settings: Settings,
    *,
    decision_id: int,
    sitting_id: int,
    question: SittingQuestion,
    now: datetime,
) -> list[int]:
    """Queue a ruling put to the Appeals Board's sitting to every member's chat, Yes and No."""
    return await ask_members(
        session,
        settings,
        sitting_id=sitting_id,
        question=question,
        now=now,
        ballot=Ballot(
            VOTE,
            {"kind": "decision", "id": str(decision_id)},
            N_("🗳 The Appeals Board's sitting {sitting} on decision {case}, question {number}:"),
            N_(
                "Your vote counts until the presiding member tallies it (this service applies "
                "Article 22 note 2's rule to the Appeals Board too; Article 24 sets none)."
            ),
        ),
    )
