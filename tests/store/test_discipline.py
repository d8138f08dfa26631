"""bot/domain/{inspections,cases,decisions,appeals,settlement,standing}.py, as cases of the law:
Arts. 21–26 on a real store.

The builders at the top (offices, complaints, links, cases, decisions at chosen Jalali moments)
are shared with tests/operator_commands/test_discipline_cli.py.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import jdatetime
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import (
    appeals,
    cases,
    decisions,
    inspections,
    office_managers,
    settlement,
    standing,
)
from bot.domain.refusals import DisciplineError, RepeatOffence
from bot.domain.tracking import new_tracking_code
from bot.notices import managers as manager_notices
from bot.rules.violations import EscalationRequired
from bot.text.i18n import translator
from bot.text.jalali import add_jalali_months, format_jalali_numeric
from bot.text.persian import to_persian_digits
from storage import complaints as complaint_store
from storage import managers
from storage.models import (
    Case,
    Complaint,
    ComplaintEvent,
    Decision,
    Identity,
    Manager,
    Notice,
    Office,
    OutboxMessage,
)
from storage.offices import OfficeRecord, upsert_offices
from tests.store.board_builders import RULING_TEXT, carried_sitting, record_ruling

ZONE = ZoneInfo("Asia/Tehran")
OFFICE = "2001"
OFFICE_NAME = "دفتر خدمات قضایی مشهد"
MANAGER_NAME = "علی احمدی"
MANAGER_MOBILE = "09123456789"
COMPLAINANT_NAME = "زهرا محمدی"
COMPLAINANT_MOBILE = "09351234567"
COMPLAINANT_NID = "0499370899"


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    """A moment on a Jalali day at a Tehran time, in UTC."""
    g = jdatetime.date(year, month, day).togregorian()
    return datetime(g.year, g.month, g.day, hour, minute, tzinfo=ZONE).astimezone(UTC)


def jd(year: int, month: int, day: int) -> jdatetime.date:
    return jdatetime.date(year, month, day)


#: The registry first named the office and its manager on 1402/01/15.
IMPORTED = at(1402, 1, 15, 9)

_codes = random.Random(1392)


def tracking_code() -> str:
    return new_tracking_code(_codes)


def office_record(
    code: str = OFFICE,
    *,
    name: str = OFFICE_NAME,
    manager_name: str = MANAGER_NAME,
    manager_mobile: str = MANAGER_MOBILE,
    status: str = "active",
    manager_national_id: str | None = None,
) -> OfficeRecord:
    return OfficeRecord(
        code=code,
        name=name,
        name_key=name,
        province="razavi_khorasan",
        city="مشهد",
        address="خیابان امام",
        phone="05138000001",
        manager_name=manager_name,
        manager_mobile=manager_mobile,
        status=status,
        suspended_until=None,
        manager_national_id=manager_national_id,
    )


async def add_office(session: AsyncSession, now: datetime = IMPORTED, **kw: Any) -> Manager:
    """An office from the registry; its manager (now the current one)."""
    await upsert_offices(session, [office_record(**kw)], now)
    manager = await managers.current(session, kw.get("code", OFFICE))
    assert manager is not None
    return manager


async def add_complaint(
    session: AsyncSession,
    now: datetime,
    *,
    office_code: str = OFFICE,
    locale: str = "fa",
    consent: bool = False,
    user_id: int = 5_000_000_001,
    violations: tuple[str, ...] = ("25.12",),
    code: str | None = None,
) -> Complaint:
    return await complaint_store.create(
        session,
        now=now,
        tracking_code=code or tracking_code(),
        platform="telegram",
        platform_user_id=user_id,
        chat_id=user_id,
        office_code=office_code,
        association_province="razavi_khorasan",
        violations=list(violations),
        incident_date=jd(1403, 5, 1),
        description="بیش از تعرفه گرفتند.",
        overcharge={"charged": 1_500_000, "tariff": 1_000_000},
        complainant_name=COMPLAINANT_NAME,
        complainant_mobile=COMPLAINANT_MOBILE,
        complainant_national_id=COMPLAINANT_NID,
        identity_consent=consent,
        locale=locale,
        keep_until=now + timedelta(days=1825),
    )


async def link(
    session: AsyncSession,
    manager_id: int,
    now: datetime,
    *,
    platform: str = "telegram",
    user_id: int = 7_000_000_001,
    locale: str | None = "fa",
) -> None:
    """A manager's chat, with the language its identity chose."""
    session.add(
        Identity(
            platform=platform,
            platform_user_id=user_id,
            chat_id=user_id,
            locale=locale,
            first_seen=now,
            last_seen=now,
        )
    )
    await managers.add_link(session, manager_id, platform, user_id, user_id, now)


