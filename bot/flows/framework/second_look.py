"""A second look: an answer that is possible but unlikely is asked about once before it is taken.

A step that mixes in `SecondLook` names, in `doubts(ctx, value)`, what is unlikely about an
answer (each a plausibility check of this service, never a rule of the directive) and words each
doubt in `question`. Such an answer is held in the trail under "second_look" while the step asks
"…? Yes / Change":

```mermaid
stateDiagram-v2
    [*] --> asked: the step's prompt
    asked --> held: an answer with a doubt (Stay)
    asked --> [*]: an answer without one
    held --> [*]: ✔ Yes, or the same answer again
    held --> held: ✔ Yes, and another doubt about it
    held --> asked: ✎ Change
    held --> held: a new answer with a doubt
    held --> [*]: a new answer without one
```

A step may also hold a suggestion it read from the input (`hold`), such as the Jalali day of a
Gregorian date: Yes takes the suggestion, and its own doubts are then asked in turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from bot.flows.framework.context import Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice
from bot.flows.framework.outcomes import Stay
from bot.flows.framework.steps import Step, match_label
from bot.text.markers import N_

SURE = "second_look_yes"
CHANGE = "second_look_change"
TRAIL = "second_look"


@dataclass(frozen=True)
class Doubt:
    """What is unlikely about an answer: its `kind`, and what Yes takes (`offer`, else it)."""

    kind: str
    offer: Any = None


@dataclass(frozen=True, kw_only=True)
class SecondLook(Step):
    """Mixed in before a step: asks once about an unlikely answer (Yes / Change)."""

    def doubts(self, ctx: Context, value: Any) -> Sequence[Doubt]:
        """What is unlikely about *value*, in the order it is asked (nothing: take it)."""
        return ()

    def question(self, ctx: Context, kind: str, value: Any, answer: Any) -> str:
        """The question (translated) of a doubt of *kind*: Yes takes *value*; *answer* was given."""
        raise NotImplementedError

    def sure_label(self, ctx: Context, kind: str, value: Any) -> str:
        """The label of the button that takes *value*."""
        return ctx.t(N_("✔ Yes, that is right"))

    async def read(self, ctx: Context, received: Input) -> Any:
        """The answer in *received*, as the step without a second look reads it."""
        return await super().parse(ctx, received)

    def holding(self, ctx: Context) -> dict[str, Any] | None:
        """What is held for a second look at this step, if anything."""
        held = ctx.state.trail.get(TRAIL, {}).get(self.key)
        return dict(held) if held else None

    def hold(
        self, ctx: Context, kind: str, value: Any, answer: Any, confirmed: Sequence[str] = ()
    ) -> NoReturn:
        """Keep *value* and ask about it (the step is asked again, with the question)."""
        held = dict(ctx.state.trail.get(TRAIL, {}))
        held[self.key] = {
            "kind": kind,
            "value": value,
            "answer": answer,
            "confirmed": [*confirmed],
        }
        ctx.state.trail[TRAIL] = held
        raise Stay([])

    def _release(self, ctx: Context) -> None:
        held = dict(ctx.state.trail.get(TRAIL, {}))
        held.pop(self.key, None)
        ctx.state.trail[TRAIL] = held

    def _checked(self, ctx: Context, value: Any, confirmed: Sequence[str]) -> Any:
        """*value*, unless a doubt about it is not confirmed yet (then it is held)."""
        for doubt in self.doubts(ctx, value):
            if doubt.kind not in confirmed:
                offer = value if doubt.offer is None else doubt.offer
                self.hold(ctx, doubt.kind, offer, value, confirmed)
        return value

    def prompt_text(self, ctx: Context) -> str:
        held = self.holding(ctx)
        if held is None:
            return super().prompt_text(ctx)
        asked = self.question(ctx, str(held["kind"]), held["value"], held["answer"])
        return "\n\n".join([asked, ctx.t(N_("Or send another answer."))])

    def choices(self, ctx: Context) -> Sequence[Choice]:
        held = self.holding(ctx)
        if held is None:
            return super().choices(ctx)
        return [
            Choice(self.sure_label(ctx, str(held["kind"]), held["value"]), SURE),
            Choice(ctx.t(N_("✎ Change")), CHANGE),
        ]

    async def parse(self, ctx: Context, received: Input) -> Any:
        held = self.holding(ctx)
        if held is not None and isinstance(received, Text):
            # The label of Yes or Change, typed: the same as the press.
            typed = match_label(received, self.choices(ctx))
            received = Picked(typed) if typed in {SURE, CHANGE} else received
        if isinstance(received, Picked) and received.value in {SURE, CHANGE}:
            self._release(ctx)
            if held is None or received.value == CHANGE:
                # Change, or a Yes whose question was already answered: ask afresh.
                raise Stay([])
            return self._checked(ctx, held["value"], [*held["confirmed"], held["kind"]])
        value = await self.read(ctx, received)
        if held is None:
            return self._checked(ctx, value, ())
        self._release(ctx)
        # The same answer again, where Yes would take it as given, is a Yes.
        again = value == held["answer"] == held["value"]
        return self._checked(ctx, value, [*held["confirmed"], held["kind"]] if again else ())
