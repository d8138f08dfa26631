"""The thread with the complainant in chat: a desk member asks from the staff menu, the citizen
answers with a text and a photo, each side reads only what it may (no chat id, phone or account
of the other; the office told nothing); every staff step is in the audit log; a refusal (another
Association's desk, a closed complaint) sends nothing; a stale answer button; the rating offered
when a complaint is decided (the clock: noon on 1403/08/15 in Tehran)."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App, open_app
from bot.config import Settings
from bot.domain.complaint_status import change_status
from bot.domain.tracking import new_tracking_code
from bot.messages.events import AttachmentEvent
from bot.messages.replies import Attachment, Reply
from bot.text.i18n import translator
from bot.text.persian import to_persian_digits
from storage import buttons
from storage.models import (
    Button,
    Complaint,
    ComplaintAddition,
    ComplaintQuestion,
    ComplaintRating,
    Evidence,
    Notice,
    OutboxMessage,
)
from storage.statuses import AuditOutcome, Role
from tests.chat.test_complaint_chat import load_sample
from tests.chat.test_follow_chat import fa_code, filed
from tests.chat.test_staff_chat import TELEGRAM, audit, invite, linked_desk
from tests.conftest import Clock, RecordingSender
from tests.support import command, common, labels, press, sticker, text, token_of

fa = translator("fa")
CITIZEN = 100  # the complaint's chat, on the "test" platform (tests/chat/test_follow_chat.py)
ASK = "✍ پرسش از شاکی"
QUESTION = "رسید پرداخت را دارید؟ لطفاً عکس آن را بفرستید."
ANSWER = "بله، رسید را دارم و عکسش را می‌فرستم."
DESK_NAME = "سارا احمدی"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, association_provinces="tehran,fars", evidence_dir=str(tmp_path / "ev")
    )


@pytest.fixture
async def office_app(app: App) -> App:
    await load_sample(app)
    return app


async def rows(app: App, model: type) -> list[Any]:
    async with app.engine.sessions() as session:
        return list(await session.scalars(select(model)))


async def sent_to(app: App, platform: str, chat_id: int) -> list[Reply]:
    """The notices queued to one chat (not replies to its own updates), oldest first."""
    found = [
        row
        for row in await rows(app, OutboxMessage)
        if (row.platform, row.chat_id) == (platform, chat_id) and row.kind == "notice"
    ]
    return [Reply.from_payload(row.payload) for row in sorted(found, key=lambda r: r.id)]


async def desk_button(
    app: App, clock: Clock, token: str, action: str, value: dict[str, Any]
) -> None:
    """A staff button of the desk's chat, as the server would keep it."""
    async with app.engine.sessions() as session, session.begin():
        await buttons.add(
            session,
            Button(
                token=token,
                platform="telegram",
                chat_id=TELEGRAM["chat_id"],
                kind="action",
                action=action,
                value=value,
                created_at=clock(),
                expires_at=clock() + timedelta(days=1),
            ),
        )


async def ask(app: App, settings: Settings, sender: RecordingSender, code: str) -> list[Reply]:
    """A Tehran desk member links, opens "Ask a complainant", gives *code* and the question,
    and confirms; the replies to the confirmation."""
    _member, menu = await linked_desk(app, settings, sender)
    asked = await app.engine.process(press(token_of(menu, ASK), **TELEGRAM), sender)
    assert asked[-1].text == fa("Please send the complaint's tracking code.")
    typed = await app.engine.process(text(code, **TELEGRAM), sender)
    assert typed[-1].text.startswith("پرسش‌تان از شاکی را بنویسید (حداکثر ۱٬۰۰۰ نویسه)")
    review = await app.engine.process(text(QUESTION, **TELEGRAM), sender)
    assert f"• پرسش شما: {QUESTION}" in review[-1].text
    assert f"• کد رهگیری: {to_persian_digits(code)}" in review[-1].text
    return await app.engine.process(press(token_of(review, fa("✔ Confirm")), **TELEGRAM), sender)


