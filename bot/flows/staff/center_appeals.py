"""The Head of the Center's appeals (Art. 24): the decisions open to appeal, and an appeal filed.

```mermaid
flowchart LR
    M[staff menu] -- ⚖ Decisions open to appeal --> L[pending or appealed 5s and 6s]
    L -- one decision --> G[grounds, typed: CenterHeadGrounds] --> C[✔ File the appeal, once]
    C --> F[appeal filed: its file to the Appeals Board]
    G -- « Back --> L
```

Art. 24 gives the appeal of a 5 or 6 to the sanctioned person *or* the Center's head: the head
may appeal while the decision is pending or after the manager has appealed, once. Each step is a
guarded staff action (`center_head.decisions`, `center_head.appeal_ask`, `center_head.appeal`,
rows of `bot/domain/staff_actions.py`), authorised and audited on every press; the grounds ride
on the confirm's button (kept on the server), and `bot.domain.appeals.file_appeal` checks the
decision and the window (a setting) again.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from bot.domain import appeals
from bot.domain.refusals import DisciplineError
from bot.domain.staff import Grant
from bot.domain.staff_actions import SubjectRef
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.controls import BACK, is_control
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.steps import Step
from bot.flows.framework.typed_steps import TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.staff.guard import run
from bot.flows.staff.replies import ways_on
from bot.notices.managers import sanction_text
from bot.rules.violations import VIOLATIONS
from bot.text.jalali import format_jalali_date, tehran_date
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import cases as case_store
from storage import decisions as decision_store
from storage.models import Decision

DECISIONS: Final = "center_head.decisions"
APPEAL_ASK: Final = "center_head.appeal_ask"
APPEAL: Final = "center_head.appeal"
GROUNDS_FLOW: Final = "center_head_grounds"
GROUNDS_CHARS: Final = range(20, 3001)
#: Where a decision open to the Center's appeal stands, as its line says.
STANDS: Final = {
    "pending": N_("not appealed yet"),
    "appealed": N_("appealed by the manager"),
}


def _number(ctx: Context, value: int) -> str:
    return localize_digits(str(value), ctx.locale)


async def _line(ctx: Context, decision: Decision) -> str:
    case = await case_store.by_id(ctx.session, decision.case_id)
    return ctx.t(
        N_("Decision no. {number}, office {office}, {date}: {sanction} ({stands})"),
        number=_number(ctx, decision.id),
        office=localize_digits(case.office_code if case else "", ctx.locale),
        date=format_jalali_date(tehran_date(decision.decided_at, ctx.settings.zone), ctx.locale),
        sanction=sanction_text(ctx.t, decision.sanction, decision.months),
        stands=ctx.t(STANDS.get(str(decision.status), N_("not appealed yet"))),
    )


def _back(ctx: Context) -> list[list[Button]]:
    return [
        [Action(ctx.t(N_("« Decisions open to appeal")), DECISIONS)],
        *ways_on(ctx, member=True),
    ]


async def show_decisions(ctx: Context, grant: Grant) -> list[Message]:
    """The decisions of degree 5 or 6 the Center's head may appeal now (Art. 24)."""
    found = await appeals.open_to(ctx.session, ctx.settings, ctx.now, "center_head")
    if not found:
        text = ctx.t(N_("No decision of degree 5 or 6 is open to the Center's appeal now."))
        return [Message(text, buttons=ways_on(ctx, member=True))]
    lines = [ctx.t(N_("⚖ Decisions open to the Center's appeal (Article 24):"))]
    rows: list[list[Button]] = []
    for decision in found[-10:]:
        lines.append("• " + await _line(ctx, decision))
        rows.append(
            [
                Action(
                    ctx.t(N_("Appeal decision no. {number}"), number=_number(ctx, decision.id)),
                    APPEAL_ASK,
                    SubjectRef("decision", str(decision.id)).as_payload(),
                )
            ]
        )
    return [Message("\n".join(lines), buttons=rows + ways_on(ctx, member=True))]


def _decision(grant: Grant) -> Decision:
    assert grant.subject is not None and isinstance(grant.subject.row, Decision)
    return grant.subject.row


