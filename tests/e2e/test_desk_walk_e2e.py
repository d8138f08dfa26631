"""The desk's whole walk through the fake Bot API (issue #11), on the real transports: a desk
member invited and linked from Telegram by typing the code; a citizen files a complaint with a
photo; the desk hears of it, opens it, has its evidence sent, asks the complainant a question;
the citizen answers with a photo; the member is told; the desk refers it to the Primary Board.
The citizen and the office's manager receive what they may be told, and nothing more; the audit
log holds one allowed row per staff action pressed, in order."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App, build_registry
from bot.config import Settings
from bot.domain import staff_members
from bot.text.jalali import format_jalali_date
from storage import managers
from storage import staff as staff_store
from storage.models import Complaint, ComplaintQuestion, Evidence
from storage.statuses import AuditOutcome, Role
from tests.chat.test_complaint_chat import load_sample
from tests.daftar_harness import settings_for, start_daftar
from tests.fakebotapi import FakeBotApi

DESK, CITIZEN, MANAGER = 71_000_001, 72_000_002, 73_000_003
MEMBER = "سارا احمدی"
NAME, MOBILE, SHOWN_MOBILE = "مریم نمونه", "09121234567", "۰۹۱۲۱۲۳۴۵۶۷"
DESCRIPTION = "سیصد هزار ریال دادم و رسیدی به من داده نشد."
QUESTION = "رسید را از کدام کارمند دفتر خواستید؟"
ANSWER = "از متصدی پیشخوان خواستم؛ عکس صف را هم می‌فرستم."
PHOTO = b"\xff\xd8\xff" + b"the receipt that was never given" * 50 + b"\xff\xd9"
ANSWER_PHOTO = b"\xff\xd8\xff" + b"the queue at the counter" * 60 + b"\xff\xd9"
TIMEOUT = 20


def persian(digits: str) -> str:
    return digits.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def buttons(message: dict[str, Any]) -> dict[str, str]:
    markup = message.get("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def texts(api: FakeBotApi, chat: int) -> list[str]:
    return [str(m.get("text", m.get("caption", ""))) for m in api.messages_to(chat)]


async def wait_text(api: FakeBotApi, chat: int, fragment: str) -> dict[str, Any]:
    """The chat's latest bot message holding *fragment*, once there is one."""

    def found() -> list[dict[str, Any]]:
        return [
            m for m in api.messages_to(chat) if fragment in str(m.get("text", m.get("caption", "")))
        ]

    held = await api.wait_until(found, TIMEOUT, description=f"{fragment!r} in chat {chat}")
    return held[-1]


async def press(
    api: FakeBotApi, chat: int, label: str, message: dict[str, Any] | None = None
) -> None:
    """Press *label* on *message*, else on the chat's latest message that offers it, once its
    earlier updates are all handled (so the latest is really the latest)."""
    await api.wait_until(
        lambda: not api.pending_updates and not api.pending_callbacks,
        TIMEOUT,
        description="every update handled",
    )
    for held in [message] if message is not None else reversed(api.messages_to(chat)):
        offered = {k: v for k, v in buttons(held).items() if k.startswith(label)}
        if offered:
            [data] = offered.values()
            api.press_button(chat, data, message_id=held["message_id"])
            return
    raise AssertionError(f"no button {label!r} in chat {chat}:\n{texts(api, chat)[-3:]}")


