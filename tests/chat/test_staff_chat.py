"""The staff in chat: linking on Telegram and on Bale, the staff menu beside the citizen's, the
waiting complaints of an Association, and every refusal — a forged button, a replayed one, a
desk member of another Association, a revoked member, a citizen pressing a staff button —
polite, changing nothing, and in the audit log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.config import Settings
from bot.domain import staff_members
from bot.messages.replies import Reply
from storage import staff as store
from storage.models import AuditEntry, Complaint, Conversation, StaffLink, StaffRole
from storage.statuses import AuditOutcome, Role
from tests.chat.test_complaint_chat import load_sample
from tests.conftest import Clock, RecordingSender
from tests.store.test_staff import complaint
from tests.support import command, labels, press, sticker, text, token_of

TELEGRAM = {"platform": "telegram", "chat_id": 4_503_599_627_370_000}
BALE = {"platform": "bale", "chat_id": 2_000_000_001}
# A citizen on Bale whose id is the staff member's Telegram id: identities are (platform, id).
TWIN = {"platform": "bale", "chat_id": 4_503_599_627_370_000}
CITIZEN = {"platform": "telegram", "chat_id": 777}
STAFF_MENU = "🛡 منوی کارکنان"
TEHRAN_WAITING = "📥 شکایت‌های در انتظار: کانون دفاتر استان تهران"
FARS_WAITING = "📥 شکایت‌های در انتظار: کانون دفاتر استان فارس"
NOTHING = "کاری انجام نشد"


@pytest.fixture
def settings() -> Settings:
    """Tehran and Fars each have an Association (a setting, Art. 12)."""
    return Settings(_env_file=None, association_provinces="tehran,fars")  # type: ignore[call-arg]


@pytest.fixture
async def desk_app(app: App) -> App:
    await load_sample(app)
    async with app.engine.sessions() as session, session.begin():
        for n, (office, association) in enumerate(
            [("1001", "tehran"), ("1002", "tehran"), ("1006", "fars")]
        ):
            await complaint(session, office, association, f"12345678{n}0")
    return app


async def invite(
    app: App,
    settings: Settings,
    role: Role | None = Role.DESK,
    association: str | None = "tehran",
    *,
    member_id: int | None = None,
    name: str = "سارا احمدی",
) -> staff_members.Invited:
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        return await staff_members.invite(
            session,
            settings,
            now,
            now + timedelta(days=settings.invite_days),
            name=None if member_id else name,
            member_id=member_id,
            role=role,
            association=association,
        )


async def linked_desk(
    app: App, settings: Settings, sender: RecordingSender
) -> tuple[int, list[Reply]]:
    """A desk member of Tehran, linked on Telegram; their staff menu."""
    invited = await invite(app, settings)
    replies = await app.engine.process(
        command("start", "staff-" + invited.code, **TELEGRAM), sender
    )
    return invited.member.id, replies


async def audit(app: App) -> list[AuditEntry]:
    async with app.engine.sessions() as session:
        return await store.audit_entries(session)


async def count(app: App, model: Any) -> int:
    async with app.engine.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def statuses(app: App) -> list[str]:
    async with app.engine.sessions() as session:
        return [c.status for c in await session.scalars(select(Complaint).order_by(Complaint.id))]


async def test_invite_link_on_telegram_and_on_bale_and_the_staff_menu_beside_the_citizens(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    citizen = await desk_app.engine.process(command("start", **CITIZEN), sender)
    assert STAFF_MENU not in labels(citizen)
    first = await invite(desk_app, settings)
    asked = await desk_app.engine.process(command("staff", **TELEGRAM), sender)
    assert "کد کارکنانی را که به شما داده‌اند بنویسید" in asked[-1].text
    linked = await desk_app.engine.process(
        text(staff_members.shown_code(first.code).lower(), **TELEGRAM), sender
    )
    assert linked[0].text == "✅ سارا احمدی، این گفت‌وگو اکنون به عضویت شما در کارکنان پیوند خورد."
    assert linked[1].text.startswith(
        "🛡 منوی کارکنان: سارا احمدی\nسمت‌های شما:\n"
        "• میز رسیدگی به شکایات: کانون دفاتر استان تهران (بند هـ ماده‌ی ۱۵)"
    )
    assert labels(linked) == [
        TEHRAN_WAITING,
        "✍ پرسش از شاکی",  # a desk role asks complainants (tests/chat/test_thread_chat.py)
        "👤 سمت‌ها و گفت‌وگوهای من",
        "منوی اصلی",
    ]
    menu = await desk_app.engine.process(command("start", **TELEGRAM), sender)
    assert STAFF_MENU in labels(menu) and "مدیر دفتر هستم" in labels(menu)  # beside the citizen's
    # Bale: a code of its own, through the deep link; the twin id on Bale stays a citizen.
    second = await invite(desk_app, settings, None, None, member_id=first.member.id)
    on_bale = await desk_app.engine.process(
        command("start", "staff-" + second.code, **BALE), sender
    )
    assert on_bale[0].text.startswith("✅") and TEHRAN_WAITING in labels(on_bale)
    twin = await desk_app.engine.process(command("start", **TWIN), sender)
    assert STAFF_MENU not in labels(twin)
    roles = await desk_app.engine.process(
        press(token_of(linked, "👤 سمت‌ها و گفت‌وگوهای من"), **TELEGRAM), sender
    )
    assert "گفت‌وگوهای پیوندخورده: تلگرام، بله" in roles[0].text
    async with desk_app.engine.sessions() as session:
        links = await store.links_of(session, [first.member.id])
    assert sorted((link.platform, link.platform_user_id) for link in links) == [
        ("bale", BALE["chat_id"]),
        ("telegram", TELEGRAM["chat_id"]),
    ]
    allowed = [
        (e.action, e.platform) for e in await audit(desk_app) if e.outcome is AuditOutcome.ALLOWED
    ]
    assert allowed == [
        ("staff.invite", "cli"),
        ("staff.link", "telegram"),
        ("staff.menu", "telegram"),
        ("staff.invite", "cli"),
        ("staff.link", "bale"),
        ("staff.menu", "bale"),
        ("staff.roles", "telegram"),
    ]


async def test_the_waiting_complaints_of_my_association_read_only_and_audited(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    member_id, menu = await linked_desk(desk_app, settings, sender)
    listed = await desk_app.engine.process(
        press(token_of(menu, TEHRAN_WAITING), **TELEGRAM), sender
    )
    body = listed[0].text
    assert body.startswith(
        "📥 ۲ شکایت در انتظار بررسی کانون دفاتر استان تهران است (بند هـ ماده‌ی ۱۵)."
    )
    assert "\n• ۱۲۳۴۵۶۷۸۰۰: دفتر ۱۰۰۱، دریافت شد، ثبت‌شده در ۱۵ آبان ۱۴۰۳\n" in body
    assert "۱۲۳۴۵۶۷۸۲۰" not in body  # Fars's complaint is not Tehran's
    assert labels(listed)[:2] == ["📄 ۱۲۳۴۵۶۷۸۰۰", "📄 ۱۲۳۴۵۶۷۸۱۰"]
    opened = await desk_app.engine.process(
        press(token_of(listed, "📄 ۱۲۳۴۵۶۷۸۰۰"), **TELEGRAM), sender
    )
    assert opened[0].text.startswith("📄 شکایت ۱۲۳۴۵۶۷۸۰۰")
    assert "شاکی: شاکی آزمایشی، ۰۹۱۲۱۱۱۱۱۱۱" in opened[0].text  # the desk sees who complained
    assert await statuses(desk_app) == ["received", "received", "received"]
    log = [
        (e.action, e.outcome, e.role, e.subject_kind, e.subject_id, e.member_id)
        for e in await audit(desk_app)
    ][-2:]
    assert log == [
        ("desk.waiting", AuditOutcome.ALLOWED, Role.DESK, "association", "tehran", member_id),
        ("desk.complaint", AuditOutcome.ALLOWED, Role.DESK, "complaint", "1", member_id),
    ]


async def test_a_forged_button_and_a_citizen_pressing_a_staff_button_are_refused(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    _, menu = await linked_desk(desk_app, settings, sender)
    staff_token = token_of(menu, TEHRAN_WAITING)
    before = await count(desk_app, AuditEntry)
    # The citizen's chat sends the staff member's token as its callback data (forged).
    forged = await desk_app.engine.process(press(staff_token, **CITIZEN), sender)
    assert forged[0].text == "این دکمه از آنِ این گفت‌وگو نیست. کاری انجام نشد."
    assert labels(forged) == ["منوی اصلی"]
    assert forged.callback_text == "پذیرفته نشد: کاری انجام نشد."
    [entry] = (await audit(desk_app))[before:]
    assert (entry.action, entry.outcome, entry.reason, entry.member_id, entry.chat_id) == (
        "desk.waiting",
        AuditOutcome.REFUSED,
        "foreign_button",
        None,
        CITIZEN["chat_id"],
    )
    assert (entry.subject_kind, entry.subject_id, entry.button) == (
        "association",
        "tehran",
        staff_token,
    )
    # The twin id on the other platform: the same numbers, another person.
    twin = await desk_app.engine.process(press(staff_token, **TWIN), sender)
    assert twin[0].text.endswith(NOTHING + ".")
    # A staff screen asked for by a citizen (the /staff menu is not theirs): the code, no menu.
    asked = await desk_app.engine.process(command("staff", **CITIZEN), sender)
    assert "کد کارکنانی" in asked[-1].text
    wrong = await desk_app.engine.process(text("ABCD-EFGH-JKMN", **CITIZEN), sender)
    assert (
        wrong[0].text == "این کد کارکنان را نمی‌شناسم. لطفاً آن را بررسی کنید یا کد تازه‌ای بخواهید."
    )
    assert labels(wrong) == ["نوشتن دوباره‌ی کد", "منوی اصلی"]
    refused = [(e.reason, e.platform) for e in (await audit(desk_app))[before:]]
    assert refused == [
        ("foreign_button", "telegram"),
        ("foreign_button", "bale"),
        ("unknown_code", "telegram"),
    ]
    async with desk_app.engine.sessions() as session:
        assert await store.link_of(session, "telegram", CITIZEN["chat_id"]) is None
    assert await statuses(desk_app) == ["received", "received", "received"]


async def test_a_replayed_one_time_button_and_an_unlinked_chat(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    _, menu = await linked_desk(desk_app, settings, sender)
    roles = await desk_app.engine.process(
        press(token_of(menu, "👤 سمت‌ها و گفت‌وگوهای من"), **TELEGRAM), sender
    )
    asked = await desk_app.engine.process(
        press(token_of(roles, "🔌 جدا کردن این گفت‌وگو"), **TELEGRAM), sender
    )
    yes = token_of(asked, "✔ بله، این گفت‌وگو جدا شود")
    done = await desk_app.engine.process(press(yes, **TELEGRAM), sender)
    assert done[0].text.startswith("🔌 این گفت‌وگو دیگر به عضویت شما در کارکنان پیوند ندارد.")
    links_after = await count(desk_app, StaffLink)
    replayed = await desk_app.engine.process(press(yes, **TELEGRAM), sender)
    assert (
        replayed[0].text
        == "این دکمه پیش‌تر به کار رفته است و تنها یک بار کار می‌کند. کاری دوباره انجام نشد."
    )
    assert labels(replayed) == ["منوی اصلی"]  # the chat is unlinked now: no staff menu
    old = await desk_app.engine.process(press(token_of(menu, TEHRAN_WAITING), **TELEGRAM), sender)
    assert old[0].text.startswith(
        "این گفت‌وگو دیگر به عضویت شما در کارکنان پیوند ندارد؛ پس کاری انجام نشد."
    )
    assert labels(old) == ["منوی اصلی"]
    main = await desk_app.engine.process(command("menu", **TELEGRAM), sender)
    assert STAFF_MENU not in labels(main)
    assert await count(desk_app, StaffLink) == links_after == 1
    async with desk_app.engine.sessions() as session:
        assert await store.link_of(session, "telegram", TELEGRAM["chat_id"]) is None
    tail = [(e.action, e.outcome, e.reason) for e in (await audit(desk_app))[-3:]]
    assert tail == [
        ("staff.unlink", AuditOutcome.ALLOWED, None),
        ("staff.unlink", AuditOutcome.REFUSED, "replayed"),
        ("desk.waiting", AuditOutcome.REFUSED, "unlinked"),
    ]


async def test_a_desk_member_of_another_association_is_refused_what_the_old_button_shows(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    member_id, menu = await linked_desk(desk_app, settings, sender)
    listed = await desk_app.engine.process(
        press(token_of(menu, TEHRAN_WAITING), **TELEGRAM), sender
    )
    # The member moves from Tehran's desk to Fars's: the buttons they hold still say Tehran.
    now = desk_app.engine.clock()
    async with desk_app.engine.sessions() as session, session.begin():
        await staff_members.revoke(session, member_id, now, role=Role.DESK, association="tehran")
    await invite(desk_app, settings, Role.DESK, "fars", member_id=member_id)
    for label, source in ((TEHRAN_WAITING, menu), ("📄 ۱۲۳۴۵۶۷۸۰۰", listed)):
        refused = await desk_app.engine.process(press(token_of(source, label), **TELEGRAM), sender)
        assert refused[0].text == (
            "این مورد به کانون دفاتر استان تهران مربوط است و سمت شما در کانون دفاتر استان فارس "
            "است (ماده‌ی ۱۲). کاری انجام نشد."
        )
        assert labels(refused) == [STAFF_MENU, "منوی اصلی"]
    fresh = await desk_app.engine.process(command("staff", **TELEGRAM), sender)
    assert labels(fresh)[0] == FARS_WAITING
    refused = [e for e in await audit(desk_app) if e.outcome is AuditOutcome.REFUSED]
    assert [(e.action, e.reason, e.subject_id, e.member_id) for e in refused] == [
        ("desk.waiting", "other_association", "tehran", member_id),
        ("desk.complaint", "other_association", "1", member_id),
    ]


async def test_a_revoked_members_old_buttons_do_nothing_but_say_so(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    member_id, menu = await linked_desk(desk_app, settings, sender)
    now = desk_app.engine.clock()
    async with desk_app.engine.sessions() as session, session.begin():
        await staff_members.revoke(session, member_id, now)
    refused = await desk_app.engine.process(
        press(token_of(menu, TEHRAN_WAITING), **TELEGRAM), sender
    )
    assert refused[0].text == "عضویت شما در کارکنان در ۱۵ آبان ۱۴۰۳ لغو شده است؛ پس کاری انجام نشد."
    assert labels(refused) == ["منوی اصلی"]
    main = await desk_app.engine.process(command("start", **TELEGRAM), sender)
    assert STAFF_MENU not in labels(main)
    again = await desk_app.engine.process(command("staff", **TELEGRAM), sender)
    assert "کد کارکنانی" in again[-1].text  # a revoked member is a citizen here, until invited anew
    [entry] = [e for e in await audit(desk_app) if e.outcome is AuditOutcome.REFUSED]
    assert (entry.action, entry.reason, entry.member_id) == ("desk.waiting", "revoked", member_id)
    async with desk_app.engine.sessions() as session:
        assert await store.roles_of(session, [member_id]) == []
    assert await count(desk_app, StaffRole) == 1


async def test_an_expired_staff_button_and_an_unknown_token_in_a_members_chat(
    desk_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    _, menu = await linked_desk(desk_app, settings, sender)
    clock.advance(days=settings.action_button_days + 1)
    late = await desk_app.engine.process(press(token_of(menu, TEHRAN_WAITING), **TELEGRAM), sender)
    assert (
        late[0].text == "اعتبار این دکمه به پایان رسیده است. کاری انجام نشد؛ "
        "لطفاً منوی کارکنان را دوباره باز کنید."
    )
    assert labels(late) == [STAFF_MENU, "منوی اصلی"]
    unknown = await desk_app.engine.process(press("not-a-token", **TELEGRAM), sender)
    # An unknown token: the engine's own answer, and a line of the audit (a member's chat).
    assert unknown[0].text == "این دکمه دیگر معتبر نیست. اکنون اینجا هستیم:"
    tail = [(e.action, e.reason, e.button) for e in (await audit(desk_app))[-2:]]
    assert tail == [
        ("desk.waiting", "expired_button", token_of(menu, TEHRAN_WAITING)),
        ("unknown", "unknown_button", "not-a-token"),
    ]


async def test_bad_input_at_the_code_step_changes_nothing(
    desk_app: App, settings: Settings, sender: RecordingSender
) -> None:
    await desk_app.engine.process(command("staff", **CITIZEN), sender)
    for event in (sticker(**CITIZEN), text("x" * 10_000, **CITIZEN), text("۱۲۳", **CITIZEN)):
        replies = await desk_app.engine.process(event, sender)
        assert replies[-1].text and labels(replies), "a way on: the Cancel button"
    async with desk_app.engine.sessions() as session:
        row = await session.get(Conversation, ("telegram", CITIZEN["chat_id"]))
    assert row is not None and row.flow == "staff_link"
    assert await count(desk_app, StaffLink) == 0
    assert await audit(desk_app) == []


async def test_an_expired_code_says_when_and_that_the_period_is_a_setting(
    desk_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    invited = await invite(desk_app, settings)
    clock.advance(days=settings.invite_days + 1)
    late = await desk_app.engine.process(command("start", "staff-" + invited.code, **BALE), sender)
    assert late[0].text == (
        "اعتبار این کد کارکنان در ۲۲ آبان ۱۴۰۳ به پایان رسید (هر کد ۷ روز اعتبار دارد: این "
        "تنظیمی از این خدمت است، نه قاعده‌ای از دستورالعمل). لطفاً کد تازه‌ای بخواهید."
    )
    assert labels(late) == ["نوشتن دوباره‌ی کد", "منوی اصلی"]
    assert await count(desk_app, StaffLink) == 0
    [entry] = [e for e in await audit(desk_app) if e.action == "staff.link"]
    assert (entry.outcome, entry.reason, entry.platform) == (
        AuditOutcome.REFUSED,
        "expired_code",
        "bale",
    )
