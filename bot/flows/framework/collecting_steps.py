"""Steps that gather several inputs before Done: a multiple choice, and attachments.

What they have gathered so far lives in the conversation's trail (`picking`, `files`), not in the
answers: only Done stores the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.flows.framework.context import Context
from bot.flows.framework.controls import DONE
from bot.flows.framework.inputs import Attachment, Input, Picked, Text
from bot.flows.framework.messages import Choice
from bot.flows.framework.outcomes import Invalid, Stay
from bot.flows.framework.steps import Step
from bot.text.markers import N_, NP_
from bot.text.persian import match_key, to_ascii_digits


@dataclass(frozen=True, kw_only=True)
class MultiChoiceStep(Step):
    """Pick one or more options: each press toggles one, Done ends (typed numbers work too)."""

    options: Sequence[tuple[str, str]]  # (value, label msgid)
    minimum: int = 1
    columns: int = 1

    def _picked(self, ctx: Context) -> list[str]:
        return list(ctx.state.trail.get("picking", {}).get(self.key, []))

    def _set(self, ctx: Context, picked: list[str]) -> None:
        picking = dict(ctx.state.trail.get("picking", {}))
        picking[self.key] = picked
        ctx.state.trail["picking"] = picking

    def choices(self, ctx: Context) -> Sequence[Choice]:
        picked = self._picked(ctx)
        marks = [
            Choice(("✅ " if value in picked else "▫️ ") + ctx.t(label), value)
            for value, label in self.options
        ]
        return [*marks, Choice(ctx.t(N_("Done ✔")), DONE)]

    async def parse(self, ctx: Context, received: Input) -> Any:
        picked = self._picked(ctx)
        if isinstance(received, Picked) and received.value == DONE:
            if len(picked) < self.minimum:
                raise Invalid(N_("Please choose at least one, then press Done."))
            self._set(ctx, [])
            return [value for value, _label in self.options if value in picked]
        value = None
        if isinstance(received, Picked):
            value = received.value if received.value in dict(self.options) else None
        elif isinstance(received, Text):
            numbers = [n for n in to_ascii_digits(received.text).replace("،", ",").split(",")]
            if all(n.strip().isdigit() for n in numbers):
                chosen = {int(n) for n in numbers}
                if chosen and all(1 <= n <= len(self.options) for n in chosen):
                    values = [v for i, (v, _l) in enumerate(self.options, 1) if i in chosen]
                    if len(values) >= self.minimum:
                        self._set(ctx, [])
                        return values
            key = match_key(received.text)
            value = next((v for v, label in self.options if match_key(ctx.t(label)) == key), None)
        if value is None:
            raise Invalid(N_("Please choose from the buttons, then press Done."))
        self._set(ctx, [v for v in picked if v != value] if value in picked else [*picked, value])
        raise Stay([])

    def show(self, ctx: Context, value: Any) -> str:
        labels = dict(self.options)
        return ctx.t.join([ctx.t(labels[v]) for v in value if v in labels])


@dataclass(frozen=True, kw_only=True)
class AttachmentsStep(Step):
    """Up to `maximum` photos or documents, then Done (or Skip with none)."""

    maximum: int = 5
    max_bytes: int = 20 * 1024 * 1024

    def _received(self, ctx: Context) -> list[dict[str, Any]]:
        return list(ctx.state.trail.get("files", {}).get(self.key, []))

    def choices(self, ctx: Context) -> Sequence[Choice]:
        label = N_("Done ✔") if self._received(ctx) else N_("Skip")
        return [Choice(ctx.t(label), DONE)]

    def prompt_text(self, ctx: Context) -> str:
        count = len(self._received(ctx))
        if not count:
            return ctx.t(self.prompt)
        # Once a file is in, the button is Done, not Skip: the text names the button shown.
        done = ctx.t(N_("Done ✔"))
        received = ctx.t(
            N_("Received {count} of at most {maximum}."), count=count, maximum=self.maximum
        )
        if count < self.maximum:
            more = ctx.t(N_("Send another photo or document, or press “{done}”."), done=done)
        else:
            more = ctx.t(N_("That is as many as I can take; press “{done}”."), done=done)
        return received + "\n\n" + more

    async def accept(self, ctx: Context, attachment: Attachment) -> dict[str, Any]:
        """Keep one file; what this returns is stored as its part of the answer."""
        return {
            "kind": attachment.kind,
            "file_id": attachment.file_id,
            "size": attachment.size,
            "mime_type": attachment.mime_type,
            "file_name": attachment.file_name,
        }

    async def parse(self, ctx: Context, received: Input) -> Any:
        files = self._received(ctx)
        if isinstance(received, Picked) and received.value == DONE:
            stored = dict(ctx.state.trail.get("files", {}))
            stored.pop(self.key, None)
            ctx.state.trail["files"] = stored
            return files
        if not isinstance(received, Attachment):
            raise Invalid(N_("Please send a photo or a document, or press the button below."))
        if len(files) >= self.maximum:
            raise Invalid(
                N_("That is the most I can take ({maximum}); press Done."), maximum=self.maximum
            )
        if received.size is not None and received.size > self.max_bytes:
            raise Invalid(
                N_("That file is too large ({size} MB); the limit is {limit} MB."),
                size=round(received.size / 1_048_576, 1),
                limit=self.max_bytes // 1_048_576,
            )
        files.append(await self.accept(ctx, received))
        stored = dict(ctx.state.trail.get("files", {}))
        stored[self.key] = files
        ctx.state.trail["files"] = stored
        raise Stay([])

    def show(self, ctx: Context, value: Any) -> str:
        if not value:
            return ctx.t(N_("none"))
        return ctx.t(NP_("{count} file", "{count} files"), count=len(value))
