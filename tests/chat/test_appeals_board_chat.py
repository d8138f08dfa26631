"""The Appeals Board in chat (Art. 24): three Council members, each in their own chat, one
presiding (the member marked chair: Art. 24 names none, the service's practice). An appeal's
file reaches every member; the presiding member opens the sitting only with every member
present (this service applies Art. 22 note 2's rule to the Appeals Board: Art. 24 sets none),
puts a ruling, each member votes, the presiding member tallies, writes the ruling and records it
through `rule_appeal`; a heavier sanction on the manager's own appeal is not offered and a forged
one refused; a non-member's and a stale vote are refused."""

from __future__ import annotations

from datetime import timedelta

import jdatetime
import pytest
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.domain import appeals, office_managers, staff_members
from bot.messages.replies import Reply
from bot.notices.complainants import button
from storage.models import (
    Appeal,
    AuditEntry,
    Case,
    Decision,
    Notice,
    Sitting,
    SittingQuestion,
    SittingVote,
)
from storage.statuses import AuditOutcome, Role
from tests.chat.test_complaint_chat import load_sample
from tests.chat.test_desk_chat import notices
from tests.conftest import RecordingSender
from tests.store.board_builders import record_ruling
from tests.support import command, labels, press, sticker, text, token_of

PRESIDING = {"platform": "telegram", "chat_id": 4_100_000_001}
SECOND = {"platform": "bale", "chat_id": 2_100_000_002}
THIRD = {"platform": "telegram", "chat_id": 4_100_000_003}
OUTSIDER = {"platform": "telegram", "chat_id": 4_100_000_004}  # a desk member, not the Council's
GROUNDS = "مدت تعلیق با شدت تخلف و سابقه‌ی دفتر تناسب ندارد و باید بازنگری شود."
RULING = "هیئت تجدیدنظر با حضور همه‌ی اعضا و به اکثریت آرا مجازات هیئت بدوی را تأیید کرد."
OPEN = "🏛 گشودن جلسه"
ALL_PRESENT = "✔ همه‌ی اعضا حاضرند: جلسه گشوده شود"
PUT_A_RULING = "⚖ به رأی گذاشتن رأی"
WAYS_ON = ["🛡 منوی کارکنان", "منوی اصلی"]
READING = "این سامانه قاعده‌ی تبصره‌ی ۲ ماده‌ی ۲۲ را برای هیئت تجدیدنظر نیز به کار می‌برد"


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None, association_provinces="tehran,fars")  # type: ignore[call-arg]


def chat_id(chat: dict[str, object]) -> int:
    return int(str(chat["chat_id"]))


async def link(
    app: App,
    settings: Settings,
    sender: RecordingSender,
    chat: dict[str, object],
    name: str,
    *,
    role: Role = Role.APPEALS_BOARD,
    chair: bool = False,
) -> int:
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        invited = await staff_members.invite(
            session,
            settings,
            now,
            now + timedelta(days=7),
            name=name,
            role=role,
            association="tehran" if role is Role.DESK else None,
            chair=chair,
        )
    await app.engine.process(command("start", "staff-" + invited.code, **chat), sender)  # type: ignore[arg-type]
    return invited.member.id


@pytest.fixture
async def council_app(app: App, settings: Settings, sender: RecordingSender) -> App:
    await load_sample(app)
    await link(app, settings, sender, PRESIDING, "دکتر احمدی", chair=True)
    await link(app, settings, sender, SECOND, "دکتر کریمی")
    await link(app, settings, sender, THIRD, "دکتر موسوی")
    await link(app, settings, sender, OUTSIDER, "کارشناس دبیرخانه", role=Role.DESK)
    return app


async def appealed(app: App, settings: Settings, sanction: int, months: int | None) -> int:
    """The Primary Board's decision against office 1001's manager, appealed by the manager."""
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        case = Case(
            office_code="1001", source="complaints", complaint_ids=[], opened_at=now, status="open"
        )
        session.add(case)
        await session.flush()
        await office_managers.record_since(
            session, settings, now, office_code="1001", since=jdatetime.date(1400, 1, 1)
        )
        recorded = await record_ruling(
            session,
            settings,
            now,
            case_id=case.id,
            violations=["25.12"],
            committed_on=jdatetime.date(1403, 8, 1),
            sanction=sanction,
            months=months,
        )
        await appeals.file_appeal(
            session, settings, now, decision_id=recorded.decision.id, by="manager", grounds=GROUNDS
        )
        return recorded.decision.id


