"""The eligibility self-check in chat, as an applicant walks it (the clock: 1403/08/15)."""

from __future__ import annotations

import jdatetime
from sqlalchemy import select

from bot.app import App, open_app
from bot.config import Settings
from bot.messages.replies import Reply
from storage.models import EligibilityCheck
from tests.conftest import Clock, RecordingSender
from tests.support import command, conversation, labels, press, text, token_of

ELIGIBLE_MANAGER_FA = [
    "مدیر دفتر",  # post
    "ایرانی",
    "بله",  # 4.2
    "بله",  # 4.3
    "خیر",  # drug addiction
    "خیر",  # criminal record
    "مرد",
    "کارت پایان خدمت",
    "بله",  # 4.7
    "کارشناسی",
    "حقوق",
    "۱۳۷۰/۰۱/۰۱",  # typed
    "۱۰",  # typed
    "بله",  # computer skills
    "خیر",  # 8.1
    "خیر",  # 8.2
    "خیر",  # 8.3
    "خیر",  # 8.4
    "بله",  # approved service record
]


async def answer(app: App, sender: RecordingSender, last: list[Reply], answer: str) -> list[Reply]:
    """Press the button labelled *answer* if there is one, else type it."""
    if answer in labels(last):
        return await app.engine.process(press(token_of(last, answer)), sender)
    return await app.engine.process(text(answer), sender)


async def walk(app: App, sender: RecordingSender, answers: list[str]) -> list[Reply]:
    last = await app.engine.process(command("start"), sender)
    last = await app.engine.process(press(token_of(last, "سنجش شرایط احراز سمت")), sender)
    for value in answers:
        last = await answer(app, sender, last, value)
    return last


async def stored(app: App) -> list[EligibilityCheck]:
    async with app.engine.sessions() as session:
        return list(await session.scalars(select(EligibilityCheck)))


async def test_an_eligible_manager_walks_the_whole_check(app: App, sender: RecordingSender) -> None:
    review = await walk(app, sender, ELIGIBLE_MANAGER_FA)
    assert "لطفاً پاسخ‌هایتان را بررسی کنید:" in review[0].text
    assert "• سطح حوزوی" not in review[0].text  # a law degree already settles 5.1
    sheet = await app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    body = sheet[0].text
    assert body.startswith("📋 برگه‌ی سنجش شرایط: مدیر دفتر")
    assert "سن در تاریخ ۱۵ آبان ۱۴۰۳ سنجیده شده است" in body
    assert "✅ بند ۲ ماده ۵: احراز شده" in body
    assert "🏛 بند ۴ ماده ۵: نیازمند تصمیم اداره کل" in body
    assert "نتیجه: واجد شرایط" in body
    assert "⭐ تبصره ماده ۵" in body
    assert "گواهی عدم سوء پیشینه کیفری" in body  # evidence to prepare (4.5)
    assert "❌" not in body
    [check] = await stored(app)
    assert (check.role, check.edition, check.verdict) == ("manager", "1392", "eligible")
    assert check.reference_date == jdatetime.date(1403, 8, 15)
    assert check.answers["birth_date"] == "1370/01/01" and check.answers["experience_years"] == 10
    assert {c["id"]: c["status"] for c in check.sheet["conditions"]}["5.4"] == (
        "needs_official_decision"
    )
    state = await conversation(app)
    assert state is not None and state.flow is None


async def test_a_24_year_old_manager_is_not_eligible_and_learns_when_he_will_be(
    app: App, sender: RecordingSender
) -> None:
    answers = list(ELIGIBLE_MANAGER_FA)
    answers[11] = "1379/09/01"  # 24 on 1403/08/15; 25 on 1404/09/01
    answers[12] = "5"
    review = await walk(app, sender, answers)
    sheet = await app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    body = sheet[0].text
    assert "❌ بند ۲ ماده ۵: احراز نشده" in body
    assert "«داشتن حداقل بیست و پنج سال سن»" in body  # the unmet clause's text
    assert "نتیجه: فاقد شرایط" in body
    assert "این شرط از ۱ آذر ۱۴۰۴ احراز می‌شود" in body
    [check] = await stored(app)
    assert check.verdict == "not_eligible"


