"""The report's period queries use the indexes of 0021_report_indexes, on both stores.

A store of twenty years of rows (a month is a fraction of a percent of them) is analysed as a
live store is (SQLite `ANALYZE`, PostgreSQL `ANALYZE`); then every statement a month's report
runs, nationally and for one province, is explained with the parameters it ran with (SQLite
`EXPLAIN QUERY PLAN`, PostgreSQL `EXPLAIN`; the planner left to its own costs). A statement that
filters a table by its period column must be planned through that column's index (at revision
0020, which had none of them, this test fails on both stores).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import jdatetime
import pytest
from sqlalchemy import event, insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.config import Settings
from bot.domain.reports import Period, build_report, scope_named
from storage.database import migrate, open_engine, session_factory
from storage.models import (
    Appeal,
    Case,
    Complaint,
    ComplaintEvent,
    Decision,
    Manager,
    Notice,
    Office,
    OutboxMessage,
)

ROWS = 5_000  # of each table: enough that a month's few rows are worth an index
FIRST = datetime(2010, 1, 1, tzinfo=UTC)
STEP = timedelta(days=20 * 365) / ROWS  # twenty years, evenly
PROVINCES = ("tehran", "razavi_khorasan", "fars", "gilan")
OFFICES = [f"{1000 + n}" for n in range(20)]
NOW = datetime(2025, 4, 4, 8, 30, tzinfo=UTC)

#: A period column, as the statements name it, and the indexes that may serve it.
PERIOD_INDEXES = {
    "complaints.created_at": {"ix_complaints_created_at", "ix_complaints_office_created"},
    "notices.created_at": {"ix_notices_created_at", "ix_notices_office_created"},
    "cases.opened_at": {"ix_cases_opened_at"},
    "decisions.decided_at": {"ix_decisions_decided_at"},
    "decisions.final_at": {"ix_decisions_final_at"},
    "appeals.filed_at": {"ix_appeals_filed_at"},
}


def _at(n: int) -> datetime:
    return FIRST + STEP * n


async def _seed(session: AsyncSession) -> None:
    def office(n: int, code: str) -> dict[str, Any]:
        return {
            "code": code, "name": f"دفتر {code}", "name_key": f"دفتر {code}",
            "province": PROVINCES[n % len(PROVINCES)], "city": "شهر", "address": "نشانی",
            "phone": "02100000000", "manager_name": "مدیر", "manager_mobile": "09120000000",
            "status": "active", "updated_at": FIRST,
        }  # fmt: skip

    def complaint(n: int) -> dict[str, Any]:
        code = OFFICES[n % len(OFFICES)]
        return {
            "id": n + 1, "tracking_code": f"P{n:07d}", "platform": "telegram",
            "platform_user_id": n, "chat_id": n, "office_code": code,
            "association_province": PROVINCES[OFFICES.index(code) % len(PROVINCES)],
            "violations": ["25.12"], "unclassified": False,
            "incident_date": jdatetime.date(1400, 1, 1), "description": "شرح",
            "complainant_name": "شاکی", "complainant_mobile": "09350000000",
            "status": ("dismissed", "decided", "received")[n % 3], "locale": "fa",
            "created_at": _at(n), "keep_until": _at(n) + timedelta(days=3650),
        }  # fmt: skip

    def moves(n: int) -> list[dict[str, Any]]:
        return [
            {"complaint_id": n + 1, "kind": "status", "status": "received", "at": _at(n)},
            {"complaint_id": n + 1, "kind": "status", "status": "under_review",
             "at": _at(n) + timedelta(days=2)},
        ]  # fmt: skip

    await session.execute(insert(Office), [office(n, code) for n, code in enumerate(OFFICES)])
    managers = [
        {
            "id": n + 1,
            "office_code": code,
            "name": "م",
            "mobile": "09120000000",
            "started_at": FIRST,
        }
        for n, code in enumerate(OFFICES)
    ]
    await session.execute(insert(Manager), managers)
    await session.execute(insert(Complaint), [complaint(n) for n in range(ROWS)])
    await session.execute(insert(ComplaintEvent), [m for n in range(ROWS) for m in moves(n)])
    office_of = [(OFFICES[n % len(OFFICES)], n % len(OFFICES) + 1) for n in range(ROWS)]
    await session.execute(
        insert(Case),
        [
            {"id": n + 1, "office_code": office_of[n][0], "source": "complaints",
             "complaint_ids": [], "opened_at": _at(n), "status": "decided"}
            for n in range(ROWS)
        ],
    )  # fmt: skip
    await session.execute(
        insert(Decision),
        [
            {"id": n + 1, "case_id": n + 1, "manager_id": office_of[n][1], "violations": [],
             "committed_on": jdatetime.date(1400, 1, 1), "sanction": 5, "decided_at": _at(n),
             "final_at": _at(n) + timedelta(days=20), "status": "final"}
            for n in range(ROWS)
        ],
    )  # fmt: skip
    await session.execute(
        insert(Appeal),
        [
            {"decision_id": n + 1, "by": "manager", "grounds": "g",
             "filed_at": _at(n) + timedelta(days=5)}
            for n in range(ROWS)
        ],
    )  # fmt: skip
    await session.execute(
        insert(Notice),
        [
            {"id": n + 1, "manager_id": office_of[n][1], "office_code": office_of[n][0],
             "kind": "complaint", "subject_id": n + 1, "content": {}, "created_at": _at(n),
             "acknowledged_at": _at(n) + timedelta(hours=5)}
            for n in range(ROWS)
        ],
    )  # fmt: skip
    await session.execute(
        insert(OutboxMessage),
        [
            {"platform": "telegram", "chat_id": n, "kind": "notice", "payload": {},
             "status": "sent", "notice_id": n + 1, "created_at": _at(n),
             "next_attempt_at": _at(n)}
            for n in range(ROWS)
        ],
    )  # fmt: skip


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """A migrated store of twenty years of rows, analysed."""
    db = open_engine(database_url)
    await migrate(db)
    async with session_factory(db)() as session, session.begin():
        await _seed(session)
    async with db.connect() as connection:
        await connection.exec_driver_sql("ANALYZE")
        await connection.commit()
    yield db
    await db.dispose()


async def _statements(engine: AsyncEngine, scope: str) -> dict[str, Any]:
    """Every statement the report of the month 1403/08 in *scope* ran, with its parameters."""
    ran: dict[str, Any] = {}

    def record(_c: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        ran.setdefault(statement, parameters)

    settings = Settings(_env_file=None, association_provinces="tehran")  # type: ignore[call-arg]
    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        async with session_factory(engine)() as session:
            report = await build_report(
                session, settings, Period.month(1403, 8), scope_named(scope, settings), NOW
            )
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert (
        report.section("complaints").value("received") > 0
    )  # the month has rows: the plans are real
    return ran


async def _plan(engine: AsyncEngine, statement: str, parameters: Any) -> str:
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver: Any = raw.driver_connection
        if engine.dialect.name == "sqlite":
            # sqlite3's own connection: its statements run in line (`storage.sqlite_inline`).
            cursor = driver.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            return "\n".join(str(row[3]) for row in cursor.fetchall())
        rows = await driver.fetch("EXPLAIN " + statement, *parameters)
        return "\n".join(str(row[0]) for row in rows)


@pytest.mark.parametrize("scope", ["national", "province:fars"])
async def test_every_period_query_of_a_month_is_planned_through_its_index(
    engine: AsyncEngine, scope: str
) -> None:
    checked: set[str] = set()
    unserved: list[str] = []
    for statement, parameters in (await _statements(engine, scope)).items():
        filtered = {c for c in PERIOD_INDEXES if re.search(rf"\b{re.escape(c)} >= ", statement)}
        if not filtered:
            continue  # the inspections' coalesce(visited_at, at): a few thousand rows a year
        plan = await _plan(engine, statement, parameters)
        for column in filtered:
            checked.add(column)
            # A status filter may be the better way in (few complaints are still received).
            allowed = PERIOD_INDEXES[column] | (
                {"ix_complaints_status"} if "complaints.status" in statement else set()
            )
            if not any(re.search(rf"\b{name}\b", plan) for name in allowed):
                unserved.append(f"{column}: {' '.join(statement.split())[:160]}\n{plan}")
    assert checked == set(PERIOD_INDEXES)
    assert unserved == []
