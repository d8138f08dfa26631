"""The office registry: upserts from an import, lookups for the complaint flow."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import jdatetime
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import managers
from storage.models import Office
from storage.statuses import OfficeStatus


@dataclass(frozen=True)
class OfficeRecord:
    """One office's registry fields, as an import brings them."""

    code: str
    name: str
    name_key: str
    province: str
    city: str
    address: str
    phone: str
    manager_name: str
    manager_mobile: str
    status: str
    suspended_until: jdatetime.date | None  # the suspension's last day


@dataclass(frozen=True)
class ImportResult:
    """What an import did, and the status conflicts it left alone."""

    added: int
    updated: int
    # (code, status the file asks for, status a decision set): the decision's stands.
    conflicts: tuple[tuple[str, str, str], ...]
    # Offices whose manager changed (a new mobile): the old manager's links were revoked.
    replaced_managers: tuple[str, ...] = ()


async def upsert_offices(
    session: AsyncSession, records: Sequence[OfficeRecord], now: datetime
) -> ImportResult:
    """Insert new offices and update known ones, by code; a status set by a decision stays."""
    known = {
        office.code: office
        for office in await session.scalars(
            select(Office).where(Office.code.in_([r.code for r in records]))
        )
    }
    added = updated = 0
    conflicts: list[tuple[str, str, str]] = []
    replaced: list[str] = []
    for record in records:
        office = known.get(record.code)
        if office is None:
            session.add(Office(**record.__dict__, status_decided_by=None, updated_at=now))
            await session.flush()
            await managers.ensure(
                session, record.code, record.manager_name, record.manager_mobile, now
            )
            added += 1
            continue
        _, old = await managers.ensure(
            session, record.code, record.manager_name, record.manager_mobile, now
        )
        if old is not None:
            replaced.append(record.code)
        status, until = record.status, record.suspended_until
        if office.status_decided_by is not None and status != office.status:
            conflicts.append((record.code, status, office.status))
            status, until = office.status, office.suspended_until
        for field, value in record.__dict__.items():
            # The status is set once, below: passing through the file's would be a move too.
            if field not in ("status", "suspended_until"):
                setattr(office, field, value)
        office.status, office.suspended_until = OfficeStatus(status), until
        office.updated_at = now
        updated += 1
    await session.flush()
    return ImportResult(added, updated, tuple(conflicts), tuple(replaced))


async def count_offices(session: AsyncSession) -> int:
    """How many offices the registry holds."""
    return int(await session.scalar(select(func.count(Office.code))) or 0)


async def office(session: AsyncSession, code: str) -> Office | None:
    """The office with *code*."""
    return await session.get(Office, code)


async def offices(session: AsyncSession, province: str | None = None) -> list[Office]:
    """The offices (of one province), by province, city and code."""
    query = select(Office).order_by(Office.province, Office.city, Office.code)
    if province:
        query = query.where(Office.province == province)
    return list(await session.scalars(query))


async def cities(session: AsyncSession, province: str) -> list[str]:
    """The cities of *province* that have offices, in order."""
    found = await session.scalars(
        select(Office.city).where(Office.province == province).distinct().order_by(Office.city)
    )
    return list(found)


async def places(session: AsyncSession) -> list[tuple[str, str]]:
    """Every (province key, city) that has an office, in order."""
    found = await session.execute(
        select(Office.province, Office.city).distinct().order_by(Office.province, Office.city)
    )
    return [(province, city) for province, city in found]


async def provinces_with_offices(session: AsyncSession) -> list[str]:
    """The province keys that have at least one office."""
    found = await session.scalars(select(Office.province).distinct().order_by(Office.province))
    return list(found)


async def in_city(session: AsyncSession, province: str, city: str) -> list[Office]:
    """The offices of one city, by code."""
    found = await session.scalars(
        select(Office).where(Office.province == province, Office.city == city).order_by(Office.code)
    )
    return list(found)


async def search(session: AsyncSession, key: str, limit: int = 10) -> list[Office]:
    """Offices whose name key contains *key* (a match key: no spaces, ZWNJ or letter forms)."""
    found = await session.scalars(
        select(Office).where(Office.name_key.contains(key)).order_by(Office.code).limit(limit)
    )
    return list(found)