async def audit(app: App) -> list[AuditEntry]:
    async with app.engine.sessions() as session:
        return list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


async def rows(app: App, model: type, *where: object) -> list:  # type: ignore[type-arg]
    async with app.engine.sessions() as session:
        return list(await session.scalars(select(model).where(*where)))


async def opened_by(app: App, sender: RecordingSender, chat: dict[str, object]) -> list[Reply]:
    """The appeal's file, opened from the notice its chat was sent."""
    sent = [n for n in await notices(app, chat_id(chat)) if n.text.startswith("⚖️")][-1]
    return await app.engine.process(
        press(token_of([sent], "📂 دیدن تجدیدنظرخواهی"), **chat), sender
    )


async def ballot(app: App, chat: dict[str, object]) -> Reply:
    return (await notices(app, chat_id(chat)))[-1]


async def vote(
    app: App, sender: RecordingSender, chat: dict[str, object], yes: bool
) -> list[Reply]:
    label = "✔ آری" if yes else "✖ نه"
    return await app.engine.process(
        press(token_of([await ballot(app, chat)], label), **chat), sender
    )


async def crafted(app: App, chat: dict[str, object], action: str, value: dict[str, object]) -> str:
    """A button the server never offered this chat for *value*: made in its own chat."""
    now = app.engine.clock()
    async with app.engine.sessions() as session, session.begin():
        made = await button(
            session, (str(chat["platform"]), chat_id(chat)), "x", action, value, now
        )
    return made.token


async def open_sitting(app: App, sender: RecordingSender) -> list[Reply]:
    opened = await opened_by(app, sender, PRESIDING)
    asked = await app.engine.process(press(token_of(opened, OPEN), **PRESIDING), sender)
    return await app.engine.process(press(token_of(asked, ALL_PRESENT), **PRESIDING), sender)


async def put_and_vote(
    app: App, sender: RecordingSender, label: str, votes: tuple[bool, bool, bool]
) -> list[Reply]:
    """The presiding member puts *label*'s ruling, each member votes, the presiding tallies."""
    view = await opened_by(app, sender, PRESIDING)
    offered = await app.engine.process(press(token_of(view, PUT_A_RULING), **PRESIDING), sender)
    await app.engine.process(press(token_of(offered, label), **PRESIDING), sender)
    for chat, yes in zip((PRESIDING, SECOND, THIRD), votes, strict=True):
        await vote(app, sender, chat, yes)
    view = await opened_by(app, sender, PRESIDING)
    [tally] = [b for b in labels(view) if b.startswith("🧮")]
    return await app.engine.process(press(token_of(view, tally), **PRESIDING), sender)


async def write_and_record(app: App, sender: RecordingSender, tallied: list[Reply]) -> list[Reply]:
    asked = await app.engine.process(press(token_of(tallied, "✍ نوشتن رأی"), **PRESIDING), sender)
    assert asked[-1].text == (
        "رأی هیئت تجدیدنظر را همان‌گونه که اکثریت تصمیم گرفت بنویسید، از ۱۰ تا ۳٬۰۰۰ نویسه. "
        "این متن همراه تجدیدنظرخواهی نگه داشته می‌شود."
    )
    review = await app.engine.process(text(RULING, **PRESIDING), sender)
    assert review[-1].text == f"این رأی ثبت شود؟\n\n{RULING}"
    assert labels(review) == ["✔ ثبت رأی", "✎ نوشتن دوباره", "« تجدیدنظرخواهی", *WAYS_ON]
    done = await app.engine.process(press(token_of(review, "✔ ثبت رأی"), **PRESIDING), sender)
    return review + done  # the confirm's button stays in the review, for a replay


