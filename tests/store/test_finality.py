"""bot/domain/finality.py and Art. 24's appellants, as cases of the law: Arts. 23.1, 23.3, 23.4
and 24 on a real store.

A sanction that becomes final is entered in the manager's disciplinary file, once (23.3); a final
degree 4 is published once (23.4: the Center's website is the venue; a configured channel is the
service's extra); a verbal warning is recorded with the day it was given (23.1); the manager and
the Center's head each appeal once, and the Appeals Board rules on both together (24).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain import appeals, cases, decisions, finality, settlement
from bot.domain.refusals import DisciplineError
from bot.notices import managers as manager_notices
from bot.text.i18n import translator
from bot.text.persian import to_persian_digits
from storage import finality as file_store
from storage.finality_models import DisciplinaryEntry, Publication
from storage.models import Appeal, OutboxMessage
from storage.statuses import Role
from tests.store.board_builders import RULING_TEXT, carried_sitting, record_ruling
from tests.store.test_discipline import (
    COMPLAINANT_NAME,
    IMPORTED,
    MANAGER_NAME,
    OFFICE,
    OFFICE_NAME,
    add_complaint,
    add_office,
    at,
    bare_case,
    count,
    decide,
    jd,
    link,
)
from tests.store.test_staff import member_with

CHANNEL = -1_001_234_567_890


def with_(settings: Settings, **changes: Any) -> Settings:
    return settings.model_copy(update=changes)


async def file_of(session: AsyncSession, manager_id: int) -> list[tuple[int, int, int | None]]:
    """The manager's file as (decision, degree, months)."""
    return [
        (e.decision_id, e.degree, e.months)
        for e in await file_store.entries_of_managers(session, [manager_id])
    ]


# ---- Art. 23.1: a verbal warning ----


