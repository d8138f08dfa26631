"""bot/domain/staff.py on a real store: invites and their scopes, linking once, revoking, the
authorisation of every action from the store (role, Association, chair, the subject's state),
and the audit log that records each outcome and refuses to be changed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import jdatetime
import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import staff, staff_members
from bot.domain.staff import ChatIdentity, Grant, Refusal, Refused
from bot.domain.staff_actions import ACTIONS, SELF, StaffAction, SubjectRef
from bot.domain.staff_members import Linked, LinkRefusal, LinkRefused
from storage import complaints, managers
from storage import staff as store
from storage.database import migrate, open_engine, session_factory
from storage.models import AuditEntry, Case, Decision, StaffInvite
from storage.offices import OfficeRecord, upsert_offices
from storage.staff_models import AuditImmutable
from storage.statuses import AuditOutcome, Role, StaffStatus

NOW = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)
WEEK = NOW + timedelta(days=7)
TEHRAN_OFFICE, FARS_OFFICE = "3001", "3002"
SARA = ChatIdentity("telegram", 4_503_599_627_370_000, 4_503_599_627_370_000)
SARA_ON_BALE = ChatIdentity("bale", 2_000_000_001, 2_000_000_001)
CITIZEN = ChatIdentity("telegram", 77, 77)


def office(code: str, province: str) -> OfficeRecord:
    return OfficeRecord(
        code=code,
        name=f"دفتر آزمایشی {code}",
        name_key=f"دفترآزمایشی{code}",
        province=province,
        city="شهر",
        address="نشانی",
        phone="",
        manager_name="مدیر آزمایشی",
        manager_mobile="0912000" + code,
        status="active",
        suspended_until=None,
    )


@pytest.fixture
def two_associations() -> Settings:
    """Tehran and Fars each have an Association (a setting, Art. 12)."""
    return Settings(_env_file=None, association_provinces="tehran,fars")  # type: ignore[call-arg]


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    db = open_engine(database_url)
    await migrate(db)
    factory = session_factory(db)
    async with factory() as session, session.begin():
        await upsert_offices(
            session, [office(TEHRAN_OFFICE, "tehran"), office(FARS_OFFICE, "fars")], NOW
        )
    yield factory
    await db.dispose()


async def complaint(
    session: AsyncSession,
    office_code: str,
    association: str,
    code: str | None = None,
    *,
    now: datetime = NOW,
) -> int:
    """A complaint received against *office_code*, for *association* (at *now*); its id."""
    filed = await complaints.create(
        session,
        now=now,
        tracking_code=code or f"{office_code}000000"[:10],
        platform="telegram",
        platform_user_id=777,
        chat_id=777,
        office_code=office_code,
        association_province=association,
        violations=["25.12"],
        incident_date=jdatetime.date(1403, 8, 1),
        description="بیش از تعرفه گرفتند.",
        overcharge=None,
        complainant_name="شاکی آزمایشی",
        complainant_mobile="09121111111",
        identity_consent=False,
        locale="fa",
        keep_until=NOW + timedelta(days=1825),
    )
    return filed.id


async def open_case(session: AsyncSession, office_code: str = TEHRAN_OFFICE) -> Case:
    """A case before the Primary Board, open."""
    case = Case(
        office_code=office_code,
        source="complaints",
        inspection_id=None,
        complaint_ids=[],
        opened_at=NOW,
        status="open",
    )
    session.add(case)
    await session.flush()
    return case


async def member_with(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    role: Role,
    association: str | None,
    actor: ChatIdentity = SARA,
    *,
    chair: bool = False,
) -> int:
    """A member holding *role*, linked from *actor*'s chat."""
    async with sessions() as session, session.begin():
        invited = await staff_members.invite(
            session,
            settings,
            NOW,
            WEEK,
            name="سارا احمدی",
            role=role,
            association=association,
            chair=chair,
        )
        linked = await staff_members.link(session, actor, invited.code, NOW)
        assert isinstance(linked, Linked)
        return invited.member.id