async def test_24_the_appeals_board_rules_in_session_with_every_member_present(
    council_app: App, settings: Settings, sender: RecordingSender
) -> None:
    app = council_app
    decision_id = await appealed(app, settings, 5, 6)
    # Every Council member's chat is sent the appeal's file, with its button; not the desk's.
    for chat in (PRESIDING, SECOND, THIRD):
        [sent] = await notices(app, chat_id(chat))
        assert sent.text.startswith("⚖️ تجدیدنظرخواهی شماره‌ی ۱ از رأی شماره‌ی ۱ (ماده‌ی ۲۴)")
        assert [[b.label for b in row] for row in sent.inline] == [["📂 دیدن تجدیدنظرخواهی"]]
    assert await notices(app, chat_id(OUTSIDER)) == []
    # The staff menu lists the appeals waiting, for the Council's members only.
    menu = await app.engine.process(command("staff", **SECOND), sender)
    assert labels(menu)[0] == "⚖ تجدیدنظرخواهی‌های هیئت تجدیدنظر"
    listed = await app.engine.process(press(token_of(menu, labels(menu)[0]), **SECOND), sender)
    assert listed[0].text == "⚖ تجدیدنظرخواهی‌های در دست هیئت تجدیدنظر: ۱"
    assert labels(listed) == ["⚖ رأی ۱: دفتر ۱۰۰۱", *WAYS_ON]
    desk_menu = await app.engine.process(command("staff", **OUTSIDER), sender)
    assert "⚖ تجدیدنظرخواهی‌های هیئت تجدیدنظر" not in labels(desk_menu)
    # A member reads the file without the presiding member's steps; the presiding one with them.
    read = await app.engine.process(press(token_of(listed, "⚖ رأی ۱: دفتر ۱۰۰۱"), **SECOND), sender)
    for line in (
        "تجدیدنظرخواه: مدیر دفتری که مجازات شده است، با این دلایل:",
        GROUNDS,
        "• بند ۱۲ ماده ۲۵: دریافت وجه بیشتر از هزینه‌های تعیین‌شده",
    ):
        assert line in read[0].text.split("\n"), line
    assert labels(read) == WAYS_ON
    opened = await opened_by(app, sender, PRESIDING)
    assert opened[0].text == read[0].text
    assert labels(opened) == [OPEN, *WAYS_ON]
    # A member who does not preside cannot open the sitting: refused, and audited.
    subject = {"kind": "decision", "id": str(decision_id)}
    forged = await crafted(app, SECOND, "appeals.open_ask", subject)
    refused = await app.engine.process(press(forged, **SECOND), sender)
    assert refused[0].text == (
        "تنها عضوی که ریاست جلسات هیئت تجدیدنظر را دارد می‌تواند این کار را بکند (ماده‌ی ۲۴ "
        "رئیسی تعیین نکرده است: روال این سامانه عضوی است که رئیس علامت خورده است). کاری انجام نشد."
    )
    last = (await audit(app))[-1]
    assert (last.action, last.outcome) == ("appeals.open_ask", AuditOutcome.REFUSED)
    # A member absent: no sitting (the service's reading: Art. 24 sets no quorum).
    asked = await app.engine.process(press(token_of(opened, OPEN), **PRESIDING), sender)
    assert asked[0].text == (
        "هیئت تجدیدنظر تنها با حضور همه‌ی اعضا جلسه دارد و رأی اکثریت پذیرفته است: ماده‌ی ۲۴ "
        f"حد نصاب یا اکثریتی تعیین نکرده است و {READING}. آیا هر ۳ عضو حاضرند؟\n"
        "• دکتر احمدی\n• دکتر کریمی\n• دکتر موسوی"
    )
    assert labels(asked) == [ALL_PRESENT, "✖ عضوی غایب است", "« تجدیدنظرخواهی", *WAYS_ON]
    absent = await app.engine.process(
        press(token_of(asked, "✖ عضوی غایب است"), **PRESIDING), sender
    )
    assert absent[0].text == (
        f"هیئت تجدیدنظر تنها با حضور همه‌ی اعضا جلسه دارد (ماده‌ی ۲۴ حد نصابی تعیین نکرده است؛ "
        f"{READING}): جلسه‌ای گشوده نشد. هنگامی که همه‌ی اعضا حاضر بودند آن را بگشایید."
    )
    assert "تبصره‌ی ۲ ماده‌ی ۲۲)" not in absent[0].text  # never cited as binding the Board
    body = Sitting.body == "appeals_board"
    assert await rows(app, Sitting, body) == []
    # Every member present: the sitting opens on the decision.
    sat = await app.engine.process(press(token_of(asked, ALL_PRESENT), **PRESIDING), sender)
    assert sat[0].text == (
        "🏛 جلسه‌ی ۲ هیئت تجدیدنظر درباره‌ی رأی ۱ با حضور همه‌ی اعضا گشوده شد. رأیی را به رأی بگذارید."
    )
    assert "اعضا: دکتر احمدی (رئیس)، دکتر کریمی، دکتر موسوی" in sat[1].text
    assert labels(sat) == [PUT_A_RULING, *WAYS_ON]
    [sitting] = await rows(app, Sitting, body)
    assert (sitting.status, sitting.subject_kind, sitting.subject_id) == (
        "sitting",
        "decision",
        str(decision_id),
    )
    # The presiding member puts "uphold"; each member's chat gets the question with Yes and No.
    offered = await app.engine.process(press(token_of(sat, PUT_A_RULING), **PRESIDING), sender)
    put = await app.engine.process(press(token_of(offered, "✔ تأیید مجازات"), **PRESIDING), sender)
    assert put[0].text == (
        "❓ پرسش ۱ مطرح شد: آیا مجازات هیئت بدوی تأیید می‌شود؟ هر عضو در گفت‌وگوی خود رأی می‌دهد."
    )
    for chat in (PRESIDING, SECOND, THIRD):
        sent = await ballot(app, chat)
        assert sent.text == (
            "🗳 جلسه‌ی ۲ هیئت تجدیدنظر درباره‌ی رأی ۱، پرسش ۱:\nآیا مجازات هیئت بدوی تأیید "
            "می‌شود؟\nتا رئیس جلسه آرا را نشمرده است می‌توانید رأی خود را تغییر دهید "
            f"({READING}؛ ماده‌ی ۲۴ قاعده‌ای تعیین نکرده است)."
        )
        assert [[b.label for b in row] for row in sent.inline] == [["✔ آری", "✖ نه"]]
    # Bad input in the middle changes nothing.
    assert (await app.engine.process(sticker(**SECOND), sender))[0].text
    # A non-member's vote, on a button made in its own chat: refused by role, and audited.
    [question] = await rows(app, SittingQuestion, SittingQuestion.sitting_id == sitting.id)
    outsider = await crafted(
        app, OUTSIDER, "appeals.vote", {**subject, "question": question.id, "yes": True}
    )
    await app.engine.process(press(outsider, **OUTSIDER), sender)
    last = (await audit(app))[-1]
    assert (last.action, last.outcome, last.chat_id) == (
        "appeals.vote",
        AuditOutcome.REFUSED,
        chat_id(OUTSIDER),
    )
    assert await rows(app, SittingVote, SittingVote.question_id == question.id) == []
    voted = await vote(app, sender, PRESIDING, True)
    assert voted[0].text == (
        "🗳 رأی شما در پرسش ۱: آری. تا رئیس جلسه آرا را نشمرده است می‌توانید آن را تغییر دهید."
    )
    assert labels(voted) == ["✖ تغییر به نه", "« تجدیدنظرخواهی", *WAYS_ON]
    await vote(app, sender, SECOND, True)
    # Not every member voted yet: the tally waits.
    view = await opened_by(app, sender, PRESIDING)
    early = await app.engine.process(
        press(token_of(view, "🧮 شمردن آرای پرسش ۱"), **PRESIDING), sender
    )
    assert early[0].text.startswith("۲ عضو از ۳ عضو رأی داده‌اند")
    await vote(app, sender, THIRD, True)
    tallied = await app.engine.process(
        press(token_of(view, "🧮 شمردن آرای پرسش ۱"), **PRESIDING), sender
    )
    assert tallied[0].text == (f"🧮 پرسش ۱: تصویب شد، ۳ موافق و ۰ مخالف (رأی اکثریت: {READING}).")
    assert labels(tallied) == ["✍ نوشتن رأی", *WAYS_ON]
    # A stale vote, after the tally: refused, nothing changes.
    stale = await vote(app, sender, THIRD, False)
    assert stale[0].text == "آرای این پرسش پیش‌تر شمرده شده است و دیگر تغییر نمی‌کند."
    done = await write_and_record(app, sender, tallied)
    assert done[-1].text == (
        "✔ هیئت تجدیدنظر مجازات را تأیید کرد: رأی قطعی است. رأی ثبت شد؛ ابلاغ آن برای مدیر دفتر "
        "فرستاده می‌شود."
    )
    assert labels([done[-1]]) == WAYS_ON
    [decision] = await rows(app, Decision, Decision.id == decision_id)
    assert decision.status == "final"
    [appeal] = await rows(app, Appeal)
    assert (appeal.ruling, appeal.ruling_text, appeal.sitting_id) == ("uphold", RULING, sitting.id)
    [sitting] = await rows(app, Sitting, body)
    assert (sitting.status, sitting.decision_id) == ("ruled", decision_id)
    [ruled] = await rows(app, Notice, Notice.kind == "appeal_ruling")
    assert ruled.content["ruling"] == "uphold"
    # The replayed confirm acts no more: refused, audited; the file now says the ruling.
    replayed = await app.engine.process(press(token_of(done, "✔ ثبت رأی"), **PRESIDING), sender)
    assert replayed[0].text == (
        "این دکمه پیش‌تر به کار رفته است و تنها یک بار کار می‌کند. کاری دوباره انجام نشد."
    )
    last = (await audit(app))[-1]
    assert (last.action, last.outcome) == ("appeals.rule", AuditOutcome.REFUSED)
    assert len(await rows(app, Notice, Notice.kind == "appeal_ruling")) == 1
    after = await opened_by(app, sender, PRESIDING)
    assert "هیئت تجدیدنظر مجازات را تأیید کرد: رأی قطعی است." in after[0].text.split("\n")
    assert RULING in after[0].text and labels(after) == WAYS_ON


