"""The chair's charge on a case before the sitting: who is charged, and which clauses.

```mermaid
flowchart LR
    K[👤 The charge] --> W{who}
    W -- the office's manager --> C[the clauses]
    W -- a member of the staff --> N[name] --> P[post] --> C
    C -- Done --> F[the case file]
```

Art. 25 lists the violations "of office managers and staff": the chair may charge a named
member of the office's staff (legal expert, IT expert, clerk) instead of the manager, and
choose the clauses charged (at first those the complaints and findings name). Once a sitting
has opened, the charge stands (`bot.domain.board.set_charge`).
"""

from __future__ import annotations

from typing import ClassVar, Final

from bot.domain import board
from bot.domain.offenders import MANAGER, STAFF, STAFF_POSTS, Offender
from bot.domain.refusals import DisciplineError
from bot.domain.staff import Grant, Refusal
from bot.domain.staff_actions import SubjectRef
from bot.flows.framework.collecting_steps import MultiChoiceStep
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Message
from bot.flows.framework.steps import ChoiceStep, Step
from bot.flows.framework.typed_steps import TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.staff import board_view as view
from bot.flows.staff.guard import authorise, run
from bot.flows.staff.replies import refusal_message, ways_on
from bot.rules.violations import VIOLATIONS
from bot.text.markers import N_
from storage import cases as case_store

CHARGE_FLOW: Final = "board_charge"
CHANGED: Final = N_(
    "The charge was not changed: the case's sitting has opened, or the case has changed."
)


def _staff(answers: Answers) -> bool:
    return answers.get("offender") == STAFF


class Charge(Wizard):
    """Who is charged on the case, and with which clauses of Art. 25."""

    name = CHARGE_FLOW
    title = N_("The charge")
    in_menu = False
    review = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        ChoiceStep(
            key="offender",
            label=N_("Who is charged"),
            prompt=N_("Who is charged (Article 25: office managers and staff)?"),
            options=((MANAGER, N_("The office's manager")), (STAFF, N_("A member of its staff"))),
            columns=1,
        ),
        TextStep(
            key="name",
            label=N_("The staff member's name"),
            prompt=N_("The staff member's full name:"),
            min_length=2,
            max_length=200,
            when=_staff,
        ),
        ChoiceStep(
            key="post",
            label=N_("The staff member's post"),
            prompt=N_("Their post at the office:"),
            options=tuple(STAFF_POSTS.items()),
            columns=1,
            when=_staff,
        ),
        MultiChoiceStep(
            key="clauses",
            label=N_("The clauses charged"),
            prompt=N_("The clauses of Article 25 charged (press to choose, then Done):"),
            options=tuple((v.id, v.name) for v in VIOLATIONS.values()),
        ),
    )

    def kept_answers(self, answers: Answers) -> Answers:
        return {**super().kept_answers(answers), "case_id": answers.get("case_id")}

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        case = await case_store.by_id(ctx.session, int(answers["case_id"]))
        subject = SubjectRef("case", str(answers.get("case_id")))
        if case is None:
            return [Message(ctx.t(CHANGED), buttons=ways_on(ctx, member=True))]
        offender = (
            Offender(STAFF, str(answers.get("name")), str(answers.get("post")))
            if _staff(answers)
            else Offender()
        )
        # The chair's role is checked again now, when the charge is written (and audited).
        allowed = await authorise(ctx, view.CHARGE, subject)
        if isinstance(allowed, Refusal):
            return [refusal_message(ctx, allowed)]
        member = allowed.member.id
        try:
            await board.set_charge(
                ctx.session,
                ctx.now,
                case=case,
                offender=offender,
                clauses=list(answers["clauses"]),
                member_id=int(str(member)),
            )
        except DisciplineError:
            return [Message(ctx.t(CHANGED), buttons=[view.case_button(ctx, case)])]
        said = Message(ctx.t(N_("👤 The charge is recorded.")))
        # The file again, authorised afresh (the chair's role may have changed meanwhile).
        return [said, *await run(ctx, view.CASE, subject, view.show_case)]


async def ask_charge(ctx: Context, grant: Grant) -> list[Message]:
    """The chair sets the charge (`Charge`), before the sitting opens."""
    case = view.case_of(grant)
    sitting = await board.current_sitting(ctx.session, case)
    if sitting is not None and sitting.status != "adjourned":
        return [Message(ctx.t(CHANGED), buttons=[view.case_button(ctx, case)])]
    flow = ctx.registry.flows[CHARGE_FLOW]
    await flow.start(ctx)
    ctx.state.answers.update(case_id=case.id)
    return await flow.prompt(ctx)
