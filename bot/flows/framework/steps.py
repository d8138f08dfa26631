"""A Wizard's question, the `Step`, and the steps that pick from buttons: choice and yes/no.

A Step says how to ask (its prompt, its buttons, one line on why), how to read the answer (or
raise `Invalid`), and how to show the stored answer on the review screen. Steps whose `when` is
false for the answers so far are skipped.

A step *takes text* (`takes_text`) when typed text is its answer: then a number typed where the
console numbers the buttons is the answer, never the button it numbers (`۲` at an amount is two,
not Cancel). By default a step without buttons of its own takes text, and a step with them
(a choice) takes its buttons, also by their numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice, Message
from bot.flows.framework.outcomes import Invalid
from bot.text.markers import N_
from bot.text.persian import match_key


def always(_answers: Answers) -> bool:
    """Every step applies unless told otherwise."""
    return True


@dataclass(frozen=True, kw_only=True)
class Step:
    """One question of a Wizard: its prompt, how to read the answer, how to show it back."""

    key: str
    prompt: str  # msgid
    label: str | None = None  # msgid: the short name on the review screen (default: prompt)
    why: str | None = None  # msgid: one line on why we ask
    allow_unknown: bool = False
    when: Callable[[Answers], bool] = always

    def choices(self, ctx: Context) -> Sequence[Choice]:
        """The step's own buttons."""
        return ()

    def extra(self, ctx: Context, message: Message) -> None:
        """Add anything else the prompt needs (a share-contact keyboard, ...)."""

    def prompt_text(self, ctx: Context) -> str:
        """The question, in the user's language."""
        return ctx.t(self.prompt)

    def why_text(self, ctx: Context) -> str | None:
        """The one line on why we ask, in the user's language (None: no such line)."""
        return ctx.t(N_("Why we ask: {reason}"), reason=ctx.t(self.why)) if self.why else None

    async def parse(self, ctx: Context, received: Input) -> Any:
        """Turn the input into the stored answer, or raise Invalid."""
        raise NotImplementedError

    def show(self, ctx: Context, value: Any) -> str:
        """The stored answer as the review screen shows it."""
        return str(value)

    def after(self, ctx: Context, value: Any) -> list[Message]:
        """Messages to send once the step is answered, before the next prompt."""
        return []

    def takes_text(self, ctx: Context) -> bool:
        """Whether typed text is this step's answer, even a number that names a button."""
        return not self.choices(ctx)

    async def discard(self, ctx: Context, value: Any) -> None:
        """The answer *value* (None: no answer yet) is thrown away, by /cancel or a new answer:
        undo what the step stored for it on the way (files, rows)."""


def match_label(received: Input, choices: Iterable[Choice]) -> str | None:
    """The value of the choice the input picks: a pressed button, or its label typed."""
    options = list(choices)
    if isinstance(received, Picked):
        return received.value if any(c.value == received.value for c in options) else None
    if isinstance(received, Text):
        key = match_key(received.text)
        for choice in options:
            if match_key(choice.label) == key:
                return choice.value
    return None


@dataclass(frozen=True, kw_only=True)
class ChoiceStep(Step):
    """Pick one of a few options (pressed, or typed as the label)."""

    options: Sequence[tuple[str, str]]  # (value, label msgid)
    columns: int = 2

    def choices(self, ctx: Context) -> Sequence[Choice]:
        return [Choice(ctx.t(label), value) for value, label in self.options]

    async def parse(self, ctx: Context, received: Input) -> Any:
        value = match_label(received, self.choices(ctx))
        if value is None:
            raise Invalid(N_("Please choose one of the buttons."))
        return value

    def show(self, ctx: Context, value: Any) -> str:
        labels = dict(self.options)
        return ctx.t(labels[value]) if value in labels else str(value)


YES_NO = (("yes", N_("Yes")), ("no", N_("No")))


@dataclass(frozen=True, kw_only=True)
class YesNoStep(ChoiceStep):
    """A yes-or-no question, stored as true or false."""

    options: Sequence[tuple[str, str]] = YES_NO

    async def parse(self, ctx: Context, received: Input) -> Any:
        return await super().parse(ctx, received) == "yes"

    def show(self, ctx: Context, value: Any) -> str:
        return ctx.t(N_("Yes") if value else N_("No"))