async def file_a_complaint_with_a_photo(api: FakeBotApi) -> None:
    """The citizen's walk through the complaint form, in Persian, pressing what it offers."""
    api.send_command(CITIZEN, "start")
    await wait_text(api, CITIZEN, "چه کاری می‌خواهید انجام دهید؟")
    await press(api, CITIZEN, "ثبت شکایت از یک دفتر")
    await wait_text(api, CITIZEN, "شکایت شما از کدام دفتر است؟")
    api.send_text(CITIZEN, "۱۰۰۱")
    await wait_text(api, CITIZEN, "آیا دفتر مورد نظر این است؟")
    await press(api, CITIZEN, "✔ بله، همین دفتر")
    await wait_text(api, CITIZEN, "چه اتفاقی افتاد؟")
    await press(api, CITIZEN, "▫️ برای مبلغی که پرداختم رسید به من داده نشد")
    await api.wait_until(
        lambda: any(
            "✅ برای مبلغی که پرداختم رسید به من داده نشد" in buttons(m)
            for m in api.messages_to(CITIZEN)
        ),
        TIMEOUT,
    )
    await press(api, CITIZEN, "تمام ✔")
    await wait_text(api, CITIZEN, "چه زمانی اتفاق افتاد؟")
    await press(api, CITIZEN, "دیروز")
    await wait_text(api, CITIZEN, "لطفاً شرح ماجرا را")
    api.send_text(CITIZEN, DESCRIPTION)
    await wait_text(api, CITIZEN, "اکنون تا ۵ مورد بفرستید")
    api.send_photo(CITIZEN, PHOTO)
    await wait_text(api, CITIZEN, "۱ از حداکثر ۵ مورد دریافت شد.")
    await press(api, CITIZEN, "تمام ✔")
    await wait_text(api, CITIZEN, "نام و نام خانوادگی شما؟")
    api.send_text(CITIZEN, NAME)
    await wait_text(api, CITIZEN, "شماره‌ی تلفن همراه شما؟")
    api.press_keyboard(CITIZEN, "📱 ارسال شماره‌ی من")
    await wait_text(api, CITIZEN, "کد ملی شما")
    await press(api, CITIZEN, "بعدی")
    await wait_text(api, CITIZEN, "آیا دفتر می‌تواند بداند شاکی کیست؟")
    await press(api, CITIZEN, "خیر: هویت من از دفتر پنهان بماند")
    await wait_text(api, CITIZEN, "لطفاً پاسخ‌هایتان را بررسی کنید:")
    await press(api, CITIZEN, "✔ تأیید")
    await wait_text(api, CITIZEN, "✅ شکایت شما ثبت شد.")


async def prepare(app: App, settings: Settings) -> str:
    """The sample offices, office 1001's manager linked on Telegram, a Tehran desk member
    invited (as `daftar staff invite` does); returns the invitation's code."""
    await load_sample(app)
    now = datetime.now(UTC)
    async with app.engine.sessions() as session, session.begin():
        manager = await managers.current(session, "1001")
        assert manager is not None
        await managers.add_link(session, manager.id, "telegram", MANAGER, MANAGER, now)
        invited = await staff_members.invite(
            session,
            settings,
            now,
            now + timedelta(days=7),
            name=MEMBER,
            role=Role.DESK,
            association="tehran",
        )
    return invited.code


async def link_desk(api: FakeBotApi, code: str) -> None:
    """The member links the desk's chat by typing the code."""
    api.send_command(DESK, "staff")
    await wait_text(api, DESK, "کد کارکنانی را که به شما داده‌اند بنویسید")
    api.send_text(DESK, code)
    await wait_text(api, DESK, f"🛡 منوی کارکنان: {MEMBER}")


def photo_file_id(api: FakeBotApi, chat: int, number: int) -> str:
    """The largest size's file_id of the chat's *number*-th photo (1-based), as the user sent it."""
    photos = [
        u["message"]["photo"]
        for u in api.queued
        if "photo" in u.get("message", {}) and u["message"]["chat"]["id"] == chat
    ]
    return str(photos[number - 1][-1]["file_id"])


