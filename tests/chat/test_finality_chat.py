"""Arts. 23 and 24 in chat: the manager reads their disciplinary file and appeals a 5 from its
notice (the Appeals Board's chat is sent the appeal's file); the Center's head appeals after the
manager from the staff menu, once."""

from __future__ import annotations

import jdatetime
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.domain import appeals, office_managers
from bot.text.persian import to_persian_digits
from storage.models import Appeal, AuditEntry, Case, OutboxMessage
from storage.statuses import AuditOutcome, Role
from tests.chat.test_manager_chat import as_reply, invite, office_app
from tests.chat.test_staff_chat import TELEGRAM
from tests.chat.test_staff_chat import invite as staff_invite
from tests.conftest import RecordingSender
from tests.store.board_builders import record_ruling
from tests.support import command, labels, press, sticker, text, token_of

__all__ = ["office_app"]  # the fixture

MY_FILE = "📁 پرونده‌ی انتظامی من"
BOARD = {"platform": "bale", "chat_id": 2_000_000_077}
OPEN_TO_APPEAL = "⚖ رأی‌های قابل تجدیدنظرخواهی"
GROUNDS = "مدت تعلیق با شدت تخلف و سابقه‌ی دفتر تناسب ندارد و باید بازنگری شود."


def fa(number: int) -> str:
    return to_persian_digits(str(number))


async def record(app: App, settings: Settings, sanction: int, months: int | None = None) -> int:
    """The Primary Board's decision against office 1001's manager, as `decisions record` does."""
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        case = Case(
            office_code="1001", source="complaints", complaint_ids=[], opened_at=now, status="open"
        )
        session.add(case)
        await session.flush()
        # The violation precedes the sample's import: the Directorate's records name its manager.
        await office_managers.record_since(
            session, settings, now, office_code="1001", since=jdatetime.date(1400, 1, 1)
        )
        recorded = await record_ruling(
            session,
            settings,
            now,
            case_id=case.id,
            violations=["25.12"],
            committed_on=jdatetime.date(1403, 8, 1),
            sanction=sanction,
            months=months,
        )
        return recorded.decision.id


async def rows_to(app: App, chat: dict[str, object]) -> list[OutboxMessage]:
    async with app.engine.sessions() as session:
        found = await session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.platform == chat["platform"],
                OutboxMessage.chat_id == chat["chat_id"],
                OutboxMessage.kind == "notice",
            )
            .order_by(OutboxMessage.id)
        )
        return list(found)


async def all_appeals(app: App) -> list[Appeal]:
    async with app.engine.sessions() as session:
        return list(await session.scalars(select(Appeal).order_by(Appeal.id)))


async def link_staff(
    app: App, settings: Settings, sender: RecordingSender, role: Role, chat: dict[str, object]
) -> list[object]:
    invited = await staff_invite(app, settings, role, None, name="مریم رضایی")
    return await app.engine.process(command("start", "staff-" + invited.code, **chat), sender)  # type: ignore[arg-type]