async def test_24_two_of_three_appeals_board_votes_carry(
    council_app: App, settings: Settings, sender: RecordingSender
) -> None:
    app = council_app
    decision_id = await appealed(app, settings, 5, 6)
    await open_sitting(app, sender)
    # One for, two against: no majority, nothing carried; a ruling is put again.
    failed = await put_and_vote(app, sender, "✖ نقض رأی", (True, False, False))
    assert failed[0].text == (
        f"🧮 پرسش ۱: تصویب نشد، ۱ موافق و ۲ مخالف (رأی اکثریت: {READING}).\n"
        "این رأی اکثریت نیاورد: رأیی را دوباره به رأی بگذارید."
    )
    assert labels(failed) == [PUT_A_RULING, *WAYS_ON]
    # Two of three: the replacement by degree 4 carries.
    degree4 = "↔ تبدیل به ماده ۲۳، درجه‌ی ۴: توبیخ با درج در سایت مرکز"
    carried = await put_and_vote(app, sender, degree4, (True, True, False))
    assert carried[0].text == f"🧮 پرسش ۲: تصویب شد، ۲ موافق و ۱ مخالف (رأی اکثریت: {READING})."
    done = await write_and_record(app, sender, carried)
    assert done[-1].text.startswith(
        "✔ هیئت تجدیدنظر مجازات را به ماده ۲۳، درجه‌ی ۴: توبیخ با درج در سایت مرکز تبدیل کرد"
    )
    [decision] = await rows(app, Decision, Decision.id == decision_id)
    [appeal] = await rows(app, Appeal)
    assert (decision.status, appeal.ruling, appeal.new_sanction) == ("replaced", "replace", 4)


