"""An overcharge complaint (Art. 25.12) in chat: the service, the count and the amount, always
asked and kept; compared only with the tariff held for the incident's year, which is named with
its source (the clock: 1405/09/11 in Tehran, a year Daftar holds no tariff for)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App
from bot.config import Settings
from bot.flows.complaint.filing import ComplaintFiling
from bot.flows.complaint.incident import OVERCHARGED
from bot.flows.complaint.overcharge import PAID, UNITS
from bot.messages.replies import Reply
from bot.operator.tariff import main as tariff_command
from bot.rules.violations import CITIZEN_CHOICES_BY_KEY
from bot.text.i18n import Translator, translator
from storage.models import Complaint
from tests.chat.test_complaint_chat import load_sample, only, say
from tests.conftest import Clock, RecordingSender
from tests.support import command, conversation, labels, press, token_of

FA = translator("fa")
EN = translator("en")

NO_TARIFF_1405 = (
    "تعرفه‌ای برای سال ۱۴۰۵ در اختیار نداریم، پس مبلغی که پرداختید با هزینه‌ای مقایسه نشد؛ "
    "خدمت، تعداد و مبلغ همان‌طور که گفتید به کانون می‌رسد."
)
HELD_1403 = "تعرفه‌ای که برای سال ۱۴۰۳ در اختیار داریم (websitevakil.ir، که متن رسمی نیست)"
NOT_OFFICIAL = "نسخه‌ی ما از تعرفه متن رسمی نیست، پس کانون هزینه را با تعرفه‌ی رسمی می‌سنجد."


@pytest.fixture
def clock() -> Clock:
    """Noon in Tehran on 1405/09/11 (2026-12-02 08:30 UTC)."""
    return Clock(datetime(2026, 12, 2, 8, 30, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, evidence_dir=str(tmp_path / "evidence"))  # type: ignore[call-arg]


@pytest.fixture
async def filed_app(app: App) -> App:
    await load_sample(app)
    return app


def first_button(replies: list[Reply]) -> str:
    """The token of the first button of the last reply (the step's own first choice)."""
    return replies[-1].inline[0][0].token


async def up_to_the_service(
    app: App, sender: RecordingSender, when: str, t: Translator = FA
) -> list[Reply]:
    """A complaint against office 1001 for an overcharge on *when*, up to the service."""
    if t is EN:
        await app.engine.process(command("language", "en"), sender)
    menu = await app.engine.process(command("start"), sender)
    last = await say(app, sender, menu, t(ComplaintFiling.title))
    last = await say(app, sender, last, "1001")
    last = await app.engine.process(press(first_button(last)), sender)  # yes, this office
    overcharged = CITIZEN_CHOICES_BY_KEY[OVERCHARGED].label_msgid
    last = await say(app, sender, last, "▫️ " + t(overcharged))
    last = await say(app, sender, last, t("Done ✔"))
    return await say(app, sender, last, when)


async def up_to_the_amount(app: App, sender: RecordingSender) -> list[Reply]:
    """An overcharge today (1405, no tariff), for one typing service, up to the amount."""
    last = await up_to_the_service(app, sender, FA("Today"))
    last = await say(app, sender, last, "تایپ")
    return await say(app, sender, last, "۱")


async def to_the_review(app: App, sender: RecordingSender, last: list[Reply]) -> list[Reply]:
    """From the description on: the rest of the complaint, up to the review."""
    last = await say(app, sender, last, "سه صفحه پیوست را خیلی گران‌تر از تعرفه حساب کردند.")
    last = await app.engine.process(press(first_button(last)), sender)  # no evidence
    last = await say(app, sender, last, "مریم نمونه")
    last = await say(app, sender, last, "09121234567")
    last = await say(app, sender, last, "0499370899")
    return await app.engine.process(press(first_button(last)), sender)  # consent: no


async def step_of(app: App) -> str | None:
    state = await conversation(app)
    return state.step if state else None


async def test_a_year_without_a_tariff_keeps_the_service_the_count_and_the_amount(
    filed_app: App, sender: RecordingSender
) -> None:
    asked = await up_to_the_service(filed_app, sender, FA("Today"))
    assert asked[-1].text.startswith("تعرفه‌ای برای سال ۱۴۰۵ در اختیار نداریم")
    assert "آن را در چند کلمه بنویسید." in asked[-1].text
    assert labels(asked[-1:]) == [FA("« Back"), FA("✖ Cancel")]  # no list: typed in words
    number = await say(filed_app, sender, asked, "۸")
    assert number[-1].text.startswith("لطفاً نام خدمت را با کلمه بنویسید، نه با عدد.")
    assert await step_of(filed_app) == "service"
    last = await say(filed_app, sender, number, "تایپ و ترجمه‌ی دو صفحه")
    assert last[-1].text == FA(UNITS.prompt)
    last = await say(filed_app, sender, last, "۲")
    assert last[-1].text == FA(PAID.prompt)
    zero = await say(filed_app, sender, last, "۰")
    assert zero[-1].text == (
        "این مبلغ صفر خوانده می‌شود، اما برای شکایت از دریافت وجه اضافه، مبلغی که پرداختید لازم "
        "است. لطفاً مبلغ پرداختی را بفرستید، مثلاً «۵۰٬۰۰۰ تومان».\n\n" + FA(PAID.prompt)
    )
    assert await step_of(filed_app) == "paid"
    read = await say(filed_app, sender, zero, "صد و بیست هزار تومان")
    assert read[0].text == (
        "این را ۱۲۰٬۰۰۰ تومان خواندم، یعنی ۱٬۲۰۰٬۰۰۰ ریال؛ مبلغ‌ها به ریال نگه داشته می‌شوند. "
        "اگر درست نیست، «بازگشت» را بزنید و دوباره بفرستید.\n\n" + NO_TARIFF_1405
    )
    assert await step_of(filed_app) == "description"  # the unit was said: not asked again
    review = await to_the_review(filed_app, sender, read)
    shown = review[-1].text
    assert "• خدمت: تایپ و ترجمه‌ی دو صفحه" in shown
    assert "• تعداد: ۲" in shown
    assert "• مبلغ پرداختی: ۱۲۰٬۰۰۰ تومان (۱٬۲۰۰٬۰۰۰ ریال)\n    " + NO_TARIFF_1405 in shown
    assert "✎ " + FA("Currency") not in labels(review)
    done = await say(filed_app, sender, review, FA("✔ Confirm"))
    assert done[-1].text.startswith("✅")
    assert NO_TARIFF_1405 in done[-1].text
    [complaint] = await only(filed_app, Complaint)
    assert complaint.violations == ["25.12"]
    assert complaint.overcharge == {
        "service": "تایپ و ترجمه‌ی دو صفحه",
        "service_en": None,
        "item": None,
        "units": 2,
        "paid": 120_000,
        "currency": "toman",
        "paid_rials": 1_200_000,
        "tariff_year": None,
        "tariff_source": None,
        "tariff_official": None,
        "fee_rials": None,
        "difference_rials": None,
        "compared": False,
    }


async def test_dated_1403_it_is_compared_with_the_tariff_we_hold_for_1403(
    filed_app: App, sender: RecordingSender
) -> None:
    asked = await up_to_the_service(filed_app, sender, "۱۴۰۳/۰۵/۱۲")
    assert f"آن را از {HELD_1403} انتخاب کنید یا شماره‌اش را بفرستید." in asked[-1].text
    services = labels(asked[-1:])[:-2]
    assert len(services) == 19 and services[0] == "۱. تنظیم اظهارنامه"
    assert services[12] == "۱۳. اطلاع‌رسانی وضعیت پرونده"
    # A long name is cut at a word, and says so.
    assert services[6] == "۷. افزودن اطلاعات افراد ذی‌سمت پرونده و اظهارنامه، وکیل…"
    assert all(len(label) <= 60 for label in services)
    last = await filed_app.engine.process(press(first_button(asked)), sender)
    assert last[-1].text == "این خدمت را چند بار دریافت کردید؟ اگر یک بار بود، ۱ را بفرستید."
    last = await say(filed_app, sender, last, "1")
    compared = await say(filed_app, sender, last, "۷۰ هزار تومان")
    assert compared[0].text == (
        "این را ۷۰٬۰۰۰ تومان خواندم، یعنی ۷۰۰٬۰۰۰ ریال؛ مبلغ‌ها به ریال نگه داشته می‌شوند. "
        "اگر درست نیست، «بازگشت» را بزنید و دوباره بفرستید.\n\n"
        f"طبق {HELD_1403}، هزینه‌ی این خدمت ۶۳۰٬۰۰۰ ریال است؛ شما ۷۰۰٬۰۰۰ ریال پرداختید، یعنی "
        "۷۰٬۰۰۰ ریال بیشتر از آن. دریافت وجه بیشتر از هزینه‌های تعیین‌شده تخلف است (بند ۱۲ "
        f"ماده‌ی ۲۵). {NOT_OFFICIAL}"
    )
    review = await to_the_review(filed_app, sender, compared)
    assert "• خدمت: تنظیم اظهارنامه" in review[-1].text
    assert f"طبق {HELD_1403}، هزینه‌ی این خدمت ۶۳۰٬۰۰۰ ریال" in review[-1].text
    done = await say(filed_app, sender, review, FA("✔ Confirm"))
    assert f"طبق {HELD_1403}" in done[-1].text and NOT_OFFICIAL in done[-1].text
    [complaint] = await only(filed_app, Complaint)
    assert complaint.overcharge == {
        "service": "تنظیم اظهارنامه",
        "service_en": "Drafting a declaration (ezharname)",
        "item": 1,
        "units": 1,
        "paid": 70_000,
        "currency": "toman",
        "paid_rials": 700_000,
        "tariff_year": 1403,
        "tariff_source": "websitevakil.ir",
        "tariff_official": False,
        "fee_rials": 630_000,
        "difference_rials": 70_000,
        "compared": True,
    }


async def test_in_english_the_fee_per_page_and_the_unit_asked(
    filed_app: App, sender: RecordingSender
) -> None:
    asked = await up_to_the_service(filed_app, sender, "1403/05/12", EN)
    assert (
        "Choose it from the tariff we hold for 1403 (websitevakil.ir, not the official text)"
        in (asked[-1].text)
    )
    assert "7. Adding a party, attorney or representative to a case or…" in labels(asked)
    last = await say(filed_app, sender, asked, "8")  # adding an attachment, by its number
    assert last[-1].text == "How many pages?"
    last = await say(filed_app, sender, last, "3")
    last = await say(filed_app, sender, last, "50000")
    assert last[-1].text == "Was 50,000 in rials or in tomans?"
    compared = await say(filed_app, sender, last, "Tomans")
    assert compared[0].text == (
        "I read that as 50,000 tomans, which is 500,000 rials; amounts are kept in rials. If "
        "that is not right, press Back and send it again.\n\n"
        "By the tariff we hold for 1403 (websitevakil.ir, not the official text), the fee is "
        "210,000 rials (3 × 70,000 rials); you paid 500,000 rials, 290,000 rials more than that. "
        "Charging more than the set fees is a violation (Article 25, clause 12). Our copy of the "
        "tariff is not the official text, so the Association checks the fee against the "
        "official one."
    )


async def test_a_service_not_in_the_list_is_kept_in_words_and_not_compared(
    filed_app: App, sender: RecordingSender
) -> None:
    asked = await up_to_the_service(filed_app, sender, "1403/05/12")
    missing = await say(filed_app, sender, asked, "۲۰")
    assert missing[-1].text.startswith("خدمتی با شماره‌ی ۲۰ در فهرست نیست؛")
    assert len(labels(missing)) == 21  # the list again, with Back and Cancel
    typed = await say(filed_app, sender, missing, "افزودن  پیوست")  # a name in the list: its item
    assert typed[-1].text == "چند صفحه؟"
    back = await filed_app.engine.process(press(token_of(typed, FA("« Back"))), sender)
    assert len(labels(back)) == 21
    last = await say(filed_app, sender, back, "ترجمه‌ی رسمی مدارک")
    last = await say(filed_app, sender, last, "۱")
    found = await say(filed_app, sender, last, "۱۲۰۰۰۰ ریال")
    assert found[0].text.endswith(
        f"خدمتی که نام بردید در {HELD_1403} نیست، پس مبلغی که پرداختید با هزینه‌ای مقایسه نشد؛ "
        "همان‌طور که گفتید به کانون می‌رسد."
    )


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("۱۲۳ هزار تومان", "این را ۱۲۳٬۰۰۰ تومان خواندم، یعنی ۱٬۲۳۰٬۰۰۰ ریال؛"),
        ("۱۲۳٬۰۰۰ تومان", "این را ۱۲۳٬۰۰۰ تومان خواندم، یعنی ۱٬۲۳۰٬۰۰۰ ریال؛"),
        ("۱۲۰۰۰۰ ریال", "این را ۱۲۰٬۰۰۰ ریال خواندم؛"),
        ("صد و بیست هزار تومان", "این را ۱۲۰٬۰۰۰ تومان خواندم، یعنی ۱٬۲۰۰٬۰۰۰ ریال؛"),
        ("۲ میلیون و ۵۰۰ هزار ریال", "این را ۲٬۵۰۰٬۰۰۰ ریال خواندم؛"),
    ],
)
async def test_amounts_in_words_and_with_their_unit_are_read_back(
    filed_app: App, sender: RecordingSender, typed: str, read: str
) -> None:
    last = await up_to_the_amount(filed_app, sender)
    said = await say(filed_app, sender, last, typed)
    assert said[0].text.startswith(read)
    assert await step_of(filed_app) == "description"


