"""Notices to 200 linked managers through the fake Bot API: under 429s and 500s, within the rates,
each delivered once and acknowledged; and a dispatcher killed mid-delivery loses none."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from bot.app import open_app
from bot.config import Settings
from bot.notices import managers as notices
from storage import managers as store
from storage.models import Notice, OutboxMessage
from storage.offices import OfficeRecord, upsert_offices
from tests.daftar_harness import settings_for, start_daftar
from tests.fakebotapi import FakeBotApi
from tests.shared import CHECKOUT


def office(n: int) -> OfficeRecord:
    return OfficeRecord(
        code=str(5000 + n),
        name=f"دفتر آزمایشی {n}",
        name_key=f"دفترآزمایشی{n}",
        province="tehran",
        city="تهران",
        address="نشانی آزمایشی",
        phone="",
        manager_name=f"مدیر {n}",
        manager_mobile=f"0912{5000000 + n:07d}",
        status="active",
        suspended_until=None,
    )


async def prepare(settings: Settings, count: int, platform: str = "telegram") -> list[int]:
    """Offices, their managers linked on *platform*, and one inspection notice each."""
    app = await open_app(settings, upgrade=True)
    now = datetime.now(UTC)
    chats = [20_000 + n for n in range(count)]
    async with app.engine.sessions() as session, session.begin():
        await upsert_offices(session, [office(n) for n in range(count)], now)
        for n, chat in enumerate(chats):
            manager = await store.current(session, str(5000 + n))
            assert manager is not None
            await store.add_link(session, manager.id, platform, chat, chat, now)
            await notices.issue(
                session,
                manager_id=manager.id,
                office_code=str(5000 + n),
                kind="inspection",
                subject_id=n,
                settings=settings,
                now=now,
                content={
                    "office_name": f"دفتر آزمایشی {n}",
                    "at": now.isoformat(),
                    "kind": "periodic",
                },
            )
    await app.close()
    return chats


async def sent_count(settings: Settings) -> int:
    app = await open_app(settings)
    async with app.engine.sessions() as session:
        found = await session.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.kind == "notice", OutboxMessage.status == "sent"
            )
        )
    await app.close()
    return int(found or 0)


async def test_200_managers_one_notice_each_under_429s_and_500s(tmp_path: Path) -> None:
    async with FakeBotApi(platform="telegram") as api:
        settings = settings_for(
            api,
            f"sqlite+aiosqlite:///{tmp_path / 'n.db'}",
            framework="aiogram",
            mode="polling",
            notice_backoff_seconds=0.2,
        )
        chats = await prepare(settings, 200)
        api.chaos("sendMessage", rate_429=0.10, rate_500=0.05, retry_after=1, seed=11)
        daftar = await start_daftar(settings)
        try:
            await api.wait_until(
                lambda: all(api.messages_to(c) for c in chats),
                timeout=90,
                description="200 notices",
            )
            api.clear_faults()
            for chat in chats:  # every manager acknowledges from the message's button
                message = api.messages_to(chat)[0]
                [[button]] = message["reply_markup"]["inline_keyboard"]
                api.press_button(chat, button["callback_data"], message_id=message["message_id"])
            for _ in range(300):
                # A short session each time: on SQLite a session holds the store's turn.
                async with daftar.app.engine.sessions() as session:
                    acknowledged = await session.scalar(
                        select(func.count(Notice.id)).where(Notice.acknowledged_at.is_not(None))
                    )
                if acknowledged == 200:
                    break
                await asyncio.sleep(0.1)
            async with daftar.app.engine.sessions() as session:
                rows = list(
                    await session.scalars(
                        select(OutboxMessage).where(OutboxMessage.kind == "notice")
                    )
                )
        finally:
            await daftar.stop()
        api.assert_no_violations()
    assert acknowledged == 200
    for chat in chats:  # exactly once, then the thanks for the acknowledgement
        texts = [str(m["text"]) for m in api.messages_to(chat)]
        assert sum(t.startswith("🔎") for t in texts) == 1, texts
    assert {r.status for r in rows} == {"sent"} and all(r.platform_message_id for r in rows)
    notices_sent = [
        c for c in api.calls_to("sendMessage") if str(c.params.get("text", "")).startswith("🔎")
    ]
    assert sum(c.status == 200 for c in notices_sent) == 200
    every_call = [c.timestamp for c in api.calls_to("sendMessage")]
    for start in every_call:  # never faster than 30 a second, counted on arrival
        assert sum(start <= t < start + 1.0 for t in every_call) <= settings.rate_per_second
    assert any(c.status == 429 for c in notices_sent)
    assert any(c.status == 500 for c in notices_sent)


async def test_a_dispatcher_killed_mid_delivery_loses_nothing(tmp_path: Path) -> None:
    async with FakeBotApi(platform="telegram") as api:
        database = f"sqlite+aiosqlite:///{tmp_path / 'k.db'}"
        settings = settings_for(
            api, database, framework="aiogram", mode="polling", rate_per_second=20
        )
        chats = await prepare(settings, 120)
        env = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
        env.update(
            PYTHONPATH=str(CHECKOUT),
            DAFTAR_DATABASE_URL=database,
            DAFTAR_TELEGRAM_TOKEN=api.token,
            DAFTAR_TELEGRAM_API_URL=api.base_url,
            DAFTAR_RATE_PER_SECOND="20",
            DAFTAR_POLL_TIMEOUT="1",
        )
        log = (tmp_path / "log").open("ab")
        first = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=env, stdout=log, stderr=log
        )
        await api.wait_until(lambda: sum(bool(api.messages_to(c)) for c in chats) >= 30, timeout=60)
        killed_at = time.monotonic()
        first.send_signal(signal.SIGKILL)
        await first.wait()
        second = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=env, stdout=log, stderr=log
        )
        await api.wait_until(lambda: all(api.messages_to(c) for c in chats), timeout=90)
        await asyncio.sleep(1.0)
        second.send_signal(signal.SIGTERM)
        assert await second.wait() == 0
        api.assert_no_violations()
    assert await sent_count(settings) == 120
    counts = Counter({c: len(api.messages_to(c)) for c in chats})
    twice = [chat for chat, n in counts.items() if n > 1]
    # A duplicate is possible only where the kill fell between the platform's answer and our
    # record of it: at most the sends the platform accepted in the moment before the kill.
    in_flight = [
        c
        for c in api.calls_to("sendMessage")
        if c.status == 200 and killed_at - 1.0 <= c.timestamp <= killed_at + 0.1
    ]
    assert len(twice) <= len(in_flight)
