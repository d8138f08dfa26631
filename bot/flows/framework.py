"""The way to write a conversation: a Flow, or a Wizard of Steps with review and confirm.

A flow never sees a platform. It gets a `Context` (the chat's conversation state, the user's
translator, the store session, the clock) and an `Input`, changes the state, and returns
`Message`s. Buttons in a Message are `Choice`s (step buttons: valid only while the conversation is
at the step that showed them) or `Action`s (valid for days, authorised afresh when pressed); the
engine turns both into opaque tokens.

A Wizard is a list of Steps::

    class Feedback(Wizard):
        name = "feedback"
        title = N_("Send feedback")
        steps = (
            ChoiceStep("topic", N_("What is it about?"), (("bug", N_("A problem")), ...)),
            TextStep("text", N_("Tell us more."), min_length=10, max_length=3000),
        )

        async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
            ...  # store the answers; return what the user sees next

Every prompt gets Back and Cancel; a step with `allow_unknown` gets "I don't know / prefer not to
say" (stored as None); after the last step the review lists each answer with an Edit button, and
Confirm calls `finish`. Steps whose `when` is false are skipped and their answers dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from bot.text.i18n import Translator
from bot.text.jalali import format_jalali_date, format_jalali_numeric, parse_jalali_date, today_in
from bot.text.markers import N_
from bot.text.persian import (
    InputError,
    match_key,
    normalize_mobile,
    parse_int,
    to_ascii_digits,
    to_persian_digits,
)

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from bot.config import Settings
    from bot.flows.registry import Registry
    from bot.messages.events import Event

Answers = dict[str, Any]

BACK = "__back"
CANCEL = "__cancel"
UNKNOWN = "__unknown"
CONFIRM = "__confirm"
EDIT = "__edit:"
REVIEW = "__review"
RECONFIRM = "__reconfirm"
DONE = "__done"


# --- what a flow receives -------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Typed text."""

    text: str


@dataclass(frozen=True)
class Picked:
    """A step button pressed (or its label typed): the value the step gave it."""

    value: str


@dataclass(frozen=True)
class SharedContact:
    """A contact shared with the platform's button; `own` is checked by the transport."""

    phone_number: str
    own: bool


@dataclass(frozen=True)
class Attachment:
    """A photo or document."""

    kind: str
    file_id: str
    size: int | None
    mime_type: str | None
    file_name: str | None


@dataclass(frozen=True)
class Unsupported:
    """A sticker, a voice note, a location: nothing a step can take."""

    what: str


Input = Text | Picked | SharedContact | Attachment | Unsupported


# --- what a flow returns --------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A step button: pressing it answers the current step with `value`."""

    label: str
    value: str


@dataclass(frozen=True)
class Action:
    """An action button: stays valid for days; its handler authorises the press afresh."""

    label: str
    action: str
    payload: dict[str, Any] = field(default_factory=dict)


Button = Choice | Action


@dataclass
class Message:
    """A message as a flow composes it; the engine stores and sends it."""

    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    keyboard: list[list[str]] = field(default_factory=list)
    request_contact: str | None = None  # label of a share-contact keyboard button
    remove_keyboard: bool = False


# --- the state a flow works on ----------------------------------------------------------------


@dataclass
class ConversationState:
    """One chat's place: which flow, which step, the answers, how it got there."""

    flow: str | None = None
    step: str | None = None
    answers: Answers = field(default_factory=dict)
    trail: dict[str, Any] = field(default_factory=dict)
    run: int = 0

    def begin(self, flow: str, step: str | None) -> None:
        """Start *flow* afresh; buttons of any earlier run go stale."""
        self.flow, self.step, self.answers, self.trail = flow, step, {}, {}
        self.run += 1

    def end(self) -> None:
        """Leave the flow: back to the menu."""
        self.flow, self.step, self.answers, self.trail = None, None, {}, {}


