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
    manager_national_id: str | None = None  # 10 ASCII digits, when the registry gives it


@dataclass(frozen=True)
class OtherManager:
    """A registry line naming another person than the office's manager: left unapplied (Art. 19)."""

    code: str
    named: str  # the name the registry gives
    manager_id: int
    manager_name: str  # the manager on record, who stays


@dataclass(frozen=True)
class ImportResult:
    """What an import did, and what it left alone."""

    added: int
    updated: int
    # (code, status the file asks for, status a decision set): the decision's stands.
    conflicts: tuple[tuple[str, str, str], ...]
    # Lines naming another person as manager: the manager stays (Art. 19, the Directorate's act).
    other_managers: tuple[OtherManager, ...] = ()
    # Offices whose manager's mobile the registry updated (the same person).
    new_mobiles: tuple[str, ...] = ()


def _office_fields(record: OfficeRecord) -> dict[str, object]:
    """The record's fields that are the office's columns."""
    fields = dict(record.__dict__)
    del fields["manager_national_id"]
    return fields


async def upsert_offices(
    session: AsyncSession, records: Sequence[OfficeRecord], now: datetime
) -> ImportResult:
    """Insert new offices and update known ones, by code; a status set by a decision stays.

    A registry never replaces a manager (Art. 19: the Directorate does, `managers.replace`): a
    line naming another person keeps the office's manager, and its manager fields, and is
    reported in `other_managers`.
    """
    known = {
        office.code: office
        for office in await session.scalars(
            select(Office).where(Office.code.in_([r.code for r in records]))
        )
    }
    added = updated = 0
    conflicts: list[tuple[str, str, str]] = []
    others: list[OtherManager] = []
    mobiles: list[str] = []
    for record in records:
        office = known.get(record.code)
        if office is None:
            session.add(Office(**_office_fields(record), status_decided_by=None, updated_at=now))
            await session.flush()
            await _ensure(session, record, now)
            added += 1
            continue
        found = await _ensure(session, record, now)
        fields = _office_fields(record)
        if found.named is not None:
            others.append(
                OtherManager(record.code, found.named, found.manager.id, found.manager.name)
            )
            fields["manager_name"], fields["manager_mobile"] = (
                found.manager.name,
                found.manager.mobile,
            )
        elif found.mobile_changed:
            mobiles.append(record.code)
        status, until = record.status, record.suspended_until
        if office.status_decided_by is not None and status != office.status:
            conflicts.append((record.code, status, office.status))
            status, until = office.status, office.suspended_until
        for field, value in fields.items():
            # The status is set once, below: passing through the file's would be a move too.
            if field not in ("status", "suspended_until"):
                setattr(office, field, value)
        office.status, office.suspended_until = OfficeStatus(status), until
        office.updated_at = now
        updated += 1
    await session.flush()
    return ImportResult(added, updated, tuple(conflicts), tuple(others), tuple(mobiles))


async def _ensure(
    session: AsyncSession, record: OfficeRecord, now: datetime
) -> managers.RegistryManager:
    return await managers.ensure(
        session,
        record.code,
        record.manager_name,
        record.manager_mobile,
        now,
        record.manager_national_id,
    )


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
