"""How long a report takes over a national year of the store (issue #13: 10⁶ complaints).

    .venv/bin/python -m benchmarks.report_at_scale [--complaints 1000000]
        [--database sqlite|postgresql] [--database-url URL] [--keep PATH] [--rounds 3]
        [--queries]

Seeds a fresh store with a national year (`benchmarks.national_year`: its docstring gives the
proportions) written in batches (`benchmarks.bulk_load`), then builds the report
(`bot.domain.reports.build_report`) for the year 1403 nationally, the month 1403/08 nationally,
the year for one Association (razavi_khorasan, which serves its neighbours without one, Art. 12)
and the year for one province (tehran, the largest), each --rounds times, and prints the median
and its ratio to a baseline measured on the same store in the same run: a plain
`SELECT count(*) FROM complaints`. It prints the seeding time, the rows and the store's size too.

- SQLite (the default): a file in a temporary folder, or the file --keep PATH, kept.
- PostgreSQL: a database of its own on the server of --database-url (by default
  $DAFTAR_TEST_POSTGRES_URL), dropped at the end; or the database named --keep NAME, kept.

A store kept before is reused as it is (migrated to the newest revision, not seeded again), so
that a change of indexes or queries is timed on the same rows. --queries also prints the
slowest statements of the national year's report.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.bulk_load import load
from benchmarks.national_year import NOW, YEAR, NationalYear, benchmark_settings
from bot.domain.reports import Period, build_report, scope_named
from storage.database import migrate, open_engine, session_factory

SCENARIOS = (
    (f"the year {YEAR}, national", Period.year(YEAR), "national"),
    (f"the month {YEAR}/08, national", Period.month(YEAR, 8), "national"),
    (f"the year {YEAR}, association:razavi_khorasan", Period.year(YEAR),
     "association:razavi_khorasan"),
    (f"the year {YEAR}, province:tehran", Period.year(YEAR), "province:tehran"),
)  # fmt: skip


@dataclass(frozen=True)
class Seeded:
    """What seeding wrote: the year drawn (None: a kept store, reused), and how long it took."""

    year: NationalYear | None
    drawn: float
    written: float


async def seed(url: str, complaints: int) -> Seeded:
    """Migrate the empty store at *url* and write a national year of *complaints* into it."""
    engine = open_engine(url)
    try:
        await migrate(engine)
        started = time.perf_counter()
        year = NationalYear(complaints)
        drawn = time.perf_counter() - started
        await load(engine, year.tables())
        return Seeded(year, drawn, time.perf_counter() - started - drawn)
    finally:
        await engine.dispose()


@asynccontextmanager
async def a_store(
    kind: str, server: str | None, keep: str | None
) -> AsyncIterator[tuple[str, bool]]:
    """The store's URL, and whether it was kept from an earlier run (then it is not seeded)."""
    if kind == "sqlite":
        if keep is not None:
            yield f"sqlite+aiosqlite:///{Path(keep).resolve()}", Path(keep).exists()
            return
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite+aiosqlite:///{folder}/national.db", False
        return
    if not server:
        raise SystemExit("PostgreSQL: give --database-url or set DAFTAR_TEST_POSTGRES_URL")
    name = keep or f"daftar_bench_{uuid.uuid4().hex[:12]}"
    admin = open_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            found = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if not found:
                await connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield f"{server.rpartition('/')[0]}/{name}", bool(found)
        if keep is None:
            async with admin.connect() as connection:
                await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


async def _size(engine: AsyncEngine, url: str) -> int:
    if engine.dialect.name == "sqlite":
        path = Path(url.split(":///", 1)[1])
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    async with engine.connect() as connection:
        return int(await connection.scalar(text("SELECT pg_database_size(current_database())")))


async def _median_time(rounds: int, run: Callable[[], Awaitable[Any]]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        await run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _record_statements(engine: AsyncEngine) -> dict[str, list[float]]:
    """Every statement's run times on *engine* from now on, by its text."""
    times: dict[str, list[float]] = defaultdict(list)

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before(connection: Any, *_: Any) -> None:
        connection.info.setdefault("started", []).append(time.perf_counter())

    @event.listens_for(engine.sync_engine, "after_cursor_execute")
    def _after(connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        times[statement].append(time.perf_counter() - connection.info["started"].pop())

    return times


def _one_line(statement: str, width: int = 150) -> str:
    line = " ".join(statement.split())
    return line if len(line) <= width else line[: width - 1] + "…"


async def measure(url: str, rounds: int, queries: bool) -> None:
    """Print the baseline and every scenario's median time on the store at *url*."""
    engine = open_engine(url)
    sessions = session_factory(engine)
    settings = benchmark_settings()
    try:
        async with engine.connect() as connection:
            count = int(await connection.scalar(text("SELECT count(*) FROM complaints")) or 0)

        async def baseline() -> None:
            async with sessions() as session:
                await session.execute(text("SELECT count(*) FROM complaints"))

        base = await _median_time(rounds, baseline)
        size = await _size(engine, url)
        print(f"store: {engine.dialect.name}, {count:,} complaints, {size / 2**20:,.0f} MiB")
        print(f"{'baseline: SELECT count(*) FROM complaints':52} {base:8.3f} s")
        for name, period, scope_text in SCENARIOS:
            scope = scope_named(scope_text, settings)

            async def report(period: Period = period, scope: Any = scope) -> None:
                async with sessions() as session:
                    await build_report(session, settings, period, scope, NOW)

            spent = await _median_time(rounds, report)
            print(f"{name:52} {spent:8.3f} s  {spent / base:8.0f}× the baseline")
        if queries:
            times = _record_statements(engine)
            scope = scope_named("national", settings)
            async with sessions() as session:
                await build_report(session, settings, Period.year(YEAR), scope, NOW)
            print("the national year's statements, slowest first:")
            for statement, runs in sorted(times.items(), key=lambda kv: -sum(kv[1]))[:12]:
                print(f"  {sum(runs):7.3f} s ×{len(runs)}  {_one_line(statement)}")
    finally:
        await engine.dispose()


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DAFTAR_TEST_POSTGRES_URL"),
        help="the PostgreSQL server (a database of the benchmark's own is made on it)",
    )
    parser.add_argument("--keep", help="keep the store: this SQLite file, this PostgreSQL database")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", action="store_true", help="time each statement too")
    args = parser.parse_args(argv)
    async with a_store(args.database, args.database_url, args.keep) as (url, kept):
        if kept:
            started = time.perf_counter()
            engine = open_engine(url)
            await migrate(engine)
            await engine.dispose()
            print(f"a kept store, reused (migrated in {time.perf_counter() - started:.1f} s)")
        else:
            seeded = await seed(url, args.complaints)
            assert seeded.year is not None
            rows = sum(seeded.year.count.values())
            print(
                f"seeded {args.complaints:,} complaints in {seeded.drawn + seeded.written:.1f} s "
                f"(drawn {seeded.drawn:.1f} s, written {seeded.written:.1f} s): {rows:,} rows"
            )
            print("  " + ", ".join(f"{t} {n:,}" for t, n in seeded.year.count.items()))
        await measure(url, args.rounds, args.queries)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
