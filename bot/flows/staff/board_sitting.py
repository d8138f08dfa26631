"""The Primary Board's sitting in chat: the chair opens it, puts the questions, tallies, writes
the ruling; each member votes in their own chat.

```mermaid
flowchart TD
    F[📂 the case file: board.case] -- chair: 🏛 Open the sitting --> A{every member present?}
    A -- ✔ all present --> S[sitting in session]
    A -- ✖ one absent --> R[refused: Article 22, note 2] --> F
    S -- ❓ Put clause N / ⚖ Put a sanction, at or above note 3's floor --> Q[question put]
    Q -- each member's chat: ✔ Yes / ✖ No, changeable until tallied --> Q
    Q -- 🧮 Tally, every member voted --> T{majority?}
    T -- carried / not carried --> S
    T -- no majority on the sanction: put one again --> S
    S -- ✍ Write the ruling: the text, and note 2's mitigation if a complaint was withdrawn --> C
    C[✔ Record the ruling, once] --> D[decision: the manager's notice, the complainants told]
```

Each button is a guarded staff action (its row in `bot/domain/staff_actions.py`, `board.*`,
Art. 22; the chair's alone where note 2 gives it to the chair); what a payload adds (a clause, a
sanction, a question, a vote) is checked against the store, never trusted. The rules are
`bot.domain.sittings` (attendance, votes, majority), `bot.domain.board` (the case's facts, note
3's floor) and `bot.domain.decisions` (the ruling recorded).
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

import jdatetime

from bot.domain import board, sittings, statements
from bot.domain.decisions import CrimeReferral, record_decision
from bot.domain.refusals import DisciplineError
from bot.domain.sittings import SittingRefused
from bot.domain.staff import Grant
from bot.domain.staff_actions import SubjectRef
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.steps import Step, YesNoStep
from bot.flows.framework.typed_steps import DateStep, TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.staff import board_view as view
from bot.flows.staff import sitting_steps as steps
from bot.flows.staff.replies import ways_on
from bot.notices import board_cases
from bot.rules.violations import SANCTIONS, VIOLATIONS, EscalationRequired
from bot.text.jalali import parse_stored_date
from bot.text.markers import N_
from storage.models import Case, Sitting
from storage.statuses import Role

RULING_FLOW: Final = "board_ruling"
#: The suspension lengths the chat offers (Art. 23.5 allows 3 to 24 months; these choices are
#: the service's, and the command line takes any length in the range).
SUSPENSION_CHOICES: Final = (3, 6, 12, 24)
RULING_CHARS: Final = steps.RULING_CHARS

NO_SITTING: Final = N_(
    "The case has no sitting in session: open one with every member present (Article 22, "
    "note 2). Nothing was done."
)
CHANGED: Final = N_(
    "Nothing was recorded: the case or its sitting has changed. Open the case file again."
)


def _subject(case: Case) -> dict[str, str]:
    return SubjectRef("case", str(case.id)).as_payload()


def _back(ctx: Context, case: Case) -> list[list[Button]]:
    return [view.case_button(ctx, case), *ways_on(ctx, member=True)]


def _said(ctx: Context, case: Case, msgid: str, **params: object) -> list[Message]:
    return [Message(ctx.t(msgid, **params), buttons=_back(ctx, case))]


def _refused(ctx: Context, case: Case, refused: SittingRefused) -> list[Message]:
    return steps.refused(ctx, refused, _back(ctx, case))


async def _in_session(ctx: Context, case: Case) -> Sitting | None:
    sitting = await board.current_sitting(ctx.session, case)
    return sitting if sitting is not None and sitting.status == sittings.SITTING else None


async def invite_statement(ctx: Context, grant: Grant) -> list[Message]:
    """The chair invites the manager's written statement (the Board's practice), once."""
    case = view.case_of(grant)
    try:
        invited = await statements.invite_statement(
            ctx.session, ctx.settings, ctx.now, case=case, invited_by=grant.member.id
        )
    except DisciplineError:
        return _said(ctx, case, CHANGED)
    if invited.chats:
        said = N_(
            "📝 The office's manager was invited to send a written statement; it reaches every "
            "member. This is the Board's practice for a fair hearing, not a rule of the directive."
        )
    else:
        said = N_(
            "📝 The office's manager has no linked chat: the invitation is recorded, and it "
            "cannot reach them in chat until they link one."
        )
    return [Message(ctx.t(said)), *await view.show_case(ctx, grant)]


async def ask_open(ctx: Context, grant: Grant) -> list[Message]:
    """Who must be present (every member, Art. 22 note 2), and the chair's answer."""
    case = view.case_of(grant)
    association = await board.association_of_case(ctx.session, ctx.settings, case)
    return await steps.attendance(
        ctx,
        Role.BOARD,
        association,
        asked=N_(
            "The Board sits only with every member present (Article 22, note 2). Are all {count} "
            "members present?"
        ),
        actions=(view.OPEN, view.ABSENT),
        subject=_subject(case),
        back=_back(ctx, case),
    )


