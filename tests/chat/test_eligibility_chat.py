"""The eligibility self-check in chat, as an applicant walks it (the clock: 1403/08/15)."""

from __future__ import annotations

import re

import jdatetime
import pytest
from sqlalchemy import select

from bot.app import App, open_app
from bot.config import Settings
from bot.messages.replies import Reply
from bot.rules import EDITION_1392, Role
from bot.rules.model import ROLE_LABELS
from storage.models import EligibilityCheck
from tests.conftest import Clock, RecordingSender
from tests.support import command, conversation, labels, press, sticker, text, token_of

ZWNJ = "\u200c"

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


async def sheet_of(app: App, sender: RecordingSender, answers: list[str]) -> str:
    """The sheet's text after *answers* and the review's Confirm."""
    review = await walk(app, sender, answers)
    sheet = await app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    return sheet[0].text


def changed(**at: str) -> list[str]:
    """The eligible manager's answers with some changed (by the comment's name in the list)."""
    answers = list(ELIGIBLE_MANAGER_FA)
    for index, value in at.items():
        answers[int(index.removeprefix("a"))] = value
    return answers


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
    assert "✅ بند ۲ ماده ۵: احراز شده" in body  # decided from the birth date
    assert "✅ بند ۲ ماده ۴: طبق اظهار شما" in body  # a declaration: never "verified"
    assert "✅ بند ۵ ماده ۴: طبق اظهار شما" in body
    assert "✅ بند ۴ ماده ۸: طبق اظهار شما، ممنوع نیستید" in body
    assert "بند ۲ ماده ۴: احراز شده" not in body
    assert "🏛 بند ۴ ماده ۵: نیازمند تصمیم اداره کل" in body
    # Computer skills wait for the Directorate: eligible only subject to its decision on 5.4.
    assert "نتیجه: واجد شرایط، مشروط به تصمیم اداره کل درباره‌ی بند ۴ ماده ۵" in body
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
    # He has an approved record of service, but the note to Article 5 applies "in addition to"
    # the conditions: no priority for an applicant who is not eligible.
    assert "⭐" not in body and "تبصره ماده ۵" not in body
    [check] = await stored(app)
    assert check.verdict == "not_eligible"
    assert check.sheet["priority"] == []


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


async def test_implausible_experience_is_a_plausibility_check_to_confirm_or_change(
    app: App, sender: RecordingSender
) -> None:
    last = await walk(app, sender, ELIGIBLE_MANAGER_FA[:12])
    asked = await answer(app, sender, last, "40")  # born 1370: 18 years since turning 15
    body = asked[0].text
    assert body.startswith("لطفاً پاسخ‌تان را بررسی کنید: ۴۰ سال سابقه تا ۱۵ آبان ۱۴۰۳")
    assert "این تنها سنجش باورپذیری پاسخ است" in body  # not stated as a fact
    assert "نه قاعده‌ای از دستورالعمل" in body and "۱۵ سالگی" in body
    assert labels(asked)[:2] == ["✔ بله، ۴۰ سال درست است", "✎ تغییر پاسخ"]
    state = await conversation(app)
    assert state is not None and state.step == "experience_years"
    assert "experience_years" not in state.answers
    # Change: the question again, nothing kept.
    again = await app.engine.process(press(token_of(asked, "✎ تغییر پاسخ")), sender)
    assert "چه مقدار سابقه‌ی کار مرتبط" in again[0].text
    # Another implausible answer, then confirmed: kept, and the check goes on.
    asked = await answer(app, sender, again, "۳۵ سال")
    going_on = await app.engine.process(press(token_of(asked, "✔ بله، ۳۵ سال درست است")), sender)
    assert "رایانه" in going_on[0].text  # computer skills, the next question
    state = await conversation(app)
    assert state is not None and state.answers["experience_years"] == 35


