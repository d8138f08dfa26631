"""Reports in chat for the Directorate (Arts. 9(d), 15(b), 15(c), 15(e)): from the staff menu,
a period, a scope and the files' language; after the commit, this chat gets the figures with the
PDF, then the CSV, written under the evidence folder; in English on request; every bad answer
asked again politely with nothing changed; a stale confirm asks for nothing twice; a failure
told politely with nothing half-made sent; a citizen's or a desk member's forged press refused
and audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import App
from bot.config import Settings
from bot.documents import report_pdf
from bot.domain import staff_members
from bot.domain.reports import Report
from bot.messages.replies import Reply
from storage.models import Button, ComplaintEvent, Conversation, Identity, Job
from storage.statuses import AuditOutcome, Role
from tests.chat.test_complaint_chat import load_sample, only
from tests.chat.test_desk_chat import notices
from tests.chat.test_staff_chat import audit, invite
from tests.conftest import RecordingSender
from tests.store.test_staff import complaint
from tests.support import command, labels, press, sticker, text, token_of

DIRECTORATE = {"platform": "telegram", "chat_id": 4_503_599_627_370_020}
DESK = {"platform": "telegram", "chat_id": 4_503_599_627_370_021}
CITIZEN = {"platform": "telegram", "chat_id": 777}
REPORTS = "📊 گزارش‌ها"
ASKED_PERIOD = (
    "📊 گزارشی برای اداره‌ی کل (بند د ماده‌ی ۹ و بندهای ب، ج و هـ ماده‌ی ۱۵).\n"
    "گزارش کدام دوره را می‌خواهید؟"
)
PERIODS = [
    "ماه گذشته: مهر ۱۴۰۳",
    "این ماه تا امروز",
    "سه‌ماهه‌ی گذشته",
    "امسال تا امروز",
    "سال گذشته: ۱۴۰۲",
    "📅 دو تاریخ…",
]
ASKED_SCOPE = "گزارش چه گستره‌ای را در بر گیرد؟"
SCOPES = ["سراسر کشور", "کانون دفاتر استان تهران", "کانون دفاتر استان فارس", "یک استان…"]
ASKED_LANGUAGE = "فایل‌های PDF و CSV به کدام زبان باشند؟"
LANGUAGES = ["فارسی (زبان این گفت‌وگو)", "به انگلیسی"]
CONTROLS = ["» بازگشت", "✖ انصراف"]
PREPARING = (
    "گزارش در حال آماده شدن است…\n"
    "۱ مهر ۱۴۰۳ تا ۳۰ مهر ۱۴۰۳، سراسر کشور؛ فایل‌ها به زبان فارسی.\n\n"
    "پس از این: ارقام هم‌اکنون محاسبه می‌شوند و گزارش تا چند دقیقه‌ی دیگر به همین گفت‌وگو "
    "می‌رسد: پیامی با ارقام اصلی و فایل PDF، و سپس همان ارقام به‌صورت CSV."
)
STICKER_SAID = "پوزش می‌خواهم، این نوع پیام را اینجا نمی‌توانم بپذیرم."
#: 1403/07/10 12:00 in Tehran: in the month before the fixed clock's (1403/08/15).
IN_MEHR = datetime(2024, 10, 1, 8, 30, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, evidence_dir=str(tmp_path / "evidence"), association_provinces="tehran,fars"
    )


@pytest.fixture
async def report_app(app: App) -> App:
    await load_sample(app)
    return app


async def linked(
    app: App, settings: Settings, chat: dict[str, Any], role: Role, association: str | None
) -> list[Reply]:
    invited = await invite(app, settings, role, association, name="مریم کریمی")
    return await app.engine.process(
        command("start", "staff-" + invited.code, **chat), RecordingSender()
    )


async def say(app: App, said: str, chat: dict[str, Any] = DIRECTORATE) -> list[Reply]:
    return await app.engine.process(text(said, **chat), RecordingSender())


async def tap(
    app: App, last: list[Reply], label: str, chat: dict[str, Any] = DIRECTORATE
) -> list[Reply]:
    return await app.engine.process(press(token_of(last, label), **chat), RecordingSender())


async def deliver(app: App) -> int:
    """Run the jobs the chat's updates left (they run after the commit, on its platform)."""
    return await app.engine.run_jobs(RecordingSender("telegram"))


