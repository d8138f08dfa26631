"""The monthly report to the Directorate (bot/documents/monthly_reports.py, a setting, not law):
on the first day of each Jalali month, the previous month's national report to every chat of
the directorate role, each in its language, once however often the clock ticks, restarts or
runs twice at once; a missed first day made up later that month; nothing for the months before
the schedule first ran, nothing with the setting off, and nothing (said in the log) when no
directorate chat is linked."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App
from bot.app.periodic import Periodic
from bot.config import Settings
from bot.documents.monthly_reports import send_monthly_reports
from bot.messages.replies import Reply
from bot.text.jalali import format_stored_date as day
from storage import scheduled_reports
from storage.models import Identity, OutboxMessage
from storage.statuses import Role
from tests.chat.test_staff_chat import invite
from tests.conftest import Clock, RecordingSender
from tests.store.test_discipline import at, jd
from tests.support import command

FA_CHAT = {"platform": "telegram", "chat_id": 4_503_599_627_370_030}
EN_CHAT = {"platform": "bale", "chat_id": 2_000_000_030}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, evidence_dir=str(tmp_path / "evidence"))  # type: ignore[call-arg]


async def directorate(app: App, settings: Settings, chat: dict[str, Any], locale: str) -> None:
    """A Directorate member's chat, linked, in *locale*."""
    invited = await invite(app, settings, Role.DIRECTORATE, None, name="رضا مرادی")
    await app.engine.process(command("start", "staff-" + invited.code, **chat), RecordingSender())
    async with app.engine.sessions() as session, session.begin():
        identity = await session.get(Identity, (chat["platform"], chat["chat_id"]))
        assert identity is not None
        identity.locale = locale


async def tick(app: App, settings: Settings) -> None:
    await Periodic(app.engine, settings, []).tick()


async def sent(app: App, chat: dict[str, Any]) -> list[Reply]:
    async with app.engine.sessions() as session:
        rows = await session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.kind == "notice",
                OutboxMessage.platform == chat["platform"],
                OutboxMessage.chat_id == chat["chat_id"],
            )
            .order_by(OutboxMessage.id)
        )
        return [Reply.from_payload(row.payload) for row in rows]


async def written(app: App) -> list[tuple[str, str, str, int]]:
    async with app.engine.sessions() as session:
        rows = await scheduled_reports.of_scope(session, "national")
        return [(day(r.first_day), day(r.last_day), r.outcome, r.chats) for r in rows]


