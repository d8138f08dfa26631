"""The console transport: talk to Daftar in a terminal, with the same engine, flows and store.

Run `daftar chat`. Buttons are printed numbered; type the number or the label (its emoji and
marks may be left out). `/contact
09121234567` stands for sharing your contact, `/file PATH` for sending a photo or document, and
`/sticker`, `/voice`, `/location` for messages the bot cannot use. With piped standard input each
line is one message and the chat ends at the end of input, so it can be scripted. Notices
addressed to the user (a manager's notices, a complainant's updates) are printed between turns,
with their buttons, as a platform would deliver them::

    printf '/start\\n/language en\\n/help\\n' | daftar chat
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bot.engine.engine import Engine
from bot.messages.events import (
    AttachmentEvent,
    ButtonEvent,
    CommandEvent,
    ContactEvent,
    Event,
    TextEvent,
    UnsupportedEvent,
)
from bot.messages.replies import Reply
from bot.text.persian import match_key, to_ascii_digits
from storage import updates

logger = logging.getLogger(__name__)

PLATFORM = "console"
BOT = "console"
UNSUPPORTED = {"sticker", "voice", "location", "video", "poll"}


@dataclass(frozen=True)
class OnScreen:
    """A button printed on screen: an inline button (its token) or a key of the keyboard."""

    label: str
    token: str | None  # None: a keyboard key, which sends its label as text
    asks_contact: bool = False


class ConsoleSender:
    """Prints replies and notices; remembers the buttons on screen so a typed number presses one.

    It is a `Sender` for the engine's replies and a `NoticeSender` for the notice dispatcher:
    printing cannot fail, so it never raises what the dispatcher retries.
    """

    platform = PLATFORM

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.message_id = 0
        self.buttons: list[OnScreen] = []  # numbered from 1, in the order printed
        self._fresh = True

    def new_screen(self) -> None:
        """The next buttons printed replace those on screen (a reply without any keeps them)."""
        self._fresh = True

    async def send(
        self, chat_id: int, reply: Reply, *, per_chat: bool = False, retry: bool = True
    ) -> int:
        """Print *reply* with its buttons numbered (every button on screen has its own number)."""
        self.message_id += 1
        if self._fresh and (reply.inline or reply.keyboard):
            self.buttons, self._fresh = [], False
        if reply.attachment is not None:  # a file: where it is on this machine, or its id
            attachment = reply.attachment
            print(f"📎 [{attachment.kind}] {attachment.path or attachment.file_id}", file=self.out)
        print(reply.text, file=self.out)
        for row in reply.inline:
            cells = []
            for button in row:
                self.buttons.append(OnScreen(button.label, button.token))
                cells.append(f"[{len(self.buttons)}] {button.label}")
            print("   " + "   ".join(cells), file=self.out)
        for keys in reply.keyboard:
            cells = []
            for key in keys:
                self.buttons.append(OnScreen(key.label, None, key.request_contact))
                hint = " (/contact 09…)" if key.request_contact else ""
                cells.append(f"<{len(self.buttons)}> {key.label}{hint}")
            print("   " + "   ".join(cells), file=self.out)
        print(file=self.out)
        self.out.flush()
        return self.message_id

    async def download(self, file_id: str) -> bytes:
        """A console "file id" is the file's path on this machine."""
        return await asyncio.to_thread(Path(file_id).read_bytes)

    def to_event(self, line: str, *, update_id: int, user_id: int) -> Event:
        """The event a typed line stands for."""
        common: dict[str, Any] = {
            "platform": PLATFORM,
            "bot": BOT,
            "update_id": update_id,
            "chat_id": user_id,
            "user_id": user_id,
        }
        text = line.strip()
        if text.startswith("/"):
            name, _, args = text[1:].partition(" ")
            name = name.lower()
            if name == "contact":
                return ContactEvent(**common, phone_number=args.strip(), own=True)
            if name == "file":
                return _attachment(common, args.strip())
            if name in UNSUPPORTED:
                return UnsupportedEvent(**common, what=name)
            return CommandEvent(**common, command=name, args=args.strip())
        shown = self._numbered(text) or self._labelled(text)
        if shown is not None and shown.token is not None:
            # A number typed for a button: the engine decides whether the step takes it as text.
            typed = text if to_ascii_digits(text).isdigit() else None
            return ButtonEvent(**common, token=shown.token, typed=typed)
        if shown is not None and not shown.asks_contact:
            return TextEvent(**common, text=shown.label)
        return TextEvent(**common, text=line.rstrip("\n"))

    def _numbered(self, text: str) -> OnScreen | None:
        number = to_ascii_digits(text)
        if number.isdigit() and 1 <= int(number) <= len(self.buttons):
            return self.buttons[int(number) - 1]
        return None

    def _labelled(self, text: str) -> OnScreen | None:
        # The label as printed, else without its marks: "Confirm" presses "✔ Confirm".
        pressable = [shown for shown in self.buttons if shown.token is not None]
        for key_of in (match_key, _bare):
            key = key_of(text)
            for shown in pressable:
                if key and key_of(shown.label) == key:
                    return shown
        return None


def _bare(label: str) -> str:
    """A label's letters and digits only, for matching what a person types."""
    return "".join(ch for ch in match_key(label) if ch.isalnum())


def _attachment(common: dict[str, Any], path_text: str) -> Event:
    path = Path(path_text).expanduser()
    if not path_text or not path.is_file():
        return UnsupportedEvent(**common, what="missing_file")
    mime, _ = mimetypes.guess_type(path.name)
    kind = "photo" if mime in {"image/jpeg", "image/png"} else "document"
    return AttachmentEvent(
        **common,
        kind=kind,
        file_id=str(path.resolve()),
        size=path.stat().st_size,
        mime_type=mime,
        file_name=path.name,
    )


async def chat(
    engine: Engine,
    *,
    user_id: int = 1,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    sender: ConsoleSender | None = None,
    between_turns: Callable[[], Awaitable[object]] | None = None,
) -> int:
    """Talk to *engine* line by line until the end of input; return the exit status.

    *between_turns* runs before the first turn, and before and after each one: `daftar chat`
    delivers the notices addressed to this user there (bot/app/console.py), printed with their
    buttons. Everything printed after a typed line is one screen, numbered on from 1.
    """
    sender = sender or ConsoleSender(out)
    interactive = stdin.isatty()
    await engine.prune()
    await engine.delivery.send_pending(sender)
    await engine.run_jobs(sender)
    if between_turns is not None:
        await between_turns()
    async with engine.sessions() as session:
        update_id = await updates.last_id(session, PLATFORM, BOT)
    while True:
        if interactive:
            print("» ", end="", file=sender.out, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            return 0
        if not line.strip():
            continue
        if not interactive:
            print(f"» {line.rstrip()}", file=sender.out)
        update_id += 1
        event = sender.to_event(line, update_id=update_id, user_id=user_id)
        sender.new_screen()
        if between_turns is not None:
            await between_turns()  # what arrived while the line was typed comes first
        await engine.process(event, sender)
        if between_turns is not None:
            await between_turns()