async def step_of(app: App) -> tuple[str | None, str | None]:
    async with app.engine.sessions() as session:
        found = await session.get(Conversation, ("telegram", DIRECTORATE["chat_id"]))
        return (found.flow, found.step) if found is not None else (None, None)


def reports_folder(settings: Settings) -> Path:
    return Path(settings.evidence_dir) / "reports"


async def test_a_report_asked_from_the_staff_menu_arrives_with_its_pdf_then_its_csv(
    report_app: App, settings: Settings
) -> None:
    app = report_app
    async with app.engine.sessions() as session, session.begin():
        for n, filed in enumerate((IN_MEHR, IN_MEHR, app.engine.clock())):  # two in Mehr
            await complaint(session, "1001", "tehran", f"123456789{n}", now=filed)
        # The desk took the first a day and a half after it was filed: its first response.
        taken = IN_MEHR + timedelta(days=1.5)
        session.add(ComplaintEvent(complaint_id=1, kind="status", status="under_review", at=taken))
    menu = await linked(app, settings, DIRECTORATE, Role.DIRECTORATE, None)
    assert REPORTS in labels(menu)
    asked = await tap(app, menu, REPORTS)
    assert asked[-1].text == ASKED_PERIOD
    assert labels(asked) == [*PERIODS, "✖ انصراف"]
    scope = await tap(app, asked, "ماه گذشته: مهر ۱۴۰۳")
    assert scope[-1].text == ASKED_SCOPE
    assert labels(scope) == [*SCOPES, *CONTROLS]
    language = await tap(app, scope, "سراسر کشور")
    assert language[-1].text == ASKED_LANGUAGE
    assert labels(language) == [*LANGUAGES, *CONTROLS]
    review = await tap(app, language, "فارسی (زبان این گفت‌وگو)")
    assert review[-1].text.startswith(
        "لطفاً پاسخ‌هایتان را بررسی کنید:\n"
        "• دوره: ۱ مهر ۱۴۰۳ تا ۳۰ مهر ۱۴۰۳\n"
        "• گستره: سراسر کشور\n"
        "• زبان فایل‌ها: فارسی\n"
    )
    assert await only(app, Job) == []
    preparing = await tap(app, review, "✔ تأیید")
    assert preparing[-1].text == PREPARING
    assert labels(preparing) == ["🛡 منوی کارکنان", "منوی اصلی"]
    assert await notices(app, DIRECTORATE["chat_id"]) == []  # nothing before the job runs
    assert await deliver(app) == 1
    message, figures = await notices(app, DIRECTORATE["chat_id"])
    assert message.text == (
        "📊 گزارش: مهر ۱۴۰۳، سراسر کشور\n"
        "بند د ماده‌ی ۹ و بندهای ب، ج و هـ ماده‌ی ۱۵\n\n"
        "شکایت‌های دریافتی: ۲\n"
        "میانه‌ی زمان تا نخستین پاسخ: ۱٫۵ روز\n"
        "بازرسی‌های انجام‌شده: ۰\n"
        "آرای هیئت بدوی: ۰\n"
        "تجدیدنظرخواهی‌ها: ۰\n\n"
        "گزارش کامل، فایل PDF به زبان فارسی است؛ همین ارقام به‌صورت CSV در پیام بعدی می‌آید."
    )
    assert message.attachment is not None and figures.attachment is not None
    assert (message.attachment.kind, message.attachment.name) == ("document", "report-1403-07.pdf")
    assert (figures.attachment.kind, figures.attachment.name) == ("document", "report-1403-07.csv")
    pdf, csv = Path(str(message.attachment.path)), Path(str(figures.attachment.path))
    assert pdf.parent == csv.parent == reports_folder(settings)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert csv.read_text("utf-8-sig").startswith(
        "section,key,label,value,article\ncomplaints,received,شکایت‌های دریافتی,2,15(e)\n"
    )
    assert figures.text == (
        "ارقام گزارش به‌صورت CSV: هر رقم در یک سطر، با ماده‌ای که به استناد آن گزارش می‌شود."
    )
    # The confirm pressed again: an old step's button; no second report.
    again = await tap(app, review, "✔ تأیید")
    assert again[0].text == "این دکمه دیگر معتبر نیست. اکنون اینجا هستیم:"
    assert await deliver(app) == 0
    assert len(await notices(app, DIRECTORATE["chat_id"])) == 2
    assert len(await only(app, Job)) == 1
    entries = [(e.action, e.outcome) for e in await audit(app) if e.action.startswith("report.")]
    assert entries == [
        ("report.start", AuditOutcome.ALLOWED),
        ("report.period", AuditOutcome.ALLOWED),
        ("report.scope", AuditOutcome.ALLOWED),
        ("report.language", AuditOutcome.ALLOWED),
        ("report.request", AuditOutcome.ALLOWED),
    ]