@dataclass
class Context:
    """Everything a flow may use while it handles one input."""

    session: AsyncSession
    settings: Settings
    event: Event
    state: ConversationState
    t: Translator
    now: datetime
    locale: str
    registry: Registry
    # Set by a flow to change the user's language (the engine stores it on the identity).
    new_locale: str | None = None
    # A short note for the platform's answer to a pressed button ("this button has expired").
    callback_text: str | None = None
    # Work for after the commit (a download, say): (kind, payload), stored with the update.
    jobs: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def defer(self, kind: str, payload: dict[str, Any]) -> None:
        """Run the job *kind* once this update is committed (never inside its transaction)."""
        self.jobs.append((kind, payload))

    @property
    def platform(self) -> str:
        """The platform of the chat."""
        return self.event.platform

    @property
    def user_id(self) -> int:
        """The platform user id of the sender."""
        return self.event.user_id

    @property
    def chat_id(self) -> int:
        """The chat the conversation lives in."""
        return self.event.chat_id


class Invalid(Exception):
    """An answer the step cannot take: `message` (a msgid) says why; nothing changes."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    @classmethod
    def from_input_error(cls, error: InputError) -> Invalid:
        """The same complaint, from the Persian-text parsers."""
        return cls(error.message, **error.params)


class Stay(Exception):
    """The step took the input but is not done (a page turned, a file added): show *messages*."""

    def __init__(self, messages: list[Message]) -> None:
        super().__init__("stay")
        self.messages = messages


class Flow:
    """A conversation the engine can run. Subclass Wizard for the usual step-by-step form."""

    name: ClassVar[str]
    title: ClassVar[str]  # msgid: the menu's label
    in_menu: ClassVar[bool] = True

    async def start(self, ctx: Context) -> list[Message]:
        """Begin the flow in this chat."""
        raise NotImplementedError

    async def handle(self, ctx: Context, received: Input) -> list[Message]:
        """Take the user's input at the current step."""
        raise NotImplementedError

    async def prompt(self, ctx: Context) -> list[Message]:
        """Show the current step again (after a stale button, a sticker, a restart)."""
        raise NotImplementedError


# --- steps -----------------------------------------------------------------------------------


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


def _match_label(ctx: Context, received: Input, choices: Iterable[Choice]) -> str | None:
    """The value of the choice the input picks: a pressed button, its label, or its number."""
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
        value = _match_label(ctx, received, self.choices(ctx))
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


@dataclass(frozen=True, kw_only=True)
class TextStep(Step):
    """Free text, within bounds on its length."""

    min_length: int = 1
    max_length: int = 500

    async def parse(self, ctx: Context, received: Input) -> Any:
        if not isinstance(received, Text):
            raise Invalid(N_("Please answer with text."))
        text = received.text.strip()
        if len(text) < self.min_length:
            raise Invalid(
                N_("That is too short: please write at least {minimum} characters."),
                minimum=self.min_length,
            )
        if len(text) > self.max_length:
            raise Invalid(
                N_("That is too long ({length} characters): please keep it to {maximum} at most."),
                length=len(text),
                maximum=self.max_length,
            )
        return text


@dataclass(frozen=True, kw_only=True)
class NumberStep(Step):
    """A whole number in any digits, within bounds."""

    minimum: int = 0
    maximum: int = 10**12

    async def parse(self, ctx: Context, received: Input) -> Any:
        if not isinstance(received, Text):
            raise Invalid(N_("Please send a number."))
        try:
            value = parse_int(received.text)
        except InputError as error:
            raise Invalid.from_input_error(error) from None
        if not self.minimum <= value <= self.maximum:
            raise Invalid(
                N_("Please send a number from {minimum} to {maximum}."),
                minimum=self.minimum,
                maximum=self.maximum,
            )
        return value

    def show(self, ctx: Context, value: Any) -> str:
        return ctx.t.value(int(value))


TODAY = "today"
YESTERDAY = "yesterday"