async def entries(sessions: async_sessionmaker[AsyncSession]) -> list[AuditEntry]:
    async with sessions() as session:
        return await store.audit_entries(session)


async def decide(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    actor: ChatIdentity,
    action: str,
    subject: SubjectRef | None,
    **kw: object,
) -> Grant | Refusal:
    async with sessions() as session, session.begin():
        return await staff.authorise(session, settings, actor, action, subject, NOW, **kw)  # type: ignore[arg-type]


# ---- inviting ----


@pytest.mark.parametrize(
    ("role", "association", "chair", "problem"),
    [
        (Role.DESK, None, False, "the role desk is held for an Association"),
        (Role.DIRECTORATE, "tehran", False, "the role directorate is national"),
        (Role.INSPECTOR, "qom", False, "qom has no Association of its own (Article 12"),
        (Role.INSPECTOR, "tehran", True, "only a board member can be the Board's chair"),
    ],
)
async def test_a_role_is_held_where_the_directive_puts_its_body(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    role: Role,
    association: str | None,
    chair: bool,
    problem: str,
) -> None:
    async with sessions() as session, session.begin():
        with pytest.raises(staff_members.StaffRefused, match=problem.replace("(", r"\(")):
            await staff_members.invite(
                session,
                settings,
                NOW,
                WEEK,
                name="N",
                role=role,
                association=association,
                chair=chair,
            )
    async with sessions() as session:
        assert await store.members(session) == []
    assert await entries(sessions) == []