async def bare_case(session: AsyncSession, now: datetime, office_code: str = OFFICE) -> Case:
    """An open case with nothing in it (the Board's findings are what the tests vary)."""
    case = Case(
        office_code=office_code,
        source="complaints",
        inspection_id=None,
        complaint_ids=[],
        opened_at=now,
        status="open",
    )
    session.add(case)
    await session.flush()
    return case


async def decide(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    committed_on: jdatetime.date,
    sanction: int,
    months: int | None = None,
    violations: tuple[str, ...] = ("25.12",),
    office_code: str = OFFICE,
    **more: Any,
) -> Decision:
    """A ruling on a new case, from a sitting that carried it unanimously (Art. 22 note 2)."""
    case = await bare_case(session, now, office_code)
    recorded = await record_ruling(
        session,
        settings,
        now,
        case_id=case.id,
        violations=list(violations),
        committed_on=committed_on,
        sanction=sanction,
        months=months,
        **more,
    )
    return recorded.decision


async def count(session: AsyncSession, model: type[Any]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


# ---- Jalali months ----


@pytest.mark.parametrize(
    ("start", "months", "until"),
    [
        ((1403, 11, 30), 3, "1404/02/30"),  # Bahman 30 + 3: Ordibehesht has 31, 30 stays
        ((1403, 6, 31), 1, "1403/07/30"),  # Mehr has 30 days: clamped
        ((1403, 6, 31), 3, "1403/09/30"),  # Azar has 30 days: clamped
        ((1403, 9, 30), 3, "1403/12/30"),  # 1403 is a leap year: Esfand has 30
        ((1402, 11, 30), 1, "1402/12/29"),  # 1402 is not: Esfand has 29
        ((1403, 10, 15), 24, "1405/10/15"),  # two years
        ((1403, 12, 30), 12, "1404/12/29"),  # leap Esfand 30 a year on
    ],
)
def test_jalali_months_are_counted_and_clamped(
    start: tuple[int, int, int], months: int, until: str
) -> None:
    assert format_jalali_numeric(add_jalali_months(jd(*start), months)) == until


# ---- Art. 26 note 3: the repeat offender ----


async def test_an_earlier_final_degree_2_refuses_2_and_accepts_3(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        earlier = await decide(
            session, settings, at(1402, 4, 1), committed_on=jd(1402, 3, 1), sanction=2
        )
        assert (earlier.status, earlier.final_at) == ("final", at(1402, 4, 1))

    async with sessions() as session:
        with pytest.raises(RepeatOffence) as refused:
            await decide(session, settings, at(1402, 6, 1), committed_on=jd(1402, 5, 1), sanction=2)
        await session.rollback()
    assert isinstance(refused.value, EscalationRequired)
    assert refused.value.citation == "26.note3"
    assert (refused.value.earlier_degree, refused.value.minimum_degree) == (2, 3)
    assert refused.value.earlier_decision_id == earlier.id
    explained = refused.value.explain()
    assert "Article 26, note 3" in explained
    assert f"decision #{earlier.id}, final on 1402/04/01" in explained
    assert "at least degree 3" in explained

    async with sessions() as session, session.begin():
        assert await count(session, Decision) == 1  # nothing written by the refusal
        later = await decide(
            session, settings, at(1402, 6, 1), committed_on=jd(1402, 5, 1), sanction=3
        )
        assert (later.sanction, later.status, later.override_reason) == (3, "final", None)


async def test_a_violation_committed_before_the_earlier_ruling_was_final_has_no_floor(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        await decide(session, settings, at(1402, 4, 1), committed_on=jd(1402, 3, 1), sanction=3)
        # Committed 1402/03/20, before 1402/04/01; and on the very day the ruling became final.
        before = await decide(
            session, settings, at(1402, 6, 1), committed_on=jd(1402, 3, 20), sanction=1
        )
        same_day = await decide(
            session, settings, at(1402, 6, 2), committed_on=jd(1402, 4, 1), sanction=1
        )
    assert before.sanction == same_day.sanction == 1


async def test_an_earlier_5_or_6_sets_no_floor(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        suspension = await decide(
            session, settings, at(1402, 2, 1), committed_on=jd(1402, 1, 20), sanction=5, months=3
        )
        await decisions.mark_served(
            session, settings, at(1402, 2, 1), decision_id=suspension.id, on=jd(1402, 2, 1)
        )
        await settlement.settle(session, settings, at(1402, 3, 1))
        assert suspension.status == "final"
        revocation = await decide(
            session, settings, at(1402, 3, 2), committed_on=jd(1402, 3, 1), sanction=6
        )
        await decisions.mark_served(
            session, settings, at(1402, 3, 2), decision_id=revocation.id, on=jd(1402, 3, 2)
        )
        await settlement.settle(session, settings, at(1402, 4, 1))
        assert revocation.status == "final"
        light = await decide(
            session, settings, at(1402, 6, 1), committed_on=jd(1402, 5, 1), sanction=1
        )
    assert light.status == "final"


async def replace_manager(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    name: str = "مریم کریمی",
    national_id: str = "0012345679",
    mobile: str = "09120000000",
    reason: office_managers.EndReason = office_managers.EndReason.WITHDRAWAL,
    on: jdatetime.date | None = None,
    office_code: str = OFFICE,
) -> Manager:
    """The Directorate's act of Art. 19 at *now*: the office's new manager."""
    done = await office_managers.replace_manager(
        session,
        settings,
        now,
        office_code=office_code,
        reason=reason,
        name=name,
        national_id=national_id,
        mobile=mobile,
        on=on,
    )
    return done.new


async def test_a_new_manager_starts_with_a_clean_record(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        old = await add_office(session)
        await decide(session, settings, at(1402, 3, 1), committed_on=jd(1402, 2, 1), sanction=4)
        # Art. 19: the Directorate replaces the manager (withdrawal) on 1402/04/10.
        new = await replace_manager(session, settings, at(1402, 4, 10, 9))
        assert new.id != old.id
        fresh = await decide(
            session, settings, at(1402, 6, 1), committed_on=jd(1402, 5, 1), sanction=1
        )
        assert fresh.manager_id == new.id
        # A violation of the old manager's time is still theirs, and their floor holds.
        with pytest.raises(RepeatOffence):
            await decide(session, settings, at(1402, 6, 1), committed_on=jd(1402, 4, 1), sanction=4)


async def test_the_manager_at_the_time_changes_on_the_day_of_the_replacement(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        old = await add_office(session)
        new = await replace_manager(session, settings, at(1402, 5, 1), on=jd(1402, 4, 10))
        assert (await standing.manager_at(session, OFFICE, jd(1402, 4, 9), ZONE)) == old
        assert (await standing.manager_at(session, OFFICE, jd(1402, 4, 10), ZONE)) == new
        # Before the registry first named anyone: no manager on record.
        assert (await standing.manager_at(session, OFFICE, jd(1402, 1, 14), ZONE)) is None


async def test_a_replacement_by_the_appeals_board_is_the_earlier_sanction_that_counts(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        suspension = await decide(
            session, settings, at(1402, 2, 1), committed_on=jd(1402, 1, 20), sanction=5, months=6
        )
        appeal = await appeals.file_appeal(
            session,
            settings,
            at(1402, 2, 5),
            decision_id=suspension.id,
            by="manager",
            grounds="first offence",
        )
        await appeals.rule_appeal(
            session, settings, at(1402, 3, 1), appeal_id=appeal.id, ruling="replace", sanction=3
        )
        assert (suspension.status, suspension.final_at) == ("replaced", at(1402, 3, 1))
        with pytest.raises(RepeatOffence) as refused:
            await decide(session, settings, at(1402, 6, 1), committed_on=jd(1402, 5, 1), sanction=3)
    assert refused.value.earlier_degree == 3


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"sanction": 7}, "sanction"),
        ({"sanction": 5}, "months"),
        ({"sanction": 5, "months": 2}, "months"),
        ({"sanction": 5, "months": 25}, "months"),
        ({"sanction": 3, "months": 6}, "months"),
        ({"violations": ["25.15"]}, "violations"),
        ({"violations": []}, "violations"),
        ({"violations": ["25.1", "25.1"]}, "violations"),
        ({"committed_on": jd(1403, 9, 1)}, "committed_on"),
        ({"ruling_text": "  "}, "ruling"),
        ({"mitigation": "no complaint was withdrawn"}, "mitigation"),
        ({"violations": ["25.6"]}, "violations"),  # not what the sitting found
        ({"sanction": 2}, "sanction"),  # not what the sitting carried
        ({"case_id": 999}, "case"),
        # Art. 23.1: a verbal warning needs the day it was given, not in the future; no other
        # degree has one.
        ({"sanction": 1, "warned_on": None}, "warned_on"),
        ({"sanction": 1, "warned_on": jd(1403, 8, 16)}, "warned_on"),
        ({"sanction": 2, "warned_on": jd(1403, 8, 10)}, "warned_on"),
    ],
)
async def test_a_decision_the_law_does_not_allow_is_refused(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    kw: dict[str, Any],
    field: str,
) -> None:
    now = at(1403, 8, 15)
    async with sessions() as session, session.begin():
        await add_office(session)
        case = await bare_case(session, now)
        sitting = await carried_sitting(
            session, settings, now, case, violations=["25.12"], sanction=1
        )
        arguments: dict[str, Any] = {
            "case_id": case.id,
            "sitting_id": sitting.id,
            "violations": ["25.12"],
            "committed_on": jd(1403, 8, 1),
            "sanction": 1,
            "ruling_text": "رأی هیئت",
        }
        arguments.update(kw)
        if arguments["sanction"] == 1:
            # The sitting carried a verbal warning: given on the violation's day, unless the case
            # is about that day (Art. 23.1).
            arguments.setdefault("warned_on", jd(1403, 8, 1))
        with pytest.raises(DisciplineError) as refused:
            await decisions.record_decision(session, settings, now, **arguments)
    assert refused.value.field == field


# ---- finality and the appeal window (Art. 24) ----


async def test_a_suspension_becomes_final_when_the_window_closes_after_delivery(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    assert settings.appeal_window_days == 20
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await link(session, manager.id, IMPORTED)
        decision = await decide(
            session, settings, at(1403, 11, 5), committed_on=jd(1403, 10, 20), sanction=5, months=3
        )
        assert (decision.status, decision.final_at, decision.served_at) == ("pending", None, None)
        row = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.notice_id.is_not(None))
        )
        assert row is not None
        # The dispatcher's first successful delivery serves the decision.
        await manager_notices.on_delivered(session, row.id, at(1403, 11, 10, 10))
        assert (decision.served_at, decision.served_how) == (at(1403, 11, 10, 10), "delivered")

    async with sessions() as session, session.begin():
        assert await settlement.settle(session, settings, at(1403, 11, 30, 9, 59)) == []
        office = await session.get(Office, OFFICE)
        assert office is not None and office.status == "active"

    async with sessions() as session, session.begin():
        done = await settlement.settle(session, settings, at(1403, 11, 30, 10, 0))
        decision = await session.get(Decision, decision.id)
        office = await session.get(Office, OFFICE)
        assert decision is not None and office is not None
        assert decision.status == "final"
        assert decision.final_at == at(1403, 11, 30, 10)  # the window's close, not settle's run
        assert (office.status, office.suspended_until) == ("suspended", jd(1404, 2, 30))
        assert office.status_decided_by == decision.id
        assert decision.effect_applied_at == at(1403, 11, 30, 10)
    assert len(done) == 2
    assert "closed on 1403/11/30 with no appeal: final" in done[0]
    assert "suspended for 3 months, until 1404/02/30" in done[1]

    async with sessions() as session, session.begin():
        assert await settlement.settle(session, settings, at(1403, 12, 1)) == []  # idempotent


async def test_a_recorded_service_starts_the_window_and_the_end_is_clamped(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        decision = await decide(
            session, settings, at(1403, 6, 11, 8), committed_on=jd(1403, 6, 1), sanction=5, months=3
        )
        await decisions.mark_served(
            session, settings, at(1403, 6, 12), decision_id=decision.id, on=jd(1403, 6, 11)
        )
        assert decision.served_at == at(1403, 6, 11, 0)  # the day's start in Tehran
        assert decision.served_how == "recorded"
        # A manager's chat linked later: its delivery does not serve the decision again.
        manager = await managers.current(session, OFFICE)
        assert manager is not None
        await link(session, manager.id, at(1403, 6, 13))
        notice = await session.scalar(select(Notice).where(Notice.kind == "decision"))
        assert notice is not None
        links = await managers.active_links(session, manager.id)
        row_id = await manager_notices.deliver_to(
            session, notice, links[0], settings, at(1403, 6, 13)
        )
        await manager_notices.on_delivered(session, row_id, at(1403, 6, 13))
        assert decision.served_how == "recorded"

        done = await settlement.settle(session, settings, at(1403, 7, 1))
        office = await session.get(Office, OFFICE)
        assert office is not None
        # Final on 1403/06/31 (20 days from 1403/06/11 00:00); + 3 months: Azar has 30 days.
        assert decision.final_at == at(1403, 6, 31, 0)
        assert (office.status, office.suspended_until) == ("suspended", jd(1403, 9, 30))
    assert any("until 1403/09/30" in line for line in done)


async def test_service_cannot_be_recorded_twice_in_the_future_or_before_the_decision(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    now = at(1403, 6, 20)
    async with sessions() as session, session.begin():
        await add_office(session)
        decision = await decide(
            session, settings, at(1403, 6, 11), committed_on=jd(1403, 6, 1), sanction=6
        )
        for on in (jd(1403, 6, 21), jd(1403, 6, 10)):
            with pytest.raises(DisciplineError) as refused:
                await decisions.mark_served(session, settings, now, decision_id=decision.id, on=on)
            assert refused.value.field == "on"
        await decisions.mark_served(
            session, settings, now, decision_id=decision.id, on=jd(1403, 6, 11)
        )
        with pytest.raises(DisciplineError) as twice:
            await decisions.mark_served(
                session, settings, now, decision_id=decision.id, on=jd(1403, 6, 12)
            )
        assert twice.value.field == "decision"
        with pytest.raises(DisciplineError) as unknown:
            await decisions.mark_served(session, settings, now, decision_id=999, on=jd(1403, 6, 12))
        assert unknown.value.field == "decision"


async def test_a_suspension_ends_the_day_after_its_last_day(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        decision = await decide(
            session, settings, at(1403, 1, 10), committed_on=jd(1403, 1, 1), sanction=5, months=3
        )
        await decisions.mark_served(
            session, settings, at(1403, 1, 10), decision_id=decision.id, on=jd(1403, 1, 10)
        )
        await settlement.settle(session, settings, at(1403, 2, 1))
        office = await session.get(Office, OFFICE)
        assert office is not None
        assert (office.status, office.suspended_until) == ("suspended", jd(1403, 4, 30))
        assert await settlement.settle(session, settings, at(1403, 4, 30, 23, 59)) == []
        done = await settlement.settle(session, settings, at(1403, 5, 1, 0, 1))
        assert (office.status, office.suspended_until, office.status_decided_by) == (
            "active",
            None,
            None,
        )
    assert done == [
        f"office {OFFICE}: the suspension of decision #{decision.id} ended on 1403/04/30: "
        "active again"
    ]


async def test_a_final_6_revokes_and_an_import_leaves_the_status_alone(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        decision = await decide(
            session, settings, at(1403, 1, 10), committed_on=jd(1403, 1, 1), sanction=6
        )
        await decisions.mark_served(
            session, settings, at(1403, 1, 10), decision_id=decision.id, on=jd(1403, 1, 10)
        )
        done = await settlement.settle(session, settings, at(1403, 2, 1))
        office = await session.get(Office, OFFICE)
        assert office is not None
        assert (office.status, office.status_decided_by) == ("revoked", decision.id)
        assert any("is revoked (Article 23, degree 6)" in line for line in done)
        result = await upsert_offices(session, [office_record()], at(1403, 2, 2))
        assert result.conflicts == ((OFFICE, "active", "revoked"),)
        assert office.status == "revoked"


async def test_unserved_decisions_stay_pending(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        decision = await decide(
            session, settings, at(1403, 1, 10), committed_on=jd(1403, 1, 1), sanction=6
        )
        assert await settlement.settle(session, settings, at(1404, 1, 10)) == []
        assert decision.status == "pending"


# ---- appeals ----


async def test_who_may_appeal_and_when(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        warning = await decide(
            session, settings, at(1403, 1, 10), committed_on=jd(1403, 1, 1), sanction=2
        )
        with pytest.raises(DisciplineError) as final:
            await appeals.file_appeal(
                session,
                settings,
                at(1403, 1, 11),
                decision_id=warning.id,
                by="manager",
                grounds="x",
            )
        assert final.value.field == "decision"
        assert "Article 24" in final.value.message

        suspension = await decide(
            session, settings, at(1403, 2, 1), committed_on=jd(1403, 1, 20), sanction=5, months=4
        )
        # Not served yet: the window has not started, the Head of the Center may appeal.
        appeal = await appeals.file_appeal(
            session,
            settings,
            at(1403, 3, 1),
            decision_id=suspension.id,
            by="center_head",
            grounds="too light",
        )
        assert (appeal.by, suspension.status) == ("center_head", "appealed")
        # Art. 24: each appellant once; the Center's head again is refused.
        with pytest.raises(DisciplineError) as twice:
            await appeals.file_appeal(
                session,
                settings,
                at(1403, 3, 1),
                decision_id=suspension.id,
                by="center_head",
                grounds="x",
            )
        assert f"appeal #{appeal.id}" in twice.value.message

        revocation = await decide(
            session, settings, at(1403, 4, 1), committed_on=jd(1403, 3, 20), sanction=6
        )
        await decisions.mark_served(
            session, settings, at(1403, 4, 1), decision_id=revocation.id, on=jd(1403, 4, 1)
        )
        with pytest.raises(DisciplineError) as late:
            # The window closes 20 days after 1403/04/01 00:00, whether or not settle ran.
            await appeals.file_appeal(
                session,
                settings,
                at(1403, 4, 21, 0, 0),
                decision_id=revocation.id,
                by="center_head",
                grounds="x",
            )
        assert "closed" in late.value.message
        for by, grounds, field in (("judge", "x", "by"), ("manager", " ", "grounds")):
            with pytest.raises(DisciplineError) as bad:
                await appeals.file_appeal(
                    session,
                    settings,
                    at(1403, 4, 2),
                    decision_id=revocation.id,
                    by=by,
                    grounds=grounds,
                )
            assert bad.value.field == field


async def test_a_ruling_replacing_a_5_with_a_warning_suspends_nothing(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await link(session, manager.id, IMPORTED, locale="en")
        suspension = await decide(
            session, settings, at(1403, 2, 1), committed_on=jd(1403, 1, 20), sanction=5, months=4
        )
        appeal = await appeals.file_appeal(
            session, settings, at(1403, 2, 2), decision_id=suspension.id, by="manager", grounds="g"
        )
        for kw, field in (
            ({"ruling": "replace"}, "sanction"),
            ({"ruling": "replace", "sanction": 5, "months": 4}, "sanction"),
            ({"ruling": "replace", "sanction": 5}, "months"),
            ({"ruling": "uphold", "sanction": 2}, "sanction"),
            ({"ruling": "pardon"}, "ruling"),
        ):
            with pytest.raises(DisciplineError) as bad:
                await appeals.rule_appeal(
                    session, settings, at(1403, 3, 1), appeal_id=appeal.id, **kw
                )
            assert bad.value.field == field
        ruled = await appeals.rule_appeal(
            session, settings, at(1403, 3, 1), appeal_id=appeal.id, ruling="replace", sanction=2
        )
        assert await settlement.settle(session, settings, at(1403, 3, 2)) == []
        office = await session.get(Office, OFFICE)
        assert office is not None and office.status == "active"
        assert ruled.notice.content == {
            "office_name": OFFICE_NAME,
            "decided_on": "1403/02/01",
            "ruling": "replace",
            "sanction": 2,
            "months": None,
        }
        text = manager_notices.render(translator("en"), ruled.notice, settings)
        assert "The Appeals Board replaced the sanction with: Article 23, degree 2" in text
        with pytest.raises(DisciplineError) as again:
            await appeals.rule_appeal(
                session, settings, at(1403, 3, 2), appeal_id=appeal.id, ruling="uphold"
            )
        assert again.value.field == "appeal"


# ---- who is told what ----


async def test_the_managers_notice_names_no_complainant_who_did_not_consent(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    now = at(1403, 8, 15)
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await link(session, manager.id, IMPORTED)
        complaint = await add_complaint(session, at(1403, 8, 1), consent=False)
        case = await cases.open_case_from_complaints(
            session,
            settings,
            at(1403, 8, 2),
            office_code=OFFICE,
            tracking_codes=[complaint.tracking_code],
        )
        recorded = await record_ruling(
            session,
            settings,
            now,
            case_id=case.id,
            violations=["25.12", "25.6"],
            committed_on=jd(1403, 8, 1),
            sanction=5,
            months=6,
            crime=decisions.CrimeReferral("دادسرای عمومی و انقلاب مشهد", jd(1403, 8, 14), "۱۲۳/ک"),
        )
        rows = list(
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.notice_id == recorded.notice.id)
            )
        )
    assert recorded.notice.content == {
        "office_name": OFFICE_NAME,
        "violations": ["25.12", "25.6"],
        "sanction": 5,
        "months": 6,
        "crime_referral": True,
        "ruling": RULING_TEXT,  # the chair's words (Art. 22 note 2): the Board names no complainant
    }
    secrets = [
        COMPLAINANT_NAME,
        COMPLAINANT_MOBILE,
        COMPLAINANT_NID,
        complaint.tracking_code,
        to_persian_digits(complaint.tracking_code),
        to_persian_digits(COMPLAINANT_MOBILE),
        "زهرا",
    ]
    texts = [
        manager_notices.render(translator("fa"), recorded.notice, settings),
        manager_notices.render(translator("en"), recorded.notice, settings),
        *(str(row.payload["text"]) for row in rows),
    ]
    assert len(rows) == 1
    for text in [str(recorded.notice.content), *texts]:
        for secret in secrets:
            assert secret not in text
    english = texts[1]
    assert "Article 25, clause 12" in english and "Article 25, clause 6" in english
    assert "Article 23, degree 5" in english and "for 6 months" in english
    assert "Not final yet" in english
    assert "reported a possible crime" in english
    assert "۲۳" in texts[0]  # Article 23 in Persian digits


async def test_complainants_are_told_the_clauses_found_in_their_language_not_the_sanction(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    now = at(1403, 8, 15)
    async with sessions() as session, session.begin():
        await add_office(session)
        persian = await add_complaint(session, at(1403, 8, 1), locale="fa", user_id=111)
        english = await add_complaint(session, at(1403, 8, 1), locale="en", user_id=222)
        case = await cases.open_case_from_complaints(
            session,
            settings,
            at(1403, 8, 2),
            office_code=OFFICE,
            tracking_codes=[persian.tracking_code, english.tracking_code],
        )
        assert (persian.status, english.status) == ("referred_to_board", "referred_to_board")
        referred = await count(session, OutboxMessage)
        assert referred == 2  # each complainant told of the referral
        recorded = await record_ruling(
            session,
            settings,
            now,
            case_id=case.id,
            violations=["25.12"],
            committed_on=jd(1403, 8, 1),
            sanction=5,
            months=3,
        )
        told = {
            row.chat_id: str(row.payload["text"])
            for row in await session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.created_at == now, OutboxMessage.notice_id.is_(None)
                )
            )
        }
        events = list(
            await session.scalars(
                select(ComplaintEvent).where(
                    ComplaintEvent.complaint_id == english.id, ComplaintEvent.status == "decided"
                )
            )
        )
    assert [c.tracking_code for c in recorded.told] == [
        persian.tracking_code,
        english.tracking_code,
    ]
    assert (persian.status, english.status, case.status) == ("decided", "decided", "decided")
    assert len(events) == 1 and events[0].note is None
    assert set(told) == {111, 222}
    assert told[222].startswith(
        f"The Primary Disciplinary Board has decided on your complaint {english.tracking_code}."
    )
    assert "Article 25, clause 12: Charging more than the set fees" in told[222]
    fa = translator("fa")
    shown = to_persian_digits(persian.tracking_code)
    assert told[111].startswith(f"هیئت بدوی انتظامی درباره‌ی شکایت شما با کد رهگیری {shown}")
    assert fa("Charging more than the set fees") in told[111]
    assert "۱۲" in told[111]
    for text in told.values():
        for word in ("Article 23", "suspension", "Suspension", "months", "ماده ۲۳", "تعلیق"):
            assert word not in text


async def test_26_note2_a_withdrawn_complaints_case_asks_about_mitigation(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        kept = await add_complaint(session, at(1403, 8, 1), user_id=111)
        withdrawn = await add_complaint(session, at(1403, 8, 1), user_id=222)
        await complaint_store.add_event(session, withdrawn.id, "withdrawn", at(1403, 8, 3))
        case = await cases.open_case_from_complaints(
            session,
            settings,
            at(1403, 8, 4),
            office_code=OFFICE,
            tracking_codes=[kept.tracking_code, withdrawn.tracking_code],
        )
        assert await cases.withdrawals(session, case) == [
            cases.Withdrawal(withdrawn.tracking_code, at(1403, 8, 3))
        ]
        now = at(1403, 8, 15)
        sitting = await carried_sitting(
            session, settings, now, case, violations=["25.12"], sanction=1
        )
        ruling: dict[str, Any] = {
            "case_id": case.id,
            "sitting_id": sitting.id,
            "violations": ["25.12"],
            "committed_on": jd(1403, 8, 1),
            "sanction": 1,
            "ruling_text": "رأی هیئت",
            "warned_on": jd(1403, 8, 1),
        }
        with pytest.raises(DisciplineError) as refused:
            await decisions.record_decision(session, settings, now, **ruling)
        assert refused.value.field == "mitigation"
        assert "Article 26, note 2" in refused.value.message
        assert await count(session, Decision) == 0
        recorded = await decisions.record_decision(
            session, settings, now, **ruling, mitigation="به سبب استرداد، تذکر شفاهی داده شد."
        )
    assert recorded.mitigation == (cases.Withdrawal(withdrawn.tracking_code, at(1403, 8, 3)),)
    assert recorded.decision.mitigation == "به سبب استرداد، تذکر شفاهی داده شد."


async def test_an_unlinked_managers_notice_waits(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        case = await bare_case(session, at(1403, 8, 10))
        recorded = await record_ruling(
            session,
            settings,
            at(1403, 8, 15),
            case_id=case.id,
            violations=["25.9"],
            committed_on=jd(1403, 8, 1),
            sanction=3,
        )
        assert recorded.deliveries == 0
        assert await count(session, Notice) == 1
        assert await count(session, OutboxMessage) == 0
        # When the manager links, the waiting notice goes out.
        await link(session, recorded.manager.id, at(1403, 8, 16))
        [new_link] = await managers.active_links(session, recorded.manager.id)
        assert await manager_notices.on_link(session, new_link, settings, at(1403, 8, 16)) == 1
        assert await count(session, OutboxMessage) == 1


# ---- cases and inspections ----


async def test_a_case_on_complaints_checks_every_complaint(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    now = at(1403, 8, 15)
    async with sessions() as session, session.begin():
        await add_office(session)
        await add_office(session, code="2002", manager_mobile="09120000002")
        ours = await add_complaint(session, at(1403, 8, 1))
        theirs = await add_complaint(session, at(1403, 8, 1), office_code="2002")
        await cases.open_case_from_complaints(
            session, settings, now, office_code=OFFICE, tracking_codes=[ours.tracking_code]
        )
        unknown = tracking_code()
        with pytest.raises(DisciplineError) as refused:
            await cases.open_case_from_complaints(
                session,
                settings,
                now,
                office_code=OFFICE,
                tracking_codes=[ours.tracking_code, theirs.tracking_code, unknown],
            )
        for bad in (
            {"office_code": "9999", "tracking_codes": [ours.tracking_code]},
            {"office_code": OFFICE, "tracking_codes": []},
            {"office_code": "2002", "tracking_codes": [theirs.tracking_code] * 2},
        ):
            with pytest.raises(DisciplineError):
                await cases.open_case_from_complaints(session, settings, now, **bad)
    assert refused.value.field == "complaints"
    assert f"complaint {ours.tracking_code} is already in case #" in refused.value.message
    assert f"complaint {theirs.tracking_code} is against office 2002, not {OFFICE}" in (
        refused.value.message
    )
    assert f"no complaint with tracking code {unknown}" in refused.value.message


async def test_an_inspection_is_noticed_and_its_findings_open_a_case(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await link(session, manager.id, IMPORTED, locale="en")
        when = at(1403, 8, 20, 10)
        inspection, notice = await inspections.schedule_inspection(
            session,
            settings,
            at(1403, 8, 15),
            office_code=OFFICE,
            kind="ad_hoc",
            at=when,
            inspector="رضا رضایی",
            note="bring the receipts",
        )
        assert notice.content == {
            "office_name": OFFICE_NAME,
            "at": when.isoformat(),
            "kind": "ad_hoc",
            "inspector": "رضا رضایی",
            "note": "bring the receipts",
        }
        text = manager_notices.render(translator("en"), notice, settings)
        assert "an ad-hoc inspection of your office on 20 Aban 1403, 10:00" in text
        assert await count(session, OutboxMessage) == 1
        with pytest.raises(DisciplineError) as early:
            await inspections.record_findings(
                session,
                settings,
                at(1403, 8, 19),
                inspection_id=inspection.id,
                findings=["25.1"],
                report_path="/r.pdf",
            )
        assert "has not taken place yet" in early.value.message
        recorded, case = await inspections.record_findings(
            session,
            settings,
            at(1403, 8, 21),
            inspection_id=inspection.id,
            findings=["25.1", "25.9"],
            report_path="/reports/r.pdf",
        )
        assert recorded.findings == ["25.1", "25.9"]
        assert case is not None
        assert (case.source, case.inspection_id, case.complaint_ids) == (
            "inspection",
            inspection.id,
            [],
        )
        with pytest.raises(DisciplineError):
            await cases.open_case_from_inspection(
                session, settings, at(1403, 8, 21), inspection_id=inspection.id
            )
        with pytest.raises(DisciplineError) as past:
            await inspections.schedule_inspection(
                session,
                settings,
                at(1403, 8, 15),
                office_code=OFFICE,
                kind="periodic",
                at=when - timedelta(days=6),
            )
        assert past.value.field == "at"
