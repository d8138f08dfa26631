"""Helpers for tests: events by kind, small wizards to drive the framework, and the texts of
those wizards, which no catalog translates on purpose."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from sqlalchemy import select

from bot.app import App
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Attachment
from bot.flows.framework.messages import Message
from bot.flows.framework.outcomes import Invalid
from bot.flows.framework.steps import ChoiceStep, Step, YesNoStep
from bot.flows.framework.typed_steps import MobileStep, TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.registry import Registry
from bot.messages.events import (
    ButtonEvent,
    CommandEvent,
    Event,
    TextEvent,
    UnsupportedEvent,
)
from bot.messages.replies import Reply
from storage.models import Conversation, OutboxMessage

_ids = itertools.count(1)
_W = TypeVar("_W", bound=type[Wizard])

#: The texts of the tests' own wizards. They are English and in no catalog on purpose, so a
#: Persian chat shows them as their ids; the translation guard in tests/conftest.py lets exactly
#: these fall back and fails a test on any other untranslated id.
ENGLISH_ONLY: set[str] = set()


def english_only(wizard: _W) -> _W:
    """Register a test wizard's title, intro, prompts, reasons and labels in ENGLISH_ONLY."""
    texts = [wizard.title, wizard.intro]
    for step in wizard.steps:
        texts += [step.prompt, step.label, step.why]
        texts += [label for _value, label in getattr(step, "options", ())]
    ENGLISH_ONLY.update(text for text in texts if text)
    return wizard


def common(
    chat_id: int = 100, platform: str = "test", update_id: int | None = None
) -> dict[str, Any]:
    """The fields every event has, with a fresh update id unless one is given."""
    return {
        "platform": platform,
        "bot": "testbot",
        "update_id": next(_ids) if update_id is None else update_id,
        "chat_id": chat_id,
        "user_id": chat_id,
    }


def text(value: str, **kw: Any) -> Event:
    return TextEvent(**common(**kw), text=value)


def command(name: str, args: str = "", **kw: Any) -> Event:
    return CommandEvent(**common(**kw), command=name, args=args)


def press(token: str, **kw: Any) -> Event:
    return ButtonEvent(**common(**kw), token=token)


def sticker(**kw: Any) -> Event:
    return UnsupportedEvent(**common(**kw), what="sticker")


def typed(last: list[Reply], label: str, number: str) -> Event:
    """What the console sends for *number* typed where it numbered the button *label*."""
    return ButtonEvent(**common(), token=token_of(last, label), typed=number)


def token_of(replies: list[Reply], label: str) -> str:
    """The token of the button labelled *label* in *replies* (the last one wins)."""
    found = [b.token for r in replies for row in r.inline for b in row if b.label == label]
    assert found, (
        f"no button {label!r} in {[b.label for r in replies for row in r.inline for b in row]}"
    )
    return found[-1]


def labels(replies: list[Reply]) -> list[str]:
    return [b.label for r in replies for row in r.inline for b in row]


async def conversation(app: App, chat_id: int = 100, platform: str = "test") -> Conversation | None:
    async with app.engine.sessions() as session:
        return await session.get(Conversation, (platform, chat_id))


async def outbox(app: App) -> list[OutboxMessage]:
    async with app.engine.sessions() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


@english_only
class Pet(Wizard):
    """A small wizard for tests: a choice, a yes/no that applies to dogs only, and a name."""

    name = "pet"
    title = "Register a pet"
    finished: ClassVar[list[Answers]] = []
    gate: ClassVar[asyncio.Event | None] = None
    explode: ClassVar[bool] = False

    steps: ClassVar[tuple[Step, ...]] = (
        ChoiceStep(key="kind", prompt="Which animal?", options=(("cat", "Cat"), ("dog", "Dog"))),
        YesNoStep(
            key="walks",
            prompt="Does it need walks?",
            allow_unknown=True,
            when=lambda a: a.get("kind") == "dog",
        ),
        TextStep(key="pet_name", prompt="Its name?", min_length=2, max_length=20),
    )

    async def handle(self, ctx: Context, received: Any) -> list[Message]:
        if Pet.gate is not None:
            gate, Pet.gate = Pet.gate, None
            await gate.wait()
        if Pet.explode:
            ctx.state.answers["half"] = "written"
            raise RuntimeError("boom")
        return await super().handle(ctx, received)

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        Pet.finished.append(answers)
        return [Message("Saved " + str(answers.get("pet_name")))]


def with_pet(registry: Registry) -> Registry:
    """*registry* with the Pet wizard, its class-level switches reset."""
    Pet.finished.clear()
    Pet.gate = None
    Pet.explode = False
    registry.add_flow(Pet())
    return registry


PLEASE_SEND_A_FILE = "Please send a file."
ENGLISH_ONLY.add(PLEASE_SEND_A_FILE)


@dataclass(frozen=True, kw_only=True)
class FileProbe(Step):
    """Takes a photo or document and keeps what the transport reported of it."""

    async def parse(self, ctx: Context, received: Any) -> Any:
        if not isinstance(received, Attachment):
            raise Invalid(PLEASE_SEND_A_FILE)
        return {
            "kind": received.kind,
            "file_id": received.file_id,
            "size": received.size,
            "mime": received.mime_type,
        }


@english_only
class Probe(Wizard):
    """A wizard for end-to-end tests: a button, a shared mobile, a file."""

    name = "probe"
    title = "Probe"
    review = False
    finished: ClassVar[list[Answers]] = []
    steps: ClassVar[tuple[Step, ...]] = (
        ChoiceStep(key="kind", prompt="Alpha or beta?", options=(("a", "Alpha"), ("b", "Beta"))),
        MobileStep(key="mobile", prompt="Your mobile?"),
        FileProbe(key="file", prompt="A file, please."),
    )

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        Probe.finished.append(answers)
        return [Message("Done: " + str(answers["mobile"]))]
