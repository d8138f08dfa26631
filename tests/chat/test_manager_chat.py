"""Office managers in chat: linking, notices waiting and following, acknowledging, appealing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import jdatetime
import pytest
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.data import bundled_provinces
from bot.domain import office_managers
from bot.domain.offices_csv import parse_offices_csv, sample_offices_text
from bot.messages.replies import Reply
from bot.notices import managers as notices
from bot.notices.managers import render
from bot.operator.offices import office_record
from bot.text.i18n import translator
from storage import managers as store
from storage.models import Appeal, Case, Decision, Manager, Notice, OutboxMessage
from storage.offices import upsert_offices
from storage.statuses import CaseStatus
from tests.chat.test_complaint_chat import load_sample
from tests.conftest import Clock, RecordingSender
from tests.support import command, conversation, labels, press, text, token_of

OFFICE = "1001"


@pytest.fixture
async def office_app(app: App) -> App:
    await load_sample(app)
    return app


async def manager_of(app: App, code: str = OFFICE) -> Manager:
    async with app.engine.sessions() as session:
        found = await store.current(session, code)
    assert found is not None
    return found


async def link_chats(app: App, *chats: tuple[str, int]) -> Manager:
    """Link office 1001's manager in these (platform, chat) pairs, as linking with a code does."""
    manager = await manager_of(app)
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        for platform, chat in chats:
            await store.add_link(session, manager.id, platform, chat, chat, now)
    return manager


async def invite(app: App, code: str = "ABCD2345", *, days: int = 7) -> str:
    manager = await manager_of(app)
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        await store.add_invite(session, code, manager.id, now, now + timedelta(days=days))
    return code


async def issue(
    app: App, settings: Settings, kind: str = "inspection", subject: int = 1, **content: Any
) -> Notice:
    manager = await manager_of(app)
    body = {
        "office_name": "دفتر نمونه ۱۰۰۱ (آزمایشی)",
        "at": datetime(2024, 11, 10, 6, 30, tzinfo=UTC).isoformat(),
        "kind": "periodic",
        "inspector": "بازرس نمونه",
        **content,
    }
    async with app.engine.sessions() as session, session.begin():
        return await notices.issue(
            session,
            manager_id=manager.id,
            office_code=OFFICE,
            kind=kind,
            subject_id=subject,
            content=body,
            settings=settings,
            now=app.engine.clock(),
        )


async def decide(app: App, *, sanction: int, months: int | None = None) -> int:
    """A decided case and its decision against office 1001's manager; return its number."""
    manager = await manager_of(app)
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        case = Case(
            office_code=OFFICE,
            source="complaints",
            complaint_ids=[],
            opened_at=now,
            status="open",
        )
        session.add(case)
        await session.flush()
        case.status = CaseStatus.DECIDED  # a case starts open (storage/statuses.py)
        decision = Decision(
            case_id=case.id,
            manager_id=manager.id,
            violations=["25.12"],
            committed_on=jdatetime.date(1403, 7, 1),
            sanction=sanction,
            months=months,
            crime_referral=False,
            decided_at=now,
            final_at=None if sanction >= 5 else now,
            status="pending" if sanction >= 5 else "final",
        )
        session.add(decision)
        await session.flush()
        return decision.id


async def issue_decision(
    app: App, settings: Settings, *, sanction: int, months: int | None = None
) -> Notice:
    """A decision and its notice to the manager, as `daftar decisions record` issues them."""
    decision_id = await decide(app, sanction=sanction, months=months)
    return await issue(
        app,
        settings,
        kind="decision",
        subject=decision_id,
        violations=["25.12"],
        sanction=sanction,
        months=months,
        crime_referral=False,
    )


async def notice_rows(app: App) -> list[OutboxMessage]:
    async with app.engine.sessions() as session:
        return list(
            await session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.kind == "notice")
                .order_by(OutboxMessage.id)
            )
        )


def as_reply(row: OutboxMessage) -> list[Reply]:
    return [Reply.from_payload(row.payload, row.id)]


