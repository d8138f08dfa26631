"""What a board's chat does the same way in any sitting: a member's vote, a question counted, a
refusal said, the question a button names (checked against the store, never trusted).

Used by the Primary Board's chat (`board_sitting`, Art. 22) and the Appeals Board's
(`appeals_sitting`, Art. 24); each passes its own words (who tallies, which rule counts).
"""

from __future__ import annotations

from typing import Any, Final

from bot.domain import sittings
from bot.domain.sittings import SittingRefused
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.typed_steps import TextStep
from bot.notices.board_cases import question_text
from bot.text.markers import N_
from bot.text.persian import localize_digits
from storage import sittings as sitting_store
from storage import staff as staff_store
from storage.models import SittingQuestion
from storage.statuses import Role

#: How long a ruling's text may be (its own length, and a mitigation's).
RULING_CHARS: Final = range(10, 3001)


class RulingStep(TextStep):
    """The ruling's text, as the one who presides writes it."""


def ruling_step(prompt: str, **more: Any) -> RulingStep:
    """The step that takes the ruling's text (key "ruling", unless *more* says otherwise)."""
    fields: dict[str, Any] = {"key": "ruling", "label": N_("The ruling"), **more}
    return RulingStep(
        prompt=prompt,
        min_length=RULING_CHARS.start,
        max_length=RULING_CHARS.stop - 1,
        **fields,
    )


def _digits(ctx: Context, value: object) -> str:
    return localize_digits(str(value), ctx.locale)


def refused(ctx: Context, why: SittingRefused, back: list[list[Button]]) -> list[Message]:
    """The refusal's own line, its numbers in the chat's digits, and the way back."""
    params = {k: _digits(ctx, v) for k, v in why.params.items()}
    return [Message(ctx.t(why.msgid, **params), buttons=back)]


async def question_of(
    ctx: Context, payload: dict[str, Any], subject_kind: str, subject_id: str
) -> SittingQuestion | None:
    """The question a button names, if it is one of a sitting on this subject."""
    number = payload.get("question")
    question = (
        await sitting_store.question(ctx.session, number) if isinstance(number, int) else None
    )
    if question is None:
        return None
    sitting = await sitting_store.by_id(ctx.session, question.sitting_id)
    if sitting is None or (sitting.subject_kind, sitting.subject_id) != (subject_kind, subject_id):
        return None
    return question


async def cast(
    ctx: Context,
    question: SittingQuestion,
    member_id: int,
    yes: bool,
    *,
    said: str,
    action: str,
    subject: dict[str, str],
    back: list[list[Button]],
) -> list[Message]:
    """Record a member's vote (changeable until tallied); *said* takes {number} and {vote}."""
    try:
        await sittings.vote(
            ctx.session, ctx.now, question_id=question.id, member_id=member_id, yes=yes
        )
    except SittingRefused as why:
        return refused(ctx, why, back)
    text = ctx.t(
        said,
        number=_digits(ctx, await sitting_store.position(ctx.session, question)),
        vote=ctx.t(N_("yes")) if yes else ctx.t(N_("no")),
    )
    change = {**subject, "question": question.id, "yes": not yes}
    label = N_("✖ Change to no") if yes else N_("✔ Change to yes")
    rows: list[list[Button]] = [[Action(ctx.t(label), action, change)]]
    return [Message(text, buttons=rows + back)]


async def count(ctx: Context, question: SittingQuestion, said: str) -> str:
    """Tally *question* (raises `SittingRefused`); *said* takes {number}, {outcome}, {yes}, {no}."""
    await sittings.tally(ctx.session, ctx.now, question_id=question.id)
    return ctx.t(
        said,
        number=_digits(ctx, await sitting_store.position(ctx.session, question)),
        outcome=ctx.t(N_("carried")) if question.carried else ctx.t(N_("not carried")),
        yes=_digits(ctx, question.yes_votes),
        no=_digits(ctx, question.no_votes),
    )


async def put_said(ctx: Context, question: SittingQuestion) -> str:
    """The line that says a question was put."""
    return ctx.t(
        N_("❓ Question {number} was put: {question} Each member votes in their own chat."),
        number=_digits(ctx, await sitting_store.position(ctx.session, question)),
        question=question_text(ctx.t, question, ctx.locale),
    )


async def attendance(
    ctx: Context,
    body: Role,
    association: str | None,
    *,
    asked: str,
    actions: tuple[str, str],
    subject: dict[str, str],
    back: list[list[Button]],
) -> list[Message]:
    """Are all the body's members present? (*asked* takes {count}); the members by name, and
    the buttons to open the sitting or say one is absent (*actions*: open, absent)."""
    roles = await sittings.members(ctx.session, body, association)
    names = []
    for role in roles:
        member = await staff_store.member(ctx.session, role.member_id)
        names.append(f"• {_digits(ctx, member.name) if member else '?'}")
    text = "\n".join([ctx.t(asked, count=_digits(ctx, len(roles))), *names])
    rows: list[list[Button]] = [
        [Action(ctx.t(N_("✔ All are present: open the sitting")), actions[0], subject)],
        [Action(ctx.t(N_("✖ A member is absent")), actions[1], subject)],
    ]
    return [Message(text, buttons=rows + back)]
