"""The office manager writes to the Primary Board: the statement the chair invited.

```mermaid
flowchart LR
    N([the invitation: ✍ Send a written statement]) --> T[the statement, typed]
    T --> S[sent to every member]
    N -- not this manager's, sent already, case decided --> X[said so; nothing done]
```

The Board's practice for a fair hearing, not a rule of the directive
(`bot/domain/statements.py`). The button names the invitation only; on press, and again when
the text arrives, the account must be linked now to the invited manager, the statement not yet
sent and the case open.
"""

from __future__ import annotations

from typing import Any, ClassVar

from bot.domain import statements
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Action, Message
from bot.flows.framework.steps import Step
from bot.flows.framework.typed_steps import TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.menu import MENU
from bot.flows.registry import Registry
from bot.notices.board_statements import PRACTICE, WRITE
from bot.text.markers import N_

FLOW = "manager_statement"
GONE = N_(
    "This invitation is not open to this chat: it is another manager's, or the statement was "
    "sent, or the case was decided. Nothing was done."
)


def _menu(ctx: Context) -> list[list[Any]]:
    return [[Action(ctx.t(N_("Main menu")), MENU)]]


class StatementText(Wizard):
    """The manager's statement to the Board, as text."""

    name = FLOW
    title = N_("A written statement to the Board")
    in_menu = False
    review = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        TextStep(
            key="text",
            label=N_("The statement"),
            prompt=N_(
                "Write your statement to the Primary Disciplinary Board (10 to 3,000 "
                "characters). Every member of the Board reads it."
            ),
            min_length=statements.STATEMENT_CHARS.start,
            max_length=statements.STATEMENT_CHARS.stop - 1,
        ),
    )

    def kept_answers(self, answers: Answers) -> Answers:
        return {**super().kept_answers(answers), "statement_id": answers.get("statement_id")}

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        invited = await statements.statement_for(
            ctx.session,
            statement_id=answers.get("statement_id"),
            platform=ctx.platform,
            user_id=ctx.user_id,
        )
        if invited is None:
            return [Message(ctx.t(GONE), buttons=_menu(ctx))]
        await statements.send_statement(
            ctx.session, ctx.settings, ctx.now, statement=invited, text=str(answers["text"])
        )
        said = ctx.t(N_("📝 Your statement was sent to every member of the Board."))
        return [Message(said, buttons=_menu(ctx))]


async def write(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """The invitation's button: the statement's text is asked, if this manager may send it."""
    invited = await statements.statement_for(
        ctx.session,
        statement_id=payload.get("statement_id"),
        platform=ctx.platform,
        user_id=ctx.user_id,
    )
    if invited is None:
        return [Message(ctx.t(GONE), buttons=_menu(ctx))]
    flow = ctx.registry.flows[FLOW]
    await flow.start(ctx)
    ctx.state.answers["statement_id"] = invited.id
    prompt = await flow.prompt(ctx)
    prompt[0].text = ctx.t(PRACTICE) + "\n\n" + prompt[0].text
    return prompt


def register(registry: Registry) -> None:
    """Add the manager's statement to *registry*."""
    registry.add_flow(StatementText())
    registry.add_action(WRITE, write)