async def test_24_a_heavier_sanction_on_the_managers_own_appeal_is_refused_by_default_in_chat(
    council_app: App, settings: Settings, sender: RecordingSender
) -> None:
    app = council_app
    decision_id = await appealed(app, settings, 5, 6)
    sat = await open_sitting(app, sender)
    offered = await app.engine.process(press(token_of(sat, PUT_A_RULING), **PRESIDING), sender)
    shown = labels(offered)
    assert not any("درجه‌ی ۶" in label or "۱۲ ماه" in label or "۲۴ ماه" in label for label in shown)
    assert (
        "↔ تبدیل به ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال)، به مدت ۳ ماه"
        in shown
    )
    assert offered[0].text.split("\n")[-1] == (
        "تنها مدیر مجازات‌شده تجدیدنظر خواسته است: مجازات سنگین‌تر پیشنهاد نمی‌شود (دستورالعمل در "
        "این باره حکمی ندارد؛ این یک تنظیم سامانه است)."
    )
    # A forged put of a revocation (degree 6): refused, nothing put.
    subject = {"kind": "decision", "id": str(decision_id)}
    forged = await crafted(
        app, PRESIDING, "appeals.put", {**subject, "ruling": "replace", "degree": 6, "months": None}
    )
    refused = await app.engine.process(press(forged, **PRESIDING), sender)
    assert refused[0].text.startswith(
        "تنها مدیر مجازات‌شده تجدیدنظر خواسته است: این سامانه اجازه نمی‌دهد هیئت تجدیدنظر"
    )
    assert await rows(app, SittingQuestion, SittingQuestion.ruling.is_not(None)) == []
    # With the setting on (not decided by the directive), the heavier sanctions are offered.
    settings.appeals_board_may_raise_on_own_appeal = True
    offered = await app.engine.process(press(token_of(sat, PUT_A_RULING), **PRESIDING), sender)
    assert "↔ تبدیل به ماده ۲۳، درجه‌ی ۶: لغو دائم پروانه" in labels(offered)