async def test_23_1_a_verbal_warning_is_served_as_a_record_of_it(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        await link(session, manager.id, IMPORTED)
        warning = await decide(
            session,
            settings,
            at(1403, 8, 15),
            committed_on=jd(1403, 8, 1),
            sanction=1,
            warned_on=jd(1403, 8, 12),
        )
        assert warning.warned_on == jd(1403, 8, 12) and warning.status == "final"
        [notice] = await manager_notices.notices_of(session, manager.id)
        assert notice.content["warned_on"] == "1403/08/12"
        fa = manager_notices.render(translator("fa"), notice, settings)
        en = manager_notices.render(translator("en"), notice, settings)
        [row] = list(await session.scalars(select(OutboxMessage)))
    assert "record of the verbal warning the Board gave you in person on 12 Aban 1403" in en
    assert "it is not a written warning" in en
    assert "ثبت تذکر شفاهی‌ای است که هیئت در ۱۲ آبان ۱۴۰۳ حضوری به شما داد" in fa
    assert "ثبت تذکر شفاهی" in row.payload["text"]  # the chat is served the same record


async def test_23_1_a_verbal_warning_without_its_day_is_refused(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        case = await bare_case(session, at(1403, 8, 2))
        sitting = await carried_sitting(
            session, settings, at(1403, 8, 15), case, violations=["25.12"], sanction=1
        )
        with pytest.raises(DisciplineError) as refused:
            await decisions.record_decision(
                session,
                settings,
                at(1403, 8, 15),
                case_id=case.id,
                sitting_id=sitting.id,
                violations=["25.12"],
                committed_on=jd(1403, 8, 1),
                sanction=1,
                ruling_text=RULING_TEXT,
            )
    assert refused.value.field == "warned_on"
    assert "Article 23, degree 1" in refused.value.message


# ---- Art. 23.3: the disciplinary file ----


async def test_23_3_a_final_sanction_is_entered_in_the_managers_file(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        # 1–4 are final at once (Art. 24): entered at once.
        warning = await decide(
            session, settings, at(1402, 3, 1), committed_on=jd(1402, 2, 1), sanction=2
        )
        assert await file_of(session, manager.id) == [(warning.id, 2, None)]
        # A 5 is entered when its window closes with no appeal (settle), not before.
        suspension = await decide(
            session, settings, at(1402, 5, 1), committed_on=jd(1402, 4, 1), sanction=5, months=4
        )
        await decisions.mark_served(
            session, settings, at(1402, 5, 1), decision_id=suspension.id, on=jd(1402, 5, 1)
        )
        await settlement.settle(session, settings, at(1402, 5, 10))
        assert len(await file_of(session, manager.id)) == 1
        await settlement.settle(session, settings, at(1402, 6, 1))
        await settlement.settle(session, settings, at(1402, 6, 2))
        assert await file_of(session, manager.id) == [(warning.id, 2, None), (suspension.id, 5, 4)]
        # A 6 replaced on appeal by a 3: the file holds the replacement's degree.
        revocation = await decide(
            session, settings, at(1402, 8, 1), committed_on=jd(1402, 7, 1), sanction=6
        )
        appeal = await appeals.file_appeal(
            session, settings, at(1402, 8, 2), decision_id=revocation.id, by="manager", grounds="g"
        )
        await appeals.rule_appeal(
            session, settings, at(1402, 9, 1), appeal_id=appeal.id, ruling="replace", sanction=3
        )
        # The hook run again (as any later caller might) enters nothing twice.
        again = await finality.make_final(session, settings, at(1402, 9, 2), decision=revocation)
        assert again.entered is False
        # An overturned decision leaves no entry.
        overturned = await decide(
            session, settings, at(1402, 10, 1), committed_on=jd(1402, 9, 20), sanction=5, months=3
        )
        second = await appeals.file_appeal(
            session,
            settings,
            at(1402, 10, 2),
            decision_id=overturned.id,
            by="manager",
            grounds="g",
        )
        await appeals.rule_appeal(
            session, settings, at(1402, 11, 1), appeal_id=second.id, ruling="overturn"
        )
        assert await file_of(session, manager.id) == [
            (warning.id, 2, None),
            (suspension.id, 5, 4),
            (revocation.id, 3, None),
        ]
        [_, entered, replaced] = await file_store.entries_of_managers(session, [manager.id])
    assert entered.final_on == jd(1402, 5, 21)  # served 1402/05/01 + 20 days (a setting)
    assert replaced.final_on == jd(1402, 9, 1) and replaced.violations == ["25.12"]


# ---- Art. 23.4: the publication of a degree 4 ----


async def test_23_4_a_degree_4_reprimand_posts_to_the_configured_channel_once(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    channel = with_(settings, publication_chat=f"telegram:{CHANNEL}")
    async with sessions() as session, session.begin():
        await add_office(session)
        complaint = await add_complaint(session, at(1403, 8, 1))
        reprimand = await decide(
            session,
            channel,
            at(1403, 8, 15),
            committed_on=jd(1403, 8, 1),
            sanction=4,
            violations=("25.12", "25.6"),
        )
        # The hook again, and settle twice: still one post, one publication.
        await finality.make_final(session, channel, at(1403, 8, 16), decision=reprimand)
        await settlement.settle(session, channel, at(1403, 8, 16))
        await settlement.settle(session, channel, at(1403, 8, 17))
        posts = list(
            await session.scalars(select(OutboxMessage).where(OutboxMessage.chat_id == CHANNEL))
        )
        [publication] = list(await session.scalars(select(Publication)))
        assert await count(session, Publication) == 1
        [post] = posts
        assert (post.platform, publication.outbox_id) == ("telegram", post.id)
        assert publication.venue == f"telegram:{CHANNEL}" and publication.posted_at is None
        assert publication.queued_at == at(1403, 8, 15)
        # Delivered: the dispatcher records when it was posted (the first delivery counts).
        assert await file_store.mark_posted(session, post.id, at(1403, 8, 15, 13))
        assert not await file_store.mark_posted(session, post.id, at(1403, 8, 15, 14))
        assert publication.posted_at == at(1403, 8, 15, 13)
    text = post.payload["text"]
    assert text == publication.text  # the channel reads Persian (the default locale)
    for shown in (OFFICE_NAME, "۲۰۰۱", MANAGER_NAME, "بندهای ۱۲، ۶ ماده‌ی ۲۵", "۱۵ آبان ۱۴۰۳"):
        assert shown in text
    assert "درجه‌ی ۴ ماده‌ی ۲۳" in text and "سایت مرکز" in text
    assert "Center's website" in publication.text_en and MANAGER_NAME in publication.text_en
    for private in (COMPLAINANT_NAME, complaint.tracking_code, complaint.complainant_mobile):
        assert private not in text and private not in publication.text_en


async def test_23_4_without_a_channel_the_publication_is_recorded_for_the_centers_website(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        assert settings.publication_chat is None
        before = await count(session, OutboxMessage)
        await decide(session, settings, at(1403, 8, 15), committed_on=jd(1403, 8, 1), sanction=4)
        [publication] = list(await session.scalars(select(Publication)))
        # No chat linked, no channel: nothing is queued at all.
        assert await count(session, OutboxMessage) == before
        # A degree other than 4 is not published.
        await decide(session, settings, at(1403, 8, 16), committed_on=jd(1403, 8, 2), sanction=6)
        assert await count(session, Publication) == 1
    assert (publication.venue, publication.outbox_id, publication.queued_at) == (
        "website",
        None,
        None,
    )


async def test_23_4_a_replacement_by_a_degree_4_on_appeal_is_published_once(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    channel = with_(settings, publication_chat=f"bale:{CHANNEL}")
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        suspension = await decide(
            session, channel, at(1403, 2, 1), committed_on=jd(1403, 1, 20), sanction=5, months=4
        )
        appeal = await appeals.file_appeal(
            session, channel, at(1403, 2, 2), decision_id=suspension.id, by="manager", grounds="g"
        )
        await appeals.rule_appeal(
            session, channel, at(1403, 3, 1), appeal_id=appeal.id, ruling="replace", sanction=4
        )
        await settlement.settle(session, channel, at(1403, 3, 2))
        [publication] = list(await session.scalars(select(Publication)))
        assert await file_of(session, manager.id) == [(suspension.id, 4, None)]
    assert publication.venue == f"bale:{CHANNEL}" and publication.outbox_id is not None


# ---- Art. 24: the appellants, the ruling on both, the raise ----


async def test_24_the_center_head_appeals_after_the_manager(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await member_with(sessions, settings, Role.APPEALS_BOARD, None)
    async with sessions() as session, session.begin():
        await add_office(session)
        suspension = await decide(
            session, settings, at(1403, 2, 1), committed_on=jd(1403, 1, 20), sanction=5, months=4
        )
        by_manager = await appeals.file_appeal(
            session,
            settings,
            at(1403, 2, 2),
            decision_id=suspension.id,
            by="manager",
            grounds="the receipt was issued",
        )
        assert [
            d.id for d in await appeals.open_to(session, settings, at(1403, 2, 3), "center_head")
        ] == [suspension.id]
        by_center = await appeals.file_appeal(
            session,
            settings,
            at(1403, 2, 3),
            decision_id=suspension.id,
            by="center_head",
            grounds="the sanction is too light",
        )
        assert suspension.status == "appealed"
        for by in ("manager", "center_head"):  # each appellant once
            with pytest.raises(DisciplineError) as twice:
                await appeals.file_appeal(
                    session,
                    settings,
                    at(1403, 2, 4),
                    decision_id=suspension.id,
                    by=by,
                    grounds="again",
                )
            assert "each appellant appeals once (Article 24)" in twice.value.message
        # Each appeal sent its file to the Appeals Board's chat.
        files = [
            row.payload["text"]
            for row in await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
            if row.payload["text"].startswith("⚖️ تجدیدنظرخواهی شماره‌ی")
        ]
        assert len(files) == 2
        assert "the receipt was issued" in files[0] and "the sanction is too light" in files[1]
        assert "مدیر دفتری که مجازات شده است" in files[1]  # the other appeal is named
        # One ruling, on both appeals together.
        await appeals.rule_appeal(
            session,
            settings,
            at(1403, 3, 1),
            appeal_id=by_center.id,
            ruling="replace",
            sanction=6,
        )
        await session.refresh(by_manager)
        ruled = list(await session.scalars(select(Appeal).order_by(Appeal.id)))
        assert [(a.by, a.ruling, a.new_sanction) for a in ruled] == [
            ("manager", "replace", 6),
            ("center_head", "replace", 6),
        ]
        assert suspension.status == "replaced"
        with pytest.raises(DisciplineError):
            await appeals.rule_appeal(
                session, settings, at(1403, 3, 2), appeal_id=by_manager.id, ruling="uphold"
            )
        assert await appeals.open_to(session, settings, at(1403, 3, 2), "center_head") == []


async def test_24_raising_on_the_managers_own_appeal_is_refused_by_default(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    assert settings.appeals_board_may_raise_on_own_appeal is False
    async with sessions() as session, session.begin():
        await add_office(session)
        suspension = await decide(
            session, settings, at(1403, 2, 1), committed_on=jd(1403, 1, 20), sanction=5, months=4
        )
        appeal = await appeals.file_appeal(
            session, settings, at(1403, 2, 2), decision_id=suspension.id, by="manager", grounds="g"
        )
        for heavier in ({"sanction": 6}, {"sanction": 5, "months": 6}):
            with pytest.raises(DisciplineError) as refused:
                await appeals.rule_appeal(
                    session,
                    settings,
                    at(1403, 3, 1),
                    appeal_id=appeal.id,
                    ruling="replace",
                    **heavier,
                )
            assert refused.value.field == "sanction"
            assert "the directive does not decide it" in refused.value.message
        assert suspension.status == "appealed"  # nothing written
        # A lighter one is the Board's to give.
        await appeals.rule_appeal(
            session,
            settings,
            at(1403, 3, 1),
            appeal_id=appeal.id,
            ruling="replace",
            sanction=5,
            months=3,
        )
        assert suspension.status == "replaced"


async def test_24_raising_on_the_managers_own_appeal_is_allowed_with_the_setting(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    allowing = with_(settings, appeals_board_may_raise_on_own_appeal=True)
    async with sessions() as session, session.begin():
        manager = await add_office(session)
        suspension = await decide(
            session, allowing, at(1403, 2, 1), committed_on=jd(1403, 1, 20), sanction=5, months=4
        )
        appeal = await appeals.file_appeal(
            session, allowing, at(1403, 2, 2), decision_id=suspension.id, by="manager", grounds="g"
        )
        await appeals.rule_appeal(
            session, allowing, at(1403, 3, 1), appeal_id=appeal.id, ruling="replace", sanction=6
        )
        assert await file_of(session, manager.id) == [(suspension.id, 6, None)]


async def test_24_the_center_heads_appeal_allows_a_heavier_ruling(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with sessions() as session, session.begin():
        await add_office(session)
        suspension = await decide(
            session, settings, at(1403, 2, 1), committed_on=jd(1403, 1, 20), sanction=5, months=4
        )
        appeal = await appeals.file_appeal(
            session,
            settings,
            at(1403, 2, 2),
            decision_id=suspension.id,
            by="center_head",
            grounds="too light",
        )
        ruled = await appeals.rule_appeal(
            session, settings, at(1403, 3, 1), appeal_id=appeal.id, ruling="replace", sanction=6
        )
    assert ruled.decision.status == "replaced"


async def test_24_an_appeal_reaches_only_the_appeals_boards_chats(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    # A desk member's chat hears nothing of an appeal; no Appeals Board chat: nothing queued.
    await member_with(sessions, settings, Role.DESK, "tehran")
    async with sessions() as session, session.begin():
        await add_office(session)
        suspension = await decide(
            session, settings, at(1403, 2, 1), committed_on=jd(1403, 1, 20), sanction=6
        )
        before = await count(session, OutboxMessage)
        await appeals.file_appeal(
            session, settings, at(1403, 2, 2), decision_id=suspension.id, by="manager", grounds="g"
        )
        assert await count(session, OutboxMessage) == before
        assert await count(session, DisciplinaryEntry) == 0


async def test_24_the_appeals_file_holds_the_cases_complaints_without_the_complainant(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    await member_with(sessions, settings, Role.APPEALS_BOARD, None)
    async with sessions() as session, session.begin():
        await add_office(session)
        complaint = await add_complaint(session, at(1403, 8, 1))
        case = await cases.open_case_from_complaints(
            session,
            settings,
            at(1403, 8, 4),
            office_code=OFFICE,
            tracking_codes=[complaint.tracking_code],
        )
        recorded = await record_ruling(
            session,
            settings,
            at(1403, 8, 15),
            case_id=case.id,
            violations=["25.12"],
            committed_on=jd(1403, 5, 1),
            sanction=6,
        )
        await appeals.file_appeal(
            session,
            settings,
            at(1403, 8, 16),
            decision_id=recorded.decision.id,
            by="center_head",
            grounds="the licence must be revoked",
        )
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    [sent] = [r for r in rows if r.payload["text"].startswith("⚖️ تجدیدنظرخواهی")]
    body = sent.payload["text"]
    assert "تجدیدنظرخواه: رئیس مرکز، با این دلایل:\nthe licence must be revoked" in body
    assert "پرونده‌ای که نزد هیئت بدوی بود:" in body
    assert "(رویداد ۱ مرداد ۱۴۰۳): بیش از تعرفه گرفتند." in body
    assert f"شکایت {to_persian_digits(complaint.tracking_code)}" in body
    for private in (COMPLAINANT_NAME, complaint.complainant_mobile, "0499370899"):
        assert private not in body