async def test_a_manager_links_with_the_code_and_waiting_notices_follow(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    await issue(office_app, settings)  # before linking: it waits
    assert await notice_rows(office_app) == []
    code = await invite(office_app)
    menu = await office_app.engine.process(command("start"), sender)
    asked = await office_app.engine.process(press(token_of(menu, "مدیر دفتر هستم")), sender)
    assert "کد دعوتی" in asked[-1].text
    linked = await office_app.engine.process(text(code.lower()), sender)
    assert linked[0].text.startswith("✅ این گفت‌وگو اکنون به‌عنوان مدیر به دفتر نمونه ۱۰۰۱")
    assert "۱ ابلاغ در انتظار شما بود" in linked[0].text
    [row] = await notice_rows(office_app)
    assert (row.platform, row.chat_id, row.status) == ("test", 100, "pending")
    body = as_reply(row)[0].text
    assert body.startswith("🔎 ابلاغ بازرسی") and "ماده ۲۱" in body and "بند ۹ ماده ۲۵" in body
    again = await office_app.engine.process(command("start", code), sender)
    assert "🏢" in again[0].text  # the same account: its office, not an error


async def test_a_deep_link_links_and_a_used_expired_or_unknown_code_is_explained(
    office_app: App, sender: RecordingSender, clock: Clock
) -> None:
    code = await invite(office_app, "QWER5678")
    linked = await office_app.engine.process(command("start", code), sender)
    assert linked[0].text.startswith("✅")
    used = await office_app.engine.process(command("start", code, chat_id=200), sender)
    assert used[0].text.startswith("این کد پیش‌تر به کار رفته است")
    unknown = await office_app.engine.process(command("start", "ZZZZ9999", chat_id=201), sender)
    assert unknown[0].text.startswith("این کد را نمی‌شناسم")
    late = await invite(office_app, "LATE2345", days=1)
    clock.advance(days=2)
    expired = await office_app.engine.process(command("start", late, chat_id=202), sender)
    assert expired[0].text.startswith("اعتبار این کد در")
    # A deep link that cannot link opens the linking flow: the code can be typed next. The
    # welcome and the menu follow, the linking last as the draft to continue.
    for chat_id, replies in zip((200, 201, 202), (used, unknown, expired), strict=True):
        assert "کد دعوتی" in replies[0].text and "خوش آمدید" in replies[-1].text
        assert labels(replies)[-1] == "↩ ادامه: مدیر دفتر هستم"
        state = await conversation(office_app, chat_id=chat_id)
        assert state is not None and state.flow == "link_office"
    retyped = await office_app.engine.process(text(late, chat_id=202), sender)
    assert retyped[0].text.startswith("اعتبار این کد در")


async def test_a_wrong_code_says_why_and_the_flow_stays_open_for_the_right_one(
    office_app: App, sender: RecordingSender
) -> None:
    code = await invite(office_app)
    menu = await office_app.engine.process(command("start"), sender)
    await office_app.engine.process(press(token_of(menu, "مدیر دفتر هستم")), sender)
    wrong = await office_app.engine.process(text("ZZZZ-9999"), sender)
    [asked_again] = wrong
    assert asked_again.text.startswith("این کد را نمی‌شناسم")
    assert "کد دعوتی" in asked_again.text
    assert labels(wrong) == ["وارد کردن کدی دیگر", "منوی اصلی"]
    state = await conversation(office_app)
    assert state is not None and state.flow == "link_office"
    linked = await office_app.engine.process(text(code), sender)
    assert linked[0].text.startswith("✅ این گفت‌وگو اکنون به‌عنوان مدیر به دفتر نمونه ۱۰۰۱")
    assert labels(linked) == ["ابلاغ‌های من", "منوی اصلی"]
    async with office_app.engine.sessions() as session:
        link = await store.link_of(session, "test", 100)
    assert link is not None and link.manager_id == (await manager_of(office_app)).id
    # Someone else typing the used code is told so, and may still type a code of their own.
    await office_app.engine.process(command("start", chat_id=200), sender)
    menu = await office_app.engine.process(command("menu", chat_id=200), sender)
    await office_app.engine.process(press(token_of(menu, "مدیر دفتر هستم"), chat_id=200), sender)
    used = await office_app.engine.process(text(code, chat_id=200), sender)
    assert used[0].text.startswith("این کد پیش‌تر به کار رفته است")
    state = await conversation(office_app, chat_id=200)
    assert state is not None and state.flow == "link_office"


async def test_a_manager_on_both_platforms_gets_each_notice_once_per_chat_and_one_ack_counts(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    await link_chats(office_app, ("test", 100), ("bale", 100))
    notice = await issue(office_app, settings)
    rows = await notice_rows(office_app)
    assert sorted((r.platform, r.chat_id) for r in rows) == [("bale", 100), ("test", 100)]
    bale_row = next(r for r in rows if r.platform == "bale")
    ack = token_of(as_reply(bale_row), "✔ تأیید دریافت")
    done = await office_app.engine.process(press(ack, platform="bale"), sender)
    assert done[0].text == "✔ دریافت تأیید شد. سپاس."
    test_row = next(r for r in rows if r.platform == "test")
    twice = await office_app.engine.process(
        press(token_of(as_reply(test_row), "✔ تأیید دریافت")), sender
    )
    assert twice[0].text == "دریافت این ابلاغ پیش‌تر تأیید شده است. سپاس."
    async with office_app.engine.sessions() as session:
        stored = await session.get(Notice, notice.id)
    assert stored is not None and stored.acknowledged_via == "bale:100"


async def test_a_stranger_cannot_acknowledge_and_a_replaced_manager_stops_receiving(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    code = await invite(office_app)
    await office_app.engine.process(command("start", code), sender)
    await issue(office_app, settings)
    [row] = await notice_rows(office_app)
    token = token_of(as_reply(row), "✔ تأیید دریافت")
    stranger = await office_app.engine.process(press(token, chat_id=300), sender)
    assert stranger[0].text.startswith("این دکمه دیگر معتبر نیست")  # the token is not that chat's
    # Art. 19: the Directorate replaces the manager (withdrawal): the old links are revoked.
    old = await manager_of(office_app)
    async with office_app.engine.sessions() as session, session.begin():
        replaced = await office_managers.replace_manager(
            session,
            settings,
            office_app.engine.clock(),
            office_code=OFFICE,
            reason=office_managers.EndReason.WITHDRAWAL,
            name="مدیر تازه (آزمایشی)",
            national_id="0012345679",
            mobile="09129999999",
        )
    assert replaced.old is not None and replaced.old.id == old.id and replaced.revoked == 1
    after = await office_app.engine.process(press(token), sender)
    assert after[0].text == "این ابلاغ خطاب به این گفت‌وگو نیست."
    await issue(office_app, settings)
    assert len(await notice_rows(office_app)) == 1  # nothing new to the old manager's chat
    new = await manager_of(office_app)
    assert new.id != old.id and new.mobile == "09129999999"


async def test_19_a_registry_import_with_a_new_mobile_keeps_the_managers_chat(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    code = await invite(office_app)
    await office_app.engine.process(command("start", code), sender)
    before = await manager_of(office_app)
    # The registry gives the same manager (same name) a new mobile: still the same person.
    rows, problems = parse_offices_csv(
        sample_offices_text().replace("09120001001", "09129999999"),
        bundled_provinces(),
        jdatetime.date(1403, 8, 15),
    )
    assert problems == []
    async with office_app.engine.sessions() as session, session.begin():
        result = await upsert_offices(
            session, [office_record(row) for row in rows], office_app.engine.clock()
        )
    assert result.new_mobiles == (OFFICE,) and result.other_managers == ()
    after = await manager_of(office_app)
    assert after.id == before.id and after.mobile == "09129999999"
    # The manager's chat still receives the office's notices.
    await issue(office_app, settings)
    [row] = await notice_rows(office_app)
    assert row.chat_id == 100 and "بازرسی" in as_reply(row)[0].text


async def test_a_decision_of_degree_5_can_be_appealed_from_its_button(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    code = await invite(office_app)
    await office_app.engine.process(command("start", code), sender)
    notice = await issue_decision(office_app, settings, sanction=5, months=3)
    decision_id = notice.subject_id
    [row] = await notice_rows(office_app)
    body = as_reply(row)[0].text
    assert "⚖️ رأی هیئت بدوی انتظامی" in body and "بند ۱۲ ماده ۲۵" in body
    assert "ماده ۲۳، درجه‌ی ۵" in body and "به مدت ۳ ماه" in body and "از تنظیمات این سامانه" in body
    assert "تجدیدنظرخواهی از این رأی" in labels(as_reply(row))
    asked = await office_app.engine.process(
        press(token_of(as_reply(row), "تجدیدنظرخواهی از این رأی")), sender
    )
    assert "دلایل تجدیدنظرخواهی" in asked[-1].text
    short = await office_app.engine.process(text("کوتاه"), sender)
    assert short[0].text.startswith("این متن کوتاه است")
    review = await office_app.engine.process(
        text("مبلغ اضافه را پس داده‌ایم و رسید صادر شده است؛ خواهشمند است بازنگری شود."), sender
    )
    done = await office_app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    assert done[-1].text.startswith("تجدیدنظرخواهی شما ثبت شد")
    assert labels(done) == ["ابلاغ‌های من", "منوی اصلی"]
    async with office_app.engine.sessions() as session:
        [appeal] = list(await session.scalars(select(Appeal)))
        stored = await session.get(Decision, decision_id)
    assert appeal.by == "manager" and appeal.decision_id == decision_id
    assert stored is not None and stored.status == "appealed"
    again = await office_app.engine.process(
        press(token_of(as_reply(row), "تجدیدنظرخواهی از این رأی")), sender
    )
    assert again[0].text == "تجدیدنظرخواهی از این رأی دیگر از اینجا ممکن نیست."
    # Opened from "My notices", the decision says where it stands and offers no second appeal.
    listed = await office_app.engine.process(press(token_of(done, "ابلاغ‌های من")), sender)
    [name] = [label for label in labels(listed) if label.startswith("رأی شماره‌ی")]
    opened = await office_app.engine.process(press(token_of(listed, name)), sender)
    assert "تجدیدنظرخواهی از این رأی ثبت شده است؛ هیئت تجدیدنظر هنوز رأی نداده است." in (
        opened[0].text
    )
    assert labels(opened) == ["✔ تأیید دریافت", "ابلاغ‌های من", "منوی اصلی"]


async def test_notices_of_a_kind_on_one_day_are_named_by_their_subject_and_open_their_own(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    code = await invite(office_app)
    await office_app.engine.process(command("start", code), sender)
    await issue(office_app, settings, subject=7, inspector="بازرس یکم")
    await issue(office_app, settings, subject=8, inspector="بازرس دوم")
    await issue_decision(office_app, settings, sanction=5, months=3)
    await issue_decision(office_app, settings, sanction=4)
    listed = await office_app.engine.process(command("notices"), sender)
    # Newest first; the day is the decision's, or the day the inspection is to take place.
    assert labels(listed) == [
        "رأی شماره‌ی ۲ (درجه‌ی ۴)، ۱۵ آبان ۱۴۰۳",
        "رأی شماره‌ی ۱ (درجه‌ی ۵)، ۱۵ آبان ۱۴۰۳",
        "بازرسی شماره‌ی ۸، ۲۰ آبان ۱۴۰۳",
        "بازرسی شماره‌ی ۷، ۲۰ آبان ۱۴۰۳",
        "منوی اصلی",
    ]
    assert "• بازرسی شماره‌ی ۷، ۲۰ آبان ۱۴۰۳: هنوز تأیید نشده" in listed[0].text
    first = await office_app.engine.process(
        press(token_of(listed, "بازرسی شماره‌ی ۷، ۲۰ آبان ۱۴۰۳")), sender
    )
    second = await office_app.engine.process(
        press(token_of(listed, "بازرسی شماره‌ی ۸، ۲۰ آبان ۱۴۰۳")), sender
    )
    assert first[0].text.startswith("🔎 ابلاغ بازرسی") and "بازرس یکم" in first[0].text
    assert "بازرس دوم" in second[0].text and "بازرس یکم" not in second[0].text
    assert labels(first) == ["✔ تأیید دریافت", "ابلاغ‌های من", "منوی اصلی"]  # no appeal
    appealable = await office_app.engine.process(
        press(token_of(listed, "رأی شماره‌ی ۱ (درجه‌ی ۵)، ۱۵ آبان ۱۴۰۳")), sender
    )
    final = await office_app.engine.process(
        press(token_of(listed, "رأی شماره‌ی ۲ (درجه‌ی ۴)، ۱۵ آبان ۱۴۰۳")), sender
    )
    assert "تجدیدنظرخواهی از این رأی" in labels(appealable)
    assert "تجدیدنظرخواهی از این رأی" not in labels(final)
    assert "این مجازات قطعی است (ماده ۲۴)." in final[0].text  # Art. 24: degrees 1–4
    # Acknowledged from the opened notice: that notice, and only it.
    done = await office_app.engine.process(press(token_of(first, "✔ تأیید دریافت")), sender)
    assert done[0].text == "✔ دریافت تأیید شد. سپاس."
    again = await office_app.engine.process(press(token_of(done, "ابلاغ‌های من")), sender)
    assert "• بازرسی شماره‌ی ۷، ۲۰ آبان ۱۴۰۳: دریافت در ۱۵ آبان ۱۴۰۳ تأیید شد" in again[0].text
    assert "• بازرسی شماره‌ی ۸، ۲۰ آبان ۱۴۰۳: هنوز تأیید نشده" in again[0].text
    reopened = await office_app.engine.process(
        press(token_of(again, "بازرسی شماره‌ی ۷، ۲۰ آبان ۱۴۰۳")), sender
    )
    assert "✔ دریافت در ۱۵ آبان ۱۴۰۳ تأیید شد" in reopened[0].text
    assert labels(reopened) == ["ابلاغ‌های من", "منوی اصلی"]


async def test_a_stranger_cannot_open_a_managers_notice_and_notices_asks_to_link_first(
    office_app: App, sender: RecordingSender, settings: Settings
) -> None:
    code = await invite(office_app)
    await office_app.engine.process(command("start", code), sender)
    await issue(office_app, settings)
    listed = await office_app.engine.process(command("notices"), sender)
    # Another chat replaying the first chat's button: not its button, nothing shown.
    stolen = await office_app.engine.process(
        press(token_of(listed, labels(listed)[0]), chat_id=300), sender
    )
    assert stolen[0].text.startswith("این دکمه دیگر معتبر نیست")
    assert "ابلاغ بازرسی" not in " ".join(r.text for r in stolen)
    unlinked = await office_app.engine.process(command("notices", chat_id=300), sender)
    assert "کد دعوتی" in unlinked[-1].text


async def test_unacknowledged_notices_are_reminded_a_bounded_number_of_times(
    office_app: App, sender: RecordingSender, settings: Settings, clock: Clock
) -> None:
    code = await invite(office_app)
    await office_app.engine.process(command("start", code), sender)
    await issue(office_app, settings)
    for _ in range(4):
        clock.advance(hours=49)
        async with office_app.engine.sessions() as session, session.begin():
            await notices.remind(session, settings, clock())
    rows = await notice_rows(office_app)
    assert len(rows) == 1 + settings.notice_reminders
    assert as_reply(rows[-1])[0].text.startswith("⏰ یادآوری")


def test_a_notice_never_names_a_complainant() -> None:
    notice = Notice(
        manager_id=1,
        office_code="1001",
        kind="decision",
        subject_id=1,
        content={
            "office_name": "دفتر",
            "violations": ["25.13"],
            "sanction": 2,
            "months": None,
            "crime_referral": True,
        },
        created_at=datetime.now(UTC),
        reminders=0,
    )
    for locale in ("fa", "en"):
        body = render(translator(locale), notice, Settings(_env_file=None))  # type: ignore[call-arg]
        assert "09" not in body
    english = render(translator("en"), notice, Settings(_env_file=None))  # type: ignore[call-arg]
    assert "This sanction is final (Article 24)." in english
    # An English notice names the clause in English; a Persian one quotes it.
    assert "• Article 25, clause 13: Disclosing litigants' information to unauthorised" in english
    assert "competent judicial authority (Article 26)" in english
