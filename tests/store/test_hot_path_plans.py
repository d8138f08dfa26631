"""Every statement one update runs is served by an index, on SQLite and on PostgreSQL (issue #14:
the cost of an update stays flat as the store grows).

The store is seeded with a few thousand rows of every kind (`benchmarks.store_size`'s seeding:
complaints and all that follows from them, identities, conversations, buttons, processed updates,
sent replies) and analysed. A listener records every statement while the engine handles /start,
/help, a press of the menu's first button and /cancel, for a chat that wrote before and for
a new one, and while the runner's inbox takes an update, a send finds the chat blocked, the
resend sweep and the prune run. Each SELECT, UPDATE and DELETE is then explained with its own
parameters: SQLite's `EXPLAIN QUERY PLAN` must show no `SCAN` of a table that grows,
PostgreSQL's `EXPLAIN (FORMAT JSON)` no `Seq Scan` of one, and neither an index searched only
on columns of two or three values (`platform`, `bot`, `kind`: a scan in disguise).

PostgreSQL's planner picks a sequential scan on a table of a few thousand rows when that is
cheaper, whatever the indexes; so there the plans are asked for with `SET LOCAL enable_seqscan =
off`, which proves that an index CAN serve each statement (with none that can, the planner still
has to scan). SQLite's plans are asked for as they are, after ANALYZE.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncConnection

from benchmarks.bulk_load import load
from benchmarks.chat_rows import BOT, FIRST_USER, chat_rows
from benchmarks.national_year import NationalYear, Rows
from bot.app import App
from bot.messages.events import ButtonEvent, CommandEvent, Event
from bot.messages.replies import Replies
from bot.messages.sender import RecipientUnavailable
from storage import inbox, notices, outbox
from storage.models import Base
from tests.conftest import Clock, RecordingSender

SEEDED = 3_000
#: Tables that do not grow with the store's age: a fixed few rows (the bot's accounts, a tariff a
#: year), or only the updates still waiting (the inbox: each row is deleted once its update is
#: done).
BOUNDED = {"bot_accounts", "tariffs", "inbox"}
GROWING = set(Base.metadata.tables) - BOUNDED
#: Columns that take two or three values in a whole table: an index searched on these alone
#: reads a large share of it, a full scan in disguise (`status` is not one of them: the queries
#: that search it look for the few rows still pending).
LOW = {"platform", "bot", "kind"}
COLUMNS = {c.name for table in Base.metadata.tables.values() for c in table.c}
_ids = itertools.count(10**9)


def _names(condition: str) -> str:
    """PostgreSQL's index condition without what selects nothing: literals, casts (`'x'::text`
    names no column) and `IS NOT NULL` (nearly every row)."""
    return re.sub(r"'[^']*'|::[\w ]+|\w+ IS NOT NULL", "", condition)


def _only_low(words: list[str]) -> bool:
    """Whether an index's conditions name no column but `LOW` ones."""
    return {w for w in words if w in COLUMNS or w == "rowid"} <= LOW


async def seed(app: App) -> None:
    """A national year of `SEEDED` complaints, and as many accounts' chat-side rows; analysed."""
    year = NationalYear(SEEDED)

    def batches() -> Iterator[Rows]:
        yield from year.tables()
        yield from chat_rows(SEEDED, year.count["outbox"] + 1)

    await load(app.db, batches())  # PostgreSQL's is vacuumed and analysed by the loader
    if app.db.dialect.name == "sqlite":
        async with app.db.connect() as connection:
            await connection.execute(text("ANALYZE"))


def recording(app: App) -> list[tuple[str, Any]]:
    """Every statement run on *app*'s store from now on, with its parameters."""
    seen: list[tuple[str, Any]] = []

    @event.listens_for(app.db.sync_engine, "before_cursor_execute")
    def _record(
        _c: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool
    ) -> None:
        # An executemany's plan is its first row's (the rows differ only in their values).
        seen.append((statement, parameters[0] if many else parameters))

    return seen


def an_update(chat: int, **what: str) -> Event:
    common = {"platform": "telegram", "bot": BOT, "update_id": next(_ids)}
    if "token" in what:
        return ButtonEvent(**common, chat_id=chat, user_id=chat, token=what["token"])
    return CommandEvent(**common, chat_id=chat, user_id=chat, command=what["command"])


async def chat_runs_the_script(app: App, sender: RecordingSender, chat: int) -> Replies:
    """/start, /help, the menu's first button, /cancel: as the benchmark's chats do."""
    engine = app.engine
    menu = await engine.process(an_update(chat, command="start"), sender)
    await engine.process(an_update(chat, command="help"), sender)
    first = next(b.token for r in menu for row in r.inline for b in row)
    pressed = await engine.process(an_update(chat, token=first), sender)
    await engine.process(an_update(chat, command="cancel"), sender)
    return pressed


