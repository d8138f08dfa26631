"""End to end through the fake Bot API (Telegram, aiogram, polling): a desk member asks a
complainant a question from the staff menu, the citizen answers with a text and a photo; the
photo is downloaded and kept, and each side receives only what it may be told — neither the
other's chat id, phone nor account; the office's manager receives nothing; the audit log holds
the asking."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jdatetime
from sqlalchemy import select

from bot.app import open_app
from bot.config import Settings
from bot.domain.tracking import new_tracking_code
from storage import complaints, managers
from storage import staff as staff_store
from storage.models import AuditEntry, ComplaintQuestion, Evidence
from storage.offices import upsert_offices
from storage.statuses import AuditOutcome, Role
from tests.daftar_harness import settings_for, start_daftar
from tests.e2e.test_notices_e2e import office
from tests.fakebotapi import FakeBotApi

DESK, CITIZEN, MANAGER = 61_001, 62_002, 63_003
CODE = new_tracking_code(random.Random(5))
MOBILE = "09127654321"
QUESTION = "تاریخ دقیق مراجعه‌تان به دفتر چه روزی بود؟"
ANSWER = "روز دوم آبان بود؛ عکس رسید را هم می‌فرستم."
PHOTO = b"\xff\xd8\xff" + b"receipt" * 700 + b"\xff\xd9"


async def prepare(settings: Settings) -> None:
    """An office whose manager has a linked chat, a complaint against it, a Tehran desk member."""
    app = await open_app(settings, upgrade=True)
    now = datetime.now(UTC)
    async with app.engine.sessions() as session, session.begin():
        await upsert_offices(session, [office(1)], now)
        manager = await managers.current(session, "5001")
        assert manager is not None
        await managers.add_link(session, manager.id, "telegram", MANAGER, MANAGER, now)
        await complaints.create(
            session,
            now=now - timedelta(days=1),
            tracking_code=CODE,
            platform="telegram",
            platform_user_id=CITIZEN,
            chat_id=CITIZEN,
            office_code="5001",
            association_province="tehran",
            violations=["25.12"],
            incident_date=jdatetime.date(1403, 8, 2),
            description="بیش از تعرفه گرفتند و رسید ندادند.",
            overcharge=None,
            complainant_name="شاکی نمونه",
            complainant_mobile=MOBILE,
            identity_consent=False,
            locale="fa",
            keep_until=now + timedelta(days=1825),
        )
        member = await staff_store.add_member(session, "سارا احمدی", now)
        await staff_store.add_role(session, member.id, Role.DESK, "tehran", False, now)
        await staff_store.add_link(session, member.id, "telegram", DESK, DESK, now)
    await app.close()


def buttons(message: dict[str, Any]) -> dict[str, str]:
    markup = message.get("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def has_button(api: FakeBotApi, chat: int, label: str) -> bool:
    return any(label in buttons(m) for m in api.messages_to(chat))


def texts(api: FakeBotApi, chat: int) -> list[str]:
    return [str(m.get("text", "")) for m in api.messages_to(chat)]


async def wait_text(api: FakeBotApi, chat: int, fragment: str) -> str:
    await api.wait_until(
        lambda: any(fragment in t for t in texts(api, chat)),
        timeout=15,
        description=f"{fragment!r} in chat {chat}",
    )
    return [t for t in texts(api, chat) if fragment in t][-1]


def press(api: FakeBotApi, chat: int, label: str) -> None:
    for message in reversed(api.messages_to(chat)):
        found = buttons(message)
        if label in found:
            api.press_button(chat, found[label], message_id=message["message_id"])
            return
    raise AssertionError(f"no button {label!r} in chat {chat}")


async def test_a_question_and_a_photo_answer_each_side_told_only_its_part(tmp_path: Path) -> None:
    async with FakeBotApi(platform="telegram") as api:
        settings = settings_for(
            api,
            f"sqlite+aiosqlite:///{tmp_path / 't.db'}",
            framework="aiogram",
            mode="polling",
            evidence_dir=str(tmp_path / "evidence"),
        )
        await prepare(settings)
        daftar = await start_daftar(settings)
        try:
            api.send_command(DESK, "start")
            await wait_text(api, DESK, "")
            await api.wait_until(
                lambda: any("🛡 منوی کارکنان" in buttons(m) for m in api.messages_to(DESK)),
                timeout=15,
            )
            press(api, DESK, "🛡 منوی کارکنان")
            await wait_text(api, DESK, "🛡 منوی کارکنان: سارا احمدی")
            press(api, DESK, "✍ پرسش از شاکی")
            await wait_text(api, DESK, "لطفاً کد رهگیری شکایت را بفرستید.")
            api.send_text(DESK, CODE)
            await wait_text(api, DESK, "پرسش‌تان از شاکی را بنویسید")
            api.send_text(DESK, QUESTION)
            await wait_text(api, DESK, QUESTION)
            press(api, DESK, "✔ تأیید")
            await wait_text(api, DESK, "✅ پرسش شما برای شاکی شکایت")

            asked = await wait_text(api, CITIZEN, QUESTION)
            press(api, CITIZEN, "✍ پاسخ")
            await wait_text(api, CITIZEN, "پاسخ‌تان را بنویسید")
            api.send_text(CITIZEN, ANSWER)
            await wait_text(api, CITIZEN, "اگر عکس یا سندی برای فرستادن همراه پاسخ‌تان دارید")
            api.send_photo(CITIZEN, PHOTO)
            await api.wait_until(lambda: has_button(api, CITIZEN, "تمام ✔"), timeout=15)
            press(api, CITIZEN, "تمام ✔")
            await wait_text(api, CITIZEN, f"• پاسخ شما: {ANSWER}")
            press(api, CITIZEN, "✔ تأیید")
            await wait_text(api, CITIZEN, "✅ پاسخ شما به میز رسیدگی به شکایات کانون رسید")

            told = await wait_text(api, DESK, "به پرسش شما پاسخ داد")

            async def kept() -> Evidence | None:
                async with daftar.app.engine.sessions() as session:
                    return await session.scalar(
                        select(Evidence).where(Evidence.sha256.is_not(None))
                    )

            for _ in range(100):
                evidence = await kept()
                if evidence is not None:
                    break
                await api.wait_until(lambda: True, timeout=0.1)
            async with daftar.app.engine.sessions() as session:
                [question] = list(await session.scalars(select(ComplaintQuestion)))
                entries = list(await session.scalars(select(AuditEntry)))
        finally:
            await daftar.stop()
        api.assert_no_violations()

    shown = CODE.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert asked.startswith(f"💬 میز رسیدگی به شکایات کانون درباره‌ی شکایت {shown} شما می‌پرسد:")
    assert told == (
        f"💬 شاکی شکایت {shown} به پرسش شما پاسخ داد.\n"
        f"پرسش شما: {QUESTION}\n"
        f"پاسخ شاکی: {ANSWER}\n"
        "۱ فایل فرستاد که همراه شکایت نگه داشته می‌شود."
    )
    for text in texts(api, CITIZEN):  # nothing of the desk member reaches the citizen
        assert "سارا احمدی" not in text and str(DESK) not in text
    for text in texts(api, DESK):  # nor the citizen's chat, account or phone the member
        assert str(CITIZEN) not in text and MOBILE not in text and "۰۹۱۲۷۶۵۴۳۲۱" not in text
    assert api.messages_to(MANAGER) == []  # the office never sees the thread
    assert evidence is not None and evidence.sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert question.answer == ANSWER and question.evidence_ids == [evidence.id]
    asking = [e for e in entries if e.action == "desk.ask"]
    assert [(e.outcome, e.chat_id) for e in asking] == [(AuditOutcome.ALLOWED, DESK)]
