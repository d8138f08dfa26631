"""What a Wizard shows: a step's prompt with its buttons, the review, the second confirmation,
and the line before questions that an edit asks again.

Every prompt gets Back (once there is somewhere to go back to) and Cancel; a step with
`allow_unknown` gets "I don't know / prefer not to say". The review lists each answer with an
Edit button, then Confirm.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.flows.framework.context import Context
from bot.flows.framework.controls import BACK, CANCEL, CONFIRM, EDIT, UNKNOWN
from bot.flows.framework.messages import Button, Choice, Message
from bot.flows.framework.steps import Step
from bot.text.markers import N_, NP_


def ask(ctx: Context, step: Step, problem: str | None = None) -> Message:
    """The prompt of *step*, after *problem* (why the last answer was refused) if any."""
    lines = [problem, ""] if problem else []
    lines.append(step.prompt_text(ctx))
    why = step.why_text(ctx)
    if why:
        lines += ["", why]
    message = Message("\n".join(lines))
    choices: list[Button] = list(step.choices(ctx))
    columns = getattr(step, "columns", 2)
    message.buttons = [choices[i : i + columns] for i in range(0, len(choices), columns)]
    if step.allow_unknown:
        message.buttons.append([Choice(ctx.t(N_("I don't know / prefer not to say")), UNKNOWN)])
    message.buttons.append(controls(ctx))
    step.extra(ctx, message)
    if message.request_contact or message.keyboard:
        # A message carries one keyboard: with a share-contact keyboard, every button
        # becomes a keyboard button whose label, sent back as text, the step recognises.
        message.keyboard += [[button.label for button in row] for row in message.buttons]
        message.buttons = []
    return message


def controls(ctx: Context) -> list[Button]:
    """The row under every prompt: Back when there is a step to go back to, and Cancel."""
    row: list[Button] = []
    if ctx.state.trail.get("stack"):
        row.append(Choice(ctx.t(N_("« Back")), BACK))
    row.append(Choice(ctx.t(N_("✖ Cancel")), CANCEL))
    return row


def review(ctx: Context, steps: Iterable[Step], problem: str | None = None) -> Message:
    """The answers to *steps*, each with its Edit button, then Confirm, Back and Cancel."""
    lines = [problem, ""] if problem else []
    lines.append(ctx.t(N_("Please check your answers:")))
    buttons: list[list[Button]] = []
    for step in steps:
        value = ctx.state.answers.get(step.key)
        if step.key not in ctx.state.answers:
            shown = ctx.t(N_("not answered yet"))
        elif value is None:
            shown = ctx.t(N_("I don't know / prefer not to say"))
        else:
            shown = step.show(ctx, value)
        name = ctx.t(step.label or step.prompt)
        lines.append(f"• {name}: {shown}")
        buttons.append([Choice(ctx.t(N_("✎ {name}"), name=name), EDIT + step.key)])
    lines += ["", ctx.t(N_("Tap an answer to change it, or confirm."))]
    buttons.append([Choice(ctx.t(N_("✔ Confirm")), CONFIRM)])
    buttons.append([Choice(ctx.t(N_("« Back")), BACK), Choice(ctx.t(N_("✖ Cancel")), CANCEL)])
    return Message("\n".join(lines), buttons=buttons)


def reconfirm(ctx: Context, question: str) -> Message:
    """A question (already translated) to confirm once more before the flow finishes."""
    return Message(
        question,
        buttons=[
            [Choice(ctx.t(N_("✔ Yes, go ahead")), CONFIRM)],
            [Choice(ctx.t(N_("« Back")), BACK), Choice(ctx.t(N_("✖ Cancel")), CANCEL)],
        ],
    )


def asked_again(ctx: Context, changed: Step, steps: Sequence[Step]) -> Message:
    """The line before questions asked again: which changed answer changed them."""
    return Message(
        ctx.t(
            NP_(
                "Because you changed “{answer}”, this question is asked again: {questions}.",
                "Because you changed “{answer}”, these questions are asked again: {questions}.",
            ),
            count=len(steps),
            answer=ctx.t(changed.label or changed.prompt),
            questions=ctx.t.join([ctx.t(step.label or step.prompt) for step in steps]),
        )
    )