@pytest.mark.parametrize("framework", ["direct", "aiogram", "ptb"])
async def test_the_desks_whole_walk_each_side_told_only_its_part(
    tmp_path: Path, framework: str
) -> None:
    async with FakeBotApi(platform="telegram") as api:
        settings = settings_for(
            api,
            f"sqlite+aiosqlite:///{tmp_path / 'w.db'}",
            framework=framework,
            mode="polling",
            evidence_dir=str(tmp_path / "evidence"),
        )
        daftar = await start_daftar(settings, build_registry())
        try:
            app = daftar.app
            await link_desk(api, await prepare(app, settings))
            await file_a_complaint_with_a_photo(api)
            async with app.engine.sessions() as session:
                filed = await session.scalar(select(Complaint))
            assert filed is not None
            code = persian(filed.tracking_code)

            heard = await wait_text(api, DESK, "📥 شکایت تازه‌ی")
            await press(api, DESK, "📄 دیدن شکایت", heard)
            view = await wait_text(api, DESK, f"📄 شکایت {code}")
            assert f"شاکی: {NAME}، {SHOWN_MOBILE}" in view["text"]
            await press(api, DESK, "📎 فرستادن مدارک (۱)", view)
            caption = f"📎 فایل ۱ از ۱ شکایت {code}"
            await wait_text(api, DESK, caption)
            [evidence_sent] = api.files_to(DESK)
            assert (evidence_sent.method, evidence_sent.by_file_id, evidence_sent.data) == (
                "sendPhoto",
                photo_file_id(api, CITIZEN, 1),
                PHOTO,
            )
            # The photo, then its line (the file's number and the complaint) as a message.
            sent = [(method, m.get("text")) for method, m in api.history(DESK)]
            at = sent.index(("sendPhoto", None))
            assert sent[at + 1] == ("sendMessage", caption)

            await press(api, DESK, "✍ پرسیدن از این شاکی", view)
            await wait_text(api, DESK, "پرسش‌تان از شاکی را بنویسید")
            api.send_text(DESK, QUESTION)
            await wait_text(api, DESK, QUESTION)
            await press(api, DESK, "✔ تأیید")
            await wait_text(api, DESK, "✅ پرسش شما برای شاکی شکایت")

            asked = await wait_text(api, CITIZEN, QUESTION)
            await press(api, CITIZEN, "✍ پاسخ", asked)
            await wait_text(api, CITIZEN, "پاسخ‌تان را بنویسید")
            api.send_text(CITIZEN, ANSWER)
            await wait_text(api, CITIZEN, "اگر عکس یا سندی برای فرستادن همراه پاسخ‌تان دارید")
            api.send_photo(CITIZEN, ANSWER_PHOTO)
            await api.wait_until(
                lambda: any("تمام ✔" in buttons(m) for m in api.messages_to(CITIZEN)[-1:]),
                TIMEOUT,
            )
            await press(api, CITIZEN, "تمام ✔")
            await wait_text(api, CITIZEN, f"• پاسخ شما: {ANSWER}")
            await press(api, CITIZEN, "✔ تأیید")
            await wait_text(api, CITIZEN, "✅ پاسخ شما به میز رسیدگی به شکایات کانون رسید")
            told = await wait_text(api, DESK, "به پرسش شما پاسخ داد")

            await press(api, DESK, "⚖ ارجاع به هیئت بدوی", view)
            await wait_text(api, DESK, f"⚖ شکایت {code} به هیئت بدوی ارجاع شد (ماده‌ی ۲۲)")
            status = await wait_text(api, CITIZEN, f"وضعیت شکایت {code}")
            office = await wait_text(api, MANAGER, "📨")

            async with app.engine.sessions() as session:
                entries = await staff_store.audit_entries(session)
                stored = await session.get(Complaint, filed.id)
                [question] = list(await session.scalars(select(ComplaintQuestion)))
                kept = list(await session.scalars(select(Evidence).order_by(Evidence.id)))
        finally:
            await daftar.stop()
        api.assert_no_violations()

    # The citizen: the question, in the Association's name, and the change of status.
    assert asked["text"] == (
        f"💬 میز رسیدگی به شکایات کانون درباره‌ی شکایت {code} شما می‌پرسد:\n\n{QUESTION}\n\n"
        "برای پاسخ، دکمه‌ی «پاسخ» را بزنید و همین‌جا متن، عکس یا سند بفرستید. پاسخ شما همراه "
        "شکایت‌تان نگه داشته می‌شود و به دفتر گفته نمی‌شود."
    )
    assert list(buttons(asked)) == ["✍ پاسخ"]
    assert status["text"] == (
        f"وضعیت شکایت {code}: ارجاع‌شده به هیئت بدوی.\nبرای دیدن روند رسیدگی /complaints را بفرستید."
    )
    for text in texts(api, CITIZEN):  # nothing of the desk member reaches the citizen
        assert MEMBER not in text and str(DESK) not in text and persian(str(DESK)) not in text
    # The member: the answer, without the citizen's chat, account or phone.
    assert told["text"] == (
        f"💬 شاکی شکایت {code} به پرسش شما پاسخ داد.\n"
        f"پرسش شما: {QUESTION}\n"
        f"پاسخ شاکی: {ANSWER}\n"
        "۱ فایل فرستاد که همراه شکایت نگه داشته می‌شود."
    )
    for text in texts(api, DESK):
        assert str(CITIZEN) not in text and persian(str(CITIZEN)) not in text
    # The office's manager: one notice of the accepted complaint, no identity, no thread.
    assert texts(api, MANAGER) == [
        "📨 شکایتی از دفتر شما\nدفتر: دفتر نمونه ۱۰۰۱ (آزمایشی) (۱۰۰۱)\n\n"
        "کانون دفاتر رسیدگی به شکایتی از دفتر شما را آغاز کرده است (بند هـ ماده‌ی ۱۵). "
        "هنوز درباره‌ی آن تصمیمی گرفته نشده است.\n"
        "موضوع شکایت:\n• بند ۶ ماده ۲۵: عدم تحویل قبض رسید وجوه به ارباب رجوع\n"
        f"روز رخداد: {format_jalali_date(filed.incident_date, 'fa')}\n"
        "شاکی خواسته است هویتش از دفتر پنهان بماند؛ از این رو در اینجا آورده نمی‌شود.\n\n"
        "دستورالعمل این ابلاغ را الزامی نکرده است؛ این سامانه هرگاه کانون به شکایتی از دفتری "
        "رسیدگی کند، به آن دفتر خبر می‌دهد.\nلطفاً دریافت این ابلاغ را تأیید کنید."
    ]
    for secret in (NAME, MOBILE, SHOWN_MOBILE, str(CITIZEN), MEMBER, QUESTION, ANSWER, code):
        assert secret not in office["text"]
    assert api.files_to(MANAGER) == [] and api.files_to(CITIZEN) == []

    assert stored is not None and stored.status == "referred_to_board"
    assert question.answer == ANSWER and len(question.evidence_ids) == 1
    assert [e.sha256 for e in kept] == [
        hashlib.sha256(PHOTO).hexdigest(),
        hashlib.sha256(ANSWER_PHOTO).hexdigest(),
    ]
    # One allowed entry per staff action, in the order pressed: the invitation (the operator's),
    # the link and the staff menu it shows, the view, the evidence, "Ask" on the view and the
    # question confirmed (each authorised on the complaint), the referral.
    assert [(e.action, e.outcome, e.platform) for e in entries] == [
        ("staff.invite", AuditOutcome.ALLOWED, "cli"),
        ("staff.link", AuditOutcome.ALLOWED, "telegram"),
        ("staff.menu", AuditOutcome.ALLOWED, "telegram"),
        ("desk.complaint", AuditOutcome.ALLOWED, "telegram"),
        ("desk.evidence", AuditOutcome.ALLOWED, "telegram"),
        ("desk.ask", AuditOutcome.ALLOWED, "telegram"),
        ("desk.ask", AuditOutcome.ALLOWED, "telegram"),
        ("desk.refer", AuditOutcome.ALLOWED, "telegram"),
    ]
    assert {e.chat_id for e in entries if e.platform == "telegram"} == {DESK}
    assert {(e.subject_kind, e.subject_id) for e in entries if e.action.startswith("desk.")} == {
        ("complaint", str(filed.id))
    }


