"""/about and /help say what Daftar applies of the directive; the complaint's route is said as
configuration (Art. 12), never as the directive's own words."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import pytest

from bot.app import App
from bot.config import Settings
from bot.flows.complaint.filing import filed_message
from bot.flows.framework.context import Context
from bot.text.i18n import translator
from storage.models import Office
from tests.conftest import RecordingSender
from tests.support import command, labels, press, token_of


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None, association_provinces="tehran,fars")  # type: ignore[call-arg]


async def test_about_in_persian_counts_the_articles_and_reads_article_12(
    app: App, sender: RecordingSender
) -> None:
    [about] = await app.engine.process(command("about"), sender)
    lines = about.text.splitlines()
    assert lines[0] == "ℹ️ درباره‌ی «دفتر»"
    assert "از ۲۶ ماده و ۹ تبصره‌ی آن — اجراشده در اینجا: ۲۲؛" in about.text
    assert "واگذاشته به مراجعی که دستورالعمل نام برده است: ۱۲؛" in about.text
    assert "متکی بر تنظیمات این سامانه: ۱." in about.text
    assert "آیین‌نامه‌ی سال ۱۴۰۱" in about.text
    # Article 12 as the directive says it, then the configuration and the reading, said so.
    assert "تا زمانی که در استانی کانون تشکیل نشده باشد" in about.text
    assert "از تنظیمات این سامانه است، نه حکم دستورالعمل: اکنون تهران، فارس." in about.text
    assert "این برداشتی از متن است، نه عین عبارت دستورالعمل." in about.text
    assert labels([about]) == ["منوی اصلی", "راهنما"]
    [help_] = await app.engine.process(press(token_of([about], "راهنما")), sender)
    assert "/about" in help_.text


async def test_about_in_english(app: App, sender: RecordingSender) -> None:
    await app.engine.process(command("language", "en"), sender)
    [about] = await app.engine.process(command("about"), sender)
    assert about.text.startswith("ℹ️ About Daftar\n")
    assert (
        "Of its 26 articles and 9 notes — applied here: 22; left to the bodies the directive "
        "names: 12; resting on this service's settings: 1." in about.text
    )
    assert "configuration, not the directive's: now Tehran, Fars." in about.text
    assert 'Daftar reads "nearest" as the Association whose capital is nearest' in about.text
    assert "The 1401 regulation on these offices may supersede parts of this directive" in (
        about.text
    )
    assert labels([about]) == ["Main menu", "Help"]


@pytest.mark.parametrize(
    ("locale", "about_line", "regulation_line"),
    [
        (
            "en",
            "What Daftar applies of the directive, and how it reads what the directive leaves "
            "open: /about",
            "The 1401 regulation on these offices may supersede parts of this directive where "
            "it is in force; Daftar applies the 1392 directive only.",
        ),
        (
            "fa",
            "آنچه «دفتر» از دستورالعمل اجرا می‌کند و برداشت آن از آنچه دستورالعمل باز گذاشته "
            "است: /about",
            "آیین‌نامه‌ی سال ۱۴۰۱ درباره‌ی این دفاتر ممکن است هر جا که لازم‌الاجرا باشد "
            "جایگزین بخش‌هایی از این دستورالعمل شود؛ «دفتر» تنها دستورالعمل سال ۱۳۹۲ را اجرا "
            "می‌کند.",
        ),
    ],
)
async def test_help_points_to_about_and_names_the_1401_regulation(
    app: App, sender: RecordingSender, locale: str, about_line: str, regulation_line: str
) -> None:
    await app.engine.process(command("language", locale), sender)
    replies = await app.engine.process(command("help"), sender)
    lines = "\n".join(reply.text for reply in replies).splitlines()
    assert about_line in lines and regulation_line in lines


def receipt(locale: str, office_province: str, association: str) -> str:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    ctx = cast(Context, SimpleNamespace(t=translator(locale), locale=locale, settings=settings))
    office = Office(code="1001", name="دفتر نمونه", province=office_province)
    return filed_message(ctx, "1234567890", office, association).text


def test_the_route_is_the_association_that_handles_offices_of_the_province() -> None:
    own = receipt("en", "tehran", "tehran")
    assert (
        "It goes to the Association that handles offices of Tehran: the Offices' Association of "
        "Tehran (Articles 12 and 15(e)). /about says how that is decided." in own
    )
    nearest = receipt("en", "qom", "tehran")
    assert "handles offices of Qom: the Offices' Association of Tehran" in nearest
    # Which provinces have an Association is configuration: the receipt never says it as a fact.
    assert "has no Association" not in nearest and "nearest" not in nearest
    fa = receipt("fa", "qom", "tehran")
    assert (
        "شکایت به کانونی فرستاده می‌شود که امور دفاتر استان قم به عهده‌ی اوست: کانون دفاتر استان "
        "تهران (ماده ۱۲ و بند هـ ماده ۱۵). چگونگی تعیین آن در /about آمده است." in fa
    )
