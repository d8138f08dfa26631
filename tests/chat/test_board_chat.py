"""The Primary Board in chat (Arts. 22, 26): three members, each in their own chat, hear of a
new case, read its file; the chair opens the sitting only with every member present, puts a
clause and a sanction (none below note 3's floor), each member votes, the chair tallies, writes
the ruling and records it; a forged vote and a non-member's vote are refused and audited."""

from __future__ import annotations

from datetime import timedelta

import jdatetime
import pytest
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.domain import cases, office_managers, staff_members
from bot.messages.replies import Reply
from bot.notices.complainants import button
from storage import complaints as complaint_store
from storage import managers
from storage.models import (
    AuditEntry,
    CaseStatement,
    Decision,
    Sitting,
    SittingQuestion,
    SittingVote,
)
from storage.statuses import AuditOutcome, Role
from tests.chat.test_complaint_chat import load_sample
from tests.chat.test_desk_chat import notices
from tests.conftest import Clock, RecordingSender
from tests.store.test_discipline import at, decide, jd
from tests.store.test_staff import complaint as received_complaint
from tests.support import command, labels, press, sticker, text, token_of

CHAIR = {"platform": "telegram", "chat_id": 4_000_000_001}
JUDGE = {"platform": "bale", "chat_id": 2_000_000_002}
DEPUTY = {"platform": "telegram", "chat_id": 4_000_000_003}
OUTSIDER = {"platform": "telegram", "chat_id": 4_000_000_004}  # Fars's Board
RULING = "هیئت با حضور همه‌ی اعضا تخلف بند ۱۲ را احراز کرد و به اکثریت آرا توبیخ کتبی داد."


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None, association_provinces="tehran,fars")  # type: ignore[call-arg]


async def link_member(
    app: App,
    settings: Settings,
    sender: RecordingSender,
    chat: dict[str, object],
    name: str,
    *,
    association: str = "tehran",
    chair: bool = False,
    seat: str = "judge",
) -> int:
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        invited = await staff_members.invite(
            session,
            settings,
            now,
            now + timedelta(days=7),
            name=name,
            role=Role.BOARD,
            association=association,
            chair=chair,
            seat=seat,
        )
    await app.engine.process(command("start", "staff-" + invited.code, **chat), sender)  # type: ignore[arg-type]
    return invited.member.id


async def audit(app: App) -> list[AuditEntry]:
    async with app.engine.sessions() as session:
        return list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


@pytest.fixture
async def board_app(app: App, settings: Settings, sender: RecordingSender) -> App:
    await load_sample(app)
    # The cases' violations precede the sample's import: the Directorate's records name since
    # when office 1001's manager has managed it (Art. 19; `daftar offices manager-since`).
    async with app.engine.sessions() as session, session.begin():
        await office_managers.record_since(
            session, settings, app.engine.clock(), office_code="1001", since=jd(1400, 1, 1)
        )
    await link_member(app, settings, sender, CHAIR, "قاضی رضایی", chair=True)
    await link_member(app, settings, sender, JUDGE, "قاضی کریمی")
    await link_member(
        app, settings, sender, DEPUTY, "نماینده‌ی رئیس کانون", seat="chair_representative"
    )
    await link_member(app, settings, sender, OUTSIDER, "قاضی فارس", association="fars", chair=True)
    return app