async def test_an_invite_grants_the_role_keeps_only_the_codes_hash_and_is_audited(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        invited = await staff_members.invite(
            session, settings, NOW, WEEK, name="سارا", role=Role.DESK, association="tehran"
        )
    assert len(invited.code) == staff_members.CODE_LENGTH
    async with sessions() as session:
        [row] = list(await session.scalars(select(StaffInvite)))
        [role] = await store.roles_of(session, [invited.member.id])
    assert row.code_hash == staff_members.code_hash(invited.code) != invited.code
    assert invited.code not in repr(row.__dict__)
    assert (role.role, role.association, role.chair) == (Role.DESK, "tehran", False)
    [entry] = await entries(sessions)
    assert (entry.action, entry.outcome, entry.member_id, entry.role, entry.platform) == (
        "staff.invite",
        AuditOutcome.ALLOWED,
        invited.member.id,
        Role.DESK,
        "cli",
    )


async def test_one_chair_a_board_and_no_role_twice(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        judge = await staff_members.invite(
            session,
            settings,
            NOW,
            WEEK,
            name="قاضی",
            role=Role.BOARD,
            association="tehran",
            chair=True,
        )
    async with sessions() as session, session.begin():
        with pytest.raises(staff_members.StaffRefused, match="has a chair already"):
            await staff_members.invite(
                session,
                settings,
                NOW,
                WEEK,
                name="دیگری",
                role=Role.BOARD,
                association="tehran",
                chair=True,
            )
        with pytest.raises(staff_members.StaffRefused, match="already holds board for tehran"):
            await staff_members.invite(
                session,
                settings,
                NOW,
                WEEK,
                member_id=judge.member.id,
                role=Role.BOARD,
                association="tehran",
            )
    async with sessions() as session, session.begin():
        # A person may hold several roles; a code alone links one more chat.
        more = await staff_members.invite(
            session, settings, NOW, WEEK, member_id=judge.member.id, role=Role.APPEALS_BOARD
        )
        chat = await staff_members.invite(session, settings, NOW, WEEK, member_id=judge.member.id)
        assert chat.role is None and more.member.id == judge.member.id
        held = await store.roles_of(session, [judge.member.id])
    assert [(r.role, r.association, r.chair) for r in held] == [
        (Role.BOARD, "tehran", True),
        (Role.APPEALS_BOARD, None, False),
    ]


# ---- linking ----


async def test_a_code_links_one_account_once_on_either_platform(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        first = await staff_members.invite(
            session, settings, NOW, WEEK, name="سارا", role=Role.DESK, association="tehran"
        )
        second = await staff_members.invite(session, settings, NOW, WEEK, member_id=first.member.id)
    typed = "  " + staff_members.shown_code(first.code).lower() + " "
    async with sessions() as session, session.begin():
        linked = await staff_members.link(session, SARA, typed, NOW)
        assert isinstance(linked, Linked) and not linked.again
        again = await staff_members.link(session, SARA, first.code, NOW)
        assert isinstance(again, Linked) and again.again
        taken = await staff_members.link(session, CITIZEN, first.code, NOW)
        assert isinstance(taken, LinkRefusal) and taken.reason is LinkRefused.USED
        unknown = await staff_members.link(session, CITIZEN, "ZZZZZZZZZZZZ", NOW)
        assert isinstance(unknown, LinkRefusal) and unknown.reason is LinkRefused.UNKNOWN
        late = await staff_members.link(session, SARA_ON_BALE, second.code, WEEK)
        assert isinstance(late, LinkRefusal) and late.reason is LinkRefused.EXPIRED
        on_bale = await staff_members.link(session, SARA_ON_BALE, "staff-" + second.code, NOW)
        assert isinstance(on_bale, Linked)
        links = await store.links_of(session, [first.member.id])
    assert sorted((link.platform, link.platform_user_id) for link in links) == [
        ("bale", SARA_ON_BALE.user_id),
        ("telegram", SARA.user_id),
    ]
    # Oldest first: the attempt a week later (expired) comes last.
    outcomes = [(e.action, e.outcome, e.reason) for e in await entries(sessions)][2:]
    assert outcomes == [
        ("staff.link", AuditOutcome.ALLOWED, None),
        ("staff.link", AuditOutcome.REFUSED, "used_code"),
        ("staff.link", AuditOutcome.REFUSED, "unknown_code"),
        ("staff.link", AuditOutcome.ALLOWED, None),
        ("staff.link", AuditOutcome.REFUSED, "expired_code"),
    ]


# ---- authorising ----


async def test_the_desk_reaches_its_own_association_only(
    sessions: async_sessionmaker[AsyncSession], two_associations: Settings
) -> None:
    await member_with(sessions, two_associations, Role.DESK, "tehran")
    own = await decide(
        sessions, two_associations, SARA, "desk.waiting", SubjectRef("association", "tehran")
    )
    assert isinstance(own, Grant) and own.role is not None and own.role.role is Role.DESK
    other = await decide(
        sessions, two_associations, SARA, "desk.waiting", SubjectRef("association", "fars")
    )
    assert isinstance(other, Refusal) and other.reason is Refused.OTHER_ASSOCIATION
    async with sessions() as session, session.begin():
        fars = await complaint(session, FARS_OFFICE, "fars")
    theirs = await decide(
        sessions, two_associations, SARA, "desk.complaint", SubjectRef("complaint", str(fars))
    )
    assert isinstance(theirs, Refusal) and theirs.reason is Refused.OTHER_ASSOCIATION
    assert theirs.subject is not None and theirs.subject.association == "fars"
    log = await entries(sessions)
    assert [(e.action, e.outcome, e.reason, e.subject_id) for e in log[-3:]] == [
        ("desk.waiting", AuditOutcome.ALLOWED, None, "tehran"),
        ("desk.waiting", AuditOutcome.REFUSED, "other_association", "fars"),
        ("desk.complaint", AuditOutcome.REFUSED, "other_association", str(fars)),
    ]
    assert all(e.member_id == log[-1].member_id and e.platform == "telegram" for e in log[-3:])


async def test_a_national_role_reaches_every_association(
    sessions: async_sessionmaker[AsyncSession], two_associations: Settings
) -> None:
    await member_with(sessions, two_associations, Role.DIRECTORATE, None)
    for key in ("tehran", "fars"):
        found = await decide(
            sessions, two_associations, SARA, "desk.waiting", SubjectRef("association", key)
        )
        assert isinstance(found, Grant)
    triage = await decide(
        sessions, two_associations, SARA, "desk.triage", SubjectRef("complaint", "1")
    )
    assert isinstance(triage, Refusal) and triage.reason is Refused.NO_ROLE


async def test_no_member_no_role_a_revoked_role_a_revoked_member(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    where = SubjectRef("association", "tehran")
    citizen = await decide(sessions, settings, CITIZEN, "desk.waiting", where)
    assert isinstance(citizen, Refusal) and citizen.reason is Refused.NOT_STAFF
    assert citizen.member is None
    member_id = await member_with(sessions, settings, Role.INSPECTOR, "tehran")
    inspector = await decide(sessions, settings, SARA, "desk.waiting", where)
    assert isinstance(inspector, Refusal) and inspector.reason is Refused.NO_ROLE
    async with sessions() as session, session.begin():
        await staff_members.invite(
            session,
            settings,
            NOW,
            WEEK,
            member_id=member_id,
            role=Role.DESK,
            association="tehran",
        )
    assert isinstance(await decide(sessions, settings, SARA, "desk.waiting", where), Grant)
    async with sessions() as session, session.begin():
        await staff_members.revoke(session, member_id, NOW, role=Role.DESK, association="tehran")
    again = await decide(sessions, settings, SARA, "desk.waiting", where)
    assert isinstance(again, Refusal) and again.reason is Refused.NO_ROLE
    async with sessions() as session, session.begin():
        done = await staff_members.revoke(session, member_id, NOW)
        assert [r.role for r in done.roles] == [Role.INSPECTOR]
        with pytest.raises(staff_members.StaffRefused, match="revoked already"):
            await staff_members.revoke(session, member_id, NOW)
    gone = await decide(sessions, settings, SARA, "staff.menu", None)
    assert isinstance(gone, Refusal) and gone.reason is Refused.REVOKED
    assert gone.member is not None and gone.member.status is StaffStatus.REVOKED
    async with sessions() as session:
        assert await store.roles_of(session, [member_id]) == []
        assert await store.links_of(session, [member_id]) == []
    refused = [e for e in await entries(sessions) if e.outcome is AuditOutcome.REFUSED]
    assert [(e.reason, e.member_id) for e in refused] == [
        ("not_staff", None),
        ("no_role", member_id),
        ("no_role", member_id),
        ("revoked", member_id),
    ]


async def test_the_subjects_state_is_read_now(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await member_with(sessions, settings, Role.DESK, "tehran")
    async with sessions() as session, session.begin():
        waiting = await complaint(session, TEHRAN_OFFICE, "tehran")
    subject = SubjectRef("complaint", str(waiting))
    first = await decide(sessions, settings, SARA, "desk.complaint", subject)
    assert isinstance(first, Grant) and first.subject is not None
    assert first.subject.state == "received"
    async with sessions() as session, session.begin():
        found = await complaints.by_id(session, waiting)
        assert found is not None
        await complaints.set_status(session, found, "referred_to_board", None, NOW)
    later = await decide(sessions, settings, SARA, "desk.complaint", subject)
    assert isinstance(later, Refusal) and later.reason is Refused.SUBJECT_STATE
    missing = await decide(
        sessions, settings, SARA, "desk.complaint", SubjectRef("complaint", "99")
    )
    assert isinstance(missing, Refusal) and missing.reason is Refused.NO_SUBJECT
    forged = await decide(sessions, settings, SARA, "desk.complaint", SubjectRef("office", "3001"))
    assert isinstance(forged, Refusal) and forged.reason is Refused.NO_SUBJECT


async def test_the_boards_ruling_is_the_chairs_and_only_of_an_open_case(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        case = await open_case(session)
        case_id = case.id
    subject = SubjectRef("case", str(case_id))
    member_id = await member_with(sessions, settings, Role.BOARD, "tehran")
    member = await decide(sessions, settings, SARA, "board.decide", subject)
    assert isinstance(member, Refusal) and member.reason is Refused.NOT_CHAIR
    chair = ChatIdentity("telegram", 501, 501)
    await member_with(sessions, settings, Role.BOARD, "tehran", chair, chair=True)
    ruling = await decide(sessions, settings, chair, "board.decide", subject)
    assert isinstance(ruling, Grant) and ruling.role is not None and ruling.role.chair
    async with sessions() as session, session.begin():
        stored = await session.get(Case, case_id)
        assert stored is not None
        stored.status = "decided"  # type: ignore[assignment]
    decided = await decide(sessions, settings, chair, "board.decide", subject)
    assert isinstance(decided, Refusal) and decided.reason is Refused.SUBJECT_STATE
    assert member_id != ruling.member.id


async def test_the_center_head_appeals_only_a_pending_degree_5_or_6(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        case = await open_case(session)
        manager = await managers.current(session, TEHRAN_OFFICE)
        assert manager is not None
        made = {}
        for sanction in (5, 2):
            decision = Decision(
                case_id=case.id,
                manager_id=manager.id,
                violations=["25.12"],
                committed_on=jdatetime.date(1403, 8, 1),
                sanction=sanction,
                months=6 if sanction == 5 else None,
                decided_at=NOW,
                status="pending",
            )
            session.add(decision)
            await session.flush()
            made[sanction] = decision.id
    await member_with(sessions, settings, Role.CENTER_HEAD, None)
    heavy = await decide(
        sessions, settings, SARA, "center_head.appeal", SubjectRef("decision", str(made[5]))
    )
    assert isinstance(heavy, Grant)
    light = await decide(
        sessions, settings, SARA, "center_head.appeal", SubjectRef("decision", str(made[2]))
    )
    assert isinstance(light, Refusal) and light.reason is Refused.CONDITION
    assert light.action is not None and "(Article 24)" in str(light.action.condition_text)


async def test_a_one_time_buttons_second_press_is_a_replay(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await member_with(sessions, settings, Role.DESK, "tehran")
    once = {"test.once": StaffAction("test.once", None, SELF, None, "a test", once=True)}
    first = await decide(sessions, settings, SARA, "test.once", None, button="T1", actions=once)
    again = await decide(sessions, settings, SARA, "test.once", None, button="T1", actions=once)
    other = await decide(sessions, settings, SARA, "test.once", None, button="T2", actions=once)
    assert isinstance(first, Grant) and isinstance(other, Grant)
    assert isinstance(again, Refusal) and again.reason is Refused.REPLAYED
    unknown = await decide(sessions, settings, SARA, "no.such", None)
    assert isinstance(unknown, Refusal) and unknown.reason is Refused.UNKNOWN_ACTION
    log = await entries(sessions)
    assert [(e.button, e.outcome) for e in log[-4:-1]] == [
        ("T1", AuditOutcome.ALLOWED),
        ("T1", AuditOutcome.REFUSED),
        ("T2", AuditOutcome.ALLOWED),
    ]


def test_every_action_names_its_roles_subject_and_article() -> None:
    for action in ACTIONS.values():
        assert action.subject == SELF or action.roles, action.name
        assert action.roles is None or action.cites, action.name
        assert action.condition is None or action.condition_text, action.name


# ---- the audit log is insert-only ----


async def test_an_audit_entry_cannot_be_changed_or_deleted(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await decide(sessions, settings, CITIZEN, "staff.menu", None)
    async with sessions() as session:
        [entry] = await store.audit_entries(session)
        entry.outcome = AuditOutcome.ALLOWED
        with pytest.raises(AuditImmutable):
            await session.flush()
        await session.rollback()
    async with sessions() as session:
        [entry] = await store.audit_entries(session)
        await session.delete(entry)
        with pytest.raises(AuditImmutable):
            await session.flush()
        await session.rollback()
    async with sessions() as session:
        with pytest.raises(AuditImmutable):
            await session.execute(update(AuditEntry).values(outcome="allowed"))
        with pytest.raises(AuditImmutable):
            await session.execute(delete(AuditEntry))
        await session.rollback()
    for statement in ("UPDATE audit_log SET outcome = 'allowed'", "DELETE FROM audit_log"):
        async with sessions() as session:
            with pytest.raises(DBAPIError, match="insert-only"):
                await session.execute(text(statement))
            await session.rollback()
    [entry] = await entries(sessions)
    assert (entry.outcome, entry.reason) == (AuditOutcome.REFUSED, "not_staff")
