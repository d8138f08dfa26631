"""The desk through the fake Bot API: a desk member invited and linked from Telegram hears of a
new complaint, opens it, refers it to the Primary Board; the citizen and the office's manager
receive what they may be told and nothing more; the audit log holds every staff action."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jdatetime
from sqlalchemy import select

from bot.app import build_registry
from bot.domain import staff_members
from bot.notices.desk_complaints import tell_desk
from storage import complaints, managers
from storage import staff as staff_store
from storage.models import Case, Complaint
from storage.statuses import AuditOutcome, Role
from tests.chat.test_complaint_chat import load_sample
from tests.daftar_harness import settings_for, start_daftar
from tests.fakebotapi import FakeBotApi

DESK_CHAT = 41_000_001
CITIZEN_CHAT = 41_000_002
MANAGER_CHAT = 41_000_003
SECRETS = ("مریم نمونه", "09121234567", "۰۹۱۲۱۲۳۴۵۶۷")


def buttons(message: dict[str, Any]) -> dict[str, str]:
    markup = message.get("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def texts(api: FakeBotApi, chat: int) -> list[str]:
    return [str(m.get("text", "")) for m in api.messages_to(chat)]


async def test_a_desk_member_refers_a_new_complaint_and_each_side_is_told_its_part(
    tmp_path: Path,
) -> None:
    async with FakeBotApi(platform="telegram") as api:
        settings = settings_for(
            api, f"sqlite+aiosqlite:///{tmp_path / 'd.db'}", framework="aiogram", mode="polling"
        )
        daftar = await start_daftar(settings, build_registry())
        try:
            app = daftar.app
            await load_sample(app)
            now = datetime.now(UTC)
            async with app.engine.sessions() as session, session.begin():
                manager = await managers.current(session, "1001")
                assert manager is not None
                await managers.add_link(
                    session, manager.id, "telegram", MANAGER_CHAT, MANAGER_CHAT, now
                )
                invited = await staff_members.invite(
                    session,
                    settings,
                    now,
                    now + timedelta(days=7),
                    name="سارا احمدی",
                    role=Role.DESK,
                    association="tehran",
                )
            api.send_command(CITIZEN_CHAT, "start")
            await api.wait_for_message(CITIZEN_CHAT, timeout=20)
            api.send_command(DESK_CHAT, "start", "staff-" + invited.code)
            await api.wait_until(
                lambda: any(t.startswith("🛡 منوی کارکنان") for t in texts(api, DESK_CHAT)),
                timeout=20,
            )
            # A complaint filed: its row and the desk's message, in one transaction (as filing).
            async with app.engine.sessions() as session, session.begin():
                filed = await complaints.create(
                    session,
                    now=now,
                    tracking_code="1234567800",
                    platform="telegram",
                    platform_user_id=CITIZEN_CHAT,
                    chat_id=CITIZEN_CHAT,
                    office_code="1001",
                    association_province="tehran",
                    violations=["25.12"],
                    incident_date=jdatetime.date(1403, 8, 1),
                    description="بیش از تعرفه گرفتند و رسید ندادند.",
                    overcharge=None,
                    complainant_name="مریم نمونه",
                    complainant_mobile="09121234567",
                    identity_consent=False,
                    locale="fa",
                    keep_until=now + timedelta(days=1825),
                )
                await tell_desk(session, settings, filed, now)
            heard = await api.wait_until(
                lambda: [
                    m for m in api.messages_to(DESK_CHAT) if str(m.get("text", "")).startswith("📥")
                ],
                timeout=20,
            )
            assert heard[0]["text"] == (
                "📥 شکایت تازه‌ی ۱۲۳۴۵۶۷۸۰۰ از دفتر ۱۰۰۱\nتاریخ: ۱۴۰۳/۰۸/۰۱\nماده‌ی ۲۵، بندهای ۱۲"
            )
            before = len(api.messages_to(DESK_CHAT))
            api.press_button(
                DESK_CHAT, buttons(heard[0])["📄 دیدن شکایت"], message_id=heard[0]["message_id"]
            )
            [view] = (await api.wait_for_message(DESK_CHAT, count=before + 1, timeout=20))[before:]
            assert view["text"].startswith("📄 شکایت ۱۲۳۴۵۶۷۸۰۰")
            assert "شاکی: مریم نمونه، ۰۹۱۲۱۲۳۴۵۶۷" in view["text"]
            before = len(api.messages_to(DESK_CHAT))
            api.press_button(
                DESK_CHAT, buttons(view)["⚖ ارجاع به هیئت بدوی"], message_id=view["message_id"]
            )
            [done] = (await api.wait_for_message(DESK_CHAT, count=before + 1, timeout=20))[before:]
            assert done["text"].startswith(
                "⚖ شکایت ۱۲۳۴۵۶۷۸۰۰ به هیئت بدوی ارجاع شد (ماده‌ی ۲۲)؛ پرونده‌ی ۱ برای آن گشوده شد."
            )
            told = await api.wait_until(
                lambda: [t for t in texts(api, CITIZEN_CHAT) if t.startswith("وضعیت شکایت")],
                timeout=20,
            )
            office = await api.wait_until(
                lambda: [t for t in texts(api, MANAGER_CHAT) if t.startswith("📨")], timeout=20
            )
            async with app.engine.sessions() as session:
                entries = await staff_store.audit_entries(session)
                [case] = list(await session.scalars(select(Case)))
                stored = await session.get(Complaint, filed.id)
        finally:
            await daftar.stop()
        api.assert_no_violations()
    assert told == [
        "وضعیت شکایت ۱۲۳۴۵۶۷۸۰۰: ارجاع‌شده به هیئت بدوی.\n"
        "برای دیدن روند رسیدگی /complaints را بفرستید."
    ]
    assert len(office) == 1 and office[0].startswith("📨 شکایتی از دفتر شما\nدفتر: دفتر نمونه ۱۰۰۱")
    for secret in SECRETS:
        assert secret not in office[0] and secret not in told[0]
    # Nothing of the desk's reached the citizen or the office but these.
    assert not any(
        "📥" in t or "⚖" in t for t in texts(api, CITIZEN_CHAT) + texts(api, MANAGER_CHAT)
    )
    assert stored is not None and stored.status == "referred_to_board"
    assert case.complaint_ids == [filed.id]
    assert [(e.action, e.outcome, e.platform) for e in entries] == [
        ("staff.invite", AuditOutcome.ALLOWED, "cli"),
        ("staff.link", AuditOutcome.ALLOWED, "telegram"),
        ("staff.menu", AuditOutcome.ALLOWED, "telegram"),
        ("desk.complaint", AuditOutcome.ALLOWED, "telegram"),
        ("desk.refer", AuditOutcome.ALLOWED, "telegram"),
    ]
