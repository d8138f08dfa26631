"""What one update costs on the hot path: SQL statements, transactions and CPU per update.

    .venv/bin/python -m benchmarks.hot_path [--users 50] [--rounds 2] [--path polling|webhook]
        [--database sqlite|postgresql] [--postgres-url URL] [--framework direct|aiogram|ptb]

In process, no network: a fresh store (an SQLite file, or a PostgreSQL database of its own made
on --postgres-url, default $DAFTAR_TEST_POSTGRES_URL), the product's registry, and a platform
runner whose sender only records, its transport `--framework`'s (default: the product's,
direct), which parses every update as in service. Each round pushes, for every user at once,
/start, then /help, then a press of the Help button, as raw Bot API updates through the path the
runner serves: `polling` (a fetched batch, as `PlatformRunner.poll` handles it) or `webhook` (the
inbox: kept, then taken by the workers). SQLAlchemy's engine events count the statements
(`before_cursor_execute`; a BEGIN is not one: SQLite's is sent on the driver's cursor, PostgreSQL's
by asyncpg) and the commits; `time.process_time` the CPU. The
baseline, measured in the same run, is the same number of bare `SELECT 1` transactions.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import App, open_app
from bot.app.serve import FRAMEWORKS, transport_class
from bot.config import Settings
from bot.handlers.profiles import TELEGRAM
from bot.handlers.runner import PlatformRunner
from bot.handlers.transport import PlatformSender
from bot.messages.replies import Reply
from storage import inbox
from storage.database import open_engine

TOKEN = "123456:hot-path-benchmark"
HELP = ("راهنما", "Help")


class Recording:
    """A sender that keeps each chat's last reply and sends nothing anywhere."""

    platform = TELEGRAM.name

    def __init__(self) -> None:
        self.last: dict[int, Reply] = {}
        self.count = 0

    async def send(self, chat_id: int, reply: Reply) -> int:
        self.last[chat_id] = reply
        self.count += 1
        return self.count

    async def answer_callback(self, callback_id: str | None, text: str | None) -> None:
        return None

    async def download(self, file_id: str) -> bytes:
        return b""


@dataclass
class Counts:
    """What the engine events saw."""

    statements: int = 0
    commits: int = 0
    paused: bool = False


def count(db: AsyncEngine, seen: Counts | None = None) -> Counts:
    """Count *db*'s statements and commits from now on."""
    seen = seen or Counts()

    def on_statement(*_: Any) -> None:
        seen.statements += 0 if seen.paused else 1

    def on_commit(*_: Any) -> None:
        seen.commits += 0 if seen.paused else 1

    event.listen(db.sync_engine, "before_cursor_execute", on_statement)
    event.listen(db.sync_engine, "commit", on_commit)
    return seen


SEEN = Counts()


class Updates:
    """Raw Bot API updates, numbered in order."""

    def __init__(self) -> None:
        self.next_id = 1000

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def message(self, user: int, words: str) -> dict[str, Any]:
        person = {"id": user, "is_bot": False, "first_name": "U"}
        return {
            "update_id": self._id(),
            "message": {
                "message_id": self.next_id,
                "date": 1_700_000_000,
                "chat": {"id": user, "type": "private"},
                "from": person,
                "text": words,
            },
        }

    def press(self, user: int, token: str) -> dict[str, Any]:
        person = {"id": user, "is_bot": False, "first_name": "U"}
        return {
            "update_id": self._id(),
            "callback_query": {
                "id": f"q{self.next_id}",
                "from": person,
                "chat_instance": "c",
                "data": token,
                "message": {
                    "message_id": 1,
                    "date": 1_700_000_000,
                    "chat": {"id": user, "type": "private"},
                },
            },
        }


def help_token(reply: Reply | None) -> str:
    """The token of the Help button on *reply* (any button's, failing that)."""
    buttons = [b for row in (reply.inline if reply else ()) for b in row]
    for button in buttons:
        if button.label in HELP:
            return button.token
    return buttons[0].token if buttons else "none"


