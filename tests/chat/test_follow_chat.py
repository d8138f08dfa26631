"""Following a complaint in chat: what the view shows, adding to an open complaint, and the ways
on from every dead end (the clock: noon on 1403/08/15 in Tehran)."""

from __future__ import annotations

import hashlib
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import jdatetime
import pytest
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.domain import cases, office_managers
from bot.domain.complaint_status import change_status
from bot.domain.tracking import new_tracking_code
from bot.flows.complaint.details import LABEL_OF_CLAUSE
from bot.messages.events import AttachmentEvent
from bot.messages.replies import Reply
from bot.notices.complainants import STATUS_LABELS
from bot.rules.violations import VIOLATIONS
from bot.text.i18n import translator
from bot.text.markers import NP_
from bot.text.persian import to_persian_digits
from storage import complaints as store
from storage.models import Complaint, ComplaintAddition, Conversation, Evidence
from tests.chat.test_complaint_chat import load_sample
from tests.conftest import Clock, RecordingSender
from tests.store.board_builders import record_ruling
from tests.support import command, common, conversation, labels, press, sticker, text, token_of

fa = translator("fa")
en = translator("en")
DESCRIPTION = (
    "برای سه صفحه پیوست پانصد هزار ریال گرفتند و وقتی رسید خواستم گفتند دستگاه خراب است. " * 6
).strip()
OVERCHARGE = {
    "tariff_year": 1403,
    "item": 8,  # adding an attachment, per page
    "units": 3,
    "paid": 50_000,
    "currency": "toman",
    "paid_rials": 500_000,
    "fee_rials": 210_000,
    "difference_rials": 290_000,
    "compared": True,
}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, evidence_dir=str(tmp_path / "evidence"))  # type: ignore[call-arg]


@pytest.fixture
async def office_app(app: App) -> App:
    await load_sample(app)
    return app


async def filed(app: App, *, chat_id: int = 100, locale: str = "fa", **extra: Any) -> Complaint:
    """A complaint filed from *chat_id* an hour ago, with two files."""
    now = app.engine.clock()
    fields: dict[str, Any] = {
        "tracking_code": new_tracking_code(random.Random(chat_id)),
        "platform": "test",
        "platform_user_id": chat_id,
        "chat_id": chat_id,
        "office_code": "1001",
        "association_province": "tehran",
        "violations": ["25.6", "25.12"],
        "incident_date": jdatetime.date(1403, 8, 10),
        "description": DESCRIPTION,
        "overcharge": OVERCHARGE,
        "complainant_name": "مریم نمونه",
        "complainant_mobile": "09121234567",
        "complainant_national_id": None,
        "identity_consent": False,
        "locale": locale,
        "keep_until": now + timedelta(days=1825),
        **extra,
    }
    async with app.engine.sessions() as session, session.begin():
        complaint = await store.create(session, now=now - timedelta(hours=1), **fields)
        for file_id, kind, name in (("f-1", "document", "receipt.pdf"), ("f-2", "photo", None)):
            await store.add_evidence(
                session,
                platform="test",
                platform_user_id=chat_id,
                complaint_id=complaint.id,
                file_id=file_id,
                kind=kind,
                file_name=name,
                mime_type=None,
                size=100,
                received_at=now - timedelta(hours=1),
            )
    return complaint


async def view(app: App, sender: RecordingSender, complaint: Complaint, **kw: Any) -> list[Reply]:
    return await app.engine.process(command("complaints", complaint.tracking_code, **kw), sender)


async def dismiss(app: App, settings: Settings, complaint: Complaint, note: str) -> None:
    """The Association dismisses *complaint* (`daftar complaints set-status … dismissed`)."""
    async with app.engine.sessions() as session, session.begin():
        await change_status(
            session,
            complaint.tracking_code,
            "dismissed",
            note,
            app.engine.clock(),
            settings=settings,
        )


async def rows(app: App, model: type) -> list[Any]:
    async with app.engine.sessions() as session:
        return list(await session.scalars(select(model)))


