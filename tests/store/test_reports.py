"""bot/domain/reports.py and storage/reports.py: the figures of a report (Arts. 15(b), 15(c),
15(e), 21) for a period and a scope equal a store seeded with known counts; a row one moment
outside the period, or outside the scope, is not counted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import jdatetime
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain.reports import Period, Report, ReportError, build_report, scope_named
from bot.rules.inspection_checklist import CHECKLIST, MET, NOT_MET
from storage.database import migrate, open_engine, session_factory
from storage.models import (
    Appeal,
    Case,
    Complaint,
    ComplaintEvent,
    Decision,
    Inspection,
    Manager,
    Notice,
    Office,
    OutboxMessage,
)
from storage.statuses import ComplaintStatus, OutboxStatus
from tests.store.test_discipline import at

TEHRAN, MASHHAD, BIRJAND = "1001", "2001", "3001"
PROVINCES = {TEHRAN: "tehran", MASHHAD: "razavi_khorasan", BIRJAND: "south_khorasan"}
#: When the report is counted: 1403/09/20 12:00 Tehran.
NOW = at(1403, 9, 20)
AUTUMN_MONTH = Period.month(1403, 8)
FIRST_ITEM, SECOND_ITEM = CHECKLIST[0].id, CHECKLIST[1].id
_C = ComplaintStatus


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None, association_provinces="tehran,razavi_khorasan")  # type: ignore[call-arg]


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    db = open_engine(database_url)
    await migrate(db)
    factory = session_factory(db)
    async with factory() as session, session.begin():
        await seed(session)
    yield factory
    await db.dispose()


def _office(code: str) -> Office:
    return Office(
        code=code,
        name=f"دفتر {code}",
        name_key=f"دفتر {code}",
        province=PROVINCES[code],
        city="شهر",
        address="نشانی",
        phone="02100000000",
        manager_name="مدیر",
        manager_mobile="09120000000",
        status="active",
        updated_at=at(1402, 1, 1),
    )


_codes = iter(range(10_000, 99_999))


def _complaint(
    office: str, filed: datetime, clauses: list[str], moves: list[tuple[ComplaintStatus, float]]
) -> tuple[Complaint, list[tuple[ComplaintStatus, datetime]]]:
    """A complaint and its status moves, each *days* after filing."""
    complaint = Complaint(
        tracking_code=f"R{next(_codes)}",
        platform="telegram",
        platform_user_id=1,
        chat_id=1,
        office_code=office,
        association_province=PROVINCES[office],
        violations=clauses,
        unclassified=not clauses,
        incident_date=jdatetime.date(1403, 7, 1),
        description="شرح",
        overcharge=None,
        complainant_name="شاکی",
        complainant_mobile="09350000000",
        status=_C.RECEIVED,
        locale="fa",
        created_at=filed,
        keep_until=filed + timedelta(days=1825),
    )
    for status, _days in moves:
        complaint.status = status
    return complaint, [(status, filed + timedelta(days=days)) for status, days in moves]


def _inspection(office: str, kind: str, visited: datetime, **more: Any) -> Inspection:
    return Inspection(office_code=office, kind=kind, at=visited, created_at=visited, **more)


def _sheet(first: str, second: str) -> dict[str, Any]:
    return {
        FIRST_ITEM: {"result": first, "note": None, "photos": []},
        SECOND_ITEM: {"result": second, "note": None, "photos": []},
    }


async def seed(session: AsyncSession) -> None:
    """Three offices in three provinces (the Association of razavi_khorasan serves two of them,
    Art. 12), and what the expected figures below count."""
    session.add_all([_office(code) for code in PROVINCES])
    await session.flush()
    complaints = [
        _complaint(TEHRAN, at(1403, 8, 1, 10), ["25.12"], []),
        _complaint(TEHRAN, at(1403, 8, 10), ["25.12", "25.3"], [(_C.UNDER_REVIEW, 2)]),
        _complaint(
            MASHHAD, at(1403, 8, 5), ["25.3"], [(_C.REFERRED_TO_BOARD, 5), (_C.DECIDED, 20)]
        ),
        # The last day's last half hour, Tehran time: inside the month.
        _complaint(MASHHAD, at(1403, 8, 30, 23, 30), [], [(_C.DISMISSED, 1)]),
        _complaint(
            BIRJAND, at(1403, 8, 15), ["25.1"], [(_C.REFERRED_TO_BOARD, 10), (_C.DECIDED, 30)]
        ),
        # One moment outside on either side: the first moment of 09/01, the last minute of 07/30.
        _complaint(MASHHAD, at(1403, 9, 1, 0, 0), ["25.12"], [(_C.DISMISSED, 1)]),
        _complaint(TEHRAN, at(1403, 7, 30, 23, 59), ["25.12"], []),
    ]
    session.add_all([complaint for complaint, _ in complaints])
    await session.flush()
    for complaint, moves in complaints:
        # As storage.complaints.create records it: the receipt, at filing, is no first response.
        receipt = [(_C.RECEIVED, complaint.created_at)]
        for status, moved in receipt + moves:
            session.add(
                ComplaintEvent(complaint_id=complaint.id, kind="status", status=status, at=moved)
            )
    # A note is no status move: not a first response.
    session.add(
        ComplaintEvent(complaint_id=complaints[0][0].id, kind="note", note="n", at=at(1403, 8, 2))
    )

    recorded = {"recorded_at": at(1403, 8, 25)}
    session.add_all(
        [
            _inspection(
                MASHHAD,
                "periodic",
                at(1403, 8, 12),
                findings=["25.3"],
                checklist=_sheet(MET, NOT_MET),
                **recorded,
            ),
            _inspection(
                TEHRAN,
                "ad_hoc",
                at(1403, 8, 20),
                findings=[],
                checklist=_sheet(MET, MET),
                **recorded,
            ),
            _inspection(
                MASHHAD,
                "periodic",
                at(1403, 9, 2),
                findings=["25.1"],
                checklist=None,
                recorded_at=at(1403, 9, 3),
            ),
            _inspection(BIRJAND, "periodic", at(1403, 8, 27)),  # scheduled, not yet recorded
        ]
    )
    mashhad = Manager(
        office_code=MASHHAD, name="م", mobile="09120000001", started_at=at(1402, 1, 1)
    )
    birjand = Manager(
        office_code=BIRJAND, name="ب", mobile="09120000002", started_at=at(1402, 1, 1)
    )
    session.add_all([mashhad, birjand])
    await session.flush()

    def case(office: str, source: str, opened: datetime) -> Case:
        return Case(
            office_code=office, source=source, complaint_ids=[], opened_at=opened, status="open"
        )

    cases = [
        case(MASHHAD, "complaints", at(1403, 8, 6)),
        case(MASHHAD, "inspection", at(1403, 8, 13)),
        case(BIRJAND, "complaints", at(1403, 8, 16)),
        case(MASHHAD, "complaints", at(1403, 9, 4)),  # outside
    ]
    session.add_all(cases)
    await session.flush()

    def decision(case_: Case, manager: Manager, degree: int, decided: datetime) -> Decision:
        made = Decision(
            case_id=case_.id,
            manager_id=manager.id,
            violations=["25.3"],
            committed_on=jdatetime.date(1403, 8, 1),
            sanction=degree,
            months=1 if degree == 5 else None,
            decided_at=decided,
            final_at=decided if degree < 5 else None,
            status="final" if degree < 5 else "pending",
        )
        return made

    reprimand = decision(cases[0], mashhad, 2, at(1403, 8, 20))
    suspension = decision(cases[2], birjand, 5, at(1403, 8, 25))
    suspension.status = "appealed"
    suspension.status = "final"
    suspension.final_at = at(1403, 8, 29)
    session.add_all([reprimand, suspension, decision(cases[3], mashhad, 1, at(1403, 9, 5))])
    await session.flush()
    session.add(
        Appeal(
            decision_id=suspension.id,
            by="manager",
            grounds="g",
            filed_at=at(1403, 8, 28),
            ruling="uphold",
            ruled_at=at(1403, 8, 29),
        )
    )

    def notice(made: datetime, acknowledged: datetime | None, *outcomes: OutboxStatus) -> None:
        row = Notice(
            manager_id=mashhad.id,
            office_code=MASHHAD,
            kind="decision",
            subject_id=reprimand.id,
            content={},
            created_at=made,
            acknowledged_at=acknowledged,
        )
        session.add(row)
        pending.append((row, outcomes))

    pending: list[tuple[Notice, tuple[OutboxStatus, ...]]] = []
    notice(at(1403, 8, 20), at(1403, 8, 20, 18), OutboxStatus.SENT)
    notice(at(1403, 8, 21), None, OutboxStatus.UNDELIVERABLE)
    notice(at(1403, 8, 22), at(1403, 8, 23, 6), OutboxStatus.UNDELIVERABLE, OutboxStatus.SENT)
    notice(at(1403, 8, 23), None, OutboxStatus.PENDING)
    notice(at(1403, 9, 5), at(1403, 9, 5, 13), OutboxStatus.SENT)  # outside
    await session.flush()
    for row, outcomes in pending:
        for number, outcome in enumerate(outcomes):
            message = OutboxMessage(
                platform="telegram",
                chat_id=7_000_000_000 + number,
                kind="notice",
                payload={},
                status=OutboxStatus.PENDING,
                created_at=row.created_at,
                notice_id=row.id,
            )
            message.status = outcome
            session.add(message)


#: Every figure of the month, nationally, as the seed makes it.
NATIONAL: dict[str, dict[str, Any]] = {
    "complaints": {
        "received": 5,
        "by_clause.25.1": 1,
        "by_clause.25.12": 2,
        "by_clause.25.3": 2,
        "by_clause.unclassified": 1,
        "by_province.razavi_khorasan": 2,
        "by_province.south_khorasan": 1,
        "by_province.tehran": 2,
        "by_status.received": 1,
        "by_status.under_review": 1,
        "by_status.referred_to_board": 0,
        "by_status.decided": 2,
        "by_status.dismissed": 1,
    },
    "service_targets": {
        # First moves after 2, 5, 1 and 10 days.
        "first_response.count": 4,
        "first_response.median_days": 3.5,
        "first_response.p90_days": 8.5,
        "first_response.target_days": 7,
        "first_response.within_target": 3,
        "referral_or_close.count": 3,
        "referral_or_close.median_days": 5.0,
        "referral_or_close.p90_days": 9.0,
        "referral_or_close.target_days": 30,
        "referral_or_close.within_target": 3,
        "decision.count": 3,
        "decision.median_days": 20.0,
        "decision.p90_days": 28.0,
        # 1403/08/01 is 49 days before NOW, 1403/08/10 is 40.
        "overdue.first_response": 1,
        "overdue.referral": 2,
        "overdue.escalation": 1,
    },
    "inspections": {
        "done": 2,
        "by_kind.ad_hoc": 1,
        "by_kind.periodic": 1,
        "findings.25.3": 1,
        f"checklist.{FIRST_ITEM}.met": 2,
        f"checklist.{SECOND_ITEM}.met": 1,
        f"checklist.{SECOND_ITEM}.not_met": 1,
    },
    "discipline": {
        "cases.opened": 3,
        "cases.by_source.complaints": 2,
        "cases.by_source.inspection": 1,
        "rulings.made": 2,
        "rulings.by_degree.1": 0,
        "rulings.by_degree.2": 1,
        "rulings.by_degree.3": 0,
        "rulings.by_degree.4": 0,
        "rulings.by_degree.5": 1,
        "rulings.by_degree.6": 0,
        "rulings.by_status.final": 2,
        "rulings.made_final": 2,
        "appeals.filed": 1,
        "appeals.by_ruling.uphold": 1,
    },
    "notices": {
        "written": 4,
        "delivered": 2,
        "undeliverable": 1,
        "acknowledged": 2,
        "acknowledgement.median_days": 0.5,  # 6 and 18 hours
    },
    "offices": {f"decided.{MASHHAD}": 1, f"decided.{BIRJAND}": 1},
}


#: The article each section reports under.
ARTICLES = {
    "complaints": "15(e)",
    "service_targets": "15(e), service targets (configuration)",
    "inspections": "15(b), 21",
    "discipline": "15(c)",
    "notices": "15(c), the service's practice",
    "offices": "15(e)",
}


def figures(report: Report) -> dict[str, dict[str, Any]]:
    return {s.name: {f.key: f.value for f in s.figures} for s in report.sections}


async def report_of(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, scope: str, period: Period
) -> Report:
    async with sessions() as session:
        return await build_report(session, settings, period, scope_named(scope, settings), NOW)


async def test_15_every_figure_of_a_national_month_equals_the_seed(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    report = await report_of(sessions, settings, "national", AUTUMN_MONTH)
    assert figures(report) == NATIONAL
    assert report.start == datetime(2024, 10, 21, 20, 30, tzinfo=UTC)  # 1403/08/01 00:00 Tehran
    assert report.end == datetime(2024, 11, 20, 20, 30, tzinfo=UTC)  # 1403/09/01 00:00 Tehran


async def test_every_figure_names_the_article_it_reports_under(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    report = await report_of(sessions, settings, "national", AUTUMN_MONTH)
    assert {s.name: s.article for s in report.sections} == ARTICLES
    assert report.section("complaints").figures[1].article == "25.1"
    assert all(f.article for s in report.sections for f in s.figures)


async def test_a_province_counts_only_its_offices(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    report = figures(await report_of(sessions, settings, "province:razavi_khorasan", AUTUMN_MONTH))
    assert report["complaints"]["received"] == 2
    assert report["complaints"]["by_province.razavi_khorasan"] == 2
    assert "by_province.tehran" not in report["complaints"]
    assert report["inspections"]["done"] == 1
    assert report["discipline"]["cases.opened"] == 2
    assert report["discipline"]["appeals.filed"] == 0
    assert report["notices"]["written"] == 4
    assert report["offices"] == {f"decided.{MASHHAD}": 1}


async def test_12_an_association_counts_the_provinces_it_serves(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    scope = scope_named("association:razavi_khorasan", settings)
    assert scope.provinces is not None and "south_khorasan" in scope.provinces
    report = figures(await report_of(sessions, settings, scope.name, AUTUMN_MONTH))
    assert report["complaints"]["received"] == 3
    assert report["discipline"]["rulings.made"] == 2
    assert report["discipline"]["appeals.filed"] == 1
    tehran = figures(await report_of(sessions, settings, "association:tehran", AUTUMN_MONTH))
    assert tehran["complaints"]["received"] == 2
    assert tehran["notices"]["written"] == 0


async def test_a_complaint_one_day_outside_the_period_is_not_counted(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    first = jdatetime.date(1403, 8, 1)
    one_day = figures(await report_of(sessions, settings, "national", Period(first, first)))
    assert one_day["complaints"]["received"] == 1
    two_months = Period(jdatetime.date(1403, 7, 30), jdatetime.date(1403, 9, 1))
    wider = figures(await report_of(sessions, settings, "national", two_months))
    assert wider["complaints"]["received"] == 7
    assert wider["inspections"]["done"] == 2  # the visit of 09/02 is a day later still


async def test_21_an_inspection_without_a_checklist_counts_as_done_with_no_results(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    autumn = figures(await report_of(sessions, settings, "national", Period.quarter(1403, 3)))
    assert autumn["inspections"]["done"] == 3
    assert autumn["inspections"]["findings.25.1"] == 1
    checklist = {k: v for k, v in autumn["inspections"].items() if k.startswith("checklist.")}
    assert checklist == {
        k: v for k, v in NATIONAL["inspections"].items() if k.startswith("checklist.")
    }


async def test_the_progress_is_told_as_each_section_is_counted(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    queries = 0

    def counted(*_: object) -> None:
        nonlocal queries
        queries += 1

    told: list[tuple[int, int, int]] = []

    def progress(done: int, total: int) -> None:
        told.append((done, total, queries))

    national = scope_named("national", settings)
    async with sessions() as session:
        engine = session.sync_session.get_bind()
        event.listen(engine, "after_cursor_execute", counted)
        try:
            report = await build_report(session, settings, AUTUMN_MONTH, national, NOW, progress)
        finally:
            event.remove(engine, "after_cursor_execute", counted)
    assert [(done, total) for done, total, _ in told] == [(n, 6) for n in range(1, 7)]
    # Told between the queries, as each section is done: the last after the last query.
    asked = [queries_then for _, _, queries_then in told]
    assert asked == sorted(set(asked)) and asked[0] > 0 and asked[-1] == queries
    assert figures(report) == NATIONAL  # the same report as without a progress to tell


def test_periods_of_a_month_a_quarter_and_a_year() -> None:
    assert Period.month(1403, 12).last == jdatetime.date(1403, 12, 30)  # 1403 is a leap year
    assert Period.quarter(1403, 3) == Period(
        jdatetime.date(1403, 7, 1), jdatetime.date(1403, 9, 30)
    )
    assert Period.year(1402).last == jdatetime.date(1402, 12, 29)
    with pytest.raises(ReportError, match="starts"):
        Period(jdatetime.date(1403, 8, 2), jdatetime.date(1403, 8, 1))
    with pytest.raises(ReportError, match="quarter is 1 to 4"):
        Period.quarter(1403, 5)


def test_an_unknown_scope_is_refused_by_name(settings: Settings) -> None:
    with pytest.raises(ReportError, match="unknown province 'atlantis'"):
        scope_named("province:atlantis", settings)
    with pytest.raises(ReportError, match="unknown Association 'semnan'"):
        scope_named("association:semnan", settings)
    with pytest.raises(ReportError, match="unknown scope 'planet'"):
        scope_named("planet", settings)