async def test_bad_experience_answers_are_refused_politely_and_change_nothing(
    app: App, sender: RecordingSender
) -> None:
    last = await walk(app, sender, ELIGIBLE_MANAGER_FA[:12])
    for bad in ("۵" * 10_000, "سه سال", "۳ هفته", "-2"):
        refused = await answer(app, sender, last, bad)
        assert refused[0].text.startswith("لطفاً سابقه‌تان را به سال، یا سال و ماه بفرستید")
        assert "✖ انصراف" in labels(refused)
    asked = await answer(app, sender, last, "40")
    assert "✔ بله، ۴۰ سال درست است" in labels(asked)
    # A sticker at the plausibility check: a polite word, and the question asked again.
    stuck = await app.engine.process(sticker(), sender)
    assert "چه مقدار سابقه‌ی کار مرتبط" in stuck[0].text
    assert "✖ انصراف" in labels(stuck)
    state = await conversation(app)
    assert state is not None and state.step == "experience_years"
    assert "experience_years" not in state.answers
    assert asked[0].text != stuck[0].text


async def test_experience_in_years_and_months_counted_to_the_reference_date(
    database_url: str, clock: Clock, sender: RecordingSender
) -> None:
    settings = Settings(_env_file=None, eligibility_reference_date="1405/01/01")  # type: ignore[call-arg]
    app = await open_app(settings, database_url, clock=clock, upgrade=True)
    last = await walk(app, sender, ELIGIBLE_MANAGER_FA[:12])
    assert "تا ۱ فروردین ۱۴۰۵ چه مقدار سابقه‌ی کار مرتبط" in last[0].text
    assert "«۳ سال و ۶ ماه»" in last[0].text
    refused = await answer(app, sender, last, "سه سال")
    assert refused[0].text.startswith("لطفاً سابقه‌تان را به سال، یا سال و ماه بفرستید")
    review = await answer(app, sender, refused, "۴ سال و ۶ ماه")
    review = await walk_on(app, sender, review, ELIGIBLE_MANAGER_FA[13:])
    assert "• سابقه‌ی کار: ۴ سال و ۶ ماه" in review[0].text
    sheet = await app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    body = sheet[0].text
    assert "❌ بند ۳ ماده ۵: احراز نشده" in body
    assert "تا ۱ فروردین ۱۴۰۵، ۴ سال و ۶ ماه سابقه‌ی کار مرتبط دارید" in body
    [check] = await stored(app)
    assert check.answers["experience_years"] == 4.5
    assert check.reference_date == jdatetime.date(1405, 1, 1)
    await app.close()


async def walk_on(
    app: App, sender: RecordingSender, last: list[Reply], answers: list[str]
) -> list[Reply]:
    for value in answers:
        last = await answer(app, sender, last, value)
    return last


async def test_forty_two_months_are_three_and_a_half_years(
    app: App, sender: RecordingSender
) -> None:
    body = await sheet_of(app, sender, changed(a12="۴۲ ماه"))
    assert "تا ۱۵ آبان ۱۴۰۳، ۳ سال و ۶ ماه سابقه‌ی کار مرتبط دارید" in body
    [check] = await stored(app)
    assert check.answers["experience_years"] == 3.5


async def test_the_8_4_question_says_that_serving_judges_are_in_the_governments_service(
    app: App, sender: RecordingSender
) -> None:
    last = await walk(app, sender, ELIGIBLE_MANAGER_FA[:17])
    assert "آیا کارمند یا مستخدم دولت (قاضیان شاغل هم در خدمت دولت‌اند)" in last[0].text
    assert "بند ۴ ماده ۸" in last[0].text


async def test_a_serving_judge_is_barred_by_8_4_not_told_a_condition_is_unmet(
    app: App, sender: RecordingSender
) -> None:
    body = await sheet_of(app, sender, changed(a17="بله"))
    assert "❌ بند ۴ ماده ۸: ممنوع به‌موجب بند ۴ ماده‌ی ۸" in body
    assert "بند ۴ ماده ۸: احراز نشده" not in body
    assert "نتیجه: فاقد شرایط" in body


async def test_quoted_law_has_its_zero_width_non_joiners(app: App, sender: RecordingSender) -> None:
    # An unrelated degree and no seminary level: 5.1 is not met, and its text is quoted.
    answers = changed(a10="رشته‌ای نامرتبط")
    answers.insert(11, "هیچ‌کدام")  # the seminary level is asked once the field does not settle 5.1
    body = await sheet_of(app, sender, answers)
    assert "❌ بند ۱ ماده ۵: احراز نشده" in body
    assert f"در رشته{ZWNJ}های مرتبط با حقوق" in body
    assert f"از دانشگاه{ZWNJ}ها و" in body and f"از حوزه{ZWNJ}های علمیه" in body
    assert "رشتههای" not in body
    # The stored sheet keeps the published text, word for word.
    [check] = await stored(app)
    [clause] = [c for c in check.sheet["conditions"] if c["id"] == "5.1"]
    assert "رشتههای" in clause["text"]