async def test_the_desk_asks_the_citizen_answers_with_a_photo_and_each_reads_only_their_part(
    office_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    complaint = await filed(office_app)
    done = await ask(office_app, settings, sender, complaint.tracking_code)
    assert done[0].text == (
        f"✅ پرسش شما برای شاکی شکایت {fa_code(complaint)} فرستاده شد. پاسخ او به همین "
        "گفت‌وگو می‌رسد. شاکی نه نام شما را می‌بیند و نه این گفت‌وگو را، و به دفتر از این "
        "پرسش گفته نمی‌شود."
    )
    assert labels(done) == ["🛡 منوی کارکنان", "منوی اصلی"]

    [question_notice] = await sent_to(office_app, "test", CITIZEN)
    assert question_notice.text == (
        f"💬 میز رسیدگی به شکایات کانون درباره‌ی شکایت {fa_code(complaint)} شما می‌پرسد:\n\n"
        f"{QUESTION}\n\n"
        "برای پاسخ، دکمه‌ی «پاسخ» را بزنید و همین‌جا متن، عکس یا سند بفرستید. پاسخ شما همراه "
        "شکایت‌تان نگه داشته می‌شود و به دفتر گفته نمی‌شود."
    )
    assert labels([question_notice]) == ["✍ پاسخ"]
    # The citizen reads neither the member's name nor their chat or account.
    for secret in (DESK_NAME, str(TELEGRAM["chat_id"]), "telegram"):
        assert secret not in question_notice.text

    answering = await office_app.engine.process(
        press(token_of([question_notice], "✍ پاسخ")), sender
    )
    assert answering[0].text == f"پاسخ به پرسش درباره‌ی شکایت {fa_code(complaint)}:\n{QUESTION}"
    assert answering[-1].text.startswith("پاسخ‌تان را بنویسید (حداکثر ۳٬۰۰۰ نویسه)")
    refused = await office_app.engine.process(sticker(), sender)
    assert refused[-1].text.startswith(
        "پوزش می‌خواهم، این نوع پیام را اینجا نمی‌توانم بپذیرم.\n\nپاسخ‌تان را بنویسید"
    )  # asked again, politely; nothing kept
    files = await office_app.engine.process(text(ANSWER), sender)
    assert files[-1].text.startswith("اگر عکس یا سندی برای فرستادن همراه پاسخ‌تان دارید")
    photo = AttachmentEvent(**common(), kind="photo", file_id="receipt-photo", size=900)
    files = await office_app.engine.process(photo, sender)
    review = await office_app.engine.process(press(token_of(files, fa("Done ✔"))), sender)
    assert f"• پاسخ شما: {ANSWER}" in review[-1].text
    answered = await office_app.engine.process(press(token_of(review, fa("✔ Confirm"))), sender)
    assert answered[0].text == (
        "✅ پاسخ شما به میز رسیدگی به شکایات کانون رسید و همراه شکایت "
        f"{fa_code(complaint)} نگه داشته شد. به دفتر گفته نمی‌شود."
    )

    [desk_notice] = await sent_to(office_app, "telegram", int(TELEGRAM["chat_id"]))
    assert desk_notice.text == (
        f"💬 شاکی شکایت {fa_code(complaint)} به پرسش شما پاسخ داد.\n"
        f"پرسش شما: {QUESTION}\n"
        f"پاسخ شاکی: {ANSWER}\n"
        "۱ فایل فرستاد که همراه شکایت نگه داشته می‌شود."
    )
    assert labels([desk_notice]) == ["📎 فرستادن فایل‌ها (۱)", "🛡 منوی کارکنان"]
    # The member reads neither the citizen's chat, account nor phone.
    for secret in (str(CITIZEN), complaint.complainant_mobile, "۰۹۱۲۱۲۳۴۵۶۷"):
        assert secret not in desk_notice.text
    # The answer's files reach the asker as files, through a guarded press of their own chat.
    sent = await office_app.engine.process(
        press(token_of([desk_notice], "📎 فرستادن فایل‌ها (۱)"), **TELEGRAM), sender
    )
    [photo] = sent
    assert photo.text.startswith(f"📎 فایل ۱ از ۱ شکایت {fa_code(complaint)}")
    [kept] = [e for e in await rows(office_app, Evidence) if e.file_id == "receipt-photo"]
    assert kept.stored_path and photo.attachment == Attachment("photo", path=kept.stored_path)
    assert labels(sent) == [f"📄 {fa_code(complaint)}", "🛡 منوی کارکنان", "منوی اصلی"]
    stranger = await office_app.engine.process(
        press(token_of([desk_notice], "📎 فرستادن فایل‌ها (۱)")), sender
    )
    assert stranger[0].attachment is None and "از آنِ این گفت‌وگو نیست" in stranger[0].text
    # A button naming a question of no such complaint sends nothing.
    value = {"kind": "complaint", "id": str(complaint.id), "question_id": 999}
    await desk_button(office_app, clock, "forged-question", "desk.answer_files", value)
    forged = await office_app.engine.process(press("forged-question", **TELEGRAM), sender)
    assert [(m.text, m.attachment) for m in forged] == [
        ("آنچه این دکمه به آن مربوط بود دیگر وجود ندارد. کاری انجام نشد.", None)
    ]

    [question] = await rows(office_app, ComplaintQuestion)
    [evidence] = [e for e in await rows(office_app, Evidence) if e.file_id == "receipt-photo"]
    assert (question.question, question.answer, question.answered_at) == (QUESTION, ANSWER, clock())
    assert question.evidence_ids == [evidence.id] and evidence.complaint_id == complaint.id
    [addition] = await rows(office_app, ComplaintAddition)
    assert (addition.complaint_id, addition.text, addition.evidence_ids) == (
        complaint.id,
        ANSWER,
        [evidence.id],
    )
    # The office is told nothing of the thread: no notice to a manager, no row to another chat.
    assert await rows(office_app, Notice) == []
    chats = {(row.platform, row.chat_id) for row in await rows(office_app, OutboxMessage)}
    assert chats == {("test", CITIZEN), ("telegram", TELEGRAM["chat_id"])}
    # Every staff step is in the audit log, with the complaint it was about.
    entries = [(e.action, e.outcome, e.subject_id) for e in await audit(office_app)]
    assert ("desk.ask_start", AuditOutcome.ALLOWED, None) in entries
    assert ("desk.ask", AuditOutcome.ALLOWED, str(complaint.id)) in entries
    assert ("desk.answer_files", AuditOutcome.ALLOWED, str(complaint.id)) in entries

    again = await office_app.engine.process(press(token_of([question_notice], "✍ پاسخ")), sender)
    assert (
        again[0].text == f"شما پیش‌تر به این پرسش درباره‌ی شکایت {fa_code(complaint)} پاسخ داده‌اید."
    )
    assert "بازگشت به شکایت" in " ".join(labels(again))


async def test_another_associations_desk_is_refused_and_nothing_is_sent(
    office_app: App, settings: Settings, sender: RecordingSender
) -> None:
    complaint = await filed(office_app)
    invited = await invite(office_app, settings, Role.DESK, "fars")
    menu = await office_app.engine.process(
        command("start", "staff-" + invited.code, **TELEGRAM), sender
    )
    asked = await office_app.engine.process(press(token_of(menu, ASK), **TELEGRAM), sender)
    await office_app.engine.process(text(complaint.tracking_code, **TELEGRAM), sender)
    review = await office_app.engine.process(text(QUESTION, **TELEGRAM), sender)
    done = await office_app.engine.process(
        press(token_of(review, fa("✔ Confirm")), **TELEGRAM), sender
    )
    assert asked and done[-1].text == (
        "این مورد به کانون دفاتر استان تهران مربوط است و سمت شما در کانون دفاتر استان فارس "
        "است (ماده‌ی ۱۲). کاری انجام نشد."
    )
    assert await sent_to(office_app, "test", CITIZEN) == []
    assert await rows(office_app, ComplaintQuestion) == []
    [entry] = [e for e in await audit(office_app) if e.action == "desk.ask"]
    assert (entry.outcome, entry.reason, entry.subject_id) == (
        AuditOutcome.REFUSED,
        "other_association",
        str(complaint.id),
    )


async def test_a_citizen_has_no_ask_button_and_an_unknown_code_sends_nothing(
    office_app: App, settings: Settings, sender: RecordingSender
) -> None:
    citizen = await office_app.engine.process(command("start"), sender)
    assert ASK not in labels(citizen)
    nobodys = new_tracking_code(random.Random(999))
    done = await ask(office_app, settings, sender, nobodys)
    assert done[-1].text == "شکایتی با این کد رهگیری نیست. چیزی فرستاده نشد."
    assert labels(done) == ["🛡 منوی کارکنان", "منوی اصلی"]
    assert await rows(office_app, ComplaintQuestion) == []
    assert await sent_to(office_app, "test", CITIZEN) == []


async def test_the_rating_is_offered_when_decided_and_kept_once(
    office_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    complaint = await filed(office_app)
    async with office_app.engine.sessions() as session, session.begin():
        await change_status(
            session, complaint.tracking_code, "dismissed", None, clock(), settings=settings
        )
    [told] = await sent_to(office_app, "test", CITIZEN)
    assert told.text.endswith(
        "\n\nاگر مایلید، به رسیدگی به شکایت‌تان از ۱ (ضعیف) تا ۵ (بسیار خوب) نمره دهید. این کار "
        "اختیاری است و به دفتر گفته نمی‌شود."
    )
    assert labels([told]) == ["۱ ⭐", "۲ ⭐", "۳ ⭐", "۴ ⭐", "۵ ⭐"]
    rated = await office_app.engine.process(press(token_of([told], "۴ ⭐")), sender)
    assert rated[0].text == (
        f"سپاس‌گزاریم: نمره‌ی شما به رسیدگی به شکایت {fa_code(complaint)}، ۴ از ۵، ثبت شد. به "
        "دفتر گفته نمی‌شود."
    )
    again = await office_app.engine.process(press(token_of([told], "۲ ⭐")), sender)
    assert again[0].text == (
        f"شما پیش‌تر به رسیدگی به شکایت {fa_code(complaint)} نمره داده‌اید: ۴ از ۵. سپاس‌گزاریم."
    )
    [rating] = await rows(office_app, ComplaintRating)
    assert (rating.complaint_id, rating.stars) == (complaint.id, 4)
    # The desk finds it closed and reads its record with the rating; nothing to act on.
    await linked_desk(office_app, settings, sender)
    found = await office_app.engine.process(
        command("desk", complaint.tracking_code, **TELEGRAM), sender
    )
    record = await office_app.engine.process(
        press(token_of(found, f"📄 {fa_code(complaint)}"), **TELEGRAM), sender
    )
    assert "وضعیت: رد شد" in record[0].text
    assert "\nنمره‌ی شاکی به رسیدگی: ⭐⭐⭐⭐ (۴ از ۵)\n" in record[0].text
    assert labels(record) == [
        "« شکایت‌های در انتظار: کانون دفاتر استان تهران",
        "🛡 منوی کارکنان",
        "منوی اصلی",
    ]
    [entry] = [e for e in await audit(office_app) if e.action == "desk.record"]
    assert (entry.outcome, entry.subject_id) == (AuditOutcome.ALLOWED, str(complaint.id))
    # A stranger's chat cannot press it: the button belongs to the complainant's chat.
    stranger = await office_app.engine.process(press(token_of([told], "۱ ⭐"), chat_id=555), sender)
    assert "سپاس‌گزاریم" not in stranger[0].text
    [still] = await rows(office_app, Complaint)
    assert still.status == "dismissed"


async def test_the_complaints_view_asks_the_complainant_only_the_question(
    settings: Settings, database_url: str, clock: Clock, sender: RecordingSender
) -> None:
    """The desk's complaint view offers "Ask the complainant" (`ask.ask_button`); its press
    starts the question about that complaint (`ask.start_asking`), no tracking code asked."""
    app = await open_app(settings, database_url, clock=clock, upgrade=True)
    try:
        await load_sample(app)
        complaint = await filed(app)
        await linked_desk(app, settings, sender)
        subject = {"kind": "complaint", "id": str(complaint.id)}
        await desk_button(app, clock, "view", "desk.complaint", subject)
        view = await app.engine.process(press("view", **TELEGRAM), sender)
        asked = await app.engine.process(
            press(token_of(view, fa("✍ Ask the complainant")), **TELEGRAM), sender
        )
        assert asked[-1].text.startswith("پرسش‌تان از شاکی را بنویسید")
        review = await app.engine.process(text(QUESTION, **TELEGRAM), sender)
        done = await app.engine.process(
            press(token_of(review, fa("✔ Confirm")), **TELEGRAM), sender
        )
        assert done[0].text.startswith(f"✅ پرسش شما برای شاکی شکایت {fa_code(complaint)}")
        [question] = await rows(app, ComplaintQuestion)
        assert (question.complaint_id, question.question) == (complaint.id, QUESTION)
        [notice] = await sent_to(app, "test", CITIZEN)
        assert notice.text.endswith("به دفتر گفته نمی‌شود.")
    finally:
        await app.close()


async def test_an_english_complainant_reads_it_in_english_and_a_closed_complaint_takes_no_answer(
    office_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    complaint = await filed(office_app, locale="en")
    await ask(office_app, settings, sender, complaint.tracking_code)
    [question_notice] = await sent_to(office_app, "test", CITIZEN)
    assert question_notice.text.startswith(
        f"💬 The Association's complaints desk asks about your complaint "
        f"{complaint.tracking_code}:\n\n{QUESTION}\n\nPress “Answer” to reply here"
    )
    async with office_app.engine.sessions() as session, session.begin():
        await change_status(
            session, complaint.tracking_code, "dismissed", None, clock(), settings=settings
        )
    await office_app.engine.process(command("language", "en"), sender)
    late = await office_app.engine.process(press(token_of([question_notice], "✍ Answer")), sender)
    assert late[0].text == (
        f"Complaint {complaint.tracking_code} is closed, so the question can no longer be answered."
    )
    assert "Back to the complaint" in labels(late)
    [question] = await rows(office_app, ComplaintQuestion)
    assert question.answered_at is None
