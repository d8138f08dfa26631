"""storage/statuses.py: every status kind's moves, as data and as enforced on a real store.

The complaint's moves are cases of the law (Arts. 15(e), 22, 26 note 2); the office's of
Arts. 19 and 23; cases, decisions and appeals of Arts. 22–24; the outbox and the jobs of the
delivery machinery's meaning. Each refusal leaves the row as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Any

import jdatetime
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import cases, decisions, settlement
from storage import complaints as complaint_store
from storage import jobs, notices, outbox
from storage.appeals import add_appeal
from storage.models import (
    Appeal,
    Case,
    Complaint,
    ComplaintEvent,
    Decision,
    Job,
    Manager,
    Office,
    OutboxMessage,
)
from storage.offices import OfficeRecord, upsert_offices
from storage.statuses import (
    APPEAL,
    CASE,
    COMPLAINT,
    DECISION,
    JOB,
    OFFICE,
    OUTBOX,
    AppealRuling,
    CaseStatus,
    ComplaintStatus,
    DecisionStatus,
    JobStatus,
    Lifecycle,
    OfficeStatus,
    OutboxStatus,
    StatusNotLoaded,
    TransitionRefused,
)
from storage.types import StatusText
from tests.store import test_discipline as discipline_builders

NOW = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)
LIFECYCLES: tuple[Lifecycle[Any], ...] = (COMPLAINT, OFFICE, CASE, DECISION, APPEAL, OUTBOX, JOB)

C = ComplaintStatus
OF = OfficeStatus
D = DecisionStatus
M = OutboxStatus


def every_move(lifecycle: Lifecycle[Any]) -> list[tuple[StrEnum, StrEnum]]:
    return [(a, b) for a in lifecycle.statuses for b in lifecycle.statuses if a != b]


# ---- the tables ----


@pytest.mark.parametrize("lifecycle", LIFECYCLES, ids=lambda lc: lc.kind)
def test_every_status_says_where_it_may_go_and_only_to_statuses_of_its_kind(
    lifecycle: Lifecycle[Any],
) -> None:
    assert set(lifecycle.moves) == set(lifecycle.statuses)
    for before, after in lifecycle.moves.items():
        assert before not in after  # staying put is no move
        assert all(isinstance(status, lifecycle.statuses) for status in after)
    assert lifecycle.starts <= set(lifecycle.statuses)


@pytest.mark.parametrize("lifecycle", LIFECYCLES, ids=lambda lc: lc.kind)
def test_sources_are_exactly_the_statuses_that_may_move_there(lifecycle: Lifecycle[Any]) -> None:
    for after in lifecycle.statuses:
        assert set(lifecycle.sources(after)) == {
            before for before in lifecycle.statuses if lifecycle.may(before, after)
        }


def test_a_table_that_forgets_a_status_is_refused() -> None:
    with pytest.raises(ValueError, match="no moves given"):
        Lifecycle("case", CaseStatus, frozenset([CaseStatus.OPEN]), {CaseStatus.OPEN: frozenset()})


# ---- complaints: Arts. 15(e), 22, 26 note 2 ----

#: Every move a complaint may make; every other one is refused.
COMPLAINT_MOVES = {
    (C.RECEIVED, C.UNDER_REVIEW),  # Art. 15(e)
    (C.RECEIVED, C.REFERRED_TO_BOARD),  # Art. 22
    (C.RECEIVED, C.DISMISSED),  # Art. 15(e)
    (C.UNDER_REVIEW, C.REFERRED_TO_BOARD),  # Arts. 15(e), 22
    (C.UNDER_REVIEW, C.DISMISSED),  # Art. 15(e)
    (C.REFERRED_TO_BOARD, C.DECIDED),  # Art. 22
}


@pytest.mark.parametrize(("before", "after"), sorted(COMPLAINT_MOVES))
def test_a_complaint_moves_as_the_law_lets_it(before: C, after: C) -> None:
    assert COMPLAINT.check(before, after) is after


@pytest.mark.parametrize(
    ("before", "after"), [move for move in every_move(COMPLAINT) if move not in COMPLAINT_MOVES]
)
def test_every_other_complaint_move_is_refused(before: C, after: C) -> None:
    with pytest.raises(TransitionRefused) as refused:
        COMPLAINT.check(before, after)
    assert (refused.value.kind, refused.value.before, refused.value.after) == (
        "complaint",
        before,
        after,
    )
    assert refused.value.allowed == COMPLAINT.allowed(before)


def test_what_the_law_refuses_a_complaint_is_refused_with_its_reason() -> None:
    # The Board has ruled: the complaint does not go back before it (Arts. 22–24).
    with pytest.raises(TransitionRefused, match="from decided to referred_to_board: decided is"):
        COMPLAINT.check("decided", "referred_to_board")
    # Nothing is decided but by the Board (Art. 22): not from received, not from the review.
    with pytest.raises(TransitionRefused, match="may go to under_review, referred_to_board, dism"):
        COMPLAINT.check("received", "decided")
    with pytest.raises(TransitionRefused):
        COMPLAINT.check("under_review", "decided")
    # Once referred, only the Board's ruling follows (Art. 22; Art. 26 note 2).
    for after in ("received", "under_review", "dismissed"):
        with pytest.raises(TransitionRefused, match=r"it may go to decided$"):
            COMPLAINT.check("referred_to_board", after)
    # The review does not go back to a fresh complaint.
    with pytest.raises(TransitionRefused):
        COMPLAINT.check("under_review", "received")
    # A dismissed complaint stays dismissed.
    for after in C:
        if after is not C.DISMISSED:
            with pytest.raises(TransitionRefused, match="dismissed is final"):
                COMPLAINT.check("dismissed", after)


def test_the_whole_road_to_a_decision_is_allowed() -> None:
    road = [C.RECEIVED, C.UNDER_REVIEW, C.REFERRED_TO_BOARD, C.DECIDED]
    for before, after in pairwise(road):
        assert COMPLAINT.may(before, after)


def test_a_refusal_is_a_value_error_that_names_everything() -> None:
    refused = TransitionRefused("complaint", C.DECIDED, C.REFERRED_TO_BOARD, ())
    assert isinstance(refused, ValueError)
    assert str(refused) == (
        "complaint status cannot go from decided to referred_to_board: decided is final"
    )
    assert str(TransitionRefused("complaint", C.RECEIVED, C.DECIDED, (C.UNDER_REVIEW,))) == (
        "complaint status cannot go from received to decided; from received it may go to "
        "under_review"
    )
    assert str(TransitionRefused("complaint", None, C.DECIDED, (C.RECEIVED,))) == (
        "a new complaint cannot start as decided; it starts as received"
    )


def test_staying_put_is_no_move_and_unknown_statuses_are_not_statuses() -> None:
    for lifecycle in LIFECYCLES:
        for status in lifecycle.statuses:
            assert lifecycle.check(status, status) is status
    with pytest.raises(ValueError, match="unknown complaint status 'open'; one of received, "):
        COMPLAINT.check("received", "open")
    assert not issubclass(TransitionRefused, KeyError)


def test_a_new_complaint_starts_received_and_nowhere_further() -> None:
    assert Complaint(status="received").status is C.RECEIVED
    for status in ("under_review", "referred_to_board", "decided", "dismissed"):
        with pytest.raises(TransitionRefused, match=f"a new complaint cannot start as {status}"):
            Complaint(status=status)


def test_an_unbuilt_complaint_moves_like_a_stored_one() -> None:
    complaint = Complaint(status="received")
    complaint.status = C.REFERRED_TO_BOARD
    complaint.status = C.DECIDED
    with pytest.raises(TransitionRefused):
        complaint.status = C.REFERRED_TO_BOARD
    assert complaint.status is C.DECIDED


def test_a_timeline_line_holds_a_complaint_status_or_none() -> None:
    assert ComplaintEvent(kind="status", status="decided").status is C.DECIDED
    assert ComplaintEvent(kind="withdrawn", status=None).status is None
    with pytest.raises(ValueError, match="unknown complaint status"):
        ComplaintEvent(kind="status", status="withdrawn")


# ---- offices: Arts. 19, 23 ----

OFFICE_MOVES = {
    (OF.ACTIVE, OF.SUSPENDED),
    (OF.ACTIVE, OF.REVOKED),
    (OF.ACTIVE, OF.CLOSED),
    (OF.SUSPENDED, OF.ACTIVE),
    (OF.SUSPENDED, OF.REVOKED),
    (OF.SUSPENDED, OF.CLOSED),
    (OF.CLOSED, OF.ACTIVE),
    (OF.CLOSED, OF.REVOKED),
}


def test_an_office_moves_as_its_licence_may() -> None:
    for before, after in every_move(OFFICE):
        assert OFFICE.may(before, after) == ((before, after) in OFFICE_MOVES), (before, after)
    # Art. 23.6: a revocation is permanent.
    for after in (OF.ACTIVE, OF.SUSPENDED, OF.CLOSED):
        with pytest.raises(TransitionRefused, match="revoked is final"):
            OFFICE.check(OF.REVOKED, after)
    # A suspension extended by a later decision is no move.
    assert OFFICE.check(OF.SUSPENDED, OF.SUSPENDED) is OF.SUSPENDED
    # The registry may first name an office in any state.
    assert {Office(status=status).status for status in OF} == set(OF)


# ---- cases, decisions, appeals: Arts. 22–24 ----


def test_a_case_is_opened_and_decided_once() -> None:
    assert CASE.check(CaseStatus.OPEN, CaseStatus.DECIDED) is CaseStatus.DECIDED
    with pytest.raises(TransitionRefused, match="decided is final"):
        CASE.check(CaseStatus.DECIDED, CaseStatus.OPEN)
    with pytest.raises(TransitionRefused, match="a new case cannot start as decided"):
        Case(status="decided")


DECISION_MOVES = {
    (D.PENDING, D.APPEALED),
    (D.PENDING, D.FINAL),
    (D.APPEALED, D.FINAL),
    (D.APPEALED, D.REPLACED),
    (D.APPEALED, D.OVERTURNED),
}


def test_a_decision_is_final_pending_an_appeal_or_ruled_on_appeal() -> None:
    for before, after in every_move(DECISION):
        assert DECISION.may(before, after) == ((before, after) in DECISION_MOVES), (before, after)
    # Art. 24: 1–4 start final, 5 and 6 start pending; nothing starts appealed or ruled.
    assert Decision(status="final").status is D.FINAL
    assert Decision(status="pending").status is D.PENDING
    for status in ("appealed", "replaced", "overturned"):
        with pytest.raises(TransitionRefused):
            Decision(status=status)
    # Not appealed, not ruled on appeal: only the window's close makes a pending one final.
    with pytest.raises(TransitionRefused):
        DECISION.check(D.PENDING, D.OVERTURNED)
    with pytest.raises(TransitionRefused):
        DECISION.check(D.FINAL, D.APPEALED)


def test_an_appeal_is_ruled_once() -> None:
    appeal = Appeal(by="manager", grounds="g")
    assert appeal.ruling is None
    appeal.ruling = AppealRuling.UPHOLD
    with pytest.raises(TransitionRefused, match="appeal status cannot go from uphold to overturn"):
        appeal.ruling = AppealRuling.OVERTURN
    assert appeal.ruling is AppealRuling.UPHOLD
    with pytest.raises(ValueError, match="unknown appeal status"):
        Appeal(ruling="quash")


# ---- the outbox and the jobs ----


def test_an_outbox_message_is_sent_once_and_retried_only_after_giving_up() -> None:
    assert OutboxMessage(status="pending").status is M.PENDING
    with pytest.raises(TransitionRefused):
        OutboxMessage(status="sent")
    allowed = {
        (M.PENDING, M.SENT),
        (M.PENDING, M.FAILED),
        (M.PENDING, M.UNDELIVERABLE),
        (M.FAILED, M.PENDING),  # `notices retry`
        (M.UNDELIVERABLE, M.PENDING),
        (M.FAILED, M.SENT),  # a late acceptance is the fact
        (M.UNDELIVERABLE, M.SENT),
    }
    for before, after in every_move(OUTBOX):
        assert OUTBOX.may(before, after) == ((before, after) in allowed), (before, after)


def test_a_job_is_done_or_given_up() -> None:
    allowed = {
        (JobStatus.PENDING, JobStatus.DONE),
        (JobStatus.PENDING, JobStatus.FAILED),
        (JobStatus.FAILED, JobStatus.DONE),
    }
    for before, after in every_move(JOB):
        assert JOB.may(before, after) == ((before, after) in allowed), (before, after)


# ---- on the store ----


def office_record(code: str = "2001", status: str = "active") -> OfficeRecord:
    return OfficeRecord(
        code=code,
        name="دفتر آزمایشی",
        name_key="دفترآزمایشی",
        province="razavi_khorasan",
        city="مشهد",
        address="خیابان امام",
        phone="",
        manager_name="علی احمدی",
        manager_mobile="09123456789",
        status=status,
        suspended_until=None,
    )


async def file_complaint(session: AsyncSession, code: str = "1234567890") -> Complaint:
    if await session.get(Office, "2001") is None:
        await upsert_offices(session, [office_record()], NOW)
    return await complaint_store.create(
        session,
        now=NOW,
        tracking_code=code,
        platform="telegram",
        platform_user_id=5_000_000_001,
        chat_id=5_000_000_001,
        office_code="2001",
        association_province="razavi_khorasan",
        violations=["25.12"],
        incident_date=jdatetime.date(1403, 8, 10),
        description="بیش از تعرفه گرفتند.",
        overcharge=None,
        complainant_name="زهرا محمدی",
        complainant_mobile="09121234567",
        complainant_national_id=None,
        identity_consent=False,
        locale="fa",
        keep_until=NOW + timedelta(days=1825),
    )


async def count(session: AsyncSession, model: type[Any]) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def test_the_columns_keep_their_strings() -> None:
    column = Complaint.__table__.c.status
    assert isinstance(column.type, StatusText)
    assert (column.type.statuses, column.type.impl.length) == (ComplaintStatus, 24)
    assert Office.__table__.c.status.type.impl.length == 16


async def test_statuses_load_back_as_members(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        complaint = await file_complaint(session)
        await complaint_store.set_status(session, complaint, "under_review", "n", NOW)
    async with sessions() as session:
        stored = await complaint_store.by_code(session, "1234567890")
        assert stored is not None
        assert stored.status is C.UNDER_REVIEW
        [first, second] = await complaint_store.timeline(session, stored.id)
        assert (first.status, second.status) == (C.RECEIVED, C.UNDER_REVIEW)
        assert (await session.get(Office, "2001")).status is OF.ACTIVE  # type: ignore[union-attr]
        found = await complaint_store.listing(session, status="under_review")
        assert [c.tracking_code for c in found] == ["1234567890"]


async def test_a_refused_move_writes_nothing_and_the_row_is_unchanged(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        complaint = await file_complaint(session)
        for status in ("referred_to_board", "decided"):
            await complaint_store.set_status(session, complaint, status, None, NOW)
    with pytest.raises(TransitionRefused, match="from decided to referred_to_board"):
        async with sessions() as session, session.begin():
            stored = await complaint_store.by_code(session, "1234567890")
            assert stored is not None
            await complaint_store.set_status(session, stored, "referred_to_board", "x", NOW)
    async with sessions() as session:
        stored = await complaint_store.by_code(session, "1234567890")
        assert stored is not None
        assert stored.status is C.DECIDED
        events = await complaint_store.timeline(session, stored.id)
        assert [e.status for e in events] == [C.RECEIVED, C.REFERRED_TO_BOARD, C.DECIDED]


async def test_a_refused_move_leaves_the_object_as_it_was(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        complaint = await file_complaint(session)
        with pytest.raises(TransitionRefused, match="from received to decided"):
            await complaint_store.set_status(session, complaint, "decided", None, NOW)
        assert complaint.status is C.RECEIVED
        assert len(await complaint_store.timeline(session, complaint.id)) == 1


async def test_an_expired_status_is_loaded_before_it_is_moved(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        complaint = await file_complaint(session)
        session.expire(complaint, ["status"])
        with pytest.raises(StatusNotLoaded, match="complaint status is not loaded"):
            complaint.status = C.UNDER_REVIEW
        await session.refresh(complaint, ["status"])
        complaint.status = C.UNDER_REVIEW


async def test_a_registry_import_cannot_bring_back_a_revoked_licence(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        await upsert_offices(session, [office_record(status="revoked")], NOW)
    with pytest.raises(TransitionRefused, match="office status cannot go from revoked to active"):
        async with sessions() as session, session.begin():
            await upsert_offices(
                session, [office_record("2002"), office_record(status="active")], NOW
            )
    async with sessions() as session:
        office = await session.get(Office, "2001")
        assert office is not None and office.status is OF.REVOKED
        assert await session.get(Office, "2002") is None  # nothing of the import stands


async def test_a_registry_import_moves_the_status_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        await upsert_offices(session, [office_record(status="suspended")], NOW)
        office = await session.get(Office, "2001")
        assert office is not None
        # A decision revoked it: a file that still says suspended leaves it revoked, and never
        # passes it through "suspended" on the way (revoked -> suspended is refused).
        office.status, office.status_decided_by = OF.REVOKED, 7
    async with sessions() as session, session.begin():
        result = await upsert_offices(session, [office_record(status="active")], NOW)
    assert result.conflicts == (("2001", "active", "revoked"),)


async def test_an_appeal_is_ruled_once_on_the_store(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        await upsert_offices(session, [office_record()], NOW)
        manager = await session.scalar(select(Manager))
        assert manager is not None
        case = Case(
            office_code="2001", source="complaints", complaint_ids=[], opened_at=NOW, status="open"
        )
        session.add(case)
        await session.flush()
        case.status = CaseStatus.DECIDED
        decision = Decision(
            case_id=case.id,
            manager_id=manager.id,
            violations=["25.12"],
            committed_on=jdatetime.date(1403, 7, 1),
            sanction=6,
            crime_referral=False,
            decided_at=NOW,
            status="pending",
        )
        session.add(decision)
        await session.flush()
        appeal = await add_appeal(session, decision, "manager", "grounds", NOW)
        assert decision.status is D.APPEALED
        appeal.ruling = AppealRuling.UPHOLD
        decision.status = D.FINAL
        appeal_id = appeal.id
    with pytest.raises(TransitionRefused):
        async with sessions() as session, session.begin():
            stored = await session.get(Appeal, appeal_id)
            assert stored is not None and stored.ruling is AppealRuling.UPHOLD
            stored.ruling = AppealRuling.OVERTURN
    with pytest.raises(TransitionRefused, match="decision status cannot go from final to appe"):
        async with sessions() as session, session.begin():
            stored_decision = await session.get(Decision, decision.id)
            assert stored_decision is not None
            await add_appeal(session, stored_decision, "manager", "again", NOW)
    async with sessions() as session:
        assert await count(session, Appeal) == 1
        stored = await session.get(Appeal, appeal_id)
        assert stored is not None and stored.ruling is AppealRuling.UPHOLD


async def outbox_row(session: AsyncSession, kind: str = "notice") -> int:
    [row_id] = await outbox.enqueue(
        session,
        platform="telegram",
        chat_id=1,
        kind=kind,
        payloads=[{"text": "x"}],
        update_id=None,
        now=NOW,
    )
    return row_id


async def stored_outbox(sessions: async_sessionmaker[AsyncSession], row_id: int) -> OutboxMessage:
    async with sessions() as session:
        row = await session.get(OutboxMessage, row_id)
        assert row is not None
        return row


async def test_the_outbox_updates_go_through_the_lifecycle(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        reply, notice = await outbox_row(session, "reply"), await outbox_row(session)
        await outbox.mark_sent(session, reply, 41, NOW)
        await notices.record(session, notice, NOW, "rejected", detail="no", status="failed")
    assert (await stored_outbox(sessions, reply)).status is M.SENT
    assert (await stored_outbox(sessions, notice)).status is M.FAILED

    # Sent is sent: neither given up on afterwards nor queued again.
    with pytest.raises(TransitionRefused, match="from sent to undeliverable: sent is final"):
        async with sessions() as session, session.begin():
            await outbox.mark_failed_attempt(session, reply, "gone", final_status="undeliverable")
    with pytest.raises(TransitionRefused, match="from sent to pending"):
        async with sessions() as session, session.begin():
            row = await session.get(OutboxMessage, reply)
            assert row is not None
            row.status = M.PENDING
    after = await stored_outbox(sessions, reply)
    assert (after.status, after.attempts, after.last_error) == (M.SENT, 1, None)

    # A failed notice goes back to pending only by a retry (an assignment), then is sent.
    with pytest.raises(TransitionRefused):
        async with sessions() as session, session.begin():
            await notices.record(session, notice, NOW, "undeliverable", status="undeliverable")
    assert (await stored_outbox(sessions, notice)).attempts == 1
    async with sessions() as session, session.begin():
        row = await session.get(OutboxMessage, notice)
        assert row is not None
        row.status = M.PENDING
    async with sessions() as session, session.begin():
        await notices.record(session, notice, NOW, "sent", message_id=42)
        await outbox.mark_sent(session, notice, 42, NOW)  # sent twice: no move
    assert (await stored_outbox(sessions, notice)).status is M.SENT

    # A row that is not there is left alone, as before.
    async with sessions() as session, session.begin():
        await outbox.mark_sent(session, 999_999, 1, NOW)
        assert not await OUTBOX.update(
            session, OutboxMessage, OutboxMessage.id == 999_999, M.FAILED
        )


async def test_a_job_done_is_not_given_up(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session, session.begin():
        [job_id] = await jobs.add_jobs(session, "telegram", [("fetch", {})], NOW)
        await jobs.finish_job(session, job_id, error="boom")  # tried again later: no move
        job = await session.get(Job, job_id)
        assert job is not None and job.status is JobStatus.PENDING
        await jobs.finish_job(session, job_id)
    with pytest.raises(TransitionRefused, match="job status cannot go from done to failed"):
        async with sessions() as session, session.begin():
            await jobs.finish_job(session, job_id, error="late", give_up=True)
    async with sessions() as session:
        job = await session.get(Job, job_id)
        assert job is not None
        assert (job.status, job.last_error) == (JobStatus.DONE, "boom")


# ---- the discipline's own moves (bot/domain/cases.py, decisions.py, settlement.py) ----


async def test_a_dismissed_complaint_is_not_referred_and_no_case_is_opened(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await discipline_builders.add_office(session)
        heard = await discipline_builders.add_complaint(session, discipline_builders.at(1403, 8, 1))
        dismissed = await discipline_builders.add_complaint(
            session, discipline_builders.at(1403, 8, 1)
        )
        await complaint_store.set_status(session, dismissed, "dismissed", "nothing", NOW)
    with pytest.raises(TransitionRefused, match="from dismissed to referred_to_board"):
        async with sessions() as session, session.begin():
            await cases.open_case_from_complaints(
                session,
                settings,
                discipline_builders.at(1403, 8, 2),
                office_code=discipline_builders.OFFICE,
                tracking_codes=[heard.tracking_code, dismissed.tracking_code],
            )
    async with sessions() as session:
        assert await count(session, Case) == 0
        assert await count(session, OutboxMessage) == 0  # nobody was told of a referral
        stored = await complaint_store.by_code(session, heard.tracking_code)
        assert stored is not None and stored.status is C.RECEIVED


async def test_a_final_suspension_of_a_closed_office_leaves_it_closed(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    at, jd = discipline_builders.at, discipline_builders.jd
    async with sessions() as session, session.begin():
        await discipline_builders.add_office(session, status="closed")
        decision = await discipline_builders.decide(
            session, settings, at(1403, 6, 11, 8), committed_on=jd(1403, 6, 1), sanction=5, months=3
        )
        await decisions.mark_served(
            session, settings, at(1403, 6, 12), decision_id=decision.id, on=jd(1403, 6, 11)
        )
        done = await settlement.settle(session, settings, at(1403, 7, 1))
        office = await session.get(Office, discipline_builders.OFFICE)
        assert office is not None
        assert (office.status, office.suspended_until) == (OF.CLOSED, None)
        assert decision.status is D.FINAL
    assert any("is closed; the suspension changes nothing" in line for line in done)
