"""The Appeals Board's sitting in chat (Art. 24): the presiding member opens it, puts a ruling,
tallies, writes the ruling; each member votes in their own chat.

```mermaid
flowchart TD
    F[the appeal's file: appeals.view] -- presiding: 🏛 Open the sitting --> A{every member present?}
    A -- ✔ all present --> S[sitting in session]
    A -- ✖ one absent --> R[refused: the service applies Art. 22 note 2's rule] --> F
    S -- ⚖ Put a ruling: uphold / replace by a sanction / overturn --> Q[question put]
    Q -- each member's chat: ✔ Yes / ✖ No, changeable until tallied --> Q
    Q -- 🧮 Tally, every member voted --> T{majority?}
    T -- not carried: put a ruling again --> S
    T -- carried --> W[✍ Write the ruling] --> C[✔ Record the ruling, once]
    C --> D[rule_appeal: every appeal of the decision; the manager's notice]
```

Art. 24 sets no quorum, majority or chair for the Appeals Board: the session rules here are the
Primary Board's (Art. 22 note 2), which this service applies to the Appeals Board too, and the
one who presides is the member marked chair (the service's practice); every text that cites a
rule says so. A heavier replacement on the manager's own appeal is not offered (and a forged
one refused) unless `appeals_board_may_raise_on_own_appeal` is on. Each button is a guarded
staff action (`appeals.*`); what a payload adds (a ruling, a question, a vote) is checked
against the store, never trusted.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from bot.domain import appeals_board, sittings
from bot.domain.appeals import heavier
from bot.domain.appeals_board import Choice
from bot.domain.refusals import DisciplineError
from bot.domain.sittings import SittingRefused
from bot.domain.staff import Grant
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.steps import Step
from bot.flows.framework.wizard import Wizard
from bot.flows.staff import appeals_view as view
from bot.flows.staff import sitting_steps as steps
from bot.flows.staff.board_sitting import SUSPENSION_CHOICES
from bot.flows.staff.board_view import digits
from bot.flows.staff.replies import ways_on
from bot.notices.appeals_board import ask_appeal_votes
from bot.notices.board_cases import RULING_QUESTIONS
from bot.notices.managers import sanction_text
from bot.rules.violations import SANCTIONS
from bot.text.markers import N_
from storage.models import Decision, Sitting
from storage.statuses import Role

RULING_FLOW: Final = "appeals_ruling"

READING: Final = N_(
    "The Appeals Board sits only with every member present, and the majority carries: Article "
    "24 sets no quorum or majority, and this service applies Article 22 note 2's rule to the "
    "Appeals Board too. Are all {count} members present?"
)
NO_SITTING: Final = N_(
    "The appeal has no sitting in session: open one with every member present (this service "
    "applies Article 22 note 2's rule to the Appeals Board too). Nothing was done."
)
CHANGED: Final = N_(
    "Nothing was recorded: the appeal or its sitting has changed. Open the appeal again."
)
NO_RAISE: Final = N_(
    "Only the sanctioned manager appealed: this service does not let the Appeals Board make the "
    "sanction heavier on that appeal (the directive does not decide it; a setting of this "
    "service). Nothing was put."
)
#: How each ruling's button reads.
LABELS: Final = {
    "uphold": N_("✔ Uphold the sanction"),
    "overturn": N_("✖ Overturn the decision"),
}


def _said(ctx: Context, decision: Decision, msgid: str, **params: object) -> list[Message]:
    return [Message(ctx.t(msgid, **params), buttons=view.back(ctx, decision))]


async def _in_session(ctx: Context, decision: Decision) -> Sitting | None:
    sitting = await appeals_board.current_sitting(ctx.session, decision)
    return sitting if sitting is not None and sitting.status == sittings.SITTING else None


async def ask_open(ctx: Context, grant: Grant) -> list[Message]:
    """Who must be present (every member: the service's reading of Art. 24), and the answer."""
    decision = view.decision_of(grant)
    return await steps.attendance(
        ctx,
        Role.APPEALS_BOARD,
        None,
        asked=READING,
        actions=(view.OPEN, view.ABSENT),
        subject=view.subject(decision),
        back=view.back(ctx, decision),
    )


async def open_sitting(ctx: Context, grant: Grant) -> list[Message]:
    """Open the sitting, every member present."""
    decision = view.decision_of(grant)
    try:
        sitting = await appeals_board.open_appeal_sitting(
            ctx.session, ctx.now, decision=decision, chair_id=grant.member.id
        )
    except SittingRefused as refused:
        return steps.refused(ctx, refused, view.back(ctx, decision))
    said = ctx.t(
        N_(
            "🏛 Sitting {number} of the Appeals Board on decision {decision} is open, every "
            "member present. Put a ruling to the vote."
        ),
        number=digits(ctx, sitting.id),
        decision=digits(ctx, decision.id),
    )
    return [Message(said), *await view.show_appeal(ctx, grant)]


async def absent(ctx: Context, grant: Grant) -> list[Message]:
    """A member is absent: no sitting (the service's reading of Art. 24)."""
    return _said(
        ctx,
        view.decision_of(grant),
        N_(
            "The Appeals Board sits only with every member present (Article 24 sets no quorum; "
            "this service applies Article 22 note 2's rule to the Appeals Board too): no sitting "
            "was opened. Open it when every member is present."
        ),
    )


def _choice_label(ctx: Context, choice: Choice) -> str:
    if choice.ruling in LABELS:
        return ctx.t(LABELS[choice.ruling])
    return ctx.t(
        N_("↔ Replace by {sanction}"), sanction=sanction_text(ctx.t, choice.degree, choice.months)
    )


async def choose_ruling(ctx: Context, grant: Grant) -> list[Message]:
    """The rulings the presiding member may put (Art. 24; the raise setting)."""
    decision = view.decision_of(grant)
    appeals = await appeals_board.unruled(ctx.session, decision)
    offered = appeals_board.choices(ctx.settings, decision, appeals, SUSPENSION_CHOICES)
    payload = view.subject(decision)
    rows: list[list[Button]] = [
        [
            Action(
                localize(ctx, _choice_label(ctx, choice)),
                view.PUT,
                {
                    **payload,
                    "ruling": choice.ruling,
                    "degree": choice.degree,
                    "months": choice.months,
                },
            )
        ]
        for choice in offered
    ]
    lines = [
        ctx.t(N_("Which ruling is put to the vote (Article 24)?")),
        ctx.t(
            N_("The Primary Board's sanction: {sanction}."),
            sanction=localize(ctx, sanction_text(ctx.t, decision.sanction, decision.months)),
        ),
        ctx.t(
            N_(
                "The suspensions offered are 3, 6, 12 or 24 months (the service's choices; "
                "Article 23 allows three months to two years)."
            )
        ),
    ]
    heavier = [s for s in SANCTIONS if s > decision.sanction]
    if heavier and not any(c.degree in heavier for c in offered):
        lines.append(
            ctx.t(
                N_(
                    "Only the sanctioned manager appealed: a heavier sanction is not offered "
                    "(the directive does not decide it; a setting of this service)."
                )
            )
        )
    return [Message("\n".join(lines), buttons=rows + view.back(ctx, decision))]


def localize(ctx: Context, text: str) -> str:
    """A text's digits in the chat's digits."""
    return digits(ctx, text)


def _choice(payload: dict[str, Any]) -> Choice | None:
    ruling, degree, months = payload.get("ruling"), payload.get("degree"), payload.get("months")
    if not isinstance(ruling, str) or ruling not in RULING_QUESTIONS:
        return None
    if not (degree is None or isinstance(degree, int)) or not (
        months is None or isinstance(months, int)
    ):
        return None
    return Choice(ruling, degree, months)


async def put(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """Put a ruling to the vote, checked again against the store and the raise setting."""
    decision = view.decision_of(grant)
    sitting = await _in_session(ctx, decision)
    if sitting is None:
        return _said(ctx, decision, NO_SITTING)
    choice = _choice(payload)
    if choice is None:
        return _said(ctx, decision, sittings.BAD_QUESTION)
    try:
        question = await appeals_board.put_ruling(
            ctx.session,
            ctx.settings,
            ctx.now,
            decision=decision,
            sitting_id=sitting.id,
            choice=choice,
        )
    except SittingRefused as refused:
        return steps.refused(ctx, refused, view.back(ctx, decision))
    except DisciplineError as refused:
        raised = choice.degree is not None and heavier(
            choice.degree, choice.months, (decision.sanction, decision.months)
        )
        return _said(ctx, decision, NO_RAISE if raised and refused.field == "sanction" else CHANGED)
    await ask_appeal_votes(
        ctx.session,
        ctx.settings,
        decision_id=decision.id,
        sitting_id=sitting.id,
        question=question,
        now=ctx.now,
    )
    return [Message(await steps.put_said(ctx, question), buttons=view.back(ctx, decision))]


async def vote(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """A member's vote, in their own chat (changeable until the presiding member tallies)."""
    decision = view.decision_of(grant)
    question = await steps.question_of(ctx, payload, "decision", str(decision.id))
    yes = payload.get("yes")
    if question is None or not isinstance(yes, bool):
        return _said(ctx, decision, CHANGED)
    return await steps.cast(
        ctx,
        question,
        grant.member.id,
        yes,
        said=N_(
            "🗳 Your vote on question {number}: {vote}. You may change it until the presiding "
            "member tallies."
        ),
        action=view.VOTE,
        subject=view.subject(decision),
        back=view.back(ctx, decision),
    )


async def tally(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """Count a question's votes: the majority carries (the service's reading of Art. 24)."""
    decision = view.decision_of(grant)
    question = await steps.question_of(ctx, payload, "decision", str(decision.id))
    if question is None:
        return _said(ctx, decision, CHANGED)
    try:
        counted = await steps.count(
            ctx,
            question,
            N_(
                "🧮 Question {number}: {outcome}, {yes} for and {no} against (the majority: this "
                "service applies Article 22 note 2's rule to the Appeals Board too)."
            ),
        )
    except SittingRefused as refused:
        return steps.refused(ctx, refused, view.back(ctx, decision))
    lines = [counted]
    if not question.carried:
        lines.append(ctx.t(N_("No majority on that ruling: put a ruling to the vote again.")))
    return [Message("\n".join(lines)), *await view.show_appeal(ctx, grant)]


class AppealRulingText(Wizard):
    """The presiding member writes the majority's ruling; then the confirm."""

    name = RULING_FLOW
    title = N_("The Appeals Board's ruling")
    in_menu = False
    review = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        steps.ruling_step(
            N_(
                "Write the Appeals Board's ruling as the majority decided it, 10 to 3,000 "
                "characters. It is kept with the appeal."
            )
        ),
    )

    def kept_answers(self, answers: Answers) -> Answers:
        # The decision and its sitting came with the start.
        kept = {key: answers.get(key) for key in ("decision_id", "sitting_id")}
        return {**super().kept_answers(answers), **kept}

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        payload = {"kind": "decision", "id": str(answers.get("decision_id"))}
        chosen = {**payload, "sitting": answers.get("sitting_id"), "ruling": str(answers["ruling"])}
        lines = [ctx.t(N_("Record this ruling?")), "", str(answers["ruling"])]
        rows: list[list[Button]] = [
            [Action(ctx.t(N_("✔ Record the ruling")), view.RULE, chosen)],
            [Action(ctx.t(N_("✎ Write it again")), view.RULING, payload)],
            [Action(ctx.t(N_("« The appeal")), view.VIEW, payload)],
        ]
        return [Message("\n".join(lines), buttons=rows + ways_on(ctx, member=True))]


async def ask_ruling(ctx: Context, grant: Grant) -> list[Message]:
    """The sitting carried a ruling: the presiding member writes it (`AppealRulingText`)."""
    decision = view.decision_of(grant)
    sitting = await _in_session(ctx, decision)
    if sitting is None:
        return _said(ctx, decision, NO_SITTING)
    flow = ctx.registry.flows[RULING_FLOW]
    await flow.start(ctx)
    ctx.state.answers.update(decision_id=decision.id, sitting_id=sitting.id)
    return await flow.prompt(ctx)


async def rule(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """Record the ruling the sitting carried, as the presiding member wrote it (once)."""
    decision = view.decision_of(grant)
    sitting = await _in_session(ctx, decision)
    text = payload.get("ruling")
    if sitting is None or payload.get("sitting") != sitting.id or not isinstance(text, str):
        return _said(ctx, decision, CHANGED)
    try:
        ruled = await appeals_board.record_ruling(
            ctx.session,
            ctx.settings,
            ctx.now,
            decision=decision,
            sitting_id=sitting.id,
            ruling_text=text,
        )
    except DisciplineError:
        return _said(ctx, decision, CHANGED)
    appeal = ruled.appeal
    shown = localize(ctx, sanction_text(ctx.t, appeal.new_sanction, appeal.new_months))
    said = ctx.t(view.RULED[str(appeal.ruling)], sanction=shown)
    tail = ctx.t(N_("The ruling is recorded; the office's manager is sent its notice."))
    return [Message(f"✔ {said} {tail}", buttons=ways_on(ctx, member=True))]