def fa_code(complaint: Complaint) -> str:
    return to_persian_digits(complaint.tracking_code)


async def test_the_view_shows_what_the_citizen_gave_all_dates_in_one_style(
    office_app: App, sender: RecordingSender
) -> None:
    complaint = await filed(office_app)
    shown = await view(office_app, sender, complaint)
    body = shown[0].text
    assert body.splitlines()[0] == f"📄 شکایت {fa_code(complaint)}"
    assert f"• {fa(LABEL_OF_CLAUSE['25.6'])} (بند ۶ ماده‌ی ۲۵)" in body
    assert f"• {fa(LABEL_OF_CLAUSE['25.12'])} (بند ۱۲ ماده‌ی ۲۵)" in body
    assert "روز رخداد: ۱۰ آبان ۱۴۰۳" in body
    assert "خدمت: افزودن پیوست" in body and "تعداد: ۳" in body
    assert "مبلغ پرداختی: ۵۰٬۰۰۰ تومان" in body and "هزینه‌ی تعرفه: ۲۱۰٬۰۰۰ ریال" in body
    [description] = [line for line in body.splitlines() if line.startswith("شرح: ")]
    assert description.endswith("…") and len(description) < 320
    assert description.removeprefix("شرح: ").removesuffix("…") in DESCRIPTION
    assert "مدارک (۲ فایل): receipt.pdf، عکس" in body
    assert "وضعیت: دریافت شد (از ۱۵ آبان ۱۴۰۳، ساعت ۱۱:۰۰)" in body
    assert "• ۱۵ آبان ۱۴۰۳، ساعت ۱۱:۰۰: دریافت شد" in body
    # One style of date: Jalali in words, Persian digits; no "1403/08/10", no Latin digit.
    assert not any(digit in body for digit in "0123456789")
    assert labels(shown) == [
        "افزودن اطلاعات",
        "استرداد این شکایت",
        "شکایت‌های من",
        "منوی اصلی",
    ]


async def test_an_english_view_and_a_complaint_without_overcharge_or_files(
    office_app: App, sender: RecordingSender
) -> None:
    await office_app.engine.process(command("language", "en", chat_id=300), sender)
    complaint = await filed(
        office_app, chat_id=300, locale="en", violations=["25.8"], overcharge=None
    )
    async with office_app.engine.sessions() as session, session.begin():
        for item in await store.evidence_of(session, complaint.id):
            await session.delete(item)
    body = (await view(office_app, sender, complaint, chat_id=300))[0].text
    assert f"• {en(LABEL_OF_CLAUSE['25.8'])} (clause 8 of Article 25)" in body
    assert "Day of the incident: 10 Aban 1403" in body
    assert "Evidence: none" in body
    assert "Amount paid" not in body and "Service:" not in body
    assert "Status: received (since 15 Aban 1403, 11:00)" in body


async def test_a_decided_complaint_shows_the_boards_findings_and_takes_no_more(
    office_app: App, sender: RecordingSender, settings: Settings, clock: Clock
) -> None:
    complaint = await filed(office_app)
    before = await view(office_app, sender, complaint)
    add_token = token_of(before, "افزودن اطلاعات")
    clock.advance(days=2)
    async with office_app.engine.sessions() as session, session.begin():
        case = await cases.open_case_from_complaints(
            session, settings, clock(), office_code="1001", tracking_codes=[complaint.tracking_code]
        )
        clock.advance(days=1)
        # The violation precedes the sample's import: the Directorate's records name its manager.
        await office_managers.record_since(
            session, settings, clock(), office_code="1001", since=jdatetime.date(1400, 1, 1)
        )
        await record_ruling(
            session,
            settings,
            clock(),
            case_id=case.id,
            violations=["25.12"],
            committed_on=jdatetime.date(1403, 8, 10),
            sanction=2,
        )
    body = (await view(office_app, sender, complaint))[0].text
    status = fa(STATUS_LABELS["decided"])
    assert f"وضعیت: {status} (از ۱۸ آبان ۱۴۰۳، ساعت ۱۲:۰۰)" in body
    assert "نتیجه: هیئت بدوی این تخلفات را از دفتر احراز کرد:" in body
    found = fa(
        "• Article 25, clause {clause}: {text}", clause=12, text=fa(VIOLATIONS["25.12"].name)
    )
    assert found in body
    assert fa(VIOLATIONS["25.6"].name) not in body  # not found by the Board
    shown = await view(office_app, sender, complaint)
    assert "افزودن اطلاعات" not in labels(shown) and "استرداد این شکایت" not in labels(shown)
    # The button shown before the decision is refused politely, with the ways on.
    refused = await office_app.engine.process(press(add_token), sender)
    assert refused[0].text == (
        f"شکایت {fa_code(complaint)} {status} و بسته شده است؛ از این رو دیگر نمی‌توان در "
        "اینجا چیزی به آن افزود."
    )
    assert labels(refused) == ["بازگشت به شکایت", "شکایت‌های من", "منوی اصلی"]
    state = await conversation(office_app)
    assert state is None or state.flow is None
    assert await rows(office_app, ComplaintAddition) == []