def _not_open(ctx: Context) -> list[Message]:
    text = ctx.t(
        N_(
            "This decision is not open to the Center's appeal now (Article 24; the appeal period "
            "is a setting of this service). Nothing was done."
        )
    )
    return [Message(text, buttons=_back(ctx))]


async def ask_grounds(ctx: Context, grant: Grant) -> list[Message]:
    """A decision chosen: ask the grounds of the Center's appeal (`CenterHeadGrounds`)."""
    decision = _decision(grant)
    try:
        await appeals.check_open_to(ctx.session, ctx.settings, ctx.now, decision, "center_head")
    except DisciplineError:
        return _not_open(ctx)
    flow = ctx.registry.flows[GROUNDS_FLOW]
    await flow.start(ctx)
    ctx.state.answers.update(decision_id=decision.id)
    lines = [await _line(ctx, decision), ctx.t(N_("Violations found:"))]
    lines += [
        ctx.t(
            N_("• Article 25, clause {clause}: {text}"),
            clause=VIOLATIONS[clause].clause,
            text=ctx.t(VIOLATIONS[clause].name),
        )
        for clause in decision.violations
    ]
    return [Message("\n".join(lines)), *await flow.prompt(ctx)]


class CenterHeadGrounds(Wizard):
    """The grounds of the Center's appeal of a decision; then the confirm."""

    name = GROUNDS_FLOW
    title = N_("Appeal a decision")
    in_menu = False
    review = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        TextStep(
            key="grounds",
            label=N_("Grounds"),
            prompt=N_(
                "Write the grounds of the Center's appeal to the Appeals Board, in at least 20 "
                "and at most 3,000 characters. The Board reads them with the decision's file."
            ),
            min_length=GROUNDS_CHARS.start,
            max_length=GROUNDS_CHARS.stop - 1,
        ),
    )

    def kept_answers(self, answers: Answers) -> Answers:
        # The decision came with the start: no question of the form.
        return {**super().kept_answers(answers), "decision_id": answers.get("decision_id")}

    async def handle(self, ctx: Context, received: Input) -> list[Message]:
        back = (isinstance(received, Picked) and received.value == BACK) or (
            isinstance(received, Text) and is_control(ctx.t, received.text, N_("Back"))
        )
        if not back:
            return await super().handle(ctx, received)
        ctx.state.end()
        return await run(ctx, DECISIONS, None, show_decisions)

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        decision = await decision_store.by_id(ctx.session, int(answers["decision_id"]))
        if decision is None:
            return _not_open(ctx)
        grounds = str(answers["grounds"])
        subject = SubjectRef("decision", str(decision.id)).as_payload()
        text = ctx.t(
            N_(
                "File the Center's appeal of decision no. {number} with these grounds?\n\n"
                "{grounds}\n\nThe Appeals Board is sent the decision's file with them."
            ),
            number=_number(ctx, decision.id),
            grounds=grounds,
        )
        rows: list[list[Button]] = [
            # The grounds ride on the button (kept on the server): the confirm acts once.
            [Action(ctx.t(N_("✔ File the appeal")), APPEAL, {**subject, "grounds": grounds})],
            [Action(ctx.t(N_("✎ Write the grounds again")), APPEAL_ASK, subject)],
        ]
        return [Message(text, buttons=rows + _back(ctx))]


async def file(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """File the Center's appeal with the grounds the confirm's button carries (Art. 24)."""
    decision = _decision(grant)
    grounds = str(payload.get("grounds", "")).strip()
    if len(grounds) not in GROUNDS_CHARS:
        return _not_open(ctx)
    try:
        appeal = await appeals.file_appeal(
            ctx.session,
            ctx.settings,
            ctx.now,
            decision_id=decision.id,
            by="center_head",
            grounds=grounds,
        )
    except DisciplineError:
        return _not_open(ctx)
    text = ctx.t(
        N_(
            "⚖ The Center's appeal no. {appeal} of decision no. {number} is filed (Article 24). "
            "The Appeals Board was sent the decision's file; the decision is not final until it "
            "rules."
        ),
        appeal=_number(ctx, appeal.id),
        number=_number(ctx, decision.id),
    )
    return [Message(text, buttons=_back(ctx))]
