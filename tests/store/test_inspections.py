"""bot/domain/inspections.py and inspection_report.py as cases of Art. 21: an unannounced visit is
ad hoc and never ahead; the reasoned report, from the on-site checklist, reaches the Council's
members with its document, and its findings open a case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import inspection_report, inspections
from bot.domain.refusals import DisciplineError
from bot.domain.staff import ChatIdentity
from bot.messages.replies import Reply
from bot.rules.inspection_checklist import CHECKLIST, MET, NOT_CHECKED, NOT_MET, findings_of
from storage import complaints as evidence_store
from storage.models import Case, Inspection, Notice, OutboxMessage
from storage.statuses import Role
from tests.store.test_discipline import OFFICE, add_office, at, count
from tests.store.test_staff import member_with

COUNCIL_ON_TELEGRAM = ChatIdentity("telegram", 5_000_000_001, 5_000_000_001)
COUNCIL_ON_BALE = ChatIdentity("bale", 2_000_000_077, 2_000_000_077)
REASONS = "تعرفه‌ها نصب نبود و مدیر دفتر در ساعت اداری حاضر نبود؛ کارکنان همکاری کردند."


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, evidence_dir=str(tmp_path / "evidence"))  # type: ignore[call-arg]


def all_met(**changed: str) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {
        item.id: {"result": MET, "note": None, "photos": []} for item in CHECKLIST
    }
    for item_id, result in changed.items():
        results[item_id.replace("_", ".", 1)]["result"] = result
    return results


async def test_21_a_periodic_inspection_cannot_be_recorded_unannounced(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        with pytest.raises(DisciplineError) as refused:
            await inspections.record_unannounced_visit(
                session,
                settings,
                at(1403, 8, 15),
                office_code=OFFICE,
                kind="periodic",
                visited_at=at(1403, 8, 15, 10),
            )
        assert refused.value.field == "kind"
        assert "scheduled and announced" in refused.value.message
        assert await count(session, Inspection) == 0
        # The same visit, ad hoc, is recorded as unannounced, and no notice goes to the manager.
        visit = await inspections.record_unannounced_visit(
            session,
            settings,
            at(1403, 8, 15),
            office_code=OFFICE,
            visited_at=at(1403, 8, 15, 10),
            inspector="رضا رضایی",
        )
        assert (visit.kind, visit.announced, visit.visited_at) == (
            "ad_hoc",
            False,
            at(1403, 8, 15, 10),
        )
        assert await count(session, Notice) == 0
        assert await count(session, OutboxMessage) == 0


async def test_21_an_unannounced_visit_cannot_be_in_the_future(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        with pytest.raises(DisciplineError) as refused:
            await inspections.record_unannounced_visit(
                session,
                settings,
                at(1403, 8, 15, 10),
                office_code=OFFICE,
                visited_at=at(1403, 8, 15, 10, 1),
            )
        assert refused.value.field == "at"
        assert "in the future" in refused.value.message
        assert await count(session, Inspection) == 0
        # Now is no future: a visit recorded as it is made is taken.
        await inspections.record_unannounced_visit(
            session,
            settings,
            at(1403, 8, 15, 10),
            office_code=OFFICE,
            visited_at=at(1403, 8, 15, 10),
        )
        assert await count(session, Inspection) == 1


async def test_21_the_reasoned_report_reaches_the_council(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    # Two Council members (the Appeals Board's members are the Council's, Art. 24), one a chat
    # on each platform; an inspector of another role's chat gets nothing.
    await member_with(sessions, settings, Role.APPEALS_BOARD, None, COUNCIL_ON_TELEGRAM)
    await member_with(sessions, settings, Role.APPEALS_BOARD, None, COUNCIL_ON_BALE)
    inspector_id = await member_with(sessions, settings, Role.INSPECTOR, "tehran")
    async with sessions() as session, session.begin():
        await add_office(session)
        visit = await inspections.record_unannounced_visit(
            session,
            settings,
            at(1403, 8, 15, 11),
            office_code=OFFICE,
            visited_at=at(1403, 8, 15, 10),
        )
        photo = await evidence_store.add_evidence(
            session,
            platform="telegram",
            platform_user_id=1,
            complaint_id=None,
            inspection_id=visit.id,
            file_id="board-photo",
            kind="photo",
            file_name=None,
            mime_type=None,
            size=10,
            received_at=at(1403, 8, 15, 10, 5),
        )
        results = all_met(**{"25_1": NOT_MET, "25_2": NOT_MET, "3_it_expert": NOT_MET})
        results["25.13"]["result"] = NOT_CHECKED
        results["25.1"].update(note="تابلوی تعرفه نبود.", photos=[photo.id])
        filed = await inspection_report.file_report(
            session,
            settings,
            at(1403, 8, 15, 12),
            inspection_id=visit.id,
            results=results,
            conclusion=REASONS,
            inspector_member_id=inspector_id,
            inspector_name="رضا رضایی",
        )
    inspection = filed.inspection
    # The findings are the Art. 25 clauses of the items not met; the IT expert (Art. 3) is not one.
    assert inspection.findings == ["25.1", "25.2"]
    assert filed.case is not None and filed.case.source == "inspection"
    assert inspection.report_sent_at == at(1403, 8, 15, 12)
    assert inspection.checklist is not None and inspection.checklist["25.1"]["photos"] == [photo.id]
    assert inspection.inspector_member_id == inspector_id
    report = Path(str(inspection.report_path)).read_text()
    assert report == inspection.report_text
    for said in (
        "گزارش مستدل بازرسی شماره‌ی ۱ (ماده‌ی ۲۱)",
        "بازرسی: موردی، بدون اعلام پیشین",
        "بازرس: رضا رضایی",
        "توضیح: تابلوی تعرفه نبود.",
        "عکس‌ها: ۱",
        "نتیجه: بررسی نشد",
        REASONS,
        "یافته‌ها: ماده‌ی ۲۵، بندهای ۱، ۲",
        "کمبود کارکنان (ماده‌ی ۳): آیا دفتر دست‌کم یک کارشناس فناوری اطلاعات دارد؟",
    ):
        assert said in report, said
    async with sessions() as session:
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        assert await count(session, Case) == 1
    sent = {(row.platform, row.chat_id): Reply.from_payload(row.payload, row.id) for row in rows}
    assert set(sent) == {("telegram", 5_000_000_001), ("bale", 2_000_000_077)}
    for reply in sent.values():
        assert reply.text.startswith("📋 گزارش مستدل بازرسی شماره‌ی ۱ از دفتر ۲۰۰۱ (ماده‌ی ۲۱)")
        assert "پرونده‌ی شماره‌ی ۱ در هیئت بدوی گشوده شد" in reply.text
        assert reply.attachment is not None and reply.attachment.kind == "document"
        assert reply.attachment.path == inspection.report_path


async def test_21_a_report_is_refused_whole_before_anything_is_written(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        visit = await inspections.record_unannounced_visit(
            session,
            settings,
            at(1403, 8, 15, 11),
            office_code=OFFICE,
            visited_at=at(1403, 8, 15, 9),
        )
        incomplete = all_met()
        del incomplete["25.9"]
        foreign_photo = all_met()
        foreign_photo["25.6"]["photos"] = [999]
        for results, conclusion in (
            (incomplete, REASONS),
            (foreign_photo, REASONS),
            (all_met(), "کوتاه"),
        ):
            with pytest.raises(DisciplineError):
                await inspection_report.file_report(
                    session,
                    settings,
                    at(1403, 8, 15, 12),
                    inspection_id=visit.id,
                    results=results,
                    conclusion=conclusion,
                )
        assert visit.recorded_at is None and visit.report_path is None
        # A clean visit is recorded, opens nothing, and is kept unsent with no Council chat.
        filed = await inspection_report.file_report(
            session,
            settings,
            at(1403, 8, 15, 12),
            inspection_id=visit.id,
            results=all_met(),
            conclusion=REASONS,
        )
        assert (filed.case, filed.council_rows, filed.inspection.findings) == (None, [], [])
        assert filed.inspection.report_sent_at is None
        with pytest.raises(DisciplineError):
            await inspection_report.file_report(
                session,
                settings,
                at(1403, 8, 15, 13),
                inspection_id=visit.id,
                results=all_met(),
                conclusion=REASONS,
            )


def test_21_staffing_items_are_reported_but_are_no_clause_of_25() -> None:
    results = {item.id: NOT_MET for item in CHECKLIST if item.article == "3"}
    assert findings_of(results) == []
    assert all(item.violation is None for item in CHECKLIST if item.article == "3")
    observable = [item.violation for item in CHECKLIST if item.article == "25"]
    assert observable == ["25.1", "25.2", "25.6", "25.7", "25.9", "25.13"]