def sqlite_scans(details: list[str]) -> list[str]:
    """The lines of SQLite's plan that read a growing table whole: a SCAN, or a SEARCH on
    `LOW` columns only."""
    scans = []
    for detail in details:
        scan = re.match(r"SCAN (\w+)", detail)
        search = re.match(r"SEARCH (\w+) .*\((.*)\)$", detail)
        wide = bool(search) and _only_low(re.findall(r"(\w+)[=<>]", search[2] if search else ""))
        if (scan and scan[1] in GROWING) or (search and search[1] in GROWING and wide):
            scans.append(detail)
    return scans


def postgres_scans(top: dict[str, Any]) -> list[str]:
    """The nodes of PostgreSQL's plan that read a growing table whole: a Seq Scan, or an index
    searched on `LOW` columns only."""
    nodes: list[tuple[dict[str, Any], str]] = [(top, "")]  # with the table of the node above
    scans = []
    while nodes:
        node, above = nodes.pop()
        table = node.get("Relation Name", above)  # a bitmap index scan names its index only
        nodes += [(child, table) for child in node.get("Plans", [])]
        if table not in GROWING:
            continue
        if node["Node Type"] == "Seq Scan":
            scans.append(f"Seq Scan on {table}")
        elif "Index Cond" in node and _only_low(re.findall(r"\w+", _names(node["Index Cond"]))):
            scans.append(f"{node['Node Type']} using {node['Index Name']}: {node['Index Cond']}")
    return scans


async def plan(connection: AsyncConnection, statement: str, parameters: Any) -> list[str]:
    """The full scans of growing tables in *statement*'s plan (empty: every table by index)."""
    if connection.dialect.name == "sqlite":
        rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return sqlite_scans([str(row[3]) for row in rows])
    result = await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
    document = result.scalar_one()
    return postgres_scans(
        (json.loads(document) if isinstance(document, str) else document)[0]["Plan"]
    )


async def full_scans(app: App, statements: list[tuple[str, Any]]) -> dict[str, list[str]]:
    """Each explained statement's full scans of growing tables, by the statement's text."""
    found: dict[str, list[str]] = {}
    async with app.db.connect() as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            await connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        for statement, parameters in statements:
            if statement.lstrip().split(None, 1)[0].upper() in ("SELECT", "UPDATE", "DELETE"):
                found[statement] = await plan(connection, statement, parameters)
        await connection.rollback()
    return found


async def test_every_statement_of_an_update_is_served_by_an_index(app: App, clock: Clock) -> None:
    await seed(app)
    statements = recording(app)
    sender = RecordingSender("telegram")
    await chat_runs_the_script(app, sender, FIRST_USER)  # seeded: identity, conversation, ...
    pressed = await chat_runs_the_script(app, sender, 5_000_000_000)  # new
    assert pressed and "؟" in pressed[-1].text  # the press opened the complaint: its question
    async with app.engine.sessions() as session, session.begin():  # the runner's inbox
        await inbox.store(session, "telegram", BOT, [(next(_ids), 7, {"u": 1})], clock())
    async with app.engine.sessions() as session, session.begin():
        claimed = await inbox.claim(session, "telegram", BOT, clock(), timedelta(seconds=60), 8)
        await inbox.done(session, claimed[0].row.id)
    sender.fail_with = RecipientUnavailable("Forbidden: bot was blocked by the user")
    await app.engine.process(an_update(FIRST_USER + 10, command="help"), sender)
    sender.fail_with = None
    await app.engine.delivery.send_pending(sender)  # the blocked chat's reply stays undeliverable
    await app.engine.prune()
    async with app.engine.sessions() as session:  # what the notice dispatcher asks of a chat
        assert await notices.is_blocked(session, "telegram", FIRST_USER + 10)
        await outbox.notice_ids_sent_to(session, "telegram", FIRST_USER)

    touched = {t for s, _ in statements for t in Base.metadata.tables if re.search(rf"\b{t}\b", s)}
    hot = {"identities", "conversations", "buttons", "processed_updates", "outbox", "complaints"}
    assert hot <= touched, f"not exercised: {hot - touched}"
    scans = {s: found for s, found in (await full_scans(app, statements)).items() if found}
    assert not scans, "full scans:\n" + "\n".join(f"{found}: {s}" for s, found in scans.items())


async def test_a_full_scan_is_seen(app: App) -> None:
    """The check itself: a query no index serves is reported, on either store."""
    await seed(app)
    unindexed = "SELECT id FROM outbox WHERE last_error = 'gone'"
    disguised = "SELECT chat_id FROM identities WHERE platform = 'bale' AND locale = 'en'"
    scans = await full_scans(app, [(unindexed, ()), (disguised, ())])
    assert scans[unindexed] in (["SCAN outbox"], ["Seq Scan on outbox"])
    assert len(scans[disguised]) == 1 and "(platform" in scans[disguised][0]