@dataclass(frozen=True, kw_only=True)
class DateStep(Step):
    """A Jalali date as people type it (or Today / Yesterday); stored as YYYY/MM/DD."""

    not_future: bool = True
    shortcuts: bool = True

    def choices(self, ctx: Context) -> Sequence[Choice]:
        if not self.shortcuts:
            return ()
        return [Choice(ctx.t(N_("Today")), TODAY), Choice(ctx.t(N_("Yesterday")), YESTERDAY)]

    async def parse(self, ctx: Context, received: Input) -> Any:
        today = today_in(ctx.settings.zone, ctx.now)
        if isinstance(received, Picked) and received.value in {TODAY, YESTERDAY}:
            text = "امروز" if received.value == TODAY else "دیروز"
        elif isinstance(received, Text):
            text = received.text
        else:
            raise Invalid(N_("Please send a date like 1402/05/12."))
        try:
            value = parse_jalali_date(text, today)
        except InputError as error:
            raise Invalid.from_input_error(error) from None
        if self.not_future and value > today:
            raise Invalid(N_("That date is in the future; please check it."))
        return format_jalali_numeric(value)

    def show(self, ctx: Context, value: Any) -> str:
        return format_jalali_date(
            parse_jalali_date(str(value), today_in(ctx.settings.zone, ctx.now)), ctx.locale
        )


@dataclass(frozen=True, kw_only=True)
class MobileStep(Step):
    """A mobile number: the user's own, shared with the platform's button, or typed."""

    def extra(self, ctx: Context, message: Message) -> None:
        message.request_contact = ctx.t(N_("📱 Share my number"))

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, SharedContact):
            if not received.own:
                raise Invalid(N_("That is someone else's contact: share your own, or type it."))
            text = received.phone_number
        elif isinstance(received, Text):
            text = received.text
        else:
            raise Invalid(N_("Please share your number with the button, or type it."))
        try:
            return normalize_mobile(text)
        except InputError as error:
            raise Invalid.from_input_error(error) from None

    def show(self, ctx: Context, value: Any) -> str:
        return to_persian_digits(str(value)) if ctx.locale == "fa" else str(value)

    def after(self, ctx: Context, value: Any) -> list[Message]:
        # The share-contact keyboard must go; Telegram cannot drop it in a message with buttons.
        return [
            Message(
                ctx.t(N_("Received: {mobile}"), mobile=self.show(ctx, value)), remove_keyboard=True
            )
        ]


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
        text = ctx.t(self.prompt)
        count = len(self._received(ctx))
        if count:
            text += "\n\n" + ctx.t(
                N_("Received {count} of at most {maximum}."), count=count, maximum=self.maximum
            )
        return text

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
        return ctx.t(N_("{count} files"), count=len(value)) if value else ctx.t(N_("none"))