async def open_sitting(ctx: Context, grant: Grant) -> list[Message]:
    """Open the sitting, every member present."""
    case = view.case_of(grant)
    try:
        sitting = await board.open_case_sitting(
            ctx.session, ctx.settings, ctx.now, case=case, chair_id=grant.member.id
        )
    except SittingRefused as refused:
        return _refused(ctx, case, refused)
    said = ctx.t(
        N_("🏛 Sitting {number} on case {case} is open, every member present. Put the questions."),
        number=view.digits(ctx, sitting.id),
        case=view.digits(ctx, case.id),
    )
    return [Message(said), *await view.show_case(ctx, grant)]


async def absent(ctx: Context, grant: Grant) -> list[Message]:
    """A member is absent: no sitting (Art. 22 note 2)."""
    return _said(
        ctx,
        view.case_of(grant),
        N_(
            "The Board sits only with every member present (Article 22, note 2): no sitting was "
            "opened. Open it when every member is present."
        ),
    )


async def _put(ctx: Context, case: Case, sitting: Sitting, question: Any) -> list[Message]:
    await board_cases.ask_votes(
        ctx.session,
        ctx.settings,
        case_id=case.id,
        sitting_id=sitting.id,
        question=question,
        now=ctx.now,
    )
    return [Message(await steps.put_said(ctx, question), buttons=_back(ctx, case))]


