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
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.documents import report_pdf
from bot.domain import staff_members
from bot.domain.reports import Report
from bot.messages.replies import Reply
from storage.models import Button, ComplaintEvent, Conversation, Job
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
    "پس از این: ارقام هم‌اکنون شمرده می‌شوند و گزارش تا چند دقیقه‌ی دیگر به همین گفت‌وگو "
    "می‌رسد: پیامی با ارقام اصلی و فایل PDF، و سپس همان ارقام به صورت CSV."
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
        "شکایت‌های رسیده: ۲\n"
        "میانه‌ی زمان تا نخستین پاسخ: ۱٫۵ روز\n"
        "بازرسی‌های انجام‌شده: ۰\n"
        "آرای هیئت بدوی: ۰\n"
        "تجدیدنظرخواهی‌ها: ۰\n\n"
        "گزارش کامل، فایل PDF به زبان فارسی است؛ همین ارقام به صورت CSV در پیام بعدی می‌آید."
    )
    assert message.attachment is not None and figures.attachment is not None
    assert (message.attachment.kind, message.attachment.name) == ("document", "report-1403-07.pdf")
    assert (figures.attachment.kind, figures.attachment.name) == ("document", "report-1403-07.csv")
    pdf, csv = Path(str(message.attachment.path)), Path(str(figures.attachment.path))
    assert pdf.parent == csv.parent == reports_folder(settings)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert csv.read_text("utf-8-sig").startswith("section,key,value,article")
    assert figures.text == (
        "ارقام گزارش به صورت CSV: هر رقم در یک سطر، با ماده‌ای که به استناد آن گزارش می‌شود."
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
