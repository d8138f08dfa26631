"""The complaint desk in chat: a desk member invited and linked hears of a new complaint, opens
everything the citizen gave, refers it to the Primary Board; the citizen and the office's manager
are told what they may be told and no more; takes, closes on a ground, marks a repeat; the lists
page and the search finds; and every staff action is in the audit log."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.messages.replies import Attachment, Reply
from storage import managers
from storage.models import AuditEntry, Case, Complaint, Evidence, OutboxMessage
from storage.statuses import AuditOutcome, Role
from tests.chat.test_complaint_chat import file_overcharge, load_sample, only
from tests.chat.test_staff_chat import TELEGRAM, audit, invite
from tests.conftest import Clock, RecordingSender
from tests.readme_walks import run_walk
from tests.store.test_staff import complaint as received_complaint
from tests.support import command, labels, press, sticker, text, token_of

MANAGER_CHAT = 7_000_000_001
CITIZEN_CHAT = 100  # tests.support.common()'s chat
COLLEAGUE = {"platform": "bale", "chat_id": 2_000_000_009}
REFER = "⚖ ارجاع به هیئت بدوی"
REASONS = "دفتر رسید پرداخت را نشان داد و مبلغ با تعرفه‌ی ۱۴۰۳ یکی است."


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, evidence_dir=str(tmp_path / "evidence"), association_provinces="tehran,fars"
    )


@pytest.fixture
async def desk_app(app: App) -> App:
    await load_sample(app)
    async with app.engine.sessions() as session, session.begin():
        manager = await managers.current(session, "1001")
        assert manager is not None
        await managers.add_link(
            session, manager.id, "telegram", MANAGER_CHAT, MANAGER_CHAT, app.engine.clock()
        )
    return app


async def link_desk(
    app: App, settings: Settings, sender: RecordingSender, chat: dict[str, object], name: str
) -> int:
    invited = await invite(app, settings, name=name)
    await app.engine.process(command("start", "staff-" + invited.code, **chat), sender)  # type: ignore[arg-type]
    return invited.member.id


async def notices(app: App, chat_id: int) -> list[Reply]:
    async with app.engine.sessions() as session:
        rows = await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == "notice", OutboxMessage.chat_id == chat_id)
            .order_by(OutboxMessage.id)
        )
        return [Reply.from_payload(row.payload, row.id) for row in rows]


async def the_complaint(app: App) -> Complaint:
    async with app.engine.sessions() as session:
        found = await session.scalars(select(Complaint).order_by(Complaint.id))
        return list(found)[-1]


def persian(digits: str) -> str:
    return digits.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


async def test_a_desk_member_hears_of_a_new_complaint_reads_it_and_refers_it_to_the_board(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    member_id = await link_desk(desk_app, settings, sender, TELEGRAM, "سارا احمدی")
    await file_overcharge(desk_app, sender)
    filed = await the_complaint(desk_app)
    code = persian(filed.tracking_code)
    # The desk hears of it, from the filing's own transaction: a summary, no identity.
    [heard] = await notices(desk_app, TELEGRAM["chat_id"])
    assert heard.text == (
        f"📥 شکایت تازه‌ی {code} از دفتر ۱۰۰۱\nتاریخ: ۱۴۰۳/۰۸/۱۴\nماده‌ی ۲۵، بندهای ۶، ۱۲"
    )
    assert "مریم" not in heard.text and [[b.label for b in row] for row in heard.inline] == [
        ["📄 دیدن شکایت"]
    ]
    assert await notices(desk_app, MANAGER_CHAT) == []  # not accepted yet: the office is not told
    opened = await desk_app.engine.process(press(heard.inline[0][0].token, **TELEGRAM), sender)
    view = opened[0].text
    assert view.startswith(f"📄 شکایت {code}\nدفتر: دفتر نمونه ۱۰۰۱")
    for given in (
        "وضعیت: دریافت شد",
        "تاریخ: ۱۴۰۳/۰۸/۱۴",
        "پرداخت‌شده: ۵۰۰٬۰۰۰ ریال",
        "بیش از تعرفه: ۲۹۰٬۰۰۰ ریال",
        "برای سه صفحه پیوست پانصد هزار ریال گرفتند و رسید ندادند.",
        "۱ فایل مدرک",
        "شاکی: مریم نمونه، ۰۹۱۲۱۲۳۴۵۶۷",
        "دفتر نباید بداند شاکی کیست.",
        "روند رسیدگی:",
        "شکایت‌های دیگر از این دفتر: ۰",
        "پرونده‌ای علیه این دفتر در هیئت نیست.",
    ):
        assert given in view, given
    assert labels(opened)[:7] == [
        "📎 فرستادن مدارک (۱)",
        "🙋 برمی‌دارم",
        "👥 سپردن به همکار",
        REFER,
        "🔍 پیشنهاد بازرسی",
        "✖ بستن",
        "♊ تکرار شکایتی دیگر",
    ]
    # The photo came from another platform ("test"): it is sent from the disk where it is kept.
    files = await desk_app.engine.process(
        press(token_of(opened, "📎 فرستادن مدارک (۱)"), **TELEGRAM), sender
    )
    [evidence] = await only(desk_app, Evidence)
    [photo] = files
    assert photo.text == f"📎 فایل ۱ از ۱ شکایت {code}"
    assert photo.attachment == Attachment("photo", path=evidence.stored_path)
    assert photo.attachment.path and Path(photo.attachment.path).read_bytes() == b"bytes of photo-1"
    assert labels(files)[0] == "« شکایت"
    referred = await desk_app.engine.process(press(token_of(opened, REFER), **TELEGRAM), sender)
    assert referred[0].text == (
        f"⚖ شکایت {code} به هیئت بدوی ارجاع شد (ماده‌ی ۲۲)؛ پرونده‌ی ۱ برای آن گشوده شد.\n"
        "به شاکی خبر داده شد، و اعلان پذیرش شکایت برای مدیر دفتر فرستاده می‌شود."
    )
    # The citizen is told the move, in their language; the office is told it was accepted,
    # without who complained (no consent).
    [told] = await notices(desk_app, CITIZEN_CHAT)
    assert told.text == (
        f"وضعیت شکایت {code}: ارجاع‌شده به هیئت بدوی.\nبرای دیدن روند رسیدگی /complaints را بفرستید."
    )
    [office] = await notices(desk_app, MANAGER_CHAT)
    assert office.text.startswith("📨 شکایتی از دفتر شما\nدفتر: دفتر نمونه ۱۰۰۱")
    for secret in ("مریم", "۰۹۱۲۱۲۳۴۵۶۷", "09121234567", "0499370899", "۰۴۹۹۳۷۰۸۹۹"):
        assert secret not in office.text and secret not in told.text
    async with desk_app.engine.sessions() as session:
        [case] = list(await session.scalars(select(Case)))
        stored = await session.get(Complaint, filed.id)
    assert (case.office_code, case.complaint_ids, case.status) == ("1001", [filed.id], "open")
    assert stored is not None and stored.status == "referred_to_board"
    # The referral's button works once; the view is no longer the desk's to act on.
    again = await desk_app.engine.process(press(token_of(opened, REFER), **TELEGRAM), sender)
    assert (
        again[0].text
        == "این دکمه پیش‌تر به کار رفته است و تنها یک بار کار می‌کند. کاری دوباره انجام نشد."
    )
    assert len(await notices(desk_app, CITIZEN_CHAT)) == 1
    log = [(e.action, e.outcome, e.role, e.member_id) for e in await audit(desk_app)]
    assert log == [
        ("staff.invite", AuditOutcome.ALLOWED, Role.DESK, member_id),
        ("staff.link", AuditOutcome.ALLOWED, None, member_id),
        ("staff.menu", AuditOutcome.ALLOWED, None, member_id),
        ("desk.complaint", AuditOutcome.ALLOWED, Role.DESK, member_id),
        ("desk.evidence", AuditOutcome.ALLOWED, Role.DESK, member_id),
        ("desk.refer", AuditOutcome.ALLOWED, Role.DESK, member_id),
        ("desk.refer", AuditOutcome.REFUSED, None, member_id),
    ]


async def test_take_give_close_and_repeat_each_told_and_audited(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    sara = await link_desk(desk_app, settings, sender, TELEGRAM, "سارا احمدی")
    reza = await link_desk(desk_app, settings, sender, COLLEAGUE, "رضا کریمی")
    async with desk_app.engine.sessions() as session, session.begin():
        first = await received_complaint(session, "1001", "tehran", "1234567800")
        second = await received_complaint(session, "1001", "tehran", "1234567810")
        third = await received_complaint(session, "1002", "tehran", "1234567820")
    menu = await desk_app.engine.process(command("staff", **TELEGRAM), sender)
    listed = await desk_app.engine.process(
        press(token_of(menu, "📥 شکایت‌های در انتظار: کانون دفاتر استان تهران"), **TELEGRAM), sender
    )
    assert listed[0].text.startswith("📥 ۳ شکایت در انتظار بررسی کانون دفاتر استان تهران است")
    assert labels(listed)[3] == "🙋 مال من"
    view = await desk_app.engine.process(
        press(token_of(listed, "📄 ۱۲۳۴۵۶۷۸۰۰"), **TELEGRAM), sender
    )
    taken = await desk_app.engine.process(press(token_of(view, "🙋 برمی‌دارم"), **TELEGRAM), sender)
    assert taken[0].text == (
        "🙋 شکایت ۱۲۳۴۵۶۷۸۰۰ را برداشتید.\n"
        "به شاکی خبر داده شد، و اعلان پذیرش شکایت برای مدیر دفتر فرستاده می‌شود."
    )
    mine = await desk_app.engine.process(press(token_of(taken, "🙋 مال من"), **TELEGRAM), sender)
    assert mine[0].text.startswith("🙋 ۱ شکایتی که برداشته‌اید هنوز در انتظار است.")
    assert "📄 ۱۲۳۴۵۶۷۸۰۰" in labels(mine) and "📄 ۱۲۳۴۵۶۷۸۱۰" not in labels(mine)
    # Give the second to a colleague: only the desk's members of Tehran are offered.
    view = await desk_app.engine.process(
        press(token_of(listed, "📄 ۱۲۳۴۵۶۷۸۱۰"), **TELEGRAM), sender
    )
    ask = await desk_app.engine.process(
        press(token_of(view, "👥 سپردن به همکار"), **TELEGRAM), sender
    )
    assert ask[0].text == "شکایت ۱۲۳۴۵۶۷۸۱۰ به چه کسی سپرده شود؟"
    given = await desk_app.engine.process(press(token_of(ask, "رضا کریمی"), **TELEGRAM), sender)
    assert given[0].text.startswith("👥 شکایت ۱۲۳۴۵۶۷۸۱۰ اکنون به رضا کریمی سپرده شد.")
    # Mark it a repeat of the first (same office); the third's office has no other complaint.
    view = await desk_app.engine.process(
        press(token_of(listed, "📄 ۱۲۳۴۵۶۷۸۱۰"), **TELEGRAM), sender
    )
    which = await desk_app.engine.process(
        press(token_of(view, "♊ تکرار شکایتی دیگر"), **TELEGRAM), sender
    )
    assert labels(which)[0] == "۱۲۳۴۵۶۷۸۰۰"
    repeat = await desk_app.engine.process(press(token_of(which, "۱۲۳۴۵۶۷۸۰۰"), **TELEGRAM), sender)
    assert repeat[0].text == (
        "♊ شکایت ۱۲۳۴۵۶۷۸۱۰ به‌عنوان تکرار شکایت ۱۲۳۴۵۶۷۸۰۰ بسته شد. به شاکی خبر داده شد."
    )
    # Close the third as unfounded: the ground chosen, the reasons typed, then confirmed once.
    view = await desk_app.engine.process(
        press(token_of(listed, "📄 ۱۲۳۴۵۶۷۸۲۰"), **TELEGRAM), sender
    )
    grounds = await desk_app.engine.process(press(token_of(view, "✖ بستن"), **TELEGRAM), sender)
    assert labels(grounds)[:2] == ["بیرون از آیین‌نامه", "بی‌پایه"]
    assert grounds[0].text.endswith(
        "سپس دلایل‌تان را می‌نویسید. عنوان بستن و دلایل آن به شاکی گفته می‌شود؛ کانون همچنان "
        "آن را گزارش می‌کند (بند هـ ماده‌ی ۱۵)."
    )
    asked = await desk_app.engine.process(press(token_of(grounds, "بی‌پایه"), **TELEGRAM), sender)
    prompt = (
        "دلایل بستن شکایت ۱۲۳۴۵۶۷۸۲۰ به‌عنوان «بی‌پایه» را بنویسید (۱۰ تا ۱٬۰۰۰ نویسه). "
        "شاکی آن‌ها را همراه عنوان بستن می‌خواند."
    )
    assert asked[0].text == prompt
    assert labels(asked) == ["» بازگشت", "✖ انصراف"]
    # A sticker, a text too short and one too long are each asked again; nothing is closed.
    for wrong, problem in (
        (sticker(**TELEGRAM), "پوزش می‌خواهم، این نوع پیام را اینجا نمی‌توانم بپذیرم."),
        (text("  کوتاه  ", **TELEGRAM), "کوتاه است"),
        (text("ب" * 10_000, **TELEGRAM), "بلند است"),
    ):
        again = await desk_app.engine.process(wrong, sender)
        assert problem in again[0].text and again[0].text.endswith(prompt)
    # Back is the choice of the ground again; the other ground then asks its own reasons.
    back = await desk_app.engine.process(press(token_of(asked, "» بازگشت"), **TELEGRAM), sender)
    assert back[0].text.startswith("شکایت ۱۲۳۴۵۶۷۸۲۰ به چه دلیلی بسته شود؟")
    asked = await desk_app.engine.process(press(token_of(back, "بی‌پایه"), **TELEGRAM), sender)
    confirm = await desk_app.engine.process(text(REASONS, **TELEGRAM), sender)
    assert confirm[0].text == (
        f"شکایت ۱۲۳۴۵۶۷۸۲۰ با این دلایل به‌عنوان «بی‌پایه» بسته شود؟\n\n{REASONS}\n\n"
        "عنوان بستن و دلایل آن به شاکی گفته می‌شود."
    )
    assert labels(confirm)[:3] == ["✔ بسته شود", "✎ نوشتن دوباره‌ی دلایل", "📄 ۱۲۳۴۵۶۷۸۲۰"]
    async with desk_app.engine.sessions() as session:
        waiting = await session.get(Complaint, third)
    assert waiting is not None and waiting.status == "received"  # not until confirmed
    closed = await desk_app.engine.process(
        press(token_of(confirm, "✔ بسته شود"), **TELEGRAM), sender
    )
    assert closed[0].text == (
        "✖ شکایت ۱۲۳۴۵۶۷۸۲۰ بسته شد: بی‌پایه. عنوان بستن و دلایل شما به شاکی گفته شد."
    )
    twice = await desk_app.engine.process(
        press(token_of(confirm, "✔ بسته شود"), **TELEGRAM), sender
    )
    assert twice[0].text == (
        "این دکمه پیش‌تر به کار رفته است و تنها یک بار کار می‌کند. کاری دوباره انجام نشد."
    )
    # Its record shows the ground and the reasons on its timeline.
    found = await desk_app.engine.process(command("desk", "1234567820", **TELEGRAM), sender)
    record = await desk_app.engine.process(
        press(token_of(found, "📄 ۱۲۳۴۵۶۷۸۲۰"), **TELEGRAM), sender
    )
    assert (
        ": رد شد — بسته شد چون بی‌پایه است: بررسی کانون تخلفی برای پیگیری نیافت (بند هـ ماده‌ی "
        f"۱۵).\nدلایل کانون: {REASONS}\n" in record[0].text
    )
    # Its view's other buttons are stale now: refused by the state the store holds, politely.
    stale = await desk_app.engine.process(
        press(token_of(view, "⚖ ارجاع به هیئت بدوی"), **TELEGRAM), sender
    )
    assert stale[0].text == "این کار دیگر شدنی نیست: وضعیت آن اکنون «رد شد» است. کاری انجام نشد."
    async with desk_app.engine.sessions() as session:
        rows = {c.id: c for c in await session.scalars(select(Complaint))}
    assert (rows[first].status, rows[first].assigned_member_id) == ("under_review", sara)
    assert (rows[second].status, rows[second].closed_as, rows[second].duplicate_of_id) == (
        "dismissed",
        "duplicate",
        first,
    )
    assert rows[second].assigned_member_id == reza
    assert (rows[third].status, rows[third].closed_as, rows[third].closed_reasons) == (
        "dismissed",
        "unfounded",
        REASONS,
    )
    told = [r.text for r in await notices(desk_app, 777)]  # the sample complainant's chat
    assert len(told) == 4  # taken, given (so under review), repeated, closed
    assert "بسته شد چون تکرار شکایت ۱۲۳۴۵۶۷۸۰۰ است" in told[2]
    assert (
        "بسته شد چون بی‌پایه است: بررسی کانون تخلفی برای پیگیری نیافت (بند هـ ماده‌ی ۱۵).\n"
        f"دلایل کانون: {REASONS}\n" in told[3]
    )
    # The search finds by office code, in Persian digits too; the lists show what still waits.
    found = await desk_app.engine.process(command("desk", "۱۰۰۱", **TELEGRAM), sender)
    assert found[0].text.startswith("🔎 ۲ شکایت یافت شد:")
    left = await desk_app.engine.process(
        press(token_of(taken, "« شکایت‌های در انتظار: کانون دفاتر استان تهران"), **TELEGRAM), sender
    )
    assert left[0].text.startswith("📥 ۱ شکایت در انتظار بررسی")
    allowed = [
        e.action
        for e in await audit(desk_app)
        if e.outcome is AuditOutcome.ALLOWED and e.action.startswith("desk.")
    ]
    assert allowed == [
        "desk.waiting",
        "desk.complaint",
        "desk.take",
        "desk.mine",
        "desk.complaint",
        "desk.assign_ask",
        "desk.assign",
        "desk.complaint",
        "desk.duplicate_ask",
        "desk.duplicate",
        "desk.complaint",
        "desk.close_ask",
        "desk.close_reasons",
        "desk.close_ask",
        "desk.close_reasons",
        "desk.close",
        "desk.search",
        "desk.record",
        "desk.search",
        "desk.waiting",
    ]
    entries: list[AuditEntry] = await audit(desk_app)
    assert {e.member_id for e in entries if e.action.startswith("desk.")} == {sara}


async def test_the_waiting_list_pages_oldest_first_and_overdue_follows_the_setting(
    desk_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    await link_desk(desk_app, settings, sender, TELEGRAM, "سارا احمدی")
    async with desk_app.engine.sessions() as session, session.begin():
        for n in range(12):
            await received_complaint(session, "1001", "tehran", f"12345{n:03d}00")
    menu = await desk_app.engine.process(command("staff", **TELEGRAM), sender)
    first = await desk_app.engine.process(
        press(token_of(menu, "📥 شکایت‌های در انتظار: کانون دفاتر استان تهران"), **TELEGRAM), sender
    )
    assert "صفحه‌ی ۱ از ۲، قدیمی‌ترها نخست." in first[0].text
    assert labels(first)[0] == "📄 ۱۲۳۴۵۰۰۰۰۰" and "« قبلی" not in labels(first)
    later = await desk_app.engine.process(press(token_of(first, "بعدی »"), **TELEGRAM), sender)
    assert "صفحه‌ی ۲ از ۲" in later[0].text
    assert labels(later)[:2] == ["📄 ۱۲۳۴۵۰۱۰۰۰", "📄 ۱۲۳۴۵۰۱۱۰۰"] and "« قبلی" in labels(later)
    none_yet = await desk_app.engine.process(
        press(token_of(later, "⏰ دیرکرده"), **TELEGRAM), sender
    )
    assert none_yet[0].text.startswith("⏰ ۰ شکایت بیش از ۱۰ روز در انتظار مانده است")
    clock.now += timedelta(days=settings.desk_overdue_days, hours=1)
    overdue = await desk_app.engine.process(
        press(token_of(later, "⏰ دیرکرده"), **TELEGRAM), sender
    )
    assert overdue[0].text.startswith(
        "⏰ ۱۲ شکایت بیش از ۱۰ روز در انتظار مانده‌اند (هدف زمانی این سرویس، نه قاعده‌ی آیین‌نامه)."
    )


async def test_desk_search_from_a_citizens_chat_is_refused_and_audited(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    citizen = {"platform": "telegram", "chat_id": 777}
    refused = await desk_app.engine.process(command("desk", "1001", **citizen), sender)
    assert refused[0].text == (
        "این بخش ویژه‌ی کارکنان کانون است و این گفت‌وگو به هیچ عضوی از کارکنان پیوند ندارد. "
        "کاری انجام نشد."
    )
    assert labels(refused) == ["منوی اصلی"]
    [entry] = await audit(desk_app)
    assert (entry.action, entry.outcome, entry.reason, entry.member_id) == (
        "desk.search",
        AuditOutcome.REFUSED,
        "not_staff",
        None,
    )
    await link_desk(desk_app, settings, sender, TELEGRAM, "سارا احمدی")
    hint = await desk_app.engine.process(command("desk", **TELEGRAM), sender)
    assert hint[0].text.startswith("پس از /desk کد رهگیری یا کد دفتر را بنویسید")


DESK_WALK = "<!-- walk: tests/chat/test_desk_chat.py runs the next block -->"


async def test_the_readmes_desk_walk_links_hears_opens_and_refers(tmp_path: Path) -> None:
    shown, _ = await run_walk(DESK_WALK, tmp_path)
    assert "✅ This chat is now linked to your staff membership, Sara." in shown
    heard = shown[shown.index("📥 New complaint ") :]
    date, clauses, button = heard.split("\n")[1:4]
    assert date.startswith("Date: ") and clauses == "Article 25, clauses: 6"
    assert button == "   [1] 📄 Open the complaint"
    assert (
        "Complainant: Sara Example, 09121234567\nThe office may not know who complained." in heard
    )
    assert "was referred to the Primary Board (Article 22): case 1 was opened on it." in heard
    citizen = heard[heard.index("Your complaint ") :]
    assert citizen.split("\n")[0].endswith("is now: referred to the Primary Disciplinary Board.")