async def test_22_the_board_hears_a_case_in_chat_from_its_file_to_the_ruling(
    board_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    app = board_app
    # An earlier final degree 2 (a written warning) against office 1001's manager.
    async with app.engine.sessions() as session, session.begin():
        earlier = await decide(
            session,
            settings,
            at(1403, 5, 1),
            committed_on=jd(1403, 4, 1),
            sanction=2,
            office_code="1001",
        )
        complaint_id = await received_complaint(session, "1001", "tehran", "1234567800")
        case = await cases.open_case_from_complaints(
            session, settings, clock(), office_code="1001", tracking_codes=["1234567800"]
        )
    # Every member's chat hears of the case, in the transaction that opened it; not Fars's.
    for chat in (CHAIR, JUDGE, DEPUTY):
        [heard] = await notices(app, chat_id(chat))
        assert heard.text == (
            "⚖ پرونده‌ی ۲ علیه دفتر ۱۰۰۱، برای هیئت بدوی (ماده‌ی ۲۲)\nبر پایه‌ی شکایت‌ها\n"
            "ماده‌ی ۲۵، بندهای ۱۲"
        )
        assert [[b.label for b in row] for row in heard.inline] == [["📂 دیدن پرونده"]]
    assert await notices(app, chat_id(OUTSIDER)) == []
    # The file: the complaint, the office's record, note 3's floor from the previous ruling.
    [heard] = await notices(app, chat_id(CHAIR))
    opened = await app.engine.process(press(heard.inline[0][0].token, **CHAIR), sender)
    floor = "حکم قطعی قبلی: درجه‌ی ۲ در ۱ مرداد ۱۴۰۳ ← دست‌کم درجه‌ی ۳ (تبصره‌ی ۳ ماده‌ی ۲۶)."
    for line in (
        "⚖ پرونده‌ی ۲",
        "دفتر: دفتر نمونه ۱۰۰۱ (آزمایشی) (۱۰۰۱)",
        "متهم: مدیر دفتر در ۱۴۰۳/۰۸/۰۱، مدیر نمونه یکم (آزمایشی) (ماده‌ی ۲۵)",
        "• بند ۱۲ ماده ۲۵: دریافت وجه بیشتر از هزینه‌های تعیین‌شده",
        "📄 شکایت ۱۲۳۴۵۶۷۸۰۰، مورخ ۱۴۰۳/۰۸/۰۱",
        "بیش از تعرفه گرفتند.",
        "• پرونده‌ی ۱: درجه‌ی ۲ (ماده‌ی ۲۳)، قطعی",
        "احکام قطعی پیشین مدیر:",
        "• رأی ۱: درجه‌ی ۲، قطعی در ۱ مرداد ۱۴۰۳",
        floor,
    ):
        assert line in opened[0].text.split("\n"), line
    assert labels(opened) == [
        "👤 اتهام: متهم و بندها",
        "📝 دعوت از مدیر به فرستادن لایحه",
        "🏛 گشودن جلسه",
        "🛡 منوی کارکنان",
        "منوی اصلی",
    ]
    # A member reads the same file, without the chair's steps.
    [judge_heard] = await notices(app, chat_id(JUDGE))
    read = await app.engine.process(press(judge_heard.inline[0][0].token, **JUDGE), sender)
    assert floor in read[0].text and labels(read) == ["🛡 منوی کارکنان", "منوی اصلی"]

    # The staff menu lists the Board's open cases, for its Association's members.
    menu = await app.engine.process(command("staff", **DEPUTY), sender)
    listed = await app.engine.process(
        press(token_of(menu, "⚖ پرونده‌های هیئت بدوی: کانون دفاتر استان تهران"), **DEPUTY), sender
    )
    assert listed[0].text == "⚖ پرونده‌های باز هیئت بدوی کانون دفاتر استان تهران: ۱"
    assert labels(listed)[0] == "⚖ پرونده‌ی ۲: دفتر ۱۰۰۱"
    outsider_menu = await app.engine.process(command("staff", **OUTSIDER), sender)
    assert "⚖ پرونده‌های هیئت بدوی: کانون دفاتر استان فارس" in labels(outsider_menu)
    assert "⚖ پرونده‌های هیئت بدوی: کانون دفاتر استان تهران" not in labels(outsider_menu)
    # A member absent: no sitting (Art. 22 note 2).
    asked = await app.engine.process(press(token_of(opened, "🏛 گشودن جلسه"), **CHAIR), sender)
    assert asked[0].text == (
        "جلسه‌ی هیئت تنها با حضور همه‌ی اعضا رسمیت دارد (تبصره‌ی ۲ ماده‌ی ۲۲). آیا هر ۳ عضو "
        "حاضرند؟\n• قاضی رضایی\n• قاضی کریمی\n• نماینده‌ی رئیس کانون"
    )
    absent = await app.engine.process(press(token_of(asked, "✖ عضوی غایب است"), **CHAIR), sender)
    assert absent[0].text == (
        "جلسه‌ی هیئت تنها با حضور همه‌ی اعضا رسمیت دارد (تبصره‌ی ۲ ماده‌ی ۲۲): جلسه‌ای گشوده نشد. "
        "هنگامی که همه‌ی اعضا حاضر بودند آن را بگشایید."
    )
    assert await sittings_of(app) == [("ruled", str(earlier.case_id))]  # the earlier one only
    # Every member present: the sitting opens.
    sat = await app.engine.process(
        press(token_of(asked, "✔ همه‌ی اعضا حاضرند: جلسه گشوده شود"), **CHAIR), sender
    )
    assert sat[0].text == "🏛 جلسه‌ی ۲ پرونده‌ی ۲ با حضور همه‌ی اعضا گشوده شد. پرسش‌ها را مطرح کنید."
    assert "🏛 جلسه‌ی ۲: در حال برگزاری، با حضور همه‌ی اعضا" in sat[1].text
    assert "اعضا: قاضی رضایی (رئیس)، قاضی کریمی، نماینده‌ی رئیس کانون" in sat[1].text
    assert labels(sat)[0] == "❓ طرح بند ۱۲"
    # The chair puts clause 12; each member's chat gets the question with Yes and No.
    put = await app.engine.process(press(token_of(sat, "❓ طرح بند ۱۲"), **CHAIR), sender)
    question = "آیا تخلف بند ۱۲ ماده‌ی ۲۵ احراز می‌شود: دریافت وجه بیشتر از هزینه‌های تعیین‌شده؟"
    assert put[0].text == f"❓ پرسش ۱ مطرح شد: {question} هر عضو در گفت‌وگوی خود رأی می‌دهد."
    ballots = {}
    for name, chat in (("chair", CHAIR), ("judge", JUDGE), ("deputy", DEPUTY)):
        ballot = (await notices(app, chat_id(chat)))[-1]
        assert ballot.text == (
            f"🗳 جلسه‌ی ۲ پرونده‌ی ۲، پرسش ۱:\n{question}\n"
            "تا رئیس آرا را نشمرده است می‌توانید رأی خود را تغییر دهید (تبصره‌ی ۲ ماده‌ی ۲۲)."
        )
        assert [[b.label for b in row] for row in ballot.inline] == [["✔ آری", "✖ نه"]]
        ballots[name] = ballot
    # Bad input in the middle changes nothing.
    assert (await app.engine.process(sticker(**JUDGE), sender))[0].text
    # The chair may not tally before every member voted (the Board's practice).
    early = await app.engine.process(press(token_of(put, "« پرونده"), **CHAIR), sender)
    too_soon = await app.engine.process(
        press(token_of(early, "🧮 شمردن آرای پرسش ۱"), **CHAIR), sender
    )
    assert too_soon[0].text == (
        "۰ عضو از ۳ عضو رأی داده‌اند؛ رئیس پس از رأی همه‌ی اعضا آرا را می‌شمارد (رویه‌ی هیئت)."
    )
    yes_chair = await app.engine.process(
        press(ballots["chair"].inline[0][0].token, **CHAIR), sender
    )
    assert yes_chair[0].text == (
        "🗳 رأی شما در پرسش ۱: آری. تا رئیس آرا را نشمرده است می‌توانید آن را تغییر دهید."
    )
    # The judge votes no, then changes to yes; the deputy votes no.
    no_judge = await app.engine.process(press(ballots["judge"].inline[0][1].token, **JUDGE), sender)
    assert labels(no_judge)[0] == "✔ تغییر به آری"
    await app.engine.process(press(token_of(no_judge, "✔ تغییر به آری"), **JUDGE), sender)
    await app.engine.process(press(ballots["deputy"].inline[0][1].token, **DEPUTY), sender)
    # A forged vote: the deputy's chat presses the judge's button; nothing changes.
    forged = await app.engine.process(press(ballots["judge"].inline[0][1].token, **DEPUTY), sender)
    assert "کاری انجام نشد" in forged[0].text
    # A non-member's vote: Fars's chair holds a vote button on Tehran's case; refused.
    async with app.engine.sessions() as session, session.begin():
        stray = await button(
            session,
            ("telegram", chat_id(OUTSIDER)),
            "✔",
            "board.vote",
            {"kind": "case", "id": str(case.id), "question": 1, "yes": False},
            clock(),
        )
    stranger = await app.engine.process(press(stray.token, **OUTSIDER), sender)
    assert "کاری انجام نشد" in stranger[0].text
    assert await votes(app) == [True, True, False]
    # The tally: two of three carry (Art. 22 note 2).
    view = await app.engine.process(press(token_of(put, "« پرونده"), **CHAIR), sender)
    tallied = await app.engine.process(
        press(token_of(view, "🧮 شمردن آرای پرسش ۱"), **CHAIR), sender
    )
    assert tallied[0].text == "🧮 پرسش ۱: تصویب شد، ۲ موافق و ۱ مخالف (تبصره‌ی ۲ ماده‌ی ۲۲)."
    assert f"۱. {question} (تصویب شد: ۲ موافق، ۱ مخالف)" in tallied[1].text
    # The sanctions offered start above the previous ruling's degree (note 3, no override).
    choices = await app.engine.process(
        press(token_of(tallied, "⚖ طرح اقدام تنبیهی"), **CHAIR), sender
    )
    assert floor in choices[0].text
    assert labels(choices)[:6] == [
        "۳. توبیخ کتبی با درج در پرونده",
        "۴. توبیخ با درج در سایت مرکز",
        "۵: ۳ ماه",
        "۵: ۶ ماه",
        "۵: ۱۲ ماه",
        "۵: ۲۴ ماه",
    ]
    assert not any(label.startswith(("۱.", "۲.")) for label in labels(choices))
    # A crafted button for degree 2 is refused by the domain too (note 3, no override); and a
    # member who is not the chair may not put a question at all (note 2: the chair's).
    async with app.engine.sessions() as session, session.begin():
        crafted = {"kind": "case", "id": str(case.id), "degree": 2}
        low = await button(
            session, ("telegram", chat_id(CHAIR)), "2", "board.put", crafted, clock()
        )
        judges = await button(session, ("bale", chat_id(JUDGE)), "3", "board.put", crafted, clock())
    below = await app.engine.process(press(low.token, **CHAIR), sender)
    assert below[0].text.startswith("مدیر دفتر پیش از این تخلف به محکومیت انتظامی ردیف ۲ محکوم شده")
    assert "دست‌کم ردیف ۳" in below[0].text
    not_chair = await app.engine.process(press(judges.token, **JUDGE), sender)
    assert "کاری انجام نشد" in not_chair[0].text
    put_3 = await app.engine.process(
        press(token_of(choices, "۳. توبیخ کتبی با درج در پرونده"), **CHAIR), sender
    )
    assert put_3[0].text.startswith("❓ پرسش ۲ مطرح شد: آیا اقدام تنبیهی ماده ۲۳، درجه‌ی ۳")
    for chat in (CHAIR, JUDGE, DEPUTY):
        ballot = (await notices(app, chat_id(chat)))[-1]
        await app.engine.process(press(ballot.inline[0][0].token, **chat), sender)
    view = await app.engine.process(press(token_of(put_3, "« پرونده"), **CHAIR), sender)
    tallied = await app.engine.process(
        press(token_of(view, "🧮 شمردن آرای پرسش ۲"), **CHAIR), sender
    )
    assert tallied[0].text == "🧮 پرسش ۲: تصویب شد، ۳ موافق و ۰ مخالف (تبصره‌ی ۲ ماده‌ی ۲۲)."
    # The chair writes the ruling; a sticker is politely refused; then the confirm, once.
    asked = await app.engine.process(press(token_of(tallied, "✍ نوشتن رأی"), **CHAIR), sender)
    assert asked[0].text.startswith("رأی هیئت را چنان‌که اکثریت تصمیم گرفت بنویسید")
    refused = await app.engine.process(sticker(**CHAIR), sender)
    assert refused[0].text.startswith("پوزش می‌خواهم، این نوع پیام را اینجا نمی‌توانم بپذیرم.")
    assert "رأی هیئت را چنان‌که اکثریت تصمیم گرفت بنویسید" in refused[0].text
    crime = await app.engine.process(text(RULING, **CHAIR), sender)
    assert crime[0].text.startswith(
        "آیا هیئت از وقوع جرمی مطلع شد که باید آن را به مرجع قضایی ذی‌صلاح اعلام کند (ماده‌ی ۲۶)؟"
    )
    authority = await app.engine.process(press(token_of(crime, "بله"), **CHAIR), sender)
    assert authority[0].text.startswith("مرجع قضایی ذی‌صلاحی که جرم به آن اعلام شد:")
    day = await app.engine.process(text("دادسرای عمومی و انقلاب تهران", **CHAIR), sender)
    assert day[0].text.startswith("تاریخ اعلام")
    reference = await app.engine.process(text("۱۴۰۳/۸/۱۴", **CHAIR), sender)
    assert reference[0].text.startswith("شماره‌ی نامه یا ارجاع اعلام:")
    confirm = await app.engine.process(text("۴۵/ج", **CHAIR), sender)
    assert confirm[0].text == (
        f"این رأی ثبت شود؟\n\n{RULING}\n\n"
        "اعلام جرم به دادسرای عمومی و انقلاب تهران در ۱۴۰۳/۰۸/۱۴، به شماره‌ی ۴۵/ج (ماده‌ی ۲۶)."
    )
    assert labels(confirm)[:3] == ["✔ ثبت رأی", "✎ نوشتن دوباره", "« پرونده"]
    recorded = await app.engine.process(press(token_of(confirm, "✔ ثبت رأی"), **CHAIR), sender)
    assert recorded[0].text == (
        "✔ رأی ثبت شد: رأی ۲، درجه‌ی ۳ ماده‌ی ۲۳. ابلاغ آن برای مدیر دفتر فرستاده می‌شود و به "
        "شاکیان بندهای احرازشده گفته می‌شود."
    )
    again = await app.engine.process(press(token_of(confirm, "✔ ثبت رأی"), **CHAIR), sender)
    assert "تنها یک بار کار می‌کند" in again[0].text
    async with app.engine.sessions() as session:
        decision = await session.scalar(select(Decision).where(Decision.case_id == case.id))
    assert decision is not None
    assert (decision.sanction, decision.violations, decision.ruling_text, decision.sitting_id) == (
        3,
        ["25.12"],
        RULING,
        2,
    )
    assert (decision.crime_authority, decision.crime_referred_on, decision.crime_reference) == (
        "دادسرای عمومی و انقلاب تهران",
        jdatetime.date(1403, 8, 14),
        "۴۵/ج",
    )
    assert await sittings_of(app) == [("ruled", str(earlier.case_id)), ("ruled", str(case.id))]
    log = [
        (e.action, e.outcome, e.reason) for e in await audit(app) if e.action.startswith("board.")
    ]
    assert ("board.vote", AuditOutcome.REFUSED, "foreign_button") in log
    assert ("board.vote", AuditOutcome.REFUSED, "other_association") in log
    assert ("board.decide", AuditOutcome.ALLOWED, None) in log
    assert ("board.decide", AuditOutcome.REFUSED, "replayed") in log
    assert ("board.put", AuditOutcome.REFUSED, "not_chair") in log
    assert complaint_id


def chat_id(chat: dict[str, object]) -> int:
    return int(str(chat["chat_id"]))


async def sittings_of(app: App) -> list[tuple[str, str]]:
    async with app.engine.sessions() as session:
        found = await session.scalars(select(Sitting).order_by(Sitting.id))
        return [(s.status, s.subject_id) for s in found]


async def votes(app: App) -> list[bool]:
    async with app.engine.sessions() as session:
        first = await session.scalar(
            select(SittingQuestion.id)
            .where(SittingQuestion.sitting_id == 2)
            .order_by(SittingQuestion.id)
        )
        found = await session.scalars(
            select(SittingVote)
            .where(SittingVote.question_id == first)
            .order_by(SittingVote.member_id)
        )
        return [v.yes for v in found]


MANAGER = {"platform": "telegram", "chat_id": 7_000_000_001}


async def test_the_chair_invites_the_managers_written_statement_and_every_member_reads_it(
    board_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    app = board_app
    async with app.engine.sessions() as session, session.begin():
        manager = await managers.current(session, "1001")
        assert manager is not None
        await managers.add_link(
            session, manager.id, "telegram", 7_000_000_001, 7_000_000_001, clock()
        )
        await received_complaint(session, "1001", "tehran", "1234567800")
        await cases.open_case_from_complaints(
            session, settings, clock(), office_code="1001", tracking_codes=["1234567800"]
        )
    [heard] = await notices(app, chat_id(CHAIR))
    opened = await app.engine.process(press(heard.inline[0][0].token, **CHAIR), sender)
    assert labels(opened)[:3] == [
        "👤 اتهام: متهم و بندها",
        "📝 دعوت از مدیر به فرستادن لایحه",
        "🏛 گشودن جلسه",
    ]
    # Only the chair invites: the judge's view has no such button.
    [judge_heard] = await notices(app, chat_id(JUDGE))
    read = await app.engine.process(press(judge_heard.inline[0][0].token, **JUDGE), sender)
    assert "📝 دعوت از مدیر به فرستادن لایحه" not in labels(read)
    invited = await app.engine.process(
        press(token_of(opened, "📝 دعوت از مدیر به فرستادن لایحه"), **CHAIR), sender
    )
    assert invited[0].text == (
        "📝 از مدیر دفتر دعوت شد لایحه بفرستد؛ لایحه به همه‌ی اعضا می‌رسد. این رویه‌ی هیئت برای "
        "رسیدگی منصفانه است، نه حکم دستورالعمل."
    )
    assert "📝 لایحه‌ی مدیر دفتر: دعوت در ۱۵ آبان ۱۴۰۳، هنوز فرستاده نشده است." in invited[1].text
    assert "📝 دعوت از مدیر به فرستادن لایحه" not in labels(invited)
    invitation = (await notices(app, chat_id(MANAGER)))[-1]
    assert invitation.text == (
        "📝 هیئت بدوی به پرونده‌ی ۱ علیه دفتر ۱۰۰۱ رسیدگی می‌کند (ماده‌ی ۲۲). رئیس هیئت از شما "
        "دعوت می‌کند پیش از جلسه لایحه‌ی خود را بفرستید.\n"
        "این رویه‌ی هیئت برای رسیدگی منصفانه است، نه حکم دستورالعمل."
    )
    # Another chat (the deputy's) cannot use the manager's button.
    foreign = await app.engine.process(press(invitation.inline[0][0].token, **DEPUTY), sender)
    assert "لایحه‌ی خود را به هیئت بدوی بنویسید" not in foreign[0].text
    asked = await app.engine.process(press(invitation.inline[0][0].token, **MANAGER), sender)
    assert asked[0].text.startswith(
        "این رویه‌ی هیئت برای رسیدگی منصفانه است، نه حکم دستورالعمل.\n\n"
        "لایحه‌ی خود را به هیئت بدوی بنویسید (از ۱۰ تا ۳٬۰۰۰ نویسه)."
    )
    too_long = await app.engine.process(text("ن" * 10_000, **MANAGER), sender)
    assert too_long[0].text.startswith("این متن بلند است (۱۰٬۰۰۰ نویسه)")
    async with app.engine.sessions() as session:
        assert (await session.scalar(select(CaseStatement.text))) is None  # nothing kept
    written = "رسید در سامانه صادر شد، اما چاپ نشد؛ این کاستی را برطرف کرده‌ایم."
    sent = await app.engine.process(text(written, **MANAGER), sender)
    assert sent[0].text == "📝 لایحه‌ی شما برای همه‌ی اعضای هیئت فرستاده شد."
    for chat in (CHAIR, JUDGE, DEPUTY):
        got = (await notices(app, chat_id(chat)))[-1]
        assert got.text == f"📝 لایحه‌ی مدیر دفتر درباره‌ی پرونده‌ی ۱:\n\n{written}"
        assert [[b.label for b in row] for row in got.inline] == [["📂 دیدن پرونده"]]
    assert await notices(app, chat_id(OUTSIDER)) == []
    # Sent once: the invitation's button no longer opens the form.
    again = await app.engine.process(press(invitation.inline[0][0].token, **MANAGER), sender)
    assert again[0].text.startswith("این دعوت برای این گفت‌وگو باز نیست")
    view = await app.engine.process(press(heard.inline[0][0].token, **CHAIR), sender)
    assert f"📝 لایحه‌ی مدیر دفتر:\n{written}" in view[0].text


async def test_25_8_a_staff_member_of_an_office_is_charged_in_chat(
    board_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    app = board_app
    async with app.engine.sessions() as session, session.begin():
        # The manager's earlier final degree 2 sets no floor for a staff member.
        await decide(
            session,
            settings,
            at(1403, 5, 1),
            committed_on=jd(1403, 4, 1),
            sanction=2,
            office_code="1001",
        )
        await received_complaint(session, "1001", "tehran", "1234567800")
        case = await cases.open_case_from_complaints(
            session, settings, clock(), office_code="1001", tracking_codes=["1234567800"]
        )
    [heard] = await notices(app, chat_id(CHAIR))
    opened = await app.engine.process(press(heard.inline[0][0].token, **CHAIR), sender)
    who = await app.engine.process(
        press(token_of(opened, "👤 اتهام: متهم و بندها"), **CHAIR), sender
    )
    assert who[0].text.startswith("متهم کیست (ماده‌ی ۲۵: مدیر و کارکنان دفاتر)؟")
    named = await app.engine.process(press(token_of(who, "یکی از کارکنان دفتر"), **CHAIR), sender)
    assert named[0].text.startswith("نام و نام خانوادگی کارمند:")
    post = await app.engine.process(text("رضا موسوی", **CHAIR), sender)
    assert labels(post)[:3] == ["کارشناس حقوقی", "کارشناس فناوری اطلاعات", "کارمند دفتری"]
    clauses = await app.engine.process(press(token_of(post, "کارمند دفتری"), **CHAIR), sender)
    rude = "▫️ رفتار خارج از نزاکت با ارباب رجوع و همکاران"
    picked = await app.engine.process(press(token_of(clauses, rude), **CHAIR), sender)
    done = await app.engine.process(press(token_of(picked, "تمام ✔"), **CHAIR), sender)
    assert done[0].text == "👤 اتهام ثبت شد."
    charged = done[1].text.split("\n")
    assert "متهم: رضا موسوی، کارمند دفتری دفتر (ماده‌ی ۲۵)" in charged
    assert "• بند ۸ ماده ۲۵: رفتار خارج از نزاکت با ارباب رجوع و همکاران" in charged
    assert "• بند ۱۲ ماده ۲۵: دریافت وجه بیشتر از هزینه‌های تعیین‌شده" not in charged
    assert "تبصره‌ی ۳ ماده‌ی ۲۶ درباره‌ی مدیر دفتر است: برای کارمند متهم کمینه‌ای نیست." in charged
    # The sitting, the clause, every degree offered (no floor), and the ruling against the clerk.
    asked = await app.engine.process(press(token_of(done, "🏛 گشودن جلسه"), **CHAIR), sender)
    sat = await app.engine.process(
        press(token_of(asked, "✔ همه‌ی اعضا حاضرند: جلسه گشوده شود"), **CHAIR), sender
    )
    assert "👤 اتهام: متهم و بندها" not in labels(sat)  # the charge stands once it sits
    put = await app.engine.process(press(token_of(sat, "❓ طرح بند ۸"), **CHAIR), sender)
    await vote_all(app, sender)
    tallied = await tally_last(app, sender, put)
    choices = await app.engine.process(
        press(token_of(tallied, "⚖ طرح اقدام تنبیهی"), **CHAIR), sender
    )
    assert labels(choices)[:2] == ["۱. تذکر شفاهی", "۲. اخطار کتبی"]
    put = await app.engine.process(press(token_of(choices, "۱. تذکر شفاهی"), **CHAIR), sender)
    await vote_all(app, sender)
    tallied = await tally_last(app, sender, put)
    ruling = await app.engine.process(press(token_of(tallied, "✍ نوشتن رأی"), **CHAIR), sender)
    assert ruling[0].text.startswith("رأی هیئت را")
    warned = await app.engine.process(text(RULING, **CHAIR), sender)
    # A verbal warning (Art. 23, degree 1) is given in person: the chair says on which day.
    assert warned[0].text.startswith("رأی جلسه تذکر شفاهی است (درجه‌ی ۱ ماده‌ی ۲۳)")
    crime = await app.engine.process(press(token_of(warned, "امروز"), **CHAIR), sender)
    confirm = await app.engine.process(press(token_of(crime, "خیر"), **CHAIR), sender)
    await app.engine.process(press(token_of(confirm, "✔ ثبت رأی"), **CHAIR), sender)
    async with app.engine.sessions() as session:
        decision = await session.scalar(select(Decision).where(Decision.case_id == case.id))
    assert decision is not None
    assert (decision.offender, decision.offender_name, decision.offender_post) == (
        "staff",
        "رضا موسوی",
        "clerk",
    )
    assert (decision.sanction, decision.violations, decision.crime_referral) == (1, ["25.8"], False)


async def vote_all(app: App, sender: RecordingSender) -> None:
    """Every member presses Yes on the last question they were sent."""
    for chat in (CHAIR, JUDGE, DEPUTY):
        ballot = (await notices(app, chat_id(chat)))[-1]
        await app.engine.process(press(ballot.inline[0][0].token, **chat), sender)


async def tally_last(app: App, sender: RecordingSender, put: list[Reply]) -> list[Reply]:
    """The chair opens the file and tallies its open question."""
    view = await app.engine.process(press(token_of(put, "« پرونده"), **CHAIR), sender)
    tally = [label for label in labels(view) if label.startswith("🧮")]
    return await app.engine.process(press(token_of(view, tally[0]), **CHAIR), sender)


async def test_26_note2_the_chair_is_asked_how_a_withdrawal_mitigated_the_sanction(
    board_app: App, settings: Settings, sender: RecordingSender, clock: Clock
) -> None:
    app = board_app
    async with app.engine.sessions() as session, session.begin():
        complaint_id = await received_complaint(session, "1001", "tehran", "1234567800")
        await complaint_store.add_event(session, complaint_id, "withdrawn", clock())
        case = await cases.open_case_from_complaints(
            session, settings, clock(), office_code="1001", tracking_codes=["1234567800"]
        )
    [heard] = await notices(app, chat_id(CHAIR))
    opened = await app.engine.process(press(heard.inline[0][0].token, **CHAIR), sender)
    assert (
        "شاکی شکایت خود را مسترد کرده است. رسیدگی ادامه می‌یابد، اما در صورت محکومیت دفتر، مجازات "
        "آن باید تخفیف یابد (تبصره ۲ ماده ۲۶)."
    ) in opened[0].text.split("\n")
    asked = await app.engine.process(press(token_of(opened, "🏛 گشودن جلسه"), **CHAIR), sender)
    sat = await app.engine.process(
        press(token_of(asked, "✔ همه‌ی اعضا حاضرند: جلسه گشوده شود"), **CHAIR), sender
    )
    put = await app.engine.process(press(token_of(sat, "❓ طرح بند ۱۲"), **CHAIR), sender)
    await vote_all(app, sender)
    tallied = await tally_last(app, sender, put)
    choices = await app.engine.process(
        press(token_of(tallied, "⚖ طرح اقدام تنبیهی"), **CHAIR), sender
    )
    put = await app.engine.process(press(token_of(choices, "۱. تذکر شفاهی"), **CHAIR), sender)
    await vote_all(app, sender)
    tallied = await tally_last(app, sender, put)
    await app.engine.process(press(token_of(tallied, "✍ نوشتن رأی"), **CHAIR), sender)
    mitigation = await app.engine.process(text(RULING, **CHAIR), sender)
    assert mitigation[0].text.startswith(
        "شکایتی از این پرونده مسترد شده است و استرداد موجب تخفیف مجازات است (تبصره‌ی ۲ ماده‌ی ۲۶)."
    )
    short = await app.engine.process(text("کم", **CHAIR), sender)  # too short: asked again
    assert "شکایتی از این پرونده مسترد شده است" in short[0].text
    applied = "به سبب استرداد شکایت، به تذکر شفاهی بسنده شد."
    warned = await app.engine.process(text(applied, **CHAIR), sender)
    crime = await app.engine.process(press(token_of(warned, "امروز"), **CHAIR), sender)
    confirm = await app.engine.process(press(token_of(crime, "خیر"), **CHAIR), sender)
    assert confirm[0].text == (
        f"این رأی ثبت شود؟\n\n{RULING}\n\nتخفیف (تبصره‌ی ۲ ماده‌ی ۲۶):\n{applied}\n\n"
        "تذکر شفاهی در ۱۴۰۳/۰۸/۱۵ حضوری داده شد (درجه‌ی ۱ ماده‌ی ۲۳)."
    )
    await app.engine.process(press(token_of(confirm, "✔ ثبت رأی"), **CHAIR), sender)
    async with app.engine.sessions() as session:
        decision = await session.scalar(select(Decision).where(Decision.case_id == case.id))
    assert decision is not None and decision.mitigation == applied
