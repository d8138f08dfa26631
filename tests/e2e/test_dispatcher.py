"""The notice dispatcher on the fake Bot API server: rates, retries, proof, undeliverables."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.messages.replies import Reply
from storage import outbox
from storage.models import DeliveryAttempt, OutboxMessage
from tests.daftar_harness import Daftar, settings_for, start_daftar
from tests.fakebotapi import FakeBotApi


async def queue(daftar: Daftar, platform: str, chats: list[int], text: str = "notice") -> None:
    async with daftar.app.engine.sessions() as session, session.begin():
        for chat in chats:
            await outbox.enqueue(
                session,
                platform=platform,
                chat_id=chat,
                kind="notice",
                payloads=[Reply(f"{text} {chat}").to_payload()],
                update_id=None,
                now=datetime.now(UTC),
            )


async def rows(daftar: Daftar) -> list[OutboxMessage]:
    async with daftar.app.engine.sessions() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def settled(daftar: Daftar, count: int, timeout: float = 60) -> list[OutboxMessage]:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        found = await rows(daftar)
        if len(found) == count and all(r.status != "pending" for r in found):
            return found
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(
                [(r.id, r.status, r.attempts) for r in found if r.status == "pending"]
            )
        await asyncio.sleep(0.1)


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(platform="telegram") as api:
        yield api
        api.assert_no_violations()


async def test_notices_under_429s_and_500s_arrive_once_within_the_rates(
    telegram: FakeBotApi, tmp_path: Path
) -> None:
    settings = settings_for(
        telegram,
        f"sqlite+aiosqlite:///{tmp_path / 'd.db'}",
        framework="aiogram",
        mode="polling",
        rate_per_second=20,
        notice_backoff_seconds=0.1,
    )
    daftar = await start_daftar(settings)
    try:
        telegram.chaos("sendMessage", rate_429=0.10, rate_500=0.05, retry_after=1, seed=7)
        chats = list(range(1000, 1060))
        await queue(daftar, "telegram", chats)
        done = await settled(daftar, len(chats))
    finally:
        await daftar.stop()
    assert {r.status for r in done} == {"sent"}
    assert all(r.platform_message_id for r in done)
    for chat in chats:
        assert [m["text"] for m in telegram.messages_to(chat)] == [f"notice {chat}"]
    sends = [c.timestamp for c in telegram.calls_to("sendMessage")]
    for start in sends:
        assert sum(start <= t < start + 1.0 for t in sends) <= 20
    async with daftar.app.engine.sessions() as session:
        attempts = list(await session.scalars(select(DeliveryAttempt)))
    assert len(attempts) == len(sends)
    assert {a.outcome for a in attempts} >= {"sent"}
    assert sum(a.outcome == "sent" for a in attempts) == len(chats)


async def test_a_blocked_chat_is_undeliverable_at_once(
    telegram: FakeBotApi, tmp_path: Path
) -> None:
    settings = settings_for(
        telegram, f"sqlite+aiosqlite:///{tmp_path / 'd.db'}", framework="ptb", mode="polling"
    )
    daftar = await start_daftar(settings)
    try:
        telegram.fail(
            "sendMessage", times=1, status=403, description="Forbidden: bot was blocked by the user"
        )
        await queue(daftar, "telegram", [31])
        await settled(daftar, 1)
        telegram.fail("sendMessage", times=1, status=400, description="Bad Request: chat not found")
        await queue(daftar, "telegram", [32])
        done = await settled(daftar, 2)
    finally:
        await daftar.stop()
    assert [r.status for r in done] == ["undeliverable", "undeliverable"]
    assert [r.attempts for r in done] == [1, 1]


async def test_one_chat_gets_no_more_than_one_notice_a_second(
    telegram: FakeBotApi, tmp_path: Path
) -> None:
    settings = settings_for(
        telegram, f"sqlite+aiosqlite:///{tmp_path / 'd.db'}", framework="aiogram", mode="polling"
    )
    daftar = await start_daftar(settings)
    try:
        for n in range(3):
            await queue(daftar, "telegram", [55], text=f"n{n}")
        await settled(daftar, 3)
    finally:
        await daftar.stop()
    moments = [c.timestamp for c in telegram.calls_to("sendMessage")]
    assert len(moments) == 3
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(moments))