async def test_women_are_not_asked_about_military_service(
    app: App, sender: RecordingSender
) -> None:
    last = await walk(app, sender, ELIGIBLE_MANAGER_FA[:6])
    asked = await answer(app, sender, last, "زن")
    assert "توانایی جسمی و روحی" in asked[0].text
    assert "نظام وظیفه" not in asked[0].text


async def test_unknown_answers_give_an_undetermined_verdict_never_a_guess(
    app: App, sender: RecordingSender
) -> None:
    answers = list(ELIGIBLE_MANAGER_FA)
    answers[4] = "نمی‌دانم / ترجیح می‌دهم نگویم"  # drug addiction
    review = await walk(app, sender, answers)
    sheet = await app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    assert "❔ بند ۴ ماده ۴: نامعلوم" in sheet[0].text
    assert "نتیجه: نامشخص" in sheet[0].text


async def test_implausible_experience_is_refused_with_a_reason(
    app: App, sender: RecordingSender
) -> None:
    last = await walk(app, sender, ELIGIBLE_MANAGER_FA[:12])
    refused = await answer(app, sender, last, "40")  # born 1370: 18 years since turning 15
    assert "۴۰" in refused[0].text and "۱۵" in refused[0].text
    state = await conversation(app)
    assert state is not None and state.step == "experience_years"
    assert "experience_years" not in state.answers


async def test_a_birth_date_in_the_future_is_refused(app: App, sender: RecordingSender) -> None:
    last = await walk(app, sender, ELIGIBLE_MANAGER_FA[:11])
    refused = await answer(app, sender, last, "1405/01/01")
    assert refused[0].text.startswith("این تاریخ در آینده است")
    state = await conversation(app)
    assert state is not None and "birth_date" not in state.answers


async def test_a_check_in_progress_survives_a_restart(
    database_url: str, settings: Settings, clock: Clock, sender: RecordingSender
) -> None:
    first = await open_app(settings, database_url, clock=clock, upgrade=True)
    await walk(first, sender, ELIGIBLE_MANAGER_FA[:5])
    await first.close()
    second = await open_app(settings, database_url, clock=clock)
    asked = await second.engine.process(text("خیر"), sender)  # criminal record
    assert "مرد هستید یا زن؟" in asked[0].text
    await second.close()


async def test_past_checks_open_in_the_users_language_and_can_be_deleted(
    app: App, sender: RecordingSender
) -> None:
    review = await walk(app, sender, ELIGIBLE_MANAGER_FA)
    sheet = await app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    await app.engine.process(command("language", "en"), sender)
    listing = await app.engine.process(press(token_of(sheet, "سنجش‌های پیشین من")), sender)
    assert listing[0].text == "Your past checks (newest first):"
    [entry] = [label for label in labels(listing) if "Office manager" in label]
    assert entry == "15 Aban 1403 · Office manager · Eligible"
    opened = await app.engine.process(press(token_of(listing, entry)), sender)
    assert opened[0].text.startswith("📋 Eligibility sheet: Office manager")
    # Another account cannot open it, even with the token.
    foreign = await app.engine.process(press(token_of(listing, entry), chat_id=555), sender)
    # The stranger speaks Persian: neither sheet's title, and the stale-button answer instead.
    assert "Eligibility sheet" not in foreign[0].text and "برگه‌ی سنجش" not in foreign[0].text
    assert foreign[0].text == "این دکمه دیگر معتبر نیست. اکنون اینجا هستیم:"
    deleted = await app.engine.process(press(token_of(opened, "🗑 Delete this check")), sender)
    assert deleted[0].text == "The check was deleted."
    assert await stored(app) == []


async def test_forget_asks_then_deletes_every_check(app: App, sender: RecordingSender) -> None:
    for _ in range(2):
        review = await walk(app, sender, ELIGIBLE_MANAGER_FA)
        await app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    asked = await app.engine.process(command("forget"), sender)
    assert "هر ۲ سنجش ذخیره‌شده‌ی شما حذف شود؟" in asked[0].text
    assert len(await stored(app)) == 2
    done = await app.engine.process(press(token_of(asked, "🗑 حذف همه")), sender)
    assert done[0].text == "۲ سنجش ذخیره‌شده حذف شد."
    assert await stored(app) == []