# --- the wizard ------------------------------------------------------------------------------


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
        ctx.state.begin(self.name, None)
        first = self._after(None, ctx.state.answers, editing=False)
        ctx.state.step = first
        messages = [Message(ctx.t(self.intro))] if self.intro else []
        return messages + await self.prompt(ctx)

    async def prompt(self, ctx: Context) -> list[Message]:
        if ctx.state.step == REVIEW:
            return [self._review(ctx)]
        if ctx.state.step == RECONFIRM:
            return [self._reconfirm(ctx, str(ctx.state.trail.get("question", "")))]
        step = self.step(str(ctx.state.step))
        return [self._ask(ctx, step)]

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
            return [self._reconfirm(ctx, str(state.trail.get("question", "")))]
        step = self.step(str(state.step))
        if isinstance(received, Text) and _is_control(ctx, received.text, N_("Back")):
            return await self._back(ctx)
        if isinstance(received, Text) and _is_control(ctx, received.text, N_("Cancel")):
            raise FlowCancelled
        if isinstance(received, Unsupported):
            problem = ctx.t(N_("Sorry, I can't use that kind of message here."))
            return [self._ask(ctx, step, problem=problem)]
        try:
            if step.allow_unknown and _picks_unknown(ctx, received):
                value = None
            else:
                value = await step.parse(ctx, received)
        except Invalid as problem:
            return [self._ask(ctx, step, problem=ctx.t(problem.message, **problem.params))]
        except Stay as stay:
            return stay.messages or [self._ask(ctx, step)]
        state.answers[step.key] = value
        state.trail["stack"] = [*state.trail.get("stack", []), step.key]
        said = step.after(ctx, value) if value is not None else []
        editing = bool(state.trail.get("editing"))
        following = self._after(step.key, state.answers, editing)
        if following == CONFIRM:
            return said + await self._confirm(ctx)
        if following == REVIEW:
            state.trail["editing"] = False
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
                ctx.state.step = key
                return await self.prompt(ctx)
        return [self._review(ctx, problem=ctx.t(N_("Please choose one of the buttons.")))]

    async def _confirm(self, ctx: Context) -> list[Message]:
        answers = self.kept_answers(ctx.state.answers)
        if not ctx.state.trail.get("reconfirmed"):
            question = await self.before_finish(ctx, answers)
            if question is not None:
                ctx.state.trail["stack"] = [*ctx.state.trail.get("stack", []), REVIEW]
                ctx.state.trail["question"] = question
                ctx.state.step = RECONFIRM
                return [self._reconfirm(ctx, question)]
        ctx.state.end()
        return await self.finish(ctx, answers)

    def _reconfirm(self, ctx: Context, question: str) -> Message:
        return Message(
            question,
            buttons=[
                [Choice(ctx.t(N_("✔ Yes, go ahead")), CONFIRM)],
                [Choice(ctx.t(N_("« Back")), BACK), Choice(ctx.t(N_("✖ Cancel")), CANCEL)],
            ],
        )

    # rendering

    def _ask(self, ctx: Context, step: Step, problem: str | None = None) -> Message:
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
        message.buttons.append(self._controls(ctx))
        step.extra(ctx, message)
        if message.request_contact or message.keyboard:
            # A message carries one keyboard: with a share-contact keyboard, every button
            # becomes a keyboard button whose label, sent back as text, the step recognises.
            message.keyboard += [[button.label for button in row] for row in message.buttons]
            message.buttons = []
        return message

    def _controls(self, ctx: Context) -> list[Button]:
        controls: list[Button] = []
        if ctx.state.trail.get("stack"):
            controls.append(Choice(ctx.t(N_("« Back")), BACK))
        controls.append(Choice(ctx.t(N_("✖ Cancel")), CANCEL))
        return controls

    def _review(self, ctx: Context, problem: str | None = None) -> Message:
        lines = [problem, ""] if problem else []
        lines.append(ctx.t(N_("Please check your answers:")))
        buttons: list[list[Button]] = []
        for step in self.applicable(ctx.state.answers):
            value = ctx.state.answers.get(step.key)
            shown = (
                ctx.t(N_("I don't know / prefer not to say"))
                if value is None
                else step.show(ctx, value)
            )
            name = ctx.t(step.label or step.prompt)
            lines.append(f"• {name}: {shown}")
            buttons.append([Choice(ctx.t(N_("✎ {name}"), name=name), EDIT + step.key)])
        lines += ["", ctx.t(N_("Tap an answer to change it, or confirm."))]
        buttons.append([Choice(ctx.t(N_("✔ Confirm")), CONFIRM)])
        buttons.append([Choice(ctx.t(N_("« Back")), BACK), Choice(ctx.t(N_("✖ Cancel")), CANCEL)])
        return Message("\n".join(lines), buttons=buttons)


class FlowCancelled(Exception):
    """The user left the flow (Cancel, or Back from its first question)."""


CONTROL_LABELS = {
    N_("Back"): (N_("Back"), N_("« Back")),
    N_("Cancel"): (N_("Cancel"), N_("✖ Cancel")),
    N_("I don't know / prefer not to say"): (N_("I don't know / prefer not to say"),),
}


def _is_control(ctx: Context, text: str, control: str) -> bool:
    """Whether typed *text* is a control's word or its button's label, in either language."""
    key = match_key(text)
    labels = CONTROL_LABELS[control]
    return key in {match_key(ctx.t(label)) for label in labels} | {match_key(x) for x in labels}


def _picks_unknown(ctx: Context, received: Input) -> bool:
    if isinstance(received, Picked):
        return received.value == UNKNOWN
    if isinstance(received, Text):
        return _is_control(ctx, received.text, N_("I don't know / prefer not to say"))
    return False