async def test_the_first_of_the_month_sends_last_months_report_once_to_every_directorate_chat(
    app: App, settings: Settings, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await directorate(app, settings, FA_CHAT, "fa")
    await directorate(app, settings, EN_CHAT, "en")
    # The first tick ever, mid-Aban: Mehr is before the schedule ran, so nothing goes out.
    await tick(app, settings)
    assert await sent(app, FA_CHAT) == []
    assert await written(app) == [("1403/07/01", "1403/07/30", "before_first_run", 0)]
    assert "the schedule begins" in caplog.text
    # The first of Azar, before the hour (08:00 Tehran, a setting): not yet.
    clock.now = at(1403, 9, 1, 7, 59)
    await tick(app, settings)
    assert await sent(app, FA_CHAT) == []
    clock.now = at(1403, 9, 1, 8, 0)
    await tick(app, settings)
    fa_message, fa_csv = await sent(app, FA_CHAT)
    assert fa_message.text.startswith("📊 گزارش ماهانه: آبان ۱۴۰۳، سراسر کشور\n")
    assert fa_message.text.endswith(
        "این گزارش روز نخست هر ماه فرستاده می‌شود: از تنظیمات این سامانه، نه حکم دستورالعمل."
    )
    en_message, en_csv = await sent(app, EN_CHAT)
    assert en_message.text.startswith("📊 The monthly report: Aban 1403, the whole country\n")
    assert "The whole report is the PDF, in English" in en_message.text
    for message, figures in ((fa_message, fa_csv), (en_message, en_csv)):
        assert message.attachment is not None and figures.attachment is not None
        assert (message.attachment.name, figures.attachment.name) == (
            "report-1403-08.pdf",
            "report-1403-08.csv",
        )
        assert Path(str(message.attachment.path)).is_file()
        assert Path(str(figures.attachment.path)).parent == Path(settings.evidence_dir) / "reports"
    # Each chat's files in its own language: two of each.
    assert len(list((Path(settings.evidence_dir) / "reports").iterdir())) == 4
    assert await written(app) == [
        ("1403/07/01", "1403/07/30", "before_first_run", 0),
        ("1403/08/01", "1403/08/30", "sent", 2),
    ]
    # Later that day, the next day, and after a restart (a new clock loop): nothing again.
    for moment in (at(1403, 9, 1, 20), at(1403, 9, 2, 9)):
        clock.now = moment
        await tick(app, settings)
    assert len(await sent(app, FA_CHAT)) == len(await sent(app, EN_CHAT)) == 2


async def test_a_missed_first_day_is_made_up_that_month_and_two_processes_send_it_once(
    app: App, settings: Settings, clock: Clock
) -> None:
    await directorate(app, settings, FA_CHAT, "fa")
    await tick(app, settings)  # 1403/08/15: the schedule begins
    # The bot was down on the first of Dey; on the third, two processes tick at once.
    clock.now = at(1403, 10, 3, 10)

    async def process() -> None:
        async with app.engine.sessions() as session, session.begin():
            await send_monthly_reports(session, settings, clock.now)

    await asyncio.gather(process(), process())
    message, _csv = await sent(app, FA_CHAT)
    assert message.text.startswith("📊 گزارش ماهانه: آذر ۱۴۰۳، سراسر کشور\n")
    assert message.attachment is not None and message.attachment.name == "report-1403-09.pdf"
    # Aban was missed whole (the bot down all Azar): a month past is never sent.
    assert [row[:3] for row in await written(app)] == [
        ("1403/07/01", "1403/07/30", "before_first_run"),
        ("1403/09/01", "1403/09/30", "sent"),
    ]


async def test_nothing_is_sent_with_the_setting_off(
    app: App, settings: Settings, clock: Clock
) -> None:
    off = settings.model_copy(update={"monthly_report": False})
    await directorate(app, settings, FA_CHAT, "fa")
    for moment in (at(1403, 8, 15), at(1403, 9, 1, 9), at(1403, 10, 1, 9)):
        clock.now = moment
        await tick(app, off)
    assert await sent(app, FA_CHAT) == []
    assert await written(app) == []


async def test_no_directorate_chat_sends_nothing_and_says_so_in_the_log_once(
    app: App, settings: Settings, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    await tick(app, settings)
    clock.now = at(1403, 9, 1, 9)
    await tick(app, settings)
    await tick(app, settings)
    assert caplog.text.count("no chat is linked to the directorate role; nothing sent") == 1
    assert await written(app) == [
        ("1403/07/01", "1403/07/30", "before_first_run", 0),
        ("1403/08/01", "1403/08/30", "no_chat", 0),
    ]
    async with app.engine.sessions() as session:
        assert list(await session.scalars(select(OutboxMessage))) == []
    assert not (Path(settings.evidence_dir) / "reports").exists()


async def test_each_associations_report_as_well_when_the_setting_says_so(
    app: App, clock: Clock, tmp_path: Path
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        evidence_dir=str(tmp_path / "evidence"),
        association_provinces="tehran,fars",
        monthly_report_scopes="national,associations",
    )
    await directorate(app, settings, FA_CHAT, "fa")
    await tick(app, settings)
    clock.now = at(1403, 9, 1, 9)
    await tick(app, settings)
    names = [r.attachment.name for r in await sent(app, FA_CHAT) if r.attachment is not None]
    assert names == [
        "report-1403-08.pdf",
        "report-1403-08.csv",
        "report-1403-08-association-tehran.pdf",
        "report-1403-08-association-tehran.csv",
        "report-1403-08-association-fars.pdf",
        "report-1403-08-association-fars.csv",
    ]
    async with app.engine.sessions() as session:
        assert await scheduled_reports.written(
            session, jd(1403, 8, 1), jd(1403, 8, 30), "association:fars"
        )