@pytest.mark.parametrize("bale_framework", ["direct", "ptb"])
async def test_evidence_from_telegram_reaches_a_desk_on_bale_as_an_upload(
    tmp_path: Path, bale_framework: str
) -> None:
    """A file id is one platform's: the desk on Bale is sent the photo from the disk it is kept
    on (a multipart upload: direct, Bale's default, or python-telegram-bot), once Daftar has
    downloaded it from Telegram (aiogram)."""
    async with FakeBotApi(platform="telegram") as telegram, FakeBotApi(platform="bale") as bale:
        settings = settings_for(
            telegram,
            f"sqlite+aiosqlite:///{tmp_path / 'b.db'}",
            framework="aiogram",
            mode="polling",
            evidence_dir=str(tmp_path / "evidence"),
            bale_token=bale.token,
            bale_api_url=bale.base_url,
            bale_framework=bale_framework,
        )
        daftar = await start_daftar(settings, build_registry())
        try:
            app = daftar.app
            await link_desk(bale, await prepare(app, settings))
            await file_a_complaint_with_a_photo(telegram)

            async def downloaded() -> Evidence | None:
                async with app.engine.sessions() as session:
                    return await session.scalar(
                        select(Evidence).where(Evidence.sha256.is_not(None))
                    )

            for _ in range(200):
                if await downloaded() is not None:
                    break
                await asyncio.sleep(0.05)
            assert await downloaded() is not None, "the photo was never downloaded from Telegram"
            heard = await wait_text(bale, DESK, "📥 شکایت تازه‌ی")
            await press(bale, DESK, "📄 دیدن شکایت", heard)
            view = await wait_text(bale, DESK, "📄 شکایت")
            await press(bale, DESK, "📎 فرستادن مدارک (۱)", view)
            await wait_text(bale, DESK, "📎 فایل ۱ از ۱ شکایت")
        finally:
            await daftar.stop()
        telegram.assert_no_violations()
        bale.assert_no_violations()
    [sent] = bale.files_to(DESK)
    assert (sent.method, sent.by_file_id, sent.data) == ("sendPhoto", None, PHOTO)
    assert telegram.files_to(DESK) == [] and telegram.messages_to(DESK) == []
