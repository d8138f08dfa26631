"""The console transport: talk to Daftar in a terminal, with the same engine, flows and store.

Run `daftar chat`. Buttons are printed numbered; type the number or the label. `/contact
09121234567` stands for sharing your contact, `/file PATH` for sending a photo or document, and
`/sticker`, `/voice`, `/location` for messages the bot cannot use. With piped standard input each
line is one message and the chat ends at the end of input, so it can be scripted::

    printf '/start\\n/language en\\n/help\\n' | daftar chat
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import sys
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


class ConsoleSender:
    """Prints replies; remembers the buttons on screen so that a typed number presses one."""

    platform = PLATFORM

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.message_id = 0
        self.inline: list[tuple[str, str]] = []  # (label, token), numbered from 1
        self.keyboard: list[tuple[str, bool]] = []  # (label, asks for a contact)
        self._fresh = True

    def new_screen(self) -> None:
        """The next buttons printed replace those on screen (a reply without any keeps them)."""
        self._fresh = True

    async def send(self, chat_id: int, reply: Reply) -> int:
        """Print *reply* with its buttons numbered."""
        self.message_id += 1
        if self._fresh and (reply.inline or reply.keyboard):
            self.inline, self.keyboard, self._fresh = [], [], False
        print(reply.text, file=self.out)
        for row in reply.inline:
            cells = []
            for button in row:
                self.inline.append((button.label, button.token))
                cells.append(f"[{len(self.inline)}] {button.label}")
            print("   " + "   ".join(cells), file=self.out)
        for keys in reply.keyboard:
            cells = []
            for key in keys:
                self.keyboard.append((key.label, key.request_contact))
                number = len(self.inline) + len(self.keyboard)
                hint = " (/contact 09…)" if key.request_contact else ""
                cells.append(f"<{number}> {key.label}{hint}")
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
        pressed = self._pressed(text)
        if pressed is not None:
            typed = text if to_ascii_digits(text).isdigit() else None  # the engine decides
            return ButtonEvent(**common, token=pressed, typed=typed)
        keyed = self._keyed(text)
        return TextEvent(**common, text=keyed if keyed is not None else line.rstrip("\n"))

    def _pressed(self, text: str) -> str | None:
        number = to_ascii_digits(text)
        if number.isdigit() and 1 <= int(number) <= len(self.inline):
            return self.inline[int(number) - 1][1]
        key = match_key(text)
        for label, token in self.inline:
            if key and match_key(label) == key:
                return token
        return None

    def _keyed(self, text: str) -> str | None:
        number = to_ascii_digits(text)
        if number.isdigit():
            index = int(number) - len(self.inline) - 1
            if 0 <= index < len(self.keyboard) and not self.keyboard[index][1]:
                return self.keyboard[index][0]
        return None


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
) -> int:
    """Talk to *engine* line by line until the end of input; return the exit status."""
    sender = ConsoleSender(out)
    interactive = stdin.isatty()
    await engine.prune()
    await engine.send_pending(sender)
    await engine.run_jobs(sender)
    async with engine.sessions() as session:
        update_id = await updates.last_id(session, PLATFORM, BOT)
    while True:
        if interactive:
            print("» ", end="", file=out, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            return 0
        if not line.strip():
            continue
        if not interactive:
            print(f"» {line.rstrip()}", file=out)
        update_id += 1
        event = sender.to_event(line, update_id=update_id, user_id=user_id)
        sender.new_screen()
        await engine.process(event, sender)
