"""The Wizard: a Flow of Steps, one question at a time, with back, cancel, review and confirm.

```mermaid
stateDiagram-v2
    [*] --> refused: may_start says no
    [*] --> step: start (intro, first step that applies)
    step --> step: answer (next step whose `when` holds)
    step --> step: Invalid / Stay (the same step again)
    step --> review: answer to the last step
    review --> step: ✎ Edit (then back to the review)
    step --> step: an edit changed a later question (it is asked again, and said why)
    review --> reconfirm: ✔ Confirm, before_finish asks
    review --> finish: ✔ Confirm
    reconfirm --> finish: ✔ Yes, go ahead
    step --> step: « Back (the previous step answered)
    step --> [*]: ✖ Cancel (the menu asks first when much would be lost), or « Back from the first
    finish --> [*]
```

The step name persisted in the conversation is the Step's key, or REVIEW or RECONFIRM; the trail
keeps the stack for Back, whether the user is editing from the review (and, under "edit", what
the later questions were when the edit began), and the question to reconfirm.

An edit may change what a later step asks: a new incident date brings another year's tariff, so
the overcharge questions mean something else. When the edited answer is given, every later step
whose question (its prompt and its buttons) is no longer the one its answer was given to, or that
applies now and did not then, loses its answer and is asked again, after one line that says why.
The steps need declare nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import ClassVar

from bot.flows.framework import screens
from bot.flows.framework.context import Answers, Context, Flow
from bot.flows.framework.controls import (
    BACK,
    CANCEL,
    CONFIRM,
    EDIT,
    RECONFIRM,
    REVIEW,
    is_control,
    picks_unknown,
)
from bot.flows.framework.inputs import Input, Picked, Text, Unsupported
from bot.flows.framework.messages import Message
from bot.flows.framework.outcomes import FlowCancelled, Invalid, Stay
from bot.flows.framework.steps import Step
from bot.text.i18n import translator
from bot.text.markers import N_


class Wizard(Flow):
    """A flow of Steps: one question at a time, back, cancel, a review to edit, then confirm."""

    steps: ClassVar[tuple[Step, ...]]
    review: ClassVar[bool] = True
    intro: ClassVar[str | None] = None  # msgid shown once when the flow starts

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        """The user confirmed: act on the answers and say what happens next."""
        raise NotImplementedError

    async def may_start(self, ctx: Context) -> list[Message] | None:
        """None to begin; or the messages that say why the flow cannot begin now."""
        return None

    async def before_finish(self, ctx: Context, answers: Answers) -> str | None:
        """None to finish; or a question (translated) to confirm once more before finishing."""
        return None

    # navigation

    def step(self, key: str) -> Step:
        """The step named *key*."""
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def applicable(self, answers: Answers) -> list[Step]:
        """The steps that apply given the answers so far."""
        return [step for step in self.steps if step.when(answers)]

    def _after(self, key: str | None, answers: Answers, editing: bool) -> str:
        steps = self.applicable(answers)
        if editing:
            pending = [s.key for s in steps if s.key not in answers]
            return pending[0] if pending else REVIEW
        keys = [s.key for s in steps]
        index = keys.index(key) + 1 if key in keys else 0
        if index < len(keys):
            return keys[index]
        return REVIEW if self.review else CONFIRM

    def kept_answers(self, answers: Answers) -> Answers:
        """The answers of the steps that apply (those of skipped steps are dropped)."""
        return {s.key: answers[s.key] for s in self.applicable(answers) if s.key in answers}

    # the Flow interface

    async def start(self, ctx: Context) -> list[Message]:
        refused = await self.may_start(ctx)
        if refused is not None:
            return refused
        # A fresh start replaces any draft: what the draft stored on the way goes with it.
        draft = ctx.registry.flows.get(ctx.state.flow) if ctx.state.flow else None
        if draft is not None:
            await draft.discard(ctx)
        ctx.state.begin(self.name, None)
        first = self._after(None, ctx.state.answers, editing=False)
        ctx.state.step = first
        messages = [Message(ctx.t(self.intro))] if self.intro else []
        return messages + await self.prompt(ctx)

    def takes_text(self, ctx: Context) -> bool:
        if ctx.state.step in (None, REVIEW, RECONFIRM):
            return False
        return self.step(str(ctx.state.step)).takes_text(ctx)

    async def discard(self, ctx: Context) -> None:
        for step in self.steps:
            await step.discard(ctx, ctx.state.answers.get(step.key))

    async def prompt(self, ctx: Context) -> list[Message]:
        if ctx.state.step == REVIEW:
            return [self._review(ctx)]
        if ctx.state.step == RECONFIRM:
            return [screens.reconfirm(ctx, str(ctx.state.trail.get("question", "")))]
        step = self.step(str(ctx.state.step))
        return [screens.ask(ctx, step)]

    async def handle(self, ctx: Context, received: Input) -> list[Message]:
        state = ctx.state
        if isinstance(received, Picked) and received.value == CANCEL:
            raise FlowCancelled
        if isinstance(received, Picked) and received.value == BACK:
            return await self._back(ctx)
        if state.step == REVIEW:
            return await self._at_review(ctx, received)
        if state.step == RECONFIRM:
            if isinstance(received, Picked) and received.value == CONFIRM:
                state.trail["reconfirmed"] = True
                return await self._confirm(ctx)
            return [screens.reconfirm(ctx, str(state.trail.get("question", "")))]
        step = self.step(str(state.step))
        if isinstance(received, Text) and is_control(ctx.t, received.text, N_("Back")):
            return await self._back(ctx)
        if isinstance(received, Text) and is_control(ctx.t, received.text, N_("Cancel")):
            raise FlowCancelled
        if isinstance(received, Unsupported):
            problem = ctx.t(N_("Sorry, I can't use that kind of message here."))
            return [screens.ask(ctx, step, problem=problem)]
        try:
            if step.allow_unknown and picks_unknown(ctx.t, received):
                value = None
            else:
                value = await step.parse(ctx, received)
        except Invalid as problem:
            return [screens.ask(ctx, step, problem=ctx.t(problem.message, **problem.params))]
        except Stay as stay:
            return stay.messages or [screens.ask(ctx, step)]
        answered_before = step.key in state.answers
        previous = state.answers.get(step.key)
        state.answers[step.key] = value
        if answered_before and previous != value:
            await step.discard(ctx, previous)
        state.trail["stack"] = [*state.trail.get("stack", []), step.key]
        said = step.after(ctx, value) if value is not None else []
        editing = bool(state.trail.get("editing"))
        if editing:
            said += await self._ask_again(ctx, step)
        following = self._after(step.key, state.answers, editing)
        if following == CONFIRM:
            return said + await self._confirm(ctx)
        if following == REVIEW:
            state.trail["editing"] = False
            state.trail.pop("edit", None)
        state.step = following
        return said + await self.prompt(ctx)

    async def _back(self, ctx: Context) -> list[Message]:
        trail = list(ctx.state.trail.get("stack", []))
        applicable = {s.key for s in self.applicable(ctx.state.answers)}
        while trail:
            previous = trail.pop()
            ctx.state.trail["stack"] = trail
            if previous == REVIEW or previous in applicable:
                ctx.state.step = previous
                if previous == REVIEW:
                    ctx.state.trail["editing"] = False
                    ctx.state.trail.pop("edit", None)
                return await self.prompt(ctx)
        # Back from the first question leaves the flow; the draft is not kept.
        raise FlowCancelled

    async def _at_review(self, ctx: Context, received: Input) -> list[Message]:
        if isinstance(received, Picked) and received.value == CONFIRM:
            return await self._confirm(ctx)
        if isinstance(received, Picked) and received.value.startswith(EDIT):
            key = received.value.removeprefix(EDIT)
            if key in {s.key for s in self.applicable(ctx.state.answers)}:
                ctx.state.trail["stack"] = [*ctx.state.trail.get("stack", []), REVIEW]
                ctx.state.trail["editing"] = True
                ctx.state.trail["edit"] = {"from": key, "asked": self._later(ctx, key)}
                ctx.state.step = key
                return await self.prompt(ctx)
        return [self._review(ctx, problem=ctx.t(N_("Please choose one of the buttons.")))]

    def _later(self, ctx: Context, key: str) -> dict[str, str]:
        """The questions the answered steps after *key* were asked, as `question_of` digests."""
        keys = [s.key for s in self.steps]
        return {
            s.key: question_of(ctx, s)
            for s in self.applicable(ctx.state.answers)
            if keys.index(s.key) > keys.index(key) and s.key in ctx.state.answers
        }

    async def _ask_again(self, ctx: Context, answered: Step) -> list[Message]:
        """After an answer given while editing: drop the later answers whose question it changed
        (or that apply only now), so that they are asked again; say so in one line."""
        edit = ctx.state.trail.get("edit")
        if not isinstance(edit, dict) or edit.get("from") not in {s.key for s in self.steps}:
            return []
        done = [*edit.get("answered", []), answered.key]
        ctx.state.trail["edit"] = {**edit, "answered": done}
        before = dict(edit.get("asked", {}))
        keys = [s.key for s in self.steps]
        again = [
            s
            for s in self.applicable(ctx.state.answers)
            if keys.index(s.key) > keys.index(str(edit["from"]))
            and s.key in ctx.state.answers
            and s.key not in done
            and before.get(s.key) != question_of(ctx, s)
        ]
        for step in again:
            await step.discard(ctx, ctx.state.answers.pop(step.key))
        return [screens.asked_again(ctx, answered, again)] if again else []

    async def _confirm(self, ctx: Context) -> list[Message]:
        pending = [s for s in self.applicable(ctx.state.answers) if s.key not in ctx.state.answers]
        if pending:
            # Back from a question asked again leads to the review with it unanswered.
            ctx.state.trail["stack"] = [*ctx.state.trail.get("stack", []), REVIEW]
            ctx.state.trail["editing"] = True
            ctx.state.step = pending[0].key
            first = ctx.t(N_("Please answer this question first."))
            return [screens.ask(ctx, pending[0], problem=first)]
        answers = self.kept_answers(ctx.state.answers)
        if not ctx.state.trail.get("reconfirmed"):
            question = await self.before_finish(ctx, answers)
            if question is not None:
                ctx.state.trail["stack"] = [*ctx.state.trail.get("stack", []), REVIEW]
                ctx.state.trail["question"] = question
                ctx.state.step = RECONFIRM
                return [screens.reconfirm(ctx, question)]
        ctx.state.end()
        return await self.finish(ctx, answers)

    def _review(self, ctx: Context, problem: str | None = None) -> Message:
        return screens.review(ctx, self.applicable(ctx.state.answers), problem)


def question_of(ctx: Context, step: Step) -> str:
    """What *step* asks, given the answers so far: a digest of its prompt and its buttons, in
    English (a change of language is no change of question)."""
    english = replace(ctx, t=translator("en"), locale="en")
    parts = [step.prompt_text(english)]
    parts += [f"{choice.value}\x1f{choice.label}" for choice in step.choices(english)]
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()[:16]
