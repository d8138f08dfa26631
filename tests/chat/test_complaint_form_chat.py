"""The complaint form as a citizen fills it: what happened (every clause of Article 25, or
"another matter", unclassified), where (by code, city or province, in either language), when
(day first, Gregorian, unlikely dates asked about once) and who (a name in letters).

The clock: 1403/08/15 in Tehran.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from bot.app import App
from bot.config import Settings
from bot.messages.replies import Reply
from bot.operator.complaints import main as complaints_command
from bot.text.persian import match_key
from storage.models import Complaint
from storage.offices import OfficeRecord, upsert_offices
from tests.chat.test_complaint_chat import load_sample, only, say, start_complaint
from tests.conftest import RecordingSender, is_product_setting
from tests.support import command, conversation, labels, press, sticker, text, token_of

ANOTHER_MATTER = "موضوعی دیگر (کانون آن را دسته‌بندی می‌کند)"
RUDE = "▫️ با من بی‌احترامی شد"
INSPECTORS = "دفتر با بازرسان همکاری نکرد"
DONE = "تمام ✔"
DESCRIPTION = "شرح کامل ماجرا در اینجا نوشته شده است."


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, evidence_dir=str(tmp_path / "evidence"))  # type: ignore[call-arg]


@pytest.fixture
async def filed_app(app: App) -> App:
    await load_sample(app)
    return app


def first_button(replies: list[Reply]) -> str:
    """The token of the last reply's first button (a step's own, before its controls)."""
    return replies[-1].inline[0][0].token


async def start_in_english(app: App, sender: RecordingSender) -> list[Reply]:
    """Switch to English and start a complaint."""
    await app.engine.process(command("language", "en"), sender)
    menu = await app.engine.process(command("menu"), sender)
    return await app.engine.process(
        press(token_of(menu, "File a complaint against an office")), sender
    )


async def to_what(app: App, sender: RecordingSender) -> list[Reply]:
    """Start a complaint about office 1001, up to "What happened?"."""
    last = await start_complaint(app, sender)
    last = await say(app, sender, last, "1001")
    return await say(app, sender, last, "✔ بله، همین دفتر")


async def to_when(app: App, sender: RecordingSender) -> list[Reply]:
    """Up to "When did it happen?", for rudeness."""
    last = await to_what(app, sender)
    last = await say(app, sender, last, RUDE)
    return await say(app, sender, last, DONE)


async def to_name(app: App, sender: RecordingSender) -> list[Reply]:
    """Up to the complainant's name."""
    last = await to_when(app, sender)
    last = await say(app, sender, last, "امروز")
    last = await say(app, sender, last, DESCRIPTION)
    return await app.engine.process(press(first_button(last)), sender)  # no evidence


async def to_review(app: App, sender: RecordingSender, last: list[Reply]) -> list[Reply]:
    """From the description step to the review."""
    last = await say(app, sender, last, DESCRIPTION)
    last = await app.engine.process(press(first_button(last)), sender)  # no evidence
    last = await say(app, sender, last, "مریم نمونه")
    last = await say(app, sender, last, "09121234567")
    last = await app.engine.process(press(first_button(last)), sender)  # no national ID
    last = await say(app, sender, last, "خیر: هویت من از دفتر پنهان بماند")
    assert "لطفاً پاسخ‌هایتان را بررسی کنید:" in last[-1].text
    return last


async def answers(app: App) -> dict[str, object]:
    state = await conversation(app)
    assert state is not None
    return dict(state.answers)


# ---- what happened ----