async def test_a_dismissed_complaint_shows_the_associations_note(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    complaint = await filed(office_app)
    await dismiss(office_app, settings, complaint, "مدرکی بر تخلف نبود")
    shown = await view(office_app, sender, complaint)
    body = shown[0].text
    assert "نتیجه: کانون شکایت را رد کرد (بند هـ ماده‌ی ۱۵)." in body
    assert "یادداشت کانون: مدرکی بر تخلف نبود" in body
    assert labels(shown) == ["شکایت‌های من", "منوی اصلی"]


async def test_adding_a_text_and_files_to_an_open_complaint(
    office_app: App, sender: RecordingSender, clock: Clock
) -> None:
    complaint = await filed(office_app)
    clock.advance(days=1)
    shown = await view(office_app, sender, complaint)
    asked = await office_app.engine.process(press(token_of(shown, "افزودن اطلاعات")), sender)
    assert (
        asked[0].text
        == f"افزودن به شکایت {fa_code(complaint)}. تا تأیید نکنید، چیزی افزوده نمی‌شود."
    )
    assert asked[-1].text.startswith("آنچه را می‌خواهید به شکایت‌تان بیفزایید بنویسید")
    added = "رسید را پیدا کردم: مبلغ ۵۰۰٬۰۰۰ ریال بود."
    files = await office_app.engine.process(text(added), sender)
    assert files[-1].text.startswith("اگر عکس یا سندی برای افزودن دارید")
    for n, kind in enumerate(("photo", "document"), 1):
        files = await office_app.engine.process(
            AttachmentEvent(
                **common(), kind=kind, file_id=f"later-{n}", size=500, file_name=f"r{n}.pdf"
            ),
            sender,
        )
    review = await office_app.engine.process(press(token_of(files, fa("Done ✔"))), sender)
    assert f"• آنچه می‌افزایید: {added}" in review[-1].text
    done = await office_app.engine.process(press(token_of(review, fa("✔ Confirm"))), sender)
    assert done[0].text == (
        f"✅ به شکایت {fa_code(complaint)} افزوده شد. کانون آن را همراه شکایت می‌بیند؛ به دفتر "
        "خبر داده نمی‌شود."
    )
    body = done[1].text
    assert "آنچه بعداً افزودید:" in body
    two_files = fa(NP_("{count} file", "{count} files"), count=2)
    assert f"• ۱۶ آبان ۱۴۰۳، ساعت ۱۲:۰۰: {added} — {two_files}" in body
    assert "مدارک (۴ فایل): receipt.pdf، عکس، r۱.pdf، r۲.pdf" in body  # digits shown in Persian
    [addition] = await rows(office_app, ComplaintAddition)
    evidence = {e.file_id: e for e in await rows(office_app, Evidence)}
    assert (addition.complaint_id, addition.text, addition.at) == (complaint.id, added, clock())
    assert addition.evidence_ids == [evidence["later-1"].id, evidence["later-2"].id]
    assert evidence["later-2"].complaint_id == complaint.id
    assert evidence["later-2"].sha256 == hashlib.sha256(b"bytes of later-2").hexdigest()
    state = await conversation(office_app)
    assert state is not None and state.flow is None


async def test_bad_input_while_adding_changes_nothing_and_nothing_is_not_saved(
    office_app: App, sender: RecordingSender
) -> None:
    complaint = await filed(office_app)
    shown = await view(office_app, sender, complaint)
    asked = await office_app.engine.process(press(token_of(shown, "افزودن اطلاعات")), sender)
    before = await conversation(office_app)
    still = await office_app.engine.process(sticker(), sender)
    assert "آنچه را می‌خواهید" in still[-1].text
    long = await office_app.engine.process(text("ب" * 10_000), sender)
    assert long[0].text.startswith("این متن بلند است (۱۰٬۰۰۰ نویسه)")
    after = await conversation(office_app)
    assert before is not None and after is not None
    assert (after.step, after.answers) == (before.step, before.answers)
    files = await office_app.engine.process(press(token_of(asked, "بدون متن: فقط فایل")), sender)
    review = await office_app.engine.process(press(token_of(files, fa("Skip"))), sender)
    done = await office_app.engine.process(press(token_of(review, fa("✔ Confirm"))), sender)
    assert done[0].text == "نه متنی افزودید و نه فایلی؛ پس چیزی ذخیره نشد."
    assert labels(done) == ["بازگشت به شکایت", "شکایت‌های من", "منوی اصلی"]
    assert await rows(office_app, ComplaintAddition) == []


async def test_a_complaint_closed_while_the_citizen_writes_takes_nothing(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    complaint = await filed(office_app)
    shown = await view(office_app, sender, complaint)
    await office_app.engine.process(press(token_of(shown, "افزودن اطلاعات")), sender)
    files = await office_app.engine.process(text("یک نکته‌ی دیگر درباره‌ی رسید."), sender)
    await dismiss(office_app, settings, complaint, "x")  # while the citizen writes
    review = await office_app.engine.process(press(token_of(files, fa("Skip"))), sender)
    done = await office_app.engine.process(press(token_of(review, fa("✔ Confirm"))), sender)
    assert "بسته شده است" in done[0].text
    assert await rows(office_app, ComplaintAddition) == []


async def test_a_wrong_argument_and_not_found_offer_the_way_on(
    office_app: App, sender: RecordingSender
) -> None:
    ways_on = ["وارد کردن کد رهگیری دیگر", "شکایت‌های من", "منوی اصلی"]
    wrong = await office_app.engine.process(command("complaints", "12345"), sender)
    assert wrong[0].text.startswith("کد رهگیری ۱۰ رقم دارد")
    assert labels(wrong) == ways_on
    again = await office_app.engine.process(press(token_of(wrong, ways_on[0])), sender)
    assert again[-1].text.startswith("لطفاً کد رهگیری شکایت را بفرستید.")
    unknown = new_tracking_code(random.Random(5))
    missing = await office_app.engine.process(text(unknown), sender)
    assert missing[0].text == "شکایتی از شما با این کد رهگیری پیدا نکردم."
    assert labels(missing) == ways_on
    # Someone else's complaint is "not found" too, with the same ways on.
    complaint = await filed(office_app, chat_id=200)
    stranger = await view(office_app, sender, complaint)
    assert stranger[0].text == missing[0].text and labels(stranger) == ways_on
    mine = await office_app.engine.process(press(token_of(stranger, ways_on[1])), sender)
    assert mine[0].text == fa("You have not filed any complaint.")


async def test_the_way_on_in_english(office_app: App, sender: RecordingSender) -> None:
    await office_app.engine.process(command("language", "en"), sender)
    wrong = await office_app.engine.process(command("complaints", "12345"), sender)
    assert wrong[0].text.startswith("A tracking code has 10 digits")
    assert labels(wrong) == ["Try another tracking code", "My complaints", "Main menu"]
    state: Conversation | None = await conversation(office_app)
    assert state is None or state.flow is None
