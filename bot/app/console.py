"""`daftar chat`: the console transport, with the notice dispatcher delivering to its one user.

The console is a platform like the others: what staff decide reaches its user as outbox rows
(a manager's notices, a complainant's status updates). The same `Dispatcher` that serves
Telegram and Bale delivers them, through the console's sender and for this user's chat only,
before the first turn and before and after each one, so a notice is printed with its buttons
and pressing one works as it would on a platform.
"""

from __future__ import annotations

import sys
from typing import TextIO

from bot.app import App
from bot.handlers.console import ConsoleSender, chat
from bot.notices.dispatcher import Dispatcher


async def console_chat(
    app: App, *, user_id: int = 1, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> int:
    """Talk to *app* in the terminal as *user_id*, delivering that user's notices between turns."""
    engine = app.engine
    sender = ConsoleSender(out)
    notices = Dispatcher(engine.sessions, sender, engine.settings, engine.clock, chat_id=user_id)
    return await chat(
        engine, user_id=user_id, stdin=stdin, sender=sender, between_turns=notices.round
    )
