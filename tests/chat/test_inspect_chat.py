"""Inspections in chat (Art. 21): an inspector of Tehran's Association schedules an inspection
(the manager told), records an unannounced visit (the manager not told) with its on-site
checklist, a photo and a note, and its reasoned report reaches every chat of the Council's
members with its document; the findings open a case; a forged or replayed button is refused and
audited; a sticker at a text step changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.domain import desk
from bot.messages.events import AttachmentEvent
from bot.messages.replies import Reply
from bot.rules.inspection_checklist import CHECKLIST
from storage import complaints, managers
from storage.models import Case, Conversation, Evidence, Inspection, OutboxMessage
from storage.statuses import AuditOutcome, Role
from tests.chat.test_complaint_chat import load_sample, only
from tests.chat.test_desk_chat import notices
from tests.chat.test_staff_chat import audit, invite
from tests.conftest import RecordingSender
from tests.store.test_staff import complaint as received_complaint
from tests.support import command, common, labels, press, sticker, text, token_of

INSPECTOR = {"platform": "telegram", "chat_id": 4_503_599_627_370_010}
COUNCIL = [
    {"platform": "telegram", "chat_id": 5_000_000_001},
    {"platform": "bale", "chat_id": 2_000_000_077},
]
STRANGER = {"platform": "telegram", "chat_id": 777}
MANAGER_CHAT = 7_000_000_001
INSPECTIONS = "🔍 بازرسی‌ها: کانون دفاتر استان تهران"
REASONS = "تعرفه‌ها نصب نبود و کارشناس فناوری اطلاعات در دفتر نبود؛ کارکنان همکاری کردند."
STICKER_SAID = "پوزش می‌خواهم، این نوع پیام را اینجا نمی‌توانم بپذیرم."


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, evidence_dir=str(tmp_path / "evidence"), association_provinces="tehran,fars"
    )


@pytest.fixture
async def inspect_app(app: App) -> App:
    await load_sample(app)
    async with app.engine.sessions() as session, session.begin():
        manager = await managers.current(session, "1001")
        assert manager is not None
        await managers.add_link(
            session, manager.id, "telegram", MANAGER_CHAT, MANAGER_CHAT, app.engine.clock()
        )
    return app


async def linked(
    app: App,
    settings: Settings,
    sender: RecordingSender,
    chat: dict[str, object],
    role: Role,
    association: str | None,
    name: str,
) -> list[Reply]:
    invited = await invite(app, settings, role, association, name=name)
    return await app.engine.process(command("start", "staff-" + invited.code, **chat), sender)  # type: ignore[arg-type]


async def say(app: App, sender: RecordingSender, said: str) -> list[Reply]:
    return await app.engine.process(text(said, **INSPECTOR), sender)  # type: ignore[arg-type]


async def tap(app: App, sender: RecordingSender, last: list[Reply], label: str) -> list[Reply]:
    return await app.engine.process(press(token_of(last, label), **INSPECTOR), sender)  # type: ignore[arg-type]


async def inspections(app: App) -> list[Inspection]:
    return list(await only(app, Inspection))


async def test_an_inspector_schedules_an_inspection_and_the_manager_is_told(
    inspect_app: App, settings: Settings, sender: RecordingSender
) -> None:
    # The desk proposed an inspection of office 1001 on a complaint (Arts. 15(b), 21).
    async with inspect_app.engine.sessions() as session, session.begin():
        complaint_id = await received_complaint(session, "1001", "tehran", "1234567890")
        found = await complaints.by_id(session, complaint_id)
        assert found is not None
        await desk.propose_inspection(
            session, settings, inspect_app.engine.clock(), complaint=found
        )
    menu = await linked(
        inspect_app, settings, sender, INSPECTOR, Role.INSPECTOR, "tehran", "رضا رضایی"
    )
    assert INSPECTIONS in labels(menu)
    listed = await tap(inspect_app, sender, menu, INSPECTIONS)
    assert listed[0].text == (
        "🔍 بازرسی‌ها: کانون دفاتر استان تهران\n\nپیش رو:\nهیچ\n\n"
        "در انتظار ثبت (انجام‌شده):\nهیچ\n\nثبت‌شده:\nهیچ\n\n"
        "پیشنهاد میز رسیدگی به شکایات، بی‌آنکه از آن پس بازرسی شده باشد:\n"
        "• دفتر ۱۰۰۱: در پی شکایت ۱۲۳۴۵۶۷۸۹۰، ۱۵ آبان ۱۴۰۳، ساعت ۱۲:۰۰"
    )
    # From the proposal, the office is given: the form asks the kind; Back asks the office.
    kind = await tap(inspect_app, sender, listed, "🗓 زمان‌بندی: دفتر ۱۰۰۱")
    assert kind[-1].text == "کدام نوع؟"
    form = await tap(inspect_app, sender, kind, "» بازگشت")
    assert form[-1].text == "کدام دفتر؟ کد آن یا چند حرف از نامش را بفرستید."
    # A sticker where text is expected: a polite line, the same question, nothing changed.
    stuck = await inspect_app.engine.process(sticker(**INSPECTOR), sender)  # type: ignore[arg-type]
    assert stuck[-1].text.startswith(STICKER_SAID)
    assert (await say(inspect_app, sender, "9999"))[-1].text.startswith("هیچ دفتری کد ۹۹۹۹ ندارد.")
    kind = await say(inspect_app, sender, "۱۰۰۱")
    day = await tap(inspect_app, sender, kind, "دوره‌ای")
    assert day[-1].text == "در چه روزی؟ آن را مانند ۱۴۰۳/۰۸/۲۰ بفرستید."
    assert (await say(inspect_app, sender, "1403/08/14"))[-1].text.startswith("این روز گذشته است")
    await say(inspect_app, sender, "۱۴۰۳/۰۸/۱۵")
    # Noon in Tehran now: nine this morning has passed.
    assert (await say(inspect_app, sender, "09:00"))[-1].text.startswith("این زمان گذشته است")
    note = await say(inspect_app, sender, "۱۶:۳۰")
    assert note[-1].text.startswith("یادداشتی برای اعلان مدیر دفتر (اختیاری)")
    back = await tap(inspect_app, sender, note, "» بازگشت")
    assert back[-1].text == "در چه ساعتی؟ آن را مانند ۱۰:۳۰ بفرستید."
    await say(inspect_app, sender, "16:30")
    review = await say(inspect_app, sender, "لطفاً رسیدهای این ماه آماده باشد.")
    assert "• دفتر: ۱۰۰۱" in review[-1].text and "• ساعت: ۱۶:۳۰" in review[-1].text
    assert await notices(inspect_app, MANAGER_CHAT) == []
    done = await tap(inspect_app, sender, review, "✔ تأیید")
    assert done[-1].text.startswith(
        "🗓 بازرسی شماره‌ی ۱ از دفتر ۱۰۰۱ (دوره‌ای) برای ۱۵ آبان ۱۴۰۳، ساعت ۱۶:۳۰ زمان‌بندی شد."
    )
    [inspection] = await inspections(inspect_app)
    assert (inspection.kind, inspection.announced, inspection.inspector) == (
        "periodic",
        True,
        "رضا رضایی",
    )
    assert inspection.inspector_member_id is not None
    [told] = await notices(inspect_app, MANAGER_CHAT)
    assert "لطفاً رسیدهای این ماه آماده باشد." in told.text
    again = await tap(inspect_app, sender, done, "« بازرسی‌ها: کانون دفاتر استان تهران")
    assert (
        "پیش رو:\n• شماره‌ی ۱: دفتر ۱۰۰۱، ۱۵ آبان ۱۴۰۳، ساعت ۱۶:۳۰، دوره‌ای، با اعلام"
        in again[0].text
    )
    assert "پیشنهاد میز" not in again[0].text  # inspected since: no longer proposed
    view = await tap(inspect_app, sender, again, "📄 شماره‌ی ۱، دفتر ۱۰۰۱")
    assert "هنوز انجام نشده است" in view[0].text and "📝 فهرست بازبینی محل" not in labels(view)


async def test_an_unannounced_visit_its_checklist_and_its_report_to_the_council(
    inspect_app: App, settings: Settings, sender: RecordingSender
) -> None:
    for n, chat in enumerate(COUNCIL):
        await linked(inspect_app, settings, sender, chat, Role.APPEALS_BOARD, None, f"عضو شورا {n}")
    menu = await linked(
        inspect_app, settings, sender, INSPECTOR, Role.INSPECTOR, "tehran", "رضا رضایی"
    )
    listed = await tap(inspect_app, sender, menu, INSPECTIONS)
    form = await tap(inspect_app, sender, listed, "🚪 ثبت بازدید بدون اعلام")
    assert form[0].text.startswith("بازدید بدون اعلام، بازرسی موردی است")
    when = await say(inspect_app, sender, "نمونه ۱۰۰۱")  # by a few letters of its name
    assert when[-1].text.startswith("بازدید کی انجام شد؟")
    future = await say(inspect_app, sender, "1403/08/16 10:00")
    assert future[-1].text.startswith("این زمان در آینده است")
    review = await tap(inspect_app, sender, future, "همین حالا")
    first = await tap(inspect_app, sender, review, "✔ تأیید")
    assert first[0].text.startswith(
        "🚪 بازدید بدون اعلام شماره‌ی ۱ از دفتر ۱۰۰۱ در ۱۵ آبان ۱۴۰۳، ساعت ۱۲:۰۰ ثبت شد."
    )
    assert first[-1].text == (
        "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۱ از ۱۰: آیا دفتر مدیر تمام‌وقت دارد؟ (ماده‌ی ۳)"
    )
    assert labels(first)[-4:] == ["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد", "✖ انصراف"]
    [visit] = await inspections(inspect_app)
    assert (visit.kind, visit.announced) == ("ad_hoc", False)
    last = first
    marks = {"3.it_expert": "❌ رعایت نشده", "25.1": "❌ رعایت نشده", "25.13": "➖ بررسی نشد"}
    for item in CHECKLIST:
        extra = await tap(inspect_app, sender, last, marks.get(item.id, "✅ رعایت شده"))
        if item.id == "25.1":
            photo = AttachmentEvent(
                **common(**INSPECTOR), kind="photo", file_id="board-1", size=900
            )  # type: ignore[arg-type]
            kept = await inspect_app.engine.process(photo, sender)
            assert kept[-1].text.startswith("عکس نگه داشته شد.")
            # Fetched after the commit, by the platform's own download (the evidence job).
            assert await inspect_app.engine.run_jobs(RecordingSender("telegram")) == 1
            extra = await say(inspect_app, sender, "تابلوی تعرفه در دفتر نبود.")
            assert "توضیح: تابلوی تعرفه در دفتر نبود." in extra[-1].text
            assert "۱ عکس" in extra[-1].text
            # The draft is in the store: what a restart reads back.
            async with inspect_app.engine.sessions() as session:
                stored = await session.get(Conversation, ("telegram", INSPECTOR["chat_id"]))
                assert stored is not None and "25.1" in str(stored.answers)
        last = await tap(inspect_app, sender, extra, "بعدی »")
    assert last[-1].text.endswith("ماده‌ی ۲۱ گزارشی مستدل می‌خواهد.")
    stuck = await inspect_app.engine.process(sticker(**INSPECTOR), sender)  # type: ignore[arg-type]
    assert stuck[-1].text.startswith(STICKER_SAID)
    assert (await say(inspect_app, sender, "کوتاه"))[-1].text.startswith(
        "لطفاً دلایل را در ۱۰ تا ۳٬۰۰۰ نویسه بنویسید"
    )
    draft = await say(inspect_app, sender, "پیش‌نویس دلایل بازرس برای گزارش.")
    # Back from the summary: the reasons written again; the earlier summary's confirm is stale.
    assert (await tap(inspect_app, sender, draft, "» بازگشت"))[-1].text.endswith(
        "ماده‌ی ۲۱ گزارشی مستدل می‌خواهد."
    )
    summary = await say(inspect_app, sender, REASONS)
    stale = await tap(inspect_app, sender, draft, "✔ ثبت و فرستادن گزارش به شورا")
    assert stale[0].text.startswith("فهرست بازبینی پس از نمایش این خلاصه تغییر کرده است")
    assert await only(inspect_app, Case) == []
    assert "یافته‌ها: ماده‌ی ۲۵، بندهای ۱" in summary[-1].text
    assert (
        "❌ رعایت نشده: آیا هزینه‌های خدمات در جای مناسب نصب شده است؟ (بند ۱ ماده‌ی ۲۵) · ۱ عکس"
        in summary[-1].text
    )
    assert await notices(inspect_app, COUNCIL[0]["chat_id"]) == []  # type: ignore[arg-type]
    recorded = await tap(inspect_app, sender, summary, "✔ ثبت و فرستادن گزارش به شورا")
    assert recorded[0].text == (
        "✅ بازرسی شماره‌ی ۱ با گزارش مستدل آن ثبت شد.\n"
        "گزارش برای اعضای شورا فرستاده شد (۲ گفت‌وگو).\n"
        "پرونده‌ی شماره‌ی ۱ در هیئت بدوی گشوده شد (ماده‌ی ۲۲)."
    )
    [visit] = await inspections(inspect_app)
    assert visit.findings == ["25.1"] and visit.recorded_at is not None
    assert visit.checklist is not None and visit.checklist["3.it_expert"]["result"] == "not_met"
    [case] = await only(inspect_app, Case)
    assert (case.source, case.inspection_id, case.office_code) == ("inspection", visit.id, "1001")
    [evidence] = await only(inspect_app, Evidence)
    assert (evidence.inspection_id, evidence.complaint_id) == (visit.id, None)
    assert evidence.stored_path and Path(evidence.stored_path).read_bytes() == b"bytes of board-1"
    for chat in COUNCIL:
        [report] = await notices(inspect_app, chat["chat_id"])  # type: ignore[arg-type]
        assert report.text.startswith("📋 گزارش مستدل بازرسی شماره‌ی ۱ از دفتر ۱۰۰۱ (ماده‌ی ۲۱)")
        assert "بازدید: ۱۵ آبان ۱۴۰۳، ساعت ۱۲:۰۰، بدون اعلام پیشین" in report.text
        assert report.attachment is not None and report.attachment.kind == "document"
        document = Path(str(report.attachment.path)).read_text()
        assert "نتیجه: رعایت نشده" in document and REASONS in document
        assert "کمبود کارکنان (ماده‌ی ۳)" in document
    # The manager was told nothing of the unannounced visit.
    assert await notices(inspect_app, MANAGER_CHAT) == []
    listed = await tap(inspect_app, sender, recorded, "« بازرسی‌ها: کانون دفاتر استان تهران")
    assert (
        "ثبت‌شده:\n• شماره‌ی ۱: دفتر ۱۰۰۱، ۱۵ آبان ۱۴۰۳، ساعت ۱۲:۰۰، موردی، بدون اعلام"
        in listed[0].text
    )
    view = await tap(inspect_app, sender, listed, "📄 شماره‌ی ۱، دفتر ۱۰۰۱")
    assert "یافته‌ها: ماده‌ی ۲۵، بندهای ۱" in view[0].text
    assert "گزارش در ۱۵ آبان ۱۴۰۳، ساعت ۱۲:۰۰ برای اعضای شورا فرستاده شد." in view[0].text
    assert "📝 فهرست بازبینی محل" not in labels(view)
    # The confirm acts once: pressed again, refused and audited.
    again = await tap(inspect_app, sender, summary, "✔ ثبت و فرستادن گزارش به شورا")
    assert again[0].text.startswith("این دکمه پیش‌تر به کار رفته است")
    assert len(await only(inspect_app, Case)) == 1
    entries = [e for e in await audit(inspect_app) if e.action == "inspection.record"]
    assert [(e.outcome, e.reason) for e in entries] == [
        (AuditOutcome.ALLOWED, None),  # the stale summary's: authorised, then not done
        (AuditOutcome.ALLOWED, None),
        (AuditOutcome.REFUSED, "replayed"),
    ]


async def test_a_forged_button_and_a_member_without_the_role_are_refused_and_audited(
    inspect_app: App, settings: Settings, sender: RecordingSender
) -> None:
    menu = await linked(
        inspect_app, settings, sender, INSPECTOR, Role.INSPECTOR, "tehran", "رضا رضایی"
    )
    listed = await tap(inspect_app, sender, menu, INSPECTIONS)
    token = token_of(listed, "🚪 ثبت بازدید بدون اعلام")
    forged = await inspect_app.engine.process(press(token, **STRANGER), sender)  # type: ignore[arg-type]
    assert forged[0].text == "این دکمه از آنِ این گفت‌وگو نیست. کاری انجام نشد."
    # A desk member of Tehran may not inspect: the visit's office is authorised at the confirm.
    desk_chat = {"platform": "telegram", "chat_id": 4_503_599_627_370_011}
    desk_menu = await linked(
        inspect_app, settings, sender, desk_chat, Role.DESK, "tehran", "سارا احمدی"
    )
    assert INSPECTIONS not in labels(desk_menu)
    entries = await audit(inspect_app)
    assert [(e.action, e.reason) for e in entries if e.outcome is AuditOutcome.REFUSED] == [
        ("inspection.visit_start", "foreign_button")
    ]
    assert await inspections(inspect_app) == []
    async with inspect_app.engine.sessions() as session:
        rows = await session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "notice"))
        assert list(rows) == []


async def test_a_checklist_cancelled_takes_its_photos_and_opens_again_from_the_inspection(
    inspect_app: App, settings: Settings, sender: RecordingSender
) -> None:
    menu = await linked(
        inspect_app, settings, sender, INSPECTOR, Role.INSPECTOR, "tehran", "رضا رضایی"
    )
    listed = await tap(inspect_app, sender, menu, INSPECTIONS)
    await tap(inspect_app, sender, listed, "🚪 ثبت بازدید بدون اعلام")
    await say(inspect_app, sender, "1001")
    review = await say(inspect_app, sender, "۱۴۰۳/۰۸/۱۵ ۰۹:۳۰")
    assert "• زمان: ۱۵ آبان ۱۴۰۳، ساعت ۰۹:۳۰" in review[-1].text
    first = await tap(inspect_app, sender, review, "✔ تأیید")
    extra = await tap(inspect_app, sender, first, "✅ رعایت شده")
    # Back from the note returns to the item's result; Back from the first item leaves.
    again = await tap(inspect_app, sender, extra, "» بازگشت")
    assert again[-1].text.endswith("مورد ۱ از ۱۰: آیا دفتر مدیر تمام‌وقت دارد؟ (ماده‌ی ۳)")
    extra = await tap(inspect_app, sender, again, "✅ رعایت شده")
    photo = AttachmentEvent(**common(**INSPECTOR), kind="photo", file_id="desk-1", size=900)  # type: ignore[arg-type]
    await inspect_app.engine.process(photo, sender)
    assert len(await only(inspect_app, Evidence)) == 1
    cancelled = await inspect_app.engine.process(command("cancel", **INSPECTOR), sender)  # type: ignore[arg-type]
    assert cancelled
    assert await only(inspect_app, Evidence) == []
    [visit] = await inspections(inspect_app)
    assert visit.recorded_at is None and visit.announced is False
    fresh = await tap(inspect_app, sender, menu, INSPECTIONS)
    assert "در انتظار ثبت (انجام‌شده):\n• شماره‌ی ۱: دفتر ۱۰۰۱" in fresh[0].text
    view = await tap(inspect_app, sender, fresh, "📄 شماره‌ی ۱، دفتر ۱۰۰۱")
    opened = await tap(inspect_app, sender, view, "📝 فهرست بازبینی محل")
    assert opened[-1].text.endswith("مورد ۱ از ۱۰: آیا دفتر مدیر تمام‌وقت دارد؟ (ماده‌ی ۳)")
    # Pressed again mid-way, the same checklist continues where it was left.
    await tap(inspect_app, sender, opened, "❌ رعایت نشده")
    resumed = await tap(inspect_app, sender, view, "📝 فهرست بازبینی محل")
    assert resumed[0].text == "فهرست بازبینی این بازرسی از همان جایی که رها کردید ادامه می‌یابد."
    assert "نتیجه: رعایت نشده" in resumed[-1].text


async def test_a_report_kept_unsent_is_sent_once_a_council_member_links(
    inspect_app: App, settings: Settings, sender: RecordingSender
) -> None:
    menu = await linked(
        inspect_app, settings, sender, INSPECTOR, Role.INSPECTOR, "tehran", "رضا رضایی"
    )
    listed = await tap(inspect_app, sender, menu, INSPECTIONS)
    await tap(inspect_app, sender, listed, "🚪 ثبت بازدید بدون اعلام")
    review = await tap(inspect_app, sender, await say(inspect_app, sender, "1001"), "همین حالا")
    last = await tap(inspect_app, sender, review, "✔ تأیید")
    for _item in CHECKLIST:
        last = await tap(
            inspect_app, sender, await tap(inspect_app, sender, last, "✅ رعایت شده"), "بعدی »"
        )
    summary = await say(inspect_app, sender, REASONS)
    assert "یافته‌ها: هیچ تخلفی از ماده‌ی ۲۵" in summary[-1].text
    recorded = await tap(inspect_app, sender, summary, "✔ ثبت و فرستادن گزارش به شورا")
    assert recorded[0].text == (
        "✅ بازرسی شماره‌ی ۱ با گزارش مستدل آن ثبت شد.\n"
        "اکنون هیچ عضوی از شورا گفت‌وگوی پیوندخورده ندارد؛ گزارش همراه بازرسی نگه داشته شد و "
        "هنوز فرستاده نشده است.\n"
        "تخلفی از ماده‌ی ۲۵ یافت نشد؛ پرونده‌ای گشوده نشد."
    )
    assert await only(inspect_app, Case) == []
    await linked(inspect_app, settings, sender, COUNCIL[0], Role.APPEALS_BOARD, None, "عضو شورا")
    listed = await tap(inspect_app, sender, recorded, "« بازرسی‌ها: کانون دفاتر استان تهران")
    view = await tap(inspect_app, sender, listed, "📄 شماره‌ی ۱، دفتر ۱۰۰۱")
    assert "هنوز هیچ عضوی از شورا آن را دریافت نکرده است" in view[0].text
    sent = await tap(inspect_app, sender, view, "📤 فرستادن گزارش به شورا")
    assert sent[0].text == "گزارش برای اعضای شورا فرستاده شد (۱ گفت‌وگو)."
    [report] = await notices(inspect_app, COUNCIL[0]["chat_id"])  # type: ignore[arg-type]
    assert "یافته‌ها: هیچ تخلفی از ماده‌ی ۲۵" in report.text
    assert report.attachment is not None and report.attachment.kind == "document"
    [visit] = await inspections(inspect_app)
    assert visit.report_sent_at is not None
    again = await tap(inspect_app, sender, view, "📤 فرستادن گزارش به شورا")
    assert again[0].text.startswith("این دکمه پیش‌تر به کار رفته است")
    assert len(await notices(inspect_app, COUNCIL[0]["chat_id"])) == 1  # type: ignore[arg-type]
