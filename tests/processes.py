"""`daftar run` as a real process of its own (started without blocking the test's event loop,
which also serves the fake Bot API server), its output kept in a log file; and notices waiting
in its store before it starts."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.messages.replies import Reply
from storage import outbox
from storage.database import open_engine, session_factory
from tests.shared import CHECKOUT


class Process:
    """`python -m bot.cli run` with the given environment, its log kept."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
        environment.update(self.env, PYTHONPATH=str(CHECKOUT))
        handle = self.log.open("ab")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=environment, stdout=handle, stderr=handle
        )

    async def signal(self, sig: int) -> int:
        assert self.proc is not None
        self.proc.send_signal(sig)
        return await asyncio.wait_for(self.proc.wait(), timeout=30)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


async def queue_notices(database_url: str, notices: list[tuple[int, str]]) -> None:
    """(chat, text) notices committed in this order, as a decision's transaction writes them
    (outbox rows of kind notice)."""
    engine = open_engine(database_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            for chat, text in notices:
                await outbox.enqueue(
                    session,
                    platform="telegram",
                    chat_id=chat,
                    kind="notice",
                    payloads=[Reply(text).to_payload()],
                    update_id=None,
                    now=datetime.now(UTC),
                )
    finally:
        await engine.dispose()