async def test_the_manager_reads_their_disciplinary_file(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    await office_app.engine.process(command("start", await invite(office_app)), sender)
    menu = await office_app.engine.process(command("start"), sender)
    home = await office_app.engine.process(press(token_of(menu, "مدیر دفتر هستم")), sender)
    assert labels(home) == ["ابلاغ‌های من", MY_FILE, "منوی اصلی"]
    empty = await office_app.engine.process(press(token_of(home, MY_FILE)), sender)
    assert empty[0].text == "پرونده‌ی انتظامی شما خالی است: هیچ مجازات قطعی‌ای در آن درج نشده است."
    assert labels(empty) == ["ابلاغ‌های من", "منوی اصلی"]
    await record(office_app, settings, 3)  # final at once (Art. 24): entered (Art. 23)
    await record(office_app, settings, 5, 6)  # pending: not in the file
    filed = await office_app.engine.process(press(token_of(home, MY_FILE)), sender)
    assert filed[0].text == (
        "📁 پرونده‌ی انتظامی شما: مجازات‌های قطعی (مواد ۲۳ و ۲۴)\n"
        "• قطعی در ۱۵ آبان ۱۴۰۳: ماده ۲۳، درجه‌ی ۳: توبیخ کتبی با درج در پرونده؛ "
        "بندهای ۱۲ ماده‌ی ۲۵"
    )
    # Another chat, not linked to the manager, has no file to read.
    stranger = await office_app.engine.process(press(token_of(home, MY_FILE), chat_id=555), sender)
    assert "پرونده‌ی انتظامی شما" not in stranger[0].text


async def test_the_manager_appeals_from_the_notice_and_the_appeals_board_is_sent_the_file(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    await link_staff(office_app, settings, sender, Role.APPEALS_BOARD, BOARD)
    await office_app.engine.process(command("start", await invite(office_app)), sender)
    decision_id = await record(office_app, settings, 5, 3)
    [notice] = await rows_to(office_app, {"platform": "test", "chat_id": 100})
    asked = await office_app.engine.process(
        press(token_of(as_reply(notice), "تجدیدنظرخواهی از این رأی")), sender
    )
    assert "دلایل تجدیدنظرخواهی" in asked[-1].text
    odd = await office_app.engine.process(sticker(), sender)
    assert await all_appeals(office_app) == [] and odd
    review = await office_app.engine.process(text(GROUNDS), sender)
    done = await office_app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    assert done[-1].text.startswith("تجدیدنظرخواهی شما ثبت شد")
    [appeal] = await all_appeals(office_app)
    assert (appeal.by, appeal.decision_id, appeal.grounds) == ("manager", decision_id, GROUNDS)
    [sent] = await rows_to(office_app, BOARD)
    body = sent.payload["text"]
    assert body.startswith(f"⚖️ تجدیدنظرخواهی شماره‌ی ۱ از رأی شماره‌ی {fa(decision_id)} (ماده‌ی ۲۴)")
    assert "تجدیدنظرخواه: مدیر دفتری که مجازات شده است، با این دلایل:" in body
    assert GROUNDS in body and "بند ۱۲ ماده ۲۵" in body and "درجه‌ی ۵" in body
    # The same button again: the appeal is recorded, no second one.
    again = await office_app.engine.process(
        press(token_of(as_reply(notice), "تجدیدنظرخواهی از این رأی")), sender
    )
    assert again[0].text == "تجدیدنظرخواهی از این رأی دیگر از اینجا ممکن نیست."
    assert len(await all_appeals(office_app)) == 1


async def test_the_center_head_appeals_after_the_manager_in_chat(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    linked = await link_staff(office_app, settings, sender, Role.CENTER_HEAD, TELEGRAM)
    assert OPEN_TO_APPEAL in labels(linked)  # type: ignore[arg-type]
    decision_id = await record(office_app, settings, 5, 3)
    async with office_app.engine.sessions() as session, session.begin():
        await appeals.file_appeal(
            session,
            settings,
            office_app.engine.clock(),
            decision_id=decision_id,
            by="manager",
            grounds="رسید صادر شده است.",
        )
    listed = await office_app.engine.process(
        press(token_of(linked, OPEN_TO_APPEAL), **TELEGRAM),  # type: ignore[arg-type]
        sender,
    )
    assert listed[0].text == (
        "⚖ رأی‌هایی که مرکز می‌تواند از آن‌ها تجدیدنظرخواهی کند (ماده‌ی ۲۴):\n"
        f"• رأی شماره‌ی {fa(decision_id)}، دفتر ۱۰۰۱، ۱۵ آبان ۱۴۰۳: ماده ۲۳، درجه‌ی ۵: تعلیق موقت "
        "پروانه (از سه ماه تا دو سال)، به مدت ۳ ماه (مدیر دفتر تجدیدنظرخواهی کرده است)"
    )
    chosen = f"تجدیدنظرخواهی از رأی شماره‌ی {fa(decision_id)}"
    asked = await office_app.engine.process(press(token_of(listed, chosen), **TELEGRAM), sender)
    assert "دلایل تجدیدنظرخواهی مرکز را برای هیئت تجدیدنظر بنویسید" in asked[-1].text
    assert "تخلفات احرازشده:\n• بند ۱۲ ماده ۲۵" in asked[0].text
    # Cancelled, nothing is filed; chosen again, the grounds are asked again.
    cancelled = await office_app.engine.process(
        press(token_of(asked, "✖ انصراف"), **TELEGRAM), sender
    )
    assert cancelled and len(await all_appeals(office_app)) == 1
    asked = await office_app.engine.process(press(token_of(listed, chosen), **TELEGRAM), sender)
    assert "دلایل تجدیدنظرخواهی مرکز" in asked[-1].text
    short = await office_app.engine.process(text("کوتاه", **TELEGRAM), sender)
    assert short[0].text.startswith("این متن کوتاه است")
    long = await office_app.engine.process(text("ب" * 10_000, **TELEGRAM), sender)
    odd = await office_app.engine.process(sticker(**TELEGRAM), sender)
    assert long[0].text.startswith("این متن بلند است")
    assert odd[0].text.startswith("پوزش می‌خواهم، این نوع پیام را اینجا نمی‌توانم بپذیرم")
    confirm = await office_app.engine.process(text(GROUNDS, **TELEGRAM), sender)
    assert confirm[0].text.startswith(f"تجدیدنظرخواهی مرکز از رأی شماره‌ی {fa(decision_id)}")
    assert labels(confirm)[:2] == ["✔ ثبت تجدیدنظرخواهی", "✎ نوشتن دوباره‌ی دلایل"]
    assert len(await all_appeals(office_app)) == 1  # nothing filed before the confirm
    filed = await office_app.engine.process(
        press(token_of(confirm, "✔ ثبت تجدیدنظرخواهی"), **TELEGRAM), sender
    )
    assert filed[0].text.startswith("⚖ تجدیدنظرخواهی شماره‌ی ۲ مرکز از رأی شماره‌ی")
    assert [(a.by, a.grounds) for a in await all_appeals(office_app)] == [
        ("manager", "رسید صادر شده است."),
        ("center_head", GROUNDS),
    ]
    # The confirm pressed again, and the list again: the Center appeals once (Art. 24).
    replayed = await office_app.engine.process(
        press(token_of(confirm, "✔ ثبت تجدیدنظرخواهی"), **TELEGRAM), sender
    )
    assert "تنها یک بار کار می‌کند" in replayed[0].text
    assert len(await all_appeals(office_app)) == 2
    empty = await office_app.engine.process(
        press(token_of(filed, "« رأی‌های قابل تجدیدنظرخواهی"), **TELEGRAM), sender
    )
    assert empty[0].text == "اکنون هیچ رأی درجه‌ی ۵ یا ۶ برای تجدیدنظرخواهی مرکز باز نیست."
    async with office_app.engine.sessions() as session:
        log = list(
            await session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "center_head.appeal")
                .order_by(AuditEntry.id)
            )
        )
    assert [entry.outcome for entry in log] == [AuditOutcome.ALLOWED, AuditOutcome.REFUSED]


async def test_the_manager_appeals_from_the_notice_after_the_center_head(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    await office_app.engine.process(command("start", await invite(office_app)), sender)
    decision_id = await record(office_app, settings, 6)
    async with office_app.engine.sessions() as session, session.begin():
        await appeals.file_appeal(
            session,
            settings,
            office_app.engine.clock(),
            decision_id=decision_id,
            by="center_head",
            grounds="بازنگری لازم است.",
        )
    [notice] = await rows_to(office_app, {"platform": "test", "chat_id": 100})
    # Art. 24: the sanctioned person may appeal too, though the Center's head already has.
    asked = await office_app.engine.process(
        press(token_of(as_reply(notice), "تجدیدنظرخواهی از این رأی")), sender
    )
    review = await office_app.engine.process(text(GROUNDS), sender)
    done = await office_app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    assert "دلایل تجدیدنظرخواهی" in asked[-1].text
    assert done[-1].text.startswith("تجدیدنظرخواهی شما ثبت شد")
    assert [a.by for a in await all_appeals(office_app)] == ["center_head", "manager"]
    again = await office_app.engine.process(
        press(token_of(as_reply(notice), "تجدیدنظرخواهی از این رأی")), sender
    )
    assert again[0].text == "تجدیدنظرخواهی از این رأی دیگر از اینجا ممکن نیست."