async def test_two_dates_a_province_typed_and_the_files_in_english_each_bad_answer_asked_again(
    report_app: App, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = report_app
    rendered: list[str] = []
    real = report_pdf.render_report_pdf

    def spy(report: Report, settings: Settings, locale: str) -> bytes:
        rendered.append(locale)
        return real(report, settings, locale)

    monkeypatch.setattr(report_pdf, "render_report_pdf", spy)
    menu = await linked(app, settings, DIRECTORATE, Role.DIRECTORATE, None)
    asked = await tap(app, menu, REPORTS)
    # Typed where a button is asked: said politely, the same question, nothing changed.
    wrong = await say(app, "ماه پیش")
    assert wrong[-1].text == "لطفاً دوره را با دکمه‌ها انتخاب کنید.\n\n" + ASKED_PERIOD
    first = await tap(app, asked, "📅 دو تاریخ…")
    assert first[-1].text == "روز نخست دوره؟ آن را مانند ۱۴۰۳/۰۷/۰۱ بفرستید."
    assert labels(first) == CONTROLS
    for bad, said in (
        (sticker(**DIRECTORATE), STICKER_SAID),
        (text("۱۴" * 5000, **DIRECTORATE), "لطفاً تاریخ را مانند ۱۴۰۲/۰۵/۱۲ بفرستید."),
        (text("1403/08/20", **DIRECTORATE), "این تاریخ در آینده است؛ لطفاً آن را بررسی کنید."),
    ):
        again = await app.engine.process(bad, RecordingSender())
        assert again[-1].text == said + "\n\nروز نخست دوره؟ آن را مانند ۱۴۰۳/۰۷/۰۱ بفرستید."
        assert await step_of(app) == ("staff_report", "first")
    last = await say(app, "۱۰/۷/۱۴۰۳")  # any digits, day first
    assert last[-1].text.startswith("روز پایان دوره، از ۱۰ مهر ۱۴۰۳ به بعد؟")
    before = await say(app, "1403/07/05")
    assert before[-1].text.startswith(
        "این روز پیش از روز نخست (۱۰ مهر ۱۴۰۳) است: دوره نمی‌تواند پیش از آغازش به پایان برسد."
    )
    assert await step_of(app) == ("staff_report", "last")
    scope = await say(app, "1403/07/20")
    assert scope[-1].text == ASKED_SCOPE
    provinces = await tap(app, scope, "یک استان…")
    assert provinces[-1].text == "کدام استان؟ آن را انتخاب کنید یا نامش را بنویسید."
    shown = labels(provinces)
    assert len(shown) == 10 + 1 + 2 and shown[0] == "آذربایجان شرقی" and shown[10] == "بیشتر ‹"
    second = await tap(app, provinces, "بیشتر ‹")
    assert labels(second)[10:12] == ["› قبلی", "بیشتر ‹"]
    assert labels(second)[0] not in shown
    unknown = await say(app, "آتلانتیس")
    assert unknown[-1].text.startswith(
        "استانی با این نام نمی‌شناسم: لطفاً یکی را انتخاب کنید یا نامش را بنویسید."
    )
    language = await say(app, "Fars")  # a province's name typed, in English too
    assert language[-1].text == ASKED_LANGUAGE
    review = await tap(app, language, "به انگلیسی")
    assert (
        "• دوره: دو تاریخ\n• روز نخست: ۱۰ مهر ۱۴۰۳\n• روز پایان: ۲۰ مهر ۱۴۰۳\n"
        "• گستره: یک استان\n• استان: فارس\n• زبان فایل‌ها: انگلیسی\n"
    ) in review[-1].text
    preparing = await tap(app, review, "✔ تأیید")
    assert preparing[-1].text.startswith(
        "گزارش در حال آماده شدن است…\n"
        "۱۰ مهر ۱۴۰۳ تا ۲۰ مهر ۱۴۰۳، استان فارس؛ فایل‌ها به زبان انگلیسی."
    )
    assert await deliver(app) == 1
    message, figures = await notices(app, DIRECTORATE["chat_id"])
    # The chat's message in its language; the files in English, as asked.
    assert message.text.startswith("📊 گزارش: ۱۰ مهر ۱۴۰۳ تا ۲۰ مهر ۱۴۰۳، استان فارس\n")
    assert "گزارش کامل، فایل PDF به زبان انگلیسی است" in message.text
    assert rendered == ["en"]
    name = "report-1403-07-10-to-1403-07-20-province-fars"
    assert message.attachment is not None and figures.attachment is not None
    assert (message.attachment.name, figures.attachment.name) == (f"{name}.pdf", f"{name}.csv")
    assert Path(str(figures.attachment.path)).is_file()


async def test_back_and_cancel_at_the_steps(report_app: App, settings: Settings) -> None:
    app = report_app
    menu = await linked(app, settings, DIRECTORATE, Role.DIRECTORATE, None)
    asked = await tap(app, menu, REPORTS)
    scope = await tap(app, asked, "سال گذشته: ۱۴۰۲")
    language = await tap(app, scope, "کانون دفاتر استان فارس")
    back = await tap(app, language, "» بازگشت")
    assert back[-1].text == ASKED_SCOPE
    back = await tap(app, back, "» بازگشت")
    assert back[-1].text == ASKED_PERIOD
    language = await tap(app, await tap(app, back, "سه‌ماهه‌ی گذشته"), "سراسر کشور")
    review = await tap(app, language, "فارسی (زبان این گفت‌وگو)")
    assert "• دوره: ۱ تیر ۱۴۰۳ تا ۳۱ شهریور ۱۴۰۳\n" in review[-1].text  # the quarter before
    cancelled = await app.engine.process(command("cancel", **DIRECTORATE), RecordingSender())
    assert cancelled[0].text == "لغو شد. چیزی ذخیره نشد."
    assert await step_of(app) == (None, None)
    assert await deliver(app) == 0
    assert await notices(app, DIRECTORATE["chat_id"]) == []


async def test_a_report_that_cannot_be_made_is_told_politely_and_nothing_half_made_is_sent(
    report_app: App,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = report_app

    def broken(report: Report, locale: str) -> str:
        raise RuntimeError("the CSV writer broke")

    # The PDF is written first, then the CSV fails: the PDF must not stay, nor be sent.
    monkeypatch.setattr("bot.documents.report_csv.report_csv", broken)
    menu = await linked(app, settings, DIRECTORATE, Role.DIRECTORATE, None)
    scope = await tap(app, await tap(app, menu, REPORTS), "این ماه تا امروز")
    language = await tap(app, scope, "سراسر کشور")
    review = await tap(app, language, "فارسی (زبان این گفت‌وگو)")
    await tap(app, review, "✔ تأیید")
    assert await deliver(app) == 1
    [sorry] = await notices(app, DIRECTORATE["chat_id"])
    assert sorry.text == (
        "پوزش می‌خواهم: گزارش ۱ آبان ۱۴۰۳ تا ۱۵ آبان ۱۴۰۳ آماده نشد و چیزی فرستاده نشد. لطفاً "
        "کمی بعد دوباره آن را از منوی کارکنان درخواست کنید."
    )
    assert sorry.attachment is None
    assert list(reports_folder(settings).iterdir()) == []
    assert "report.deliver" in caplog.text and "the CSV writer broke" in caplog.text


async def test_a_forged_report_button_is_refused_and_audited(
    report_app: App, settings: Settings
) -> None:
    app = report_app
    menu = await linked(app, settings, DIRECTORATE, Role.DIRECTORATE, None)
    # A citizen presses the Directorate's button (forged callback data): not this chat's.
    forged = await app.engine.process(press(token_of(menu, REPORTS), **CITIZEN), RecordingSender())
    assert forged[0].text == "این دکمه از آنِ این گفت‌وگو نیست. کاری انجام نشد."
    # A desk member sees no such button; one forged into their own chat is refused by role.
    desk_menu = await linked(app, settings, DESK, Role.DESK, "tehran")
    assert REPORTS not in labels(desk_menu)
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        session.add(
            Button(
                token="forged-report",
                platform="telegram",
                chat_id=DESK["chat_id"],
                kind="action",
                action="report.start",
                value={},
                created_at=now,
                expires_at=now + timedelta(days=1),
            )
        )
    refused = await app.engine.process(press("forged-report", **DESK), RecordingSender())
    assert refused[0].text == (
        "هیچ‌یک از سمت‌های شما اجازه‌ی این کار را ندارد: گزارش‌های اداره‌ی کل با اداره‌ی کل "
        "دفاتر است (بند د ماده‌ی ۹ و بندهای ب، ج و هـ ماده‌ی ۱۵). کاری انجام نشد."
    )
    entries = [(e.action, e.reason) for e in await audit(app) if e.outcome is AuditOutcome.REFUSED]
    assert entries == [("report.start", "foreign_button"), ("report.start", "no_role")]
    assert await only(app, Job) == []
    assert await notices(app, DESK["chat_id"]) == await notices(app, CITIZEN["chat_id"]) == []


async def test_a_role_revoked_half_way_is_refused_at_the_next_step_and_the_draft_dropped(
    report_app: App, settings: Settings
) -> None:
    app = report_app
    menu = await linked(app, settings, DIRECTORATE, Role.DIRECTORATE, None)
    scope = await tap(app, await tap(app, menu, REPORTS), "ماه گذشته: مهر ۱۴۰۳")
    [entry] = [e for e in await audit(app) if e.action == "report.start"]
    async with app.engine.sessions() as session, session.begin():
        assert entry.member_id is not None
        await staff_members.revoke(
            session, entry.member_id, app.engine.clock(), role=Role.DIRECTORATE
        )
    refused = await tap(app, scope, "سراسر کشور")
    assert refused[0].text.startswith("هیچ‌یک از سمت‌های شما اجازه‌ی این کار را ندارد")
    assert await step_of(app) == (None, None)
    last = (await audit(app))[-1]
    assert (last.action, last.outcome, last.reason) == (
        "report.scope",
        AuditOutcome.REFUSED,
        "no_role",
    )
    assert await only(app, Job) == []


async def test_an_english_chat_is_asked_in_english_and_gets_persian_files_on_request(
    report_app: App, settings: Settings
) -> None:
    app = report_app
    await linked(app, settings, DIRECTORATE, Role.DIRECTORATE, None)
    async with app.engine.sessions() as session, session.begin():
        identity = await session.get(Identity, ("telegram", DIRECTORATE["chat_id"]))
        assert identity is not None
        identity.locale = "en"
    menu = await app.engine.process(command("staff", **DIRECTORATE), RecordingSender())
    asked = await tap(app, menu, "📊 Reports")
    assert asked[-1].text == (
        "📊 A report for the Directorate (Articles 9(d), 15(b), 15(c) and 15(e)).\n"
        "Which period should it cover?"
    )
    assert labels(asked)[:2] == ["Last month: Mehr 1403", "This month so far"]
    language = await tap(app, await tap(app, asked, "Last year: 1402"), "The whole country")
    assert labels(language) == [
        "English (this chat's language)",
        "In Persian",
        "« Back",
        "✖ Cancel",
    ]
    review = await tap(app, language, "In Persian")
    assert "• Period: 1 Farvardin 1402 to 29 Esfand 1402\n" in review[-1].text
    await tap(app, review, "✔ Confirm")
    assert await deliver(app) == 1
    message, _figures = await notices(app, DIRECTORATE["chat_id"])
    assert message.text.startswith("📊 Report: the year 1402, the whole country\n")
    assert "The whole report is the PDF, in Persian" in message.text
    assert message.attachment is not None and message.attachment.name == "report-1402.pdf"
