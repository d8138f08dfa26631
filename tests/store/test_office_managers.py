"""Art. 19 as cases of the law: a manager is a person, replaced only by the Directorate's act;
their history and Art. 26 note 3 follow the person, from office to office.

The builders are tests/store/test_discipline.py's (offices imported on 1402/01/15, decisions at
chosen Jalali moments).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import office_managers, standing
from bot.domain.office_managers import EndReason, ManagerRefused
from bot.domain.refusals import DisciplineError, RepeatOffence
from storage import managers
from storage.models import AuditEntry, Manager, ManagerLink, Office
from storage.offices import upsert_offices
from tests.store.test_discipline import (
    IMPORTED,
    MANAGER_NAME,
    OFFICE,
    ZONE,
    add_office,
    at,
    decide,
    jd,
    office_record,
    replace_manager,
)

ALI = "0499370899"  # the first manager's national ID
MARYAM = "0012345679"
REZA = "0123456789"
OTHER_OFFICE = "2002"


async def linked(session: AsyncSession, manager: Manager) -> list[int]:
    """The chats the manager receives notices in."""
    return [link.chat_id for link in await managers.active_links(session, manager.id)]


async def test_19_a_registry_import_with_a_new_mobile_does_not_replace_the_manager(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await managers.add_link(session, manager.id, "telegram", 5, 500, IMPORTED)
        await decide(session, settings, at(1402, 3, 1), committed_on=jd(1402, 2, 1), sanction=2)
        # The registry, months later, gives the same manager (same name) a new mobile.
        result = await upsert_offices(
            session, [office_record(manager_mobile="09129990000")], at(1402, 6, 1)
        )
        assert result.new_mobiles == (OFFICE,) and result.other_managers == ()
        now = await managers.current(session, OFFICE)
        assert now is not None and now.id == manager.id and now.mobile == "09129990000"
        assert now.ended_at is None
        assert await linked(session, now) == [500]
        office = await session.get(Office, OFFICE)
        assert office is not None and office.manager_mobile == "09129990000"
        # Note 3 still sees the degree-2 ruling: a lighter one is refused.
        with pytest.raises(RepeatOffence):
            await decide(
                session, settings, at(1402, 7, 1), committed_on=jd(1402, 6, 10), sanction=2
            )
        # With a national ID on record, the code decides: a new spelling and mobile are taken.
        await upsert_offices(
            session,
            [office_record(manager_mobile="09129990001", manager_national_id=ALI)],
            at(1402, 7, 2),
        )
        await upsert_offices(
            session,
            [
                office_record(
                    manager_name="علی  احمدی‌نیا",
                    manager_mobile="09129990002",
                    manager_national_id=ALI,
                )
            ],
            at(1402, 7, 3),
        )
        assert await session.scalar(select(func.count(Manager.id))) == 1
        assert manager.name == "علی  احمدی‌نیا" and manager.national_id == ALI


async def test_19_a_registry_line_naming_another_person_is_reported_not_applied(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await managers.add_link(session, manager.id, "bale", 6, 600, IMPORTED)
        # No national ID on record: another name is another person.
        result = await upsert_offices(
            session,
            [
                office_record(
                    name="دفتر خدمات قضایی مشهد (شعبه‌ی مرکزی)",
                    manager_name="مریم کریمی",
                    manager_mobile="09120000000",
                ),
                office_record(OTHER_OFFICE, manager_name="رضا رضایی", manager_mobile="09121112233"),
            ],
            at(1402, 6, 1),
        )
        [other] = result.other_managers
        assert (other.code, other.named, other.manager_id) == (OFFICE, "مریم کریمی", manager.id)
        assert (result.added, result.updated) == (1, 1)
        office = await session.get(Office, OFFICE)
        assert office is not None
        # The rest of the line is imported; the manager and the office's manager fields stay.
        assert office.name == "دفتر خدمات قضایی مشهد (شعبه‌ی مرکزی)"
        assert (office.manager_name, office.manager_mobile) == (MANAGER_NAME, "09123456789")
        assert await managers.current(session, OFFICE) == manager and manager.ended_at is None
        assert await linked(session, manager) == [600]
        # With a national ID on record, another code is another person, whatever the name.
        manager.national_id = ALI
        result = await upsert_offices(
            session, [office_record(manager_national_id=MARYAM)], at(1402, 6, 2)
        )
        assert [o.code for o in result.other_managers] == [OFFICE]
        assert manager.national_id == ALI
        assert (
            await session.scalar(
                select(func.count(Manager.id)).where(Manager.office_code == OFFICE)
            )
            == 1
        )


async def test_19_replace_manager_for_withdrawal_ends_the_period_and_revokes_links(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        old = await add_office(session)
        await managers.add_link(session, old.id, "telegram", 5, 500, IMPORTED)
        await managers.add_link(session, old.id, "bale", 6, 600, IMPORTED)
        done = await office_managers.replace_manager(
            session,
            settings,
            at(1402, 5, 1),
            office_code=OFFICE,
            reason=EndReason.WITHDRAWAL,
            name="مریم کریمی",
            national_id=MARYAM,
            mobile="09120000000",
            on=jd(1402, 4, 10),
            note="نامه‌ی شماره‌ی ۱۲۳ اداره‌ی کل",
        )
        assert done.old == old and done.revoked == 2
        assert (old.end_reason, old.end_note) == ("withdrawal", "نامه‌ی شماره‌ی ۱۲۳ اداره‌ی کل")
        assert await linked(session, old) == [] and await linked(session, done.new) == []
        assert await managers.current(session, OFFICE) == done.new
        office = await session.get(Office, OFFICE)
        assert office is not None and office.manager_mobile == "09120000000"
        assert (await standing.manager_at(session, OFFICE, jd(1402, 4, 9), ZONE)) == old
        assert (await standing.manager_at(session, OFFICE, jd(1402, 4, 10), ZONE)) == done.new
        history = await office_managers.history(session, OFFICE, settings)
        assert [(p.start, p.until, p.reason) for p in history] == [
            (jd(1402, 1, 15), jd(1402, 4, 9), "withdrawal"),
            (jd(1402, 4, 10), None, None),
        ]
        [entry] = await session.scalars(
            select(AuditEntry).where(AuditEntry.action == "offices.replace_manager")
        )
        assert entry.subject_id == OFFICE and "Art. 19" in (entry.detail or "")


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"office_code": "9999"}, "CODE"),
        ({"on": jd(1402, 5, 2)}, "--on"),  # after today (1402/05/01)
        ({"on": jd(1402, 1, 14)}, "--on"),  # before the current period's first day
        ({"national_id": ALI}, "--national-id"),  # the manager now
        ({"national_id": REZA, "name": MANAGER_NAME}, "--national-id"),  # no code on record
    ],
)
async def test_19_a_replacement_the_act_cannot_make_is_refused_and_writes_nothing(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    kw: dict[str, object],
    field: str,
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
    async with sessions() as session, session.begin():
        manager = await managers.current(session, OFFICE)
        assert manager is not None
        if kw.get("national_id") == ALI:
            manager.national_id = ALI
    arguments: dict[str, object] = {
        "office_code": OFFICE,
        "reason": EndReason.DEATH,
        "name": "مریم کریمی",
        "national_id": MARYAM,
        "mobile": "09120000000",
        "on": None,
        **kw,
    }
    async with sessions() as session:
        with pytest.raises(ManagerRefused) as refused:
            async with session.begin():
                await office_managers.replace_manager(
                    session,
                    settings,
                    at(1402, 5, 1),
                    **arguments,  # type: ignore[arg-type]
                )
        assert refused.value.field == field
    async with sessions() as session:
        assert await session.scalar(select(func.count(Manager.id))) == 1
        assert await session.scalar(select(func.count(AuditEntry.id))) == 0


async def test_26_note3_history_follows_the_person_to_another_office(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        ali = await add_office(session, manager_national_id=ALI)
        await add_office(
            session,
            code=OTHER_OFFICE,
            manager_name="رضا رضایی",
            manager_mobile="09121112233",
            manager_national_id=REZA,
        )
        # Ali, manager of 2001, is given a final degree-2 sanction.
        await decide(session, settings, at(1402, 3, 1), committed_on=jd(1402, 2, 1), sanction=2)
        # Ali withdraws from 2001 (Maryam follows him there) and comes to manage 2002.
        maryam = await replace_manager(session, settings, at(1402, 4, 1), national_id=MARYAM)
        ali_at_2002 = await replace_manager(
            session,
            settings,
            at(1402, 4, 1),
            office_code=OTHER_OFFICE,
            name="علی احمدی",
            national_id=ALI,
            mobile="09123456789",
        )
        assert ali_at_2002.id != ali.id
        earlier = await standing.earlier_final_sanctions(session, ali_at_2002.id, ZONE)
        assert [e.degree for e in earlier] == [2]
        # At 2002, Ali's second offence cannot be ruled below degree 3 (Art. 26 note 3)…
        with pytest.raises(RepeatOffence):
            await decide(
                session,
                settings,
                at(1402, 6, 1),
                committed_on=jd(1402, 5, 1),
                sanction=2,
                office_code=OTHER_OFFICE,
            )
        # …and Maryam, the next person at 2001, starts clean.
        assert await standing.earlier_final_sanctions(session, maryam.id, ZONE) == []
        fresh = await decide(
            session, settings, at(1402, 6, 1), committed_on=jd(1402, 5, 1), sanction=1
        )
        assert fresh.manager_id == maryam.id


async def test_violation_before_the_first_known_manager_is_refused(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
    async with sessions() as session:
        with pytest.raises(DisciplineError, match="daftar offices manager-since 2001") as refused:
            async with session.begin():
                await decide(
                    session, settings, at(1402, 6, 1), committed_on=jd(1401, 12, 1), sanction=1
                )
        assert refused.value.field == "committed_on"
        assert await standing.manager_at(session, OFFICE, jd(1402, 1, 14), ZONE) is None


async def test_violation_before_the_first_known_manager_after_manager_since_is_laid_on_them(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        first = await add_office(session)
        # From the Directorate's records: Ali has managed the office since 1400/07/01.
        await office_managers.record_since(
            session, settings, at(1402, 6, 1), office_code=OFFICE, since=jd(1400, 7, 1)
        )
        recorded = await decide(
            session, settings, at(1402, 6, 1), committed_on=jd(1401, 12, 1), sanction=1
        )
        assert recorded.manager_id == first.id
        assert await standing.manager_at(session, OFFICE, jd(1400, 6, 31), ZONE) is None
        # Only the first manager on record starts before Daftar learnt of them; after their
        # replacement the Directorate may still correct that start.
        successor = await replace_manager(session, settings, at(1402, 7, 1))
        corrected = await office_managers.record_since(
            session, settings, at(1402, 7, 2), office_code=OFFICE, since=jd(1400, 1, 1)
        )
        assert corrected == first and successor.since is None
        assert await standing.manager_at(session, OFFICE, jd(1400, 6, 31), ZONE) == first


async def test_manager_since_after_the_day_daftar_learnt_of_the_manager_is_refused(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        with pytest.raises(ManagerRefused) as refused:
            await office_managers.record_since(
                session, settings, at(1402, 6, 1), office_code=OFFICE, since=jd(1402, 2, 1)
            )
        assert refused.value.field == "DATE" and manager.since is None
        link_count = await session.scalar(select(func.count(ManagerLink.id)))
        assert link_count == 0