async def test_a_birth_date_in_the_future_is_refused(app: App, sender: RecordingSender) -> None:
    last = await walk(app, sender, ELIGIBLE_MANAGER_FA[:11])
    refused = await answer(app, sender, last, "1405/01/01")
    assert refused[0].text.startswith("این تاریخ در آینده است")
    state = await conversation(app)
    assert state is not None and "birth_date" not in state.answers


async def test_a_birth_date_making_the_applicant_over_100_is_asked_about_once(
    app: App, sender: RecordingSender
) -> None:
    last = await walk(app, sender, ELIGIBLE_MANAGER_FA[:11])
    asked = await answer(app, sender, last, "1298/01/01")  # 105 on 15 Aban 1403
    assert asked[0].text.startswith("آیا ۱ فروردین ۱۲۹۸ درست است؟ با آن در ۱۵ آبان ۱۴۰۳ ۱۰۵ ساله")
    assert "بررسی معقول بودن" in asked[0].text
    state = await conversation(app)
    assert state is not None and "birth_date" not in state.answers  # held, not taken
    assert labels(asked)[:2] == ["✔ بله، درست است", "✎ تغییر"]
    taken = await app.engine.process(press(token_of(asked, "✔ بله، درست است")), sender)
    state = await conversation(app)
    assert state is not None and state.answers["birth_date"] == "1298/01/01"
    assert "آیا ۱ فروردین ۱۲۹۸ درست است" not in taken[0].text


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
    assert (
        entry == "15 Aban 1403 · Office manager · Eligible, subject to the Directorate's decision"
    )
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


# ---- every citation names a clause of the post's own rule set ----

CITED = re.compile(r"Article (\d+), clause (\d+)|Note to Article (\d+)")


def _cited(body: str) -> set[str]:
    found = set()
    for article, clause, note in CITED.findall(body):
        found.add(f"{note}.note" if note else f"{article}.{clause}")
    return found


@pytest.mark.parametrize("role", list(Role))
async def test_every_citation_a_post_is_shown_is_a_clause_of_its_rule_set(
    app: App, sender: RecordingSender, role: Role
) -> None:
    own = {c.id for c in EDITION_1392.conditions_for(role)}
    own |= {p.id for p in EDITION_1392.priorities_for(role)}
    await app.engine.process(command("language", "en"), sender)
    last = await app.engine.process(command("start"), sender)
    last = await app.engine.process(
        press(token_of(last, "Check my eligibility for a post")), sender
    )
    last = await app.engine.process(press(token_of(last, ROLE_LABELS[role])), sender)
    asked: set[str] = set()
    while "I don't know / prefer not to say" in labels(last):
        [why] = [line for line in last[-1].text.splitlines() if line.startswith("Why we ask (")]
        asked |= _cited(why)
        last = await app.engine.process(
            press(token_of(last, "I don't know / prefer not to say")), sender
        )
    # Every clause of the post is asked about, and no question cites another post's clause.
    assert asked <= own, asked - own
    facts = {q.fact for q in EDITION_1392.questions_for(role)}
    if role is not Role.MANAGER:
        assert "5.1" not in asked and "experience_years" not in facts
    sheet = await app.engine.process(press(token_of(last, "✔ Confirm")), sender)
    shown = _cited(sheet[0].text)
    assert shown <= own, shown - own
    assert {c.id for c in EDITION_1392.conditions_for(role)} <= shown


async def test_the_legal_experts_degree_question_cites_6_1(
    app: App, sender: RecordingSender
) -> None:
    answers = ["کارشناس حقوقی", *ELIGIBLE_MANAGER_FA[1:9]]
    last = await walk(app, sender, answers)
    assert "مدرک" in last[0].text
    assert "چرا می‌پرسیم (بند ۱ ماده ۶)" in last[0].text
    assert "ماده ۵" not in last[0].text
