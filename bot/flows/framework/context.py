"""What a flow works with: the chat's conversation state, the Context of one input, the Flow.

A flow never sees a platform. It gets a `Context` (the chat's conversation state, the user's
translator, the store session, the clock) and an input, changes the state, and returns messages.
What a Context offers of the registry is the `FlowDirectory` protocol below, so that the framework
does not import the registry (which imports the framework).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.flows.framework.inputs import Input
from bot.flows.framework.messages import Message
from bot.messages.events import Event
from bot.text.i18n import Translator

Answers = dict[str, Any]


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


CommandHandler = Callable[["Context", str], Awaitable[list[Message]]]
# /start with a parameter (a deep link): the messages, or None when the parameter is not its.
DeepLinkHandler = Callable[["Context", str], Awaitable[list[Message] | None]]


class FlowDirectory(Protocol):
    """What a flow may look up in the registry: the flows, the menu's extras, the commands."""

    @property
    def flows(self) -> Mapping[str, Flow]:
        """The flows, by name, in menu order."""
        ...

    @property
    def commands(self) -> Mapping[str, CommandHandler]:
        """The /commands beyond those every chat has, by name."""
        ...

    @property
    def menu_actions(self) -> Sequence[tuple[str, str]]:
        """Extra main-menu buttons that are not flows: (label msgid, action name)."""
        ...

    @property
    def deep_link(self) -> DeepLinkHandler | None:
        """The handler of /start with a parameter, if any."""
        ...

    def menu_flows(self) -> list[Flow]:
        """The flows the main menu offers."""
        ...


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
    registry: FlowDirectory
    # Set by a flow to change the user's language (the engine stores it on the identity).
    new_locale: str | None = None
    # Whether the sender's account has ever had a staff link, as the update read it with the
    # conversation (None: not read). False spares most chats the staff check; a flow that links
    # the account sets it to None.
    staff_link: bool | None = None
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

    def takes_text(self, ctx: Context) -> bool:
        """Whether typed text is the answer now, even a number that names a button on screen."""
        return False

    async def discard(self, ctx: Context) -> None:
        """The chat's draft of this flow is thrown away: undo what it stored on the way."""
