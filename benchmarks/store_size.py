"""Whether the cost of one update stays flat as the store grows (issue #14).

    .venv/bin/python -m benchmarks.store_size [--sizes 0,100000,1000000] [--chats 100]
        [--rounds 3] [--database sqlite|postgresql] [--database-url URL] [--keep DIR_OR_NAME]

For each size *n* it fills a store of its own with *n* rows each of complaints (a national year
of them: `benchmarks.national_year`, with the notices' outbox rows, the timelines, the cases),
identities, conversations, their buttons, processed updates and sent replies
(`benchmarks.chat_rows`), written in batches (`benchmarks.bulk_load`); size 0 is a migrated,
empty store. Then it pushes updates through the engine in process, as `daftar run`'s workers
do (`Engine.process`, a pressed button answered after the commit), to a sender that only counts:
each chat sends /start, /help, presses the first button of the menu (a new complaint: it reads
the chat's earlier complaints) and sends /cancel (back at home, as every seeded chat is); half
the chats are new, half wrote before (seeded accounts, or at size 0 the warm-up's). After a
warm-up round per store, the rounds go size after size (A B C A B C …, so that a neighbour's
load on a shared machine falls on every size alike), and it prints per size the median CPU
milliseconds per update (`time.process_time`: the whole process, the driver's thread included;
on PostgreSQL the server's CPU is not in it), the wall milliseconds, the statements per update
(every cursor execution) and the ratio of the CPU to that at the first size, measured in the
same run; on PostgreSQL on this machine also the CPU its server processes for the benchmark
spent per update (read from /proc). Issue #14's target: at 10⁶ rows within 20 % of the empty
store's.

- SQLite (the default): each size a file in a temporary folder; with --keep DIR the files
  DIR/store_N.db, kept and reused as they are (migrated, not seeded again).
- PostgreSQL: each size a database of its own on the server of --database-url (by default
  $DAFTAR_TEST_POSTGRES_URL), dropped at the end; with --keep NAME the databases NAME_N, kept.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from benchmarks.bulk_load import load
from benchmarks.chat_rows import BOT, FIRST_USER, chat_rows, platform_of
from benchmarks.national_year import NOW, NationalYear, Rows
from benchmarks.report_at_scale import a_store
from bot.app import App, open_app
from bot.config import Settings
from bot.messages.events import ButtonEvent, CommandEvent, Event
from bot.messages.replies import Replies, Reply
from storage.database import migrate, open_engine

#: What each chat sends, in order: a command, or "press" for the first button of the first reply.
SCRIPT = ("start", "help", "press", "cancel")
#: Where the benchmark's own chats and update ids start: past every seeded one, new each run.
RUN_BASE = 10**12 + int(time.time()) * 1000


class CountingSender:
    """A sender that sends nothing: it numbers the messages, as a platform would."""

    def __init__(self, platform: str) -> None:
        self.platform = platform
        self.sent = 0

    async def send(self, chat_id: int, reply: Reply) -> int:
        self.sent += 1
        return self.sent

    async def download(self, file_id: str) -> bytes:
        return b""


async def seed(url: str, n: int) -> str:
    """Migrate the empty store at *url* and write *n* rows of each kind; say what it wrote."""
    engine = open_engine(url)
    try:
        await migrate(engine)
        if n == 0:
            return "empty"
        started = time.perf_counter()
        year = NationalYear(n)
        written: dict[str, int] = {}

        def batches() -> Iterator[Rows]:
            yield from year.tables()
            # After the year's rows: the replies' ids follow the notices' deliveries.
            yield from chat_rows(n, year.count["outbox"] + 1)

        def counted() -> Iterator[Rows]:
            for rows in batches():
                written[rows.table] = written.get(rows.table, 0) + len(rows.rows)
                yield rows

        await load(engine, counted())
        if engine.dialect.name == "sqlite":
            async with engine.connect() as connection:
                await connection.execute(text("ANALYZE"))  # as a store that lived would have
        spent = time.perf_counter() - started
        shown = ", ".join(f"{table} {count:,}" for table, count in written.items())
        return f"seeded in {spent:.0f} s: {sum(written.values()):,} rows ({shown})"
    finally:
        await engine.dispose()


@dataclass
class Store:
    """One size's store, its engine, and what each round measured there."""

    n: int
    app: App
    statements: int = 0
    cpu: list[float] = field(default_factory=list)  # ms per update, each round
    wall: list[float] = field(default_factory=list)
    per_update: list[float] = field(default_factory=list)  # statements per update
    server: list[float] = field(default_factory=list)  # PostgreSQL's backends' CPU ms per update
    backends: set[int] = field(default_factory=set)  # their process ids
    known: list[tuple[str, int]] = field(default_factory=list)  # chats that wrote before

    @classmethod
    async def open(cls, url: str, n: int) -> Store:
        started = time.monotonic()

        def clock() -> datetime:
            # The seeded year's moment, moving: buttons and updates are as fresh as the seed's.
            return NOW + timedelta(seconds=time.monotonic() - started)

        app = await open_app(Settings(_env_file=None), url, clock=clock, upgrade=False)
        store = cls(n, app)

        @event.listens_for(app.db.sync_engine, "before_cursor_execute")
        def _count(*_: Any) -> None:
            store.statements += 1

        if app.db.dialect.name == "postgresql":

            @event.listens_for(app.db.sync_engine, "connect")
            def _backend(connection: Any, _record: Any) -> None:
                cursor = connection.cursor()
                cursor.execute("SELECT pg_backend_pid()")
                store.backends.add(int(cursor.fetchone()[0]))
                cursor.close()

        # Seeded accounts spread over the whole range, others each run (a kept store's chats
        # that an earlier run left elsewhere than at home are not taken again).
        step = max(1, n // 997)
        accounts = range(RUN_BASE // 1000 % step, n, step)
        store.known = [(platform_of(i), FIRST_USER + i) for i in accounts]
        return store

    def server_cpu(self) -> float | None:
        """Seconds of CPU the store's server processes for this engine have used (PostgreSQL on
        this machine; None where /proc does not show them)."""
        ticks = 0
        for pid in self.backends:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                return None
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK") if self.backends else None

    async def close(self) -> None:
        await self.app.close()


_ids = itertools.count(RUN_BASE)


async def chat(store: Store, senders: dict[str, CountingSender], platform: str, chat: int) -> int:
    """Run `SCRIPT` for one chat through the engine; return how many updates it sent."""
    engine = store.app.engine
    first: Replies | None = None
    for step in SCRIPT:
        common: dict[str, Any] = {
            "platform": platform, "bot": BOT, "update_id": next(_ids), "chat_id": chat,
            "user_id": chat, "language_code": "fa",
        }  # fmt: skip
        update: Event
        if step == "press":
            tokens = [b.token for r in first or () for row in r.inline for b in row]
            update = ButtonEvent(**common, token=tokens[0], callback_id="1")

            async def answered(_replies: Replies) -> None:
                return None

            await engine.process(update, senders[platform], on_handled=answered)
            continue
        replies = await engine.process(CommandEvent(**common, command=step), senders[platform])
        first = first or replies
    return len(SCRIPT)


async def a_round(store: Store, chats: int, *, measured: bool = True) -> None:
    """*chats* chats' scripts, half new, half of chats that wrote before; record the figures."""
    senders = {p: CountingSender(p) for p in ("telegram", "bale")}
    new = [("telegram", next(_ids)) for _ in range(chats - chats // 2)]
    known = [store.known[k % len(store.known)] for k in range(chats // 2)] if store.known else new
    store.known = store.known[chats // 2 :] + store.known[: chats // 2]  # next round: others
    updates, statements = 0, store.statements
    server = store.server_cpu()
    cpu, wall = time.process_time(), time.perf_counter()
    for platform, chat_id in itertools.chain(*zip(new, known, strict=False)):
        updates += await chat(store, senders, platform, chat_id)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    after = store.server_cpu()
    if measured and server is not None and after is not None:
        store.server.append((after - server) * 1000 / updates)  # backends opened meanwhile: 0
    if not store.known:
        store.known = new
    if measured:
        store.cpu.append(cpu * 1000 / updates)
        store.wall.append(wall * 1000 / updates)
        store.per_update.append((store.statements - statements) / updates)


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="0,100000,1000000", help="rows of each kind, commas")
    parser.add_argument("--chats", type=int, default=100, help="chats a round (4 updates each)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DAFTAR_TEST_POSTGRES_URL"),
        help="the PostgreSQL server (a database of the benchmark's own is made on it per size)",
    )
    parser.add_argument("--keep", help="keep the stores: DIR/store_N.db, or databases NAME_N")
    args = parser.parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    print(f"{args.database}, {os.cpu_count()} CPUs, {args.chats} chats × {len(SCRIPT)} updates")
    async with AsyncExitStack() as stack:
        stores: list[Store] = []
        for n in sizes:
            keep = None
            if args.keep:
                keep = f"{args.keep}_{n}" if args.database == "postgresql" else None
                if args.database == "sqlite":
                    Path(args.keep).mkdir(parents=True, exist_ok=True)
                    keep = str(Path(args.keep) / f"store_{n}.db")
            url, kept = await stack.enter_async_context(
                a_store(args.database, args.database_url, keep)
            )
            if kept:
                engine = open_engine(url)
                await migrate(engine)
                await engine.dispose()
                said = "a kept store, reused"
            else:
                said = await seed(url, n)
            print(f"size {n:>9,}: {said}", flush=True)
            store = await Store.open(url, n)
            stack.push_async_callback(store.close)
            stores.append(store)
        for store in stores:
            await a_round(store, args.chats, measured=False)
        for _ in range(args.rounds):
            for store in stores:
                await a_round(store, args.chats)
    base = statistics.median(stores[0].cpu)
    print(f"{'rows of each kind':>17}  {'CPU ms/update':>13}  {'wall ms/update':>14}  "
          f"{'statements/update':>17}  {'CPU ratio':>9}  {'server CPU ms/update':>20}")  # fmt: skip
    for store in stores:
        cpu = statistics.median(store.cpu)
        server = f"{statistics.median(store.server):>20.2f}" if store.server else f"{'—':>20}"
        print(
            f"{store.n:>17,}  {cpu:>13.2f}  {statistics.median(store.wall):>14.2f}  "
            f"{statistics.median(store.per_update):>17.2f}  {cpu / base:>8.2f}×  {server}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