async def test_what_is_not_an_amount_is_refused_and_changes_nothing(
    filed_app: App, sender: RecordingSender
) -> None:
    last = await up_to_the_amount(filed_app, sender)
    before = await conversation(filed_app)
    refused = await say(filed_app, sender, last, "خیلی زیاد")
    assert refused[-1].text.startswith(
        "«خیلی» را نتوانستم بخشی از یک مبلغ بخوانم. لطفاً مبلغ را با رقم بفرستید."
    )
    after = await conversation(filed_app)
    assert before is not None and after is not None
    assert (after.step, after.answers) == (before.step, before.answers) == ("paid", after.answers)
    assert "paid" not in after.answers


TARIFF_1404 = (
    "item,service_fa,service_en,rials,unit\n"
    "1,تنظیم اظهارنامه,Drafting a declaration,700000,each\n"
    "8,افزودن پیوست,Adding an attachment,90000,per page\n"
)


async def test_after_an_import_a_1404_complaint_is_compared_with_it(
    filed_app: App,
    sender: RecordingSender,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DAFTAR_DATABASE_URL", database_url)
    (tmp_path / "tariff-1404.csv").write_text(TARIFF_1404, encoding="utf-8")
    argv = ["tariff", "import", "1404", "tariff-1404.csv", "--source", "روزنامه‌ی رسمی"]
    assert await asyncio.to_thread(tariff_command, [*argv, "--official"]) == 0
    asked = await up_to_the_service(filed_app, sender, "1404/03/01")
    held = "تعرفه‌ای که برای سال ۱۴۰۴ در اختیار داریم (روزنامه‌ی رسمی، متن رسمی)"
    assert held in asked[-1].text
    assert labels(asked)[:2] == ["۱. تنظیم اظهارنامه", "۸. افزودن پیوست"]
    last = await say(filed_app, sender, asked, "۸")
    last = await say(filed_app, sender, last, "۲")
    compared = await say(filed_app, sender, last, "۲۰۰٬۰۰۰ ریال")
    assert compared[0].text.endswith(
        f"طبق {held}، هزینه‌ی این خدمت ۱۸۰٬۰۰۰ ریال (۲ × ۹۰٬۰۰۰ ریال) است؛ شما ۲۰۰٬۰۰۰ ریال "
        "پرداختید، یعنی ۲۰٬۰۰۰ ریال بیشتر از آن. دریافت وجه بیشتر از هزینه‌های تعیین‌شده تخلف "
        "است (بند ۱۲ ماده‌ی ۲۵)."
    )
    assert NOT_OFFICIAL not in compared[0].text