async def test_another_matter_is_filed_unclassified_and_staff_see_it(
    filed_app: App,
    sender: RecordingSender,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    last = await to_what(filed_app, sender)
    assert "▫️ " + ANOTHER_MATTER in labels(last)
    last = await say(filed_app, sender, last, "▫️ " + ANOTHER_MATTER)
    last = await say(filed_app, sender, last, DONE)
    last = await say(filed_app, sender, last, "امروز")
    review = await to_review(filed_app, sender, last)
    assert f"• چه اتفاقی افتاد: {ANOTHER_MATTER}\n" in review[-1].text
    assert "ماده‌ی ۲۵" not in review[-1].text  # no clause is cited for it, 14 least of all
    # The review names the office, not its code alone.
    assert "• دفتر: دفتر نمونه ۱۰۰۱ (آزمایشی) — تهران (۱۰۰۱)" in review[-1].text
    done = await say(filed_app, sender, review, "✔ تأیید")
    assert done[-1].text.startswith("✅ شکایت شما ثبت شد.")
    [complaint] = await only(filed_app, Complaint)
    assert (complaint.violations, complaint.unclassified) == ([], True)

    # The Association's views: `daftar complaints list` and `show`.
    for name in list(os.environ):
        if is_product_setting(name):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DAFTAR_DATABASE_URL", database_url)
    capsys.readouterr()
    assert await asyncio.to_thread(complaints_command, ["complaints", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert (listed["violations"], listed["unclassified"]) == ([], True)
    assert await asyncio.to_thread(complaints_command, ["complaints", "list"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[1].endswith("unclassified") and "25.14" not in table
    code = complaint.tracking_code
    assert await asyncio.to_thread(complaints_command, ["complaints", "show", code, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["violations"], shown["unclassified"]) == ([], True)


async def test_another_matter_twice_in_a_day_is_asked_about_as_the_same_complaint(
    filed_app: App, sender: RecordingSender
) -> None:
    for _ in range(2):
        last = await to_what(filed_app, sender)
        last = await say(filed_app, sender, last, "▫️ " + ANOTHER_MATTER)
        last = await say(filed_app, sender, last, DONE)
        last = await say(filed_app, sender, last, "امروز")
        last = await say(filed_app, sender, await to_review(filed_app, sender, last), "✔ تأیید")
    assert "آیا این شکایتی تازه است؟" in last[-1].text
    # With a clause beside it, it is another complaint: filed without the question.
    last = await to_what(filed_app, sender)
    for answer in ("▫️ " + ANOTHER_MATTER, RUDE, DONE, "امروز"):
        last = await say(filed_app, sender, last, answer)
    last = await say(filed_app, sender, await to_review(filed_app, sender, last), "✔ تأیید")
    assert last[-1].text.startswith("✅ شکایت شما ثبت شد.")
    rows = await only(filed_app, Complaint)
    assert [(c.violations, c.unclassified) for c in rows] == [([], True), (["25.8"], True)]


async def test_every_other_clause_is_under_more_matters(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await to_what(filed_app, sender)
    assert "هر گزینه یکی از تخلفات ماده‌ی ۲۵ دستورالعمل است" in last[-1].text
    assert "▫️ " + INSPECTORS not in labels(last)
    assert labels(last)[-4:] == ["موارد بیشتر ‹", DONE, "» بازگشت", "✖ انصراف"]
    last = await say(filed_app, sender, last, "موارد بیشتر ‹")
    assert "وظایف دفتر در برابر مرکز، بازرسان" in last[-1].text
    further = [label for label in labels(last) if label.startswith("▫️ دفتر") or "سامانه" in label]
    assert len(further) == 5 and "▫️ " + INSPECTORS in further
    last = await say(filed_app, sender, last, "▫️ " + INSPECTORS)
    last = await say(filed_app, sender, last, RUDE)
    last = await say(filed_app, sender, last, "› موارد کمتر")
    # What was chosen stays in sight; the other further matters fold away.
    assert "✅ " + INSPECTORS in labels(last)
    assert "▫️ دفتر مقررات یا ضوابط دیگری را که بر آن حاکم است رعایت نکرد" not in labels(last)
    last = await say(filed_app, sender, last, DONE)
    assert (await answers(filed_app))["what"] == ["rude_behaviour", "inspectors_refused"]
    last = await say(filed_app, sender, last, "امروز")
    review = await to_review(filed_app, sender, last)
    assert (
        "• چه اتفاقی افتاد: با من بی‌احترامی شد (بند ۸ ماده‌ی ۲۵)، "
        "دفتر با بازرسان همکاری نکرد (بند ۹ ماده‌ی ۲۵)"
    ) in review[-1].text
    await say(filed_app, sender, review, "✔ تأیید")
    [complaint] = await only(filed_app, Complaint)
    assert (complaint.violations, complaint.unclassified) == (["25.8", "25.9"], False)


async def test_typed_numbers_count_the_buttons_as_shown(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await to_what(filed_app, sender)
    last = await filed_app.engine.process(text("۱۰"), sender)  # the tenth button: More matters
    assert "▫️ " + INSPECTORS in labels(last)
    last = await filed_app.engine.process(text("› موارد کمتر"), sender)  # its label, typed
    assert "▫️ " + INSPECTORS not in labels(last)
    last = await filed_app.engine.process(text("10"), sender)
    last = await filed_app.engine.process(text("5, 13"), sender)  # rudeness and inspectors
    assert "چه زمانی اتفاق افتاد؟" in last[-1].text
    assert (await answers(filed_app))["what"] == ["rude_behaviour", "inspectors_refused"]


async def test_the_choices_in_english(filed_app: App, sender: RecordingSender) -> None:
    last = await start_in_english(filed_app, sender)
    last = await say(filed_app, sender, last, "1001")
    last = await say(filed_app, sender, last, "✔ Yes, this office")
    assert "▫️ Another matter (the Association will classify it)" in labels(last)
    last = await say(filed_app, sender, last, "More matters ›")
    last = await say(filed_app, sender, last, "▫️ The office did not cooperate with inspectors")
    last = await say(filed_app, sender, last, "Done ✔")
    last = await say(filed_app, sender, last, "Today")
    last = await say(filed_app, sender, last, "The office refused to let the inspector in.")
    last = await filed_app.engine.process(press(first_button(last)), sender)
    last = await say(filed_app, sender, last, "Maryam Namouneh")
    last = await say(filed_app, sender, last, "09121234567")
    last = await filed_app.engine.process(press(first_button(last)), sender)
    last = await filed_app.engine.process(press(first_button(last)), sender)
    review = last[-1].text
    assert (
        "• What happened: The office did not cooperate with inspectors (clause 9 of Article 25)"
        in (review)
    )
    assert "• Office: دفتر نمونه 1001 (آزمایشی) — Tehran (1001)" in review


# ---- where: the office ----


async def add_offices(app: App, city: str, province: str, codes: range) -> None:
    records = [
        OfficeRecord(
            code=str(code),
            name=f"دفتر آزمایشی {code}",
            name_key=match_key(f"دفتر آزمایشی {code}"),
            province=province,
            city=city,
            address="نشانی آزمایشی",
            phone="",
            manager_name="مدیر آزمایشی",
            manager_mobile=f"0912{code:07d}",
            status="active",
            suspended_until=None,
        )
        for code in codes
    ]
    async with app.engine.sessions() as session, session.begin():
        await upsert_offices(session, records, app.engine.clock())


async def test_typing_a_city_lists_its_offices_paged_and_the_city_step_goes_back(
    filed_app: App, sender: RecordingSender
) -> None:
    await add_offices(filed_app, "شیراز", "fars", range(2001, 2010))  # with 1006: ten in Shiraz
    last = await start_complaint(filed_app, sender)
    last = await say(filed_app, sender, last, "شيراز")  # with an Arabic ye
    assert last[-1].text == "دفترهای شیراز: کدام‌یک است؟"
    offices = [label for label in labels(last) if label.startswith("دفتر")]
    assert len(offices) == 8 and all(label.endswith(" — شیراز") for label in offices)
    assert labels(last)[8:] == ["بیشتر ‹", "› شهرها", "جست‌وجوی دوباره", "✖ انصراف"]
    last = await say(filed_app, sender, last, "بیشتر ‹")
    assert [label for label in labels(last) if label.startswith("دفتر")] == [
        "دفتر آزمایشی ۲۰۰۸ — شیراز",
        "دفتر آزمایشی ۲۰۰۹ — شیراز",
    ]
    assert "› قبلی" in labels(last)
    # Back from a city's offices: its province's cities; back from the cities: the provinces.
    last = await say(filed_app, sender, last, "› شهرها")
    assert last[-1].text == "در کدام شهر استان فارس؟"
    assert labels(last)[:3] == ["شیراز", "مرودشت", "› استان‌ها"]
    last = await say(filed_app, sender, last, "› استان‌ها")
    assert last[-1].text == "دفتر در کدام استان است؟" and "فارس" in labels(last)
    last = await say(filed_app, sender, last, "فارس")
    last = await say(filed_app, sender, last, "مرودشت")  # one office: its card
    assert "آیا دفتر مورد نظر این است؟" in last[-1].text and "مرودشت" in last[-1].text
    # A city typed in English, and a province typed by name.
    last = await say(filed_app, sender, last, "انتخاب دفتری دیگر")
    last = await say(filed_app, sender, last, "shiraz")
    assert last[-1].text == "دفترهای شیراز: کدام‌یک است؟"
    last = await say(filed_app, sender, last, "جست‌وجوی دوباره")
    last = await say(filed_app, sender, last, "استان فارس")
    assert last[-1].text == "در کدام شهر استان فارس؟"


async def test_english_names_of_provinces_and_cities_where_the_data_has_them(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await start_in_english(filed_app, sender)
    last = await say(filed_app, sender, last, "Choose by province")
    assert {"Tehran", "Isfahan", "Fars", "Razavi Khorasan", "East Azerbaijan"} <= set(labels(last))
    last = await say(filed_app, sender, last, "Isfahan")
    assert last[-1].text == "In which city of Isfahan?"
    # Isfahan is the capital, in the data; Kashan is not, so its registered name stays.
    assert labels(last)[:3] == ["Isfahan", "کاشان", "‹ Provinces"]
    last = await say(filed_app, sender, last, "‹ Provinces")
    last = await say(filed_app, sender, last, "Tehran")
    last = await say(filed_app, sender, last, "Tehran")
    assert last[-1].text == "The offices of Tehran: which one is it?"
    assert "دفتر نمونه 1001 (آزمایشی) — Tehran" in labels(last)
    last = await say(filed_app, sender, last, "‹ Cities")
    assert labels(last)[:2] == ["Tehran", "شهر ری"]
    last = await say(filed_app, sender, last, "Search again")
    last = await say(filed_app, sender, last, "Tabriz")  # one office: its card
    assert "نشانی آزمایشی: تبریز، خیابان نمونه، پلاک 10, Tabriz" in last[-1].text
    assert "Province: East Azerbaijan" in last[-1].text


# ---- who: the complainant's name ----


async def test_a_name_without_letters_is_refused_and_one_word_is_asked_about_once(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await to_name(filed_app, sender)
    for typed in ("12345", "!!!", "مریم 2"):
        last = await say(filed_app, sender, last, typed)
        assert last[0].text.startswith("نام با حروف نوشته می‌شود: لطفاً نام کامل خود را")
        assert "name" not in await answers(filed_app)
    last = await say(filed_app, sender, last, "مریم")
    assert last[-1].text.startswith("آیا «مریم» نام کامل شماست؟")
    assert labels(last)[:2] == ["✔ بله، نام کامل من همین است", "✎ تغییر"]
    last = await say(filed_app, sender, last, "✎ تغییر")
    assert "چه کسانی مشخصات شما را می‌بینند" in last[-1].text
    last = await say(filed_app, sender, last, "مریم")
    last = await say(filed_app, sender, last, "مریم")  # the same name again: taken
    assert "شماره‌ی تلفن همراه شما؟" in last[-1].text
    assert (await answers(filed_app))["name"] == "مریم"


async def test_a_full_name_is_taken_at_once_and_yes_takes_one_word(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await to_name(filed_app, sender)
    last = await say(filed_app, sender, last, "سید علی‌رضا  موسوی")
    assert "شماره‌ی تلفن همراه شما؟" in last[-1].text
    assert (await answers(filed_app))["name"] == "سید علی‌رضا موسوی"
    last = await filed_app.engine.process(text("» بازگشت"), sender)  # a keyboard, for the contact
    last = await say(filed_app, sender, last, "Ali")
    last = await say(filed_app, sender, last, "✔ بله، نام کامل من همین است")
    assert (await answers(filed_app))["name"] == "Ali"


# ---- when ----


async def test_an_incident_before_the_set_year_is_asked_about_once(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await to_when(filed_app, sender)
    last = await say(filed_app, sender, last, "1300/05/12")
    assert last[-1].text.startswith("منظورتان ۱۲ مرداد ۱۳۰۰ است؟ این تاریخ پیش از سال ۱۳۹۰ است")
    assert "نه قاعده‌ای از دستورالعمل" in last[-1].text
    assert labels(last)[:2] == ["✔ بله، ۱۲ مرداد ۱۳۰۰", "✎ تغییر"]
    before = await conversation(filed_app)
    await filed_app.engine.process(sticker(), sender)
    after = await conversation(filed_app)
    assert before is not None and after is not None
    assert (after.step, after.answers, after.trail) == (before.step, before.answers, before.trail)
    last = await say(filed_app, sender, last, "✎ تغییر")
    assert last[-1].text.startswith("چه زمانی اتفاق افتاد؟")
    assert "when" not in await answers(filed_app)
    last = await say(filed_app, sender, last, "1389/12/29")
    last = await say(filed_app, sender, last, "✔ بله، ۲۹ اسفند ۱۳۸۹")
    assert "لطفاً شرح ماجرا" in last[-1].text
    assert (await answers(filed_app))["when"] == "1389/12/29"


async def test_the_year_of_the_check_is_a_setting(filed_app: App, sender: RecordingSender) -> None:
    filed_app.engine.settings.incident_plausible_from_year = 1300
    last = await to_when(filed_app, sender)
    last = await say(filed_app, sender, last, "1300/05/12")
    assert "لطفاً شرح ماجرا" in last[-1].text


async def test_a_future_date_offers_the_same_day_a_year_earlier(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await to_when(filed_app, sender)
    last = await say(filed_app, sender, last, "1404/08/01")
    assert last[-1].text.startswith(
        "این تاریخ در آینده است: ۱ آبان ۱۴۰۴ هنوز نرسیده است. منظورتان ۱ آبان ۱۴۰۳ است؟"
    )
    last = await say(filed_app, sender, last, "1404/08/01")  # insisting: never taken
    assert "when" not in await answers(filed_app)
    assert "✔ بله، ۱ آبان ۱۴۰۳" in labels(last)
    last = await say(filed_app, sender, last, "✔ بله، ۱ آبان ۱۴۰۳")
    assert (await answers(filed_app))["when"] == "1403/08/01"


async def test_a_date_years_ahead_is_refused(filed_app: App, sender: RecordingSender) -> None:
    last = await to_when(filed_app, sender)
    last = await say(filed_app, sender, last, "1410/01/01")
    assert last[0].text.startswith("این تاریخ در آینده است؛ لطفاً آن را بررسی کنید.")
    assert not any(label.startswith("✔") for label in labels(last))


async def test_day_first_and_gregorian_dates(filed_app: App, sender: RecordingSender) -> None:
    last = await to_when(filed_app, sender)
    last = await say(filed_app, sender, last, "12/5/1403")
    assert "لطفاً شرح ماجرا" in last[-1].text
    assert (await answers(filed_app))["when"] == "1403/05/12"
    last = await filed_app.engine.process(press(token_of(last, "» بازگشت")), sender)
    last = await say(filed_app, sender, last, "2024-08-02")
    assert last[-1].text.startswith(
        "این تاریخ میلادی به نظر می‌رسد. لطفاً تاریخ شمسی را بنویسید، برای نمونه ۱۴۰۳/۰۵/۱۲.\n"
        "منظورتان ۱۲ مرداد ۱۴۰۳ است؟"
    )
    last = await say(filed_app, sender, last, "✔ بله، ۱۲ مرداد ۱۴۰۳")
    assert "لطفاً شرح ماجرا" in last[-1].text
    assert (await answers(filed_app))["when"] == "1403/05/12"
    # A Gregorian day of long ago: its Jalali day is then asked about in turn.
    last = await filed_app.engine.process(press(token_of(last, "» بازگشت")), sender)
    last = await say(filed_app, sender, last, "2005-01-01")
    last = await say(filed_app, sender, last, "✔ بله، ۱۲ دی ۱۳۸۳")
    assert last[-1].text.startswith("منظورتان ۱۲ دی ۱۳۸۳ است؟ این تاریخ پیش از سال ۱۳۹۰ است")
    last = await say(filed_app, sender, last, "✔ بله، ۱۲ دی ۱۳۸۳")
    assert (await answers(filed_app))["when"] == "1383/10/12"


async def test_a_gregorian_date_in_english(filed_app: App, sender: RecordingSender) -> None:
    last = await start_in_english(filed_app, sender)
    for answer in ("1001", "✔ Yes, this office", "▫️ I was treated rudely", "Done ✔"):
        last = await say(filed_app, sender, last, answer)
    last = await say(filed_app, sender, last, "2024-08-02")
    assert last[-1].text.startswith(
        "That looks like a Gregorian date. Please give the Jalali date, for example 1403/05/12.\n"
        "Did you mean 12 Mordad 1403?"
    )
    assert labels(last)[:2] == ["✔ Yes, 12 Mordad 1403", "✎ Change"]