async def put(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """Put a clause charged, or a sanction at or above note 3's floor, to the vote."""
    case = view.case_of(grant)
    sitting = await _in_session(ctx, case)
    if sitting is None:
        return _said(ctx, case, NO_SITTING)
    clause, degree, months = payload.get("clause"), payload.get("degree"), payload.get("months")
    try:
        if isinstance(clause, str) and clause in VIOLATIONS:
            question = await board.put_violation(
                ctx.session, ctx.now, case=case, sitting_id=sitting.id, clause=clause
            )
        elif isinstance(degree, int) and (months is None or isinstance(months, int)):
            question = await board.put_sanction(
                ctx.session,
                ctx.settings,
                ctx.now,
                case=case,
                sitting_id=sitting.id,
                degree=degree,
                months=months,
            )
        else:
            return _said(ctx, case, sittings.BAD_QUESTION)
    except SittingRefused as refused:
        return _refused(ctx, case, refused)
    except EscalationRequired as floor:
        params = {k: view.digits(ctx, v) for k, v in floor.params.items()}
        return _said(ctx, case, floor.message, **params)
    except DisciplineError:
        return _said(ctx, case, sittings.BAD_QUESTION)
    return await _put(ctx, case, sitting, question)


async def choose_sanction(ctx: Context, grant: Grant) -> list[Message]:
    """The sanctions of Art. 23 the Board may put: none below note 3's floor."""
    case = view.case_of(grant)
    facts = await board.case_facts(ctx.session, ctx.settings, case)
    least = facts.floor.minimum if facts.floor is not None else 1
    subject = _subject(case)
    rows: list[list[Button]] = []
    for degree, sanction in SANCTIONS.items():
        if degree < least:
            continue
        label = ctx.t(
            N_("{degree}. {name}"), degree=view.digits(ctx, degree), name=ctx.t(sanction.name_msgid)
        )
        if sanction.min_months is None:
            rows.append([Action(label, view.PUT, {**subject, "degree": degree})])
            continue
        rows.append(
            [
                Action(
                    ctx.t(N_("5: {months} months"), months=view.digits(ctx, months)),
                    view.PUT,
                    {**subject, "degree": degree, "months": months},
                )
                for months in SUSPENSION_CHOICES
            ]
        )
    text = "\n".join(
        [
            ctx.t(N_("Which sanction is put to the vote (Article 23)?")),
            view.floor_line(ctx, facts),
            ctx.t(
                N_(
                    "The suspensions offered are 3, 6, 12 or 24 months (the service's choices; "
                    "Article 23 allows three months to two years)."
                )
            ),
        ]
    )
    return [Message(text, buttons=rows + _back(ctx, case))]


async def _question_of(ctx: Context, case: Case, payload: dict[str, Any]) -> Any:
    return await steps.question_of(ctx, payload, "case", str(case.id))


async def vote(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """A member's vote, in their own chat (changeable until the chair tallies)."""
    case = view.case_of(grant)
    question = await _question_of(ctx, case, payload)
    yes = payload.get("yes")
    if question is None or not isinstance(yes, bool):
        return _said(ctx, case, CHANGED)
    return await steps.cast(
        ctx,
        question,
        grant.member.id,
        yes,
        said=N_(
            "🗳 Your vote on question {number}: {vote}. You may change it until the chair tallies."
        ),
        action=view.VOTE,
        subject=_subject(case),
        back=_back(ctx, case),
    )


async def tally(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """Count a question's votes: the majority carries (Art. 22 note 2)."""
    case = view.case_of(grant)
    question = await _question_of(ctx, case, payload)
    if question is None:
        return _said(ctx, case, CHANGED)
    try:
        counted = await steps.count(
            ctx,
            question,
            N_("🧮 Question {number}: {outcome}, {yes} for and {no} against (Article 22, note 2)."),
        )
    except SittingRefused as refused:
        return _refused(ctx, case, refused)
    lines = [counted]
    if question.kind == "sanction" and not question.carried:
        lines.append(
            ctx.t(
                N_(
                    "No majority on the sanction: there is no ruling yet. Put a sanction to the "
                    "vote again."
                )
            )
        )
    return [Message("\n".join(lines)), *await view.show_case(ctx, grant)]


RulingStep = steps.RulingStep


class RulingText(Wizard):
    """The chair writes the majority's ruling (Art. 22 note 2), and, where a complaint was
    withdrawn, how note 2 of Art. 26 mitigated the sanction; then the confirm."""

    name = RULING_FLOW
    title = N_("The Board's ruling")
    in_menu = False
    review = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        steps.ruling_step(
            N_(
                "Write the Board's ruling as the majority decided it (Article 22, note 2), 10 to "
                "3,000 characters. It is kept with the decision and sent to the office's manager: "
                "name no complainant who has not agreed to be named."
            )
        ),
        steps.ruling_step(
            N_(
                "A complaint of this case was withdrawn: the withdrawal mitigates the sanction "
                "(Article 26, note 2). Say how the Board applied it (10 to 3,000 characters)."
            ),
            key="mitigation",
            label=N_("The mitigation"),
            when=lambda answers: bool(answers.get("withdrawn")),
        ),
        # Art. 23 degree 1: a verbal warning is given by the Board in person; the decision records
        # the day (bot.domain.decisions.check_warned_on), and the manager's notice is its record.
        DateStep(
            key="warned_on",
            label=N_("The day of the verbal warning"),
            prompt=N_(
                "The sitting ruled a verbal warning (Article 23, degree 1), which the Board gives "
                "in person. On which day was it given (for example 1403/08/14)?"
            ),
            when=lambda answers: bool(answers.get("verbal")),
        ),
        YesNoStep(
            key="crime",
            label=N_("A crime reported"),
            prompt=N_(
                "Did the Board learn of a crime, which it must report to the competent judicial "
                "authority (Article 26)?"
            ),
        ),
        TextStep(
            key="crime_authority",
            label=N_("The authority"),
            prompt=N_("The competent judicial authority it was reported to:"),
            min_length=2,
            max_length=200,
            when=lambda answers: bool(answers.get("crime")),
        ),
        DateStep(
            key="crime_on",
            label=N_("The day it was reported"),
            prompt=N_("The day it was reported (for example 1403/08/14):"),
            when=lambda answers: bool(answers.get("crime")),
        ),
        TextStep(
            key="crime_reference",
            label=N_("The report's reference"),
            prompt=N_("The report's number or reference:"),
            min_length=1,
            max_length=100,
            when=lambda answers: bool(answers.get("crime")),
        ),
    )

    def kept_answers(self, answers: Answers) -> Answers:
        # The case, its sitting and its withdrawals came with the start.
        kept = {key: answers.get(key) for key in ("case_id", "sitting_id", "withdrawn", "verbal")}
        return {**super().kept_answers(answers), **kept}

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        subject = SubjectRef("case", str(answers.get("case_id")))
        chosen = {
            **subject.as_payload(),
            "sitting": answers.get("sitting_id"),
            "ruling": str(answers["ruling"]),
            "mitigation": answers.get("mitigation"),
            "warned_on": answers.get("warned_on"),
            **(
                {
                    "crime_authority": answers.get("crime_authority"),
                    "crime_on": answers.get("crime_on"),
                    "crime_reference": answers.get("crime_reference"),
                }
                if answers.get("crime")
                else {}
            ),
        }
        lines = [ctx.t(N_("Record this ruling?")), "", str(answers["ruling"])]
        if answers.get("mitigation"):
            lines += ["", ctx.t(N_("Mitigation (Article 26, note 2):")), str(answers["mitigation"])]
        if answers.get("warned_on"):
            lines += [
                "",
                ctx.t(
                    N_("The verbal warning was given in person on {date} (Article 23, degree 1)."),
                    date=view.digits(ctx, answers.get("warned_on")),
                ),
            ]
        if answers.get("crime"):
            lines += [
                "",
                ctx.t(
                    N_(
                        "A crime reported to {authority} on {date}, reference {reference} "
                        "(Article 26)."
                    ),
                    authority=str(answers.get("crime_authority")),
                    date=view.digits(ctx, answers.get("crime_on")),
                    reference=str(answers.get("crime_reference")),
                ),
            ]
        rows: list[list[Button]] = [
            [Action(ctx.t(N_("✔ Record the ruling")), view.DECIDE, chosen)],
            [Action(ctx.t(N_("✎ Write it again")), view.RULING, subject.as_payload())],
            [Action(ctx.t(N_("« The case file")), view.CASE, subject.as_payload())],
        ]
        return [Message("\n".join(lines), buttons=rows + ways_on(ctx, member=True))]


async def ask_ruling(ctx: Context, grant: Grant) -> list[Message]:
    """The sitting has carried its ruling: the chair writes it (`RulingText`)."""
    case = view.case_of(grant)
    sitting = await _in_session(ctx, case)
    if sitting is None:
        return _said(ctx, case, NO_SITTING)
    facts = await board.case_facts(ctx.session, ctx.settings, case)
    carried = await sittings.outcome(ctx.session, sitting.id)
    flow = ctx.registry.flows[RULING_FLOW]
    await flow.start(ctx)
    ctx.state.answers.update(
        case_id=case.id,
        sitting_id=sitting.id,
        withdrawn=bool(facts.withdrawn),
        verbal=carried.sanction is not None and carried.sanction[0] == 1,
    )
    return await flow.prompt(ctx)


def _day(value: object) -> jdatetime.date | None:
    """A Jalali day the confirm's button carries, if it carries one."""
    return parse_stored_date(value) if isinstance(value, str) else None


def _crime(payload: dict[str, Any]) -> CrimeReferral | None:
    """The crime referral the confirm's button carries (Art. 26), if any."""
    authority, on, reference = (
        payload.get(key) for key in ("crime_authority", "crime_on", "crime_reference")
    )
    if not (isinstance(authority, str) and isinstance(on, str) and isinstance(reference, str)):
        return None
    return CrimeReferral(authority, parse_stored_date(on), reference)


async def decide(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """Record the ruling the sitting carried, as the chair wrote it (once)."""
    case = view.case_of(grant)
    sitting = await _in_session(ctx, case)
    if sitting is None or payload.get("sitting") != sitting.id:
        return _said(ctx, case, CHANGED)
    carried = await sittings.outcome(ctx.session, sitting.id)
    facts = await board.case_facts(ctx.session, ctx.settings, case)
    if carried.sanction is None:
        return _said(ctx, case, CHANGED)
    mitigation = payload.get("mitigation")
    try:
        recorded = await record_decision(
            ctx.session,
            ctx.settings,
            ctx.now,
            case_id=case.id,
            sitting_id=sitting.id,
            violations=list(carried.found),
            committed_on=facts.committed_on,
            sanction=carried.sanction[0],
            months=carried.sanction[1],
            ruling_text=str(payload.get("ruling", "")),
            offender=facts.offender,
            mitigation=str(mitigation) if mitigation else None,
            crime=_crime(payload),
            warned_on=_day(payload.get("warned_on")),
        )
    except (DisciplineError, EscalationRequired):
        return _said(ctx, case, CHANGED)
    said = ctx.t(
        N_(
            "✔ The ruling is recorded: decision {number}, Article 23 degree {degree}. The "
            "office's manager is sent its notice; the complainants are told the clauses found."
        ),
        number=view.digits(ctx, recorded.decision.id),
        degree=view.digits(ctx, recorded.decision.sanction),
    )
    return [Message(said, buttons=ways_on(ctx, member=True))]
