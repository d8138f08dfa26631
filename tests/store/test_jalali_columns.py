"""Every stored Jalali date is a `storage.types.JalaliDate`, on SQLite and on PostgreSQL.

An office's last day of suspension, a complaint's incident date and a decision's day of the
violation are `jdatetime.date`s in Python and the text "1403/08/15" in the store (the String(10)
they always were: no migration). A date round-trips; anything but a date is refused on write,
before it reaches the store; a comparison in SQL with a bound date goes through the type.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

import jdatetime
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import decisions as decision_store
from storage.models import Complaint, Decision, EligibilityCheck, Office
from storage.offices import upsert_offices
from storage.statuses import OfficeStatus
from storage.types import JalaliDate
from tests.store.test_discipline import (
    IMPORTED,
    OFFICE,
    add_complaint,
    add_office,
    bare_case,
    jd,
    office_record,
)

#: A day whose month and day need their zero (the stored form pads them).
DAY = jd(1403, 8, 5)


async def write_office(session: AsyncSession, day: object) -> None:
    record = replace(office_record(status="suspended"), suspended_until=day)  # type: ignore[arg-type]
    await upsert_offices(session, [record], IMPORTED)


async def write_complaint(session: AsyncSession, day: object) -> None:
    await add_office(session)
    complaint = await add_complaint(session, IMPORTED)
    complaint.incident_date = day  # type: ignore[assignment]
    await session.flush()


async def write_decision(session: AsyncSession, day: object) -> None:
    manager = await add_office(session)
    case = await bare_case(session, IMPORTED)
    session.add(
        Decision(
            case_id=case.id,
            manager_id=manager.id,
            violations=["25.12"],
            committed_on=day,  # type: ignore[arg-type]
            sanction=6,
            crime_referral=False,
            decided_at=IMPORTED,
            status="pending",
        )
    )
    await session.flush()


Writer = Callable[[AsyncSession, object], Awaitable[None]]

#: (model, column, how a row with that column's date is written)
COLUMNS: list[tuple[type[Office | Complaint | Decision], str, Writer]] = [
    (Office, "suspended_until", write_office),
    (Complaint, "incident_date", write_complaint),
    (Decision, "committed_on", write_decision),
]
IDS = [f"{model.__tablename__}.{column}" for model, column, _ in COLUMNS]


def test_every_stored_jalali_date_has_the_one_type() -> None:
    for model, column, _ in [*COLUMNS, (EligibilityCheck, "reference_date", write_office)]:
        assert isinstance(model.__table__.c[column].type, JalaliDate), column


@pytest.mark.parametrize(("model", "column", "write"), COLUMNS, ids=IDS)
async def test_a_date_round_trips(
    sessions: async_sessionmaker[AsyncSession],
    model: type[Office | Complaint | Decision],
    column: str,
    write: Writer,
) -> None:
    async with sessions() as session, session.begin():
        await write(session, DAY)
    async with sessions() as session:
        stored = await session.scalar(text(f"SELECT {column} FROM {model.__tablename__}"))
        assert stored == "1403/08/05"
        row = await session.scalar(select(model))
        assert row is not None
        read = getattr(row, column)
        assert isinstance(read, jdatetime.date) and read == DAY


@pytest.mark.parametrize(("model", "column", "write"), COLUMNS, ids=IDS)
@pytest.mark.parametrize("value", ["1403/08/05", "۱۴۰۳/۰۸/۰۵", 14030805])
async def test_anything_but_a_date_is_refused_on_write(
    sessions: async_sessionmaker[AsyncSession],
    model: type[Office | Complaint | Decision],
    column: str,
    write: Writer,
    value: object,
) -> None:
    with pytest.raises(StatementError) as refused:
        async with sessions() as session, session.begin():
            await write(session, value)
    assert isinstance(refused.value.orig, TypeError)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(model)) == 0


async def test_a_stored_text_not_in_the_stored_form_is_refused_on_read(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        await write_office(session, DAY)
        await session.execute(text("UPDATE offices SET suspended_until = '1403/8/5'"))
    async with sessions() as session:
        with pytest.raises(ValueError, match="not a stored Jalali date"):
            await session.scalar(select(Office))


async def test_a_bound_date_compares_as_the_days_do(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # Across a month's end: 1403/09/30 is before 1403/10/01 as text only when padded.
    async with sessions() as session, session.begin():
        await write_office(session, jd(1403, 9, 30))
        office = await session.get(Office, OFFICE)
        assert office is not None and office.status is OfficeStatus.SUSPENDED
        office.status_decided_by = 7  # a decision's suspension: the one settle may end
    async with sessions() as session:
        assert await decision_store.suspensions_ended(session, jd(1403, 9, 30)) == []
        ended = await decision_store.suspensions_ended(session, jd(1403, 10, 1))
        assert [o.code for o in ended] == [OFFICE]
