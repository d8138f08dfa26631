"""The Appeals Board's chat (Art. 24): the appeals waiting, and an appeal's file as every member
reads it, with the presiding member's next steps.

```mermaid
flowchart TD
    M[staff menu] -- ⚖ Appeals before the Appeals Board --> L[decisions appealed, not ruled]
    N([an appeal's file sent to the Board's chats]) -- 📂 Open the appeal --> V
    L -- ⚖ Decision N: office C --> V[the file: the decision, its clauses, each appeal's
    grounds, the case's complaints and findings; the sitting, its questions and votes]
    V -- the presiding member: open, put a ruling, tally, write it (appeals_sitting.py) --> V
```

The file is `bot.notices.appeals_board.appeal_file` (the text the Board's chats were sent), the
other appeals' grounds, and the sitting (`board_view.sitting_lines`). Each button is a guarded
staff action (`appeals.*` rows of `bot/domain/staff_actions.py`, Art. 24). Who presides is the
member marked chair for the `appeals_board` role: Art. 24 names none (the service's practice).
"""

from __future__ import annotations

from typing import Final

from bot.domain import appeals_board, sittings
from bot.domain.staff import Grant
from bot.domain.staff_actions import SubjectRef
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.staff.board_view import digits, sitting_lines
from bot.flows.staff.replies import ways_on
from bot.notices.appeals_board import APPELLANTS, appeal_file
from bot.notices.appeals_board import VIEW as VIEW
from bot.notices.managers import sanction_text
from bot.text.markers import N_
from storage import appeals as appeal_store
from storage import cases as case_store
from storage import sittings as sitting_store
from storage.models import Decision
from storage.statuses import DecisionStatus

LIST: Final = "appeals.list"
OPEN_ASK: Final = "appeals.open_ask"
OPEN: Final = "appeals.open"
ABSENT: Final = "appeals.absent"
RULINGS: Final = "appeals.rulings"
PUT: Final = "appeals.put"
TALLY: Final = "appeals.tally"
VOTE: Final = "appeals.vote"
RULING: Final = "appeals.ruling"
RULE: Final = "appeals.rule"

#: What the Appeals Board ruled, as the file says it.
RULED: Final = {
    "uphold": N_("The Appeals Board upheld the sanction: it is final."),
    "replace": N_("The Appeals Board replaced the sanction by {sanction}: it is final."),
    "overturn": N_("The Appeals Board overturned the decision: no sanction stands."),
}


def decision_of(grant: Grant) -> Decision:
    """The decision a grant acts on."""
    assert grant.subject is not None and isinstance(grant.subject.row, Decision)
    return grant.subject.row


def subject(decision: Decision) -> dict[str, str]:
    """The payload that names the decision."""
    return SubjectRef("decision", str(decision.id)).as_payload()


def appeal_button(
    ctx: Context, decision: Decision, label: str = N_("« The appeal")
) -> list[Button]:
    """The row that opens the appeal's file (*label* may name the decision and its office)."""
    return [Action(ctx.t(label, number=digits(ctx, decision.id)), VIEW, subject(decision))]


def back(ctx: Context, decision: Decision) -> list[list[Button]]:
    """The way back to the appeal, and on."""
    return [appeal_button(ctx, decision), *ways_on(ctx, member=True)]


async def show_list(ctx: Context, grant: Grant) -> list[Message]:
    """The decisions appealed and not yet ruled on, oldest first (Art. 24)."""
    found = await appeals_board.waiting(ctx.session)
    lines = [
        ctx.t(N_("⚖ Appeals before the Appeals Board: {count}"), count=digits(ctx, len(found)))
    ]
    rows: list[list[Button]] = []
    for decision in found:
        case = await case_store.by_id(ctx.session, decision.case_id)
        label = ctx.t(
            N_("⚖ Decision {number}: office {office}"),
            number=digits(ctx, decision.id),
            office=digits(ctx, case.office_code if case else ""),
        )
        rows.append([Action(label, VIEW, subject(decision))])
    return [Message("\n".join(lines), buttons=rows + ways_on(ctx, member=True))]


async def file_text(ctx: Context, decision: Decision) -> str:
    """The appeal's file: the first appeal's, every other appeal's grounds, the sitting."""
    appeals = await appeal_store.appeals_of(ctx.session, decision.id)
    unruled = [a for a in appeals if a.ruling is None] or appeals[-1:]
    lines = [await appeal_file(ctx.session, ctx.settings, ctx.t, unruled[0], decision)]
    for other in unruled[1:]:
        lines += [
            "",
            ctx.t(N_("Appealed by {who}, with these grounds:"), who=ctx.t(APPELLANTS[other.by])),
            other.grounds,
        ]
    ruled = await appeal_store.ruled_of(ctx.session, decision.id)
    if ruled is not None and ruled.ruling is not None:
        shown = sanction_text(ctx.t, ruled.new_sanction, ruled.new_months)
        lines += ["", ctx.t(RULED[str(ruled.ruling)], sanction=shown)]
        if ruled.ruling_text:
            lines.append(ruled.ruling_text)
    sitting = await appeals_board.current_sitting(ctx.session, decision)
    if sitting is not None:
        lines += await sitting_lines(ctx, sitting)
    return "\n".join(lines)


async def presiding_rows(ctx: Context, decision: Decision) -> list[list[Button]]:
    """The presiding member's next steps (each handled in bot/flows/staff/appeals_sitting.py)."""
    t = ctx.t
    payload = subject(decision)
    sitting = await appeals_board.current_sitting(ctx.session, decision)
    if sitting is None or sitting.status != sittings.SITTING:
        return [[Action(t(N_("🏛 Open the sitting")), OPEN_ASK, payload)]]
    questions = await sitting_store.questions_of(ctx.session, sitting.id)
    open_questions = [q for q in questions if q.tallied_at is None]
    rows: list[list[Button]] = [
        [
            Action(
                t(N_("🧮 Tally question {number}"), number=digits(ctx, questions.index(q) + 1)),
                TALLY,
                {**payload, "question": q.id},
            )
        ]
        for q in open_questions
    ]
    carried = await sittings.outcome(ctx.session, sitting.id)
    if not open_questions and carried.ruling is None:
        rows.append([Action(t(N_("⚖ Put a ruling")), RULINGS, payload)])
    if not open_questions and carried.ruling is not None:
        rows.append([Action(t(N_("✍ Write the ruling")), RULING, payload)])
    return rows


async def show_appeal(ctx: Context, grant: Grant) -> list[Message]:
    """The appeal's file, and for the presiding member the sitting's next steps."""
    decision = decision_of(grant)
    buttons: list[list[Button]] = []
    presides = grant.role is not None and grant.role.chair
    if presides and decision.status == DecisionStatus.APPEALED:
        buttons += await presiding_rows(ctx, decision)
    buttons += ways_on(ctx, member=True)
    return [Message(await file_text(ctx, decision), buttons=buttons)]