@contextlib.asynccontextmanager
async def fresh_store(database: str, postgres_url: str | None) -> AsyncIterator[str]:
    """A new, empty store's URL, removed afterwards."""
    if database == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite+aiosqlite:///{folder}/hot.db"
        return
    if not postgres_url:
        raise SystemExit("--database postgresql needs --postgres-url or DAFTAR_TEST_POSTGRES_URL")
    name = f"daftar_hot_{uuid.uuid4().hex[:10]}"
    admin = open_engine(postgres_url).execution_options(isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{postgres_url.rpartition('/')[0]}/{name}"
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        await admin.dispose()


def runner_for(
    app: App, settings: Settings, sender: Recording, mode: str, framework: str = "direct"
) -> PlatformRunner:
    """A Telegram runner on *app* whose transport (*framework*'s) parses and whose sender
    records."""
    transport: Any = transport_class(framework)(TELEGRAM, TOKEN, "http://127.0.0.1:9")
    # The frameworks' parsing wants a bot; nothing is ever called on it.
    if framework == "aiogram":
        from aiogram import Bot

        transport.bot = Bot(TOKEN)
    elif framework == "ptb":
        import telegram

        transport.bot = telegram.Bot(TOKEN)
    return PlatformRunner(transport, cast(PlatformSender, sender), app.engine, settings, mode)


async def through_inbox(runner: PlatformRunner, batch: list[dict[str, Any]]) -> None:
    """The webhook's path: keep the batch in the inbox, let the workers empty it."""
    await runner.keep(batch)
    runner.stopping = False
    worker = asyncio.create_task(runner.work())
    while True:
        await asyncio.sleep(0.001)
        if runner._working:
            continue
        SEEN.paused = True  # the benchmark's own look at the inbox is not the product's cost
        async with runner.engine.sessions() as session:
            left = await inbox.waiting(session, runner.platform)
        SEEN.paused = False
        if not left:
            break
    runner.stopping = True
    runner.wake.set()
    await worker


async def through_polling(runner: PlatformRunner, batch: list[dict[str, Any]]) -> None:
    """The polling path: one fetched batch, handled as `poll` handles it."""
    await runner.take(batch)
    await runner.settled()


async def measure(
    database: str,
    postgres_url: str | None,
    users: int,
    rounds: int,
    path: str,
    framework: str = "direct",
) -> None:
    settings = Settings(_env_file=None, workers=users)  # type: ignore[call-arg]
    async with fresh_store(database, postgres_url) as url:
        app = await open_app(settings, url, upgrade=True)
        sender = Recording()
        mode = "polling" if path == "polling" else "webhook"
        runner = runner_for(app, settings, sender, mode, framework)
        push: Callable[[PlatformRunner, list[dict[str, Any]]], Awaitable[None]] = (
            through_polling if path == "polling" else through_inbox
        )
        make = Updates()
        chats = range(1, users + 1)
        # Warm up (first-sight identities, compiled caches), then measure.
        await push(runner, [make.message(u, "/start") for u in chats])
        seen = count(app.db, SEEN)
        started = time.process_time()
        for _ in range(rounds):
            await push(runner, [make.message(u, "/start") for u in chats])
            await push(runner, [make.message(u, "/help") for u in chats])
            await push(runner, [make.press(u, help_token(sender.last.get(u))) for u in chats])
        cpu = time.process_time() - started
        n = users * rounds * 3
        statements, commits = seen.statements, seen.commits
        base = count(app.db)
        started = time.process_time()
        for _ in range(n):
            async with app.engine.sessions() as session, session.begin():
                await session.execute(text("SELECT 1"))
        base_cpu = time.process_time() - started
        await app.close()
    print(
        f"{database:10} {path:7} {framework:7} {n} updates ({users} users × {rounds} rounds × 3): "
        f"{statements / n:5.1f} statements, {commits / n:4.2f} transactions, "
        f"{cpu * 1000 / n:5.2f} ms CPU per update | baseline SELECT 1 transaction: "
        f"{base.statements / n:3.1f} statements, {base_cpu * 1000 / n:4.2f} ms CPU "
        f"→ {cpu / base_cpu:4.1f}× the baseline"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--path", choices=("polling", "webhook"), default="polling")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("DAFTAR_TEST_POSTGRES_URL"))
    parser.add_argument("--framework", choices=list(FRAMEWORKS), default="direct")
    arguments = parser.parse_args()
    asyncio.run(
        measure(
            arguments.database,
            arguments.postgres_url,
            arguments.users,
            arguments.rounds,
            arguments.path,
            arguments.framework,
        )
    )
