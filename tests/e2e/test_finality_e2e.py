"""Art. 23.4 through the fake Bot API: a final degree-4 reprimand is posted once to the configured
public chat, and the publication records when it was posted."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.domain import settlement
from bot.text.jalali import today_in
from storage.finality_models import Publication
from storage.offices import upsert_offices
from tests.daftar_harness import Daftar, settings_for, start_daftar
from tests.fakebotapi import FakeBotApi
from tests.store.board_builders import record_ruling
from tests.store.test_discipline import MANAGER_NAME, OFFICE, bare_case, office_record

CHANNEL = -1_001_234_567_890


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(platform="telegram") as api:
        yield api
        api.assert_no_violations()


async def publication(daftar: Daftar, timeout: float = 30) -> Publication:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        async with daftar.app.engine.sessions() as session:
            found = await session.scalar(select(Publication))
        if found is not None and found.posted_at is not None:
            return found
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the publication was not posted")
        await asyncio.sleep(0.1)


async def test_23_4_the_reprimand_reaches_the_public_chat_once_and_its_post_is_recorded(
    telegram: FakeBotApi, tmp_path: Path
) -> None:
    settings = settings_for(
        telegram,
        f"sqlite+aiosqlite:///{tmp_path / 'd.db'}",
        framework="aiogram",
        mode="polling",
        publication_chat=f"telegram:{CHANNEL}",
    )
    daftar = await start_daftar(settings)
    try:
        now = datetime.now(UTC)
        async with daftar.app.engine.sessions() as session, session.begin():
            await upsert_offices(session, [office_record()], now)
            case = await bare_case(session, now, OFFICE)
            recorded = await record_ruling(
                session,
                settings,
                now,
                case_id=case.id,
                violations=["25.12"],
                committed_on=today_in(settings.zone, now),
                sanction=4,
            )
            await settlement.settle(session, settings, now)
        posted = await publication(daftar)
        async with daftar.app.engine.sessions() as session, session.begin():
            await settlement.settle(session, settings, datetime.now(UTC))
        await asyncio.sleep(1)
    finally:
        await daftar.stop()
    [message] = telegram.messages_to(CHANNEL)
    assert message["text"] == posted.text and MANAGER_NAME in message["text"]
    assert posted.decision_id == recorded.decision.id and posted.venue == f"telegram:{CHANNEL}"
