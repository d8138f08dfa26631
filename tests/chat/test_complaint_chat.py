"""Filing and following a complaint in chat (the clock: 1403/08/15 in Tehran)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jdatetime
import pytest
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.data import bundled_provinces
from bot.domain.offices_csv import parse_offices_csv, sample_offices_text
from bot.messages.events import AttachmentEvent, ContactEvent
from bot.messages.replies import Reply
from bot.text.persian import match_key
from storage.models import Complaint, ComplaintEvent, Evidence, Office, OutboxMessage
from storage.offices import OfficeRecord, upsert_offices
from tests.conftest import Clock, RecordingSender
from tests.support import command, common, conversation, labels, press, sticker, text, token_of


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, evidence_dir=str(tmp_path / "evidence"))  # type: ignore[call-arg]


async def load_sample(app: App) -> None:
    rows, problems = parse_offices_csv(
        sample_offices_text(), bundled_provinces(), jdatetime.date(1403, 8, 15)
    )
    assert problems == []
    records = [
        OfficeRecord(
            code=r.code,
            name=r.name,
            name_key=match_key(r.name),
            province=r.province,
            city=r.city,
            address=r.address,
            phone=r.phone,
            manager_name=r.manager_name,
            manager_mobile=r.manager_mobile,
            status=r.status.value,
            suspended_until=r.suspended_until,
        )
        for r in rows
    ]
    async with app.engine.sessions() as session, session.begin():
        await upsert_offices(session, records, app.engine.clock())


@pytest.fixture
async def filed_app(app: App) -> App:
    await load_sample(app)
    return app


async def say(app: App, sender: RecordingSender, last: list[Reply], answer: str) -> list[Reply]:
    """Press the button labelled *answer* if there is one, else type it."""
    if answer in labels(last):
        return await app.engine.process(press(token_of(last, answer)), sender)
    return await app.engine.process(text(answer), sender)


async def start_complaint(app: App, sender: RecordingSender) -> list[Reply]:
    menu = await app.engine.process(command("start"), sender)
    return await app.engine.process(press(token_of(menu, "ثبت شکایت از یک دفتر")), sender)


async def file_overcharge(
    app: App, sender: RecordingSender, *, consent: str = "خیر: هویت من از دفتر پنهان بماند"
) -> list[Reply]:
    last = await start_complaint(app, sender)
    assert "شکایت شما از کدام دفتر است؟" in last[-1].text
    last = await say(app, sender, last, "۱۰۰۱")  # the code, in Persian digits
    assert "آیا دفتر مورد نظر این است؟" in last[-1].text and "دفتر نمونه ۱۰۰۱" in last[-1].text
    last = await say(app, sender, last, "✔ بله، همین دفتر")
    last = await say(app, sender, last, "▫️ از من بیشتر از تعرفه رسمی پول گرفتند")
    last = await say(app, sender, last, "▫️ برای مبلغی که پرداختم رسید به من داده نشد")
    assert "✅ از من بیشتر از تعرفه رسمی پول گرفتند" in labels(last)
    last = await say(app, sender, last, "تمام ✔")
    last = await say(app, sender, last, "دیروز")
    last = await say(app, sender, last, "8")  # adding an attachment: per page
    assert "How many pages?" not in last[-1].text and "چند صفحه؟" in last[-1].text
    last = await say(app, sender, last, "۳")
    last = await say(app, sender, last, "۵۰٬۰۰۰")
    last = await say(app, sender, last, "تومان")
    # 3 pages × 70,000 rials = 210,000; paid 50,000 tomans = 500,000 rials: 290,000 more.
    comparison = last[0].text
    assert "۲۹۰٬۰۰۰" in comparison and "۲۱۰٬۰۰۰" in comparison and "۵۰۰٬۰۰۰" in comparison
    last = await say(app, sender, last, "کوتاه است")  # 10 characters needed: this is 9
    assert last[0].text.startswith("این متن کوتاه است")
    last = await say(app, sender, last, "برای سه صفحه پیوست پانصد هزار ریال گرفتند و رسید ندادند.")
    assert "تا ۵ مورد بفرستید" in last[-1].text
    photo = AttachmentEvent(
        **common(), kind="photo", file_id="photo-1", size=1234, mime_type="image/jpeg"
    )
    last = await app.engine.process(photo, sender)
    assert "۱ از حداکثر ۵ مورد دریافت شد." in last[-1].text
    last = await say(app, sender, last, "تمام ✔")
    assert "چه کسانی مشخصات شما را می‌بینند" in last[-1].text
    last = await say(app, sender, last, "مریم نمونه")
    own = ContactEvent(**common(), phone_number="+989121234567", own=True)
    last = await app.engine.process(own, sender)
    last = await say(app, sender, last, "0499370899")
    last = await say(app, sender, last, consent)
    assert "لطفاً پاسخ‌هایتان را بررسی کنید:" in last[-1].text
    return await say(app, sender, last, "✔ تأیید")


async def only(app: App, model: type) -> list:  # type: ignore[type-arg]
    async with app.engine.sessions() as session:
        return list(await session.scalars(select(model)))


async def test_a_complaint_filed_from_start_to_finish(
    filed_app: App, sender: RecordingSender, tmp_path: Path
) -> None:
    done = await file_overcharge(filed_app, sender)
    receipt = done[-1].text
    assert receipt.startswith("✅ شکایت شما ثبت شد.")
    assert "کانون دفاتر استان تهران" in receipt and "هیئت بدوی" in receipt
    # The Association's service target, said to be a setting and no deadline of the directive.
    assert receipt.endswith(
        "\nکانون می‌کوشد ظرف ۷ روز از ثبت پاسخ دهد: این هدف خدمتِ کانون (یک تنظیم) است، نه "
        "مهلتی از آیین‌نامه."
    )
    [complaint] = await only(filed_app, Complaint)
    assert f"کد رهگیری: {complaint.tracking_code}" not in receipt  # shown in Persian digits
    assert complaint.office_code == "1001" and complaint.association_province == "tehran"
    assert complaint.violations == ["25.6", "25.12"]
    assert complaint.incident_date == jdatetime.date(1403, 8, 14)
    assert complaint.overcharge is not None and complaint.overcharge["difference_rials"] == 290000
    assert complaint.complainant_mobile == "09121234567"
    assert complaint.complainant_national_id == "0499370899"
    assert complaint.identity_consent is False
    assert len(complaint.tracking_code) == 10
    [evidence] = await only(filed_app, Evidence)
    expected = hashlib.sha256(b"bytes of photo-1").hexdigest()
    assert (evidence.complaint_id, evidence.sha256) == (complaint.id, expected)
    assert Path(str(evidence.stored_path)).read_bytes() == b"bytes of photo-1"
    state = await conversation(filed_app)
    assert state is not None and state.flow is None


async def test_following_withdrawing_and_another_account(
    filed_app: App, sender: RecordingSender
) -> None:
    await file_overcharge(filed_app, sender)
    [complaint] = await only(filed_app, Complaint)
    listing = await filed_app.engine.process(command("complaints"), sender)
    assert listing[0].text == "شکایت‌های شما (جدیدترین در ابتدا):"
    shown = await filed_app.engine.process(command("complaints", complaint.tracking_code), sender)
    assert "وضعیت: دریافت شد" in shown[0].text and "روند رسیدگی:" in shown[0].text
    assert "۱۵ آبان ۱۴۰۳" in shown[0].text
    # Someone else, with the code and even the button's token, is told it was not found.
    stranger = await filed_app.engine.process(
        command("complaints", complaint.tracking_code, chat_id=777), sender
    )
    assert stranger[0].text == "شکایتی از شما با این کد رهگیری پیدا نکردم."
    forged = await filed_app.engine.process(
        press(token_of(shown, "استرداد این شکایت"), chat_id=777), sender
    )
    assert forged[0].text == "این دکمه دیگر معتبر نیست. اکنون اینجا هستیم:"
    asked = await filed_app.engine.process(press(token_of(shown, "استرداد این شکایت")), sender)
    # Article 26 note 2 in Persian (an English fallback would say "Article 26, note 2").
    assert "استرداد شکایت، رسیدگی را متوقف نمی‌کند" in asked[0].text
    assert "(تبصره ۲ ماده ۲۶)" in asked[0].text
    assert len(await only(filed_app, ComplaintEvent)) == 1  # nothing yet, not by the stranger
    done = await filed_app.engine.process(press(token_of(asked, "بله، استرداد شود")), sender)
    assert "استرداد شما روی شکایت ثبت شد" in done[0].text
    events = await only(filed_app, ComplaintEvent)
    assert [e.kind for e in events] == ["status", "withdrawn"]
    [complaint] = await only(filed_app, Complaint)
    assert complaint.status == "received"  # withdrawal is not a status
    assert "استرداد این شکایت" not in labels(done)


async def test_tracking_by_code_in_any_digits(filed_app: App, sender: RecordingSender) -> None:
    await file_overcharge(filed_app, sender)
    [complaint] = await only(filed_app, Complaint)
    menu = await filed_app.engine.process(command("menu"), sender)
    asked = await filed_app.engine.process(
        press(token_of(menu, "پیگیری شکایت با کد رهگیری")), sender
    )
    wrong = await say(filed_app, sender, asked, "12345")
    assert wrong[0].text.startswith("کد رهگیری ۱۰ رقم دارد، مانند ")
    assert not any(c in wrong[0].text for c in "0123456789")
    persian = complaint.tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    shown = await say(filed_app, sender, wrong, persian)
    assert shown[0].text.startswith("📄 شکایت")


async def test_a_bad_check_digit_is_caught(filed_app: App, sender: RecordingSender) -> None:
    await file_overcharge(filed_app, sender)
    [complaint] = await only(filed_app, Complaint)
    code = complaint.tracking_code
    broken = code[:-1] + str((int(code[-1]) + 1) % 10)
    replies = await filed_app.engine.process(command("complaints", broken), sender)
    assert "معتبر نیست" in replies[0].text


async def test_the_daily_limit_and_the_same_complaint_twice(
    filed_app: App, sender: RecordingSender, clock: Clock
) -> None:
    await file_overcharge(filed_app, sender)
    again = await file_overcharge(filed_app, sender)
    assert "آیا این شکایتی تازه است؟" in again[-1].text
    filed = await filed_app.engine.process(press(token_of(again, "✔ بله، ادامه بده")), sender)
    assert filed[-1].text.startswith("✅")
    third = await file_overcharge(filed_app, sender)
    third = await filed_app.engine.process(press(token_of(third, "✔ بله، ادامه بده")), sender)
    assert third[-1].text.startswith("✅")
    refused = await start_complaint(filed_app, sender)
    assert "در ۲۴ ساعت گذشته ۳ شکایت ثبت کرده‌اید" in refused[0].text
    assert len(await only(filed_app, Complaint)) == 3
    clock.advance(hours=25)
    allowed = await start_complaint(filed_app, sender)
    assert "شکایت شما از کدام دفتر است؟" in allowed[-1].text


async def test_choosing_by_province_city_and_list_and_a_suspended_office(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await start_complaint(filed_app, sender)
    last = await say(filed_app, sender, last, "انتخاب از روی استان")
    assert "تهران" in labels(last) and "اصفهان" in labels(last)
    last = await say(filed_app, sender, last, "تهران")
    last = await say(filed_app, sender, last, "شهر ری")  # its one office: the card at once
    assert "دفتر نمونه ۱۰۰۳" in last[-1].text
    assert "تعلیق شده است" in last[-1].text and "۱۴۹۹/۱۲/۲۹" in last[-1].text
    last = await say(filed_app, sender, last, "✔ بله، همین دفتر")
    assert "چه اتفاقی افتاد؟" in last[-1].text


async def test_finding_an_office_by_a_few_letters_of_its_name(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await start_complaint(filed_app, sender)
    last = await say(filed_app, sender, last, "نمونه۱۰۰۸")  # no space, Persian digits
    assert "آیا دفتر مورد نظر این است؟" in last[-1].text and "مشهد" in last[-1].text
    last = await say(filed_app, sender, last, "انتخاب دفتری دیگر")
    last = await say(filed_app, sender, last, "ناموجود")
    assert "دفتری با این کد، نام یا شهر پیدا نکردم" in last[-1].text


async def test_a_date_in_the_future_is_refused(filed_app: App, sender: RecordingSender) -> None:
    last = await start_complaint(filed_app, sender)
    last = await say(filed_app, sender, last, "1001")
    last = await say(filed_app, sender, last, "✔ بله، همین دفتر")
    last = await say(filed_app, sender, last, "▫️ با من بی‌احترامی شد")
    last = await say(filed_app, sender, last, "تمام ✔")
    last = await say(filed_app, sender, last, "1403/09/01")
    assert last[0].text.startswith("این تاریخ در آینده است")


async def test_a_description_of_3001_characters_is_refused(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await start_complaint(filed_app, sender)
    for answer in ("1001", "✔ بله، همین دفتر", "▫️ با من بی‌احترامی شد", "تمام ✔", "امروز"):
        last = await say(filed_app, sender, last, answer)
    last = await say(filed_app, sender, last, "ب" * 3001)
    assert last[0].text.startswith("این متن بلند است (۳۰۰۱ نویسه): لطفاً آن را به حداکثر ۳۰۰۰")
    last = await say(filed_app, sender, last, "ب" * 3000)
    assert "تا ۵ مورد بفرستید" in last[-1].text


async def test_a_sticker_at_every_step_changes_nothing(
    filed_app: App, sender: RecordingSender
) -> None:
    answers = [
        "1001",
        "✔ بله، همین دفتر",
        "▫️ از من بیشتر از تعرفه رسمی پول گرفتند",
        "تمام ✔",
        "امروز",
        "1",
        "1",  # once
        "100000",
        "ریال",
        "شرح کامل ماجرا در اینجا.",
        "بعدی",
        "مریم نمونه",
        "09121234567",
        "بعدی",
        "بله: دفتر می‌تواند بداند شاکی من هستم",
    ]
    last = await start_complaint(filed_app, sender)
    for answer in answers:
        before = await conversation(filed_app)
        await filed_app.engine.process(sticker(), sender)
        after = await conversation(filed_app)
        assert before is not None and after is not None
        assert (after.step, after.answers, after.trail) == (
            before.step,
            before.answers,
            before.trail,
        )
        last = await say(filed_app, sender, last, answer)
    assert "لطفاً پاسخ‌هایتان را بررسی کنید:" in last[-1].text
    done = await say(filed_app, sender, last, "✔ تأیید")
    assert done[-1].text.startswith("✅")
    [complaint] = await only(filed_app, Complaint)
    assert complaint.identity_consent is True
    assert complaint.overcharge is not None and complaint.overcharge["difference_rials"] < 0


async def test_no_outbox_notice_is_written_by_filing(
    filed_app: App, sender: RecordingSender
) -> None:
    await file_overcharge(filed_app, sender)
    rows = await only(filed_app, OutboxMessage)
    assert {r.kind for r in rows} == {"reply"}
    assert await only(filed_app, Office)
